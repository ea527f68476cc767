"""The delimiter pass of the inline reader (CommonMark 0.31.2, Appendix A).

Inline nodes are kept in a doubly linked list of :class:`Cell` while the token pass
runs, so wrapping a stretch into ``Emph``/``Link``/... moves each cell once.  Runs
of ``*``, ``_`` (§6.2) and ``~`` (GFM strikethrough) become :class:`Delim` entries of
the delimiter stack; :meth:`NodeList.process_emphasis` is the spec's "process
emphasis" procedure with the ``openers_bottom`` optimisation, hence linear time.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Emph, Inline, Pos, Strikeout, Strong, Text
from .inline_scanners import is_punct, is_ws


class Cell:
    """One element of the node list: an inline or a delimiter run, and its text offset."""

    __slots__ = ("val", "off", "prev", "next")

    def __init__(self, val: Inline | Delim | None, off: int) -> None:
        self.val = val
        self.off = off
        self.prev: Cell | None = None
        self.next: Cell | None = None


class Delim:
    """A run of ``*``, ``_`` or ``~`` on the delimiter stack.

    It is also the value of its own cell: until the cell is collected, the run's
    remaining text is ``char * count`` (never rebuilt per match, which would be
    quadratic on a 100,000-character run).
    """

    __slots__ = ("char", "count", "orig", "can_open", "can_close", "cell", "prev", "next")

    def __init__(self, char: str, count: int, cell: Cell, can_open: bool, can_close: bool) -> None:
        self.char = char
        self.count = self.orig = count
        self.can_open = can_open
        self.can_close = can_close
        self.cell = cell
        self.prev: Delim | None = None
        self.next: Delim | None = None


def _no_position(off: int) -> Pos | None:
    """The position function of a disposed node list."""
    return None


def _break_links(cell: Cell | None) -> None:
    """Unlink the cells from ``cell`` on, and the delimiters they hold."""
    while cell is not None:
        following, val = cell.next, cell.val
        if type(val) is Delim:
            val.prev = val.next = None
            val.cell = None  # type: ignore[assignment]
        cell.prev = cell.next = None
        cell.val = None
        cell = following


def flanking(char: str, before: str, after: str) -> tuple[bool, bool]:
    """(can_open, can_close) of a delimiter run between ``before`` and ``after`` (§6.2).

    A line start or end is passed as "\\n" (whitespace).  ``_`` adds the intraword
    rules; ``*`` and GFM ``~`` use plain left/right flanking.
    """
    after_ws, before_ws = is_ws(after), is_ws(before)
    after_p = not after_ws and is_punct(after)
    before_p = not before_ws and is_punct(before)
    left = not after_ws and (not after_p or before_ws or before_p)
    right = not before_ws and (not before_p or after_ws or after_p)
    if char == "_":
        return left and (not right or before_p), right and (not left or after_p)
    return left, right


class NodeList:
    """The inline nodes built so far, plus the delimiter stack over them."""

    def __init__(self, make_pos: Callable[[int], Pos | None]) -> None:
        self.head = Cell(None, 0)
        self.tail = self.head
        self.delims: Delim | None = None  # top of the delimiter stack
        self.make_pos = make_pos

    def append(self, val: Inline, off: int) -> Cell:
        """Add a node at the end of the list."""
        cell = Cell(val, off)
        cell.prev = self.tail
        self.tail.next = cell
        self.tail = cell
        return cell

    def insert_after(self, cell: Cell, vals: list[Inline]) -> None:
        """Insert nodes right after ``cell``."""
        nxt = cell.next
        for val in vals:
            new = Cell(val, cell.off)
            new.prev, cell.next = cell, new
            cell = new
        cell.next = nxt
        if nxt is None:
            self.tail = cell
        else:
            nxt.prev = cell

    def push_delim(self, run: str, off: int, can_open: bool, can_close: bool) -> None:
        """Append a delimiter run as text; remember it when it can open or close."""
        if not (can_open or can_close):
            self.append(Text(run), off)
            return
        cell = Cell(None, off)
        d = Delim(run[0], len(run), cell, can_open, can_close)
        cell.val = d
        cell.prev = self.tail
        self.tail.next = cell
        self.tail = cell
        d.prev = self.delims
        if self.delims is not None:
            self.delims.next = d
        self.delims = d

    def collect(self, first: Cell | None, stop: Cell | None) -> list[Inline]:
        """The nodes from ``first`` up to ``stop`` (exclusive), adjacent Text merged."""
        out: list[Inline] = []
        buf: list[str] = []
        buf_off = 0
        cell = first
        while cell is not stop and cell is not None:
            val = cell.val
            if type(val) is Text or type(val) is Delim:
                piece = val.text if type(val) is Text else val.char * val.count  # type: ignore[union-attr]
                if piece:
                    if not buf:
                        buf_off = cell.off
                    buf.append(piece)
            elif val is not None:
                if buf:
                    out.append(Text("".join(buf), pos=self.make_pos(buf_off)))
                    buf = []
                out.append(val)  # type: ignore[arg-type]
            cell = cell.next
        if buf:
            out.append(Text("".join(buf), pos=self.make_pos(buf_off)))
        return out

    def cut_after(self, cell: Cell) -> list[Inline]:
        """Remove and return (collected) every node after ``cell``."""
        out = self.collect(cell.next, None)
        _break_links(cell.next)
        cell.next = None
        self.tail = cell
        return out

    def dispose(self) -> None:
        """Break the list's reference cycles once its nodes are collected.

        The cells and delimiters link both ways; without this they would wait for the
        cycle collector, which the reader pauses.
        """
        _break_links(self.head)
        self.head.next = None
        self.tail = self.head
        self.delims = None
        self.make_pos = _no_position  # the parser's bound method: a cycle too

    def _unlink(self, d: Delim) -> None:
        if d.prev is not None:
            d.prev.next = d.next
        if d.next is not None:
            d.next.prev = d.prev
        else:
            self.delims = d.prev

    def process_emphasis(self, bottom: Delim | None) -> None:
        """Match the delimiters above ``bottom`` into Emph/Strong/Strikeout (§6.2, App. A).

        Then drop them all from the stack.  ``openers_bottom`` is keyed by delimiter
        character, whether the closer can also open, and the closer's original length
        mod 3 (for ``~``: its length), so every failed search is never repeated.
        """
        closer = self.delims
        if closer is None or closer is bottom:
            return
        while closer.prev is not None and closer.prev is not bottom:
            closer = closer.prev
        openers_bottom: dict[tuple[str, bool, int], Delim | None] = {}
        while closer is not None:
            if not closer.can_close:
                closer = closer.next
                continue
            ch = closer.char
            key = (ch, False, closer.count) if ch == "~" else (ch, closer.can_open, closer.orig % 3)
            stop = openers_bottom.get(key, bottom)
            opener = closer.prev
            while opener is not None and opener is not bottom and opener is not stop:
                if opener.char == ch and opener.can_open:
                    if ch == "~":
                        if opener.count == closer.count:
                            break
                    elif not (
                        (opener.can_close or closer.can_open)
                        and (opener.orig + closer.orig) % 3 == 0
                        and (opener.orig % 3 or closer.orig % 3)
                    ):
                        break
                opener = opener.prev
            else:
                opener = None
            if opener is None:
                openers_bottom[key] = closer.prev
                nxt = closer.next
                if not closer.can_open:
                    self._unlink(closer)
                closer = nxt
                continue
            closer = self._wrap(opener, closer)
        if bottom is None:
            self.delims = None
        else:
            bottom.next = None
            self.delims = bottom

    def _wrap(self, opener: Delim, closer: Delim) -> Delim | None:
        """Turn the nodes between a matched opener and closer into one node."""
        ch = closer.char
        node_type: type[Emph] | type[Strong] | type[Strikeout]
        if ch == "~":
            use, node_type = closer.count, Strikeout
        else:
            use = 2 if closer.count >= 2 and opener.count >= 2 else 1
            node_type = Strong if use == 2 else Emph
        opener.count -= use
        closer.count -= use
        children = self.collect(opener.cell.next, closer.cell)
        wrapped = Cell(
            node_type(children, pos=self.make_pos(opener.cell.off + opener.count)),
            opener.cell.off + opener.count,
        )
        wrapped.prev, wrapped.next = opener.cell, closer.cell
        opener.cell.next = closer.cell.prev = wrapped
        closer.cell.off += use
        opener.next, closer.prev = closer, opener
        if opener.count == 0:
            self._unlink(opener)
        if closer.count == 0:
            nxt = closer.next
            self._unlink(closer)
            return nxt
        return closer
