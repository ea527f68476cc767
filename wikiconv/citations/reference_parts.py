"""A reference's tail cut into parts: sentences, comma pieces and special tokens.

A part is one special token (a quoted or italic title, a Markdown link, a parenthesised year)
or a run of plain tokens up to a stop; each part knows its sentence, so that a title can run
to the end of its sentence.  The cleaners strip what a part carries from its punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass

from wikiconv.citations.dates import month_number
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.lexicon import lexicon
from wikiconv.citations.memo import per_reference
from wikiconv.citations.reference_tokens import Tok, inner, is_abbreviation, is_site


@dataclass(slots=True)
class Part:
    """A run of tokens: one special token (title, link, paren group) or plain text to a stop."""

    kind: str  # "QUOTED", "SQUOTED", "ITALIC", "MDLINK", "PAREN_YEAR" (head only) or "plain"
    toks: list[Tok]
    text: str
    stop: str = ""  # punctuation that ended it: "." "," ";" "?" or ""
    sentence: int = 0


def _is_month_day(prev: Tok, nxt: Tok) -> bool:
    """A day number with its ordinal period followed by a month name ("15. Juni")."""
    if not prev.text.isdigit() or not 1 <= int(prev.text) <= 31 or nxt.type != "WORD":
        return False
    return month_number(nxt.text) is not None


def _is_boundary(toks: list[Tok], j: int, first: int, stop: int) -> bool:
    """Does the PERIOD at ``j`` end a sentence (not an abbreviation or ordinal)?

    Only ``toks[first:stop]`` are seen: the token at ``first`` has no predecessor.
    """
    tok = toks[j]
    if not tok.space_after and j + 1 < stop:
        return False
    if j == first:
        return True
    prev = toks[j - 1]
    if prev.end != tok.start:
        return True
    nxt = toks[j + 1] if j + 1 < stop else None
    if is_abbreviation(prev) and nxt is not None and nxt.type not in ("QUOTED", "ITALIC"):
        return False  # "Proc. IEEE", "Comm. of the ACM", "N Engl J Med. 2002;…" continue
    if prev.type == "NUMBER" and prev.text[-2:] in ("st", "nd", "rd", "th"):
        return False
    if prev.type == "NUMBER" and nxt is not None and _is_month_day(prev, nxt):
        return False  # German "15. Juni 2023": an ordinal day before its month
    # "Ph.D. thesis", "Stability.Ai": a dotted word that is no domain is an abbreviation
    return not (prev.type == "DOTTED" and not is_site(prev.text))


_TITLE_LIKE = frozenset({"QUOTED", "SQUOTED", "ITALIC", "MDLINK"})
_SENTENCE_STOPS = frozenset({".", ";", "?", "!"})


def split_parts(
    text: str, toks: list[Tok], start: int, head: bool = True, until: int | None = None
) -> list[Part]:
    """Cut ``toks[start:until]`` into parts at sentence stops, commas and special tokens.

    The head (``head``) follows the author list, and a parenthesised year first in it is a
    part of its own; a tail (not ``head``) is read as if it were all there is, its first token
    without a predecessor.
    """
    parts: list[Part] = []
    sentence = 0
    run: list[Tok] = []
    end = len(toks) if until is None else until
    first = 0 if head else start
    for j in range(start, end):
        tok = toks[j]
        kind = tok.type
        if kind in _TITLE_LIKE or (kind == "PAREN_YEAR" and head and not parts and not run):
            stop = ""
        elif kind == "PERIOD":
            if not _is_boundary(toks, j, first, end):
                run.append(tok)
                continue
            stop = "."
        elif kind == "COMMA":
            stop = ","
        elif kind == "SEMI":
            stop = ";"
        elif kind in ("QMARK", "EXCL") and tok.space_after:
            run.append(tok)
            stop = "?"
        else:
            run.append(tok)
            continue
        # end the current run at the stop (or before the special token)
        if run:
            parts.append(Part("plain", run, text[run[0].start : run[-1].end], stop, sentence))
            run = []
        elif parts and stop and not parts[-1].stop:
            parts[-1].stop = stop
        if stop in _SENTENCE_STOPS:
            sentence += 1
        if not stop:  # a special token stands alone as a part
            body = inner(tok)
            parts.append(Part(kind, [tok], body.strip(), "", sentence))
            if kind != "PAREN_YEAR" and body.rstrip().endswith((".", "?", "!")):
                sentence += 1
    if run:
        parts.append(Part("plain", run, text[run[0].start : run[-1].end], "", sentence))
    return parts


_LEAD_PUNCT = lazy_re(r"^[\s,;:.\-–—]+")
_TRAIL_PUNCT = lazy_re(r"[\s,;:\-–—]+$")
_KEPT_PERIOD = lazy_re(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|Corp|Jr|St|Proc|Conf|al))\.$")
_LAST_WORD = lazy_re(r"(\w+)\.$")
_CAPITAL = lazy_re(r"[A-Z]")
_ELLIPSIS_OR_AL = lazy_re(r"(?:\.\.|\bal)\.$")


@per_reference
def clean(text: str) -> str:
    """Trim the punctuation around a piece, a final period and enclosing parentheses."""
    text = text.strip()
    text = _LEAD_PUNCT.sub("", text)
    text = _TRAIL_PUNCT.sub("", text)
    if text.endswith(".") and not _KEPT_PERIOD.search(text):
        text = text[:-1].rstrip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text


@per_reference
def strip_title(text: str) -> str:
    """Trim a title's trailing punctuation, keeping an abbreviation's period ("Proc. IEEE.")."""
    text = text.strip()
    while text and text[-1] in ",;:":
        text = text[:-1].rstrip()
    last = _LAST_WORD.search(text) if text.endswith(".") else None
    if last and (last.group(1) in lexicon().abbreviations or _CAPITAL.fullmatch(last.group(1))):
        return text  # "J. Basic Eng.", "Proc. IEEE Conf." keep their abbreviating period
    if text.endswith(".") and not _ELLIPSIS_OR_AL.search(text):
        text = text[:-1]
    return text.strip()
