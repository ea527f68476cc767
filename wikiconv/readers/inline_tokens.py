"""The inline tokens of ``grammar/inline.lark`` as one scanner regex.

The grammar is loaded once with ``parser="lalr"`` (tables cached on disk); its terminals,
in Lark's own priority order, form one regex matched from any offset, so the inline pass
can jump over a link destination or a template in O(1). ``Lark.lex`` gives the same
tokens (a test checks that).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from lark import Lark


@lru_cache(maxsize=1)
def inline_grammar() -> Lark:
    """The inline token grammar, loaded once per process (LALR, cached on disk)."""
    return Lark.open_from_package(
        "wikiconv.grammar", "inline.lark", ("",), parser="lalr", cache=True
    )


# Terminals of MediaWiki markup that plain CommonMark reads as other tokens instead
# (``__NOTOC__`` as underscores and text, ``<ref>``/``<nowiki>`` as raw HTML).
_WIKI_TERMINALS = frozenset(
    {"MAGIC_WORD", "REF_OPEN", "REF_EMPTY", "REF_CLOSE", "NOWIKI_OPEN", "NOWIKI_EMPTY"}
)


@lru_cache(maxsize=2)
def scanner(extensions: bool = True) -> Callable[[str, int], re.Match[str] | None]:
    """One regex of all terminals, ordered exactly as Lark's basic lexer orders them."""
    terms = sorted(
        (t for t in inline_grammar().terminals if extensions or t.name not in _WIKI_TERMINALS),
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    return re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terms)).match


def iter_tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(terminal name, value, offset) of each inline token, for tests and debugging."""
    scan, pos = scanner(), 0
    while pos < len(text):
        m = scan(text, pos)
        assert m is not None and m.lastgroup is not None  # OTHER matches any character
        yield m.lastgroup, m.group(), pos
        pos = m.end()
