"""One walk over a document's body that gathers what the citations pass asks of it.

The pass needs, of the same blocks, the inline ``<ref>`` tags with content, the ``<ref>`` names
in use, the footnote markers used, which top-level blocks hold a marker and whether a reference
list is there already; :func:`scan_body` finds them all in one depth-first walk (an explicit
stack, so deep nesting costs no recursion).  :func:`iter_body_inlines` is the plain walk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import cast

from wikiconv import model as m
from wikiconv.citations.lazy_re import lazy_re

REFLIST = lazy_re(r"\{\{\s*(?:reflist|references)\s*[|}]|<references\b", re.IGNORECASE)

# Inline nodes whose ``children`` are walked (a Ref's content is not), and blocks by shape.
_INLINE_PARENTS = (m.Emph, m.Strong, m.Strikeout, m.Link)
_INLINE_BLOCKS = (m.Paragraph, m.Heading)
_LISTS = (m.BulletList, m.OrderedList)
_Parent = m.Emph | m.Strong | m.Strikeout | m.Link


def _inline_lists(block: m.Block) -> Iterator[list[m.Inline]]:
    """The inline lists of one block, nested blocks included, in document order."""
    stack: list[m.Block] = [block]
    while stack:
        b = stack.pop()
        if isinstance(b, _INLINE_BLOCKS):
            yield b.children
        elif isinstance(b, m.BlockQuote):
            stack.extend(reversed(b.children))
        elif isinstance(b, _LISTS):
            for item in reversed(b.items):
                stack.extend(reversed(item.children))
        elif isinstance(b, m.Table):
            yield from b.header
            for row in b.rows:
                yield from row


# What a node is to the walk, by its type (found with isinstance once per type).
_LEAF, _PARENT, _WIKILINK, _REF, _FOOTNOTE, _TEMPLATE, _RAW_HTML = range(7)
_KINDS: dict[type, int] = {}


def _kind(node: m.Inline) -> int:
    """The walk's code for a node's type."""
    t = type(node)
    code = _KINDS.get(t)
    if code is None:
        checks = (
            (_INLINE_PARENTS, _PARENT),
            (m.WikiLink, _WIKILINK),
            (m.Ref, _REF),
            (m.FootnoteRef, _FOOTNOTE),
            (m.Template, _TEMPLATE),
            (m.RawHtml, _RAW_HTML),
        )
        code = next((c for cls, c in checks if isinstance(node, cls)), _LEAF)
        _KINDS[t] = code
    return code


def _walk(nodes: list[m.Inline]) -> Iterator[tuple[m.Inline, int]]:
    """Inline nodes and their descendants with their codes, depth first (not into a Ref)."""
    stack = [iter(nodes)]
    kinds = _KINDS
    while stack:
        for node in stack[-1]:
            code = kinds.get(type(node))
            if code is None:
                code = _kind(node)
            yield node, code
            if code == _PARENT:
                stack.append(iter(cast("_Parent", node).children))
                break
            if code == _WIKILINK and cast("m.WikiLink", node).label:
                stack.append(iter(cast("list[m.Inline]", cast("m.WikiLink", node).label)))
                break
        else:
            stack.pop()


def iter_body_inlines(
    blocks: Sequence[m.Block], skip: set[int] | None = None
) -> Iterator[m.Inline]:
    """Every inline node of the blocks (depth first), skipping top-level blocks in ``skip``."""
    for i, block in enumerate(blocks):
        if skip and i in skip:
            continue
        for nodes in _inline_lists(block):
            for node, _ in _walk(nodes):
                yield node


class BodyScan:
    """What one walk over the body found (``skip``: the reference sections' blocks)."""

    __slots__ = ("has_reflist", "marked", "names", "refs", "used_footnotes")

    def __init__(self) -> None:
        """Start empty."""
        self.refs: list[m.Ref] = []  # <ref>s with content outside ``skip``, in order
        self.names: set[str] = set()  # names of every <ref>
        self.used_footnotes: set[str] = set()  # footnote labels used outside ``skip``
        self.marked: set[int] = set()  # blocks outside ``skip`` holding a Ref or FootnoteRef
        self.has_reflist = False  # {{reflist}} or <references> anywhere


def scan_body(blocks: Sequence[m.Block], skip: set[int]) -> BodyScan:
    """Walk every block once and gather a :class:`BodyScan`."""
    scan = BodyScan()
    names, refs, used, marked = scan.names, scan.refs, scan.used_footnotes, scan.marked
    reflist = scan.has_reflist
    for i, block in enumerate(blocks):
        body = i not in skip
        if not reflist and isinstance(block, (m.WikiBlock, m.HtmlBlock)):
            text = block.wikitext if isinstance(block, m.WikiBlock) else block.html
            reflist = REFLIST.search(text) is not None
        for nodes in _inline_lists(block):
            for node, code in _walk(nodes):
                if code <= _WIKILINK:
                    continue
                if code == _REF:
                    assert isinstance(node, m.Ref)
                    if node.name:
                        names.add(node.name)
                    if body:
                        marked.add(i)
                        if node.children is not None:
                            refs.append(node)
                elif code == _FOOTNOTE:
                    assert isinstance(node, m.FootnoteRef)
                    if body:
                        marked.add(i)
                        used.add(node.label)
                elif not reflist and code == _TEMPLATE:
                    assert isinstance(node, m.Template)
                    reflist = REFLIST.search(node.raw) is not None
                elif not reflist and code == _RAW_HTML:
                    assert isinstance(node, m.RawHtml)
                    reflist = REFLIST.search(node.html) is not None
    scan.has_reflist = reflist
    return scan
