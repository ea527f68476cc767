"""The MediaWiki writer: model in, wikitext out.

It only reads the model.  Inline content is first flattened into *pieces* (a
string and whether it is text or markup); :func:`~.wikitext_pieces.join_pieces` then glues them,
resolving the hazards that appear only where two pieces meet (``'`` against
``''``, ``]`` against ``]]``, letters after ``]]`` that would become a link
trail, a hazard at the start of a line).  All escaping rules themselves live in
:mod:`wikiconv.writers.wikitext_escape`.

Blocks that wikitext's own syntax cannot hold (a loose list, a list starting at
3, a code block inside a list item) are written with the HTML tags MediaWiki
accepts (``<ul>``, ``<ol start>``, ``<li>``, ``<p>``, ``<pre>``), one tag per
line so MediaWiki's paragraph pass leaves them alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wikiconv import model as m
from wikiconv.diagnostics import Diagnostic
from wikiconv.inline_text import plain_text
from wikiconv.writers import wikitext_escape as esc
from wikiconv.writers.wikitext_html import write_raw_html
from wikiconv.writers.wikitext_pieces import (
    BREAK,
    CLOSE,
    INVISIBLE,
    MARKUP,
    OPEN,
    TEXT,
    WIKILINK,
    Piece,
    join_pieces,
)

WriterWarning = Diagnostic  # the writer's diagnostics are plain warnings


@dataclass(slots=True)
class WikitextResult:
    """The wikitext of a document and the warnings raised while writing it."""

    text: str
    warnings: list[WriterWarning] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Ctx:
    """Where inline content is being written."""

    newlines: bool = False  # soft breaks may become line breaks of the source
    cell: bool = False
    header_cell: bool = False
    ext_label: bool = False
    in_link: bool = False
    in_emph: bool = False
    in_strong: bool = False


_LEXER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_+#.-]*$")  # what SyntaxHighlight can name
_FILE_NAME = re.compile(r"^[^/:?#]+\.(?:png|jpe?g|gif|svg|webp|tiff?)$", re.IGNORECASE)


def write_wikitext(doc: m.Document) -> WikitextResult:
    """Write a document as wikitext, returning the text and any warnings."""
    writer = _Writer(doc)
    return WikitextResult(writer.document(), writer.warnings)


class _Writer:
    """One writing pass over one document."""

    def __init__(self, doc: m.Document) -> None:
        self.doc = doc
        self.warnings: list[WriterWarning] = []
        self.footnote_names: dict[str, str] = {}
        self.footnotes_written: set[str] = set()

    def warn(self, message: str, node: m.Node | None) -> None:
        """Record something that could not be written faithfully."""
        self.warnings.append(WriterWarning(message, node.pos if node is not None else None))

    # ------------------------------------------------------------------ document and blocks

    def document(self) -> str:
        """The whole page."""
        parts = [self.block(b) for b in self.doc.blocks]
        parts = [p for p in parts if p]
        cats = [self.category(c) for c in self.doc.categories]
        if cats:
            parts.append("\n".join(cats))
        return "\n\n".join(parts) + "\n" if parts else ""

    def blocks(self, blocks: Iterable[m.Block]) -> str:
        """Blocks in ordinary (line-syntax) mode, separated by blank lines."""
        return "\n\n".join(p for p in (self.block(b) for b in blocks) if p)

    def block(self, b: m.Block) -> str:
        """One block in ordinary mode."""
        if isinstance(b, m.Paragraph):
            return self.inlines(b.children, _Ctx(newlines=True), line_start=True)
        if isinstance(b, m.Heading):
            marks = "=" * b.level
            text = esc.escape_heading(self.inlines(b.children, _Ctx()).strip())
            return f"{marks} {text or '<nowiki/>'} {marks}"
        if isinstance(b, m.CodeBlock):
            return self.code_block(b)
        if isinstance(b, m.BlockQuote):
            inner = self.blocks(b.children)
            return f"<blockquote>\n{inner}\n</blockquote>" if inner else "<blockquote></blockquote>"
        if isinstance(b, (m.BulletList, m.OrderedList)):
            if _wiki_list_ok(b):
                return "\n".join(self.wiki_list_lines(b, ""))
            return self.html_list(b)
        if isinstance(b, m.ThematicBreak):
            return "----"
        if isinstance(b, m.HtmlBlock):
            return self.html_block_raw(b)
        if isinstance(b, m.Table):
            return self.table(b)
        if isinstance(b, m.WikiBlock):
            return b.wikitext
        raise TypeError(f"not a block: {b!r}")

    def code_block(self, b: m.CodeBlock) -> str:
        """A code block as ``<syntaxhighlight>`` when it names a language, else ``<pre>``."""
        text = b.text
        lang = b.info.split()[0] if b.info.strip() else ""
        if _LEXER_NAME.match(lang) and text.strip() and "</syntaxhighlight" not in text.lower():
            attr = esc.escape_attribute(lang)
            return f'<syntaxhighlight lang="{attr}">\n{text}\n</syntaxhighlight>'
        body = esc.escape_nowiki_body(text)
        # A browser drops one newline right after <pre>; keep a leading blank line visible.
        if body.startswith("\n"):
            body = "\n" + body
        return f"<pre>{body}</pre>"

    def wiki_list_lines(self, lst: m.BulletList | m.OrderedList, prefix: str) -> list[str]:
        """A list in ``*``/``#`` syntax (Help:Lists), one line per item."""
        mark = prefix + ("#" if isinstance(lst, m.OrderedList) else "*")
        lines: list[str] = []
        for item in lst.items:
            children = list(item.children)
            if children and isinstance(children[0], m.Paragraph):
                para = children.pop(0)
                assert isinstance(para, m.Paragraph)
                lines.append(f"{mark} {self.inlines(para.children, _Ctx())}".rstrip())
            elif not children:
                lines.append(mark)
            for child in children:
                assert isinstance(child, (m.BulletList, m.OrderedList))
                lines.extend(self.wiki_list_lines(child, mark))
        return lines

    # ------------------------------------------------------------------ HTML-tag mode

    def html_list(self, lst: m.BulletList | m.OrderedList) -> str:
        """A list MediaWiki's line syntax cannot hold, as ``<ul>``/``<ol>`` tags."""
        if isinstance(lst, m.OrderedList):
            open_tag = "<ol>" if lst.start == 1 else f'<ol start="{lst.start}">'
            close_tag = "</ol>"
        else:
            open_tag, close_tag = "<ul>", "</ul>"
        lines = [open_tag]
        for item in lst.items:
            inner = "\n".join(self.html_block(c, tight=lst.tight) for c in item.children)
            lines.append(f"<li>{inner}</li>")
        lines.append(close_tag)
        return "\n".join(lines)

    def html_block(self, b: m.Block, tight: bool = False) -> str:
        """One block written so that every line starts with an HTML tag."""
        if isinstance(b, m.Paragraph):
            text = self.inlines(b.children, _Ctx())
            return text if tight else f"<p>{text}</p>"
        if isinstance(b, m.Heading):
            return f"<h{b.level}>{self.inlines(b.children, _Ctx())}</h{b.level}>"
        if isinstance(b, m.BlockQuote):
            inner = "\n".join(self.html_block(c) for c in b.children)
            return f"<blockquote>{inner}</blockquote>"
        if isinstance(b, (m.BulletList, m.OrderedList)):
            return self.html_list(b)
        if isinstance(b, m.ThematicBreak):
            return "<hr />"
        if isinstance(b, m.CodeBlock):
            return f"<pre>{esc.escape_nowiki_body(b.text)}</pre>"
        return self.block(b)

    def html_block_raw(self, b: m.HtmlBlock) -> str:
        """An HTML block on one line, in a ``<div>`` when MediaWiki would wrap it in ``<p>``."""
        text = self.html_fragment(b.html, b, one_line=True)
        if esc.gets_paragraph_wrapped(text):
            return f"<div>{text}</div>"
        return text

    def html_fragment(
        self, html: str, node: m.Node, line_start: bool = True, one_line: bool = False
    ) -> str:
        """Raw HTML as wikitext (see :func:`~.wikitext_html.write_raw_html`)."""
        return write_raw_html(html, lambda message: self.warn(message, node), line_start, one_line)

    # ------------------------------------------------------------------ tables

    def table(self, t: m.Table) -> str:
        """A pipe table as a wikitable (Help:Tables)."""
        lines = ['{| class="wikitable"']
        header = [self.cell(c, a, header=True) for c, a in zip(t.header, t.aligns, strict=True)]
        lines.append("! " + " !! ".join(header))
        for row in t.rows:
            lines.append("|-")
            cells = (self.cell(c, a) for c, a in zip(row, t.aligns, strict=True))
            lines.append("| " + " || ".join(cells))
        lines.append("|}")
        return "\n".join(lines)

    def cell(self, content: list[m.Inline], align: m.Alignment, header: bool = False) -> str:
        """One table cell, with its alignment as a style attribute."""
        text = self.inlines(content, _Ctx(cell=True, header_cell=header)).strip()
        if align:
            return f'style="text-align:{align};" | {text}'
        if text.startswith(("-", "+", "}")) or not text:
            return f"<nowiki/>{text}"
        return text

    # ------------------------------------------------------------------ inlines

    def inlines(self, nodes: Sequence[m.Inline], ctx: _Ctx, line_start: bool = False) -> str:
        """Inline nodes joined into one string of wikitext."""
        pieces: list[Piece] = []
        self.extend(nodes, ctx, pieces)
        return join_pieces(pieces, line_start)

    def text(self, text: str, ctx: _Ctx) -> str:
        """Escape a text node for its context."""
        out = esc.escape_text(text)
        if ctx.cell:
            out = esc.escape_cell(out, header=ctx.header_cell)
        if ctx.ext_label:
            out = esc.escape_external_label(out)
        return out

    def inline(self, node: m.Inline, ctx: _Ctx, out: list[Piece]) -> None:
        """Append the pieces of one inline node."""
        if isinstance(node, m.Text):
            out.append((self.text(node.text, ctx), TEXT))
        elif isinstance(node, m.SoftBreak):
            out.append(("\n", BREAK) if ctx.newlines else (" ", TEXT))
        elif isinstance(node, m.LineBreak):
            out.append(("<br />", MARKUP))
        elif isinstance(node, m.Code):
            self.code_span(node, ctx, out)
        elif isinstance(node, m.Emph):
            self.wrapped(node.children, ctx, out, "emph")
        elif isinstance(node, m.Strong):
            self.wrapped(node.children, ctx, out, "strong")
        elif isinstance(node, m.Strikeout):
            out.append(("<s>", MARKUP))
            self.extend(node.children, ctx, out)
            out.append(("</s>", MARKUP))
        elif isinstance(node, m.Link):
            self.link(node, ctx, out)
        elif isinstance(node, m.Image):
            self.image(node, ctx, out)
        elif isinstance(node, m.WikiLink):
            self.wikilink(node, ctx, out)
        elif isinstance(node, m.Category):
            out.append((self.category(node), INVISIBLE))
        elif isinstance(node, m.FileLink):
            out.append(("[[" + "|".join([node.target, *node.options]) + "]]", MARKUP))
        elif isinstance(node, m.Template):
            out.append((node.raw, MARKUP))
        elif isinstance(node, m.Ref):
            self.ref(node, ctx, out)
        elif isinstance(node, m.FootnoteRef):
            self.footnote(node, ctx, out)
        elif isinstance(node, m.MagicWord):
            out.append((f"__{node.name}__", INVISIBLE))
        elif isinstance(node, m.Comment):
            out.append((f"<!--{node.text}-->", INVISIBLE))
        elif isinstance(node, m.RawHtml):
            out.append((self.html_fragment(node.html, node), MARKUP))
        elif isinstance(node, m.RawWikitext):
            out.append((node.wikitext, MARKUP))
        else:
            raise TypeError(f"not an inline: {node!r}")

    def extend(self, nodes: Sequence[m.Inline], ctx: _Ctx, out: list[Piece]) -> None:
        """Append the pieces of several inline nodes, adjacent texts escaped as one text.

        Escaping ``{`` and ``{`` separately would give ``&#123;{`` where the same text in one
        node gives ``<nowiki>{{</nowiki>``; a model built by hand must write like a parsed one.
        """
        pending: list[str] = []
        for node in nodes:
            if isinstance(node, m.Text):
                pending.append(node.text)
                continue
            if pending:
                out.append((self.text("".join(pending), ctx), TEXT))
                pending = []
            self.inline(node, ctx, out)
        if pending:
            out.append((self.text("".join(pending), ctx), TEXT))

    def wrapped(self, children: Sequence[m.Inline], ctx: _Ctx, out: list[Piece], kind: str) -> None:
        """Emphasis or strong: apostrophes, or HTML tags when nested in the same kind."""
        if kind == "emph":
            nested = ctx.in_emph
            inner = _replace(ctx, in_emph=True, newlines=False)
            mark, tag = "''", "i"
        else:
            nested = ctx.in_strong
            inner = _replace(ctx, in_strong=True, newlines=False)
            mark, tag = "'''", "b"
        opener, closer = (f"<{tag}>", f"</{tag}>") if nested else (mark, mark)
        out.append((opener, OPEN))
        self.extend(children, inner, out)
        out.append((closer, CLOSE))

    def code_span(self, node: m.Code, ctx: _Ctx, out: list[Piece]) -> None:
        """A code span as ``<code>``, its text wrapped in ``<nowiki>`` when it holds markup."""
        text = node.text
        if esc.code_needs_nowiki(text):
            body = f"<nowiki>{esc.escape_nowiki_body(text)}</nowiki>"
        else:
            body = esc.escape_entities(text)
        if ctx.cell:
            body = body.replace("|", "&#124;")
        out.append((f"<code>{body}</code>", MARKUP))

    def link(self, node: m.Link, ctx: _Ctx, out: list[Piece]) -> None:
        """A Markdown link: an external link, or a wikilink for a relative target."""
        if ctx.in_link:
            self.extend(node.children, ctx, out)
            return
        ends = esc.link_markup(node.url)
        if ends is None:
            self.warn(f"link target {node.url!r} cannot be a wiki link; kept its text only", node)
            self.extend(node.children, ctx, out)
            return
        opener, closer = ends
        external = closer == "]"
        out.append((opener, MARKUP))
        start = len(out)
        label_ctx = _replace(ctx, ext_label=external, in_link=True, newlines=False)
        self.extend(node.children, label_ctx, out)
        if len(out) == start:  # "[[x|]]" would be the pipe trick; "[url ]" shows the URL
            out.append(("<nowiki/>", MARKUP))
        out.append((closer, MARKUP if external else WIKILINK))

    def image(self, node: m.Image, ctx: _Ctx, out: list[Piece]) -> None:
        """An image: a local file name becomes ``[[File:…]]``, a URL a link (no external images)."""
        alt = plain_text(node.alt)
        if ctx.in_link:  # a link cannot hold another link; the picture's words stand in
            out.append((self.text(alt, ctx), TEXT))
            return
        if _FILE_NAME.match(node.url):
            caption = esc.escape_cell(esc.escape_text(alt)) if alt else ""
            out.append((f"[[File:{node.url}|alt={caption}|{caption}]]", MARKUP))
            return
        self.warn("external images are not shown by MediaWiki; written as a link", node)
        self.link(m.Link(node.url, list(node.alt), node.title, pos=node.pos), ctx, out)

    def wikilink(self, node: m.WikiLink, ctx: _Ctx, out: list[Piece]) -> None:
        """An internal link with its label and trail."""
        if ctx.in_link:
            self.extend(node.label or [m.Text(node.target)], ctx, out)
            out.append((esc.escape_text(node.trail), TEXT))
            return
        target = node.target
        if re.match(r"(?i)\s*(category|file|image)\s*:", target):
            target = ":" + target.lstrip()
        if node.label is None:
            out.append((f"[[{target}", MARKUP))
        else:
            out.append((f"[[{target}|", MARKUP))
            label_ctx = _replace(ctx, in_link=True, newlines=False, ext_label=False)
            self.extend(node.label, label_ctx, out)
        out.append(("]]" + node.trail, WIKILINK))

    def category(self, node: m.Category) -> str:
        """A category link."""
        sort = f"|{node.sort_key}" if node.sort_key is not None else ""
        return f"[[Category:{node.name}{sort}]]"

    def ref(self, node: m.Ref, ctx: _Ctx, out: list[Piece]) -> None:
        """A ``<ref>`` with its attributes and content."""
        attrs = ""
        if node.name is not None:
            attrs += f' name="{esc.escape_attribute(node.name)}"'
        if node.group is not None:
            attrs += f' group="{esc.escape_attribute(node.group)}"'
        if node.children is None:
            out.append((f"<ref{attrs} />", MARKUP))
            return
        body = self.inlines(node.children, _Ctx())
        out.append((f"<ref{attrs}>{body}</ref>", MARKUP))

    def footnote(self, node: m.FootnoteRef, ctx: _Ctx, out: list[Piece]) -> None:
        """A Markdown footnote: the first use carries the text, later ones reuse the name."""
        name = self.footnote_name(node.label)
        if node.label in self.footnotes_written:
            out.append((f'<ref name="{esc.escape_attribute(name)}" />', MARKUP))
            return
        self.footnotes_written.add(node.label)
        blocks = self.doc.footnotes.get(node.label, [])
        if len(blocks) == 1 and isinstance(blocks[0], m.Paragraph):
            body = self.inlines(blocks[0].children, _Ctx())
        else:
            body = self.blocks(blocks)
        out.append((f'<ref name="{esc.escape_attribute(name)}">{body}</ref>', MARKUP))

    def footnote_name(self, label: str) -> str:
        """A Cite-valid ``name`` for a footnote label (Cite rejects plain integers)."""
        if label not in self.footnote_names:
            name = label if not label.isdigit() and '"' not in label else f"fn{label}"
            name = name.replace('"', "'")
            taken = set(self.footnote_names.values())
            base, n = name, 2
            while name in taken:
                name, n = f"{base}-{n}", n + 1
            self.footnote_names[label] = name
        return self.footnote_names[label]


def _replace(ctx: _Ctx, **changes: bool) -> _Ctx:
    """A copy of a context with some flags changed."""
    values = {name: getattr(ctx, name) for name in _Ctx.__slots__}
    values.update(changes)
    return _Ctx(**values)


def _wiki_list_ok(lst: m.BulletList | m.OrderedList) -> bool:
    """Tell whether ``*``/``#`` line syntax can hold this list exactly."""
    if not lst.tight or (isinstance(lst, m.OrderedList) and lst.start != 1):
        return False
    for item in lst.items:
        children = item.children
        rest = children[1:] if children and isinstance(children[0], m.Paragraph) else children
        for child in rest:
            if not isinstance(child, (m.BulletList, m.OrderedList)) or not _wiki_list_ok(child):
                return False
    return True
