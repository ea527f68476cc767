"""Applying the rule table to a sentence (see :mod:`wikiconv.statements.rules`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wikiconv.statements.need_index import need_index
from wikiconv.statements.rule_context import (
    MatchContext,
    person_pronoun,
    self_ok,
    sentence_ok,
    topic_ok,
)
from wikiconv.statements.rule_patterns import Compiled, fold
from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import ItemValue, TimeValue, Value
from wikiconv.statements.subject import Analysis
from wikiconv.statements.trigger_gap import accepted
from wikiconv.statements.values import (
    DATE_PATTERN,
    Found,
    parse_date,
    parse_number,
    read_items,
)

if TYPE_CHECKING:
    from wikiconv.statements.rules import Rule, Slot

_AS_OF_RE = re.compile(
    rf"\b(?:[Aa]s of|[Ii]n)\s+({DATE_PATTERN}),"
    rf"|\b[Tt]he\s+(\d{{4}})\s+(?:(?:[Nn]ational|[Ff]ederal|[Gg]eneral|[Oo]fficial)\s+)?[Cc]ensus\b"
    rf"|^(?:By|In|Until|Around)\s+({DATE_PATTERN})\s"  # "By 1970 Orsini had 350 workers"
    rf"|^(?:By|In|Until)\s+the\s+(?:(?:early|mid|late)[- ])?(\d{{3}}0)s\b"  # "By the early 1970s"
    rf"|^At\s+(?:its|their|the)\s+(?:peak|height)\s+(?:around|about|in|c\.)\s+({DATE_PATTERN})\b"
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A statement a rule found in a sentence."""

    property: str
    value: Value
    rule: str
    start: int
    qualifiers: tuple[tuple[str, Value], ...] = ()


class PatternIndex:
    """Which patterns of a list need which strings (see
    :func:`~wikiconv.statements.need_index.literals`): a sentence is looked at only with the
    patterns that need nothing, or whose every set of needed strings it has one of. It depends
    on the patterns' needs alone, so subjects whose patterns need the same share one."""

    __slots__ = ("always", "by_need", "extra", "needs")

    def __init__(self, entries: list[tuple[Rule, Compiled]]) -> None:
        self.always: list[int] = []
        self.by_need: dict[str, list[int]] = {}  # by the strings of a pattern's first set
        self.extra: list[tuple[tuple[str, ...], ...]] = []  # the other sets of each pattern
        for number, (_rule, (_pattern, _groups, needs)) in enumerate(entries):
            self.extra.append(tuple(tuple(sorted(need)) for need in needs[1:]))
            if not needs:
                self.always.append(number)
            for string in needs[0] if needs else ():
                self.by_need.setdefault(string, []).append(number)
        self.needs = need_index(frozenset(self.by_need))

    def candidates(self, text: str) -> list[int]:
        """Return, in order, the numbers of the patterns that may match ``text``."""
        folded = text.lower() if text.isascii() else fold(text)
        scanner = self.needs.scanner
        if scanner is None:
            found = self.always
        else:
            inside, by_need = self.needs.inside, self.by_need
            numbers: set[int] = set(self.always)
            for captured in set(scanner.findall(folded)):
                for string in inside[captured]:
                    numbers.update(by_need[string])
            if not numbers:
                return []
            found = sorted(numbers)
        extra = self.extra
        out: list[int] = []
        for number in found:
            for need in extra[number]:  # each set must have a string in the sentence
                for string in need:
                    if string in folded:
                        break
                else:
                    break
            else:
                out.append(number)
        return out


class Prepared(list[tuple["Rule", list[Compiled]]]):
    """The rules for one subject (:meth:`~wikiconv.statements.rules.RuleSet.for_subject`), their
    patterns in order, and which patterns need which strings (a :class:`PatternIndex`)."""

    __slots__ = ("entries", "lexicons", "pattern_index")

    def __init__(
        self, rules: Iterable[tuple[Rule, list[Compiled]]] = (), index: PatternIndex | None = None
    ) -> None:
        super().__init__(rules)
        self.lexicons: dict[str, str] = {}  # the class group's genre phrases and their items
        self.entries = [(rule, pattern) for rule, patterns in self for pattern in patterns]
        self.pattern_index = index if index is not None else PatternIndex(self.entries)

    def candidates(self, text: str) -> list[tuple[Rule, Compiled]]:
        """Return, in order, the patterns that may match ``text``."""
        entries = self.entries
        return [entries[number] for number in self.pattern_index.candidates(text)]


def apply_rules(
    compiled: list[tuple[Rule, list[Compiled]]],  # a Prepared, or any such list
    sentence: Sentence,
    analysis: Analysis,
    group: str | None,
    subject_names: set[str],
    countries: Mapping[str, str],
    prev_ours: bool,
    candidates: list[tuple[Rule, Compiled]] | None = None,
    ctx: MatchContext | None = None,
    early: list[list[re.Match[str]] | None] | None = None,
) -> list[Hit]:
    """Return every statement the rules find in a sentence, about the subject only.

    ``candidates``: the patterns that may match the sentence, if already known; ``ctx``: the
    subject and its surroundings, for the ``self`` and ``topic`` scopes (without it, those
    rules find nothing); ``early``: what :func:`early_matches` found for the candidates.
    """
    text = sentence.text
    context = ctx or MatchContext(prev_ours=prev_ours)
    if candidates is None:
        prepared = compiled if isinstance(compiled, Prepared) else Prepared(compiled)
        candidates = prepared.candidates(text)
    if early is None:
        early = early_matches(candidates, text, group)
    hits: list[Hit] = []
    for (rule, (pattern, groups, _needs)), known in zip(candidates, early, strict=True):
        if not rule.applies_to(group):
            continue
        if known is None:  # at clause starts: needs the analysis
            found = (pattern.match(text, at) for at in analysis.clause_starts)
            matches = [m for m in found if m is not None]
        else:
            matches = known
        for match in matches:
            if rule.scope.startswith("self"):
                if not self_ok(match, analysis, group, context):
                    continue
            elif rule.scope.startswith("topic"):
                if not topic_ok(match, analysis, group, context):
                    continue
            elif rule.scope == "sentence":
                if not sentence_ok(match, analysis, group, context):
                    continue
            elif not accepted(rule, match, text, analysis, prev_ours):
                continue
            values = _values(
                rule, match, groups, sentence, group, subject_names, countries, context
            )
            hits += values if values is not None else _lexicon_values(rule, match, groups, compiled)
    return hits


_AT_CLAUSE_STARTS = frozenset({"clause-start", "self-start", "topic-start", "part-start"})


def early_matches(
    candidates: list[tuple[Rule, Compiled]], text: str, group: str | None
) -> list[list[re.Match[str]] | None]:
    """Return the matches of each candidate that does not depend on the clause analysis (every
    scope but those matched at clause starts, which get ``None``; a rule not meant for the
    group finds nothing)."""
    out: list[list[re.Match[str]] | None] = []
    for rule, (pattern, _groups, _needs) in candidates:
        if not rule.applies_to(group):
            out.append([])
        elif rule.scope in _AT_CLAUSE_STARTS:
            out.append(None)
        else:
            out.append(list(pattern.finditer(text)))
    return out


def _values(
    rule: Rule,
    match: re.Match[str],
    groups: dict[str, str],
    sentence: Sentence,
    group: str | None,
    subject_names: set[str],
    countries: Mapping[str, str],
    ctx: MatchContext,
) -> list[Hit] | None:
    """Turn a match's slots into hits (``None``: a slot reads from a lexicon)."""
    qualifiers: tuple[tuple[str, Value], ...] = ()
    if rule.as_of:
        when = _as_of(sentence.text)
        if when is not None:
            qualifiers = ((rule.as_of, when),)
    out: list[Hit] = []
    for gname, sname in groups.items():
        slot = rule.slots[sname]
        if slot.lexicon:
            return None
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
            found = _items(slot, match, gname, sentence, ctx)
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


def _items(
    slot: Slot, match: re.Match[str], gname: str, sentence: Sentence, ctx: MatchContext
) -> list[Found]:
    """Read an item slot: to the sentence's end at a pattern's end, else exactly its span; a
    span that opens the match may start later ("In 2017 A and B founded …"), and a lone
    "he"/"she" is the person just named."""
    start, end = match.span(gname)
    strict = start != end
    stop = end if strict else len(sentence.text)
    found = read_items(sentence, start, stop, slot.many, strict, slot.roles, ctx.role_nouns)
    if found or not strict:
        return found
    person = person_pronoun(sentence.text[start:end], ctx)
    if person:
        return [Found(ItemValue(person), start, end)]
    if start != match.start():
        return found
    apposed = read_items(sentence, start, end, slot.many, False, slot.roles, ctx.role_nouns)
    if apposed and _APPOSITIVE_TAIL_RE.fullmatch(sentence.text, apposed[-1].end, end):
        return apposed  # "Lucía Ortiz, a granddaughter of Refugio Ledesma, has been …"
    for word in _LATER_WORD_RE.finditer(sentence.text, start, min(end, start + _LATER_REACH)):
        found = read_items(
            sentence, word.start(), stop, slot.many, strict, slot.roles, ctx.role_nouns
        )
        if found:
            return found
    return found


_LATER_WORD_RE = re.compile(r"(?<=[\s,])(?=\S)")
_LATER_REACH = 80  # a list starts this near an opening span's start; past it, a long span
# ("A, a developer then working for a firm in Istanbul, began …") is only an appositive
_APPOSITIVE_TAIL_RE = re.compile(
    r",\s+(?:an?|the|who|whose|then|now|previously|formerly|himself|herself|themselves)\s"
    r"[^;()]*,\s*"
)


def _lexicon_values(
    rule: Rule, match: re.Match[str], groups: dict[str, str], compiled: object
) -> list[Hit]:
    """Read a list of known phrases ("indie rock and dream pop") where a lexicon slot starts."""
    table: Mapping[str, str] = getattr(compiled, "lexicons", None) or {}
    out: list[Hit] = []
    for gname, sname in groups.items():
        slot = rule.slots[sname]
        prop = slot.property_for(None)
        if not table or prop is None or match.group(gname) is None:
            continue
        text = match.string
        for name in read_phrases(text, match.start(gname), table):
            out.append(Hit(prop, ItemValue(name), rule.id, match.start()))
    return out


def read_phrases(text: str, pos: int, table: Mapping[str, str]) -> list[str]:
    """Read ``A, B and C`` from ``pos`` where each member is a phrase of ``table`` (longest
    first, as the table's item name), stopping at the first member that is not one."""
    out: list[str] = []
    while True:
        words = _PHRASE_WORD_RE.match(text, pos)
        if words is None:
            break
        tokens = words.group(0).split()
        for size in range(min(4, len(tokens)), 0, -1):
            phrase = " ".join(tokens[:size]).lower()
            if phrase in table:
                break
        else:
            break
        out.append(table[phrase])
        pos = _skip_words(text, pos, size)
        after = _PHRASE_TAIL_RE.match(text, pos)
        if after is None:
            break
        if after.group("sep") is None:
            break
        pos = after.end()
    return out


_PHRASE_WORD_RE = re.compile(r"[\w&'’-]+(?:\s+[\w&'’-]+){0,3}")
_PHRASE_TAIL_RE = re.compile(
    r"(?:\s+(?:music|elements|influences))?(?:(?P<sep>,\s+and\s+|,\s+|\s+and\s+|\s+or\s+|/)|)"
)
_ONE_WORD_RE = re.compile(r"\s*[\w&'’-]+")


def _skip_words(text: str, pos: int, count: int) -> int:
    """Return the offset after ``count`` words from ``pos``."""
    for _ in range(count):
        found = _ONE_WORD_RE.match(text, pos)
        if found is None:
            break
        pos = found.end()
    return pos


def _as_of(text: str) -> TimeValue | None:
    """Return the date of an "As of 2024," or "the 2020 census" in the sentence."""
    match = _AS_OF_RE.search(text)
    if not match:
        return None
    return parse_date(next(g for g in match.groups() if g))
