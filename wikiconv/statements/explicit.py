"""Explicit statements: the front matter's ``wikidata:`` block, a property | value table in the
lead, and Semantic MediaWiki annotations ``[[P112::Jane Doe|Jane]]``.

Properties are P-ids or names from the rule table's property aliases ("founded by" → P112);
each value is read according to the property's datatype: items from ``Q42``, ``[[Page]]`` or a
name as written; times from a year, ``2018-05``, a YAML date or "December 11, 2025"; quantities
from numbers; URLs and strings as they are.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wikiconv.model import Document, Heading, Inline, Link, Table, WikiLink
from wikiconv.statements.rules import RuleSet
from wikiconv.statements.sentences import Sentence, inline_text
from wikiconv.statements.statement import (
    ItemValue,
    MonolingualValue,
    QuantityValue,
    StringValue,
    TimeValue,
    Value,
)
from wikiconv.statements.values import DATE_PATTERN, parse_date, parse_number

_QID_RE = re.compile(r"Q[1-9]\d*")
_LINK_RE = re.compile(r"\[\[([^\[\]|#]+)(?:#[^\[\]|]*)?(?:\|[^\[\]]*)?\]\]")
_TERM_KEYS = frozenset({"qid", "label", "labels", "description", "descriptions", "aliases"})


@dataclass(frozen=True, slots=True)
class Explicit:
    """A statement given as data, and where."""

    property: str
    value: Value
    rule: str
    line: int = 0
    column: int = 0
    sentence: str = ""
    qualifiers: tuple[tuple[str, Value], ...] = ()


def coerce(prop: str, raw: Any, ruleset: RuleSet, notes: list[str] | None = None) -> list[Value]:
    """Read a raw value (YAML scalar, list, or cell text) as values of the property's type."""
    if isinstance(raw, (list, tuple)):
        return [v for item in raw for v in coerce(prop, item, ruleset, notes)]
    kind = ruleset.property_type(prop) or _guess_type(raw)
    value = _coerce_one(kind, raw)
    if value is None:
        if notes is not None:
            notes.append(f"{prop}: cannot read {raw!r} as a {kind} value")
        return []
    return [value]


def _guess_type(raw: Any) -> str:
    """Guess a datatype for a property the table does not know."""
    if isinstance(raw, (_dt.date, _dt.datetime)):
        return "time"
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return "quantity"
    text = str(raw).strip()
    if re.match(r"https?://", text):
        return "url"
    return "item"


def _coerce_one(kind: str, raw: Any) -> Value | None:
    """Read one raw value as ``kind``; ``None`` if it cannot be."""
    if raw is None or isinstance(raw, bool):
        return None
    if kind == "time":
        if isinstance(raw, _dt.datetime):
            raw = raw.date()
        if isinstance(raw, _dt.date):
            return TimeValue(raw.year, raw.month, raw.day, precision=11)
        text = str(raw).strip()
        month = re.fullmatch(r"(\d{4})-(\d{2})", text)
        if month and 1 <= int(month.group(2)) <= 12:
            return TimeValue(int(month.group(1)), int(month.group(2)), precision=10)
        if re.fullmatch(DATE_PATTERN, text):
            return parse_date(text)
        return None
    if kind == "quantity":
        if isinstance(raw, (int, float)):
            raw = str(raw)
        text = str(raw).strip()
        if not re.fullmatch(r"[+-]?[\d,]+(?:\.\d+)?(?:\s+(?:thousand|million|billion))?", text):
            return None
        value = parse_number(text.lstrip("+"))
        if value is not None and text.startswith("-"):
            value = QuantityValue("-" + value.amount.lstrip("+"))
        return value
    if isinstance(raw, dict):
        if kind == "monolingual" and "text" in raw:
            return MonolingualValue(str(raw["text"]), str(raw.get("language", "en")))
        return None
    text = str(raw).strip()
    if not text:
        return None
    if kind in ("url", "string", "external-id"):
        return StringValue(text)
    if kind == "monolingual":
        return MonolingualValue(text)
    if _QID_RE.fullmatch(text):
        return ItemValue(text, text)
    link = _LINK_RE.fullmatch(text)
    if link:
        return ItemValue(link.group(1).strip(), from_wikilink=True)
    return ItemValue(text)


def front_matter(
    doc: Document, ruleset: RuleSet, notes: list[str]
) -> tuple[dict[str, Any], list[Explicit]]:
    """Return the terms (qid, label, description, aliases) and statements of ``wikidata:``."""
    block = doc.meta.get("wikidata")
    if not isinstance(block, dict):
        return {}, []
    terms = {str(k).lower(): v for k, v in block.items() if str(k).lower() in _TERM_KEYS}
    out: list[Explicit] = []
    for key, raw in block.items():
        if str(key).lower() in _TERM_KEYS:
            continue
        prop = ruleset.property_by_name(str(key))
        if prop is None:
            notes.append(f"front matter: unknown property {key!r}")
            continue
        qualifiers: tuple[tuple[str, Value], ...] = ()
        if isinstance(raw, dict) and "value" in raw:
            qualifiers = tuple(_qualifiers(raw.get("qualifiers"), ruleset, notes))
            raw = raw["value"]
        for value in coerce(prop, raw, ruleset, notes):
            out.append(Explicit(prop, value, "front-matter", 1, 1, "", qualifiers))
    return terms, out


def _qualifiers(raw: Any, ruleset: RuleSet, notes: list[str]) -> Iterator[tuple[str, Value]]:
    """Read a ``qualifiers:`` mapping of property → value(s)."""
    if not isinstance(raw, dict):
        return
    for key, value in raw.items():
        prop = ruleset.property_by_name(str(key))
        if prop is None:
            notes.append(f"front matter: unknown qualifier property {key!r}")
            continue
        for item in coerce(prop, value, ruleset, notes):
            yield prop, item


def lead_tables(doc: Document, ruleset: RuleSet, notes: list[str]) -> list[Explicit]:
    """Return the statements of two-column ``property | value`` tables before the first heading."""
    out: list[Explicit] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            break
        if not isinstance(block, Table) or len(block.header) != 2:
            continue
        header = [inline_text(c).lower() for c in block.header]
        rows = [list(r) for r in block.rows if len(r) == 2]
        if header[0] not in ("property", "key", "field"):
            if ruleset.property_by_name(inline_text(block.header[0])) is None:
                continue
            rows.insert(0, list(block.header))
        for name_cell, value_cell in rows:
            name = inline_text(name_cell)
            prop = ruleset.property_by_name(name)
            if prop is None:
                notes.append(f"table: unknown property {name!r}")
                continue
            line, column = _cell_pos(value_cell, block)
            text = f"{name} | {inline_text(value_cell)}"
            for value in _cell_values(prop, value_cell, ruleset, notes):
                out.append(Explicit(prop, value, "table", line, column, text))
    return out


def _cell_values(prop: str, cell: list[Inline], ruleset: RuleSet, notes: list[str]) -> list[Value]:
    """Read a table cell: its wikilinks as items, its links as URLs, else its text."""
    kind = ruleset.property_type(prop) or "item"
    links = [n for n in cell if isinstance(n, WikiLink)]
    if kind == "item" and links:
        return [ItemValue(n.target.lstrip(":").strip(), from_wikilink=True) for n in links]
    urls = [n.url for n in cell if isinstance(n, Link)]
    if kind in ("url", "string") and urls:
        return [StringValue(u) for u in urls]
    return coerce(prop, inline_text(cell), ruleset, notes)


def _cell_pos(cell: list[Inline], table: Table) -> tuple[int, int]:
    """Return where a cell's content starts (the table's position if unknown)."""
    for node in cell:
        if node.pos is not None:
            return node.pos.line, node.pos.column
    return (table.pos.line, table.pos.column) if table.pos else (0, 0)


def annotation_statements(
    sentences: list[Sentence], ruleset: RuleSet, notes: list[str]
) -> list[Explicit]:
    """Return the statements of Semantic MediaWiki annotations ``[[property::value]]``."""
    out: list[Explicit] = []
    for sentence in sentences:
        for link in sentence.links:
            if not link.annotation:
                continue
            prop = ruleset.property_by_name(link.annotation)
            if prop is None:
                notes.append(f"annotation: unknown property {link.annotation!r}")
                continue
            kind = ruleset.property_type(prop) or "item"
            if kind == "item":
                values: list[Value] = [ItemValue(link.target, from_wikilink=True)]
            else:
                values = coerce(prop, link.target, ruleset, notes)
            for value in values:
                out.append(
                    Explicit(
                        prop, value, "annotation", sentence.line, sentence.column, sentence.text
                    )
                )
    return out
