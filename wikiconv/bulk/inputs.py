"""The inputs of a bulk run, enumerated lazily: files, folders and JSON Lines records.

* A file is one article; the worker reads it (the driver only names it).
* A folder is walked recursively in sorted order; files whose name matches the pattern
  (``*.md`` by default; a pattern with ``/`` is matched against the path below the folder) are
  taken. Hidden files and folders, and the output folder, are left out.
* A ``.jsonl`` file holds one ``{"title": ..., "text": ...}`` object a line (``title`` is
  optional: the article's own title is used then). A bad line becomes a failed task located at
  ``FILE:LINE:COL``; its record is named ``FILE#LINE`` in diagnostics.

A file reached twice (named and inside a named folder) is taken once.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from wikiconv.bulk.report import Diagnostic
from wikiconv.errors import InputError
from wikiconv.fileio import decode_source

JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class ArticleTask:
    """One article to convert: a file to read, or a JSON Lines record already read."""

    number: int  # 1-based position in input order
    path: str  # the input file
    source: str  # its name in diagnostics: the path, or PATH#LINE for a JSON Lines record
    title: str | None = None  # a JSON Lines record's title
    text: str | None = None  # a JSON Lines record's text
    error: Diagnostic | None = None  # set when the input failed before conversion


class DiskIndex:
    """A map of strings kept in SQLite (memory stays flat however many keys), or in memory.

    The index lives for one run and is never read by anyone else, so it is one transaction
    that is never committed: no write reaches the file until SQLite's page cache is full.
    """

    def __init__(self, path: str | os.PathLike[str] = ":memory:") -> None:
        """Open a new index at ``path``."""
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-1024")  # KiB: pages beyond it go to the file
        self.db.execute("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
        self.db.execute("BEGIN")

    def setdefault(self, key: str, value: str) -> str | None:
        """Store ``value`` unless ``key`` is there; return the value already there, or None."""
        cursor = self.db.execute("INSERT OR IGNORE INTO kv VALUES (?, ?)", (key, value))
        if cursor.rowcount:
            return None
        row = self.db.execute("SELECT v FROM kv WHERE k = ?", (key,)).fetchone()
        return str(row[0])

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def iter_tasks(
    inputs: Iterable[str],
    pattern: str = "*.md",
    exclude: str | os.PathLike[str] | None = None,
    seen: DiskIndex | None = None,
) -> Iterator[ArticleTask]:
    """Yield the articles of ``inputs`` in order, reading nothing but JSON Lines files."""
    excluded = os.path.realpath(exclude) if exclude is not None else None
    seen = seen if seen is not None else DiskIndex()
    number = 0
    for name in inputs:
        for path, error in _expand(name, pattern, excluded):
            if error is None and seen.setdefault(os.path.realpath(path), path) is not None:
                continue
            if error is None and path.lower().endswith(JSONL_SUFFIXES) and os.path.isfile(path):
                for task in jsonl_tasks(path, number + 1):
                    number = task.number
                    yield task
                continue
            number += 1
            yield ArticleTask(number, path, path, error=error)


def _expand(
    name: str, pattern: str, excluded: str | None
) -> Iterator[tuple[str, Diagnostic | None]]:
    """The files an input names: itself, or the matching files below a folder."""
    if not os.path.isdir(name):
        yield name, None
        return
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(name, onerror=errors.append):
        while errors:
            exc = errors.pop()
            where = exc.filename or folder
            yield str(where), Diagnostic(str(where), 1, 1, f"cannot read folder: {exc.strerror}")
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) != excluded
        )
        for file in sorted(files):
            if file.startswith("."):
                continue
            path = os.path.join(folder, file)
            rel = Path(os.path.relpath(path, name)).as_posix()
            if fnmatchcase(rel if "/" in pattern else file, pattern):
                yield path, None
    while errors:
        exc = errors.pop()
        where = str(exc.filename or name)
        yield where, Diagnostic(where, 1, 1, f"cannot read folder: {exc.strerror}")


def jsonl_tasks(path: str, first_number: int = 1) -> Iterator[ArticleTask]:
    """The records of a JSON Lines file, one task a non-blank line, numbered from ``first``."""
    number = first_number
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below; the generator reads lazily
    except OSError as exc:
        message = f"cannot read file: {exc.strerror or exc}"
        yield ArticleTask(number, path, path, error=Diagnostic(path, 1, 1, message))
        return
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            line = raw.rstrip(b"\r\n")
            if not line.strip():
                continue
            source = f"{path}#{lineno}"
            try:
                title, text = _record(line, path, lineno)
            except InputError as exc:
                error = Diagnostic(path, exc.line, exc.column, exc.reason)
                yield ArticleTask(number, path, source, error=error)
            else:
                yield ArticleTask(number, path, source, title=title, text=text)
            number += 1


def _record(line: bytes, path: str, lineno: int) -> tuple[str | None, str]:
    """Decode one JSON Lines record into (title, text), raising a located InputError."""
    try:
        decoded = decode_source(line, path)
    except InputError as exc:
        raise InputError(exc.reason, path, lineno, exc.column) from None
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path, lineno, exc.colno) from None
    if not isinstance(record, dict):
        raise InputError("a record must be a JSON object", path, lineno, 1)
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError('a record needs a "text" string', path, lineno, 1)
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        raise InputError('"title" must be a string', path, lineno, 1)
    return title, text
