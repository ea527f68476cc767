"""Continuation conditions of the container pass (CommonMark 0.31.2, Appendix A, step 1).

``CONTINUE[kind](parser, node)`` decides whether the current line continues an open block
of that kind, consuming the block's prefix (``>``, list item indentation, a fence's
indentation): CONTINUE_MATCHED, CONTINUE_FAILED, or LINE_DONE when the line is used up
(a closing code fence).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from wikiconv.readers import block_syntax as syn
from wikiconv.readers.block_tree import BlockNode, Kind

if TYPE_CHECKING:
    from wikiconv.readers.blocks import BlockParser

CONTINUE_MATCHED, CONTINUE_FAILED, LINE_DONE = 0, 1, 2
CODE_INDENT = 4
FOOTNOTE_INDENT = 4


def _continue_always(parser: BlockParser, node: BlockNode) -> int:
    """Documents and lists continue on every line (their items decide)."""
    return CONTINUE_MATCHED


def _continue_never(parser: BlockParser, node: BlockNode) -> int:
    """Headings and thematic breaks are one line long."""
    return CONTINUE_FAILED


def _continue_block_quote(parser: BlockParser, node: BlockNode) -> int:
    """§5.1: a continued block quote line starts with '>' and an optional space."""
    if parser.indented or parser.blank or parser.line[parser.next_nonspace] != ">":
        return CONTINUE_FAILED
    parser.advance_next_nonspace()
    parser.advance_offset(1, False)
    if parser.offset < len(parser.line) and parser.line[parser.offset] in " \t":
        parser.advance_offset(1, True)
    return CONTINUE_MATCHED


def _continue_item(parser: BlockParser, node: BlockNode) -> int:
    """§5.2: item content is indented by the marker width; one blank line may follow."""
    width = node.list_info.marker_offset + node.list_info.padding
    if parser.blank:
        if node.last_block is None:
            return CONTINUE_FAILED  # an item can begin with at most one blank line
        if parser.indent >= width:  # keep whitespace past the indentation (as cmark)
            parser.advance_offset(width, True)
        else:
            parser.advance_next_nonspace()
        return CONTINUE_MATCHED
    if parser.indent >= width:
        parser.advance_offset(width, True)
        return CONTINUE_MATCHED
    return CONTINUE_FAILED


def _continue_footnote(parser: BlockParser, node: BlockNode) -> int:
    """hybrid: footnote text continues on blank lines and lines indented four columns."""
    if parser.indent >= FOOTNOTE_INDENT:
        parser.advance_offset(FOOTNOTE_INDENT, True)
        return CONTINUE_MATCHED
    if parser.blank:
        parser.advance_next_nonspace()
        return CONTINUE_MATCHED
    return CONTINUE_FAILED


def _continue_fenced_code(parser: BlockParser, node: BlockNode) -> int:
    """§4.5: a closing fence ends the block; otherwise strip the fence's indentation."""
    line = parser.line
    start = parser.next_nonspace
    if parser.indent <= 3 and not parser.blank and line[start] == node.fence_char:
        match = syn.FENCE_CLOSE.match(line, start)
        if match and match.end() - start >= node.fence_length:
            node.closing_fence = (parser.line_no, start + 1)
            parser.finalize(node, parser.line_no)
            return LINE_DONE
    remaining = node.fence_offset
    while remaining > 0 and parser.offset < len(line) and line[parser.offset] in " \t":
        parser.advance_offset(1, True)
        remaining -= 1
    return CONTINUE_MATCHED


def _continue_indented_code(parser: BlockParser, node: BlockNode) -> int:
    """§4.4: lines indented four columns, or blank lines, continue the block."""
    if parser.indent >= CODE_INDENT:
        parser.advance_offset(CODE_INDENT, True)
    elif parser.blank:
        parser.advance_next_nonspace()
    else:
        return CONTINUE_FAILED
    return CONTINUE_MATCHED


def _continue_html(parser: BlockParser, node: BlockNode) -> int:
    """§4.6: types 6 and 7 end before a blank line; types 1-5 end at their end marker."""
    if parser.blank and node.html_type >= 6:
        return CONTINUE_FAILED
    return CONTINUE_MATCHED


def _continue_unless_blank(parser: BlockParser, node: BlockNode) -> int:
    """§4.8 paragraphs and GFM §4.10 tables end at a blank line."""
    return CONTINUE_FAILED if parser.blank else CONTINUE_MATCHED


CONTINUE: dict[int, Callable[[BlockParser, BlockNode], int]] = {
    Kind.DOCUMENT: _continue_always,
    Kind.LIST: _continue_always,
    Kind.BLOCK_QUOTE: _continue_block_quote,
    Kind.ITEM: _continue_item,
    Kind.FOOTNOTE: _continue_footnote,
    Kind.HEADING: _continue_never,
    Kind.THEMATIC_BREAK: _continue_never,
    Kind.FENCED_CODE: _continue_fenced_code,
    Kind.INDENTED_CODE: _continue_indented_code,
    Kind.HTML: _continue_html,
    Kind.PARAGRAPH: _continue_unless_blank,
    Kind.TABLE: _continue_unless_blank,
    Kind.TEMPLATE: _continue_always,
    Kind.WIKI_TABLE: _continue_always,
}
