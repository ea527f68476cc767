"""The report of a bulk run: diagnostics spooled to disk, ``report.json`` and a short summary.

Everything an article yields (errors, warnings, unresolved names, unsourced statements, CS1
warnings) is appended to spool files as it arrives, so memory stays flat however many articles
there are; :meth:`Report.write_json` streams them into one JSON document at the end.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

# The sections of report.json that list entries, in the order they are written.
SECTIONS = (
    "failed",
    "skipped",
    "warnings",
    "cs1_warnings",
    "unresolved_names",
    "unsourced_statements",
    "statements_not_written",
)
SHOWN = 20  # errors printed in the stderr summary
# json.dumps(value, ensure_ascii=False), without making an encoder at every call
ENCODE = json.JSONEncoder(ensure_ascii=False).encode


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A message about an input, located as ``SOURCE:LINE:COL``."""

    source: str
    line: int
    column: int
    message: str

    @property
    def location(self) -> str:
        """``SOURCE:LINE:COL``."""
        return f"{self.source}:{self.line}:{self.column}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        """The inverse of :meth:`to_dict`."""
        return cls(str(data["source"]), int(data["line"]), int(data["column"]), data["message"])

    def __str__(self) -> str:
        """``SOURCE:LINE:COL: message``."""
        return f"{self.location}: {self.message}"


@dataclass(slots=True)
class Counts:
    """How many inputs ended how."""

    read: int = 0
    converted: int = 0
    failed: int = 0
    empty: int = 0
    duplicates: int = 0
    reused: int = 0
    warnings: int = 0
    cs1_warnings: int = 0
    citation_notes: int = 0
    statements: int = 0
    unresolved_names: int = 0
    unsourced_statements: int = 0
    statements_not_written: int = 0


@dataclass
class Report:
    """Counts in memory, entries in spool files under ``spool_dir``."""

    spool_dir: Path
    counts: Counts = field(default_factory=Counts)
    shown_errors: list[str] = field(default_factory=list)
    _spools: dict[str, IO[str]] = field(default_factory=dict)

    def add(self, section: str, entry: dict[str, Any]) -> None:
        """Append one entry to a section."""
        self._spool(section).write(ENCODE(entry) + "\n")

    def _spool(self, section: str) -> IO[str]:
        """The spool file of a section, opened at its first entry."""
        spool = self._spools.get(section)
        if spool is None:
            path = self.spool_dir / f"report-{section}.jsonl"
            spool = self._spools[section] = open(path, "w", encoding="utf-8")  # noqa: SIM115
        return spool

    def add_lines(self, section: str, count: int, lines: str) -> None:
        """Append ``count`` entries already serialised as spool lines (by a worker)."""
        self._spool(section).write(lines)
        setattr(self.counts, section, getattr(self.counts, section) + count)

    def failed(self, error: Diagnostic, title: str | None = None) -> None:
        """Record an input that could not be converted."""
        self.counts.failed += 1
        entry = {"location": error.location, **error.to_dict(), "title": title}
        self.add("failed", entry)
        if len(self.shown_errors) < SHOWN:
            self.shown_errors.append(f"{error.location}: error: {error.message}")

    def skipped(self, source: str, reason: str, detail: str, title: str | None = None) -> None:
        """Record an input that was skipped on purpose (``empty``, ``duplicate``)."""
        if reason == "duplicate":
            self.counts.duplicates += 1
            if len(self.shown_errors) < SHOWN:
                self.shown_errors.append(f"{source}:1:1: skipped: {detail}")
        else:
            self.counts.empty += 1
        self.add("skipped", {"source": source, "reason": reason, "detail": detail, "title": title})

    def close(self) -> None:
        """Close the spool files."""
        for spool in self._spools.values():
            spool.close()
        self._spools.clear()

    def _section(self, section: str) -> Iterator[str]:
        """The spooled entries of a section, as JSON texts."""
        path = self.spool_dir / f"report-{section}.jsonl"
        if not path.exists():
            return
        with open(path, encoding="utf-8") as spool:
            for line in spool:
                yield line.rstrip("\n")

    def write_json(self, out: IO[str], head: dict[str, Any]) -> None:
        """Stream the whole report as one JSON object: ``head``, counts, then every section."""
        self.close()
        out.write("{\n")
        for key, value in head.items():
            out.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
        counts = json.dumps(self.counts_dict())
        out.write(f'  "counts": {counts}')
        for section in SECTIONS:
            out.write(f',\n  "{section}": [')
            first = True
            for text in self._section(section):
                out.write(("\n    " if first else ",\n    ") + text)
                first = False
            out.write("]" if first else "\n  ]")
        out.write("\n}\n")

    def counts_dict(self) -> dict[str, int]:
        """The counts as a dict."""
        c = self.counts
        return {name: getattr(c, name) for name in Counts.__dataclass_fields__}

    def summary(self, outputs: list[str]) -> list[str]:
        """A few lines for stderr: counts, the first errors, where the rest is."""
        c = self.counts
        lines = [
            f"wikiconv bulk: {c.read} read, {c.converted} converted, {c.failed} failed, "
            f"{c.duplicates} skipped as duplicates, {c.empty} skipped as empty"
            + (f" ({c.reused} reused from an earlier run)" if c.reused else "")
        ]
        lines += [f"  {text}" for text in self.shown_errors]
        hidden = c.failed + c.duplicates - len(self.shown_errors)
        if hidden > 0:
            lines.append(f"  ... and {hidden} more (see report.json)")
        lines.append(
            f"  {c.warnings} warnings, {c.cs1_warnings} CS1 warnings, {c.statements} statements, "
            f"{c.unresolved_names} unresolved names, {c.unsourced_statements} unsourced statements"
        )
        if outputs:
            lines.append("  wrote " + ", ".join(outputs))
        return lines


def remove_spools(spool_dir: Path) -> None:
    """Delete the spool files of a report."""
    for section in SECTIONS:
        path = spool_dir / f"report-{section}.jsonl"
        if path.exists():
            os.unlink(path)
