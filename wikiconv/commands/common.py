"""What every subcommand shares: reading inputs, reporting warnings, exit statuses."""

from __future__ import annotations

import sys

from wikiconv.fileio import decode_source, read_source

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def read_input(name: str) -> tuple[str, str]:
    """The text of an input (``-`` is stdin) and the name to report it by."""
    if name == "-":
        return decode_source(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    return read_source(name), name
