"""Score statement extraction against the hand-labelled articles in ``tests/data/articles``.

Each ``NAME.expected.json`` sits next to ``NAME.md`` (or names its article in ``source``) and
lists the statements a careful reader would enter: property, value (an item's page name or name
as written, a date in ISO form at its precision, a number, a string) and whether it is
``required``. A statement is the property plus the normalised value. An extracted statement
that matches a required one is a true positive; one that matches an optional one is neither
counted for nor against; anything else is a false positive. Recall is over required
statements. Terms (label, description, aliases) are scored the same way, separately.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from tests.evaluation_counts import PRCounts
from wikiconv.api import parse
from wikiconv.statements.extract import ExtractionOptions, extract_statements
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    MonolingualValue,
    QuantityValue,
    StringValue,
    TimeValue,
    Value,
)

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


@dataclass(slots=True)
class Counts(PRCounts):
    """True positives, false positives and false negatives."""

    def add(self, other: Counts) -> None:
        """Add another count in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(slots=True)
class ArticleScore:
    """The score of one article, and what went wrong."""

    name: str
    split: str
    statements: Counts = field(default_factory=Counts)
    terms: Counts = field(default_factory=Counts)
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def norm_text(text: str) -> str:
    """Normalise a name or string: NFC, case-folded, ``_`` as space, blanks collapsed."""
    text = unicodedata.normalize("NFC", str(text)).replace("_", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


def norm_value(value: Value) -> str:
    """Normalise an extracted value to the form the expected files use."""
    if isinstance(value, ItemValue):
        return norm_text(value.name)
    if isinstance(value, TimeValue):
        iso = f"{value.year:04d}"
        if value.precision >= 10:
            iso += f"-{value.month:02d}"
        if value.precision >= 11:
            iso += f"-{value.day:02d}"
        return iso
    if isinstance(value, QuantityValue):
        return _number(value.amount)
    if isinstance(value, (StringValue, MonolingualValue)):
        return norm_text(value.text)
    raise TypeError(type(value).__name__)


def _number(text: str) -> str:
    try:
        return format(Decimal(text.lstrip("+").replace(",", "")).normalize(), "f")
    except InvalidOperation:
        return norm_text(text)


def norm_expected(entry: dict[str, Any]) -> str:
    """Normalise an expected value (dates stay ISO, numbers lose formatting)."""
    value = str(entry["value"])
    if re.fullmatch(r"[+-]?[\d,]+(?:\.\d+)?", value) and not re.fullmatch(r"\d{3,4}", value):
        return _number(value)
    return norm_text(value)


def load_articles(split: str = "all") -> list[tuple[str, dict[str, Any], Path]]:
    """Return (name, expected data, article path) for the articles of a split."""
    out = []
    for path in sorted(ARTICLES.glob("*.expected.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if split not in ("all", data.get("split", "train")):
            continue
        name = path.name[: -len(".expected.json")]
        source = path.parent / data["source"] if "source" in data else path.with_name(name + ".md")
        out.append((name, data, source.resolve()))
    return out


def extracted_pairs(text: str, *, full_dates: bool = False) -> set[tuple[str, str]]:
    """Return the (property, value) pairs extracted from a Markdown text: an item by its name,
    a quantity by its amount, a date by its year or, with ``full_dates``, its Wikibase time."""
    out = set()
    for statement in extract_statements(parse(text)).statements:
        value = statement.value
        if isinstance(value, ItemValue):
            out.add((statement.property, value.name))
        elif isinstance(value, QuantityValue):
            out.add((statement.property, value.amount.lstrip("+")))
        elif isinstance(value, TimeValue):
            shown = value.wikibase_time if full_dates else str(value.year)
            out.add((statement.property, shown))
    return out


def extract(path: Path, options: ExtractionOptions | None = None) -> EntityDraft:
    """Parse an article file and extract its statements."""
    doc = parse(path.read_text(encoding="utf-8"), source_name=str(path))
    return extract_statements(doc, options)


def score_article(name: str, data: dict[str, Any], draft: EntityDraft) -> ArticleScore:
    """Score one draft against its expected data."""
    result = ArticleScore(name, data.get("split", "train"))
    required = {
        (e["property"], norm_expected(e)) for e in data["statements"] if e.get("required", True)
    }
    optional = {(e["property"], norm_expected(e)) for e in data["statements"]} - required
    got = {(s.property, norm_value(s.value)) for s in draft.statements}
    judged = data.get("judged_properties")
    if judged:  # a statement about a property the labeller was not asked about is unjudged
        got = {(prop, value) for prop, value in got if prop in judged}
    result.statements.tp = len(got & required)
    wrong = sorted(got - required - optional)
    result.statements.fp = len(wrong)
    missed = sorted(required - got)
    result.statements.fn = len(missed)
    result.false_positives, result.missed = wrong, missed
    expected_terms = {("label", norm_text(data["label"]))} if data.get("label") else set()
    if data.get("description"):
        expected_terms.add(("description", norm_text(data["description"])))
    expected_terms |= {("alias", norm_text(a)) for a in data.get("aliases", [])}
    got_terms = {("label", norm_text(v)) for v in draft.labels.values()}
    got_terms |= {("description", norm_text(v)) for v in draft.descriptions.values()}
    got_terms |= {("alias", norm_text(a)) for v in draft.aliases.values() for a in v}
    result.terms = Counts(
        len(got_terms & expected_terms),
        len(got_terms - expected_terms),
        len(expected_terms - got_terms),
    )
    result.false_positives += sorted(got_terms - expected_terms)
    result.missed += sorted(expected_terms - got_terms)
    return result


def evaluate(split: str = "all") -> list[ArticleScore]:
    """Extract and score every article of a split."""
    import time

    scores = []
    for name, data, path in load_articles(split):
        start = time.perf_counter()
        draft = extract(path)
        seconds = time.perf_counter() - start
        article = score_article(name, data, draft)
        article.seconds = seconds
        scores.append(article)
    return scores


def totals(scores: list[ArticleScore]) -> tuple[Counts, Counts]:
    """Return the summed statement and term counts."""
    statements, terms = Counts(), Counts()
    for article in scores:
        statements.add(article.statements)
        terms.add(article.terms)
    return statements, terms
