"""Compiling the rule table's patterns (see :mod:`wikiconv.statements.rules`).

Placeholders are expanded into regex source (:func:`_expand`); each pattern is compiled once
(:class:`_Spec`), and only ``{POSS}`` is bound to a subject (:class:`_Possessive`). The strings
a pattern's matches must contain are read from its parse tree (:func:`_literals`), so that a
sentence is only looked at with the patterns it can match (see
:class:`~wikiconv.statements.rule_matching.Prepared`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from wikiconv.statements.subject_ref import SubjectRef, possessive_source
from wikiconv.statements.values import DATE_PATTERN, NUMBER_PATTERN

if TYPE_CHECKING:
    from wikiconv.statements.rules import Rule


class Matcher(Protocol):
    """What a compiled rule pattern offers (a ``re.Pattern`` or :class:`_Possessive`)."""

    def match(self, string: str, pos: int = ...) -> re.Match[str] | None: ...

    def finditer(self, string: str) -> Iterable[re.Match[str]]: ...


# a pattern, its group → slot names, and strings one of which a match contains (folded)
Compiled = tuple[Matcher, dict[str, str], tuple[str, ...]]
_SKIP = (
    r"(?:(?!\b(?:who|which|whose|where|when|while|whom|a|an|to|born|died|is|was|are|were|has"
    r"|had)\b)[^.;()\"]){1,100}?"
)
_CAPS = r"(?-i:[A-Z][\w.'’-]*)(?:\s+(?:&\s+)?(?-i:[A-Z][\w.'’-]*))*"
# a name, "the company" or "it": checked against the subject after the match
_SELF = r"(?P<self>[^\W\d_][\w'’.&-]*(?:\s+[\w'’.&-]+){0,5}?)"
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][\w]*)\}")


def _compile(rule: Rule, poss: str) -> list[tuple[re.Pattern[str], dict[str, str]]]:
    """Compile a rule's patterns with ``{POSS}`` as ``poss``; return each with its groups."""
    out: list[tuple[re.Pattern[str], dict[str, str]]] = []
    for pattern in rule.patterns:
        source, groups = _expand(rule, pattern)
        out.append((re.compile(source.replace(_POSS, poss), re.IGNORECASE), groups))
    return out


_POSS = "\x00POSS\x00"  # where {POSS} stands in an expanded pattern until a subject fills it
_ANY_POSSESSIVE = r"(?s:.+?)['’]s"  # matches every possessive name (after its initial)


def _expand(rule: Rule, pattern: str) -> tuple[str, dict[str, str]]:
    """Expand placeholders (``{POSS}`` becomes :data:`_POSS`): slots become named groups."""
    groups: dict[str, str] = {}

    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "DATE":
            return f"(?:{DATE_PATTERN})"
        if name == "SKIP":
            return _SKIP
        if name == "CAPS":
            return _CAPS
        if name == "POSS":
            return _POSS
        if name == "SELF":
            return _SELF
        slot = rule.slots[name]
        group = f"s{len(groups)}"
        groups[group] = name
        if slot.kind == "date":
            return f"(?P<{group}>{DATE_PATTERN})"
        if slot.kind == "quantity":
            return f"(?P<{group}>{NUMBER_PATTERN})"
        if slot.kind == "string":
            return f'(?P<{group}>"[^"]+"|“[^”]+”)'
        at_end = pattern[match.end() :].strip() in ("", ")", ")?")
        if at_end:
            return f"(?P<{group}>)"
        if match.start() == 0:  # names that open a pattern: from a word start, bounded, so
            # that searching for the pattern everywhere stays linear
            return rf"(?P<{group}>(?<![\w'’-])[^\W_][^;:()]{{0,80}}?)"
        return f"(?P<{group}>.+?)"

    return _PLACEHOLDER_RE.sub(expand, pattern), groups


@dataclass(slots=True)
class _Spec:
    """One pattern of a rule, placeholders expanded, compiled once per process.

    Only ``{POSS}`` depends on the subject: its names ("Runway's", "the company's") change from
    article to article, its pronouns ("its") with the class. Where it can (see
    :func:`_possessive_checkable`), the pattern is compiled once per pronoun set with a group
    that matches any possessive name, and a match is checked against the subject's own names
    (:class:`_Possessive`); otherwise it is compiled for each subject (cached).
    """

    template: str
    groups: dict[str, str]
    plain: Compiled | None = None  # the compiled pattern when it has no {POSS}
    generic: dict[str, tuple[re.Pattern[str] | None, tuple[str, ...]]] = field(default_factory=dict)

    def bind(self, subject: _SubjectPossessive | None) -> Compiled:
        """Return the pattern ready for a subject (``None``: only if it has no ``{POSS}``)."""
        if self.plain is not None:
            return self.plain
        assert subject is not None
        exact = self.template.replace(_POSS, subject.pattern)
        key = f"{subject.initials}\x00{subject.pronouns}"
        if key not in self.generic:
            self.generic[key] = self._generic(subject.initials, subject.pronouns)
        generic, needs = self.generic[key]
        if generic is None:
            return _regex(exact), self.groups, ()
        return _Possessive(generic, exact, subject.names, subject.nouns), self.groups, needs

    def _generic(
        self, initials: str, pronouns: str
    ) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
        """Compile the pattern with a generic ``{POSS}``; ``None`` if its matches cannot be
        checked (see :func:`_possessive_checkable`). Also return the strings it needs."""
        names = f"(?={initials}){_ANY_POSSESSIVE}" if initials else ""
        source = self.template.replace(_POSS, possessive_source(names, pronouns))
        regex = re.compile(source, re.IGNORECASE)  # a bad pattern fails here, as before
        tree = _parse(source)
        if tree is None or not _possessive_checkable(tree):
            return None, ()
        return regex, _literals(tree)


def _spec(rule: Rule, pattern: str) -> _Spec:
    """Expand and, when it does not depend on the subject, compile one pattern of a rule."""
    template, groups = _expand(rule, pattern)
    spec = _Spec(template, groups)
    if _POSS not in template:
        tree = _parse(template)
        needs = _literals(tree) if tree is not None else ()
        spec.plain = (re.compile(template, re.IGNORECASE), groups, needs)
    return spec


class _Possessive:
    """A ``{POSS}`` pattern bound to a subject; matches exactly as the pattern compiled for it.

    The subject's pattern and the generic one differ only inside ``possname``, and the generic
    group matches every string the subject's possessive names match (same initial, anything,
    then "'s"). The regex engine tries the same choices in the same order in both up to that
    group, so wherever the generic pattern fails, the subject's fails too. Hence a generic
    match is the subject's match when ``possname`` did not take part (the subject's names
    failed wherever the generic group did), or when the first of the subject's possessive
    names that matches where ``possname`` starts ends where it ended: the subject's pattern
    then makes that choice first and goes on exactly as the generic one did. Otherwise
    (someone else's "…'s", an ambiguity), the subject's pattern is compiled and used. This
    needs the group to be matched at most once, with backtracking: see
    :func:`_possessive_checkable`.
    """

    __slots__ = ("exact", "generic", "names", "nouns")

    def __init__(
        self, generic: re.Pattern[str], exact: str, names: tuple[str, ...], nouns: str
    ) -> None:
        self.generic = generic
        self.exact = exact
        self.names = names
        self.nouns = nouns

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        """Like ``re.Pattern.match`` on the subject's pattern."""
        found = self.generic.match(string, pos)
        if found is None or self._same(found):
            return found
        return _regex(self.exact).match(string, pos)

    def finditer(self, string: str) -> list[re.Match[str]]:
        """Like ``re.Pattern.finditer`` on the subject's pattern (as a list)."""
        found = list(self.generic.finditer(string))
        if all(self._same(m) for m in found):
            return found
        return list(_regex(self.exact).finditer(string))

    def _same(self, match: re.Match[str]) -> bool:
        start, end = match.span("possname")
        return start < 0 or self._first_end(match.string, start) == end

    def _first_end(self, text: str, at: int) -> int:
        """Return where the subject's first possessive name matching at ``at`` ends (-1: none),
        trying them in the order of its ``possname`` group: names, then nouns."""
        for name in self.names:
            after = at + len(name)
            written = text[at:after]
            if not (written.isascii() and name.isascii()):
                found = _regex(re.escape(name) + "['’]s").match(text, at)
                if found is not None:
                    return found.end()
            elif (
                written.lower() == name.lower()  # what IGNORECASE compares, for ASCII
                and text[after : after + 1] in ("'", "’")
                and text[after + 1 : after + 2] in ("s", "S", "\u017f")  # "ſ" too, as re does
            ):
                return after + 2
        if self.nouns:
            found = _regex(self.nouns).match(text, at)
            if found is not None:
                return found.end()
        return -1


@dataclass(frozen=True, slots=True)
class _SubjectPossessive:
    """What ``{POSS}`` needs of a subject (see :meth:`SubjectRef.possessive_parts`)."""

    names: tuple[str, ...]
    nouns: str
    pronouns: str
    pattern: str  # SubjectRef.possessive_pattern()
    initials: str  # a regex for the first letter of every possessive name

    @classmethod
    def of(cls, subject: SubjectRef) -> _SubjectPossessive:
        names, nouns, pronouns = subject.possessive_parts()
        # Every possessive name starts with one of these ("R" for "Runway's", "t" for "the
        # company's"): the generic group still matches all of them, but not "company's" after
        # a "the" the pattern allows before {POSS}; they vary little from subject to subject.
        firsts = {n[0] for n in names} | ({"t"} if subject.nouns else set())
        initials = "|".join(re.escape(c) for c in sorted(firsts))
        return cls(names, nouns, pronouns, subject.possessive_pattern(), initials)


@lru_cache(maxsize=256)
def _regex(source: str) -> re.Pattern[str]:
    """Compile a case-insensitive regex: a pattern for one subject (the slow path), a name."""
    return re.compile(source, re.IGNORECASE)


def _parser() -> Any:
    """Return the standard library's regex parser (private, so only used when present)."""
    for name in ("re._parser", "sre_parse"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


_PARSER = _parser()
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def _parse(source: str) -> Any:
    """Return the parse tree of an expanded pattern, or ``None`` when it cannot be had."""
    if _PARSER is None:
        return None
    try:
        return _PARSER.parse(source, re.IGNORECASE)
    except Exception:  # a private API: without a tree, nothing is assumed
        return None


def _op(op: Any) -> str:
    return str(getattr(op, "name", ""))


def _possessive_checkable(tree: Any) -> bool:
    """Tell whether a match of the generic pattern can be checked (see :class:`_Possessive`).

    It can when the ``possname`` group is matched at most once, forwards, with backtracking
    into it (not in a repeat, a lookaround, an atomic group or a scoped flag group), with no
    global inline flags and no backreferences anywhere in the pattern.
    """
    state = getattr(tree, "state", None)
    flags = getattr(state, "flags", None)
    groups = getattr(state, "groupdict", None)
    if not isinstance(flags, int) or not isinstance(groups, dict):
        return False
    if flags & ~(re.IGNORECASE | re.UNICODE) or "possname" not in groups:
        return False
    return _find_group(tree, groups["possname"], True) is True


def _find_group(items: Any, gid: int, safe: bool) -> bool | None:
    """True: group ``gid`` found in a safe place; False: found elsewhere, or a backreference
    seen; None: not found."""
    result: bool | None = None
    for op, av in items:
        name = _op(op)
        if name.startswith("GROUPREF"):
            return False
        children: list[tuple[Any, bool]] = []
        if name == "SUBPATTERN":
            group, add_flags, del_flags, sub = av
            plain = not add_flags and not del_flags
            if group == gid:
                if not (safe and plain):
                    return False
                result = True
            children = [(sub, safe and plain)]
        elif name == "BRANCH":
            children = [(branch, safe) for branch in av[1]]
        elif name in _REPEATS:
            children = [(av[2], safe and av[1] == 1 and name != "POSSESSIVE_REPEAT")]
        elif name in ("ASSERT", "ASSERT_NOT"):
            children = [(av[1], False)]
        elif name == "ATOMIC_GROUP":
            children = [(av, False)]
        for sub, sub_safe in children:
            found = _find_group(sub, gid, sub_safe)
            if found is False:
                return False
            if found:
                result = True
    return result


def _literals(tree: Any) -> tuple[str, ...]:
    """Return lower-case ASCII strings one of which every match contains (``()``: unknown).

    Read from the parse tree: a run of literal characters in a sequence, a group, a repeat
    of at least one, a lookahead or lookbehind (not a negative one), a branch (the union of
    its branches' strings). Used to skip patterns that cannot match a sentence (see
    :func:`fold`).
    """
    try:
        found = _needed(tree)
    except Exception:  # a private API: without a tree, nothing is assumed
        return ()
    return tuple(sorted(found)) if found else ()


def _needed(items: Any) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in items:
        name = _op(op)
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
        elif name in _REPEATS and av[0] >= 1:
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


_FOLD_SPECIAL = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """Lower-case text so that an ASCII string a case-insensitive regex matches in it (``in``)
    is found: the four non-ASCII characters that such a regex takes for an ASCII letter
    (İ ı ſ K) become that letter; no other non-ASCII character lower-cases to ASCII."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_SPECIAL).lower()
