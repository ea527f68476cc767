"""Reading sources strictly and writing outputs atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from wikiconv.errors import InputError


def decode_source(data: bytes, source_name: str = "<string>") -> str:
    """Decode UTF-8 input, refusing binary data and locating any invalid byte."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _locate(data, nul)
        raise InputError("NUL byte: this looks like a binary file", source_name, line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _locate(data, exc.start)
        reason = f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); convert the file to UTF-8"
        raise InputError(reason, source_name, line, column) from None
    return text[1:] if text.startswith("\ufeff") else text


def _locate(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and character column of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def read_source(path: str | os.PathLike[str]) -> str:
    """Read and decode one input file; unreadable files become an :class:`InputError`."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path), 1, 1) from None
    return decode_source(data, str(path))


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write text to ``path`` through a temporary file and a rename, so no reader sees half."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
