"""Compiling the rule table's patterns (see :mod:`wikiconv.statements.rules`).

Placeholders are expanded into regex source (:func:`_expand`); each pattern is compiled once
(:class:`_Spec`), and only ``{POSS}`` is bound to a subject (:class:`_Possessive`). The strings
a pattern's matches must contain are read from its parse tree
(:func:`~wikiconv.statements.need_index.literals`), so that a sentence is only looked at with
the patterns it can match (see :class:`~wikiconv.statements.rule_matching.Prepared`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from wikiconv.statements.need_index import REPEATS, Lead, Needs, lead, literals, op_name
from wikiconv.statements.need_index import fold as fold
from wikiconv.statements.subject_ref import SubjectRef, possessive_source
from wikiconv.statements.values import DATE_PATTERN, NUMBER_PATTERN

if TYPE_CHECKING:
    from wikiconv.statements.rules import Rule


class Matcher(Protocol):
    """What a compiled rule pattern offers (a ``re.Pattern`` or :class:`_Possessive`)."""

    def match(self, string: str, pos: int = ...) -> re.Match[str] | None: ...

    def finditer(self, string: str) -> Iterable[re.Match[str]]: ...


# a pattern, its group → slot names, and the strings its matches contain (see Needs)
Compiled = tuple[Matcher, dict[str, str], Needs]
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
            return rf"(?P<{group}>(?<![\w'’-])[^\W_][^;:()]{{0,160}}?)"
        return rf"(?P<{group}>[^;:()]{{1,160}}?)"  # bounded too: a failed search stays linear

    return _PLACEHOLDER_RE.sub(expand, pattern), groups


@dataclass(slots=True)
class _Spec:
    """One pattern of a rule, placeholders expanded, read once per process and compiled when
    first tried (:class:`_Lazy`): a pattern no sentence has the strings of is never compiled.

    Only ``{POSS}`` depends on the subject: its names ("Runway's", "the company's") change from
    article to article, its pronouns ("its") with the class. Where it can (see
    :func:`_possessive_checkable`), the pattern is compiled once per pronoun set with a group
    that matches any possessive name, and a match is checked against the subject's own names
    (:class:`_Possessive`); otherwise it is compiled for each subject (cached). The strings
    its matches need are read with ``{POSS}`` as a wildcard, so they hold for every subject.
    """

    template: str
    groups: dict[str, str]
    needs: Needs = ()  # what every match needs, whatever ``{POSS}`` stands for
    lead: Lead | None = None  # strings one of which comes soon after a match's start
    plain: Compiled | None = None  # the pattern when it has no {POSS}
    generic: dict[str, _Lazy | None] = field(default_factory=dict)  # by initials and pronouns
    checkable: dict[str, bool] = field(default_factory=dict)  # by pronouns

    def bind(self, subject: _SubjectPossessive | None) -> Compiled:
        """Return the pattern ready for a subject (``None``: only if it has no ``{POSS}``)."""
        if self.plain is not None:
            return self.plain
        assert subject is not None
        exact = self.template.replace(_POSS, subject.pattern)
        key = f"{subject.initials}\x00{subject.pronouns}"
        if key not in self.generic:
            self.generic[key] = self._generic(subject.initials, subject.pronouns)
        generic = self.generic[key]
        if generic is None:
            return _Lazy(exact, self.lead, shared=True), self.groups, self.needs
        found = _Possessive(generic, exact, subject.names, subject.nouns, self.lead)
        return found, self.groups, self.needs

    def _generic(self, initials: str, pronouns: str) -> _Lazy | None:
        """Return the pattern with a generic ``{POSS}``; ``None`` if its matches cannot be
        checked (see :func:`_possessive_checkable`; the initials, inside the group, do not
        change that)."""
        if pronouns not in self.checkable:
            source = self.template.replace(_POSS, possessive_source(_ANY_POSSESSIVE, pronouns))
            tree = _parse(source)
            self.checkable[pronouns] = tree is not None and _possessive_checkable(tree)
        if not self.checkable[pronouns]:
            return None
        names = f"(?={initials}){_ANY_POSSESSIVE}" if initials else ""
        return _Lazy(self.template.replace(_POSS, possessive_source(names, pronouns)), self.lead)


def _spec(rule: Rule, pattern: str) -> _Spec:
    """Expand one pattern of a rule and read the strings its matches need."""
    template, groups = _expand(rule, pattern)
    tree = _parse(template.replace(_POSS, _ANY_TEXT))
    spec = _Spec(template, groups)
    if tree is not None:
        spec.needs, spec.lead = literals(tree), lead(tree)
    if _POSS not in template:
        spec.plain = (_Lazy(template, spec.lead), groups, spec.needs)
    return spec


_ANY_TEXT = "(?s:.*?)"  # {POSS} as a wildcard: what the rest of a pattern needs, needs all


class _Lazy:
    """A case-insensitive pattern, compiled the first time it is used (``shared``: through
    the cache of patterns compiled for one subject); its :func:`search_start`."""

    __slots__ = ("compiled", "lead", "shared", "source")

    def __init__(self, source: str, lead: Lead | None = None, shared: bool = False) -> None:
        self.source = source
        self.lead = lead
        self.shared = shared
        self.compiled: re.Pattern[str] | None = None

    def regex(self) -> re.Pattern[str]:
        """Return the compiled pattern."""
        if self.compiled is None:
            self.compiled = _regex(self.source) if self.shared else re.compile(self.source, re.I)
        return self.compiled

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        """Like ``re.Pattern.match``."""
        return (self.compiled or self.regex()).match(string, pos)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        """Like ``re.Pattern.finditer`` (from where a match can start: the same matches)."""
        start = search_start(string, self.lead)
        if start < 0:
            return iter(())
        return (self.compiled or self.regex()).finditer(string, start)


def search_start(text: str, found: Lead | None) -> int:
    """Return where the first match of a pattern with this :func:`lead` can start at the
    earliest (-1: nowhere): no match starts more than the lead's width before the first of
    its strings. Searching from there finds the same matches (lookbehinds still see before)."""
    if found is None:
        return 0
    folded = _last_folded(text)
    if len(folded) != len(text):
        return 0
    strings, width = found
    first = -1
    for string in strings:
        at = folded.find(string)
        if at >= 0 and (first < 0 or at < first):
            first = at
    return first if first < 0 else max(0, first - width)


def _last_folded(text: str) -> str:
    """Return ``fold(text)``, remembering the last text (the patterns of one sentence in a row;
    the pair is replaced as one object, so threads cannot mix two texts up)."""
    global _FOLDED
    last = _FOLDED
    if last[0] is text:
        return last[1]
    _FOLDED = (text, fold(text))
    return _FOLDED[1]


_FOLDED: tuple[str, str] = ("", "")


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

    __slots__ = ("exact", "generic", "lead", "names", "nouns")

    def __init__(
        self, generic: _Lazy, exact: str, names: tuple[str, ...], nouns: str, lead: Lead | None
    ) -> None:
        self.generic = generic
        self.exact = exact
        self.names = names
        self.nouns = nouns
        self.lead = lead  # of the pattern whatever {POSS} stands for: of both

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        """Like ``re.Pattern.match`` on the subject's pattern."""
        found = self.generic.match(string, pos)
        if found is None or self._same(found):
            return found
        return _regex(self.exact).match(string, pos)

    def finditer(self, string: str) -> list[re.Match[str]]:
        """Like ``re.Pattern.finditer`` on the subject's pattern (as a list)."""
        start = search_start(string, self.lead)
        if start < 0:
            return []
        found = list(self.generic.regex().finditer(string, start))
        if all(self._same(m) for m in found):
            return found
        return list(_regex(self.exact).finditer(string, start))

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


def _parse(source: str) -> Any:
    """Return the parse tree of an expanded pattern, or ``None`` when it cannot be had."""
    if _PARSER is None:
        return None
    try:
        return _PARSER.parse(source, re.IGNORECASE)
    except Exception:  # a private API: without a tree, nothing is assumed
        return None


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
        name = op_name(op)
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
        elif name in REPEATS:
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
