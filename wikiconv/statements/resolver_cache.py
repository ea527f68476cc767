"""The resolver's SQLite cache of sitelink lookups, keyed by (API URL, site, title)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class TitleLookup:
    """The outcome of looking up one page title: its QID, or ``None`` and the reason."""

    title: str
    qid: str | None
    reason: str = ""
    resolved_title: str = ""  # the title the sitelink has (after normalisation or a redirect)


def default_cache_path() -> Path:
    """Return the default cache file, ``~/.cache/wikiconv/resolver.sqlite3``."""
    return Path.home() / ".cache" / "wikiconv" / "resolver.sqlite3"


class ResolverCache:
    """SQLite cache of title lookups keyed by (API URL, site, title)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS sitelink ("
            " api TEXT NOT NULL, site TEXT NOT NULL, title TEXT NOT NULL,"
            " qid TEXT, reason TEXT NOT NULL, resolved_title TEXT NOT NULL,"
            " fetched REAL NOT NULL, PRIMARY KEY (api, site, title))"
        )
        self._db.commit()

    def get(self, api: str, site: str, title: str) -> tuple[TitleLookup, float] | None:
        """Return a cached lookup and when it was fetched, or ``None``."""
        row = self._db.execute(
            "SELECT qid, reason, resolved_title, fetched FROM sitelink"
            " WHERE api = ? AND site = ? AND title = ?",
            (api, site, title),
        ).fetchone()
        if row is None:
            return None
        return TitleLookup(title, row[0], row[1], row[2]), float(row[3])

    def put_many(self, api: str, site: str, lookups: Iterable[TitleLookup]) -> None:
        """Store lookups in one transaction."""
        now = time.time()
        rows = [(api, site, x.title, x.qid, x.reason, x.resolved_title, now) for x in lookups]
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO sitelink VALUES (?, ?, ?, ?, ?, ?, ?)", rows
            )

    def close(self) -> None:
        """Close the database."""
        self._db.close()
