"""The typed pieces of a reference string, as cut by ``grammar/reference.lark``."""

from __future__ import annotations

from wikiconv.citations.lexicon import fold, lexicon
from wikiconv.citations.memo import per_reference
from wikiconv.citations.reference_lexer import lex

# Tokens that stand alone as a part of a reference (a title, a date group, a link).
SPECIAL = frozenset({"QUOTED", "SQUOTED", "ITALIC", "MDLINK", "PAREN_YEAR"})


class Tok:
    """One token: its terminal name, text, offsets in the reference, and a following space."""

    __slots__ = ("type", "text", "start", "end", "space_after", "_word")

    def __init__(self, type: str, text: str, start: int, end: int, space_after: bool) -> None:
        """Hold the token's fields; its folded form is computed on first use."""
        self.type = type
        self.text = text
        self.start = start
        self.end = end
        self.space_after = space_after
        self._word: str | None = None

    @property
    def word(self) -> str:
        """The token folded for look-ups."""
        word = self._word
        if word is None:
            word = self._word = fold(self.text)
        return word

    def _key(self) -> tuple[str, str, int, int, bool]:
        return (self.type, self.text, self.start, self.end, self.space_after)

    def __eq__(self, other: object) -> bool:
        """Tokens are equal when all their fields are."""
        return isinstance(other, Tok) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        """The token as its constructor call."""
        return (
            f"Tok(type={self.type!r}, text={self.text!r}, start={self.start}, "
            f"end={self.end}, space_after={self.space_after})"
        )


def tokenize(text: str) -> list[Tok]:
    """Cut ``text`` into tokens (whitespace dropped, remembered as ``space_after``)."""
    n = len(text)
    return [
        Tok(kind, value, start, end, end >= n or text[end].isspace())
        for kind, value, start, end in lex(text)
    ]


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


def is_abbreviation(tok: Tok) -> bool:
    """A word that takes an abbreviating period ("Proc", "Trans", "vol", "St")."""
    return tok.type == "WORD" and tok.text in lexicon().abbreviations


@per_reference
def is_site(text: str) -> bool:
    """Tell whether ``text`` looks like a website name ("runwayml.com", "bbc.co.uk/news")."""
    host = text.split("/", 1)[0].lower().rstrip(".")
    if "." not in host or " " in host:
        return False
    labels = host.split(".")
    suffixes = lexicon().site_suffixes
    return ".".join(labels[-2:]) in suffixes or labels[-1] in suffixes
