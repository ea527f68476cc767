"""Raw wikitext islands and front-matter infoboxes in the hybrid: the reader's last step.

The hybrid writer (:mod:`wikiconv.writers.markdown`) carries wikitext the model has no node
for as *islands*, in pandoc's raw-attribute syntax:

* a fenced block whose info string is ``{=mediawiki}`` is a :class:`~wikiconv.model.WikiBlock`
  holding the fence's content verbatim;
* a code span followed directly by ``{=mediawiki}`` is a
  :class:`~wikiconv.model.RawWikitext` holding the span's content verbatim;

and it moves a leading ``{{Infobox …}}`` into the front matter (``infobox:`` with
``template`` and ``params``).  :func:`lift_islands` turns those back into model nodes on a
document the hybrid reader produced; :func:`~wikiconv.readers.hybrid.read_hybrid` calls it.
"""

from __future__ import annotations

from typing import Any

from wikiconv import model as m

__all__ = ["ISLAND_INFO", "lift_islands"]

ISLAND_INFO = "{=mediawiki}"


def lift_islands(doc: m.Document) -> m.Document:
    """Turn ``{=mediawiki}`` fences and spans, and ``infobox:`` front matter, into nodes."""
    doc.blocks = _blocks(doc.blocks)
    for label, blocks in doc.footnotes.items():
        doc.footnotes[label] = _blocks(blocks)
    infobox = doc.meta.get("infobox")
    block = _infobox_block(infobox)
    if block is not None:
        doc.blocks.insert(0, block)
    return doc


def _infobox_block(value: Any) -> m.WikiBlock | None:
    """The template block an ``infobox:`` entry stands for."""
    from wikiconv.writers.markdown import infobox_wikitext

    if not isinstance(value, dict) or not isinstance(value.get("template"), str):
        return None
    params = value.get("params") or {}
    if not isinstance(params, dict):
        return None
    texts = {str(k): "" if v is None else str(v) for k, v in params.items()}
    wikitext = infobox_wikitext(value["template"].strip(), texts)
    return m.WikiBlock(wikitext, pos=m.Pos(1, 1)) if wikitext is not None else None


def _blocks(blocks: list[m.Block]) -> list[m.Block]:
    out: list[m.Block] = []
    for block in blocks:
        if isinstance(block, m.CodeBlock) and block.info == ISLAND_INFO:
            out.append(m.WikiBlock(block.text, pos=block.pos))
            continue
        if isinstance(block, (m.Paragraph, m.Heading)):
            block.children = _inlines(block.children)
        elif isinstance(block, m.BlockQuote):
            block.children = _blocks(block.children)
        elif isinstance(block, (m.BulletList, m.OrderedList)):
            for item in block.items:
                item.children = _blocks(item.children)
        elif isinstance(block, m.Table):
            block.header = [_inlines(c) for c in block.header]
            block.rows = [[_inlines(c) for c in row] for row in block.rows]
        out.append(block)
    return out


def _inlines(nodes: list[m.Inline]) -> list[m.Inline]:
    out: list[m.Inline] = []
    for node in nodes:
        if (
            isinstance(node, m.Text)
            and node.text.startswith(ISLAND_INFO)
            and out
            and isinstance(out[-1], m.Code)
        ):
            code = out.pop()
            assert isinstance(code, m.Code)
            out.append(m.RawWikitext(code.text, pos=code.pos))
            rest = node.text[len(ISLAND_INFO) :]
            if rest:
                out.append(m.Text(rest, pos=node.pos))
            continue
        if isinstance(node, (m.Emph, m.Strong, m.Strikeout, m.Link)):
            node.children = _inlines(node.children)
        elif isinstance(node, m.WikiLink) and node.label is not None:
            node.label = _inlines(node.label)
        elif isinstance(node, m.Ref) and node.children is not None:
            node.children = _inlines(node.children)
        out.append(node)
    return out
