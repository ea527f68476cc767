"""Blank out parenthesised and quoted stretches of a sentence, keeping offsets."""

from __future__ import annotations

import re


def mask(text: str) -> str:
    """Blank out parenthesised and double-quoted stretches (same length) so cuts skip them."""
    if not _MASKED_RE.search(text):
        return text
    pieces: list[str] = []
    done = 0  # text before ``done`` is in ``pieces``
    blank_from = -1  # where the current blanked stretch began, -1 outside one
    depth = 0
    quoted = False
    for found in _MASKED_RE.finditer(text):
        i = found.start()
        ch = text[i]
        opening = ch == "(" or ch == "“" or (ch == '"' and not quoted)
        if ch == "(":
            depth += 1
        elif ch in '“"' and opening:
            quoted = True
        if (depth or quoted) and blank_from < 0:
            pieces.append(text[done:i])
            blank_from = i
        if ch == ")" and depth:
            depth -= 1
        elif (ch == "”" or (ch == '"' and not opening)) and quoted:
            quoted = False
        if not (depth or quoted) and blank_from >= 0:  # blanked up to and including ``i``
            pieces.append("\x00" * (i + 1 - blank_from))
            done, blank_from = i + 1, -1
    if blank_from >= 0:
        pieces.append("\x00" * (len(text) - blank_from))
    else:
        pieces.append(text[done:])
    return "".join(pieces)


_MASKED_RE = re.compile('[()“”"]')
