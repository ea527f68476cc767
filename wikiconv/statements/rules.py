"""The prose rule table: load ``data/rules.json`` (plus user files) and apply it to sentences.

A rule is data, not code. Each has an ``id``, regex ``patterns`` with placeholders, the
``slots`` its placeholders fill and the class groups it applies to; ``scope`` says how the
subject is checked (see :mod:`wikiconv.statements.subject`). Placeholders:

* ``{name}`` — a slot. A date or quantity slot matches a date ("December 11, 2025", "2018") or
  a number ("1,600", "about 8.8 million"); an item slot at the end of a pattern reads a name (or
  a list of names) from there on; in the middle of a pattern it must be filled by names alone.
* ``{DATE}`` a date that is not kept, ``{SKIP}`` a short stretch without a clause break,
  ``{CAPS}`` capitalised words, ``{POSS}`` a possessive of the subject ("its", "Runway's"),
  ``{SELF}`` the subject itself, as the object of a verb ("founded the university in 2017";
  checked against the subject: see :mod:`wikiconv.statements.rule_context`).

User files have the same shape; their rules are added after the shipped ones and may replace
a shipped rule by reusing its ``id`` (``"disabled": true`` switches one off). A replacement
table (``rules_path``) drops every shipped rule but keeps the shipped configuration (property
datatypes and aliases, class groups, occupations, pronouns), which its own sections extend.

Patterns are compiled in :mod:`wikiconv.statements.rule_patterns` and applied to a sentence
in :mod:`wikiconv.statements.rule_matching`; :func:`apply_rules` and :class:`Hit` are
re-exported here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from wikiconv.errors import WikiconvError
from wikiconv.statements.lead_classes import genre_table
from wikiconv.statements.rule_matching import Hit as Hit
from wikiconv.statements.rule_matching import PatternIndex, Prepared
from wikiconv.statements.rule_matching import apply_rules as apply_rules
from wikiconv.statements.rule_patterns import Compiled as Compiled
from wikiconv.statements.rule_patterns import Matcher as Matcher
from wikiconv.statements.rule_patterns import _compile, _Spec, _spec, _SubjectPossessive
from wikiconv.statements.rule_patterns import fold as fold
from wikiconv.statements.subject_ref import SubjectRef

_T = TypeVar("_T")
KINDS = ("item", "date", "quantity", "string")
SCOPES = (
    "predicate",
    "clause-start",
    "self",
    "self-start",
    "topic",
    "topic-start",
    "part-start",
    "sentence",
)


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
    lexicon: str | None = None  # read phrases of this configured table (by class group)
    roles: bool = False  # a cast list: "A as Anselmo, alongside B as Pilar"

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
    fallback: bool = False  # kept only when no other source gives the property

    def applies_to(self, group: str | None) -> bool:
        """Tell whether the rule is meant for subjects of class ``group`` (unknown: yes)."""
        return group is None or self.classes is None or group in self.classes


@dataclass(slots=True)
class RuleSet:
    """The rule table and the configuration that travels with it."""

    rules: list[Rule]
    config: dict[str, Any]
    aliases: dict[str, str] = field(default_factory=dict)
    compiled: dict[str, list[_Spec]] = field(default_factory=dict)  # by rule id, once
    prepared: dict[str, Prepared] = field(default_factory=dict)  # by group and possessive
    indexes: dict[str, PatternIndex] = field(default_factory=dict)  # by what patterns need
    # what is derived from the rules or the configuration alone, made once (see derived)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

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
        specs, dependent = self.derived(f"specs\x00{group}", lambda: self._group_specs(group))
        possessive = _SubjectPossessive.of(subject) if dependent else None
        key = f"{group}\x00{possessive.pattern if possessive else ''}"
        prepared = self.prepared.get(key)
        if prepared is None:
            if len(self.prepared) > 64:
                self.prepared.clear()
            bound = [(rule, [s.bind(possessive) for s in ss]) for rule, ss in specs]
            # which strings the patterns need depends on the group only (see _Spec)
            shape = str(group)
            index = self.indexes.get(shape)
            prepared = Prepared(bound, index)
            if index is None:
                if len(self.indexes) > 256:
                    self.indexes.clear()
                self.indexes[shape] = prepared.pattern_index
            prepared.lexicons = genre_table(self.config, group)
            self.prepared[key] = prepared
        return prepared

    def derived(self, key: str, make: Callable[[], _T]) -> _T:
        """Return what ``make`` derives from the rule set alone, made once per key."""
        if key not in self.memo:
            self.memo[key] = make()
        value: _T = self.memo[key]
        return value

    def _group_specs(self, group: str | None) -> tuple[list[tuple[Rule, list[_Spec]]], bool]:
        """Return the rules meant for ``group`` with their patterns' specs (made once), and
        whether any of them depends on the subject (has a ``{POSS}``)."""
        out: list[tuple[Rule, list[_Spec]]] = []
        for rule in self.rules:
            if not rule.applies_to(group):
                continue
            specs = self.compiled.get(rule.id)
            if specs is None:
                specs = self.compiled[rule.id] = [_spec(rule, p) for p in rule.patterns]
            out.append((rule, specs))
        return out, any(spec.plain is None for _rule, ss in out for spec in ss)


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
            spec.get("lexicon"),
            bool(spec.get("roles", False)),
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
        bool(entry.get("fallback", False)),
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
            if rule is not None:
                rule.patterns = [
                    expand_lexicons(p, config.get("lexicons", {})) for p in rule.patterns
                ]
            order[entry["id"]] = rule
            if rule is not None and where != "rules.json":
                _check_patterns(rule)
    return RuleSet([r for r in order.values() if r is not None], config)


_LEXICON_RE = re.compile(r"\{@([A-Za-z_][\w]*)\}")


def expand_lexicons(pattern: str, lexicons: Mapping[str, Any]) -> str:
    """Replace each ``{@name}`` with an alternation of the phrases of lexicon ``name``.

    A lexicon is a list of trigger phrases ("set up", "came into being"); a blank in a phrase
    matches any run of blanks, and longer phrases are tried first. A phrase written
    ``re:...`` is a regex fragment, kept as it is.
    """

    def alternation(match: re.Match[str]) -> str:
        name = match.group(1)
        phrases = lexicons.get(name)
        if not isinstance(phrases, list) or not phrases:
            raise RuleError(f"unknown lexicon {{@{name}}}")
        parts = [
            p[3:] if p.startswith("re:") else r"\s+".join(map(re.escape, p.split()))
            for p in sorted(phrases, key=len, reverse=True)
        ]
        return "(?:" + "|".join(parts) + ")"

    return _LEXICON_RE.sub(alternation, pattern) if "{@" in pattern else pattern


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
