"""Inline content of the hybrid writer: model inlines to Markdown pieces.

Inlines become *pieces* (a string and whether it is escaped text, markup, or a line
break); the block writer cuts them into lines, where line-start and line-end rules apply
(:mod:`wikiconv.writers.markdown_escape`).  Emphasis is written with ``*``/``**``/``~~``;
when CommonMark's flanking rules would not read a delimiter back, the block writer asks
again with ``html=True`` and gets ``<i>``/``<b>``/``<s>`` instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from wikiconv import model as m
from wikiconv.writers import markdown_escape as esc

TEXT, MARKUP, BREAK = "text", "markup", "break"
Piece = tuple[str, str]


class NeedsIsland(Exception):
    """Raised when a block holds something only a raw wikitext island can carry."""


@dataclass(frozen=True, slots=True)
class Ctx:
    """Where inlines are being written."""

    lines: bool = True  # soft breaks may be line breaks (paragraphs)
    cell: bool = False
    link: bool = False  # inside a link label: no nested links
    html: bool = False  # emphasis as HTML tags
    emph_depth: int = 0


class InlineWriter:
    """Renders inline nodes as pieces."""

    def pieces(self, nodes: Sequence[m.Inline], ctx: Ctx) -> list[Piece]:
        """The pieces of a sequence of inlines."""
        out: list[Piece] = []
        for index, node in enumerate(nodes):
            nxt = nodes[index + 1] if index + 1 < len(nodes) else None
            self.inline(node, ctx, out, nxt)
            if (
                isinstance(node, m.WikiLink)
                and isinstance(nxt, m.Text)
                and nxt.text[:1].isascii()
                and nxt.text[:1].islower()
            ):
                out.append((esc.NOWIKI, MARKUP))  # not a link trail
        return out

    def text(self, nodes: Sequence[m.Inline], ctx: Ctx) -> str:
        """Inlines as one string (no line structure: soft breaks are spaces)."""
        return "".join(s for s, _ in self.pieces(nodes, replace(ctx, lines=False)))

    def inline(self, node: m.Inline, ctx: Ctx, out: list[Piece], nxt: m.Inline | None) -> None:
        """Append the pieces of one node."""
        if isinstance(node, m.Text):
            parts = node.text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    out.append(("\n", BREAK) if ctx.lines else (" ", TEXT))
                if part:
                    out.append((esc.escape_text(part, ctx.cell), TEXT))
        elif isinstance(node, m.SoftBreak):
            out.append(("\n", BREAK) if ctx.lines else (" ", TEXT))
        elif isinstance(node, m.LineBreak):
            starts_line = not out or out[-1][1] == BREAK
            if (
                ctx.lines
                and not starts_line
                and nxt is not None
                and not isinstance(nxt, (m.SoftBreak, m.LineBreak))
            ):
                out.append(("\\\n", BREAK))
            else:
                out.append(("<br />", MARKUP))
        elif isinstance(node, m.Code):
            span = esc.code_span(node.text)
            out.append((span or f"<code>{node.text}</code>", MARKUP))
            if not span and node.text:
                raise NeedsIsland("code span")
        elif isinstance(node, (m.Emph, m.Strong, m.Strikeout)):
            self.wrapped(node, ctx, out)
        elif isinstance(node, m.Link):
            self.link(node, ctx, out)
        elif isinstance(node, m.Image):
            alt = self.text(node.alt, replace(ctx, link=True))
            title = f" {esc.escape_title(node.title)}" if node.title else ""
            out.append((f"![{alt}]({esc.escape_destination(node.url)}{title})", MARKUP))
        elif isinstance(node, m.WikiLink):
            self.wikilink(node, ctx, out)
        elif isinstance(node, m.Category):
            sort = f"|{node.sort_key}" if node.sort_key is not None else ""
            out.append((f"[[Category:{node.name}{sort}]]", MARKUP))
        elif isinstance(node, m.FileLink):
            out.append(("[[" + "|".join([node.target, *node.options]) + "]]", MARKUP))
        elif isinstance(node, m.Template):
            out.append((node.raw, MARKUP))
            if "\n" in node.raw and (nxt is None or isinstance(nxt, (m.SoftBreak, m.LineBreak))):
                out.append((esc.NOWIKI, MARKUP))  # keeps the hybrid reading it as inline
        elif isinstance(node, m.Ref):
            self.ref(node, ctx, out)
        elif isinstance(node, m.FootnoteRef):
            out.append((f"[^{node.label}]", MARKUP))
        elif isinstance(node, m.MagicWord):
            out.append((f"__{node.name}__", MARKUP))
        elif isinstance(node, m.Comment):
            out.append((f"<!--{node.text}-->", MARKUP))
        elif isinstance(node, m.RawHtml):
            out.append((node.html, MARKUP))
        elif isinstance(node, m.RawWikitext):
            span = esc.code_span(node.wikitext)
            if not span:
                raise NeedsIsland("raw wikitext spanning lines")
            out.append((span + "{=mediawiki}", MARKUP))
        else:
            raise TypeError(f"not an inline: {node!r}")

    def wrapped(self, node: m.Emph | m.Strong | m.Strikeout, ctx: Ctx, out: list[Piece]) -> None:
        """Emphasis, strong emphasis or strikethrough."""
        inner = replace(ctx, lines=False)
        if isinstance(node, m.Strikeout):
            opener, closer = ("<s>", "</s>") if ctx.html else ("~~", "~~")
        elif isinstance(node, m.Emph):
            if ctx.html:
                opener, closer = "<i>", "</i>"
            else:
                opener = closer = "_" if ctx.emph_depth % 2 else "*"
            inner = replace(inner, emph_depth=ctx.emph_depth + 1)
        else:
            opener, closer = ("<b>", "</b>") if ctx.html else ("**", "**")
        if not node.children:
            raise NeedsIsland("empty emphasis")
        out.append((opener, MARKUP))
        out.extend(self.pieces(node.children, inner))
        out.append((closer, MARKUP))

    def link(self, node: m.Link, ctx: Ctx, out: list[Piece]) -> None:
        """``<url>`` for an autolink showing its URL, else ``[label](url "title")``."""
        if ctx.link:
            out.extend(self.pieces(node.children, ctx))
            return
        first = node.children[0] if len(node.children) == 1 else None
        shown = first.text if isinstance(first, m.Text) else None
        if shown is not None and not node.title:
            if shown == node.url and esc.autolink_ok(node.url):
                out.append((f"<{node.url}>", MARKUP))
                return
            if node.url == f"mailto:{shown}" and esc.autolink_ok(node.url) and "@" in str(shown):
                out.append((f"<{shown}>", MARKUP))
                return
        label = self.text(node.children, replace(ctx, link=True))
        title = f" {esc.escape_title(node.title)}" if node.title else ""
        out.append((f"[{label}]({esc.escape_destination(node.url)}{title})", MARKUP))

    def wikilink(self, node: m.WikiLink, ctx: Ctx, out: list[Piece]) -> None:
        """``[[target|label]]trail``."""
        target = node.target if node.annotation is None else f"{node.annotation}::{node.target}"
        if node.label is None:
            out.append((f"[[{target}]]{node.trail}", MARKUP))
        else:
            label = self.text(node.label, replace(ctx, link=True))
            out.append((f"[[{target}|{label}]]{node.trail}", MARKUP))

    def ref(self, node: m.Ref, ctx: Ctx, out: list[Piece]) -> None:
        """``<ref name="…">content</ref>`` with the content written as hybrid."""
        attrs = ""
        for key, value in (("name", node.name), ("group", node.group)):
            if value is not None:
                quoted = esc.attribute_value(value)
                if quoted is None:
                    raise NeedsIsland("ref attribute")
                attrs += f" {key}={quoted}"
        if node.children is None:
            out.append((f"<ref{attrs} />", MARKUP))
            return
        body = self.text(node.children, replace(ctx, lines=False))
        out.append((f"<ref{attrs}>{body}</ref>", MARKUP))
