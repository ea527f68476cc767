"""The parts store: every article's result, kept by key so a resumed run can take it.

One SQLite file (``parts.sqlite`` in the run's ``.parts/`` folder) in WAL mode, shared by the
worker processes, which keep their own results, and read kept ones when a run is resumed. A
result is one row; a worker writes the rows of a chunk in one transaction, so a killed run never
leaves half a result, and a chunk costs a few appended pages and one lock, where a file per
result cost a create, a write and a rename. Nothing is synced: the store is a cache of work
that a crash only makes redo (a result that cannot be read is converted again).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

PARTS_DB = "parts.sqlite"
_BUSY_SECONDS = 60.0  # how long a writer waits for another one
# The open stores, by folder and thread. A connection is used by the thread that opened it
# (Dask runs tasks on threads) and never across a fork: a forked process opens its own.
_OPEN: dict[tuple[str, int], tuple[int, PartStore]] = {}
_INHERITED: list[PartStore] = []  # kept from a parent process: never used, never closed


class PartStore:
    """A connection to the parts store in a folder."""

    def __init__(self, folder: str | os.PathLike[str], create: bool = False) -> None:
        """Open the store in ``folder``; ``create`` makes it (WAL mode, the table) if need be."""
        self.db = sqlite3.connect(
            Path(folder) / PARTS_DB,
            timeout=_BUSY_SECONDS,
            isolation_level=None,
            check_same_thread=False,  # used by one thread, but closed by the run's
        )
        self.db.execute("PRAGMA synchronous=OFF")
        if create:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS parts (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID"
            )

    def get(self, key: str) -> str | None:
        """The result kept under ``key`` (as JSON), or None."""
        row = self.db.execute("SELECT v FROM parts WHERE k = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, items: list[tuple[str, str]]) -> None:
        """Keep results (key, JSON), replacing any kept before, in one transaction."""
        with self.db:  # BEGIN ... COMMIT (ROLLBACK on an error)
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO parts VALUES (?, ?)", items)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()


def store(folder: str | os.PathLike[str]) -> PartStore:
    """This thread's connection to the store in ``folder`` (opened at the first call)."""
    slot = (os.fspath(folder), threading.get_ident())
    entry = _OPEN.get(slot)
    if entry is not None and entry[0] == os.getpid():
        return entry[1]
    if entry is not None:
        _INHERITED.append(entry[1])
    opened = PartStore(slot[0])
    _OPEN[slot] = (os.getpid(), opened)
    return opened


def prepare(folder: str | os.PathLike[str]) -> bool:
    """Create the store before worker processes open it (so they never race to create it).

    A store that cannot be read (a crash of the machine can corrupt it, as nothing is synced)
    is deleted and made anew; the return value says so, and its results are converted again.
    """
    try:
        opened = PartStore(folder, create=True)
        try:
            opened.db.execute("PRAGMA quick_check").fetchall()
        finally:
            opened.close()
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal", "-shm"):
            Path(folder, PARTS_DB + suffix).unlink(missing_ok=True)
        PartStore(folder, create=True).close()
        return False
    return True


def close_stores() -> None:
    """Close the stores this process opened (at the end of a run)."""
    for slot, (pid, opened) in list(_OPEN.items()):
        if pid == os.getpid():
            opened.close()
            del _OPEN[slot]
