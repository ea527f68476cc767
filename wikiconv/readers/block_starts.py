"""Block starts of the container pass (continuations: :mod:`.block_continuations`).

``STARTS`` are tried in order on the rest of the line to open new blocks, as in the
reference strategy:
block quote, ATX heading, fenced code, HTML block, setext underline, thematic break,
footnote definition, list item, indented code, then the GFM table and wiki extensions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from wikiconv.readers import block_syntax as syn
from wikiconv.readers.block_continuations import CODE_INDENT
from wikiconv.readers.block_tree import BlockNode, Kind, ListInfo, take_refdefs

if TYPE_CHECKING:
    from wikiconv.readers.blocks import BlockParser

MAX_NESTING = 100
"""Deepest container nesting (block quotes, lists, list items, footnotes) recognised."""

NO_START, CONTAINER_STARTED, LEAF_STARTED = 0, 1, 2


# --------------------------------------------------------------------------- block starts


def _start_block_quote(parser: BlockParser, container: BlockNode) -> int:
    """§5.1: '>' plus an optional space opens a block quote."""
    if parser.indented or parser.line[parser.next_nonspace] != ">":
        return NO_START
    if container.depth >= MAX_NESTING:
        return NO_START
    parser.advance_next_nonspace()
    parser.advance_offset(1, False)
    if parser.offset < len(parser.line) and parser.line[parser.offset] in " \t":
        parser.advance_offset(1, True)
    parser.close_unmatched()
    parser.add_child(Kind.BLOCK_QUOTE, parser.next_nonspace)
    return CONTAINER_STARTED


def _start_atx_heading(parser: BlockParser, container: BlockNode) -> int:
    """§4.2: '#' x 1-6, then the content, minus an optional closing sequence."""
    line = parser.line
    start = parser.next_nonspace
    match = None if parser.indented else syn.ATX_OPENING.match(line, start)
    if match is None:
        return NO_START
    parser.close_unmatched()
    node = parser.add_child(Kind.HEADING, start)
    node.level = match.end() - start
    content = line[match.end() :]
    if syn.ATX_CLOSING_ONLY.match(content):
        content = ""
    else:
        closing = syn.ATX_CLOSING.search(content)
        if closing:
            content = content[: closing.start()]
    stripped = content.lstrip(" \t")
    column = match.end() + len(content) - len(stripped) + 1
    node.lines.append((stripped.rstrip(" \t"), parser.line_no, column))
    parser.offset = len(line)
    return LEAF_STARTED


def _start_fenced_code(parser: BlockParser, container: BlockNode) -> int:
    """§4.5: 3+ backticks or tildes open a fence; the rest of the line is the info."""
    start = parser.next_nonspace
    match = None if parser.indented else syn.FENCE_OPEN.match(parser.line, start)
    if match is None:
        return NO_START
    parser.close_unmatched()
    node = parser.add_child(Kind.FENCED_CODE, start)
    node.fence_char = parser.line[start]
    node.fence_length = match.end() - start
    node.fence_offset = parser.indent
    node.info = parser.line[match.end() :].strip(" \t")
    parser.skip_line = True
    return LEAF_STARTED


def _start_html_block(parser: BlockParser, container: BlockNode) -> int:
    """§4.6: one of the seven start conditions (type 7 cannot interrupt a paragraph)."""
    start = parser.next_nonspace
    if parser.indented or parser.line[start] != "<":
        return NO_START
    for html_type in range(1, 8):
        pattern = syn.HTML_BLOCK_START[html_type]
        if pattern is not None and pattern.match(parser.line, start):
            if html_type == 7 and container.kind == Kind.PARAGRAPH:
                return NO_START
            parser.close_unmatched()
            node = parser.add_child(Kind.HTML, parser.offset)  # indentation is kept
            node.html_type = html_type
            return LEAF_STARTED
    return NO_START


def _start_setext_heading(parser: BlockParser, container: BlockNode) -> int:
    """§4.3: an underline under a paragraph (left after its definitions) makes a heading."""
    if parser.indented or container.kind != Kind.PARAGRAPH:
        return NO_START
    start = parser.next_nonspace
    if not syn.SETEXT_UNDERLINE.match(parser.line, start):
        return NO_START
    parser.close_unmatched()
    take_refdefs(container)
    if not container.lines:
        return NO_START
    container.kind = Kind.HEADING
    container.level = 1 if parser.line[start] == "=" else 2
    container.underline = (parser.line_no, start + 1)
    parser.offset = len(parser.line)
    return LEAF_STARTED


def _start_thematic_break(parser: BlockParser, container: BlockNode) -> int:
    """§4.1: a line of three or more matching -, _ or *."""
    start = parser.next_nonspace
    if parser.indented or parser.line[start] not in "*-_":
        return NO_START
    if not syn.THEMATIC_BREAK.match(parser.line, start):
        return NO_START
    parser.close_unmatched()
    parser.add_child(Kind.THEMATIC_BREAK, start)
    parser.offset = len(parser.line)
    return LEAF_STARTED


def _start_footnote(parser: BlockParser, container: BlockNode) -> int:
    """hybrid: ``[^label]:`` opens a footnote definition container."""
    start = parser.next_nonspace
    if parser.indented or parser.line[start] != "[" or container.depth >= MAX_NESTING:
        return NO_START
    match = syn.FOOTNOTE_DEF.match(parser.line, start)
    if match is None:
        return NO_START
    parser.close_unmatched()
    node = parser.add_child(Kind.FOOTNOTE, start)
    node.label = match.group(1)
    parser.advance_next_nonspace()
    parser.advance_offset(match.end() - start, False)
    parser.find_next_nonspace()
    parser.advance_next_nonspace()
    return CONTAINER_STARTED


def _parse_list_marker(parser: BlockParser, container: BlockNode) -> ListInfo | None:
    """§5.2: a list marker and the item's content indentation, or None."""
    line = parser.line
    start = parser.next_nonspace
    if parser.indent >= 4:
        return None
    match = syn.BULLET_MARKER.match(line, start)
    if match is not None:
        info = ListInfo(False, bullet_char=line[start])
    else:
        match = syn.ORDERED_MARKER.match(line, start)
        if match is None:
            return None
        number = int(match.group(1))
        if container.kind == Kind.PARAGRAPH and number != 1:
            return None  # only "1." may interrupt a paragraph
        info = ListInfo(True, delimiter=match.group(2), start=number)
    end = match.end()
    if end < len(line) and line[end] not in " \t":
        return None
    if container.kind == Kind.PARAGRAPH and not line[end:].strip(" \t"):
        return None  # an empty item cannot interrupt a paragraph
    info.marker_offset = parser.indent
    parser.advance_next_nonspace()
    parser.advance_offset(end - start, True)
    spaces_start_column = parser.column
    spaces_start_offset = parser.offset
    while True:
        parser.advance_offset(1, True)
        if not (
            parser.column - spaces_start_column < 5
            and parser.offset < len(line)
            and line[parser.offset] in " \t"
        ):
            break
    blank_item = parser.offset >= len(line)
    spaces_after = parser.column - spaces_start_column
    if spaces_after >= 5 or spaces_after < 1 or blank_item:
        info.padding = end - start + 1
        parser.column = spaces_start_column
        parser.offset = spaces_start_offset
        parser.partial_tab = False
        if parser.offset < len(line) and line[parser.offset] in " \t":
            parser.advance_offset(1, True)
    else:
        info.padding = end - start + spaces_after
    return info


def _start_list_item(parser: BlockParser, container: BlockNode) -> int:
    """§5.2/§5.3: a list marker opens an item, and a list unless it continues one."""
    if parser.indented and container.kind != Kind.LIST:
        return NO_START
    needed = 1 if container.kind == Kind.LIST else 2
    if container.depth + needed > MAX_NESTING:
        return NO_START
    if parser.line[parser.next_nonspace] not in "*+-0123456789":
        return NO_START
    info = _parse_list_marker(parser, container)
    if info is None:
        return NO_START
    parser.close_unmatched()
    tip = parser.tip
    if tip.kind != Kind.LIST or not tip.list_info.matches(info):
        node = parser.add_child(Kind.LIST, parser.next_nonspace)
        node.list_info = info
    item = parser.add_child(Kind.ITEM, parser.next_nonspace)
    item.list_info = info
    return CONTAINER_STARTED


def _start_indented_code(parser: BlockParser, container: BlockNode) -> int:
    """§4.4: a non-blank line indented four columns, when not continuing a paragraph."""
    if not parser.indented or parser.blank or parser.tip.kind == Kind.PARAGRAPH:
        return NO_START
    parser.advance_offset(CODE_INDENT, True)
    parser.close_unmatched()
    parser.add_child(Kind.INDENTED_CODE, parser.offset)
    return LEAF_STARTED


def _start_table(parser: BlockParser, container: BlockNode) -> int:
    """GFM §4.10: a delimiter row under a paragraph line with as many cells."""
    if parser.indented or container.kind != Kind.PARAGRAPH:
        return NO_START
    start = parser.next_nonspace
    if parser.line[start] not in "|:-" or not syn.TABLE_DELIMITER_ROW.match(parser.line, start):
        return NO_START
    aligns = syn.delimiter_aligns(parser.line[start:])
    if not container.lines:
        return NO_START
    header = container.lines[-1]  # the lines above stay a paragraph (as in cmark-gfm)
    if len(syn.split_table_row(header[0])) != len(aligns):
        return NO_START
    parser.close_unmatched()
    if len(container.lines) > 1:
        container.lines.pop()
        parser.finalize(container, parser.line_no - 1)
        table = parser.add_child(Kind.TABLE, header[2] - 1)
        table.line = header[1]
        table.lines.append(header)
    else:
        table = container  # keeps definitions an earlier setext check took off its front
        table.kind = Kind.TABLE
    table.aligns = aligns
    table.underline = (parser.line_no, start + 1)
    parser.skip_line = True
    return LEAF_STARTED


def _start_template(parser: BlockParser, container: BlockNode) -> int:
    """hybrid: ``{{`` left unbalanced at the end of the line spans following lines."""
    start = parser.next_nonspace
    if parser.indented or not parser.line.startswith(syn.TEMPLATE_OPEN, start):
        return NO_START
    span = parser.spans.end_of(parser.index, start)
    if span is None:
        return NO_START
    end_index, end_offset = span
    if parser.lines[end_index][end_offset:].strip():
        parser.protect_until = end_index  # the span is part of a paragraph's text
        return NO_START
    parser.close_unmatched()
    node = parser.add_child(Kind.TEMPLATE, start)
    node.capture_end = end_index
    parser.advance_next_nonspace()
    parser.capture = node
    return LEAF_STARTED


def _start_wiki_table(parser: BlockParser, container: BlockNode) -> int:
    """hybrid: ``{|`` opens a wiki table kept verbatim up to its matching ``|}``."""
    start = parser.next_nonspace
    if parser.indented or not parser.line.startswith(syn.WIKI_TABLE_OPEN, start):
        return NO_START
    parser.close_unmatched()
    node = parser.add_child(Kind.WIKI_TABLE, start)
    parser.advance_next_nonspace()
    if not node.track_wiki_table(parser.line[start:]):
        parser.capture = node
    return LEAF_STARTED


BlockStart = Callable[["BlockParser", BlockNode], int]
"""Try to open a block at the line cursor: NO_START, CONTAINER_STARTED or LEAF_STARTED."""

STARTS: tuple[BlockStart, ...] = (
    _start_block_quote,
    _start_atx_heading,
    _start_fenced_code,
    _start_html_block,
    _start_setext_heading,
    _start_thematic_break,
    _start_footnote,
    _start_list_item,
    _start_indented_code,
    _start_table,
    _start_template,
    _start_wiki_table,
)

# CommonMark 0.31.2 alone (``source="commonmark"``): no GFM tables, no hybrid extensions.
COMMONMARK_STARTS: tuple[BlockStart, ...] = tuple(
    start
    for start in STARTS
    if start not in (_start_footnote, _start_table, _start_template, _start_wiki_table)
)
