"""The statement model: claims about an article's subject, each with provenance. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Precision = Literal[9, 10, 11]  # Wikibase time precision: year, month, day


@dataclass(frozen=True, slots=True)
class ItemValue:
    """An item named by a page title (from a wikilink) or as written; ``qid`` once resolved."""

    name: str
    qid: str | None = None
    from_wikilink: bool = False


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A Gregorian point in time at year, month or day precision."""

    year: int
    month: int = 0
    day: int = 0
    precision: Precision = 11

    @property
    def wikibase_time(self) -> str:
        """The time string Wikibase stores, e.g. ``+2018-00-00T00:00:00Z`` at precision 9."""
        month = self.month if self.precision >= 10 else 0
        day = self.day if self.precision >= 11 else 0
        sign = "+" if self.year >= 0 else "-"
        return f"{sign}{abs(self.year):04d}-{month:02d}-{day:02d}T00:00:00Z"


@dataclass(frozen=True, slots=True)
class QuantityValue:
    """An amount, optionally with a unit item."""

    amount: str  # decimal string with sign, e.g. "+120"
    unit: ItemValue | None = None


@dataclass(frozen=True, slots=True)
class StringValue:
    """A plain string (external ids, URLs)."""

    text: str


@dataclass(frozen=True, slots=True)
class MonolingualValue:
    """A string in a language (titles, names)."""

    text: str
    language: str = "en"


Value = ItemValue | TimeValue | QuantityValue | StringValue | MonolingualValue


@dataclass(slots=True)
class Reference:
    """One reference: ordered (property, value) snaks such as P854 URL, P1476 title, P577 date."""

    snaks: list[tuple[str, Value]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where in the article a statement was found."""

    source_name: str = "<string>"
    line: int = 0
    column: int = 0
    sentence: str = ""
    rule: str = ""  # which rule or data source produced it


@dataclass(slots=True)
class Statement:
    """A claim ``property = value`` about the subject, with references and provenance."""

    property: str  # "P571"
    value: Value
    references: list[Reference] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    unsourced: bool = False  # True when only the provenance reference (P143) backs it
    qualifiers: list[tuple[str, Value]] = field(default_factory=list)


@dataclass(slots=True)
class EntityDraft:
    """Everything said about one subject: terms, sitelink and statements."""

    qid: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    sitelinks: dict[str, str] = field(default_factory=dict)  # "enwiki" -> page title
    statements: list[Statement] = field(default_factory=list)
