"""Inline wikitext as pieces, and the one place where neighbouring pieces are reconciled.

The writer renders inline content as a flat list of *pieces*: a string and its kind (text,
markup, an emphasis opener or closer, a wiki link, a line break, or something MediaWiki
removes before it reads markup).  :func:`join_pieces` glues them, neutralising markup that
forms only where two pieces meet.
"""

from __future__ import annotations

from collections.abc import Sequence

from wikiconv.writers import wikitext_escape as esc

TEXT, MARKUP, WIKILINK, BREAK = "text", "markup", "wikilink", "break"
OPEN, CLOSE = "open", "close"  # emphasis markers
INVISIBLE = "invisible"  # removed by MediaWiki before it reads markup: comments, switches
Piece = tuple[str, str]


def join_pieces(pieces: Sequence[Piece], line_start: bool) -> str:
    """Glue pieces, neutralising markup formed where two pieces meet.

    Invisible pieces (comments, behaviour switches, categories) are looked through:
    MediaWiki removes them before it reads apostrophes, brackets and line starts.
    """
    out: list[str] = []
    kinds: list[str] = []
    last = -1  # index in ``out`` of the last visible piece
    for s, kind in pieces:
        if not s:
            continue
        if kind == INVISIBLE:
            out.append(s)
            kinds.append(kind)
            continue
        if last >= 0:
            prev, prev_kind = out[last], kinds[last]
            if esc.joins_markup(prev, s):
                if prev_kind == TEXT:
                    out[last] = prev[:-1] + esc.boundary_entity(prev[-1])
                elif kind == TEXT:
                    s = esc.boundary_entity(s[0]) + s[1:]
                elif not _five_apostrophes(prev, prev_kind, s, kind):
                    s = "<nowiki/>" + s
            elif prev_kind == WIKILINK and kind == TEXT and esc.would_join_link_trail(s):
                s = "<nowiki/>" + s
        if kind == TEXT and line_start:
            s = esc.escape_line_start(s)
        last = len(out)
        out.append(s)
        kinds.append(kind)
        line_start = kind == BREAK
    return "".join(out)


def _five_apostrophes(left: str, left_kind: str, right: str, right_kind: str) -> bool:
    """Italic opening bold, or bold closing italic: MediaWiki's five-apostrophe idiom."""
    opening = left == "''" and right == "'''" and left_kind == right_kind == OPEN
    closing = left == "'''" and right == "''" and left_kind == right_kind == CLOSE
    return opening or closing
