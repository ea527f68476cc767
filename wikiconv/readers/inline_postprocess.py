"""Post-passes of the inline reader: GFM email autolinks, and a bound on nesting depth.

GFM finds ``user@example.com`` in text after the delimiter pass (cmark-gfm does it as
a post-process too), because the local part may contain ``_`` that only turns out to be
text once emphasis is resolved.  Text inside links, images and wiki links is skipped.
"""

from __future__ import annotations

from ..model import Emph, Inline, Link, Pos, Ref, Strikeout, Strong, Text, WikiLink
from .inline_scanners import find_emails


def _split(node: Text) -> list[Inline] | None:
    spans = find_emails(node.text)
    if not spans:
        return None
    out: list[Inline] = []
    last = 0
    pos = node.pos
    for start, end in spans:
        if start > last:
            out.append(Text(node.text[last:start], pos=_shift(pos, last)))
        addr = node.text[start:end]
        out.append(Link("mailto:" + addr, [Text(addr)], autolink=True, pos=_shift(pos, start)))
        last = end
    if last < len(node.text):
        out.append(Text(node.text[last:], pos=_shift(pos, last)))
    return out


def _shift(pos: Pos | None, by: int) -> Pos | None:
    return None if pos is None else Pos(pos.line, pos.column + by)


def link_emails(inlines: list[Inline]) -> None:
    """Replace email addresses in Text nodes by autolinks, in place (no recursion)."""
    todo = [inlines]
    while todo:
        items = todo.pop()
        out: list[Inline] = []
        changed = False
        for node in items:
            if type(node) is Text and "@" in node.text:
                parts = _split(node)
                if parts is not None:
                    out.extend(parts)
                    changed = True
                    continue
            elif isinstance(node, (Emph, Strong, Strikeout)) or (
                isinstance(node, Ref) and node.children is not None
            ):
                todo.append(node.children)  # type: ignore[arg-type]
            out.append(node)
        if changed:
            items[:] = out


MAX_INLINE_NESTING = 50
"""Deepest nesting of emphasis, links and refs kept; deeper wrappers give up their markup.

Like the container pass's limit on block nesting, this keeps every later walk of the model
(writers, citations, statements) far from Python's recursion limit: 5,000 nested ``*a``
are read as 50 levels of emphasis around the rest, as text. No character is lost.
"""


def limit_nesting(nodes: list[Inline]) -> None:
    """Splice the children of wrappers nested deeper than MAX_INLINE_NESTING into their place."""
    stack: list[tuple[list[Inline], int]] = [(nodes, 0)]
    while stack:
        siblings, depth = stack.pop()
        i = 0
        while i < len(siblings):
            children = _children(siblings[i])
            if children is None:
                i += 1
            elif depth >= MAX_INLINE_NESTING:
                siblings[i : i + 1] = children  # examined again at this depth
            else:
                stack.append((children, depth + 1))
                i += 1


def _children(node: Inline) -> list[Inline] | None:
    """The nested inline list of a wrapper node, if it has one."""
    if isinstance(node, Emph | Strong | Strikeout | Link):
        return node.children
    if isinstance(node, Ref):
        return node.children
    if isinstance(node, WikiLink):
        return node.label
    return None
