"""Inline citation markers in a document's text, and a walker that replaces them.

The reader gives a numeric marker as text (``Text("… big.[1] More [2–4].")``) or as a
superscript (``RawHtml("<sup>")``, ``Text("1")``, ``RawHtml("</sup>")``); footnote markers
are ``FootnoteRef`` nodes and inline references ``Ref`` nodes.  :func:`rewrite_blocks` walks
body blocks and asks a :class:`MarkerHandler` what each marker becomes; numeric markers are
not looked for in headings, link labels or code.

Forms read as numeric markers: ``[1]``, ``[1, 3]``, ``[1; 3]``, ``[2–4]`` / ``[2-4]`` / ``[2—4]``
and mixes (``[1, 3–5]``); ``<sup>1</sup>``, ``<sup>1,2</sup>``, ``<sup>[1]</sup>``.  A
superscript right after a digit, an operator or a unit (``mc<sup>2</sup>``, ``10 m<sup>2</sup>``)
is mathematics, not a marker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields
from typing import Protocol, TypeVar

from wikiconv import model as m
from wikiconv.citations.lazy_re import lazy_re

_NUMBERS = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*"
MARKER = lazy_re(rf"\[\s*({_NUMBERS})\s*\]")
_SUP_BODY = lazy_re(rf"\s*(?:\[\s*({_NUMBERS})\s*\]|({_NUMBERS}))\s*")
_SUP_OPEN = lazy_re(r"<sup(?:\s[^>]*)?>", re.IGNORECASE)
_SUP_CLOSE = lazy_re(r"</sup\s*>", re.IGNORECASE)
_MATH_BEFORE = lazy_re(r"(?:\d|[=+*/^×·−-]\s*\w{1,3}|\d\s?[A-Za-z]{1,3})$")
_N = TypeVar("_N", bound=m.Node)
MAX_RANGE = 50  # a "range" longer than this is not a list of citations


_SLOTS: dict[type, tuple[str, ...]] = {}


def _copy_with(node: _N, **changes: object) -> _N:
    """``dataclasses.replace(node, **changes)`` for the model's slotted dataclasses, faster.

    The model's classes have no ``__post_init__`` and no init-only fields, so a copy of every
    field with the changes applied is what ``replace`` builds.
    """
    kind = type(node)
    names = _SLOTS.get(kind)
    if names is None:
        names = _SLOTS[kind] = tuple(f.name for f in fields(kind))
    new = object.__new__(kind)
    for name in names:
        setattr(new, name, changes[name] if name in changes else getattr(node, name))
    return new


def marker_numbers(body: str) -> list[int] | None:
    """The reference numbers a marker's body stands for (``"1, 3–5"`` → 1, 3, 4, 5), or None."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body.strip()):
        ends = [int(x) for x in re.split(r"\s*[-–—]\s*", part)]
        if len(ends) == 2:
            low, high = ends
            if not 0 < high - low <= MAX_RANGE:
                return None
            numbers.extend(range(low, high + 1))
        else:
            numbers.append(ends[0])
    return numbers


class MarkerHandler(Protocol):
    """What a marker becomes; None (for numeric markers) leaves it as written."""

    def numbers(self, numbers: list[int], raw: str, pos: m.Pos | None) -> list[m.Inline] | None:
        """The nodes for a numeric marker, or None to leave it as written."""
        ...

    def footnote(self, node: m.FootnoteRef) -> m.Inline:
        """The node for a footnote marker."""
        ...

    def ref(self, node: m.Ref) -> m.Inline:
        """The node for an inline reference."""
        ...


def _shift(pos: m.Pos | None, columns: int) -> m.Pos | None:
    """A position ``columns`` further along the same line."""
    return m.Pos(pos.line, pos.column + columns) if pos is not None else None


def split_text(node: m.Text, handler: MarkerHandler) -> list[m.Inline]:
    """A text node with its numeric markers replaced (spaces before a replaced marker go)."""
    out: list[m.Inline] = []
    text, last = node.text, 0
    if "[" not in text:  # every marker starts with one
        return [node]
    for match in MARKER.finditer(text):
        numbers = marker_numbers(match.group(1))
        if numbers is None:
            continue
        refs = handler.numbers(numbers, match.group(0), _shift(node.pos, match.start()))
        if refs is None:
            continue
        before = text[last : match.start()].rstrip(" ")
        if before:
            out.append(m.Text(before, pos=_shift(node.pos, last)))
        out.extend(refs)
        last = match.end()
    if not out:
        return [node]
    if last < len(text):
        out.append(m.Text(text[last:], pos=_shift(node.pos, last)))
    return out


def _sup_marker(nodes: Sequence[m.Inline], i: int) -> list[int] | None:
    """The numbers of a ``<sup>n</sup>`` marker starting at ``nodes[i]``, or None."""
    if i + 2 >= len(nodes):
        return None
    opening, body, closing = nodes[i], nodes[i + 1], nodes[i + 2]
    if not (
        isinstance(opening, m.RawHtml)
        and _SUP_OPEN.fullmatch(opening.html.strip())
        and isinstance(body, m.Text)
        and isinstance(closing, m.RawHtml)
        and _SUP_CLOSE.fullmatch(closing.html.strip())
    ):
        return None
    match = _SUP_BODY.fullmatch(body.text)
    if match is None:
        return None
    before = nodes[i - 1] if i > 0 else None
    if isinstance(before, m.Text) and _MATH_BEFORE.search(before.text):
        return None
    return marker_numbers(match.group(1) or match.group(2))


def _source(node: m.Inline) -> str:
    """The text of a raw-HTML or text node."""
    if isinstance(node, m.RawHtml):
        return node.html
    return node.text if isinstance(node, m.Text) else ""


def merge_texts(nodes: Sequence[m.Inline]) -> list[m.Inline]:
    """Adjacent text nodes joined into one (at the first one's position)."""
    out: list[m.Inline] = []
    for node in nodes:
        if isinstance(node, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + node.text, pos=out[-1].pos)
        else:
            out.append(node)
    return out


def rewrite_inlines(
    nodes: Sequence[m.Inline], handler: MarkerHandler, numeric: bool
) -> list[m.Inline]:
    """Inline nodes with their markers replaced; ``numeric`` turns on numeric markers."""
    if numeric:
        nodes = merge_texts(nodes)
    out: list[m.Inline] = []
    i = 0
    while i < len(nodes):
        node = nodes[i]
        if numeric and isinstance(node, m.RawHtml):
            numbers = _sup_marker(nodes, i)
            if numbers is not None:
                raw = "".join(_source(n) for n in nodes[i : i + 3])
                refs = handler.numbers(numbers, raw, node.pos)
                if refs is not None:
                    if out and isinstance(out[-1], m.Text):
                        out[-1] = m.Text(out[-1].text.rstrip(" "), pos=out[-1].pos)
                    out.extend(refs)
                    i += 3
                    continue
        if isinstance(node, m.Text) and numeric:
            out.extend(split_text(node, handler))
        elif isinstance(node, m.FootnoteRef):
            out.append(handler.footnote(node))
        elif isinstance(node, m.Ref):
            out.append(handler.ref(node))
        elif isinstance(node, (m.Emph, m.Strong, m.Strikeout)):
            out.append(_copy_with(node, children=rewrite_inlines(node.children, handler, numeric)))
        elif isinstance(node, m.Link):  # a link label holds no numeric markers
            out.append(_copy_with(node, children=rewrite_inlines(node.children, handler, False)))
        elif isinstance(node, m.WikiLink) and node.label:
            out.append(_copy_with(node, label=rewrite_inlines(node.label, handler, False)))
        else:
            out.append(node)
        i += 1
    return out


def rewrite_block(block: m.Block, handler: MarkerHandler, numeric: bool) -> m.Block:
    """A copy of one block with its markers replaced (a heading holds no numeric markers).

    Only the nodes on the way to a change are new; everything else is shared, so the input
    document is never changed and nothing is copied twice.
    """
    if isinstance(block, m.Paragraph):
        return _copy_with(block, children=rewrite_inlines(block.children, handler, numeric))
    if isinstance(block, m.Heading):
        return _copy_with(block, children=rewrite_inlines(block.children, handler, False))
    if isinstance(block, m.BlockQuote):
        return _copy_with(
            block, children=[rewrite_block(c, handler, numeric) for c in block.children]
        )
    if isinstance(block, (m.BulletList, m.OrderedList)):
        items = [
            _copy_with(item, children=[rewrite_block(c, handler, numeric) for c in item.children])
            for item in block.items
        ]
        return _copy_with(block, items=items)
    if isinstance(block, m.Table):
        return _copy_with(
            block,
            header=[rewrite_inlines(cell, handler, numeric) for cell in block.header],
            rows=[[rewrite_inlines(c, handler, numeric) for c in row] for row in block.rows],
        )
    return block


def rewrite_blocks(
    blocks: Sequence[m.Block], handler: MarkerHandler, numeric: bool, skip: set[int]
) -> list[m.Block]:
    """The blocks with their markers replaced, except top-level blocks in ``skip``."""
    return [
        block if i in skip else rewrite_block(block, handler, numeric)
        for i, block in enumerate(blocks)
    ]
