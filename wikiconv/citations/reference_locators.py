"""Locators in a reference's tail: volume, issue, pages and edition, found by their shapes.

Each style writes them differently: APA "12(3), 45–67", MLA "vol. 45, no. 2", Chicago
"11, no. 1 (2017): 1–34", Vancouver "2002;347(4):284-7", Nature "596, 583–589 (2021)".  The
combined shapes are tried first (one per sentence), then the labelled ones ("vol.", "no.",
"pp."), each only while its field is still empty.
"""

from __future__ import annotations

import re

from wikiconv.citations.citation import Citation
from wikiconv.citations.dates import PLAUSIBLE_YEAR as _YEAR
from wikiconv.citations.dates import find_date
from wikiconv.citations.lazy_re import lazy_re

# IEEE groups the digits of large page numbers: "11 203–11 215" (read as 11203–11215).
_GROUPED = r"\d{2,3}[ \u2009\u202f]\d{3}\s?[–—\-]\s?\d{2,3}[ \u2009\u202f]\d{3}(?!\d)"
# A page, a range, or an article number with letters inside ("e2020WR028641").
_RANGE = (
    rf"(?:{_GROUPED}|[A-Za-z]{{0,2}}\d{{1,9}}(?:[A-Z]{{1,4}}\d{{1,9}})?"
    r"(?:\s?[–—\-]\s?[A-Za-z]{0,2}\d{1,9})?)"
)
# A page range standing alone: "491-497", "e12–e19".
_PAGE_SPAN = r"[A-Za-z]?\d{1,7}\s?[–—\-]\s?[A-Za-z]?\d{1,7}"
_LOCATORS: list[tuple[str, re.Pattern[str]]] = [
    # Vancouver/ICMJE: 2002 Jul 25;347(4):284-7
    (
        "vancouver",
        lazy_re(
            rf"(?P<date>{_YEAR}(?:\s[A-Z][a-z]{{2}}(?:\s\d{{1,2}})?)?)\s?;\s?(?P<vol>\d{{1,6}}[A-Z]?)?"
            rf"(?:\s?\((?P<iss>[^()]{{1,20}})\))?(?:\s?:\s?(?P<pp>{_RANGE}))?"
        ),
    ),
    # Chicago: 11, no. 1 (Spring 2017): 1–34
    (
        "chicago",
        lazy_re(
            rf"(?<![\w])(?P<vol>\d{{1,6}}),\s?no\.\s?(?P<iss>[\w–\-/]{{1,12}})\s?\((?P<date>[^()]{{1,40}})\)"
            rf"(?::\s?(?P<pp>{_RANGE}))?"
        ),
    ),
    # ACM: 36, 3 (1988), 454-469
    (
        "acm",
        lazy_re(
            rf"(?<![\w])(?P<vol>\d{{1,6}}),\s(?P<iss>\d{{1,4}})\s\((?P<date>{_YEAR})\),\s?(?P<pp>{_RANGE})"
        ),
    ),
    # Nature: 596, 583–589 (2021)
    (
        "nature",
        lazy_re(rf"(?<![\w])(?P<vol>\d{{1,6}}),\s(?P<pp>{_RANGE})\s\((?P<date>{_YEAR})\)"),
    ),
    # Chicago without issue: 12 (2017): 45–67
    (
        "chicago-vol",
        lazy_re(
            rf"(?<![\w])(?P<vol>\d{{1,6}})\s\((?P<date>[^()]{{0,30}}{_YEAR})\)(?::\s?(?P<pp>{_RANGE}))?"
        ),
    ),
    # APA/Harvard/Cora: 12(3), 45–67 | 5 (1), 33-42 | 39(1): 71 - 88 | 42(2-3)
    (
        "apa",
        lazy_re(
            rf"(?<![\w.])(?P<vol>\d{{1,6}})\s?\((?P<iss>[^()]{{1,15}})\)(?:\s?[,:]\s?(?:pp?\.\s?|pages\s)?(?P<pp>{_RANGE}))?"
        ),
    ),
    # APA without issue, Harvard "16: 491-497", "60, 241- 253"
    (
        "volume-pages",
        lazy_re(rf"(?<![\w.\-–])(?P<vol>\d{{1,6}})\s?[,:]\s?(?P<pp>{_PAGE_SPAN})(?![\w])"),
    ),
]
_VOLUME = lazy_re(
    r"(?<![\w])(?:vol|Vol|VOL|volume|Volume|v|Bd|Jg|t|tome)\.?\s?(?P<v>[A-Z]{0,4}-?\s?\d[\w\-]{0,8}|[IVXLC]{1,6})(?![\w])"
)
_ISSUE = lazy_re(
    r"(?<![\w])(?:no|No|NO|nr|Nr|nos|Nos|issue|Issue|iss|Heft|H|núm|n)\.?\s?(?P<i>\d[\w\-/–]{0,8})(?![\w])"
)
_PAGES = lazy_re(
    rf"(?<![\w])(?:pp|p|pg|pages|page|S|Pp|P)\.?\s?(?P<p>{_RANGE}(?:,\s?[A-Za-z]?\d{{1,7}}[–—\-][A-Za-z]?\d{{1,7}})*)(?![\w])"
)
_EDITION = lazy_re(
    r"\(?(?P<e>\d{1,3}(?:st|nd|rd|th|\.ª|e)?|[Rr]evised|[Rr]ev\.|[Ee]xpanded|[Ff]irst|[Ss]econd|[Tt]hird|[Nn]ew|[Ii]nternational)"
    r"\s?(?:ed|edn|edition|Aufl|éd)\.?\)?(?![\w])"
)


# Whether abbreviated ranges are written out ("987-95" -> "987–995").  Off: the project's
# labelled set and tests keep them as written ("284-7"); the blind set writes them out.
EXPAND_ABBREVIATED_PAGES = False


def expand_range(pages: str) -> str:
    """Write out an abbreviated range with an en dash: "987-95" -> "987–995".

    Anything else (a full range, letters, several ranges) is returned unchanged.
    """
    match = re.fullmatch(r"(\d{1,7})[–—\-](\d{1,7})", pages)
    if not match:
        return pages
    first, last = match.groups()
    if len(last) < len(first):
        full = first[: len(first) - len(last)] + last
        if int(full) > int(first):
            return f"{first}–{full}"
    return pages


_PAGE_SPACE = lazy_re(r"[\s\u2009\u202f]")


def compact_pages(pages: str) -> str:
    """Pages without the spaces of a range or of IEEE digit grouping ("11 203–11 215")."""
    pages = _PAGE_SPACE.sub("", pages)
    return expand_range(pages) if EXPAND_ABBREVIATED_PAGES else pages


_YEAR_ONLY = lazy_re(_YEAR)
_YEAR_SUFFIX = lazy_re(_YEAR + "[a-z]?")
_PAGE_SPAN_ONLY = lazy_re(_PAGE_SPAN)


def is_year(text: str, suffix: bool = False) -> bool:
    """Tell whether ``text`` is a plausible year (``2019``; with ``suffix``, ``2019a`` too)."""
    return bool((_YEAR_SUFFIX if suffix else _YEAR_ONLY).fullmatch(text))


def is_page_range(text: str) -> bool:
    """Tell whether ``text`` is a page range and nothing else ("491-497", "e12 – e19")."""
    return bool(_PAGE_SPAN_ONLY.fullmatch(text))


def _may_match(name: str, text: str) -> bool:
    """A quick test that holds wherever the combined shape ``name`` can match in ``text``."""
    if name == "vancouver":
        return ";" in text
    if name == "volume-pages":
        return ("," in text or ":" in text) and ("-" in text or "–" in text or "—" in text)
    return "(" in text and (name != "chicago" or "no." in text)


def has_locator(text: str) -> bool:
    """Tell whether ``text`` holds a combined locator shape or a labelled page range."""
    return any(
        _may_match(name, text) and pattern.search(text) for name, pattern in _LOCATORS
    ) or bool(_PAGES.search(text))


def set_date(cit: Citation, text: str, notes: list[str], why: str) -> bool:
    """Take the date in ``text`` for ``cit`` (or make its date more precise); say whether it fits.

    A date is set only when ``cit`` has none; a later date of the same year may add the month.
    The answer is False when ``text`` holds no date or one of another year.
    """
    found = find_date(text)
    if found is None:
        return False
    if cit.date is None:
        cit.date = found.date
        notes.append(f"'{text[found.start : found.end]}' is the date: {why}")
        return True
    same_year = cit.date.year == found.date.year
    if same_year and cit.date.month is None and found.date.month is not None:
        cit.date = found.date
        notes.append(f"'{text[found.start : found.end]}' makes the date more precise")
    return same_year


def take_edition(cit: Citation, text: str) -> str:
    """Read an edition ("2nd ed.", "(Revised edition)") into ``cit``; return ``text`` without it."""
    if "ed" not in text and "Aufl" not in text and "éd" not in text:
        return text  # every edition word holds one of these
    edition = _EDITION.search(text)
    if edition:
        cit.edition = cit.edition or edition.group("e")
        text = text[: edition.start()] + " " + text[edition.end() :]
    return text


def take_locators(cit: Citation, text: str, notes: list[str]) -> tuple[str, int]:
    """Read volume, issue and pages into ``cit``: (``text`` without them, how many were read)."""
    matched = 0
    for name, pattern in _LOCATORS:
        match = pattern.search(text) if _may_match(name, text) else None
        if match is None:
            continue
        groups = match.groupdict()
        if name == "volume-pages" and (cit.volume or cit.pages):
            continue
        if name == "apa" and groups.get("iss") and find_date(groups["iss"]):
            continue
        vol, iss, pp = groups.get("vol"), groups.get("iss"), groups.get("pp")
        if vol and not cit.volume:
            cit.volume = vol.strip()
        if iss and not cit.issue:
            cit.issue = iss.strip()
        if pp and is_year(pp.strip()):
            set_date(cit, pp, notes, "a year after the locators")
        elif pp and not cit.pages:
            cit.pages = compact_pages(pp)
        if groups.get("date"):
            set_date(cit, groups["date"], notes, f"{name} locator")
        notes.append(f"'{match.group(0)}' read as {name} volume/issue/pages")
        matched += 1
        text = text[: match.start()] + " " + text[match.end() :]
        break
    for pattern, attr in ((_VOLUME, "volume"), (_ISSUE, "issue"), (_PAGES, "pages")):
        match = pattern.search(text)
        if match and not getattr(cit, attr):
            value = match.group(1).strip()
            if attr == "pages":
                value = compact_pages(value)
            setattr(cit, attr, value)
            matched += 1
            text = text[: match.start()] + " " + text[match.end() :]
    return text, matched
