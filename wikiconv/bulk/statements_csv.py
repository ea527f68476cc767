"""One QuickStatements CSV for many articles, assembled without holding them all in memory.

Each article's statements arrive as a one-row CSV from
:func:`~wikiconv.statements.quickstatements.write_quickstatements_csv`. The CSV header of a
batch depends on every row (it is the shortest common sequence of the rows' column groups), so
rows are spooled to disk while the header grows, and written after it at the end. The result is
the same text ``write_quickstatements_csv`` gives for all the drafts at once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import IO

from wikiconv.statements.quickstatements import _merge, _place

_Group = tuple[str, ...]
# Header cells that continue the column group of the P column before them.
_CONTINUATION_RE = re.compile(r"(?:qal|S|s)[0-9]+")


def split_groups(header: list[str], cells: list[str]) -> list[tuple[_Group, list[str]]]:
    """Split a row's header and cells (without the qid column) into column groups."""
    groups: list[tuple[list[str], list[str]]] = []
    for name, cell in zip(header, cells, strict=True):
        if groups and _CONTINUATION_RE.fullmatch(name):
            groups[-1][0].append(name)
            groups[-1][1].append(cell)
        else:
            groups.append(([name], [cell]))
    return [(tuple(names), values) for names, values in groups]


def spool_lines(article_csv: str) -> str:
    """The rows of one article's CSV (header line first) as spool lines, ``[qid, groups]``."""
    rows = list(csv.reader(io.StringIO(article_csv)))
    if len(rows) < 2:
        return ""
    header = rows[0][1:]
    return "".join(
        json.dumps([row[0], split_groups(header, row[1:])], ensure_ascii=False) + "\n"
        for row in rows[1:]
    )


class CsvBatch:
    """Collect one-row CSVs (spooled to ``spool``) and write them as one batch."""

    def __init__(self, spool: Path) -> None:
        """Spool rows to ``spool``."""
        self.spool_path = spool
        self.spool: IO[str] = open(spool, "w", encoding="utf-8")  # noqa: SIM115
        self.header: list[_Group] = []

    def add(self, article_csv: str) -> None:
        """Add the rows of one article's CSV (header line first)."""
        self.add_lines(spool_lines(article_csv))

    def add_lines(self, lines: str) -> None:
        """Add rows made by :func:`spool_lines` (in a worker process)."""
        if not lines:
            return
        for line in lines.rstrip("\n").split("\n"):  # not splitlines: U+2028 stays
            _qid, groups = json.loads(line)
            self.header = _merge(self.header, [tuple(names) for names, _cells in groups])
        self.spool.write(lines)

    def write(self, out: IO[str]) -> None:
        """Write the batch: the merged header, then every spooled row placed under it."""
        self.spool.close()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["qid", *(cell for group in self.header for cell in group)])
        with open(self.spool_path, encoding="utf-8") as spool:
            for line in spool:
                qid, raw_groups = json.loads(line)
                groups = [(tuple(names), cells) for names, cells in raw_groups]
                cells_by_slot = _place(self.header, groups)
                row = [qid]
                for slot, group in enumerate(self.header):
                    row += cells_by_slot.get(slot, [""] * len(group))
                writer.writerow(row)

    def close(self) -> None:
        """Close the spool (it is removed with the run's temporary folder)."""
        self.spool.close()
