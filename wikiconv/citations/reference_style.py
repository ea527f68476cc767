"""One readable reference style for a :class:`Citation`, which the reference parser reads back.

``Family, Given; Other, A. (2025-12-11). "Title". Website. Publisher. 12 (3): 4–5.
doi:10.1/x. https://example.org/. Retrieved 2026-01-02. Archived from the original on
2026-01-03 at https://web.archive.org/….``  Parts the citation lacks are left out; dates are
ISO 8601 at the precision known.
"""

from __future__ import annotations

from wikiconv.citations.citation import Citation, Contributor, PartialDate

__all__ = ["format_reference"]

_ID_LABELS = {
    "doi": "doi:",
    "isbn": "ISBN ",
    "issn": "ISSN ",
    "pmid": "PMID ",
    "pmc": "PMC ",
    "arxiv": "arXiv:",
    "oclc": "OCLC ",
}


def _date(d: PartialDate) -> str:
    text = f"{d.year:04d}"
    if d.month is not None:
        text += f"-{d.month:02d}"
        if d.day is not None:
            text += f"-{d.day:02d}"
    return text


def _person(p: Contributor) -> str:
    if p.is_organization:
        return p.organization
    if p.family and p.given:
        return f"{p.family}, {p.given}"
    return p.family or p.given


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def format_reference(c: Citation) -> str:
    """The citation as one line in the readable style described above."""
    parts: list[str] = []
    people = "; ".join(p for p in (_person(a) for a in c.authors) if p)
    if people and c.date is not None:
        parts.append(f"{people} ({_date(c.date)}).")
    elif people:
        parts.append(_sentence(people))
    if c.chapter:
        parts.append(f'"{c.chapter}". In')
    if c.title:
        parts.append(f'"{c.title.rstrip(".")}".')
    if c.date is not None and not people:
        parts.append(f"({_date(c.date)}).")
    if c.container:
        parts.append(_sentence(c.container))
    if c.edition:
        parts.append(_sentence(f"{c.edition} ed"))
    if c.location and c.publisher:
        parts.append(f"{c.location}: {_sentence(c.publisher)}")
    elif c.publisher:
        parts.append(_sentence(c.publisher))
    numbers = c.volume
    if c.issue:
        numbers += f" ({c.issue})"
    if c.pages:
        numbers += f": {c.pages}" if numbers else f"p. {c.pages}"
    if numbers:
        parts.append(_sentence(numbers.strip()))
    for key, value in c.identifiers.items():
        label = _ID_LABELS.get(key)
        if label:
            parts.append(f"{label}{value}.")
    if c.url:
        parts.append(f"{c.url}.")
    if c.access_date is not None:
        parts.append(f"Retrieved {_date(c.access_date)}.")
    if c.archive_url:
        when = f" on {_date(c.archive_date)}" if c.archive_date is not None else ""
        parts.append(f"Archived from the original{when} at {c.archive_url}.")
    return " ".join(parts)
