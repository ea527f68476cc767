"""What every subcommand shares: reading inputs, reporting warnings, exit statuses."""

from __future__ import annotations

import sys

from wikiconv.diagnostics import Diagnostic, Severity
from wikiconv.fileio import decode_source, read_source
from wikiconv.model import Pos

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def read_input(name: str) -> tuple[str, str]:
    """The text of an input (``-`` is stdin) and the name to report it by."""
    if name == "-":
        return decode_source(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    return read_source(name), name


def print_diagnostic(
    source: str, pos: Pos | None, message: str, kind: Severity = "warning"
) -> None:
    """Print one diagnostic to stderr as ``FILE:LINE:COL: kind: message``."""
    print(Diagnostic(message, pos, kind).format(source), file=sys.stderr)
