"""A JSON-lines journal that lets an interrupted upload resume without repeating edits.

Every page gets a ``pending`` line (fsynced) before its edit is sent and a ``done``, ``skipped``
or ``failed`` line (fsynced) after. The last line for a (wiki, title) pair is its state::

    {"api": "https://wiki.example.org/w/api.php", "title": "Runway", "sha1": "…",
     "state": "done", "revid": 1234, "reason": null, "time": "2024-05-01T12:00:00Z"}

A torn last line (the process died while writing it) is ignored. The file is locked while an
upload uses it, so two uploads cannot share one journal.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

from wikiconv.errors import WikiconvError

State = Literal["pending", "done", "skipped", "failed"]
STATES: tuple[str, ...] = ("pending", "done", "skipped", "failed")
FINISHED: tuple[str, ...] = ("done", "skipped")
DEFAULT_NAME = "wikiconv-upload.jsonl"


class JournalError(WikiconvError):
    """The journal cannot be opened, or another upload holds it."""


def text_sha1(text: str) -> str:
    """The hex SHA-1 of ``text`` in UTF-8."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class JournalEntry:
    """One line of the journal: the state of one page's upload to one wiki."""

    api: str
    title: str
    sha1: str
    state: str
    revid: int | None = None
    reason: str | None = None
    time: str = ""


class Journal:
    """The upload journal at ``path`` for the wiki at ``api_url``; use it as a context manager."""

    def __init__(self, path: str | os.PathLike[str], api_url: str) -> None:
        """Name the journal file; nothing is read or written until :meth:`open`."""
        self.path = Path(path)
        self.api_url = api_url
        self.entries: dict[str, JournalEntry] = {}
        self.damaged_lines = 0
        self._file: IO[str] | None = None

    def __enter__(self) -> Journal:
        """Open the journal."""
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the journal."""
        self.close()

    def open(self) -> Journal:
        """Lock the journal, read what earlier runs recorded for this wiki, open it to append."""
        created = not self.path.exists()
        try:
            self._file = open(self.path, "a+", encoding="utf-8", newline="\n")  # noqa: SIM115
        except OSError as exc:
            raise JournalError(f"cannot open journal {self.path}: {exc.strerror}") from None
        try:
            import fcntl

            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            self.close()
            raise JournalError(f"journal {self.path} is in use by another upload") from None
        self._file.seek(0)
        content = self._file.read()
        for line in content.splitlines():
            self._load_line(line)
        if content and not content.endswith("\n"):
            self._file.write("\n")  # finish a torn line so the next entry starts cleanly
            self._sync()
        if created:
            _fsync_dir(self.path.parent)
        return self

    def _load_line(self, line: str) -> None:
        """Take one journal line into ``entries`` (last one wins); count damaged lines."""
        if not line.strip():
            return
        try:
            entry = JournalEntry(**json.loads(line))
        except (ValueError, TypeError):
            self.damaged_lines += 1
            return
        if entry.api == self.api_url and entry.state in STATES:
            self.entries[entry.title] = entry

    def close(self) -> None:
        """Release the lock and close the file."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def _sync(self) -> None:
        """Flush and fsync the journal file."""
        assert self._file is not None
        self._file.flush()
        os.fsync(self._file.fileno())

    def last(self, title: str) -> JournalEntry | None:
        """The latest entry for ``title`` on this wiki, or None."""
        return self.entries.get(title)

    def finished(self, title: str, sha1: str) -> bool:
        """True when this exact text of ``title`` is already done or skipped."""
        entry = self.entries.get(title)
        return entry is not None and entry.sha1 == sha1 and entry.state in FINISHED

    def interrupted(self, title: str, sha1: str) -> bool:
        """True when an earlier run died between sending this text and recording the outcome."""
        entry = self.entries.get(title)
        return entry is not None and entry.sha1 == sha1 and entry.state == "pending"

    def record(
        self,
        title: str,
        sha1: str,
        state: State,
        revid: int | None = None,
        reason: str | None = None,
    ) -> JournalEntry:
        """Append one entry and fsync it before returning."""
        if self._file is None:
            raise JournalError(f"journal {self.path} is not open")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        entry = JournalEntry(self.api_url, title, sha1, state, revid, reason, stamp)
        self._file.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        self._sync()
        self.entries[title] = entry
        return entry


def _fsync_dir(directory: Path) -> None:
    """Fsync a directory so a newly created file in it survives a crash."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
