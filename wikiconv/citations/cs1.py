"""Write a :class:`Citation` as one Citation Style 1 template (``{{cite web}}`` and kin).

The promise: no template comes out carrying a CS1 error silently.  Whatever CS1 would flag is
either avoided (a parameter CS1 would reject is dropped, a template whose required parameter is
missing is swapped for ``{{citation}}``) or reported in :attr:`CS1Result.warnings`; the dropped
value always survives in :attr:`Citation.raw`.  The parser's guesses are never written into the
template; they come back in :attr:`CS1Result.notes`.

Spacing convention of :attr:`CS1Result.template`: one line, a space before every pipe, none
around ``=`` and none before the closing braces -- ``{{cite web |title=T |url=U |date=2026}}``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Literal

from wikiconv.citations.citation import Citation, Contributor, PartialDate
from wikiconv.writers.wikitext_escape import escape_entities, escape_url, escape_wiki_markup

DateFormat = Literal["iso", "dmy", "mdy", "keep"]
DateStyle = Literal["iso", "dmy", "mdy"]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBREVIATIONS = tuple(m[:3] for m in MONTHS)
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NUMBER.update({name: i + 1 for i, name in enumerate(MONTH_ABBREVIATIONS)})
_MONTH_NUMBER_LOOSE = {k.lower(): v for k, v in _MONTH_NUMBER.items()}
_MONTH_NUMBER_LOOSE["sept"] = 9
SEASONS = ("Winter", "Spring", "Summer", "Fall", "Autumn")

TEMPLATE_FOR_KIND = {
    "web": "cite web",
    "news": "cite news",
    "journal": "cite journal",
    "book": "cite book",
    "generic": "citation",
}
# The container parameter each template uses (``citation`` takes ``work``, an alias of them all).
CONTAINER_PARAM = {
    "cite web": "website",
    "cite news": "work",
    "cite journal": "journal",
    "cite book": "",
    "citation": "work",
}
# Identifiers CS1 knows beyond the model's IDENTIFIER_KEYS; passed through when present.
EXTRA_IDENTIFIER_KEYS = (
    "jstor",
    "hdl",
    "s2cid",
    "bibcode",
    "lccn",
    "ol",
    "ssrn",
    "citeseerx",
    "osti",
    "zbl",
    "mr",
    "eissn",
)
WRITTEN_IDENTIFIER_KEYS = ("doi", "isbn", "issn", "pmid", "pmc", "arxiv", "oclc")

# Names that CS1 (or any reader) takes for junk in an author or editor field.
GENERIC_NAMES = frozenset(
    {
        "admin",
        "administrator",
        "author",
        "authors",
        "editor",
        "editors",
        "staff",
        "staff writer",
        "staff reporter",
        "reporter",
        "correspondent",
        "contributor",
        "contributors",
        "unknown",
        "user",
        "guest",
        "webmaster",
        "press release",
        "facebook",
        "twitter",
        "instagram",
        "youtube",
        "linkedin",
        "google",
        "about us",
        "contact us",
        "home page",
        "site name",
        "super user",
        "wikipedia",
        "et al",
    }
)
# Titles CS1 reports as "Cite uses generic title" (a page's chrome, not its title).
GENERIC_TITLES = frozenset(
    {
        "page not found",
        "404",
        "404 not found",
        "not found",
        "error",
        "wayback machine",
        "internet archive wayback machine",
        "archived copy",
        "access denied",
        "attention required! | cloudflare",
        "just a moment...",
        "are you a robot?",
        "log in",
        "login",
        "sign in",
        "subscribe to read",
        "home",
        "home page",
        "index",
        "untitled",
        "website is currently unavailable",
    }
)
# Platforms that host works; naming one as the work is the commonest citation-tool mistake.
PLATFORMS = frozenset(
    {
        "youtube",
        "facebook",
        "twitter",
        "x",
        "instagram",
        "tiktok",
        "linkedin",
        "reddit",
        "medium",
        "substack",
        "google books",
        "spotify",
        "vimeo",
    }
)


@dataclass(slots=True)
class CS1Result:
    """One written template: its text, name, ordered parameters, warnings and parser notes.

    ``params`` maps each parameter name to its value exactly as written in ``template``
    (escaped), so ``template == "{{" + name + "".join(f" |{k}={v}" ...) + "}}"``.
    """

    template: str
    name: str
    params: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Escaping


_NOWIKI_SPLIT = re.compile(r"(<nowiki>.*?</nowiki>)", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_SPACE_RUN = re.compile(r"[^\S\u00a0\u2007\u202f]+")


def normalise_space(text: str) -> str:
    """Collapse whitespace runs to one space, drop control characters, trim the ends.

    No-break spaces are kept: they are content (``10\u00a0km``), not layout.
    """
    return _SPACE_RUN.sub(" ", _CONTROL.sub("", text)).strip(" ")


def escape_param_value(value: str) -> str:
    """Escape plain text for the value of a named template parameter, in one place.

    The main writer's rules (``wikiconv.writers.wikitext_escape``) come first: ``&`` and ``<``
    that would start an entity or a tag become ``&amp;``/``&lt;``, and each sequence MediaWiki
    reads as markup inside a line (``''``, ``[[``, ``]]``, ``{{``, ``}}``, ``~~~``, free URLs
    ...) is wrapped in ``<nowiki>``.  Then, outside those ``<nowiki>`` spans, the characters
    that matter only inside a template are neutralised: ``|`` (which would end the value)
    becomes ``{{!}}``, and a lone ``{`` or ``}`` becomes ``&#123;``/``&#125;`` so it cannot join
    a neighbouring brace (``{{{``, or the template's own closing ``}}``).  ``=`` needs nothing
    in a named parameter.  Whitespace runs (newlines included) become one space, so the
    template stays on one line.  :func:`wikiconv.citations.from_wikitext.value_text` undoes
    all of this.
    """
    text = escape_wiki_markup(escape_entities(normalise_space(value)))
    pieces = _NOWIKI_SPLIT.split(text)
    for i in range(0, len(pieces), 2):
        pieces[i] = pieces[i].replace("{", "&#123;").replace("}", "&#125;").replace("|", "{{!}}")
    return "".join(pieces)


def escape_url_value(url: str) -> str:
    """Escape a URL for a ``url``-like parameter: percent-encode what would break it."""
    return escape_url(url.strip())


# ---------------------------------------------------------------------------------------------
# Dates


def _today() -> _dt.date:
    """Today's date (a function so tests can pin it)."""
    return _dt.date.today()


def is_real_date(d: PartialDate) -> bool:
    """Tell whether the month and day exist (31 April and 29 February 2023 do not)."""
    if d.month is None:
        return d.day is None and 1 <= d.year <= 9999
    if not 1 <= d.month <= 12:
        return False
    if d.day is None:
        return 1 <= d.year <= 9999
    try:
        _dt.date(d.year, d.month, d.day)
    except ValueError:
        return False
    return True


def describe_date(d: PartialDate) -> str:
    """A date as numbers for messages: ``2023-02-29``, ``2025-12``, ``2025``."""
    parts = [f"{d.year:04d}"] + [f"{x:02d}" for x in (d.month, d.day) if x is not None]
    return "-".join(parts)


def format_cs1_date(d: PartialDate, style: DateStyle = "iso") -> str:
    """Write a date in one CS1-accepted form (month precision is ``December 2025`` always)."""
    if d.month is None:
        return f"{d.year}"
    month = MONTHS[d.month - 1]
    if d.day is None:
        return f"{month} {d.year}"
    if style == "dmy":
        return f"{d.day} {month} {d.year}"
    if style == "mdy":
        return f"{month} {d.day}, {d.year}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


_MONTH_ALT = "|".join(MONTHS + MONTH_ABBREVIATIONS)
_SEASON_ALT = "|".join(SEASONS)
_Y = r"(\d{3,4})"
_CS1_DATE_FORMS = [
    ("ymd", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("dMy", re.compile(rf"^([1-9]\d?) ({_MONTH_ALT}) {_Y}$")),
    ("Mdy", re.compile(rf"^({_MONTH_ALT}) ([1-9]\d?), {_Y}$")),
    ("My", re.compile(rf"^({_MONTH_ALT}) {_Y}$")),
    ("y", re.compile(rf"^{_Y}$")),
]
_CS1_OTHER_FORMS = [
    re.compile(rf"^({_SEASON_ALT}) \d{{4}}$"),
    re.compile(r"^(\d{3,4})–(\d{3,4})$"),
    re.compile(rf"^({_MONTH_ALT})–({_MONTH_ALT}) \d{{4}}$"),
    re.compile(rf"^([1-9]\d?)–([1-9]\d?) ({_MONTH_ALT}) \d{{4}}$"),
    re.compile(rf"^({_MONTH_ALT}) ([1-9]\d?)–([1-9]\d?), \d{{4}}$"),
    re.compile(r"^c\. \d{3,4}$"),
    re.compile(r"^n\.d\.$"),
]


def _cs1_single_date(text: str) -> PartialDate | None:
    """Read a date written in one of CS1's single-date forms (exact spelling), else None."""
    for form, pattern in _CS1_DATE_FORMS:
        m = pattern.match(text)
        if not m:
            continue
        g = m.groups()
        if form == "ymd":
            d = PartialDate(int(g[0]), int(g[1]), int(g[2]))
            if d.year < 1582:
                return None
        elif form == "dMy":
            d = PartialDate(int(g[2]), _MONTH_NUMBER[g[1]], int(g[0]))
        elif form == "Mdy":
            d = PartialDate(int(g[2]), _MONTH_NUMBER[g[0]], int(g[1]))
        elif form == "My":
            d = PartialDate(int(g[1]), _MONTH_NUMBER[g[0]])
        else:
            d = PartialDate(int(g[0]))
        return d if is_real_date(d) else None
    return None


def is_cs1_date(text: str, today: _dt.date | None = None) -> bool:
    """Tell whether CS1 accepts ``text`` as written in ``|date=`` (no further than next year)."""
    limit = (today or _today()).year + 1
    d = _cs1_single_date(text)
    if d is not None:
        return d.year <= limit
    for pattern in _CS1_OTHER_FORMS:
        if pattern.match(text):
            years = [int(y) for y in re.findall(r"\d{3,4}", text)]
            return all(y <= limit for y in years)
    return False


_LOOSE_MONTH = r"([A-Za-z]{3,9})\.?"
_LOOSE_FORMS = [
    ("ymd", re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")),
    ("ym", re.compile(r"^(\d{4})-(\d{1,2})$")),
    ("slash", re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")),
    ("ymd/", re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")),
    ("dMy", re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+{_LOOSE_MONTH},?\s+(\d{{3,4}})$")),
    ("Mdy", re.compile(rf"^{_LOOSE_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{3,4}})$")),
    ("My", re.compile(rf"^{_LOOSE_MONTH},?\s+(\d{{3,4}})$")),
    ("y", re.compile(r"^(\d{3,4})$")),
]


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
        g = m.groups()
        candidates: list[PartialDate] = []
        if form == "ymd" or form == "ymd/":
            candidates.append(PartialDate(int(g[0]), int(g[1]), int(g[2])))
        elif form == "ym":
            candidates.append(PartialDate(int(g[0]), int(g[1])))
        elif form == "slash":
            a, b, y = int(g[0]), int(g[1]), int(g[2])
            candidates += [PartialDate(y, a, b), PartialDate(y, b, a)]
        elif form in ("dMy", "Mdy", "My"):
            month_text = g[1] if form == "dMy" else g[0]
            month = _MONTH_NUMBER_LOOSE.get(month_text.lower())
            if month is None:
                continue
            if form == "dMy":
                candidates.append(PartialDate(int(g[2]), month, int(g[0])))
            elif form == "Mdy":
                candidates.append(PartialDate(int(g[2]), month, int(g[1])))
            else:
                candidates.append(PartialDate(int(g[1]), month))
        else:
            candidates.append(PartialDate(int(g[0])))
        for d in candidates:
            if is_real_date(d) and d not in out:
                out.append(d)
    return out


def parse_date_text(text: str) -> PartialDate | None:
    """The one date ``text`` means, or None when it means none or is ambiguous."""
    readings = date_readings(text)
    return readings[0] if len(readings) == 1 else None


_FREE_DATE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b"
    r"|\b\d{4}/\d{1,2}/\d{1,2}\b"
    r"|\b\d{4}-\d{1,2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{3,4}\b"
    r"|\b[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{3,4}\b"
    r"|\b[A-Za-z]{3,9}\.?,?\s+\d{4}\b"
    r"|\b\d{4}\b"
)
_WRITTEN_DATE_PARAMS = {
    "date": "date",
    "year": "date",
    "access-date": "access-date",
    "accessdate": "access-date",
    "archive-date": "archive-date",
    "archivedate": "archive-date",
}


def written_dates(raw: str) -> dict[str, list[str]]:
    """The date texts as the source wrote them, by field (``"*"``: any field, free text).

    A raw ``{{cite …}}`` template gives its ``date``/``year``, ``access-date`` and
    ``archive-date`` values; a free-text reference gives every date-like run of text.
    """
    stripped = raw.strip()
    if stripped.startswith("{{"):
        import mwparserfromhell

        from wikiconv.citations.from_wikitext import value_text

        code = mwparserfromhell.parse(stripped)
        templates = code.filter_templates(recursive=False)
        if templates:
            found: dict[str, list[str]] = {}
            for param in templates[0].params:
                key = _WRITTEN_DATE_PARAMS.get(str(param.name).strip().lower())
                if key:
                    found.setdefault(key, []).append(value_text(param.value)[0])
            return found
    return {"*": [m.group(0) for m in _FREE_DATE.finditer(raw)]}


# ---------------------------------------------------------------------------------------------
# Identifiers


def isbn_is_valid(isbn: str) -> bool:
    """Tell whether an ISBN-10 or ISBN-13 (hyphens and spaces allowed) has a good check digit."""
    s = re.sub(r"[\s-]", "", isbn)
    if re.fullmatch(r"\d{9}[\dXx]", s):
        total = sum((10 - i) * int(ch) for i, ch in enumerate(s[:9]))
        total += 10 if s[9] in "Xx" else int(s[9])
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", s):
        total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(s))
        return total % 10 == 0
    return False


def issn_is_valid(issn: str) -> bool:
    """Tell whether an ISSN (``1234-5679``) has a good check digit."""
    s = issn.replace("-", "")
    if not re.fullmatch(r"\d{7}[\dXx]", s):
        return False
    total = sum((8 - i) * int(ch) for i, ch in enumerate(s[:7]))
    check = (11 - total % 11) % 11
    return s[7] in ("Xx" if check == 10 else str(check))


_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_ARXIV = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")


def normalize_identifier(key: str, value: str) -> tuple[str | None, list[str]]:
    """Check one identifier as CS1 would: (the value to write or None, messages)."""
    v = normalise_space(value)
    msgs: list[str] = []
    if not v:
        return None, msgs
    if key == "doi":
        stripped = _DOI_PREFIX.sub("", v)
        if stripped != v:
            msgs.append(f"|doi=: removed the resolver prefix from {v!r}")
        v = stripped
        if v[-1:] in ".,":
            msgs.append(f"|doi=: removed the trailing {v[-1]!r} from {v!r}")
            v = v.rstrip(".,")
        if not _DOI.match(v):
            return None, [f"|doi=: {value!r} is not a DOI (must start '10.' + registrant + '/')"]
        return v, msgs
    if key == "isbn":
        v = re.sub(r"^ISBN(?:-1[03])?:?\s*", "", v, flags=re.IGNORECASE)
        if not isbn_is_valid(v):
            return None, [f"|isbn=: {value!r} fails the ISBN checksum; not written"]
        return v, msgs
    if key == "issn" or key == "eissn":
        v = re.sub(r"^e?ISSN:?\s*", "", v, flags=re.IGNORECASE)
        if not issn_is_valid(v):
            return None, [f"|{key}=: {value!r} fails the ISSN checksum; not written"]
        s = v.replace("-", "").upper()
        return f"{s[:4]}-{s[4:]}", msgs
    if key == "pmid":
        v = re.sub(r"^PMID:?\s*", "", v, flags=re.IGNORECASE)
        if not re.fullmatch(r"[1-9]\d{0,8}", v):
            return None, [f"|pmid=: {value!r} is not a PubMed id; not written"]
        return v, msgs
    if key == "pmc":
        stripped = re.sub(r"^PMC:?\s*", "", v, flags=re.IGNORECASE)
        if stripped != v:
            msgs.append(f"|pmc=: removed the 'PMC' prefix from {v!r}")
        if not re.fullmatch(r"[1-9]\d{0,8}", stripped):
            return None, [f"|pmc=: {value!r} is not a PubMed Central id; not written"]
        return stripped, msgs
    if key == "arxiv":
        v = re.sub(r"^arXiv:\s*", "", v, flags=re.IGNORECASE)
        if not _ARXIV.match(v):
            return None, [f"|arxiv=: {value!r} is not an arXiv id; not written"]
        return v, msgs
    if key == "oclc":
        v = re.sub(r"^(?:\(OCoLC\)|OCLC:?\s*)", "", v, flags=re.IGNORECASE)
        if not re.fullmatch(r"(?:ocm|ocn|on)?\d+", v):
            return None, [f"|oclc=: {value!r} is not an OCLC number; not written"]
        return v, msgs
    if key in EXTRA_IDENTIFIER_KEYS:
        if re.search(r"\s", v):
            return None, [f"|{key}=: {value!r} contains spaces; not written"]
        return v, msgs
    return None, [f"identifier {key!r} is not one CS1 takes; not written"]


# ---------------------------------------------------------------------------------------------
# Text fields


_SCHEME = re.compile(r"(?:https?|ftps?)://|^//", re.IGNORECASE)
_URL_OK = re.compile(r"^(?:(?:https?|ftps?):)?//[^\s/?#.]+(?:\.[^\s/?#.]+)+(?::\d+)?(?:[/?#]\S*)?$")
_LOOKS_LIKE_HOST = re.compile(
    r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:[/?#]\S*)?$"
)
_WAYBACK = re.compile(r"^(?:https?:)?//(?:web\.)?archive\.org/web/(\d{4})(\d{2})(\d{2})\d*")


def strip_url_scheme(text: str) -> str:
    """Remove URL schemes (``https://``) and a bare trailing slash from a name."""
    out = _SCHEME.sub("", text)
    if out != text and re.fullmatch(r"[^\s/]+/", out):
        out = out[:-1]
    return out


def same_name(a: str, b: str) -> bool:
    """Tell whether two names (``The Guardian``, ``theguardian.com``) name the same thing."""

    def key(s: str) -> str:
        s = strip_url_scheme(s).casefold().strip()
        s = re.sub(r"^www\.", "", s)
        s = re.sub(r"\.(?:com|org|net|co|gov|edu|io|ai|news|info)(?:\.[a-z]{2})?/?$", "", s)
        s = re.sub(r"[^0-9a-z\u00c0-\uffff]+", "", s)
        return re.sub(r"^the", "", s)

    return bool(key(a)) and key(a) == key(b)


_PAGE_PREFIX = re.compile(r"^(?:pp?\.|pages?\b|pgs?\.?)\s*", re.IGNORECASE)
_PAGE_TOKEN = r"(?:[A-Za-z]{0,3}\d+[A-Za-z]?|[ivxlcdm]+|[IVXLCDM]+)"
_PAGE_RANGE = re.compile(rf"^({_PAGE_TOKEN})\s*[-–—‒]\s*({_PAGE_TOKEN})$")
_PAGE_SINGLE = re.compile(rf"^{_PAGE_TOKEN}$")


def classify_pages(text: str) -> tuple[str, str, list[str]]:
    """Pick ``page``, ``pages`` or ``at`` for a locator: (param, value, messages).

    A leading ``p.``/``pp.`` is removed (CS1 adds its own), hyphenated page ranges get an en
    dash, a single page goes to ``page``, a page list or range to ``pages``, anything else
    (``§ 3``, ``Table 1``) to ``at``.
    """
    v = normalise_space(text)
    msgs: list[str] = []
    stripped = v
    while _PAGE_PREFIX.match(stripped) and _PAGE_PREFIX.sub("", stripped):
        stripped = _PAGE_PREFIX.sub("", stripped)
    if stripped != v:
        msgs.append(f"pages: removed the prefix from {v!r} (CS1 writes its own 'p.')")
        v = stripped
    items = [s.strip() for s in v.split(",")]
    norm: list[str] = []
    for item in items:
        m = _PAGE_RANGE.match(item)
        if m:
            norm.append(f"{m.group(1)}–{m.group(2)}")
        elif _PAGE_SINGLE.match(item):
            norm.append(item)
        else:
            break
    else:
        if len(norm) == 1 and "–" not in norm[0]:
            return "page", norm[0], msgs
        return "pages", ", ".join(norm), msgs
    if "," not in v and not re.search(r"\s", v):
        return "page", v, msgs
    return "at", v, msgs


def _strip_label(text: str, pattern: str, param: str, warnings: list[str]) -> str:
    """Remove a label such as ``vol.`` that CS1 counts as extra text, saying so."""
    v = normalise_space(text)
    out = v
    while True:
        shorter = re.sub(pattern, "", out, flags=re.IGNORECASE).strip()
        if not shorter or shorter == out:
            break
        out = shorter
    if out != v:
        warnings.append(f"|{param}=: removed extra text from {v!r} (CS1 adds its own label)")
        return out
    return v


# ---------------------------------------------------------------------------------------------
# The book view of a citation


def book_parts(c: Citation) -> tuple[str, str, str]:
    """Read a citation as a book: (chapter, book title, container left over).

    The model keeps "the book holding a chapter" in ``container``: a citation with a title and
    a container but no chapter is a chapter (``title``) in a book (``container``).
    """
    chapter, title, container = (normalise_space(x) for x in (c.chapter, c.title, c.container))
    if chapter:
        if title and container:
            return chapter, title, container
        return chapter, title or container, ""
    if title and container:
        return title, container, ""
    return "", title or container, ""


# ---------------------------------------------------------------------------------------------
# The writer


class _Writer:
    """Builds one template from one citation; collects warnings as it goes."""

    def __init__(self, c: Citation, date_format: DateFormat) -> None:
        """Hold the citation and the date format."""
        self.c = c
        self.date_format = date_format
        self.warnings: list[str] = []
        self.params: dict[str, str] = {}
        self.today = _today()
        self._written: dict[str, list[str]] | None = None

    def warn(self, message: str) -> None:
        """Record one warning (once)."""
        if message not in self.warnings:
            self.warnings.append(message)

    # -- small helpers -------------------------------------------------------------------------

    def text(self, value: str, param: str, no_url: bool = False) -> str:
        """Clean a free-text field; with ``no_url``, strip URL schemes and say so."""
        v = normalise_space(value)
        if no_url and _SCHEME.search(v):
            stripped = normalise_space(strip_url_scheme(v))
            self.warn(f"|{param}=: removed the URL scheme from {v!r} (CS1 rejects URLs here)")
            v = stripped
        return v

    def url(self, value: str, param: str) -> str:
        """Return a URL CS1 accepts, repaired when only the scheme is missing, else ''."""
        v = value.strip()
        if not v:
            return ""
        if _URL_OK.match(escape_url(v)):
            return v
        if _LOOKS_LIKE_HOST.match(v):
            self.warn(f"|{param}=: {v!r} has no scheme; written as 'https://{v}'")
            return "https://" + v
        self.warn(f"|{param}=: {v!r} is not a URL CS1 accepts; not written")
        return ""

    def date(self, d: PartialDate | None, param: str) -> str:
        """Format one date for ``param``, or '' (with a warning) when CS1 would reject it."""
        if d is None:
            return ""
        if not is_real_date(d):
            self.warn(f"|{param}=: {describe_date(d)} is not a real date; not written")
            return ""
        if d.year < 100:
            self.warn(f"|{param}=: year {d.year} has fewer than three digits; not written")
            return ""
        if d.year > self.today.year + 1:
            self.warn(f"|{param}=: {d.year} is more than a year ahead; not written")
            return ""
        if self.date_format == "keep":
            return self.kept_date(d, param)
        style: DateStyle = self.date_format
        if style == "iso" and d.precision == "day" and d.year < 1582:
            self.warn(f"|{param}=: ISO dates before 1582 are rejected by CS1; written dmy")
            style = "dmy"
        return format_cs1_date(d, style)

    def kept_date(self, d: PartialDate, param: str) -> str:
        """The date as the source wrote it when CS1 accepts that text, else ISO with a warning."""
        if self._written is None:
            self._written = written_dates(self.c.raw) if self.c.raw else {}
        texts = self._written.get(param, []) + self._written.get("*", [])
        fallback = format_cs1_date(d, "dmy" if d.year < 1582 else "iso")
        for text in texts:
            if d in date_readings(text):
                clean = normalise_space(text)
                if is_cs1_date(clean, self.today) and _cs1_single_date(clean) == d:
                    return clean
                self.warn(
                    f"|{param}=: {clean!r} is not a date form CS1 accepts; written {fallback!r}"
                )
                return fallback
        if d.precision == "day":
            self.warn(f"|{param}=: no written form of the date to keep; written {fallback!r}")
        return fallback

    def put(self, name: str, value: str) -> None:
        """Set one parameter (plain text, escaped here) unless the value is empty."""
        if value:
            self.params[name] = value

    # -- the parts -----------------------------------------------------------------------------

    def choose_template(self, url: str) -> str:
        """Pick the template for the kind, swapping to ``citation`` when a requirement fails."""
        kind = self.c.kind
        name = TEMPLATE_FOR_KIND.get(kind, "citation")
        if name == "cite web" and not url:
            self.warn(
                "cite web needs |url=; there is none, so written as {{citation}} "
                "(which takes a website without a URL)"
            )
            return "citation"
        if name == "cite journal" and not normalise_space(strip_url_scheme(self.c.container)):
            self.warn("cite journal needs |journal=; there is none, so written as {{citation}}")
            return "citation"
        return name

    def people(self, people: list[Contributor], role: str) -> dict[str, str]:
        """Number the authors (``last1``/``first1``, ``author2``…) or editors."""
        kept: list[Contributor] = []
        for p in people:
            family = self.text(p.family, role)
            given = self.text(p.given, role)
            org = self.text(p.organization, role)
            shown = org or " ".join(x for x in (given, family) if x)
            if not shown:
                self.warn(f"an empty {role} was left out")
                continue
            if shown.casefold().strip(" .") in GENERIC_NAMES:
                self.warn(f"{role} {shown!r} is a generic name, not a person; left out")
                continue
            if _SCHEME.search(shown) or re.search(r"\bwww\.", shown):
                self.warn(f"{role} {shown!r} is a web address, not a name; left out")
                continue
            if org and (";" in org or org.count(",") >= 2):
                self.warn(f"{role} {org!r} looks like several names in one field")
            kept.append(Contributor(family=family, given=given, organization=org))
        out: dict[str, str] = {}
        prefix = "editor-" if role == "editor" else ""
        literal = "editor" if role == "editor" else "author"
        for i, p in enumerate(kept, start=1):
            if p.organization:
                key = literal if len(kept) == 1 else f"{literal}{i}"
                out[key] = p.organization
                continue
            family, given = p.family, p.given
            if not family:
                self.warn(f"{role} {given!r} has no family name; written as |{prefix}last{i}=")
                family, given = given, ""
            out[f"{prefix}last{i}"] = family
            if given:
                out[f"{prefix}first{i}"] = given
        return out

    def titles(self, name: str) -> tuple[str, str, str]:
        """(chapter, title, container) as the chosen template takes them."""
        c = self.c
        title = self.text(c.title, "title", no_url=True)
        container = self.text(c.container, CONTAINER_PARAM[name] or "work", no_url=True)
        chapter = self.text(c.chapter, "chapter", no_url=True)
        if name == "cite book" or (name == "citation" and chapter):
            book = Citation(title=title, container=container, chapter=chapter)
            chapter, title, left = book_parts(book)
            if left:
                self.warn(
                    f"{name}: the citation has a chapter, a title and a container; "
                    f"{left!r} (container) is not written"
                )
            return chapter, title, ""
        if chapter:
            self.warn(f"{name} does not take |chapter=; {chapter!r} is not written")
        return "", title, container

    def run(self) -> CS1Result:
        """Build the result."""
        c = self.c
        url = self.url(c.url, "url")
        name = self.choose_template(url)
        chapter, title, container = self.titles(name)
        container_param = CONTAINER_PARAM[name]

        authors = self.people(c.authors, "author")
        editors = self.people(c.editors, "editor")

        if not title:
            self.warn(f"{name}: no title; CS1 will show 'Missing or empty |title='")
        elif title.casefold() in GENERIC_TITLES:
            self.warn(f"|title=: {title!r} is a generic title (CS1 flags it); check the source")
        if title and container:
            m = re.search(r"\s[|\-–—:·]\s*(.+)$", title)
            if m and same_name(m.group(1), container):
                self.warn(f"|title=: {title!r} seems to end with the site's name; check it")
        if container and container.casefold() in PLATFORMS:
            self.warn(
                f"|{container_param}=: {container!r} is a platform, not the work; "
                "consider |via= or the channel's name"
            )

        publisher = self.text(c.publisher, "publisher", no_url=True)
        if publisher and container and same_name(publisher, container):
            self.warn(
                f"|publisher=: {publisher!r} repeats |{container_param}=; publisher not written"
            )
            publisher = ""

        takes_volume = name != "cite web"
        periodical = name in ("cite journal", "cite news")
        takes_issue = periodical or (name == "citation" and bool(container))
        volume = _strip_label(c.volume, r"^(?:vol\.?|volume)\s*", "volume", self.warnings)
        issue = _strip_label(c.issue, r"^(?:nos?\.|issue|number|#)\s*", "issue", self.warnings)
        if volume and not takes_volume:
            self.warn(f"{name} does not take |volume=; {volume!r} is not written")
            volume = ""
        if issue and not takes_issue:
            self.warn(f"{name} does not take |issue= here; {issue!r} is not written")
            issue = ""
        edition = _strip_label(c.edition, r"\s*(?:ed\.|edition)$", "edition", self.warnings)
        page_param, pages = "", ""
        if normalise_space(c.pages):
            page_param, pages, msgs = classify_pages(c.pages)
            for msg in msgs:
                self.warn(msg)

        archive_url = self.url(c.archive_url, "archive-url")
        archive_date = self.date(c.archive_date, "archive-date") if archive_url else ""
        if archive_url and not url:
            self.warn(
                f"|archive-url= needs |url=; there is none, so {archive_url!r} is not written"
            )
            archive_url, archive_date = "", ""
        if archive_url and not archive_date:
            m = _WAYBACK.match(archive_url)
            d = PartialDate(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
            if d is not None and is_real_date(d):
                archive_date = self.date(d, "archive-date")
                self.warn(f"|archive-date= taken from the Wayback Machine address: {archive_date}")
            else:
                self.warn(
                    f"|archive-url= needs |archive-date=; there is none, so {archive_url!r} "
                    "is not written"
                )
                archive_url = ""
        access_date = self.access_date(url)

        ids: dict[str, str] = {}
        for key, value in c.identifiers.items():
            key = key.lower()
            out, msgs = normalize_identifier(key, value)
            for msg in msgs:
                self.warn(msg)
            if out:
                ids[key] = out
        ordered_ids = [k for k in WRITTEN_IDENTIFIER_KEYS + EXTRA_IDENTIFIER_KEYS if k in ids]

        plain: dict[str, str] = {}
        plain.update(authors)
        plain["chapter"] = chapter
        plain["title"] = title
        plain["url"] = url
        if container_param:
            plain[container_param] = container
        plain.update(editors)
        plain["edition"] = edition
        plain["volume"] = volume
        plain["issue"] = issue
        if page_param:
            plain[page_param] = pages
        plain["publisher"] = publisher
        plain["location"] = self.text(c.location, "location")
        plain["date"] = self.date(c.date, "date")
        plain["language"] = self.text(c.language, "language")
        for key in ordered_ids:
            plain[key] = ids[key]
        plain["archive-url"] = archive_url
        plain["archive-date"] = archive_date
        plain["access-date"] = access_date

        for key, value in plain.items():
            if key in ("url", "archive-url"):
                self.put(key, escape_url_value(value))
            else:
                self.put(key, escape_param_value(value))
        template = "{{" + name + "".join(f" |{k}={v}" for k, v in self.params.items()) + "}}"
        return CS1Result(
            template=template,
            name=name,
            params=dict(self.params),
            warnings=list(self.warnings),
            notes=list(c.guesses),
        )

    def access_date(self, url: str) -> str:
        """The access date when CS1 takes it: a full date, a URL, 15 January 2001 to tomorrow."""
        d = self.c.access_date
        if d is None:
            return ""
        if not url:
            self.warn("|access-date= needs |url=; there is none, so the access date is not written")
            return ""
        if d.precision != "day":
            self.warn(f"|access-date= needs a full date; {describe_date(d)} is not written")
            return ""
        if is_real_date(d):
            when = _dt.date(d.year, d.month or 1, d.day or 1)
            if not _dt.date(2001, 1, 15) <= when <= self.today + _dt.timedelta(days=1):
                self.warn(f"|access-date=: {when.isoformat()} is outside 2001-01-15 to tomorrow")
                return ""
        return self.date(d, "access-date")


def write_cs1(citation: Citation, date_format: DateFormat = "iso") -> CS1Result:
    """Write ``citation`` as one CS1 template, with warnings for whatever CS1 would flag."""
    if date_format not in ("iso", "dmy", "mdy", "keep"):
        raise ValueError(f"unknown date format {date_format!r}")
    return _Writer(citation, date_format).run()
