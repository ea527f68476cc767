"""Turn the parse tree of ``grammar/block.lark`` into model blocks, parsing inlines.

One method per grammar rule.  The transformer is non-recursive (Lark's
``Transformer_NonRecursive``), so deeply nested containers cost no Python stack.
Inline content is parsed here, after the container pass has seen the whole document,
so link reference definitions and footnotes may come after their use.
"""

from __future__ import annotations

from typing import Any, cast

from lark import Token
from lark.visitors import Transformer_NonRecursive

from wikiconv.model import (
    Alignment,
    Block,
    BlockQuote,
    BulletList,
    CodeBlock,
    Heading,
    HtmlBlock,
    Inline,
    ListItem,
    OrderedList,
    Paragraph,
    Pos,
    Table,
    ThematicBreak,
    WikiBlock,
)
from wikiconv.readers.block_syntax import unescape_string
from wikiconv.readers.block_tree import ListInfo
from wikiconv.readers.inline import InlineContext, parse_inlines


def _pos(token: Token) -> Pos:
    """The source position a token carries."""
    return Pos(token.line or 1, token.column or 1)


def _blocks(children: list[Any]) -> list[Block]:
    """The blocks among a container's children (no blank lines, no definitions)."""
    return [child for child in children if child is not None and not isinstance(child, Token)]


class BlockBuilder(Transformer_NonRecursive):
    """Builds model blocks; footnote definitions are collected in ``footnotes``."""

    def __init__(self, context: InlineContext) -> None:
        """Use ``context`` (reference map, footnote labels) for every inline parse."""
        super().__init__()
        self.context = context
        self.footnotes: dict[str, list[Block]] = {}

    def begin(self, context: InlineContext) -> tuple[InlineContext, dict[str, list[Block]]]:
        """Start a new document (as Lark's embedded transformer); return the state to restore."""
        saved = (self.context, self.footnotes)
        self.context, self.footnotes = context, {}
        return saved

    def restore(self, saved: tuple[InlineContext, dict[str, list[Block]]]) -> None:
        """Put back the state :meth:`begin` returned (a nested parse may have run)."""
        self.context, self.footnotes = saved

    # ------------------------------------------------------------------ helpers

    def _inlines(self, lines: list[Token]) -> list[Inline]:
        """Parse paragraph-like lines: joined by newlines, final whitespace stripped."""
        text = "\n".join(str(token.value) for token in lines).rstrip(" \t")
        return parse_inlines(text, self.context, [_pos(token) for token in lines])

    def _cells(self, cells: list[tuple[str, int]], line: int, width: int) -> list[list[Inline]]:
        """Parse a table row's cells, padded or truncated to ``width`` columns."""
        parsed = [
            parse_inlines(text, self.context, [Pos(line, column)]) if text else []
            for text, column in cells[:width]
        ]
        parsed.extend([] for _ in range(width - len(parsed)))
        return parsed

    # ------------------------------------------------------------------ document

    def document(self, children: list[Any]) -> list[Block]:
        """The top-level blocks."""
        return _blocks(children)

    # ------------------------------------------------------------------ leaf blocks

    def thematic_break(self, children: list[Token]) -> ThematicBreak:
        """§4.1."""
        return ThematicBreak(pos=_pos(children[0]))

    def atx_heading(self, children: list[Token]) -> Heading:
        """§4.2: the token holds (level, text, column of the text)."""
        token = children[0]
        level, text, column = token.value
        inlines = parse_inlines(text, self.context, [Pos(token.line or 1, column)]) if text else []
        return Heading(level, inlines, pos=_pos(token))

    def setext_heading(self, children: list[Token]) -> Heading:
        """§4.3: paragraph lines and an underline token holding the level."""
        *lines, underline = children
        return Heading(int(underline.value), self._inlines(lines), pos=_pos(lines[0]))

    def indented_code(self, children: list[Token]) -> CodeBlock:
        """§4.4: text without the final newline."""
        return CodeBlock("\n".join(str(t.value) for t in children), "", pos=_pos(children[0]))

    def fenced_code(self, children: list[Token]) -> CodeBlock:
        """§4.5: ``info`` is the first word of the unescaped info string."""
        fence = children[0]
        lines = [str(t.value) for t in children[1:] if t.type == "CODE_LINE"]
        words = unescape_string(str(fence.value)).split()
        return CodeBlock("\n".join(lines), words[0] if words else "", pos=_pos(fence))

    def html_block(self, children: list[Token]) -> HtmlBlock:
        """§4.6: the lines as written (indentation kept)."""
        return HtmlBlock("\n".join(str(t.value) for t in children), pos=_pos(children[0]))

    def link_ref_def(self, children: list[Token]) -> None:
        """§4.7: already in the reference map; no block."""
        return None

    def paragraph(self, children: list[Token]) -> Paragraph:
        """§4.8."""
        return Paragraph(self._inlines(children), pos=_pos(children[0]))

    def table(self, children: list[Token]) -> Table:
        """GFM §4.10: cells parsed as inlines, rows fitted to the header's width."""
        header, delimiter, *rows = children
        width = len(header.value)
        aligns = cast(list[Alignment], list(delimiter.value))
        return Table(
            self._cells(header.value, header.line or 1, width),
            aligns,
            [self._cells(row.value, row.line or 1, width) for row in rows],
            pos=_pos(header),
        )

    # ------------------------------------------------------------------ containers

    def block_quote(self, children: list[Any]) -> BlockQuote:
        """§5.1."""
        return BlockQuote(_blocks(children[1:-1]), pos=_pos(children[0]))

    def list_item(self, children: list[Any]) -> ListItem:
        """§5.2."""
        return ListItem(_blocks(children[1:-1]), pos=_pos(children[0]))

    def bullet_list(self, children: list[Any]) -> BulletList:
        """§5.3: tightness decided by the container pass."""
        info: ListInfo = children[0].value
        return BulletList(children[1:-1], tight=info.tight, pos=_pos(children[0]))

    def ordered_list(self, children: list[Any]) -> OrderedList:
        """§5.3: start number and tightness from the opening token."""
        info: ListInfo = children[0].value
        items = children[1:-1]
        return OrderedList(items, start=info.start, tight=info.tight, pos=_pos(children[0]))

    # ------------------------------------------------------------------ hybrid

    def footnote_def(self, children: list[Any]) -> None:
        """A footnote's blocks go to ``footnotes`` (the first definition of a label wins)."""
        self.footnotes.setdefault(str(children[0].value), _blocks(children[1:-1]))
        return None

    def wiki_template(self, children: list[Token]) -> WikiBlock:
        """A block template, verbatim."""
        return WikiBlock("\n".join(str(t.value) for t in children), pos=_pos(children[0]))

    def wiki_table(self, children: list[Token]) -> WikiBlock:
        """A wiki table, verbatim."""
        return WikiBlock("\n".join(str(t.value) for t in children), pos=_pos(children[0]))
