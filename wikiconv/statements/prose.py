"""Apply the rule table to an article's sentences: :func:`prose_statements`.

Keeps what the sentences before say about who is who: whether the subject was just spoken of
(for "it"), the person "he"/"she" stands for, and the subject's makers (developers, founders)
whose sentences may speak about it.

Only what can change the result is done: a sentence is tried with the patterns whose strings
it has (:class:`~wikiconv.statements.rule_matching.PatternIndex`), those that do not depend on
the clause analysis first (:func:`~wikiconv.statements.rule_matching.early_matches`); its
clauses are analysed only when it, or a later sentence of its paragraph, may find something,
and only its main clause when it finds nothing itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from wikiconv.statements.lead import known_items, strip_disambiguation
from wikiconv.statements.person_names import expand_surname, full_names
from wikiconv.statements.references import CitationIndex
from wikiconv.statements.rule_context import MatchContext, trailing_name
from wikiconv.statements.rule_matching import early_matches
from wikiconv.statements.rules import RuleSet, apply_rules
from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    Provenance,
    Reference,
    TimeValue,
    Value,
)
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
    linked: tuple[dict[str, str], dict[str, str], dict[str, str]] | None = None  # when needed
    written: dict[str, str] | None = None  # last name -> full name written (when needed)
    countries = known_items().countries
    subject_names = {n.casefold() for n in subject.names}
    prev_ours, paragraph = True, -1
    config = ruleset.config
    person_properties = ruleset.derived(
        "person_properties", lambda: frozenset(config.get("person_properties", []))
    )
    persons: set[str] = set()
    full: dict[str, str] = {}  # a person's last name -> the full name first read
    ctx = MatchContext(
        subject,
        other_nouns=ruleset.derived("other_nouns", lambda: _other_nouns(config)),
        role_nouns=ruleset.derived(
            "role_nouns", lambda: frozenset(o.lower() for o in config.get("occupations", []))
        ),
    )
    agent_properties = ruleset.derived(
        "agent_properties", lambda: frozenset(config.get("agent_properties", []))
    )
    for statement in collector.draft.statements:  # "developed by Vantrel Systems" in the lead
        if statement.property in agent_properties and isinstance(statement.value, ItemValue):
            ctx.agents |= _agent_keys(statement.value.name)
    fallback_rules = ruleset.derived(
        "fallback_rules", lambda: frozenset(r.id for r in ruleset.rules if r.fallback)
    )
    deferred: list[tuple[str, Value, Provenance, list[Reference], Any]] = []
    counts: list[tuple[str, Value, Provenance, list[Reference], Any]] = []  # kept if newest
    family_first = ruleset.derived(
        "family_first", lambda: frozenset(config.get("family_name_first", []))
    )
    latest_only = ruleset.derived(
        "latest_only", lambda: frozenset(config.get("latest_only_properties", []))
    )
    found = [compiled.candidates(sentence.text) for sentence in sentences]  # may match
    # what the patterns that need no clause analysis match, found first: a sentence where
    # they match nothing (and no pattern is tried at clause starts) finds nothing
    early = [
        early_matches(c, s.text, group) if c else [] for s, c in zip(sentences, found, strict=True)
    ]
    live = [any(m is None or m for m in e) for e in early]
    needed = _needed(sentences, live)
    for sentence, candidates, known, alive, need in zip(
        sentences, found, early, live, needed, strict=True
    ):
        if not need:
            continue  # neither it nor a later sentence of its paragraph can find anything
        if sentence.paragraph != paragraph:
            paragraph, prev_ours = sentence.paragraph, not sentence.in_list
            ctx.antecedent = ""
        # when it finds nothing, only the main clause matters (for ``prev_ours``)
        analysis = analyse(sentence.text, subject, prev_ours, main_only=not alive)
        ctx.prev_ours = prev_ours
        hits = (
            []
            if not alive
            else apply_rules(
                compiled,
                sentence,
                analysis,
                group,
                subject_names,
                countries,
                prev_ours,
                candidates,
                ctx,
                known,
            )
        )
        for hit in hits:
            if hit.property in person_properties and isinstance(hit.value, ItemValue):
                persons.add(hit.value.name.casefold())
            if hit.property in agent_properties and isinstance(hit.value, ItemValue):
                ctx.agents |= _agent_keys(hit.value.name)
                ctx.antecedent = hit.value.name  # "… created by A. He began …"
        for hit in hits:  # "Lindsay" later stands for "Morag Lindsay", "Kim" for "Kim Seo-yeon"
            if hit.property in person_properties and isinstance(hit.value, ItemValue):
                words = hit.value.name.split()
                if len(words) > 1:
                    full[words[-1]] = hit.value.name
                    if words[0] in family_first:
                        full[words[0]] = hit.value.name
        if not analysis.main_ours:
            named = trailing_name(analysis.main_subject)
            ctx.antecedent = full.get(named, named) or ctx.antecedent
        prev_ours = analysis.main_ours or _keeps_topic(
            analysis.main_subject, sentence.text, subject, group, persons, ctx.role_nouns, config
        )
        if not hits:
            continue
        refs = citations.references(sentence)
        for hit in hits:
            prov = Provenance(source, sentence.line, sentence.column, sentence.text, hit.rule)
            value = hit.value
            if isinstance(value, ItemValue) and not value.from_wikilink:
                surnames = hit.property in person_properties or hit.property in agent_properties
                if linked is None:
                    linked = _link_names(sentences)
                target = linked[0].get(value.name.casefold()) or (
                    linked[1].get(value.name.casefold())
                    if surnames
                    else linked[2].get(value.name.casefold())  # "Merge" for [[Merge Records]]
                )
                if surnames and not target and " " not in value.name:  # "Wibowo"
                    if written is None:
                        written = full_names(sentences)
                    value = ItemValue(full.get(value.name) or expand_surname(value.name, written))
                value = ItemValue(target, from_wikilink=True) if target else value
            if hit.property in latest_only:
                counts.append((hit.property, value, prov, refs, hit.qualifiers))
            elif hit.rule in fallback_rules:
                deferred.append((hit.property, value, prov, refs, hit.qualifiers))
            else:
                collector.add(hit.property, value, prov, refs, hit.qualifiers)
    newest: dict[str, tuple[int, int, int]] = {}
    for prop, _value, _prov, _refs, qualifiers in counts:
        newest[prop] = max(newest.get(prop, (0, 0, 0)), _as_of_key(qualifiers))
    for prop, value, prov, refs, qualifiers in counts:  # "By 1970 it had 350 workers" is
        if _as_of_key(qualifiers) == newest[prop]:  # dropped beside a later count
            collector.add(prop, value, prov, refs, qualifiers)
    given = {s.property for s in collector.draft.statements}
    for prop, value, prov, refs, qualifiers in deferred:  # "opened in 1987" when no founding
        if prop not in given:
            collector.add(prop, value, prov, refs, qualifiers)


def _as_of_key(qualifiers: Sequence[tuple[str, Value]]) -> tuple[int, int, int]:
    """Order counts by their point in time; a count with none is taken as the current one."""
    for _prop, value in qualifiers:
        if isinstance(value, TimeValue):
            return (value.year, value.month, value.day)
    return (10**6, 0, 0)


def _needed(sentences: list[Sentence], live: list[bool]) -> list[bool]:
    """Tell, for each sentence, whether it may find something (``live``) or a later sentence
    of its paragraph may: what a sentence says about who is who only matters until the
    paragraph ends, so the trailing sentences of a paragraph that find nothing need not be
    read."""
    out = [False] * len(sentences)
    later = False
    for number in range(len(sentences) - 1, -1, -1):
        after = number + 1
        if after < len(sentences) and sentences[after].paragraph != sentences[number].paragraph:
            later = False
        later = later or live[number]
        out[number] = later
    return out


def _keeps_topic(
    main_subject: str,
    text: str,
    subject: SubjectRef,
    group: str | None,
    persons: set[str],
    role_nouns: frozenset[str],
    config: Mapping[str, Any],
) -> bool:
    """Tell whether a sentence whose main clause is not about the subject still leaves it the
    topic, so that the next sentence's "it" is the subject."""
    first = _first_word(main_subject)
    if (  # "it" is never a person: "Dylan Field has served as …", "Comedian A devised the show"
        group != "human"
        and (main_subject.casefold() in persons or first in role_nouns)
        and subject.mentioned(text)
    ):
        return True
    if possessive_topic(main_subject, subject, config):
        return True
    if (  # "The player commands an airship.", not "Critics praised its sequel."
        "they" not in subject.pronouns
        and people_topic(text, config)
        and not _names_other_party(text)
    ):
        return True
    # "In 2017 the Vilaplana family sold the company to …", not "The X's rival …"
    return (
        first == "the"
        and not any(p in main_subject for p in _POSSESSIVE)
        and subject.mentioned(text)
    )


def possessive_topic(main_subject: str, subject: SubjectRef, config: Mapping[str, Any]) -> bool:
    """Tell whether a clause's subject is the subject's own thing ("Their debut EP"), which
    keeps the subject the topic, unless it is another party ("Its rival", "His father")."""
    words = main_subject.split()
    if not words:
        return False
    if words[0].casefold() not in {p.casefold() for p in subject.possessives}:
        cut = min((main_subject.find(p) for p in _POSSESSIVE if p in main_subject), default=-1)
        named = subject.match_at(main_subject, 0, cut) if cut > 0 else None
        if named is None or named[1] or named[0] != cut:
            return False  # not "The newspaper's offices are on …"
    others = config.get("other_party_nouns", [])
    return not any(w.casefold().strip(",") in others for w in words[1:])


def _names_other_party(text: str) -> bool:
    """Tell whether a sentence names another work or firm "it" could be ("its sequel")."""
    return any(word.strip(",.;").casefold() in _OTHER_WORKS for word in text.split())


_OTHER_WORKS = frozenset(
    "sequel sequels prequel remake spin-off spinoff adaptation rival competitor successor "
    "predecessor".split()
)


def _first_word(text: str) -> str:
    """Return the first word of ``text``, case-folded ("" if none)."""
    words = text.split(maxsplit=1)
    return words[0].casefold() if words else ""


def people_topic(text: str, config: Mapping[str, Any]) -> bool:
    """Tell whether a sentence opens on people ("The player commands …", "Users can …"),
    whom the next sentence's "it" cannot mean."""
    words = text.casefold().split(maxsplit=2)
    if words[:1] in (["the"], ["most"], ["many"], ["some"]):
        words = words[1:]
    return bool(words) and words[0] in config.get("people_topics", [])


_POSSESSIVE = ("'s", "’s")


def _other_nouns(config: Mapping[str, Any]) -> frozenset[str]:
    """Return the nouns that, heading a clause's subject, name another entity or work."""
    nouns = {n for ns in config.get("subject_nouns", {}).values() for n in ns}
    return frozenset(n.casefold() for n in nouns | set(config.get("other_entity_nouns", [])))


def _agent_keys(name: str) -> set[str]:
    """Return the ways a maker of the subject may be named: whole, first and last word."""
    bare = strip_disambiguation(name)
    words = [w for w in bare.split() if w.casefold() not in ("the", "a", "an", "of")]
    return {bare.casefold(), words[0].casefold(), words[-1].casefold()} if words else set()


def _link_names(
    sentences: list[Sentence],
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Map names as later written to the page a wikilink gave: by shown text or target, (for
    people) by a multi-word target's last word, unless two linked pages share it, and (for
    firms) by a target without its last word when that is a firm's suffix ("Merge" for
    "Merge Records")."""
    exact: dict[str, str] = {}
    last: dict[str, set[str]] = {}
    short: dict[str, set[str]] = {}
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
            if 1 < len(words) < 5 and words[-1] in _FIRM_SUFFIXES:
                short.setdefault(" ".join(words[:-1]).casefold(), set()).add(target)
    surnames = {word: next(iter(ts)) for word, ts in last.items() if len(ts) == 1}
    firms = {name: next(iter(ts)) for name, ts in short.items() if len(ts) == 1}
    return exact, surnames, firms


_FIRM_SUFFIXES = frozenset(  # words a firm's name drops without naming another firm ("Sony
    # Music" is not Sony)
    "Records Recordings Group Holdings Ventures Capital Partners Inc Ltd Limited Corporation "
    "Company AG GmbH plc".split()
)
