"""Diagnostics: what a reader or writer could not do faithfully, and where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wikiconv.model import Pos

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A message about the input at ``pos``: an error, a warning, or a note (a guess made)."""

    message: str
    pos: Pos | None = None
    severity: Severity = "warning"

    def format(self, source_name: str) -> str:
        """The diagnostic as ``FILE:LINE:COL: severity: message``."""
        line, col = (self.pos.line, self.pos.column) if self.pos else (1, 1)
        return f"{source_name}:{line}:{col}: {self.severity}: {self.message}"
