"""The visible text of inline model nodes: markup dropped, link labels and alt text kept."""

from __future__ import annotations

from collections.abc import Iterable

from wikiconv import model as m


def plain_text(nodes: Iterable[m.Inline]) -> str:
    """The text a reader sees in inline nodes (templates as written; ``<ref>`` content left out).

    It walks with an explicit stack, so 10,000 nested emphases cost no recursion.
    """
    parts: list[str] = []
    stack: list[m.Inline | str] = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, (m.Text, m.Code)):
            parts.append(node.text)
        elif isinstance(node, (m.SoftBreak, m.LineBreak)):
            parts.append(" ")
        elif isinstance(node, m.Template):
            parts.append(node.raw)
        elif isinstance(node, m.RawWikitext):
            parts.append(node.wikitext)
        elif isinstance(node, (m.Emph, m.Strong, m.Strikeout, m.Link)):
            stack.extend(reversed(node.children))
        elif isinstance(node, m.Image):
            stack.extend(reversed(node.alt))
        elif isinstance(node, m.WikiLink):
            stack.append(node.trail)
            stack.extend(reversed(node.label) if node.label is not None else [node.target])
    return "".join(parts)
