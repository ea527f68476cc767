"""The citation model: who, what, where and when of one reference. No I/O, no formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CitationKind = Literal["web", "news", "journal", "book", "generic"]
IDENTIFIER_KEYS = ("doi", "isbn", "issn", "pmid", "pmc", "arxiv", "oclc")


@dataclass(slots=True)
class Contributor:
    """A person (``family``/``given``) or an organisation (``organization``)."""

    family: str = ""
    given: str = ""
    organization: str = ""

    @property
    def is_organization(self) -> bool:
        """Tell whether this is an organisation rather than a person."""
        return bool(self.organization)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"


@dataclass(slots=True)
class Citation:
    """One reference: its type, people, title, container, dates, identifiers and locators."""

    kind: CitationKind = "generic"
    authors: list[Contributor] = field(default_factory=list)
    editors: list[Contributor] = field(default_factory=list)
    title: str = ""
    container: str = ""  # website, newspaper, journal, or the book holding a chapter
    chapter: str = ""
    publisher: str = ""
    date: PartialDate | None = None
    url: str = ""
    access_date: PartialDate | None = None
    archive_url: str = ""
    archive_date: PartialDate | None = None
    identifiers: dict[str, str] = field(default_factory=dict)  # keys from IDENTIFIER_KEYS
    volume: str = ""
    issue: str = ""
    pages: str = ""
    edition: str = ""
    location: str = ""
    language: str = ""
    raw: str = ""  # the reference as written
    guesses: list[str] = field(default_factory=list)  # each decision the parser made, in words
    label: str = ""  # the number or footnote id the article uses for it
