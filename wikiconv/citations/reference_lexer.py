"""The lexer of ``grammar/reference.lark``, run quickly and exactly as Lark runs it.

The grammar is loaded by Lark (LALR, tables cached between runs) and only its lexer is used.
Lark's basic lexer tries every terminal, in its priority order, at each position and takes the
first that matches; ``Lark.lex`` also builds a new lexer on every call.  Here the lexer is
built once, and at each position only the terminals that can *start* with the character there
are tried, still in Lark's order.  A terminal that cannot start with that character cannot
match, so leaving it out never changes which terminal wins: the tokens are Lark's own.

Which characters a terminal can start with is read from its regular expression (``re``'s
parser); anything the reading does not understand counts as "any character", which only
makes the test weaker, never wrong.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from copy import copy
from functools import cache
from typing import Any

Lexeme = tuple[str, str, int, int]  # terminal name, text, start, end
_Pred = Callable[[str], bool]

try:  # Python 3.11+
    _c: Any = importlib.import_module("re._constants")
    _p: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    _c = importlib.import_module("sre_constants")
    _p = importlib.import_module("sre_parse")

_CATEGORIES: dict[str, _Pred] = {
    "CATEGORY_DIGIT": str.isdecimal,
    "CATEGORY_NOT_DIGIT": lambda ch: not ch.isdecimal(),
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_NOT_SPACE": lambda ch: not ch.isspace(),
    "CATEGORY_WORD": lambda ch: ch.isalnum() or ch == "_",
    "CATEGORY_NOT_WORD": lambda ch: not (ch.isalnum() or ch == "_"),
}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


class _Unknown(Exception):
    """A construct whose first characters are not worked out: any character may start it."""


def _is_char(code: int) -> _Pred:
    """The test for one character."""
    return lambda ch: ord(ch) == code


def _in_range(lo: int, hi: int) -> _Pred:
    """The test for a range of characters."""
    return lambda ch: lo <= ord(ch) <= hi


def _char_set(items: Iterable[tuple[Any, Any]]) -> _Pred:
    """The test for one ``[...]`` set."""
    negate = False
    tests: list[_Pred] = []
    for op, arg in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            tests.append(_is_char(arg))
        elif op is _c.RANGE:
            tests.append(_in_range(arg[0], arg[1]))
        elif op is _c.CATEGORY and str(arg) in _CATEGORIES:
            tests.append(_CATEGORIES[str(arg)])
        else:
            raise _Unknown
    if negate:
        return lambda ch: not any(t(ch) for t in tests)
    return lambda ch: any(t(ch) for t in tests)


def _first(seq: Iterable[tuple[Any, Any]], flags: int) -> tuple[list[_Pred], bool]:
    """Tests for the characters a sequence can start with, and whether it can match empty."""
    tests: list[_Pred] = []
    for op, arg in seq:
        if op in _ZERO_WIDTH:
            continue  # a look-around or anchor only narrows what may start here
        if flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
            raise _Unknown
        if op is _c.LITERAL:
            return [*tests, _is_char(arg)], False
        if op is _c.IN:
            return [*tests, _char_set(arg)], False
        if op is _c.SUBPATTERN:
            found, empty = _first(arg[3], (flags | arg[1]) & ~arg[2])
        elif op is _c.BRANCH:
            found, empty = [], False
            for alternative in arg[1]:
                more, maybe = _first(alternative, flags)
                found += more
                empty = empty or maybe
        elif op in _REPEATS:
            found, empty = _first(arg[2], flags)
            empty = empty or arg[0] == 0
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            found, empty = _first(arg, flags)
        else:
            raise _Unknown
        tests += found
        if not empty:
            return tests, False
    return tests, True


def first_chars(regexp: str, flags: int = 0) -> _Pred | None:
    """A test for the characters a match of ``regexp`` can start with (None: any)."""
    try:
        parsed = _p.parse(regexp, flags)
        tests, empty = _first(parsed, parsed.state.flags)
    except (_Unknown, re.error, AttributeError, TypeError, ValueError):
        return None
    if empty:
        return None
    return lambda ch: any(t(ch) for t in tests)


class Lexer:
    """Lark's basic lexer for one grammar, with its terminals chosen by the first character."""

    def __init__(self, terminals: list[Any], flags: int, ignore: frozenset[str]) -> None:
        """Hold the terminals in Lark's priority order; ``ignore`` names the skipped ones."""
        self.names = [t.name for t in terminals]
        self.regexps = [t.pattern.to_regexp() for t in terminals]
        self.tests = [first_chars(r, flags) for r in self.regexps]
        self.flags = flags
        self.ignore = ignore
        self._by_char: dict[str, Callable[[str, int], re.Match[str] | None]] = {}
        self._by_set: dict[tuple[int, ...], Callable[[str, int], re.Match[str] | None]] = {}

    def _matcher(self, ch: str) -> Callable[[str, int], re.Match[str] | None]:
        """The pattern of the terminals that may start with ``ch``, in Lark's order."""
        chosen = tuple(i for i, test in enumerate(self.tests) if test is None or test(ch))
        match = self._by_set.get(chosen)
        if match is None:
            alternatives = (f"(?P<{self.names[i]}>{self.regexps[i]})" for i in chosen)
            match = self._by_set[chosen] = re.compile("|".join(alternatives), self.flags).match
        self._by_char[ch] = match
        return match

    def lex(self, text: str) -> list[Lexeme] | None:
        """The tokens of ``text`` (ignored ones left out); None where no terminal matches."""
        out: list[Lexeme] = []
        pos, n = 0, len(text)
        by_char, ignore = self._by_char, self.ignore
        while pos < n:
            ch = text[pos]
            m = (by_char.get(ch) or self._matcher(ch))(text, pos)
            if m is None:
                return None
            end = m.end()
            kind = m.lastgroup or ""
            if kind not in ignore:
                out.append((kind, m.group(), pos, end))
            pos = end
        return out


@cache
def grammar() -> Any:
    """The reference grammar: LALR, with its tables cached by Lark between runs."""
    from lark import Lark

    return Lark.open_from_package("wikiconv.grammar", "reference.lark", parser="lalr", cache=True)


@cache
def lexer() -> Lexer | None:
    """The quick lexer, or None when this Lark's lexer is not the plain one it mirrors."""
    from lark.lexer import BasicLexer

    conf = copy(grammar().lexer_conf)
    conf.skip_validation = True  # the grammar was checked when its tables were built
    basic = BasicLexer(conf)
    scanner = getattr(basic, "scanner", None)  # builds the terminal order and callbacks
    terminals = list(getattr(basic, "terminals", ()))
    plain = (
        scanner is not None
        and not getattr(basic, "callback", True)
        and not conf.postlex
        and getattr(scanner, "allowed_types", None) == {t.name for t in terminals}
    )
    return Lexer(terminals, conf.g_regex_flags, frozenset(conf.ignore)) if plain else None


def lark_lex(text: str) -> list[Lexeme]:
    """The tokens of ``text`` from ``Lark.lex`` itself (slow: a new lexer per call)."""
    out = []
    for t in grammar().lex(text):
        start = t.start_pos or 0
        out.append((t.type, str(t.value), start, t.end_pos or start + len(t.value)))
    return out


def lex(text: str) -> list[Lexeme]:
    """The tokens of ``text`` as ``Lark.lex`` gives them, whitespace left out."""
    quick = lexer()
    found = quick.lex(text) if quick is not None else None
    return found if found is not None else lark_lex(text)
