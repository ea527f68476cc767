"""Write entity drafts as Wikibase JSON: ``wbeditentity`` data, and a plain statements array.

``entity_json(draft)`` is one entity in the shape ``wbeditentity`` takes as ``data`` (and
``wbgetentities`` returns): ``labels``/``descriptions`` ``{lang: {language, value}}``,
``aliases`` ``{lang: [{language, value}]}``, ``sitelinks`` ``{site: {site, title, badges}}``
and ``claims`` ``{P: [statement]}``, each statement with a ``mainsnak``, ``type: statement``,
``rank: normal``, ``qualifiers``/``qualifiers-order`` and ``references`` as
``[{"snaks": {P: [snak]}, "snaks-order": [P]}]``. Statement ids are left out (Wikibase assigns
them), and so is the entity ``id``: pass ``id=Q…`` or ``new=item`` to ``wbeditentity``.
See https://www.mediawiki.org/wiki/Wikibase/DataModel/JSON and
https://www.wikidata.org/w/api.php?action=help&modules=wbeditentity.

Statements with the same property, value and qualifiers are merged into one claim carrying all
their references, so no reference is lost and no duplicate claim is made. A statement whose
item value, quantity unit or item qualifier is unresolved is left out and reported in
``skipped``; an unresolved item in a reference drops that snak only (also reported). No fake id
is ever written. For an existing item, run :func:`wikiconv.statements.dedupe.dedupe` first:
``wbeditentity`` sets the labels, descriptions and sitelinks it is given.

``statements_json(drafts)`` is the statement model as a JSON array for review and tooling: each
statement with its subject, ``property``, ``datatype``, ``value`` (items: the page title or name
as written; times: ISO date and precision; quantities: amount and unit), ``qid`` (or null),
``qualifiers``, ``references`` and ``source`` (the provenance).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wikiconv.statements.quickstatements import (
    Skipped,
    Unwritable,
    describe,
    item_qid,
    v1_amount,
)
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    MonolingualValue,
    QuantityValue,
    Reference,
    Statement,
    StringValue,
    TimeValue,
    Value,
)

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
ENTITY_PREFIX = "http://www.wikidata.org/entity/"


def datavalue(value: Value) -> dict[str, Any]:
    """Return the Wikibase ``datavalue`` of a value, or raise :class:`Unwritable`."""
    if isinstance(value, ItemValue):
        qid = item_qid(value)
        return {
            "type": "wikibase-entityid",
            "value": {"entity-type": "item", "id": qid, "numeric-id": int(qid[1:])},
        }
    if isinstance(value, TimeValue):
        if value.precision not in (9, 10, 11):
            raise Unwritable(f"time precision {value.precision} is not 9, 10 or 11")
        return {
            "type": "time",
            "value": {
                "time": value.wikibase_time,
                "timezone": 0,
                "before": 0,
                "after": 0,
                "precision": value.precision,
                "calendarmodel": GREGORIAN,
            },
        }
    if isinstance(value, QuantityValue):
        unit = "1" if value.unit is None else ENTITY_PREFIX + item_qid(value.unit)
        return {"type": "quantity", "value": {"amount": v1_amount(value.amount), "unit": unit}}
    if isinstance(value, StringValue):
        if not value.text:
            raise Unwritable("empty string")
        return {"type": "string", "value": value.text}
    if isinstance(value, MonolingualValue):
        if not value.text or not value.language:
            raise Unwritable("empty monolingual text or language")
        return {
            "type": "monolingualtext",
            "value": {"text": value.text, "language": value.language},
        }
    raise Unwritable(f"unknown value type {type(value).__name__}")


def snak(prop: str, value: Value) -> dict[str, Any]:
    """Return a value snak, or raise :class:`Unwritable`."""
    return {"snaktype": "value", "property": prop, "datavalue": datavalue(value)}


def _snak_group(pairs: Sequence[tuple[str, Value]]) -> tuple[dict[str, list[Any]], list[str]]:
    """Group snaks by property as Wikibase does: ``{P: [snak]}`` plus the property order."""
    snaks: dict[str, list[Any]] = {}
    for prop, value in pairs:
        snaks.setdefault(prop, []).append(snak(prop, value))
    return snaks, list(snaks)


def _reference_json(
    reference: Reference, subject: str, statement: Statement, skipped: list[Skipped]
) -> dict[str, Any] | None:
    """Return a reference, dropping (and reporting) the snaks that cannot be written."""
    pairs: list[tuple[str, Value]] = []
    for prop, value in reference.snaks:
        try:
            snak(prop, value)
        except Unwritable as exc:
            skipped.append(
                Skipped(
                    subject,
                    f"{statement.property}/{prop}",
                    describe(value),
                    str(exc),
                    "reference snak",
                    statement,
                )
            )
            continue
        pairs.append((prop, value))
    if not pairs:
        return None
    snaks, order = _snak_group(pairs)
    return {"snaks": snaks, "snaks-order": order}


def _subject(draft: EntityDraft) -> str:
    """Name a draft in reports."""
    if draft.qid:
        return draft.qid
    label = draft.labels.get("en") or next(iter(draft.labels.values()), "")
    return f"new item ({label})" if label else "new item"


def entity_json(draft: EntityDraft, *, skipped: list[Skipped] | None = None) -> dict[str, Any]:
    """Return the draft as ``wbeditentity`` data; the unwritable is appended to ``skipped``."""
    sink: list[Skipped] = [] if skipped is None else skipped
    subject = _subject(draft)
    entity: dict[str, Any] = {}
    if draft.labels:
        entity["labels"] = {
            lang: {"language": lang, "value": text} for lang, text in draft.labels.items()
        }
    if draft.descriptions:
        entity["descriptions"] = {
            lang: {"language": lang, "value": text} for lang, text in draft.descriptions.items()
        }
    aliases = {
        lang: [{"language": lang, "value": name} for name in dict.fromkeys(names)]
        for lang, names in draft.aliases.items()
        if names
    }
    if aliases:
        entity["aliases"] = aliases
    if draft.sitelinks:
        entity["sitelinks"] = {
            site: {"site": site, "title": title, "badges": []}
            for site, title in draft.sitelinks.items()
        }
    claims: dict[str, list[dict[str, Any]]] = {}
    merged: dict[str, dict[str, Any]] = {}  # same property, value and qualifiers: one claim
    for statement in draft.statements:
        try:
            mainsnak = snak(statement.property, statement.value)
            qualifiers, qualifiers_order = _snak_group(statement.qualifiers)
        except Unwritable as exc:
            sink.append(
                Skipped(
                    subject,
                    statement.property,
                    describe(statement.value),
                    str(exc),
                    "statement",
                    statement,
                )
            )
            continue
        references = [
            ref
            for reference in statement.references
            if (ref := _reference_json(reference, subject, statement, sink)) is not None
        ]
        key = repr((mainsnak, sorted(qualifiers.items())))
        claim = merged.get(key)
        if claim is None:
            claim = {"mainsnak": mainsnak, "type": "statement", "rank": "normal"}
            if qualifiers:
                claim["qualifiers"] = qualifiers
                claim["qualifiers-order"] = qualifiers_order
            claim["references"] = []
            merged[key] = claim
            claims.setdefault(statement.property, []).append(claim)
        for ref in references:
            if ref not in claim["references"]:
                claim["references"].append(ref)
    if claims:
        entity["claims"] = claims
    return entity


# -- the statements array --------------------------------------------------------------------


def _iso(value: TimeValue) -> str:
    """Return an ISO 8601 date cut at the value's precision (``2018``, ``2018-12``, …)."""
    sign = "-" if value.year < 0 else ""
    year = f"{sign}{abs(value.year):04d}"
    if value.precision <= 9:
        return year
    if value.precision == 10:
        return f"{year}-{value.month:02d}"
    return f"{year}-{value.month:02d}-{value.day:02d}"


def value_json(value: Value) -> dict[str, Any]:
    """Return ``datatype``, ``value`` and ``qid`` of a value for the statements array."""
    if isinstance(value, ItemValue):
        return {
            "datatype": "wikibase-item",
            "value": value.name,
            "qid": value.qid,
            "from_wikilink": value.from_wikilink,
        }
    if isinstance(value, TimeValue):
        return {
            "datatype": "time",
            "value": {
                "time": _iso(value),
                "precision": value.precision,
                "wikibase": value.wikibase_time,
            },
            "qid": None,
        }
    if isinstance(value, QuantityValue):
        unit = None if value.unit is None else value_json(value.unit)
        return {
            "datatype": "quantity",
            "value": {
                "amount": value.amount,
                "unit": None if unit is None else unit["value"],
                "unit_qid": None if unit is None else unit["qid"],
            },
            "qid": None,
        }
    if isinstance(value, StringValue):
        return {"datatype": "string", "value": value.text, "qid": None}
    if isinstance(value, MonolingualValue):
        return {
            "datatype": "monolingualtext",
            "value": {"text": value.text, "language": value.language},
            "qid": None,
        }
    raise TypeError(f"unknown value type {type(value).__name__}")


def statements_json(drafts: Sequence[EntityDraft]) -> list[dict[str, Any]]:
    """Return every statement of the drafts as a JSON-ready dict (see the module docstring)."""
    out: list[dict[str, Any]] = []
    for draft in drafts:
        subject = {
            "qid": draft.qid,
            "label": draft.labels.get("en") or next(iter(draft.labels.values()), None),
            "sitelinks": dict(draft.sitelinks),
        }
        for statement in draft.statements:
            provenance = statement.provenance
            out.append(
                {
                    "subject": subject,
                    "property": statement.property,
                    **value_json(statement.value),
                    "qualifiers": [
                        {"property": p, **value_json(v)} for p, v in statement.qualifiers
                    ],
                    "references": [
                        [{"property": p, **value_json(v)} for p, v in reference.snaks]
                        for reference in statement.references
                    ],
                    "unsourced": statement.unsourced,
                    "source": {
                        "source_name": provenance.source_name,
                        "line": provenance.line,
                        "column": provenance.column,
                        "sentence": provenance.sentence,
                        "rule": provenance.rule,
                    },
                }
            )
    return out
