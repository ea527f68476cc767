"""Exceptions raised by wikiconv; every input error knows where it happened."""

from __future__ import annotations


class WikiconvError(Exception):
    """Base class of every error wikiconv raises on purpose."""


class InputError(WikiconvError):
    """Input that cannot be converted, located as ``FILE:LINE:COL: reason``."""

    def __init__(self, reason: str, source_name: str = "<string>", line: int = 1, column: int = 1):
        super().__init__(f"{source_name}:{line}:{column}: {reason}")
        self.reason = reason
        self.source_name = source_name
        self.line = line
        self.column = column
