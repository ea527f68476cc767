"""Post-pass of the inline reader: GFM extended email autolinks in finished text.

GFM finds ``user@example.com`` in text after the delimiter pass (cmark-gfm does it as
a post-process too), because the local part may contain ``_`` that only turns out to be
text once emphasis is resolved.  Text inside links, images and wiki links is skipped.
"""

from __future__ import annotations

from ..model import Emph, Inline, Link, Pos, Ref, Strikeout, Strong, Text
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
