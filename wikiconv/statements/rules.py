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

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from wikiconv.errors import WikiconvError
from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import ItemValue, TimeValue, Value
from wikiconv.statements.subject import Analysis, SubjectRef, between_ok
from wikiconv.statements.values import (
    DATE_PATTERN,
    NUMBER_PATTERN,
    parse_date,
    parse_number,
    read_items,
)

Compiled = tuple[re.Pattern[str], dict[str, str]]  # a pattern and its group → slot names
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
    compiled: dict[str, list[tuple[Rule, list[Compiled]]]] = field(default_factory=dict)

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

    def for_subject(
        self, subject: SubjectRef, group: str | None = None
    ) -> list[tuple[Rule, list[Compiled]]]:
        """Return the rules meant for ``group``, compiled for this subject (cached)."""
        key = f"{group}\x00{subject.possessive_pattern()}"
        if key not in self.compiled:
            if len(self.compiled) > 64:
                self.compiled.clear()
            poss = subject.possessive_pattern()
            self.compiled[key] = [
                (rule, _compile(rule, poss)) for rule in self.rules if rule.applies_to(group)
            ]
        return self.compiled[key]


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


def _compile(rule: Rule, poss: str) -> list[Compiled]:
    """Expand placeholders: slots become numbered groups (returned as group → slot)."""
    out: list[Compiled] = []
    for pattern in rule.patterns:
        groups: dict[str, str] = {}

        def expand(
            match: re.Match[str], pattern: str = pattern, groups: dict[str, str] = groups
        ) -> str:
            name = match.group(1)
            if name == "DATE":
                return f"(?:{DATE_PATTERN})"
            if name == "SKIP":
                return _SKIP
            if name == "CAPS":
                return _CAPS
            if name == "POSS":
                return poss
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

        source = _PLACEHOLDER_RE.sub(expand, pattern)
        out.append((re.compile(source, re.IGNORECASE), groups))
    return out


def apply_rules(
    compiled: list[tuple[Rule, list[Compiled]]],
    sentence: Sentence,
    analysis: Analysis,
    group: str | None,
    subject_names: set[str],
    countries: Mapping[str, str],
    prev_ours: bool,
) -> list[Hit]:
    """Return every statement the rules find in a sentence, about the subject only."""
    text = sentence.text
    hits: list[Hit] = []
    for rule, patterns in compiled:
        if not rule.applies_to(group):
            continue
        for pattern, groups in patterns:
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
