"""The typed pieces of a reference string, as cut by ``grammar/reference.lark``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lark import Lark

from wikiconv.citations.lexicon import fold, lexicon

# Tokens that stand alone as a part of a reference (a title, a date group, a link).
SPECIAL = frozenset({"QUOTED", "SQUOTED", "ITALIC", "MDLINK", "PAREN_YEAR"})


@dataclass(slots=True)
class Tok:
    """One token: its terminal name, text, offsets in the reference, and a following space."""

    type: str
    text: str
    start: int
    end: int
    space_after: bool

    @property
    def word(self) -> str:
        """The token folded for look-ups."""
        return fold(self.text)


@cache
def _parser() -> Lark:
    return Lark.open_from_package("wikiconv.grammar", "reference.lark", parser="lalr", cache=True)


def tokenize(text: str) -> list[Tok]:
    """Cut ``text`` into tokens (whitespace dropped, remembered as ``space_after``)."""
    toks: list[Tok] = []
    n = len(text)
    for t in _parser().lex(text):
        start = t.start_pos or 0
        end = t.end_pos or start + len(t.value)
        toks.append(Tok(t.type, str(t.value), start, end, end >= n or text[end].isspace()))
    return toks


def inner(tok: Tok) -> str:
    """The text inside a quoted, italic or linked token, without its delimiters."""
    text = tok.text
    if tok.type == "MDLINK":
        return text[1 : text.index("](")]
    if tok.type == "ITALIC":
        return text[2:-2] if text.startswith("''") else text[1:-1]
    if tok.type == "QUOTED" and text.startswith("``"):
        return text[2:-2]
    if tok.type in ("QUOTED", "SQUOTED", "PAREN_YEAR"):
        return text[1:-1]
    return text


def link_url(tok: Tok) -> str:
    """The destination of a Markdown link token."""
    return tok.text[tok.text.index("](") + 2 : -1]


def is_capitalised(tok: Tok) -> bool:
    """A word starting with an upper-case letter."""
    return tok.type == "WORD" and tok.text[:1].isupper()


def is_abbreviation(tok: Tok) -> bool:
    """A word that takes an abbreviating period ("Proc", "Trans", "vol", "St")."""
    return tok.type == "WORD" and tok.text in lexicon().abbreviations


def is_site(text: str) -> bool:
    """Tell whether ``text`` looks like a website name ("runwayml.com", "bbc.co.uk/news")."""
    host = text.split("/", 1)[0].lower().rstrip(".")
    if "." not in host or " " in host:
        return False
    labels = host.split(".")
    suffixes = lexicon().site_suffixes
    return ".".join(labels[-2:]) in suffixes or labels[-1] in suffixes
