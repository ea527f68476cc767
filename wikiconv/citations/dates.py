"""Dates, read at their true precision (year, month or day), checked and written as ISO.

Two readers live here.  :func:`find_date` and :func:`parse_date` look for a date in a reference
string, in any language the lexicon knows.  :func:`date_readings` and :func:`parse_date_text`
read a citation field that holds nothing but a date, in English, and give every reading of an
ambiguous one (``12/11/2025``).  The CS1 rules for how a date may be written are in
``cs1_dates.py``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from wikiconv.citations.citation import PartialDate
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.lexicon import fold, lexicon
from wikiconv.citations.memo import per_reference
from wikiconv.citations.whitespace import normalise_space

# A year a reference can plausibly carry (1500 to 2099), and the same standing alone.
PLAUSIBLE_YEAR = r"(?:1[5-9]|20)\d\d"
YEAR_RE = rf"(?<![\d]){PLAUSIBLE_YEAR}(?![\d])"


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text, with where it was and which form it had."""

    date: PartialDate
    start: int
    end: int
    form: str


# ---------------------------------------------------------------------------------------------
# Months and validity


def month_number(word: str) -> int | None:
    """Return 1..12 for a month name or abbreviation in any known language, else None."""
    return lexicon().months.get(fold(word))


def english_months() -> tuple[str, ...]:
    """The English month names, January first (the only ones CS1 accepts)."""
    return lexicon().month_names_en


@cache
def _english_month_numbers() -> dict[str, int]:
    """English month names, their three-letter abbreviations and "sept", lower case, to 1..12."""
    numbers: dict[str, int] = {}
    for number, name in enumerate(english_months(), start=1):
        numbers[name.lower()] = number
        numbers[name[:3].lower()] = number
    numbers["sept"] = 9
    return numbers


def _day_exists(year: int, month: int, day: int) -> bool:
    """Tell whether ``month`` (1..12) of ``year`` has a day ``day``."""
    return 1 <= day <= calendar.monthrange(year, month)[1]


def is_real_date(d: PartialDate) -> bool:
    """Tell whether the month and day exist (31 April and 29 February 2023 do not)."""
    if not 1 <= d.year <= 9999:
        return False
    if d.month is None:
        return d.day is None
    if not 1 <= d.month <= 12:
        return False
    return d.day is None or _day_exists(d.year, d.month, d.day)


def describe_date(d: PartialDate) -> str:
    """A date as numbers for messages: each part it holds (``2023-02-29``, ``2025-12``, ``2025``).

    Unlike :func:`iso`, a day without a month is shown too, since a message may be about it.
    """
    parts = [f"{d.year:04d}"] + [f"{x:02d}" for x in (d.month, d.day) if x is not None]
    return "-".join(parts)


def iso(date: PartialDate | None) -> str:
    """Write a PartialDate as ISO 8601 at its precision ("2020", "2020-05", "2020-05-17")."""
    if date is None:
        return ""
    if date.month is None:
        return f"{date.year:04d}"
    return describe_date(date)


# ---------------------------------------------------------------------------------------------
# Dates in reference strings, in any known language


@cache
def _letter_run_months() -> bool:
    """Whether a month may be matched as a run of letters, then looked up among the forms.

    That gives what the forms' own alternation gives (and compiles far faster) as long as
    only one run of letters can be the month of a match: no form may begin like a day's
    ordinal suffix ("1stMay") or be the "de" of "5 de mayo".
    """
    return not any(
        f[:2] in _ORDINAL_SUFFIXES or f[:1] == "º" or f == "de" for f in lexicon().month_forms
    )


def _month_regex() -> str:
    return r"[^\W\d_]+" if _letter_run_months() else f"(?:{lexicon().month_pattern})"


def _month_matches(pattern: re.Pattern[str], text: str, start: int) -> Iterator[re.Match[str]]:
    """The matches of a month form, as if its month were the alternation of the forms."""
    if not _letter_run_months():
        yield from pattern.finditer(text, start)
        return
    forms = lexicon().month_forms
    pos = start
    while (match := pattern.search(text, pos)) is not None:
        if match.group("m") in forms:
            yield match
            pos = match.end()
        else:  # no month starts here: the alternation would go on from the next character
            pos = match.start() + 1


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    month = rf"(?P<m>{_month_regex()})(?![\w])\.?"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
    year = rf"(?P<y>{YEAR_RE})[a-z]?"
    seasons = "|".join(re.escape(s) for s in sorted(lexicon().seasons, key=len, reverse=True))
    forms = [
        ("iso", r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        ("mdy", rf"(?<![\w]){month}\s{{0,2}}{day}(?!\d),?\s{{1,2}}{year}"),
        ("dmy", rf"(?<![\w\d]){day}\s{{0,2}}(?:de\s)?{month},?\s{{1,2}}(?:de\s)?{year}"),
        ("ymd", rf"{year},?\s{{1,2}}{month}\s{{1,2}}{day}(?!\d)"),
        ("ym", rf"{year},?\s{{1,2}}{month}(?!\w)"),
        ("my", rf"(?<![\w]){month},?\s{{1,2}}{year}"),
        ("season", rf"(?i:(?<![\w])(?:{seasons}))(?!\w)[,/ ]\s?{year}"),
        ("year", year),
    ]
    return [(name, re.compile(rx)) for name, rx in forms]


_MONTH_FORMS = frozenset({"mdy", "dmy", "ymd", "ym", "my"})
_WORD_RUN = lazy_re(r"[^\W\d_]+")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "er"})


def _may_hold_month(text: str) -> bool:
    """Tell whether a month form can match in ``text`` (a quick test before the patterns).

    A month form is a whole run of letters, or the end of one after a day's ordinal suffix
    ("1stMay", "1ºenero").
    """
    forms = lexicon().month_forms
    for word in _WORD_RUN.findall(text):
        if word in forms:
            return True
        if word[:2] in _ORDINAL_SUFFIXES and word[2:] in forms:
            return True
        if word[0] == "º" and word[1:] in forms:
            return True
    return False


def _build(match: re.Match[str], form: str) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if form in ("year", "season"):
        return PartialDate(year)
    raw_month = groups.get("m") or ""
    month = int(raw_month) if raw_month.isdigit() else month_number(raw_month)
    if month is None or not 1 <= month <= 12:
        return None
    # "may 2020" in running text is more often the verb; only a day makes it a date
    ambiguous = fold(raw_month) in ("may", "mar", "jan", "sep", "oct")
    if raw_month.islower() and ambiguous and form in ("ym", "my"):
        return None
    day_text = groups.get("d")
    if day_text is None:
        return PartialDate(year, month)
    day = int(day_text)
    if not _day_exists(year, month, day):
        return None
    return PartialDate(year, month, day)


def find_date(text: str, start: int = 0) -> DateMatch | None:
    """Find the most precise date in ``text`` (a day date beats a month, a month a year)."""
    return _find_date(text, start) if start else _find_date_from_start(text)


@per_reference
def _find_date_from_start(text: str) -> DateMatch | None:
    return _find_date(text, 0)


def _find_date(text: str, start: int) -> DateMatch | None:
    patterns = _patterns()
    year = patterns[-1][1].search(text, start)
    month: bool | None = None
    for form, pattern in patterns:
        if form == "iso":
            if "-" not in text:
                continue
        elif year is None:
            return None  # every form but ISO holds a plausible year
        elif form in _MONTH_FORMS:
            if month is None:
                month = _may_hold_month(text)
            if not month:
                continue
        elif form == "year":
            return DateMatch(PartialDate(int(year.group("y"))), year.start(), year.end(), form)
        if form in _MONTH_FORMS:
            matches = _month_matches(pattern, text, start)
        else:
            matches = pattern.finditer(text, start)
        for match in matches:
            date = _build(match, form)
            if date is not None:
                return DateMatch(date, match.start(), match.end(), form)
    return None


def parse_date(text: str) -> PartialDate | None:
    """Read ``text`` as a date if it is nothing but one ("11 December 2025", "2020-05")."""
    stripped = text.strip().strip(".,;:()[]").strip()
    if not stripped or len(stripped) > 60:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", stripped):
        year, month = int(stripped[:4]), int(stripped[5:])
        return PartialDate(year, month) if 1 <= month <= 12 else None
    found = find_date(stripped)
    if found is None:
        return None
    rest = (stripped[: found.start] + " " + stripped[found.end :]).strip(" ,.;:/-–")
    if rest and not re.fullmatch(r"(?i)(c|ca|circa|last modified|updated|published|on)\.?", rest):
        return None
    return found.date


@cache
def _day_month_pattern() -> re.Pattern[str]:
    months = _month_regex()
    return re.compile(
        rf"\s*(?:(?P<d1>\d{{1,2}})\s(?P<m1>{months})|(?P<m2>{months})\.?\s(?P<d2>\d{{1,2}}))\s*"
    )


def day_month(text: str) -> tuple[int, int] | None:
    """Read a day and month without a year ("8 April", "April 8") as (month, day)."""
    match = _day_month_pattern().fullmatch(text)
    if not match:
        return None
    if (
        _letter_run_months()
        and (match.group("m1") or match.group("m2")) not in lexicon().month_forms
    ):
        return None
    number = month_number(match.group("m1") or match.group("m2"))
    day = int(match.group("d1") or match.group("d2"))
    if number is None or not 1 <= day <= 31:
        return None
    return number, day


@per_reference
def is_no_date(text: str) -> bool:
    """Tell whether ``text`` says the work is undated ("n.d.")."""
    return fold(text) in lexicon().no_date


# ---------------------------------------------------------------------------------------------
# A citation field that holds one date, in English


_LOOSE_MONTH = r"([A-Za-z]{3,9})\.?"
_LOOSE_FORMS = [
    ("ymd", lazy_re(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")),
    ("ym", lazy_re(r"^(\d{4})-(\d{1,2})$")),
    ("slash", lazy_re(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")),
    ("ymd/", lazy_re(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")),
    ("dMy", lazy_re(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+{_LOOSE_MONTH},?\s+(\d{{3,4}})$")),
    ("Mdy", lazy_re(rf"^{_LOOSE_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{3,4}})$")),
    ("My", lazy_re(rf"^{_LOOSE_MONTH},?\s+(\d{{3,4}})$")),
    ("y", lazy_re(r"^(\d{3,4})$")),
]


def _loose_candidates(form: str, g: tuple[str, ...]) -> list[PartialDate]:
    """The dates one matched form of :data:`_LOOSE_FORMS` can mean, real or not."""
    if form == "ymd" or form == "ymd/":
        return [PartialDate(int(g[0]), int(g[1]), int(g[2]))]
    if form == "ym":
        return [PartialDate(int(g[0]), int(g[1]))]
    if form == "slash":
        a, b, y = int(g[0]), int(g[1]), int(g[2])
        return [PartialDate(y, a, b), PartialDate(y, b, a)]
    if form in ("dMy", "Mdy", "My"):
        month = _english_month_numbers().get((g[1] if form == "dMy" else g[0]).lower())
        if month is None:
            return []
        if form == "dMy":
            return [PartialDate(int(g[2]), month, int(g[0]))]
        if form == "Mdy":
            return [PartialDate(int(g[2]), month, int(g[1]))]
        return [PartialDate(int(g[1]), month)]
    return [PartialDate(int(g[0]))]


def date_readings(text: str) -> list[PartialDate]:
    """Every real date ``text`` can mean, in CS1 forms and in common forms CS1 rejects.

    ``12/11/2025`` gives two readings (11 December and 12 November); ``2025-12`` gives
    December 2025; lower-case or abbreviated months are read too.
    """
    text = normalise_space(text)
    out: list[PartialDate] = []
    for form, pattern in _LOOSE_FORMS:
        m = pattern.match(text)
        if not m:
            continue
        for d in _loose_candidates(form, m.groups()):
            if is_real_date(d) and d not in out:
                out.append(d)
    return out


def parse_date_text(text: str) -> PartialDate | None:
    """The one date ``text`` means, or None when it means none or is ambiguous."""
    readings = date_readings(text)
    return readings[0] if len(readings) == 1 else None
