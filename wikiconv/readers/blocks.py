"""The container pass: CommonMark's line-by-line block algorithm, emitting Lark tokens.

This is phase 1 of the CommonMark 0.31.2 "Appendix: A parsing strategy", the part of
block parsing that is not context free: which open containers a line continues (block
quote ``>``, list item indentation, footnote indentation), lazy continuation lines, tabs
as 4-column tab stops, setext underlines and link reference definitions that turn a
paragraph into something else, HTML block start/end conditions, fenced and indented code,
GFM tables, and the hybrid MediaWiki extensions (multi-line ``{{templates}}``, ``{| wiki
tables |}``, ``[^footnote]:`` definitions).  It builds a light tree of blocks and then
flattens it to a list of :class:`lark.Token`: one OPEN/CLOSE pair per container and one
token per leaf line (see ``grammar/block.lark``, which is the readable spec of how they
nest).  Tokens carry the 1-based source line and column of what they stand for.

Choices:

* Code text (``CODE_LINE`` / ``INDENTED_CODE_LINE`` values) is given line by line, so the
  model's ``CodeBlock.text`` is the spec's code content *without* its final newline (as
  in pandoc); the one case this merges is a fence holding a single empty line, whose
  text is "" like an empty fence's.
* Containers nest at most :data:`MAX_NESTING` deep (as cmark-gfm caps lists at 100):
  past that, a ``>``, list marker or footnote marker is paragraph text.  This keeps the
  work per line bounded and the model shallow enough for recursive writers.
"""

from __future__ import annotations

import re

from wikiconv.readers import block_syntax as syn
from wikiconv.readers.block_continuations import (
    CONTINUE,
    CONTINUE_FAILED,
    CONTINUE_MATCHED,
    LINE_DONE,
)
from wikiconv.readers.block_starts import (
    LEAF_STARTED,
    MAX_NESTING,
    NO_START,
    STARTS,
    BlockStart,
)
from wikiconv.readers.block_tree import (
    ACCEPTS_LINES,
    BlockNode,
    BlockPass,
    Kind,
    flatten,
    real_children,
    take_refdefs,
)
from wikiconv.readers.template_spans import TemplateSpans


def normalize_source(text: str) -> str:
    """Input hygiene: U+0000 becomes U+FFFD (§2.3), CR LF and CR become LF (§2.1)."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_lines(text: str) -> list[str]:
    """The lines of normalised text; a final line ending does not start another line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def scan_blocks(
    lines: list[str], first_line: int = 1, starts: tuple[BlockStart, ...] = STARTS
) -> BlockPass:
    """Run the container pass over ``lines`` (numbered from ``first_line``).

    ``starts`` are the block starts tried, in order: the hybrid's (the default) or
    :data:`~wikiconv.readers.block_starts.COMMONMARK_STARTS`.
    """
    parser = BlockParser(lines, first_line, starts)
    for index in range(len(lines)):
        parser.incorporate_line(index)
    parser.finish()
    return flatten(parser.document)


class BlockParser:
    """State of the line-by-line algorithm (a port of the reference strategy)."""

    def __init__(
        self, lines: list[str], first_line: int, starts: tuple[BlockStart, ...] = STARTS
    ) -> None:
        self.lines = lines
        self.starts = starts
        self.first_line = first_line
        self.document = BlockNode(Kind.DOCUMENT, None, first_line, 1)
        self.tip = self.document
        self.old_tip = self.document
        self.last_matched = self.document
        self.all_closed = True
        self.line = ""
        self.index = 0
        self.line_no = first_line
        self.offset = 0
        self.column = 0
        self.next_nonspace = 0
        self.next_nonspace_column = 0
        self.indent = 0
        self.indented = False
        self.blank = False
        self.partial_tab = False
        self.run_start = -1
        self.run_end = -2
        self.run_end_column = 0
        self.skip_line = False
        self.protect_until = -1
        self.capture: BlockNode | None = None
        self.spans = TemplateSpans(lines)

    # ------------------------------------------------------------------ line cursor

    def find_next_nonspace(self) -> None:
        """Locate the next non-space character and the indentation before it.

        The whitespace run found is remembered, so the many calls made on one line (one
        per open container) cost O(1) each instead of rescanning deep indentation.
        """
        i = self.offset
        if not self.run_start <= i <= self.run_end:
            line = self.line
            match = _NON_SPACE.search(line, i)
            end = match.start() if match else len(line)
            cols = self.column
            if line.find("\t", i, end) < 0:
                cols += end - i
            else:
                for char in line[i:end]:
                    cols += 4 - cols % 4 if char == "\t" else 1
            self.run_start, self.run_end, self.run_end_column = i, end, cols
        self.blank = self.run_end >= len(self.line)
        self.next_nonspace = self.run_end
        self.next_nonspace_column = self.run_end_column
        self.indent = self.run_end_column - self.column
        self.indented = self.indent >= 4

    def advance_next_nonspace(self) -> None:
        """Move the cursor to the next non-space character."""
        self.offset = self.next_nonspace
        self.column = self.next_nonspace_column
        self.partial_tab = False

    def advance_offset(self, count: int, columns: bool) -> None:
        """Advance by ``count`` characters, or columns (tabs count to the next stop)."""
        line = self.line
        length = len(line)
        while count > 0 and self.offset < length:
            if line[self.offset] == "\t":
                to_tab = 4 - self.column % 4
                if columns:
                    self.partial_tab = to_tab > count
                    step = min(to_tab, count)
                    self.column += step
                    if not self.partial_tab:
                        self.offset += 1
                    count -= step
                else:
                    self.partial_tab = False
                    self.column += to_tab
                    self.offset += 1
                    count -= 1
            else:
                self.partial_tab = False
                self.offset += 1
                self.column += 1
                count -= 1

    def rest_of_line(self) -> str:
        """The line from the cursor, a partly consumed tab given as its remaining spaces."""
        if self.partial_tab:
            self.offset += 1
            self.partial_tab = False
            return " " * (4 - self.column % 4) + self.line[self.offset :]
        return self.line[self.offset :]

    # ------------------------------------------------------------------ tree edits

    def add_line(self) -> None:
        """Add the rest of the line to the leaf at the tip."""
        column = self.offset + 1
        self.tip.lines.append((self.rest_of_line(), self.line_no, column))

    def add_child(self, kind: int, offset: int) -> BlockNode:
        """Open a block of ``kind`` under the tip, closing blocks that cannot hold it."""
        while not self.tip.can_contain(kind):
            self.finalize(self.tip, self.line_no - 1)
        node = BlockNode(kind, self.tip, self.line_no, offset + 1)
        self.tip.append(node)
        self.tip = node
        return node

    def close_unmatched(self) -> None:
        """Close the blocks the current line did not continue."""
        if not self.all_closed:
            while self.old_tip is not self.last_matched:
                parent = self.old_tip.parent
                self.finalize(self.old_tip, self.line_no - 1)
                assert parent is not None
                self.old_tip = parent
            self.all_closed = True

    def finalize(self, node: BlockNode, line_no: int) -> None:
        """Close ``node``: resolve definitions, trim code, decide list tightness."""
        node.end_line = line_no
        parent = node.parent
        if parent is not None and parent.open_child is node:
            parent.open_child = None
        kind = node.kind
        if kind == Kind.PARAGRAPH:
            take_refdefs(node)
            if not node.lines:
                node.removed = True
        elif kind == Kind.INDENTED_CODE:
            blanks = []
            while node.lines and not node.lines[-1][0].strip(" \t"):
                blanks.append(node.lines.pop())
            if blanks:
                blanks.reverse()
                node.trailing_blanks = blanks
        elif kind == Kind.LIST:
            node.list_info.tight = _is_tight(node)
        if node is self.capture:
            self.capture = None
        self.tip = parent if parent is not None else node

    def finish(self) -> None:
        """Close every block still open at the end of the input."""
        last = self.first_line + len(self.lines) - 1
        while self.tip is not self.document:
            self.finalize(self.tip, last)
        self.finalize(self.document, last)

    # ------------------------------------------------------------------ one line

    def incorporate_line(self, index: int) -> None:
        """Process one line: continue containers, open new blocks, add the text."""
        self.index = index
        self.line = self.lines[index]
        self.line_no = self.first_line + index
        self.offset = 0
        self.column = 0
        self.partial_tab = False
        self.run_start, self.run_end = -1, -2
        if self.capture is not None:
            self.capture_line(self.capture)
            return
        container = self.document
        self.old_tip = self.tip
        while container.open_child is not None:
            container = container.open_child
            self.find_next_nonspace()
            result = CONTINUE[container.kind](self, container)
            if result == LINE_DONE:
                return
            if result == CONTINUE_FAILED:
                assert container.parent is not None
                container = container.parent
                break
        self.all_closed = container is self.old_tip
        self.last_matched = container
        self.skip_line = False
        container = self.open_new_blocks(container)
        self.add_text(container)

    def open_new_blocks(self, container: BlockNode) -> BlockNode:
        """Try the block starts on the rest of the line; return the deepest new block."""
        kind = container.kind
        matched_leaf = kind in ACCEPTS_LINES and kind not in (Kind.PARAGRAPH, Kind.TABLE)
        while not matched_leaf:
            self.find_next_nonspace()
            if self.blank or (
                not self.indented and self.line[self.next_nonspace] not in syn.MAYBE_SPECIAL
            ):
                self.advance_next_nonspace()
                break
            for start in self.starts:
                result = start(self, container)
                if result != NO_START:
                    container = self.tip
                    matched_leaf = result == LEAF_STARTED
                    break
            else:
                self.advance_next_nonspace()
                break
        return container

    def add_text(self, container: BlockNode) -> None:
        """Add what remains of the line to the right block (CommonMark's final step)."""
        tip = self.tip
        if not self.all_closed and not self.blank and tip.kind == Kind.PARAGRAPH:
            self.add_line()  # lazy continuation line (§5.1)
        else:
            if self.blank and container.last_block is not None:
                container.last_block.last_line_blank = True
            kind = container.kind
            container.last_line_blank = self.blank and not (
                kind in _NEVER_BLANK
                or (
                    kind == Kind.ITEM
                    and container.last_block is None
                    and container.line == self.line_no
                )
            )
            parent = container.parent
            while parent is not None:
                parent.last_line_blank = False
                parent = parent.parent
            self.close_unmatched()
            if kind in ACCEPTS_LINES:
                if not self.skip_line:
                    self.add_line()
                if kind == Kind.HTML and 1 <= container.html_type <= 5:
                    end = syn.HTML_BLOCK_END[container.html_type]
                    if end is not None and end.search(container.lines[-1][0]):
                        self.finalize(container, self.line_no)
            elif self.offset < len(self.line) and not self.blank:
                self.add_child(Kind.PARAGRAPH, self.next_nonspace)
                self.advance_next_nonspace()
                self.add_line()
            else:
                holder = container
                if holder.kind == Kind.LIST and holder.children:
                    holder = holder.children[-1]
                holder.append(BlockNode(Kind.BLANK, holder, self.line_no, 1))
        if self.protect_until > self.index:
            if self.tip.kind == Kind.PARAGRAPH:
                self.tip.capture_end = self.protect_until
                self.capture = self.tip
            self.protect_until = -1

    def capture_line(self, node: BlockNode) -> None:
        """A line inside a template span or wiki table: kept whole, containers untouched."""
        chain: list[BlockNode] = []
        ancestor = node.parent
        while ancestor is not None and ancestor.kind != Kind.DOCUMENT:
            chain.append(ancestor)
            ancestor = ancestor.parent
        matched = True
        for container in reversed(chain):
            self.find_next_nonspace()
            if CONTINUE[container.kind](self, container) != CONTINUE_MATCHED:
                matched = False
                break
            container.last_line_blank = False
        if matched:
            column = self.offset + 1
            text = self.rest_of_line()
        else:
            column, text = 1, self.line
        if node.kind == Kind.PARAGRAPH:
            stripped = text.lstrip(" \t")
            column += len(text) - len(stripped)
            text = stripped
        node.lines.append((text, self.line_no, column))
        if node.kind == Kind.WIKI_TABLE:
            if node.track_wiki_table(text):
                self.finalize(node, self.line_no)
        elif self.index >= node.capture_end:
            if node.kind == Kind.TEMPLATE:
                self.finalize(node, self.line_no)
            else:
                self.capture = None


def _ends_with_blank_line(node: BlockNode | None) -> bool:
    """Whether a block ends with a blank line, looking into lists' last items (§5.3)."""
    while node is not None:
        if node.last_line_checked:
            return False
        node.last_line_checked = True
        if node.last_line_blank:
            return True
        if node.kind == Kind.LIST or node.kind == Kind.ITEM:
            children = real_children(node)
            node = children[-1] if children else None
        else:
            break
    return False


def _is_tight(node: BlockNode) -> bool:
    """§5.3: loose if items are separated by blank lines, or hold blocks separated so."""
    items = node.children
    for position, item in enumerate(items):
        has_next = position + 1 < len(items)
        if item.last_line_blank and has_next:
            return False
        children = real_children(item)
        for index, child in enumerate(children):
            if (has_next or index + 1 < len(children)) and _ends_with_blank_line(child):
                return False
    return True


_NEVER_BLANK = frozenset({Kind.BLOCK_QUOTE, Kind.HEADING, Kind.THEMATIC_BREAK, Kind.FENCED_CODE})


_NON_SPACE = re.compile(r"[^ \t]")

__all__ = [
    "MAX_NESTING",
    "BlockParser",
    "BlockPass",
    "normalize_source",
    "scan_blocks",
    "split_lines",
]
