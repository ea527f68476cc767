"""Write a :class:`Citation` as one Citation Style 1 template (``{{cite web}}`` and kin).

The promise: no template comes out carrying a CS1 error silently.  Whatever CS1 would flag is
either avoided (a parameter CS1 would reject is dropped, a template whose required parameter is
missing is swapped for ``{{citation}}``) or reported in :attr:`CS1Result.warnings`; the dropped
value always survives in :attr:`Citation.raw`.  The parser's guesses are never written into the
template; they come back in :attr:`CS1Result.notes`.

Spacing convention of :attr:`CS1Result.template`: one line, a space before every pipe, none
around ``=`` and none before the closing braces -- ``{{cite web |title=T |url=U |date=2026}}``.

The rules the writer applies live beside it: ``cs1_params.py`` (escaping, URLs, names, pages,
labels, word lists), ``cs1_dates.py`` (the date forms CS1 accepts), ``dates.py`` (reading and
checking dates) and ``identifiers.py`` (identifier checks).  They are re-exported here, so
``from wikiconv.citations.cs1 import …`` keeps working for each of them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from wikiconv.citations.citation import Citation, CitationKind, Contributor
from wikiconv.citations.cs1_dates import (
    DateFormat,
    DateStyle,
    DateWriter,
    format_cs1_date,
    is_cs1_date,
    written_dates,
)
from wikiconv.citations.cs1_params import (
    GENERIC_NAMES,
    GENERIC_TITLES,
    PLATFORMS,
    book_parts,
    classify_pages,
    escape_param_value,
    escape_url_value,
    has_url_scheme,
    is_cs1_url,
    looks_like_host,
    same_name,
    strip_label,
    strip_url_scheme,
    wayback_date,
)
from wikiconv.citations.dates import (
    date_readings,
    describe_date,
    is_real_date,
    parse_date_text,
)
from wikiconv.citations.identifiers import (
    EXTRA_IDENTIFIER_KEYS,
    WRITTEN_IDENTIFIER_KEYS,
    isbn_is_valid,
    issn_is_valid,
    normalize_identifier,
)
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.whitespace import normalise_space

__all__ = [
    "CONTAINER_PARAM",
    "EXTRA_IDENTIFIER_KEYS",
    "GENERIC_NAMES",
    "GENERIC_TITLES",
    "PLATFORMS",
    "KIND_FOR_TEMPLATE",
    "TEMPLATE_FOR_KIND",
    "template_kind",
    "WRITTEN_IDENTIFIER_KEYS",
    "CS1Result",
    "DateFormat",
    "DateStyle",
    "book_parts",
    "classify_pages",
    "date_readings",
    "describe_date",
    "escape_param_value",
    "escape_url_value",
    "format_cs1_date",
    "is_cs1_date",
    "is_real_date",
    "isbn_is_valid",
    "issn_is_valid",
    "normalise_space",
    "normalize_identifier",
    "parse_date_text",
    "same_name",
    "strip_url_scheme",
    "write_cs1",
    "written_dates",
]

TEMPLATE_FOR_KIND: dict[CitationKind, str] = {
    "web": "cite web",
    "news": "cite news",
    "journal": "cite journal",
    "book": "cite book",
    "generic": "citation",
}
KIND_FOR_TEMPLATE: dict[str, CitationKind] = {n: k for k, n in TEMPLATE_FOR_KIND.items()}


def template_kind(name: str) -> CitationKind | None:
    """The citation kind a template name stands for (``Cite_web``, ``Template:cite web``)."""
    n = " ".join(name.replace("_", " ").split()).lower()
    n = n.removeprefix("template:").strip()
    return KIND_FOR_TEMPLATE.get(n)


_WWW = lazy_re(r"\bwww\.")
_TITLE_TAIL = lazy_re(r"\s[|\-–—:·]\s*(.+)$")  # "Title – Site": what may name the site

# The container parameter each template uses (``citation`` takes ``work``, an alias of them all).
CONTAINER_PARAM = {
    "cite web": "website",
    "cite news": "work",
    "cite journal": "journal",
    "cite book": "",
    "citation": "work",
}


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


def _today() -> _dt.date:
    """Today's date (a function so tests can pin it)."""
    return _dt.date.today()


# ---------------------------------------------------------------------------------------------
# The writer


class _Writer:
    """Builds one template from one citation; collects warnings as it goes."""

    def __init__(self, c: Citation, date_format: DateFormat) -> None:
        """Hold the citation and the date format."""
        self.c = c
        self.warnings: list[str] = []
        self.params: dict[str, str] = {}
        self.dates = DateWriter(date_format, _today(), c.raw, self.warn)

    def warn(self, message: str) -> None:
        """Record one warning (once)."""
        if message not in self.warnings:
            self.warnings.append(message)

    # -- small helpers -------------------------------------------------------------------------

    def text(self, value: str, param: str, no_url: bool = False) -> str:
        """Clean a free-text field; with ``no_url``, strip URL schemes and say so."""
        v = normalise_space(value)
        if no_url and has_url_scheme(v):
            stripped = normalise_space(strip_url_scheme(v))
            self.warn(f"|{param}=: removed the URL scheme from {v!r} (CS1 rejects URLs here)")
            v = stripped
        return v

    def url(self, value: str, param: str) -> str:
        """Return a URL CS1 accepts, repaired when only the scheme is missing, else ''."""
        v = value.strip()
        if not v:
            return ""
        if is_cs1_url(v):
            return v
        if looks_like_host(v):
            self.warn(f"|{param}=: {v!r} has no scheme; written as 'https://{v}'")
            return "https://" + v
        self.warn(f"|{param}=: {v!r} is not a URL CS1 accepts; not written")
        return ""

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
            if has_url_scheme(shown) or _WWW.search(shown):
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
            m = _TITLE_TAIL.search(title)
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
        volume = strip_label(c.volume, r"^(?:vol\.?|volume)\s*", "volume", self.warnings)
        issue = strip_label(c.issue, r"^(?:nos?\.|issue|number|#)\s*", "issue", self.warnings)
        if volume and not takes_volume:
            self.warn(f"{name} does not take |volume=; {volume!r} is not written")
            volume = ""
        if issue and not takes_issue:
            self.warn(f"{name} does not take |issue= here; {issue!r} is not written")
            issue = ""
        edition = strip_label(c.edition, r"\s*(?:ed\.|edition)$", "edition", self.warnings)
        page_param, pages = "", ""
        if normalise_space(c.pages):
            page_param, pages, msgs = classify_pages(c.pages)
            for msg in msgs:
                self.warn(msg)

        archive_url = self.url(c.archive_url, "archive-url")
        archive_date = self.dates.date(c.archive_date, "archive-date") if archive_url else ""
        if archive_url and not url:
            self.warn(
                f"|archive-url= needs |url=; there is none, so {archive_url!r} is not written"
            )
            archive_url, archive_date = "", ""
        if archive_url and not archive_date:
            d = wayback_date(archive_url)
            if d is not None and is_real_date(d):
                archive_date = self.dates.date(d, "archive-date")
                self.warn(f"|archive-date= taken from the Wayback Machine address: {archive_date}")
            else:
                self.warn(
                    f"|archive-url= needs |archive-date=; there is none, so {archive_url!r} "
                    "is not written"
                )
                archive_url = ""
        access_date = self.dates.access_date(c.access_date, url)

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
        plain["date"] = self.dates.date(c.date, "date")
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


def write_cs1(citation: Citation, date_format: DateFormat = "iso") -> CS1Result:
    """Write ``citation`` as one CS1 template, with warnings for whatever CS1 would flag."""
    if date_format not in ("iso", "dmy", "mdy", "keep"):
        raise ValueError(f"unknown date format {date_format!r}")
    return _Writer(citation, date_format).run()
