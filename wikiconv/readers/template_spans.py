"""Where a multi-line template that opens a line closes: a brace-balance lookahead.

A line whose content starts with ``{{`` and whose ``{{``/``}}`` pairs stay unbalanced at
the end of the line opens a *template span* that runs until the braces balance.  The
search looks at most :data:`SPAN_LINE_CAP` lines ahead; past that (or at the end of the
document) the line is ordinary Markdown.

To stay fast on adversarial input (thousands of unbalanced ``{{`` lines) the answer is
not found by rescanning: a running sum of ``+1`` per ``{{`` and ``-1`` per ``}}`` over the
whole document, and per line the lowest value it reaches, go into a sparse table of
range minima, so each query costs O(log n) after an O(n log n) build done on first use.
"""

from __future__ import annotations

import re

SPAN_LINE_CAP = 2000
"""How many lines after the opening line a template span may reach."""

_BRACES = re.compile(r"\{\{|\}\}")
_NEVER = 1 << 62


class TemplateSpans:
    """Answers "where does the template span opening at (line, offset) end?"."""

    def __init__(self, lines: list[str]) -> None:
        """Remember the document lines; the index is built on the first query."""
        self._lines = lines
        self._line_end_sum: list[int] = []
        self._levels: list[list[int]] = []

    def _build(self) -> None:
        """Compute running sums per line and the sparse table of per-line minima."""
        total = 0
        minima: list[int] = []
        ends: list[int] = []
        for line in self._lines:
            low = _NEVER
            if "}}" in line or "{{" in line:
                for match in _BRACES.finditer(line):
                    if match.group() == "{{":
                        total += 1
                    else:
                        total -= 1
                        if total < low:
                            low = total
            minima.append(low)
            ends.append(total)
        self._line_end_sum = ends
        levels = [minima]
        width = 1
        while width * 2 <= len(minima):
            previous = levels[-1]
            levels.append(list(map(min, previous, previous[width:])))
            width *= 2
        self._levels = levels

    def end_of(self, line_index: int, offset: int) -> tuple[int, int] | None:
        """The ``(line index, offset after the closing }})`` of a span opening at offset.

        None when the braces balance on the opening line itself, or not within the cap.
        """
        depth = 0
        for match in _BRACES.finditer(self._lines[line_index], offset):
            if match.group() == "{{":
                depth += 1
            elif depth:
                depth -= 1
        if depth == 0:
            return None
        if not self._levels:
            self._build()
        target = self._line_end_sum[line_index] - depth
        last = min(line_index + SPAN_LINE_CAP, len(self._lines) - 1)
        found = self._first_at_most(line_index + 1, last, target)
        if found is None:
            return None
        return found, self._closing_offset(found, target)

    def _first_at_most(self, first: int, last: int, target: int) -> int | None:
        """The first line in [first, last] whose running sum drops to ``target`` or below."""
        levels = self._levels
        pos = first
        for level in range(len(levels) - 1, -1, -1):
            width = 1 << level
            if pos + width - 1 <= last and levels[level][pos] > target:
                pos += width
        if pos <= last and levels[0][pos] <= target:
            return pos
        return None

    def _closing_offset(self, line_index: int, target: int) -> int:
        """Offset just after the ``}}`` where the running sum first reaches ``target``."""
        line = self._lines[line_index]
        total = self._line_end_sum[line_index - 1] if line_index else 0
        for match in _BRACES.finditer(line):
            total += 1 if match.group() == "{{" else -1
            if total == target:
                return match.end()
        return len(line)  # unreachable: the line's minimum reaches the target
