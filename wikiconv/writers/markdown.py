"""The hybrid (Markdown) writer: model in, Markdown–MediaWiki hybrid out.

Blocks are written as CommonMark and GFM (ATX headings, fenced code, ``>`` quotes, ``-`` and
``1.`` lists, pipe tables), wiki constructs as the hybrid writes them (``[[links]]``,
``{{templates}}``, ``<ref>``), and the page's title, categories, leading infobox, revision
and citation list as YAML front matter.  All escaping rules are in
:mod:`wikiconv.writers.markdown_escape`.

Every top-level block is checked: the hybrid reader must read what was written back into
a block that the wikitext writer writes exactly as it writes the original.  A block that
fails (CommonMark's flanking rules, a multi-line template among list lines...) is tried
with emphasis as HTML tags, and then kept as a raw wikitext island, a fenced block with
the info string ``{=mediawiki}`` holding the block's wikitext, so nothing is approximated.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import yaml

from wikiconv import model as m
from wikiconv.writers import markdown_escape as esc
from wikiconv.writers.markdown_citations import citation_list
from wikiconv.writers.markdown_inline import (
    BREAK,
    MARKUP,
    TEXT,
    Ctx,
    InlineWriter,
    NeedsIsland,
    Piece,
)
from wikiconv.writers.wikitext import write_wikitext

__all__ = ["ISLAND_INFO", "infobox_data", "write_markdown"]

ISLAND_INFO = "{=mediawiki}"
_DERIVED_META = frozenset({"title", "categories", "infobox", "references"})
_INFOBOX = re.compile(r"\s*infobox\b", re.IGNORECASE)


def write_markdown(doc: m.Document) -> str:
    """Write a document as the Markdown–MediaWiki hybrid."""
    return _Writer(doc).document()


def infobox_data(block: m.Block) -> dict[str, Any] | None:
    """``{"template": name, "params": {...}}`` for a block that is one infobox, else None.

    Only a template with named parameters, each named once, whose values keep their meaning
    when written back one per line, qualifies.
    """
    import mwparserfromhell
    from mwparserfromhell.nodes import Template

    if isinstance(block, m.WikiBlock):
        raw = block.wikitext
    elif (
        isinstance(block, m.Paragraph)
        and len(block.children) == 1
        and isinstance(block.children[0], m.Template)
    ):
        raw = block.children[0].raw
    else:
        return None
    nodes = mwparserfromhell.parse(raw).nodes
    if len(nodes) != 1 or not isinstance(nodes[0], Template):
        return None
    template = nodes[0]
    name = str(template.name).strip()
    if not _INFOBOX.match(name) or "\n" in name or "{" in name:
        return None
    params: dict[str, str] = {}
    for param in template.params:
        key = str(param.name).strip()
        if not param.showkey or not key or key in params or "=" in key or "\n" in key:
            return None
        params[key] = str(param.value).strip()
    if infobox_wikitext(name, params) is None:
        return None
    return {"template": name, "params": params}


def infobox_wikitext(name: str, params: dict[str, str]) -> str | None:
    """The wikitext the hybrid reader puts back for an ``infobox:`` front matter entry."""
    lines = [f"{{{{{name}"]
    for key, value in params.items():
        if "}}" in key or "|" in key:
            return None
        lines.append(f"| {key} = {value}".rstrip())
    lines.append("}}")
    return "\n".join(lines)


class _Writer:
    """One writing pass over one document."""

    def __init__(self, doc: m.Document) -> None:
        self.doc = doc
        self.inline = InlineWriter()

    # ------------------------------------------------------------------ document

    def document(self) -> str:
        """Front matter, body, footnote definitions."""
        blocks = list(self.doc.blocks)
        front: dict[str, Any] = {}
        if self.doc.title:
            front["title"] = self.doc.title
        if self.doc.categories:
            front["categories"] = [
                c.name + (f"|{c.sort_key}" if c.sort_key is not None else "")
                for c in self.doc.categories
            ]
        if blocks:
            infobox = infobox_data(blocks[0])
            if infobox is not None:
                front["infobox"] = infobox
                blocks = blocks[1:]
        for key, value in self.doc.meta.items():
            if key not in _DERIVED_META:
                front[key] = value
        references = citation_list(self.doc)
        if references:
            front["references"] = references
        parts = []
        previous: m.Block | None = None
        for block in blocks:
            text = self.top_block(block, previous)
            if text:
                parts.append(text)
                previous = block
        for label, note in self.doc.footnotes.items():
            parts.append(self.footnote(label, note))
        body = "\n\n".join(parts)
        head = ""
        if front:
            dumped = yaml.safe_dump(
                front, sort_keys=False, allow_unicode=True, width=math.inf, default_flow_style=False
            )
            head = f"---\n{dumped}---\n\n"
        return head + body + "\n" if body else head

    def footnote(self, label: str, blocks: list[m.Block]) -> str:
        """``[^label]: text`` with later lines indented four columns."""
        text = self.blocks(blocks, Ctx(), tight=False)
        lines = text.split("\n")
        rest = [("    " + line if line else "") for line in lines[1:]]
        return "\n".join([f"[^{label}]: {lines[0]}".rstrip(), *rest])

    # ------------------------------------------------------------------ top-level blocks

    def top_block(self, block: m.Block, previous: m.Block | None = None) -> str:
        """A top-level block, checked against the wikitext it must give back."""
        expected = _wikitext([block], self.doc)
        if not expected.strip():
            return ""
        if isinstance(block, m.WikiBlock):
            text = block.wikitext
            if text.startswith(("{{", "{|", "<references")) and _reads_back(text, expected):
                return text
            return island(text)
        check = not _has_footnotes(block)
        for html in (False, True):
            try:
                text = self.block(block, Ctx(html=html), previous)
            except NeedsIsland:
                break
            if not check or _reads_back(text, expected):
                return text
        return island(expected.rstrip("\n"))

    # ------------------------------------------------------------------ blocks

    def blocks(self, blocks: Sequence[m.Block], ctx: Ctx, tight: bool = False) -> str:
        """Blocks separated by blank lines (by line breaks in tight list items)."""
        out: list[str] = []
        previous: m.Block | None = None
        for block in blocks:
            text = self.block(block, ctx, previous)
            if not text:
                continue
            if out:
                gap = "\n" if tight and isinstance(block, (m.BulletList, m.OrderedList)) else "\n\n"
                out.append(gap)
            out.append(text)
            previous = block
        return "".join(out)

    def block(self, b: m.Block, ctx: Ctx, previous: m.Block | None = None) -> str:
        """One block (no trailing line break)."""
        if isinstance(b, m.Paragraph):
            return self.paragraph(b.children, ctx)
        if isinstance(b, m.Heading):
            text = self.line_text(b.children, ctx)
            text = esc.escape_heading_end(text)
            return "#" * b.level + (" " + text if text else "")
        if isinstance(b, m.CodeBlock):
            fence = esc.code_fence(b.text)
            return (
                f"{fence}{esc.escape_info(b.info)}\n{b.text}\n{fence}"
                if b.text
                else f"{fence}{esc.escape_info(b.info)}\n{fence}"
            )
        if isinstance(b, m.BlockQuote):
            inner = self.blocks(b.children, ctx)
            return "\n".join(("> " + line if line else ">") for line in inner.split("\n"))
        if isinstance(b, (m.BulletList, m.OrderedList)):
            return self.list_block(b, ctx, previous)
        if isinstance(b, m.ThematicBreak):
            return "***"
        if isinstance(b, m.HtmlBlock):
            return b.html
        if isinstance(b, m.Table):
            return self.table(b, ctx)
        if isinstance(b, m.WikiBlock):
            raise NeedsIsland("nested wiki block")
        raise TypeError(f"not a block: {b!r}")

    def paragraph(self, children: Sequence[m.Inline], ctx: Ctx) -> str:
        """A paragraph: its lines, each escaped at its start and end."""
        pieces = self.inline.pieces(children, ctx)
        lines: list[list[Piece]] = [[]]
        for piece in pieces:
            if piece[1] == BREAK:
                if piece[0] != "\n":
                    lines[-1].append((piece[0].rstrip("\n"), MARKUP))
                lines.append([])
            else:
                lines[-1].append(piece)
        return "\n".join(_finish_line(line) for line in lines)

    def line_text(self, children: Sequence[m.Inline], ctx: Ctx) -> str:
        """Inlines on one line (headings): soft breaks as spaces, ends kept by references."""
        pieces = self.inline.pieces(children, replace(ctx, lines=False))
        return _finish_line(pieces)

    def list_block(
        self, lst: m.BulletList | m.OrderedList, ctx: Ctx, previous: m.Block | None
    ) -> str:
        """A list; the marker changes when the previous block is a list of the same kind."""
        items: list[str] = []
        for index, item in enumerate(lst.items):
            if isinstance(lst, m.OrderedList):
                delim = ")" if isinstance(previous, m.OrderedList) else "."
                marker = f"{lst.start + index}{delim}"
            else:
                marker = "*" if isinstance(previous, m.BulletList) else "-"
            items.append(self.item(item, marker, ctx, lst.tight))
        return ("\n" if lst.tight else "\n\n").join(items)

    def item(self, item: m.ListItem, marker: str, ctx: Ctx, tight: bool) -> str:
        """One list item: the marker, then its blocks indented under it."""
        indent = " " * (len(marker) + 1)
        content = self.blocks(item.children, ctx, tight=tight)
        if not content:
            return marker
        lines = content.split("\n")
        rest = [(indent + line if line else "") for line in lines[1:]]
        first_block = item.children[0] if item.children else None
        if isinstance(first_block, m.Paragraph):
            return "\n".join([f"{marker} {lines[0]}", *rest])
        return "\n".join([marker, indent + lines[0], *rest])

    def table(self, t: m.Table, ctx: Ctx) -> str:
        """A GFM pipe table."""
        width = len(t.header)
        if width == 0:
            raise NeedsIsland("table without columns")
        cell_ctx = replace(ctx, cell=True, lines=False)
        header = [self.cell(c, cell_ctx) for c in t.header]
        rule = {None: "---", "left": ":---", "center": ":---:", "right": "---:"}
        lines = [
            "| " + " | ".join(header) + " |",
            "| " + " | ".join(rule[a] for a in t.aligns) + " |",
        ]
        for row in t.rows:
            cells = [self.cell(c, cell_ctx) for c in row[:width]]
            cells.extend("" for _ in range(width - len(cells)))
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def cell(self, content: Sequence[m.Inline], ctx: Ctx) -> str:
        """One cell: ``|`` escaped everywhere, its ends kept by references."""
        pieces = [
            (s if kind == TEXT else esc.escape_cell(s), kind)
            for s, kind in self.inline.pieces(content, ctx)
        ]
        return _finish_line(pieces, line_start=False)


def island(wikitext: str) -> str:
    """A raw wikitext island: a fenced block the hybrid reader keeps as a WikiBlock."""
    fence = esc.code_fence(wikitext)
    return f"{fence}{ISLAND_INFO}\n{wikitext}\n{fence}"


def _finish_line(pieces: list[Piece], line_start: bool = True) -> str:
    """Join a line's pieces, escaping what its start and end would otherwise mean."""
    if not pieces:
        return ""
    first, kind = pieces[0]
    if line_start and kind == TEXT:
        pieces = [(esc.escape_line_start(first), TEXT), *pieces[1:]]
    elif line_start and first.startswith(("<", "```", "~~~", "{|")):
        pieces = [(esc.NOWIKI, MARKUP), *pieces]
    elif not line_start and kind == TEXT and first[:1] in " \t":
        pieces = [(esc.escape_line_start(first), TEXT), *pieces[1:]]
    last, kind = pieces[-1]
    if kind == TEXT:
        pieces = [*pieces[:-1], (esc.escape_line_end(last), TEXT)]
    return "".join(s for s, _ in pieces)


def _wikitext(blocks: list[m.Block], doc: m.Document) -> str:
    """The wikitext the wikitext writer gives for ``blocks``."""
    return write_wikitext(m.Document(blocks=blocks, footnotes=doc.footnotes)).text


def _reads_back(text: str, expected: str) -> bool:
    """Tell whether hybrid ``text`` reads back into blocks written as ``expected``."""
    from wikiconv.readers.hybrid import read_hybrid

    try:
        doc = read_hybrid(text + "\n")
    except Exception:  # an input error in what we wrote means it does not read back
        return False
    if doc.categories or doc.title is not None or doc.meta:
        return False
    return write_wikitext(m.Document(blocks=doc.blocks)).text == expected


def _has_footnotes(block: m.Block) -> bool:
    """Tell whether a block uses a footnote (checked with the whole document instead)."""
    stack: list[Any] = [block]
    while stack:
        node = stack.pop()
        if isinstance(node, m.FootnoteRef):
            return True
        for name in ("children", "items", "label", "alt", "header"):
            value = getattr(node, name, None)
            if isinstance(value, list):
                stack.extend(value)
        if isinstance(node, m.Table):
            stack.extend(cell for row in node.rows for cell in row)
        if isinstance(node, list):
            stack.extend(node)
    return False
