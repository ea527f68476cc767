"""Field-level scoring of the reference parser against tests/data/references/eval.jsonl."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.evaluation_counts import PRCounts
from wikiconv.citations.dates import iso
from wikiconv.citations.reference_parser import parse_reference

EVAL_PATH = Path(__file__).resolve().parent / "data" / "references" / "eval.jsonl"
FIELDS = (
    "kind", "authors", "title", "container", "publisher", "date", "url",
    "doi", "isbn", "arxiv", "volume", "issue", "pages",
)  # fmt: skip


def load_eval(split: str = "all") -> list[dict[str, Any]]:
    """The labelled reference strings of one split ("dev", "test" or "all")."""
    with EVAL_PATH.open(encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]
    return [e for e in entries if split == "all" or e["split"] == split]


def norm(value: object) -> str:
    """Case-, whitespace- and punctuation-insensitive form of a field value."""
    text = unicodedata.normalize("NFKC", str(value)).lower()
    return re.sub(r"[\W_]+", "", text)


def _family(name: str) -> str:
    if name.startswith("{"):
        return norm(name.strip("{}"))
    return norm(name.split(",")[0])


def predicted_fields(text: str) -> dict[str, object]:
    """Parse ``text`` and flatten the Citation to the evaluated fields."""
    cit = parse_reference(text)
    people = [p.organization if p.organization else p.family for p in cit.authors]
    return {
        "kind": cit.kind,
        "authors": [norm(p) for p in people],
        "title": norm(cit.title),
        "container": norm(cit.container),
        "publisher": norm(cit.publisher),
        "date": iso(cit.date),
        "url": norm(re.sub(r"^https?://", "", cit.url)),
        "doi": norm(cit.identifiers.get("doi", "")),
        "isbn": norm(cit.identifiers.get("isbn", "")),
        "arxiv": norm(cit.identifiers.get("arxiv", "")),
        "volume": norm(cit.volume),
        "issue": norm(cit.issue),
        "pages": norm(cit.pages),
    }


def expected_fields(expected: dict[str, Any]) -> dict[str, object]:
    """Normalise a labelled entry's expected fields the same way."""
    out: dict[str, object] = {}
    for name in FIELDS:
        value = expected.get(name, [] if name == "authors" else "")
        if name == "authors":
            out[name] = [_family(a) for a in value]
        elif name == "url":
            out[name] = norm(re.sub(r"^https?://", "", value))
        elif name in ("kind", "date"):
            out[name] = value
        else:
            out[name] = norm(value)
    return out


@dataclass
class Counts(PRCounts):
    """True positives, false positives and false negatives of one field."""

    def add(self, got: object, want: object) -> None:
        """Count one comparison (an empty value is 'not predicted' / 'not labelled')."""
        if got and want and got == want:
            self.tp += 1
            return
        if got:
            self.fp += 1
        if want:
            self.fn += 1


@dataclass
class Scores:
    """Per-field counts, the first author, and the micro-average over all fields."""

    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    first_author: Counts = field(default_factory=Counts)
    url_or_doi: Counts = field(default_factory=Counts)
    entries: int = 0

    @property
    def overall(self) -> Counts:
        """Micro-average: all fields' counts added up."""
        total = Counts()
        for c in self.fields.values():
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
        return total


def score(entries: Iterable[dict[str, Any]]) -> Scores:
    """Parse every entry and count matches field by field."""
    result = Scores()
    for entry in entries:
        got = predicted_fields(entry["text"])
        want = expected_fields(entry["expected"])
        result.entries += 1
        for name in FIELDS:
            result.fields[name].add(got[name], want[name])
        got_authors, want_authors = got["authors"], want["authors"]
        assert isinstance(got_authors, list) and isinstance(want_authors, list)
        result.first_author.add(got_authors[:1], want_authors[:1])
        for name in ("url", "doi"):
            if want[name] or got[name]:
                result.url_or_doi.add(got[name], want[name])
    return result
