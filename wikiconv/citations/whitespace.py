"""Whitespace clean-up shared by the CS1 writer, the CSL writer and the identifier checks."""

from __future__ import annotations

from wikiconv.citations.lazy_re import lazy_re

_CONTROL = lazy_re(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE_RUN = lazy_re(r"[^\S\u00a0\u2007\u202f]+")


def normalise_space(text: str) -> str:
    """Collapse whitespace runs to one space, drop control characters, trim the ends.

    No-break spaces are kept: they are content (``10\u00a0km``), not layout.
    """
    if text.isprintable():  # no control character, and no whitespace but the plain space
        return " ".join(text.split()) if "  " in text else text.strip(" ")
    return _SPACE_RUN.sub(" ", _CONTROL.sub("", text)).strip(" ")
