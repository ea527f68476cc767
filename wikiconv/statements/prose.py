"""Apply the rule table to an article's sentences: :func:`prose_statements`.

Keeps what the sentences before say about who is who: whether the subject was just spoken of
(for "it"), the person "he"/"she" stands for, and the subject's makers (developers, founders)
whose sentences may speak about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from wikiconv.statements.lead import known_items, strip_disambiguation
from wikiconv.statements.references import CitationIndex
from wikiconv.statements.rule_context import MatchContext, trailing_name
from wikiconv.statements.rules import RuleSet, apply_rules
from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import EntityDraft, ItemValue, Provenance, Reference, Value
from wikiconv.statements.subject import SubjectRef, analyse


class Sink(Protocol):
    """Where statements go (the extractor's collector)."""

    draft: EntityDraft

    def add(
        self,
        prop: str,
        value: Value,
        provenance: Provenance,
        references: list[Reference],
        qualifiers: Sequence[tuple[str, Value]] = (),
    ) -> None: ...


def prose_statements(
    collector: Sink,
    sentences: list[Sentence],
    subject: SubjectRef,
    group: str | None,
    ruleset: RuleSet,
    citations: CitationIndex,
    source: str,
    names: list[str],
) -> None:
    """Apply the rule table to every sentence about the subject."""
    compiled = ruleset.for_subject(subject, group)
    linked = _link_names(sentences)
    countries = known_items().countries
    subject_names = {n.casefold() for n in subject.names}
    prev_ours, paragraph = True, -1
    person_properties = set(ruleset.config.get("person_properties", []))
    persons: set[str] = set()
    full: dict[str, str] = {}  # a person's last name -> the full name first read
    ctx = MatchContext(subject, other_nouns=_other_nouns(ruleset.config))
    agent_properties = set(ruleset.config.get("agent_properties", []))
    for statement in collector.draft.statements:  # "developed by Vantrel Systems" in the lead
        if statement.property in agent_properties and isinstance(statement.value, ItemValue):
            ctx.agents |= _agent_keys(statement.value.name)
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph, prev_ours = sentence.paragraph, not sentence.in_list
            ctx.antecedent = ""
        candidates = compiled.candidates(sentence.text)  # the patterns that may match
        # without any, only the main clause matters (for ``prev_ours``)
        analysis = analyse(sentence.text, subject, prev_ours, main_only=not candidates)
        ctx.prev_ours = prev_ours
        hits = apply_rules(
            compiled,
            sentence,
            analysis,
            group,
            subject_names,
            countries,
            prev_ours,
            candidates,
            ctx,
        )
        for hit in hits:
            if hit.property in person_properties and isinstance(hit.value, ItemValue):
                persons.add(hit.value.name.casefold())
            if hit.property in agent_properties and isinstance(hit.value, ItemValue):
                ctx.agents |= _agent_keys(hit.value.name)
        for hit in hits:  # "Lindsay" later stands for "Morag Lindsay"
            if hit.property in person_properties and isinstance(hit.value, ItemValue):
                full[hit.value.name.split()[-1]] = hit.value.name
        if not analysis.main_ours:
            named = trailing_name(analysis.main_subject)
            ctx.antecedent = full.get(named, named) or ctx.antecedent
        prev_ours = analysis.main_ours or (
            group != "human"  # "it" is never a person: "Dylan Field has served as the company's …"
            and analysis.main_subject.casefold() in persons
            and subject.mentioned(sentence.text)
        )
        if not hits:
            continue
        refs = citations.references(sentence)
        for hit in hits:
            prov = Provenance(source, sentence.line, sentence.column, sentence.text, hit.rule)
            value = hit.value
            if isinstance(value, ItemValue) and not value.from_wikilink:
                surnames = hit.property in person_properties
                target = linked[0].get(value.name.casefold()) or (
                    linked[1].get(value.name.casefold()) if surnames else None
                )
                value = ItemValue(target, from_wikilink=True) if target else value
            collector.add(hit.property, value, prov, refs, hit.qualifiers)


def _other_nouns(config: Mapping[str, Any]) -> frozenset[str]:
    """Return the nouns that, heading a clause's subject, name another entity or work."""
    nouns = {n for ns in config.get("subject_nouns", {}).values() for n in ns}
    return frozenset(n.casefold() for n in nouns | set(config.get("other_entity_nouns", [])))


def _agent_keys(name: str) -> set[str]:
    """Return the ways a maker of the subject may be named: whole, first and last word."""
    bare = strip_disambiguation(name)
    words = [w for w in bare.split() if w.casefold() not in ("the", "a", "an", "of")]
    return {bare.casefold(), words[0].casefold(), words[-1].casefold()} if words else set()


def _link_names(sentences: list[Sentence]) -> tuple[dict[str, str], dict[str, str]]:
    """Map names as later written to the page a wikilink gave: by shown text or target, and
    (for people) by a multi-word target's last word, unless two linked pages share it."""
    exact: dict[str, str] = {}
    last: dict[str, set[str]] = {}
    for sentence in sentences:
        for link in sentence.links:
            if link.annotation or not link.target:
                continue
            target = link.target
            shown = sentence.text[link.start : link.end]
            for key in (shown, target):
                exact.setdefault(" ".join(key.split()).casefold(), target)
            words = strip_disambiguation(target).split()
            if 1 < len(words) < 5 and "," not in target and words[-1][:1].isupper():
                last.setdefault(words[-1].casefold(), set()).add(target)
    surnames = {word: next(iter(ts)) for word, ts in last.items() if len(ts) == 1}
    return exact, surnames
