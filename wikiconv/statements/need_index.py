"""The strings a rule pattern's matches must contain, and which of them a sentence has.

A rule pattern is only tried on a sentence that has, for each set of strings its matches need
(:func:`literals`, read from the pattern's parse tree), one of them. Testing each string with
``in`` costs a Python step per string; instead :class:`NeedIndex` puts all the strings in a
trie-shaped regex that, at every offset of the (folded, :func:`fold`) sentence, captures the
longest string starting there. Every string the sentence contains is then a prefix of one
captured at the same offset, hence a substring of a captured one: the strings contained in
each string are listed once, so the result is exactly the strings ``in`` finds.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

# Sets of lower-case ASCII strings; every match contains one string of each set. The first set
# is the one patterns are indexed by; ``()``: nothing is known.
Needs = tuple[frozenset[str], ...]
REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_Trie = dict[str, "_Trie"]


def op_name(op: Any) -> str:
    """Return the name of an opcode of the standard library's regex parse tree."""
    return str(getattr(op, "name", ""))


def literals(tree: Any) -> Needs:
    """Return the sets of strings every match contains one of (``()``: unknown).

    Read from the parse tree: a run of literal characters in a sequence, a group, a repeat
    of at least one, a lookahead or lookbehind (not a negative one), a branch (the union of
    its branches' strings). The first set is the one with the longest shortest string; the
    others are those of two characters or more that it does not already imply.
    """
    try:
        best = _needed(tree)
        required = _required(tree)
    except Exception:  # a private API: without a tree, nothing is assumed
        return ()
    if not best:
        return ()
    out = [best]
    for found in sorted(set(required), key=lambda f: (len(f), sorted(f))):
        if min(map(len, found)) >= 2 and not any(kept <= found for kept in out):
            out.append(found)
    return tuple(out)


def _needed(items: Any) -> frozenset[str] | None:
    """Return the set of strings, one of which every match contains, whose shortest is longest."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in items:
        name = op_name(op)
        if name == "LITERAL" and isinstance(av, int) and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            consider(frozenset({"".join(run)}))
            run = []
        if name == "SUBPATTERN":
            consider(_needed(av[-1]))
        elif name == "ATOMIC_GROUP":
            consider(_needed(av))
        elif name in REPEATS and av[0] >= 1:
            consider(_needed(av[2]))
        elif name == "ASSERT":  # a lookaround's text is in the sentence too
            consider(_needed(av[1]))
        elif name == "BRANCH":
            branches = [_needed(branch) for branch in av[1]]
            if all(branches):
                consider(frozenset().union(*(b for b in branches if b)))
    if run:
        consider(frozenset({"".join(run)}))
    return best


def _required(items: Any) -> list[frozenset[str]]:
    """Return every set of strings one of which every match contains (as :func:`_needed`
    reads them, all of them rather than the best)."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        name = op_name(op)
        if name == "LITERAL" and isinstance(av, int) and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        if name == "SUBPATTERN":
            out += _required(av[-1])
        elif name == "ATOMIC_GROUP":
            out += _required(av)
        elif name in REPEATS and av[0] >= 1:
            out += _required(av[2])
        elif name == "ASSERT":
            out += _required(av[1])
        elif name == "BRANCH":
            branches = [_needed(branch) for branch in av[1]]
            if all(branches):
                out.append(frozenset().union(*(b for b in branches if b)))
    if run:
        out.append(frozenset({"".join(run)}))
    return out


_FOLD_SPECIAL = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """Lower-case text so that an ASCII string a case-insensitive regex matches in it (``in``)
    is found: the four non-ASCII characters that such a regex takes for an ASCII letter
    (İ ı ſ K) become that letter; no other non-ASCII character lower-cases to ASCII."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_SPECIAL).lower()


class NeedIndex:
    """Finds which of a fixed set of strings occur in a text (see the module docstring)."""

    __slots__ = ("inside", "scanner")

    def __init__(self, needs: frozenset[str]) -> None:
        ordered = sorted(needs)
        self.scanner = re.compile(f"(?=({_trie_source(ordered)}))") if ordered else None
        # each string with the strings (itself included) it contains
        self.inside: dict[str, tuple[str, ...]] = {
            need: tuple(other for other in ordered if other in need) for need in ordered
        }

    def found(self, text: str) -> set[str]:
        """Return the strings that occur in ``text`` (as ``need in text`` would say)."""
        if self.scanner is None:
            return set()
        inside = self.inside
        out: set[str] = set()
        for captured in set(self.scanner.findall(text)):
            out.update(inside[captured])
        return out


@lru_cache(maxsize=64)
def need_index(needs: frozenset[str]) -> NeedIndex:
    """Return the (shared) index of a set of strings."""
    return NeedIndex(needs)


def _trie_source(words: list[str]) -> str:
    """Return a regex matching, where one of ``words`` starts, the longest one starting there."""
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _node_source(root)


def _node_source(node: _Trie) -> str:
    """Return the regex of a trie node: a branch per next character, optional at a word end.

    The branches start with distinct characters, so at most one can go on; an optional group
    is greedy, so the longest word is tried first and a shorter one is kept only when every
    longer one fails.
    """
    branches = [re.escape(char) + _node_source(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# -- where a match can start ------------------------------------------------------------------

Lead = tuple[tuple[str, ...], int]  # strings one of which comes at most ``width`` after a start


def lead(tree: Any) -> Lead | None:
    """Return strings one of which every match has at most ``width`` characters after its
    start (``None``: not known). Read from the parse tree: items of bounded width, then a run
    of literal characters, a branch whose every alternative has a lead, or a group."""
    try:
        # the parser's own sequence class measures widths (re._parser, sre_parse before 3.11)
        parser = importlib.import_module(type(tree).__module__)
        found = _lead(tree, tree.state, type(tree), parser.MAXREPEAT)
    except Exception:  # a private API: without a tree, nothing is assumed
        return None
    if found is None:
        return None
    strings, width = found
    return tuple(sorted(strings)), width


def _lead(items: Any, state: Any, sequence: Any, most: int) -> tuple[frozenset[str], int] | None:
    """Return the lead of a sequence of parse-tree items (see :func:`lead`); ``sequence`` is
    the parser's class of item sequences, ``most`` its unbounded width."""
    width = 0
    for number, (op, av) in enumerate(items):
        name = op_name(op)
        if name == "LITERAL" and isinstance(av, int) and av < 128:
            run = []
            for next_op, next_av in list(items)[number:]:
                if op_name(next_op) != "LITERAL" or not isinstance(next_av, int) or next_av >= 128:
                    break
                run.append(chr(next_av).lower())
            return frozenset({"".join(run)}), width
        inner: tuple[frozenset[str], int] | None = None
        if name == "SUBPATTERN":
            inner = _lead(av[-1], state, sequence, most)
        elif name == "BRANCH":
            leads = [_lead(branch, state, sequence, most) for branch in av[1]]
            if all(leads):
                found = [x for x in leads if x is not None]
                inner = frozenset().union(*(s for s, _w in found)), max(w for _s, w in found)
        if inner is not None:
            return inner[0], width + inner[1]
        high = sequence(state, [(op, av)]).getwidth()[1]
        if high >= most:
            return None
        width += high
    return None
