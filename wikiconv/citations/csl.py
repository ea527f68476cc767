"""Write citations as CSL-JSON items (the input format of citeproc, Zotero, pandoc).

Each item follows the CSL-JSON schema 1.0 (``tests/data/csl-data.json``).  Names are
``{"family", "given"}`` or ``{"literal"}``; dates are ``{"date-parts": [[y, m, d]]}`` cut at
their precision; identifiers are checked as for CS1 (a DOI loses its resolver prefix, an ISBN
must pass its checksum) and one that fails goes to ``note`` instead of its variable.  What CSL
has no variable for (arXiv, OCLC, archive copy) goes to ``custom``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wikiconv.citations.citation import Citation, Contributor, PartialDate
from wikiconv.citations.cs1 import (
    book_parts,
    classify_pages,
    describe_date,
    is_real_date,
    normalise_space,
    normalize_identifier,
)

CSL_TYPE = {
    "web": "webpage",
    "news": "article-newspaper",
    "journal": "article-journal",
    "book": "book",
    "generic": "document",
}
_CSL_ID_VARIABLE = {"doi": "DOI", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID", "pmc": "PMCID"}


def csl_name(person: Contributor) -> dict[str, str] | None:
    """One CSL name: ``{"literal"}`` for an organisation, ``{"family", "given"}`` for a person."""
    org = normalise_space(person.organization)
    if org:
        return {"literal": org}
    family, given = normalise_space(person.family), normalise_space(person.given)
    if not family and not given:
        return None
    if not family:
        return {"literal": given}
    name = {"family": family}
    if given:
        name["given"] = given
    return name


def csl_date(d: PartialDate | None) -> dict[str, list[list[int]]] | None:
    """A CSL date, ``{"date-parts": [[2025, 12, 11]]}``, cut at the date's precision."""
    if d is None or not is_real_date(d):
        return None
    parts = [d.year]
    if d.month is not None:
        parts.append(d.month)
        if d.day is not None:
            parts.append(d.day)
    return {"date-parts": [parts]}


def citation_to_csl(c: Citation, id: str) -> dict[str, Any]:
    """One CSL-JSON item for ``c`` with the given ``id``."""
    item: dict[str, Any] = {"id": id, "type": CSL_TYPE.get(c.kind, "document")}
    notes: list[str] = []
    custom: dict[str, str] = {}

    title, container = normalise_space(c.title), normalise_space(c.container)
    if c.kind in ("book", "generic") and (c.kind == "book" or normalise_space(c.chapter)):
        chapter, book, left = book_parts(c)
        if chapter:
            item["type"] = "chapter"
            title, container = chapter, book
        else:
            title, container = book, ""
        if left:
            notes.append(f"Container: {left}")
    elif normalise_space(c.chapter):
        notes.append(f"Chapter: {normalise_space(c.chapter)}")

    def put(key: str, value: object) -> None:
        """Set a variable unless it is empty."""
        if value:
            item[key] = value

    put("author", [n for n in map(csl_name, c.authors) if n])
    put("editor", [n for n in map(csl_name, c.editors) if n])
    put("title", title)
    put("container-title", container)
    put("publisher", normalise_space(c.publisher))
    put("publisher-place", normalise_space(c.location))
    put("issued", csl_date(c.date))
    put("accessed", csl_date(c.access_date))
    put("URL", c.url.strip())
    put("volume", normalise_space(c.volume))
    put("issue", normalise_space(c.issue))
    if normalise_space(c.pages):
        put("page", classify_pages(c.pages)[1])
    put("edition", normalise_space(c.edition))
    put("language", normalise_space(c.language))

    for key, value in c.identifiers.items():
        key = key.lower()
        checked, _ = normalize_identifier(key, value)
        if checked is None:
            notes.append(f"{key.upper()} (not valid): {normalise_space(value)}")
        elif key in _CSL_ID_VARIABLE:
            item[_CSL_ID_VARIABLE[key]] = f"PMC{checked}" if key == "pmc" else checked
        else:
            custom[key] = checked
    if c.archive_url.strip():
        custom["archive-url"] = c.archive_url.strip()
        if c.archive_date is not None and is_real_date(c.archive_date):
            custom["archive-date"] = describe_date(c.archive_date)
    put("custom", custom)
    put("note", "\n".join(notes))
    return item


def csl_items(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    """CSL-JSON items for many citations; ids are the labels, else ``ref1``, ``ref2`` …, unique."""
    items: list[dict[str, Any]] = []
    used: set[str] = set()
    for n, c in enumerate(citations, start=1):
        base = normalise_space(c.label) or f"ref{n}"
        ident, k = base, 2
        while ident in used:
            ident, k = f"{base}-{k}", k + 1
        used.add(ident)
        items.append(citation_to_csl(c, ident))
    return items
