"""Extract statements about an article's subject: :func:`extract_statements`.

Sources, in order of trust: explicit data (the front matter's ``wikidata:`` block, a
``property | value`` table in the lead, ``[[property::value]]`` annotations), then the article
itself (title → label and sitelink, bold names → aliases, the lead's copular sentence →
description, instance of and country), then prose patterns from the rule table
(``data/rules.json``; see :mod:`wikiconv.statements.rules`). A statement found twice is kept
once, with the references of both. Every statement carries its provenance and a reference: the
sentence's citations, or else the configurable "imported from" reference, and then
``unsourced`` is set. Items stay unresolved except names the curated offline table knows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from wikiconv.model import Document, Heading, Paragraph, Template, WikiBlock
from wikiconv.statements.draft_values import item_values, set_values
from wikiconv.statements.explicit import annotation_statements, front_matter, lead_tables
from wikiconv.statements.label_lists import label_statements
from wikiconv.statements.lead import (
    Copular,
    bold_names,
    read_copular,
    strip_disambiguation,
)
from wikiconv.statements.prose import prose_statements
from wikiconv.statements.references import CitationIndex, ImportSource, import_reference
from wikiconv.statements.rules import RuleSet, load_rules
from wikiconv.statements.section_lists import section_list_values
from wikiconv.statements.sentences import Sentence, document_sentences
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    Provenance,
    QuantityValue,
    Reference,
    Statement,
    TimeValue,
    Value,
)
from wikiconv.statements.subject_names import subject_ref

__all__ = ["ExtractionOptions", "extract_statements", "value_key"]

_SHORT_RE = re.compile(r"\{\{\s*[Ss]hort description\s*\|([^|{}]*)(?:\|[^{}]*)?\}\}\Z")


@dataclass(slots=True)
class ExtractionOptions:
    """How to extract: rule files, language and site, the provenance reference, resolution."""

    rules_path: str | Path | None = None  # replaces the shipped rules (keeps their config)
    extra_rules: Sequence[str | Path] = ()  # added on top (same format)
    language: str = "en"
    site: str = "enwiki"
    import_source: ImportSource = field(default_factory=ImportSource)
    resolve_offline: bool = True  # fill QIDs the curated table (and mapping) know, no network
    mapping: Mapping[str, str] | None = None
    mapping_file: str | Path | None = None
    prose: bool = True  # apply the rule table to the article's sentences
    title: str | None = None  # overrides Document.title


def value_key(value: Value) -> tuple[object, ...]:
    """Return a key under which equal values (in Wikibase's sense) compare equal."""
    if isinstance(value, ItemValue):
        if value.qid:
            return ("item", value.qid)
        name = " ".join(value.name.replace("_", " ").split())
        return ("item", (name[:1].upper() + name[1:]) if value.from_wikilink else name.casefold())
    if isinstance(value, TimeValue):
        return ("time", value.wikibase_time, value.precision)
    if isinstance(value, QuantityValue):
        unit = value_key(value.unit) if value.unit else None
        return ("quantity", value.amount.lstrip("+"), unit)
    return (type(value).__name__, *(getattr(value, f) for f in value.__slots__))


class _Collector:
    """Statements in order, merged by (property, value); references kept from each source."""

    def __init__(self, draft: EntityDraft, fallback: Reference) -> None:
        self.draft = draft
        self.fallback = fallback
        self.index: dict[tuple[str, tuple[object, ...]], Statement] = {}

    def add(
        self,
        prop: str,
        value: Value,
        provenance: Provenance,
        references: list[Reference],
        qualifiers: Sequence[tuple[str, Value]] = (),
    ) -> None:
        key = (prop, value_key(value))
        known = self.index.get(key)
        if known is None:
            statement = Statement(
                prop,
                value,
                [Reference(list(r.snaks)) for r in references]
                or [Reference(list(self.fallback.snaks))],
                provenance,
                unsourced=not references,
                qualifiers=list(qualifiers),
            )
            self.index[key] = statement
            self.draft.statements.append(statement)
            return
        if references and known.unsourced:
            known.references, known.unsourced = [], False
        for reference in references:
            if reference not in known.references:
                known.references.append(Reference(list(reference.snaks)))
        for qualifier in qualifiers:
            if qualifier not in known.qualifiers:
                known.qualifiers.append(qualifier)

    def drop_coarse_times(self) -> None:
        """Drop a time that a more precise time of the same property already states."""
        times = [s for s in self.draft.statements if isinstance(s.value, TimeValue)]
        keep: list[Statement] = []
        for statement in self.draft.statements:
            value = statement.value
            if isinstance(value, TimeValue) and any(
                other.property == statement.property and _refines(other.value, value)
                for other in times
            ):
                continue
            keep.append(statement)
        self.draft.statements = keep

    def drop_shortened_names(self) -> None:
        """Drop an item written as the first words of another value of the same property
        ("sold the airline to Northcrest" after "belonged to Northcrest Aviation Group"),
        keeping its references on the longer one."""
        longer: dict[tuple[str, str], Statement] = {}  # (property, first words) -> statement
        for statement in self.draft.statements:
            if isinstance(statement.value, ItemValue):
                words = statement.value.name.split(" ")
                for size in range(1, len(words)):
                    longer.setdefault((statement.property, " ".join(words[:size])), statement)
        keep: list[Statement] = []
        for statement in self.draft.statements:
            value = statement.value
            found = None
            if (
                isinstance(value, ItemValue)
                and not value.from_wikilink
                and statement.property in _ENTITY_PROPERTIES  # not "blues" beside "blues rock"
                and statement.provenance.rule not in _EXPLICIT_RULES
            ):
                found = longer.get((statement.property, value.name))
            if found is None:
                keep.append(statement)
                continue
            for reference in statement.references if not statement.unsourced else []:
                if reference not in found.references:
                    found.references.append(reference)
        self.draft.statements = keep


_EXPLICIT_RULES = frozenset({"front-matter", "table", "annotation"})  # what the author stated
# properties whose values are firms or people, written in full once and shortened later
_ENTITY_PROPERTIES = frozenset({"P127", "P749", "P1951", "P264", "P178", "P112", "P123"})


def _refines(fine: Value, coarse: TimeValue) -> bool:
    """Tell whether ``fine`` is a more precise statement of the same time as ``coarse``."""
    if not isinstance(fine, TimeValue) or fine.precision <= coarse.precision:
        return False
    if fine.year != coarse.year:
        return False
    return coarse.precision < 10 or fine.month == coarse.month


def extract_statements(
    doc: Document,
    options: ExtractionOptions | None = None,
    *,
    rules_path: str | Path | None = None,
    extra_rules: Sequence[str | Path] = (),
    notes: list[str] | None = None,
) -> EntityDraft:
    """Return an :class:`EntityDraft` of what the article says about its subject."""
    opts = options or ExtractionOptions()
    if rules_path is not None or extra_rules:
        opts = replace(
            opts,
            rules_path=rules_path or opts.rules_path,
            extra_rules=[*opts.extra_rules, *extra_rules],
        )
    sink: list[str] = notes if notes is not None else []
    ruleset = _ruleset(opts)
    title = opts.title or doc.title
    sentences = document_sentences(doc)
    draft = EntityDraft()
    terms, explicit = front_matter(doc, ruleset, sink)
    lead = [s for s in sentences if not s.section and not s.in_list]
    lead_sentence = next((s for s in lead if s.bold), lead[0] if lead else None)
    label = str(terms.get("label") or (strip_disambiguation(title) if title else ""))
    bold = bold_names(lead_sentence) if lead_sentence else []
    if not label and bold:
        label = bold[0]
    names = [n for n in dict.fromkeys([label, *(bold or []), title or ""]) if n]
    copular = read_copular(lead_sentence, names, ruleset.config) if lead_sentence else None
    _terms(draft, opts, terms, label, bold, title, copular, _short_description(doc))
    fallback = import_reference(opts.import_source, title)
    collector = _Collector(draft, fallback)
    citations = CitationIndex(doc)
    explicit += lead_tables(doc, ruleset, sink) + annotation_statements(sentences, ruleset, sink)
    explicit += label_statements(doc, ruleset, sink)
    by_line = {(s.line, s.column): s for s in sentences}
    for item in explicit:
        sentence = by_line.get((item.line, item.column))
        refs = citations.references(sentence) if sentence else []
        prov = Provenance(doc.source_name, item.line, item.column, item.sentence, item.rule)
        collector.add(item.property, item.value, prov, refs, item.qualifiers)
    if copular is not None and lead_sentence is not None:
        _lead_statements(collector, copular, lead_sentence, citations, doc.source_name)
    if opts.prose:
        group = copular.group if copular else None
        subject = subject_ref(names, label, copular, ruleset, sentences)
        prose_statements(
            collector, sentences, subject, group, ruleset, citations, doc.source_name, names
        )
    if opts.prose:
        group = copular.group if copular else None
        for sentence, prop, value, rule in section_list_values(sentences, group, ruleset.config):
            prov = Provenance(doc.source_name, sentence.line, sentence.column, sentence.text, rule)
            collector.add(prop, value, prov, citations.references(sentence))
    collector.drop_coarse_times()
    collector.drop_shortened_names()
    if opts.resolve_offline:
        draft = _resolve_offline(draft, opts)
    return draft


def _ruleset(opts: ExtractionOptions) -> RuleSet:
    """Load the rule table the options ask for."""
    if opts.rules_path is not None:
        return load_rules([opts.rules_path, *opts.extra_rules], use_default=False)
    return load_rules(opts.extra_rules)


def _terms(
    draft: EntityDraft,
    opts: ExtractionOptions,
    terms: dict[str, object],
    label: str,
    bold: list[str],
    title: str | None,
    copular: Copular | None,
    short: str,
) -> None:
    """Fill labels, descriptions, aliases, sitelink and QID."""
    lang = opts.language
    if isinstance(terms.get("qid"), str):
        draft.qid = str(terms["qid"]).strip().upper()
    if label:
        draft.labels[lang] = label
    description = terms.get("description") or short or (copular.description if copular else "")
    if description:
        draft.descriptions[lang] = str(description)
    extra = terms.get("aliases")
    extra_list = (
        [str(a) for a in extra] if isinstance(extra, list) else ([str(extra)] if extra else [])
    )
    aliases = [a for a in dict.fromkeys([*bold, *extra_list]) if a.casefold() != label.casefold()]
    if aliases:
        draft.aliases[lang] = aliases
    if title:
        draft.sitelinks[opts.site] = title


def _short_description(doc: Document) -> str:
    """Return the text of a ``{{Short description|…}}`` before the first heading, if any."""
    for block in doc.blocks:
        if isinstance(block, Heading):
            break
        raws = [block.wikitext] if isinstance(block, WikiBlock) else []
        if isinstance(block, Paragraph):
            raws = [n.raw for n in block.children if isinstance(n, Template)]
        for raw in raws:
            match = _SHORT_RE.match(raw.strip())
            if match and match.group(1).strip().lower() != "none":
                return " ".join(match.group(1).split())
    return ""


def _lead_statements(
    collector: _Collector,
    copular: Copular,
    sentence: Sentence,
    citations: CitationIndex,
    source: str,
) -> None:
    """Add instance of, occupations, country and location from the copular sentence."""
    refs = citations.references(sentence)

    def add(prop: str, value: ItemValue, rule: str) -> None:
        prov = Provenance(source, sentence.line, sentence.column, sentence.text, rule)
        collector.add(prop, value, prov, refs)

    for value in copular.instance_of:
        add("P31", value, "lead:instance-of")
    for value in copular.occupations:
        add("P106", value, "lead:occupation")
    if copular.country is not None and copular.country_property:
        add(copular.country_property, copular.country, copular.country_rule)
        if copular.country_also:
            add(copular.country_also, copular.country, copular.country_rule)
    for value in copular.genres:
        add("P136", value, "lead:genre")
    if copular.place is not None and copular.place_property:
        add(copular.place_property, copular.place, "lead:place")


def _resolve_offline(draft: EntityDraft, opts: ExtractionOptions) -> EntityDraft:
    """Fill QIDs of names the curated table or the user's mapping knows; no network, no cache."""
    from wikiconv.statements.resolve import Resolver

    resolver = Resolver(
        offline=True,
        use_cache=False,
        mapping=opts.mapping,
        mapping_file=opts.mapping_file,
        use_known_items=False,
    )
    # the shipped table, read and checked once, under the user's entries (as Resolver does);
    # without user entries it is used as it is (a resolver only reads its mapping)
    known = _known_items()
    resolver._mapping = {**known, **resolver._mapping} if resolver._mapping else known
    # as resolver.resolve_draft, but in place: the draft and its lists are this call's own
    with resolver:
        pending = list(dict.fromkeys(v for v in item_values(draft) if v.qid is None))
        found = dict(zip(pending, resolver.resolve_values(pending), strict=True))
    set_values(draft, found)
    return draft


@lru_cache(maxsize=1)
def _known_items() -> dict[str, str]:
    """Return the curated name → QID table, read and checked once per process (not mutated)."""
    from wikiconv.statements.resolve import load_known_items

    return load_known_items()
