"""The light tree of blocks built by the container pass, and its flattening to tokens.

The token names are the terminals declared in ``grammar/block.lark``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lark import Token

from wikiconv.readers import block_syntax as syn
from wikiconv.readers.link_refs import LinkRefDef, take_link_ref_defs

Line = tuple[str, int, int]
"""A line of a leaf block: its text, 1-based line number and 1-based column."""


class Kind:
    """What a tree node is: plain int constants (compared and hashed on every line)."""

    DOCUMENT = 0
    BLOCK_QUOTE = 1
    LIST = 2
    ITEM = 3
    FOOTNOTE = 4
    PARAGRAPH = 5
    HEADING = 6
    THEMATIC_BREAK = 7
    FENCED_CODE = 8
    INDENTED_CODE = 9
    HTML = 10
    TABLE = 11
    TEMPLATE = 12
    WIKI_TABLE = 13
    BLANK = 14


CONTAINERS = frozenset({Kind.DOCUMENT, Kind.BLOCK_QUOTE, Kind.LIST, Kind.ITEM, Kind.FOOTNOTE})
ACCEPTS_LINES = frozenset(
    {
        Kind.PARAGRAPH,
        Kind.FENCED_CODE,
        Kind.INDENTED_CODE,
        Kind.HTML,
        Kind.TABLE,
        Kind.TEMPLATE,
        Kind.WIKI_TABLE,
    }
)
_HOLDS_BLOCKS = frozenset({Kind.DOCUMENT, Kind.BLOCK_QUOTE, Kind.ITEM, Kind.FOOTNOTE})
_BRACES = re.compile(r"\{\{|\}\}")


@dataclass
class ListInfo:
    """A list's marker data (§5.2) and, once closed, its tightness (§5.3)."""

    ordered: bool
    bullet_char: str = ""
    delimiter: str = ""
    start: int = 1
    marker_offset: int = 0
    padding: int = 0
    tight: bool = True

    def matches(self, other: ListInfo) -> bool:
        """Whether an item with marker ``other`` continues this list (§5.3)."""
        return (
            self.ordered == other.ordered
            and self.bullet_char == other.bullet_char
            and self.delimiter == other.delimiter
        )


class BlockNode:
    """A block of the container pass's tree; leaves keep their lines.

    Rarely used attributes are class-level defaults, so a node costs little to make.
    """

    # list data (§5.2), heading level, fenced code fence and info string (§4.5)
    list_info: ListInfo = ListInfo(False)
    level = 0
    fence_char = ""
    fence_length = 0
    fence_offset = 0
    info = ""
    closing_fence: tuple[int, int] | None = None
    html_type = 0  # §4.6 start condition 1-7
    label = ""  # footnote label
    capture_end = -1  # index of the line closing a template span
    wiki_depth = 0  # {| nesting of a wiki table
    template_depth = 0  # {{ nesting inside a wiki table
    aligns: list[str | None] = []  # GFM table column alignments
    underline: tuple[int, int] = (0, 0)  # setext underline / table delimiter position
    # blank-line bookkeeping for list tightness (§5.3), as in cmark
    last_line_blank = False
    last_line_checked = False
    removed = False  # a paragraph that held only link reference definitions
    refdefs: list[tuple[LinkRefDef, int, int]] = []
    trailing_blanks: list[Line] = []

    def __init__(self, kind: int, parent: BlockNode | None, line: int, column: int) -> None:
        """A new open block at ``line``/``column`` (1-based)."""
        self.kind = kind
        self.parent = parent
        self.line = line
        self.column = column
        self.end_line = line
        self.depth: int = parent.depth + 1 if parent is not None else 0
        self.children: list[BlockNode] = []
        self.lines: list[Line] = []
        self.open_child: BlockNode | None = None
        self.last_block: BlockNode | None = None

    def can_contain(self, kind: int) -> bool:
        """Whether a block of ``kind`` may be a child of this one."""
        if self.kind in _HOLDS_BLOCKS:
            return kind != Kind.ITEM
        return self.kind == Kind.LIST and kind == Kind.ITEM

    def append(self, child: BlockNode) -> None:
        """Add a child; a block (not a blank line) becomes the open child."""
        self.children.append(child)
        if child.kind != Kind.BLANK:
            self.open_child = child
            self.last_block = child

    def track_wiki_table(self, text: str) -> bool:
        """Count ``{|``/``|}`` nesting (outside templates) on a line; True once closed."""
        stripped = text.lstrip(" \t")
        if self.template_depth == 0:
            if stripped.startswith(syn.WIKI_TABLE_OPEN):
                self.wiki_depth += 1
            elif stripped.startswith(syn.WIKI_TABLE_CLOSE):
                self.wiki_depth -= 1
        if "{{" in text or "}}" in text:
            for match in _BRACES.finditer(text):
                if match.group() == "{{":
                    self.template_depth += 1
                elif self.template_depth:
                    self.template_depth -= 1
        return self.wiki_depth <= 0


def real_children(node: BlockNode) -> list[BlockNode]:
    """Children that are blocks: no blank lines, no paragraphs emptied by definitions."""
    return [c for c in node.children if c.kind != Kind.BLANK and not c.removed]


def take_refdefs(node: BlockNode) -> None:
    """Move link reference definitions off the front of a paragraph's lines (§4.7)."""
    if not node.lines or not node.lines[0][0].startswith("["):
        return
    found, used = take_link_ref_defs([text for text, _, _ in node.lines])
    if found:
        node.refdefs = node.refdefs + [
            (definition, node.lines[index][1], node.lines[index][2]) for index, definition in found
        ]
    del node.lines[:used]


@dataclass
class BlockPass:
    """What the container pass found: the token stream and document-wide definitions."""

    tokens: list[Token]
    link_ref_defs: list[LinkRefDef] = field(default_factory=list)
    footnote_labels: list[str] = field(default_factory=list)


_OPEN_CLOSE = {
    Kind.BLOCK_QUOTE: ("BLOCK_QUOTE_OPEN", "BLOCK_QUOTE_CLOSE"),
    Kind.ITEM: ("LIST_ITEM_OPEN", "LIST_ITEM_CLOSE"),
    Kind.FOOTNOTE: ("FOOTNOTE_OPEN", "FOOTNOTE_CLOSE"),
}
_LINE_TOKENS = {
    Kind.PARAGRAPH: ("PARA_LINE", "PARA_LINE"),
    Kind.INDENTED_CODE: ("INDENTED_CODE_LINE", "INDENTED_CODE_LINE"),
    Kind.HTML: ("HTML_BLOCK_START", "HTML_LINE"),
    Kind.TEMPLATE: ("TEMPLATE_START", "WIKI_LINE"),
    Kind.WIKI_TABLE: ("WIKI_TABLE_START", "WIKI_LINE"),
}


def flatten(document: BlockNode) -> BlockPass:
    """Walk the tree (iteratively) and emit the token stream of ``grammar/block.lark``."""
    result = BlockPass([])
    tokens = result.tokens
    emit = tokens.append
    stack: list[tuple[BlockNode, bool]] = [(document, False)]
    while stack:
        node, closing = stack.pop()
        kind = node.kind
        if kind in CONTAINERS:
            if closing:
                name = "LIST_CLOSE" if kind == Kind.LIST else _OPEN_CLOSE[kind][1]
                emit(Token(name, "", None, node.end_line, node.column))
                continue
            if kind != Kind.DOCUMENT:
                emit(_open_token(node, result))
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.children))
            continue
        for definition, line_no, column in node.refdefs:
            result.link_ref_defs.append(definition)
            emit(Token("LINK_REF_DEF", definition, None, line_no, column))
        _emit_leaf(node, emit)
    return result


def _open_token(node: BlockNode, result: BlockPass) -> Token:
    """The OPEN token of a container."""
    if node.kind == Kind.LIST:
        info = node.list_info
        name = "ORDERED_LIST_OPEN" if info.ordered else "BULLET_LIST_OPEN"
        return Token(name, info, None, node.line, node.column)
    if node.kind == Kind.FOOTNOTE:
        result.footnote_labels.append(node.label)
        return Token("FOOTNOTE_OPEN", node.label, None, node.line, node.column)
    return Token(_OPEN_CLOSE[node.kind][0], "", None, node.line, node.column)


def _emit_leaf(node: BlockNode, emit: Callable[[Token], None]) -> None:
    """Emit the tokens of one leaf block."""
    kind = node.kind
    if kind == Kind.BLANK:
        emit(Token("BLANK_LINE", "", None, node.line, node.column))
    elif kind == Kind.THEMATIC_BREAK:
        emit(Token("THEMATIC_BREAK", "", None, node.line, node.column))
    elif kind == Kind.HEADING:
        if node.underline[0]:  # setext (§4.3): the paragraph lines, then the underline
            for text, line_no, column in node.lines:
                emit(Token("PARA_LINE", text, None, line_no, column))
            emit(Token("SETEXT_UNDERLINE", node.level, None, *node.underline))
        else:
            text, _, column = node.lines[0]
            emit(Token("ATX_HEADING", (node.level, text, column), None, node.line, node.column))
    elif kind == Kind.FENCED_CODE:
        emit(Token("CODE_FENCE_OPEN", node.info, None, node.line, node.column))
        for text, line_no, column in node.lines:
            emit(Token("CODE_LINE", text, None, line_no, column))
        if node.closing_fence is not None:
            emit(Token("CODE_FENCE_CLOSE", "", None, *node.closing_fence))
    elif kind == Kind.TABLE:  # GFM §4.10: header line, delimiter row, body rows
        for number, (text, line_no, column) in enumerate(node.lines):
            cells = [(cell, column + offset) for cell, offset in syn.split_table_row(text)]
            if number:
                emit(Token("TABLE_ROW", cells, None, line_no, column))
            else:
                emit(Token("TABLE_HEADER", cells, None, line_no, column))
                emit(Token("TABLE_DELIMITER", node.aligns, None, *node.underline))
    elif node.lines:
        first, rest = _LINE_TOKENS[kind]
        for number, (text, line_no, column) in enumerate(node.lines):
            emit(Token(rest if number else first, text, None, line_no, column))
    for _, line_no, column in node.trailing_blanks:
        emit(Token("BLANK_LINE", "", None, line_no, column))
