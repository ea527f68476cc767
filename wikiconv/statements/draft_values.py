"""A draft's item values: every one of them (:func:`item_values`), and a copy of the draft
with some replaced (:func:`with_values`, as :class:`~wikiconv.statements.resolve.Resolver`
fills QIDs) or the draft itself changed (:func:`set_values`, for a draft no one else holds)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import partial

from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    QuantityValue,
    Reference,
    Statement,
    Value,
)


def with_qid(value: ItemValue, qid: str | None) -> ItemValue:
    """Return ``replace(value, qid=qid)``, built directly for a plain :class:`ItemValue`."""
    if type(value) is ItemValue:
        return ItemValue(value.name, qid, value.from_wikilink)
    return replace(value, qid=qid)


def item_values(draft: EntityDraft) -> Iterator[ItemValue]:
    """Yield every item value of a draft: values, units, qualifiers and reference snaks."""

    def of(value: Value) -> Iterator[ItemValue]:
        if isinstance(value, ItemValue):
            yield value
        elif isinstance(value, QuantityValue) and value.unit is not None:
            yield value.unit

    statement: Statement
    for statement in draft.statements:
        yield from of(statement.value)
        for _, qualifier in statement.qualifiers:
            yield from of(qualifier)
        for reference in statement.references:
            for _, snak in reference.snaks:
                yield from of(snak)


def _mapped(found: Mapping[ItemValue, ItemValue], value: Value) -> Value:
    """``value`` with its item (or its quantity's unit) replaced by what ``found`` maps it to."""
    if isinstance(value, ItemValue):
        return found.get(value, value)
    if isinstance(value, QuantityValue) and value.unit is not None:
        return replace(value, unit=found.get(value.unit, value.unit))
    return value


def with_values(draft: EntityDraft, found: Mapping[ItemValue, ItemValue]) -> EntityDraft:
    """Return a copy of the draft with each item value (in units and snaks too) replaced by
    what ``found`` maps it to, if anything."""

    fix = partial(_mapped, found)

    # built field by field (as dataclasses.replace would, without its per-call overhead)
    statements = [
        Statement(
            st.property,
            fix(st.value),
            [Reference([(p, fix(v)) for p, v in r.snaks]) for r in st.references],
            st.provenance,
            st.unsourced,
            [(p, fix(v)) for p, v in st.qualifiers],
        )
        if type(st) is Statement
        else replace(
            st,
            value=fix(st.value),
            qualifiers=[(p, fix(v)) for p, v in st.qualifiers],
            references=[Reference([(p, fix(v)) for p, v in r.snaks]) for r in st.references],
        )
        for st in draft.statements
    ]
    return replace(
        draft,
        labels=dict(draft.labels),
        descriptions=dict(draft.descriptions),
        aliases={k: list(v) for k, v in draft.aliases.items()},
        sitelinks=dict(draft.sitelinks),
        statements=statements,
    )


def set_values(draft: EntityDraft, found: Mapping[ItemValue, ItemValue]) -> None:
    """Replace, in the draft itself, each item value ``found`` maps (what :func:`with_values`
    would copy): for a draft whose statements, qualifier and snak lists are its own."""
    if not found:
        return

    fix = partial(_mapped, found)

    for st in draft.statements:
        st.value = fix(st.value)
        st.qualifiers[:] = [(p, fix(v)) for p, v in st.qualifiers]
        for reference in st.references:
            reference.snaks[:] = [(p, fix(v)) for p, v in reference.snaks]
