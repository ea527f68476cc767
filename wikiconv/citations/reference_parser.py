"""Free-text reference strings (a References list entry) to :class:`Citation`, with its guesses.

The string is cleaned of what every style appends (URLs, identifiers, "Retrieved …",
"Archived from the original on …"), cut into typed tokens by ``grammar/reference.lark``,
then read once per way its head can be an author list (``names.py``).  Each reading splits
the rest into a title and a tail of elements (``reference_tail.py``) and is scored; the best
one is returned, and every decision it took is written into ``Citation.guesses``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wikiconv.citations.citation import Citation, Contributor, PartialDate
from wikiconv.citations.dates import find_date, iso, parse_date
from wikiconv.citations.identifiers import (
    identifier_from_url,
    normalize_arxiv,
    normalize_doi,
    normalize_isbn,
    normalize_issn,
    normalize_oclc,
    normalize_pmc,
    normalize_pmid,
)
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.lexicon import fold, folded_phrases, lexicon, trie_pattern
from wikiconv.citations.memo import reset as reset_memo
from wikiconv.citations.names import NameList, organisation_reason, scan_all
from wikiconv.citations.reference_tail import Reading, read_rest
from wikiconv.citations.reference_tokens import Tok, is_site, tokenize

__all__ = ["parse_reference", "reference_candidates"]

_MIN_SCORE = 1.0  # below this, the best reading left too much unexplained to be trusted
_MAX_LEN = 5000  # longer strings are not references; only their head is read
_LABEL = lazy_re(
    r"^\s*(?:[-*•^]\s+)?(?:\[(?P<b>\d{1,4}|[A-Za-z][\w\-]{0,20})\]|(?P<n>\d{1,3})[.)])\s+"
)
_BULLET = lazy_re(r"^\s*(?:[-*•]|\^)\s+")
_ARCHIVE_HOSTS = lazy_re(
    r"(?:web\.archive\.org|archive\.(?:today|ph|is|li)|webcitation\.org)/", re.I
)
_ARCHIVE_STAMP = lazy_re(r"/web/(\d{4})(\d{2})(\d{2})\d{0,6}")
_MEDIUM = lazy_re(
    r"\[(?:Online|online|Internet|PDF|Blog post|Video|Tweet)\]|\((?:PDF|online)\)", re.I
)
_SECTION = lazy_re(r"[^/\s]+/[A-Za-z]{1,20}/?")  # "runwayml.com/news": a site section
_PHRASE_END = lazy_re(r"\s*[)\]]?\s*(?:,?\s*from\b)?\s*[.,]?")
_FOUR_DIGITS = lazy_re(r"\d{4}")
_ID_TYPES = {"DOI", "ISBN", "ARXIV", "PMID", "PMC", "OCLC", "ISSN"}
_ID_LABELS = {
    "doi",
    "available",
    "at",
    "from",
    "url",
    "online",
    "retrieved",
    "isbn",
    "arxiv",
    "preprint",
}


@dataclass
class Prepared:
    """A reference after its appendages (links, identifiers, access dates) were taken off."""

    raw: str
    text: str
    label: str = ""
    url: str = ""
    archive_url: str = ""
    archive_date: PartialDate | None = None
    access_date: PartialDate | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    tokens: list[Tok] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    truncated: bool = False


def _phrase_regex(key: str) -> re.Pattern[str]:
    phrases = sorted(lexicon().phrases[key], key=len, reverse=True)
    alternation = "|".join(re.escape(p) for p in phrases)
    lowered = {p.lower() for p in phrases}
    if _caseless_distinct("".join(lowered)) and all(p.isascii() or p.islower() for p in lowered):
        # The same phrases factored by prefix: since each is followed by a word boundary and
        # no two letters of the lowered phrases match each other ignoring case, the trie
        # tries them longest first wherever the alternation would, and matches the same text.
        alternation = trie_pattern(lowered)
    return re.compile(
        rf"(?:(?<=\s)|^|(?<=[(\[.,;]))(?:{alternation})(?![\w])\s*:?\s*", re.IGNORECASE
    )


def _caseless_distinct(chars: str) -> bool:
    """Tell whether no two of ``chars`` match each other when case is ignored."""
    distinct = sorted(set(chars))
    return not any(
        re.fullmatch("(?i)" + re.escape(a), b)
        for i, a in enumerate(distinct)
        for b in distinct[i + 1 :]
    )


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(key: str) -> re.Pattern[str]:
    if key not in _PATTERNS:
        _PATTERNS[key] = _phrase_regex(key)
    return _PATTERNS[key]


def _take_dated_phrase(text: str, key: str) -> tuple[str, PartialDate | None, str]:
    """Remove "Retrieved 5 May 2021" (or an archive phrase) from text; return the date found."""
    for match in _pattern(key).finditer(text):
        found = find_date(text[match.end() : match.end() + 45])
        if found is None or found.start > 2:
            continue
        start, end = match.start(), match.end() + found.end
        if start > 0 and text[start - 1] in "([":
            start -= 1
        tail = _PHRASE_END.match(text, end)
        end = tail.end() if tail else end
        phrase = text[match.start() : match.end()].strip(" :")
        return text[:start] + " " + text[end:], found.date, phrase
    return text, None, ""


def _drop_update_note(text: str, prep: Prepared) -> str:
    """Drop Vancouver's "[updated 2024 Apr 5; …]": a revision date, not the publication date."""
    if "[" not in text:
        return text
    if "update" not in _PATTERNS:
        words = "|".join(re.escape(w) for w in lexicon().phrases["update_notes"])
        _PATTERNS["update"] = re.compile(rf"\[\s?(?:{words})\s[^\];]{{1,40}}(?P<end>;\s?|\])", re.I)
    match = _PATTERNS["update"].search(text)
    if match is None or find_date(match.group(0)) is None:
        return text
    prep.guesses.append(f"dropped the update note '{match.group(0).strip('[]; ')}'")
    keep = "[" if match.group("end").startswith(";") else " "
    return text[: match.start()] + keep + text[match.end() :]


def _clean_url(url: str) -> str:
    url = url.strip("<>")
    while url and url[-1] in ".,;:'\"»”]":
        url = url[:-1]
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def _prepare(raw: str) -> Prepared:
    text = " ".join(raw.split())
    prep = Prepared(raw=raw, text=text)
    if len(text) > _MAX_LEN:
        text = text[:_MAX_LEN]
        prep.truncated = True
        prep.guesses.append(
            f"only the first {_MAX_LEN} characters were read: too long for a reference"
        )
    match = _LABEL.match(text)
    if match and not (match.group("n") and _FOUR_DIGITS.match(text, match.end())):
        prep.label = match.group("b") or match.group("n") or ""
        text = text[match.end() :]
        prep.guesses.append(f"'{prep.label}' is the list label: leading number")
    else:
        bullet = _BULLET.match(text)
        if bullet:
            text = text[bullet.end() :]
    text = _drop_update_note(text, prep)
    text, prep.access_date, phrase = _take_dated_phrase(text, "accessed")
    if prep.access_date:
        prep.guesses.append(f"'{phrase}' date is the access date")
    text, prep.archive_date, phrase = _take_dated_phrase(text, "archived")
    if prep.archive_date:
        prep.guesses.append(f"'{phrase}' date is the archive date")
    if _MEDIUM.search(text):
        text = _MEDIUM.sub(" ", text)
        prep.guesses.append("dropped a medium note ([Online], [Internet], (PDF))")
    prep.text = text
    prep.tokens = _strip_links_and_ids(tokenize(text), prep)
    return prep


def _add_identifier(prep: Prepared, key: str, value: str | None, shown: str) -> bool:
    if value is None:
        prep.guesses.append(f"ignored {key.upper()} '{shown}': not valid (bad form or checksum)")
        return False
    prep.identifiers.setdefault(key, value)
    return True


_NORMALIZERS = {
    "DOI": ("doi", normalize_doi),
    "ISBN": ("isbn", normalize_isbn),
    "ARXIV": ("arxiv", normalize_arxiv),
    "PMID": ("pmid", normalize_pmid),
    "PMC": ("pmc", normalize_pmc),
    "OCLC": ("oclc", normalize_oclc),
    "ISSN": ("issn", normalize_issn),
}


def _strip_links_and_ids(toks: list[Tok], prep: Prepared) -> list[Tok]:
    kept: list[Tok] = []
    for tok in toks:
        kind = tok.type
        url = ""
        if kind in ("URL", "ANGLE_URL"):
            url = _clean_url(tok.text)
        elif kind == "DOTTED" and "/" in tok.text and is_site(tok.text):
            if _SECTION.fullmatch(tok.text.rstrip(".,;")):
                prep.guesses.append(f"'{tok.text.rstrip('.,;')}' is a site section, not a page URL")
            else:
                url = _clean_url(tok.text)
        if url:
            _drop_labels(kept)
            _take_url(url, prep)
            continue
        if kind in _ID_TYPES:
            key, normalizer = _NORMALIZERS[kind]
            value = normalizer(tok.text)
            _add_identifier(prep, key, value, tok.text)
            _drop_labels(kept)
            continue
        if kind == "ITALIC" and _italic_identifier(tok, prep):
            _drop_labels(kept)
            continue
        if kind == "MDLINK":
            destination = tok.text[tok.text.index("](") + 2 : -1]
            found = identifier_from_url(destination)
            if found:
                prep.identifiers.setdefault(found[0], found[1])
            elif not prep.url:
                prep.url = destination
        kept.append(tok)
    return kept


def _italic_identifier(tok: Tok, prep: Prepared) -> bool:
    """An identifier set in italics ("*arXiv:1412.6980*", IEEE): take it as the identifier."""
    body = tok.text[1:-1].strip()
    for key, normalizer in (("arxiv", normalize_arxiv), ("doi", normalize_doi)):
        if re.match(r"(?i)arxiv|doi|10\.", body):
            value = normalizer(body)
            if value:
                prep.identifiers.setdefault(key, value)
                return True
    return False


def _drop_labels(kept: list[Tok]) -> None:
    """Remove "doi:", "Available at:", "arXiv preprint" just before an identifier or URL."""
    while kept and (kept[-1].type == "COLON" or kept[-1].word in _ID_LABELS):
        kept.pop()


def _take_url(url: str, prep: Prepared) -> None:
    if _ARCHIVE_HOSTS.search(url):
        if not prep.archive_url:
            prep.archive_url = url
            stamp = _ARCHIVE_STAMP.search(url)
            if stamp and prep.archive_date is None:
                prep.archive_date = parse_date("-".join(stamp.groups()))
            prep.guesses.append(f"'{url}' is the archive copy: archive host")
        return
    found = identifier_from_url(url)
    if found:
        prep.identifiers.setdefault(found[0], found[1])
        prep.guesses.append(f"'{url}' gives {found[0]} {found[1]}: resolver URL")
        return
    if not prep.url:
        prep.url = url


def _is_non_citation(text: str) -> bool:
    folded = fold(text)
    if not folded or not any(c.isalnum() for c in folded):
        return True
    return folded.startswith(folded_phrases("non_citations"))


def _citation(prep: Prepared) -> Citation:
    return Citation(
        raw=prep.raw,
        label=prep.label,
        url=prep.url,
        access_date=prep.access_date,
        archive_url=prep.archive_url,
        archive_date=prep.archive_date,
        identifiers=dict(prep.identifiers),
        guesses=list(prep.guesses),
    )


def _generic(prep: Prepared, why: str) -> Citation:
    cit = Citation(raw=prep.raw, label=prep.label, guesses=[*prep.guesses, why])
    return cit


def _describe_names(names: NameList) -> list[str]:
    notes = list(names.notes)
    role = "editors" if names.editors else "authors"
    forms = {
        "inverted": "'Family, Given' order (APA/Harvard/CS1)",
        "first-inverted": "first name inverted, the rest in direct order (MLA/Chicago)",
        "direct": "'Given Family' order (IEEE/Chicago notes)",
        "vancouver": "Vancouver 'Family AB' order",
        "family-initials": "'Family A.B.' order",
        "organisation": "one corporate name",
    }
    shown = "; ".join(
        p.organization or (f"{p.family}, {p.given}" if p.given else p.family) for p in names.people
    )
    notes.append(f"read {role} '{shown}' in {forms[names.form]}")
    if names.form != "organisation":
        for person in names.people:
            reason = organisation_reason(f"{person.given} {person.family}".strip())
            if reason and "single word" not in reason and "acronym" not in reason:
                notes.append(f"'{person.given} {person.family}' kept as a person despite {reason}")
    if names.et_al:
        notes.append("'et al.': more authors exist than are listed")
    return notes


def _assemble(prep: Prepared, names: NameList | None) -> tuple[float, Citation]:
    cit = _citation(prep)
    start = names.end if names else 0
    if names is not None:
        if names.editors:
            cit.editors = list(names.people)
        else:
            cit.authors = list(names.people)
        cit.guesses.extend(_describe_names(names))
    reading: Reading = read_rest(prep.text, prep.tokens, start, names, cit)
    score = reading.score + (names.score if names else 0.0)
    return score, cit


def _substantive(cit: Citation) -> bool:
    if cit.url or cit.identifiers or cit.archive_url:
        return True
    if not cit.title:
        return False
    others = [bool(cit.authors or cit.editors), cit.date is not None, bool(cit.container)]
    others += [bool(cit.publisher), bool(cit.volume or cit.pages), cit.kind != "generic"]
    return any(others)


def reference_candidates(text: str) -> list[tuple[float, Citation]]:
    """Read ``text`` every plausible way; return (score, Citation) pairs, best first."""
    reset_memo()  # helpers' answers are shared by this string's readings only
    try:
        prep = _prepare(text)
    except Exception as exc:  # noqa: BLE001 - any string in, a Citation out
        return [(0.0, Citation(raw=text, guesses=[f"nothing parsed: {type(exc).__name__}"]))]
    if _is_non_citation(prep.text):
        return [(0.0, _generic(prep, "not a citation: a cross-reference, note or empty text"))]
    candidates: list[tuple[float, Citation]] = []
    options: list[NameList | None] = [*scan_all(prep.tokens), None]
    for option in options:
        try:
            candidates.append(_assemble(prep, option))
        except Exception as exc:  # noqa: BLE001 - one bad reading must not sink the others
            cit = _generic(prep, f"a reading failed: {type(exc).__name__}")
            candidates.append((-10.0, cit))
    candidates.sort(key=lambda pair: -pair[0])
    best_score, best = candidates[0]
    linked = bool(best.url or best.identifiers or best.archive_url)
    if not _substantive(best) or (best_score < _MIN_SCORE and not linked):
        generic = _generic(prep, "kept as generic text: no title with authors, date or source")
        return [(0.0, generic), *candidates]
    best.guesses.append(
        f"chose this reading (score {best_score:.1f}) over {len(candidates) - 1} other(s)"
    )
    return candidates


def parse_reference(text: str) -> Citation:
    """Parse one free-text reference into a Citation (kind "generic" when nothing fits)."""
    return reference_candidates(text)[0][1]


def describe(cit: Citation) -> dict[str, object]:
    """A flat view of a Citation for printing and evaluation (dates in ISO form)."""

    def person(p: Contributor) -> str:
        return (
            "{" + p.organization + "}" if p.organization else f"{p.family}, {p.given}".strip(", ")
        )

    return {
        "kind": cit.kind,
        "authors": [person(p) for p in cit.authors],
        "editors": [person(p) for p in cit.editors],
        "title": cit.title,
        "container": cit.container,
        "publisher": cit.publisher,
        "location": cit.location,
        "date": iso(cit.date),
        "url": cit.url,
        "access_date": iso(cit.access_date),
        "archive_url": cit.archive_url,
        "archive_date": iso(cit.archive_date),
        **{key: value for key, value in cit.identifiers.items()},
        "volume": cit.volume,
        "issue": cit.issue,
        "pages": cit.pages,
        "edition": cit.edition,
        "label": cit.label,
    }
