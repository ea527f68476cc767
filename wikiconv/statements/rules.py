"""The prose rule table: load ``data/rules.json`` (plus user files) and apply it to sentences.

A rule is data, not code. Each has an ``id``, regex ``patterns`` with placeholders, the
``slots`` its placeholders fill and the class groups it applies to; ``scope`` says how the
subject is checked (see :mod:`wikiconv.statements.subject`). Placeholders:

* ``{name}`` — a slot. A date or quantity slot matches a date ("December 11, 2025", "2018") or
  a number ("1,600", "about 8.8 million"); an item slot at the end of a pattern reads a name (or
  a list of names) from there on; in the middle of a pattern it must be filled by names alone.
* ``{DATE}`` a date that is not kept, ``{SKIP}`` a short stretch without a clause break,
  ``{CAPS}`` capitalised words, ``{POSS}`` a possessive of the subject ("its", "Runway's").

User files have the same shape; their rules are added after the shipped ones and may replace
a shipped rule by reusing its ``id`` (``"disabled": true`` switches one off). A replacement
table (``rules_path``) drops every shipped rule but keeps the shipped configuration (property
datatypes and aliases, class groups, occupations, pronouns), which its own sections extend.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from wikiconv.errors import WikiconvError
from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import ItemValue, TimeValue, Value
from wikiconv.statements.subject import Analysis, SubjectRef, between_ok, possessive_source
from wikiconv.statements.values import (
    DATE_PATTERN,
    NUMBER_PATTERN,
    parse_date,
    parse_number,
    read_items,
)


class Matcher(Protocol):
    """What a compiled rule pattern offers (a ``re.Pattern`` or :class:`_Possessive`)."""

    def match(self, string: str, pos: int = ...) -> re.Match[str] | None: ...

    def finditer(self, string: str) -> Iterable[re.Match[str]]: ...


# a pattern, its group → slot names, and strings one of which a match contains (folded)
Compiled = tuple[Matcher, dict[str, str], tuple[str, ...]]
KINDS = ("item", "date", "quantity", "string")
SCOPES = ("predicate", "clause-start")
_SKIP = (
    r"(?:(?!\b(?:who|which|whose|where|when|while|whom|a|an|to|born|died|is|was|are|were|has"
    r"|had)\b)[^.;()\"]){1,100}?"
)
_CAPS = r"(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z][\w.'’-]*))*"
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][\w]*)\}")
_AS_OF_RE = re.compile(rf"\b(?:[Aa]s of|[Ii]n)\s+({DATE_PATTERN}),|\bthe\s+(\d{{4}})\s+census\b")


class RuleError(WikiconvError):
    """A rules file is malformed."""


@dataclass(frozen=True, slots=True)
class Slot:
    """What one placeholder fills: kind, property (or one per class group), list or not."""

    name: str
    kind: str
    property: str | Mapping[str, str]
    many: bool = False
    links_only: bool = False
    country_property: str | None = None

    def property_for(self, group: str | None) -> str | None:
        """Return the property this slot fills for a subject of class ``group``."""
        if isinstance(self.property, str):
            return self.property
        return self.property.get(group or "default") or self.property.get("default")


@dataclass(slots=True)
class Rule:
    """One row of the rule table."""

    id: str
    patterns: list[str]
    slots: dict[str, Slot]
    classes: list[str] | None = None
    scope: str = "predicate"
    regions: list[str] | None = None
    as_of: str | None = None

    def applies_to(self, group: str | None) -> bool:
        """Tell whether the rule is meant for subjects of class ``group`` (unknown: yes)."""
        return group is None or self.classes is None or group in self.classes


@dataclass(frozen=True, slots=True)
class Hit:
    """A statement a rule found in a sentence."""

    property: str
    value: Value
    rule: str
    start: int
    qualifiers: tuple[tuple[str, Value], ...] = ()


@dataclass(slots=True)
class RuleSet:
    """The rule table and the configuration that travels with it."""

    rules: list[Rule]
    config: dict[str, Any]
    aliases: dict[str, str] = field(default_factory=dict)
    compiled: dict[str, list[_Spec]] = field(default_factory=dict)  # by rule id, once
    prepared: dict[str, Prepared] = field(default_factory=dict)  # by group and possessive

    def __post_init__(self) -> None:
        for prop, entry in self.config.get("properties", {}).items():
            self.aliases.setdefault(prop.casefold(), prop)
            for alias in entry.get("aliases", []):
                self.aliases.setdefault(alias.casefold(), prop)

    def property_type(self, prop: str) -> str | None:
        """Return the datatype (item, time, quantity, url, string, monolingual) of a property."""
        entry = self.config.get("properties", {}).get(prop)
        return entry.get("type") if isinstance(entry, dict) else None

    def property_by_name(self, name: str) -> str | None:
        """Return the property a P-id or a property alias ("founded by") names."""
        key = re.sub(r"[\s_]+", " ", str(name)).strip()
        if re.fullmatch(r"[Pp][1-9]\d*", key):
            return key.upper()
        return self.aliases.get(key.casefold())

    def for_subject(self, subject: SubjectRef, group: str | None = None) -> Prepared:
        """Return the rules meant for ``group``, ready for this subject (cached).

        Each pattern is compiled once (see :class:`_Spec`); only ``{POSS}`` depends on the
        subject, and it is bound here without compiling anything in the usual case. Without
        ``{POSS}`` among the group's rules, every subject gets the same (shared) list.
        """
        specs = self._group_specs(group)
        dependent = any(spec.plain is None for _rule, ss in specs for spec in ss)
        possessive = _SubjectPossessive.of(subject) if dependent else None
        key = f"{group}\x00{possessive.pattern if possessive else ''}"
        prepared = self.prepared.get(key)
        if prepared is None:
            if len(self.prepared) > 64:
                self.prepared.clear()
            prepared = Prepared((rule, [s.bind(possessive) for s in ss]) for rule, ss in specs)
            self.prepared[key] = prepared
        return prepared

    def _group_specs(self, group: str | None) -> list[tuple[Rule, list[_Spec]]]:
        """Return the rules meant for ``group`` with their patterns' specs (made once)."""
        out: list[tuple[Rule, list[_Spec]]] = []
        for rule in self.rules:
            if not rule.applies_to(group):
                continue
            specs = self.compiled.get(rule.id)
            if specs is None:
                specs = self.compiled[rule.id] = [_spec(rule, p) for p in rule.patterns]
            out.append((rule, specs))
        return out


class Prepared(list[tuple[Rule, list[Compiled]]]):
    """The rules for one subject (:meth:`RuleSet.for_subject`), their patterns in order, and
    which patterns need which strings (see :func:`_literals`): a sentence is looked at only
    with the patterns that need nothing or a string it has."""

    __slots__ = ("always", "by_need", "entries")

    def __init__(self, rules: Iterable[tuple[Rule, list[Compiled]]] = ()) -> None:
        super().__init__(rules)
        self.entries = [(rule, pattern) for rule, patterns in self for pattern in patterns]
        self.always: list[int] = []
        self.by_need: dict[str, list[int]] = {}
        for number, (_rule, (_pattern, _groups, needs)) in enumerate(self.entries):
            if not needs:
                self.always.append(number)
            for need in needs:
                self.by_need.setdefault(need, []).append(number)

    def candidates(self, text: str) -> list[tuple[Rule, Compiled]]:
        """Return, in order, the patterns that may match ``text``."""
        found = set(self.always)
        if self.by_need:
            folded = fold(text)
            for need, numbers in self.by_need.items():
                if need in folded:
                    found.update(numbers)
        return [self.entries[n] for n in sorted(found)]


def _read_json(path: str | Path | None) -> dict[str, Any]:
    """Read a rules file (the shipped one when ``path`` is None)."""
    if path is None:
        text = resources.files("wikiconv.statements").joinpath("data/rules.json").read_text("utf-8")
        where = "rules.json"
    else:
        text = Path(path).read_text(encoding="utf-8")
        where = str(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleError(f"{where}:{exc.lineno}:{exc.colno}: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise RuleError(f"{where}: a rules file is a JSON object")
    return data


def _rule(entry: Any, where: str) -> Rule | None:
    """Validate one rule entry; ``None`` when it is disabled."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise RuleError(f"{where}: each rule needs an 'id'")
    rid = entry["id"]
    if entry.get("disabled"):
        return None
    patterns = entry.get("patterns") or ([entry["pattern"]] if "pattern" in entry else [])
    if not patterns or not all(isinstance(p, str) for p in patterns):
        raise RuleError(f"{where}: rule {rid!r} needs 'patterns' (a list of regexes)")
    slots: dict[str, Slot] = {}
    for name, spec in (entry.get("slots") or {}).items():
        if not isinstance(spec, dict) or spec.get("kind", "item") not in KINDS:
            raise RuleError(f"{where}: rule {rid!r} slot {name!r}: kind must be one of {KINDS}")
        prop = spec.get("property")
        if not isinstance(prop, (str, dict)):
            raise RuleError(f"{where}: rule {rid!r} slot {name!r} needs a 'property'")
        slots[name] = Slot(
            name,
            spec.get("kind", "item"),
            prop,
            bool(spec.get("many", False)),
            bool(spec.get("links_only", False)),
            spec.get("country_property"),
        )
    scope = entry.get("scope", "predicate")
    if scope not in SCOPES:
        raise RuleError(f"{where}: rule {rid!r}: scope must be one of {SCOPES}")
    return Rule(
        rid,
        list(patterns),
        slots,
        entry.get("classes"),
        scope,
        entry.get("regions"),
        entry.get("as_of"),
    )


def load_rules(paths: Iterable[str | Path] = (), use_default: bool = True) -> RuleSet:
    """Load the shipped rule table and then each user file (in order, later ids win).

    With ``use_default`` false, only the shipped configuration (properties, classes, …) is
    kept, not its rules: the first user file is then a replacement table.

    User files are checked (every pattern compiled) as they are loaded; a file is read again
    when it changes.
    """
    keyed = tuple((str(p), Path(p).stat().st_mtime_ns if Path(p).exists() else 0) for p in paths)
    return _load(keyed, use_default)


@lru_cache(maxsize=16)
def _load(paths: tuple[tuple[str, int], ...], use_default: bool) -> RuleSet:
    sources = [("rules.json", _read_json(None))] + [(p, _read_json(p)) for p, _mtime in paths]
    config: dict[str, Any] = {}
    order: dict[str, Rule | None] = {}
    for where, data in sources:
        for key, value in data.items():
            if key == "rules":
                continue
            if key == "properties" and isinstance(value, dict):
                config.setdefault("properties", {}).update(value)
            elif isinstance(value, dict) and isinstance(config.get(key), dict):
                config[key] = {**config[key], **value}
            else:
                config[key] = value
        if where == "rules.json" and not use_default:
            continue  # a replacement table: the shipped configuration, none of its rules
        for entry in data.get("rules", []):
            rule = _rule(entry, where)
            order[entry["id"]] = rule
            if rule is not None and where != "rules.json":
                _check_patterns(rule)
    return RuleSet([r for r in order.values() if r is not None], config)


def check_rules(ruleset: RuleSet) -> None:
    """Compile every pattern of a rule set, raising :class:`RuleError` on the first bad one."""
    for rule in ruleset.rules:
        _check_patterns(rule)


def _check_patterns(rule: Rule) -> None:
    """Compile a rule's patterns once with a dummy subject so that errors show at load time."""
    try:
        _compile(rule, "(?:its)")
    except (re.error, KeyError) as exc:
        raise RuleError(f"rule {rule.id!r}: bad pattern: {exc}") from exc


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
        return f"(?P<{group}>)" if at_end else f"(?P<{group}>.+?)"

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


def apply_rules(
    compiled: list[tuple[Rule, list[Compiled]]],  # a Prepared, or any such list
    sentence: Sentence,
    analysis: Analysis,
    group: str | None,
    subject_names: set[str],
    countries: Mapping[str, str],
    prev_ours: bool,
    candidates: list[tuple[Rule, Compiled]] | None = None,
) -> list[Hit]:
    """Return every statement the rules find in a sentence, about the subject only.

    ``candidates``: the patterns that may match the sentence, if already known.
    """
    text = sentence.text
    if candidates is None:
        prepared = compiled if isinstance(compiled, Prepared) else Prepared(compiled)
        candidates = prepared.candidates(text)
    hits: list[Hit] = []
    for rule, (pattern, groups, _needs) in candidates:
        if not rule.applies_to(group):
            continue
        if rule.scope == "clause-start":
            found = (pattern.match(text, at) for at in analysis.clause_starts)
            matches = [m for m in found if m is not None]
        else:
            matches = list(pattern.finditer(text))
        for match in matches:
            if not _accepted(rule, match, text, analysis, prev_ours):
                continue
            hits += _values(rule, match, groups, sentence, group, subject_names, countries)
    return hits


def _accepted(
    rule: Rule, match: re.Match[str], text: str, analysis: Analysis, prev_ours: bool
) -> bool:
    """Check that the match is about the subject (see :mod:`wikiconv.statements.subject`)."""
    start = match.start()
    if rule.scope == "clause-start":
        if start not in analysis.clause_starts:
            return False
        named = "possname" in match.re.groupindex and match.group("possname")
        return bool(named) or prev_ours or analysis.region_for(start) is not None
    region = analysis.region_for(start)
    if region is None or (rule.regions is not None and region.kind not in rule.regions):
        return False
    return between_ok(text[region.anchor : start], region.kind)


def _values(
    rule: Rule,
    match: re.Match[str],
    groups: dict[str, str],
    sentence: Sentence,
    group: str | None,
    subject_names: set[str],
    countries: Mapping[str, str],
) -> list[Hit]:
    """Turn a match's slots into hits."""
    qualifiers: tuple[tuple[str, Value], ...] = ()
    if rule.as_of:
        when = _as_of(sentence.text)
        if when is not None:
            qualifiers = ((rule.as_of, when),)
    out: list[Hit] = []
    for gname, sname in groups.items():
        slot = rule.slots[sname]
        prop = slot.property_for(group)
        if prop is None or match.group(gname) is None:
            continue
        start, end = match.span(gname)
        values: list[Value] = []
        if slot.kind == "date":
            date = parse_date(match.group(gname))
            values = [date] if date else []
        elif slot.kind == "quantity":
            amount = parse_number(match.group(gname))
            values = [amount] if amount else []
        elif slot.kind == "string":
            values = []
        else:
            strict = start != end
            stop = end if strict else len(sentence.text)
            found = read_items(sentence, start, stop, slot.many, strict)
            values = [
                f.value
                for f in found
                if (f.value.from_wikilink or not slot.links_only)
                and f.value.name.casefold() not in subject_names
            ]
        for value in values:
            this = prop
            if slot.country_property and isinstance(value, ItemValue) and value.name in countries:
                this = slot.country_property
            out.append(Hit(this, value, rule.id, match.start(), qualifiers))
    return out


def _as_of(text: str) -> TimeValue | None:
    """Return the date of an "As of 2024," or "the 2020 census" in the sentence."""
    match = _AS_OF_RE.search(text)
    if not match:
        return None
    return parse_date(match.group(1) or match.group(2))
