"""Infobox-like data in the body: ``- Founded: 2019`` bullet lists and two-column tables.

A bullet list counts when at least two of its items, and at least half, read ``Label: value``
with a label the rule table knows as a property name ("Founded", "Headquarters", "CEO"); a
two-column table after the first heading counts when at least two of its rows do (tables in
the lead are read by :func:`~wikiconv.statements.explicit.lead_tables`). Sections about other
things (references, a remake, competitors) are skipped.
"""

from __future__ import annotations

import re

from wikiconv.model import BulletList, Document, Heading, Inline, Paragraph, Table, Text, WikiLink
from wikiconv.statements.explicit import Explicit, coerce
from wikiconv.statements.rules import RuleSet
from wikiconv.statements.sentences import APPARATUS_SECTIONS, inline_text
from wikiconv.statements.statement import ItemValue, Value
from wikiconv.statements.values import DATE_PATTERN, NUMBER_PATTERN, parse_date, parse_number

_LABEL_RE = re.compile(r"^\s*([^\W\d_][\w ()/'’-]{0,40}?)\s*[:：]\s*(\S.*)$", re.S)
_LIST_SPLIT_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+|\s+&\s+)")
_DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
_NUMBER_RE = re.compile(NUMBER_PATTERN, re.IGNORECASE)


def label_statements(doc: Document, ruleset: RuleSet, notes: list[str]) -> list[Explicit]:
    """Return the statements of ``Label: value`` lists and property tables in the body."""
    skip = {w.casefold() for w in ruleset.config.get("other_entity_nouns", [])}
    out: list[Explicit] = []
    section, seen_heading = "", False
    for block in doc.blocks:
        if isinstance(block, Heading):
            section, seen_heading = inline_text(block.children).casefold(), True
            continue
        if section in APPARATUS_SECTIONS or skip & set(re.findall(r"[\w-]+", section)):
            continue
        if isinstance(block, BulletList):
            rows = [row for row in map(_item_row, block.items) if row is not None]
        elif isinstance(block, Table) and seen_heading and len(block.header) == 2:
            rows = [(inline_text(r[0]), r[1]) for r in [block.header, *block.rows] if len(r) == 2]
        else:
            continue
        known = [(ruleset.property_by_name(label), label, cell) for label, cell in rows]
        found = [(p, label, cell) for p, label, cell in known if p is not None]
        size = len(block.items) if isinstance(block, BulletList) else len(rows)
        if len(found) < 2 or 2 * len(found) < size:
            continue
        for prop, label, cell in found:
            assert prop is not None
            line, column = _pos(cell, block)
            text = f"{label}: {inline_text(cell)}"
            for value in _values(prop, cell, ruleset, notes):
                out.append(Explicit(prop, value, "label-list", line, column, text))
    return out


def _item_row(item: object) -> tuple[str, list[Inline]] | None:
    """Split a list item's first paragraph at its first colon: (label, value inlines)."""
    blocks = getattr(item, "children", [])
    if not blocks or not isinstance(blocks[0], Paragraph):
        return None
    inlines = blocks[0].children
    for number, node in enumerate(inlines[:3]):  # a label opens the item
        if isinstance(node, Text):
            if ":" not in node.text:
                if len(node.text) > 40:
                    return None
                continue
            head, _, tail = node.text.partition(":")
            if len(head) > 40:
                return None
            label = (inline_text(inlines[:number]) + head if number else head).strip(" *")
            rest: list[Inline] = [Text(tail), *inlines[number + 1 :]]
        elif not isinstance(node, Text) and inline_text([node]).endswith(":"):  # **Founded:**
            label = inline_text(inlines[: number + 1]).rstrip(":").strip(" *")
            rest = inlines[number + 1 :]
        else:
            continue
        if _LABEL_RE.match(f"{label}: x") is None or len(label.split()) > 5:
            return None
        return label, rest
    return None


def _values(prop: str, cell: list[Inline], ruleset: RuleSet, notes: list[str]) -> list[Value]:
    """Read a value cell by the property's datatype (a list of names for items)."""
    kind = ruleset.property_type(prop) or "item"
    text = inline_text(cell).strip()
    if kind == "item":
        links = {
            inline_text([n]).rstrip("."): n.target.lstrip(":").strip()
            for n in cell
            if isinstance(n, WikiLink)
        }
        bare = re.sub(r"\s*\(.*?\)", "", text)
        if prop not in ruleset.config.get("list_properties", []):
            bare = bare.split(",")[0]  # "[[Tromsø]], Norway": one place
        names = [n.strip().rstrip(".") for n in _LIST_SPLIT_RE.split(bare)]
        return [
            ItemValue(links[n], from_wikilink=True) if n in links else ItemValue(n)
            for n in names
            if n and (n in links or n[:1].isupper())
        ]
    text = text.rstrip(".")
    if kind == "time":
        date = _DATE_RE.search(text)
        value = parse_date(date.group(0)) if date else None
        return [value] if value else []
    if kind == "quantity":
        number = _NUMBER_RE.search(text)
        amount = parse_number(number.group(0)) if number else None
        return [amount] if amount else []
    return coerce(prop, text, ruleset, notes)


def _pos(cell: list[Inline], block: object) -> tuple[int, int]:
    """Return where a value starts (the block's position if unknown)."""
    for node in cell:
        if node.pos is not None:
            return node.pos.line, node.pos.column
    pos = getattr(block, "pos", None)
    return (pos.line, pos.column) if pos else (0, 0)
