"""De-duplicate an entity draft against the entity as it already exists in Wikibase.

``dedupe(draft, existing)`` drops every statement whose property and value the entity already
has and returns, for each such existing statement, the draft's references it lacks (with the
existing statement's GUID, ready for ``wbsetreference``). Terms already present are dropped too.

Value equality is Wikibase's meaning, not its spelling:

* items compare by QID (``id`` or ``numeric-id``);
* times compare by precision, calendar model and only the fields that precision keeps, so
  ``+2003-00-00T00:00:00Z/9`` equals ``+2003-01-01T00:00:00Z/9`` (a different precision is a
  different value);
* quantities compare by amount as a decimal (``+120`` equals ``120.0``) and unit;
* strings by text, monolingual text by text and language.

A draft statement with qualifiers matches an existing one only if the existing statement has at
least those qualifiers; an item value that is still unresolved never matches anything.
A reference counts as present when an existing reference carries the same reference URL (P854);
else the same Wikimedia import URL (P4656), or "imported from" (P143) the same wiki with no
import URL at all; else exactly the same snaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

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
from wikiconv.statements.wikibase_json import ENTITY_PREFIX, GREGORIAN

# A comparable key for a value: a tuple, or None when the value cannot be compared.
Key = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class AddedReference:
    """A reference to add to an existing statement (``statement_id`` is its GUID)."""

    statement_id: str
    property: str
    reference: Reference
    statement: Statement  # the draft statement the reference came from


def dedupe(
    draft: EntityDraft, existing: Mapping[str, Any]
) -> tuple[EntityDraft, list[AddedReference]]:
    """Drop what ``existing`` (wbgetentities JSON) already says; return the missing references."""
    claims = existing.get("claims") or {}
    kept: list[Statement] = []
    added: list[AddedReference] = []
    present_by_claim: dict[int, list[set[tuple[str, Key]]]] = {}
    for statement in draft.statements:
        match = _find_existing(statement, claims.get(statement.property) or [])
        if match is None:
            kept.append(statement)
            continue
        present = present_by_claim.setdefault(
            id(match), [_reference_keys(ref) for ref in match.get("references") or []]
        )
        for reference in statement.references:
            identity = _draft_reference_identity(reference)
            if identity is None or any(identity.covered_by(keys) for keys in present):
                continue
            present.append(set(identity.pairs))
            added.append(
                AddedReference(str(match.get("id", "")), statement.property, reference, statement)
            )
    labels, descriptions, aliases = _new_terms(draft, existing)
    sitelinks = {
        site: title
        for site, title in draft.sitelinks.items()
        if site not in (existing.get("sitelinks") or {})
    }
    qid = draft.qid or (existing.get("id") if isinstance(existing.get("id"), str) else None)
    new_draft = replace(
        draft,
        qid=qid,
        labels=labels,
        descriptions=descriptions,
        aliases=aliases,
        sitelinks=sitelinks,
        statements=kept,
    )
    return new_draft, added


# -- terms -----------------------------------------------------------------------------------


def _term_values(block: Any) -> dict[str, list[str]]:
    """Read a labels/descriptions/aliases block into ``{language: [values]}``."""
    out: dict[str, list[str]] = {}
    if not isinstance(block, Mapping):
        return out
    for language, entry in block.items():
        entries = entry if isinstance(entry, list) else [entry]
        for item in entries:
            value = item.get("value") if isinstance(item, Mapping) else item
            if isinstance(value, str):
                out.setdefault(str(language), []).append(value)
    return out


def _new_terms(
    draft: EntityDraft, existing: Mapping[str, Any]
) -> tuple[dict[str, str], dict[str, str], dict[str, list[str]]]:
    """Keep only new terms; a label that would overwrite a different one becomes an alias."""
    old_labels = _term_values(existing.get("labels"))
    old_descriptions = _term_values(existing.get("descriptions"))
    old_aliases = _term_values(existing.get("aliases"))
    labels: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    for language, label in draft.labels.items():
        if language not in old_labels:
            labels[language] = label
        elif label not in old_labels[language]:
            aliases.setdefault(language, []).append(label)  # never overwrite a label
    descriptions = {
        language: text
        for language, text in draft.descriptions.items()
        if language not in old_descriptions  # never overwrite a description
    }
    for language, names in draft.aliases.items():
        for name in names:
            aliases.setdefault(language, []).append(name)
    result: dict[str, list[str]] = {}
    for language, names in aliases.items():
        taken = set(old_aliases.get(language, [])) | set(old_labels.get(language, []))
        taken |= {labels[language]} if language in labels else set()
        fresh = [n for n in dict.fromkeys(names) if n not in taken]
        if fresh:
            result[language] = fresh
    return labels, descriptions, result


# -- statements ------------------------------------------------------------------------------


def _find_existing(statement: Statement, existing: Iterable[Any]) -> Mapping[str, Any] | None:
    """Return the existing statement with the same value (and at least the same qualifiers)."""
    key = value_key(statement.value)
    if key is None:
        return None
    wanted = [(p, value_key(v)) for p, v in statement.qualifiers]
    if any(k is None for _, k in wanted):
        return None
    for claim in existing:
        if not isinstance(claim, Mapping) or claim.get("rank") == "deprecated":
            continue
        if snak_key(claim.get("mainsnak")) != key:
            continue
        qualifiers = claim.get("qualifiers") or {}
        have = {(p, snak_key(s)) for p, snaks in qualifiers.items() for s in snaks or []}
        if all(q in have for q in wanted):
            return claim
    return None


def value_key(value: Value) -> Key | None:
    """Return a key equal for equal draft values, or ``None`` if the value is not comparable."""
    if isinstance(value, ItemValue):
        return ("item", value.qid) if value.qid else None
    if isinstance(value, TimeValue):
        return _time_key(value.wikibase_time, value.precision, GREGORIAN)
    if isinstance(value, QuantityValue):
        if value.unit is not None and value.unit.qid is None:
            return None
        unit = ENTITY_PREFIX + value.unit.qid if value.unit is not None and value.unit.qid else "1"
        return _quantity_key(value.amount, unit)
    if isinstance(value, StringValue):
        return ("string", value.text)
    if isinstance(value, MonolingualValue):
        return ("monolingualtext", value.text, value.language)
    return None


def snak_key(snak: Any) -> Key | None:
    """Return the key of a Wikibase snak JSON (``None`` for somevalue/novalue or odd shapes)."""
    if not isinstance(snak, Mapping) or snak.get("snaktype", "value") != "value":
        return None
    datavalue = snak.get("datavalue")
    if not isinstance(datavalue, Mapping):
        return None
    kind, value = datavalue.get("type"), datavalue.get("value")
    if kind == "wikibase-entityid" and isinstance(value, Mapping):
        qid = value.get("id")
        if not qid and value.get("numeric-id") is not None:
            qid = f"Q{value['numeric-id']}"
        return ("item", qid) if qid else None
    if kind == "time" and isinstance(value, Mapping):
        try:
            precision = int(value.get("precision", 11))
        except (TypeError, ValueError):
            return None
        return _time_key(str(value.get("time", "")), precision, value.get("calendarmodel"))
    if kind == "quantity" and isinstance(value, Mapping):
        return _quantity_key(str(value.get("amount", "")), str(value.get("unit", "1")))
    if kind == "string" and isinstance(value, str):
        return ("string", value)
    if kind == "monolingualtext" and isinstance(value, Mapping):
        return ("monolingualtext", value.get("text"), value.get("language"))
    return None


def _time_key(time: str, precision: int, calendar: Any) -> Key | None:
    """Key a Wikibase time string on the fields its precision keeps."""
    sign = "-" if time.startswith("-") else "+"
    body = time.lstrip("+-")
    try:
        date = body.split("T", 1)[0]
        year_text, month_text, day_text = date.split("-")
        year, month, day = int(year_text), int(month_text), int(day_text)
    except ValueError:
        return None
    kept = (year, month if precision >= 10 else 0, day if precision >= 11 else 0)
    return ("time", sign if year else "+", kept, precision, calendar or GREGORIAN)


def _quantity_key(amount: str, unit: str) -> Key | None:
    """Key a quantity on its decimal amount and its unit."""
    try:
        number = Decimal(amount)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return ("quantity", number.normalize() if number else Decimal(0), unit or "1")


# -- references ------------------------------------------------------------------------------


def _reference_keys(reference: Any) -> set[tuple[str, Key]]:
    """Return the (property, value key) pairs of an existing reference JSON."""
    keys: set[tuple[str, Key]] = set()
    snaks = reference.get("snaks") if isinstance(reference, Mapping) else None
    for prop, group in (snaks or {}).items():
        for snak in group or []:
            key = snak_key(snak)
            if key is not None:
                keys.add((str(prop), key))
    return keys


@dataclass(frozen=True, slots=True)
class _Identity:
    """What makes a draft reference the same as an existing one."""

    by: str  # "P854", "P4656" or "" (all snaks)
    ident: frozenset[tuple[str, Key]]
    pairs: frozenset[tuple[str, Key]]

    def covered_by(self, existing: set[tuple[str, Key]]) -> bool:
        """Tell whether an existing reference already carries this one."""
        if self.by == "P854":
            return self.ident <= existing
        if self.by == "P4656":
            if self.ident <= existing:
                return True
            # "imported from" the same wiki, without any import URL, says the same thing
            imported = {pair for pair in self.pairs if pair[0] == "P143"}
            has_url = any(pair[0] == "P4656" for pair in existing)
            return bool(imported) and imported <= existing and not has_url
        return self.pairs == existing


def _draft_reference_identity(reference: Reference) -> _Identity | None:
    """Return how to recognise a draft reference, or ``None`` if it has no comparable snak."""
    pairs = frozenset((p, k) for p, v in reference.snaks if (k := value_key(v)) is not None)
    if not pairs:
        return None
    for identifying in ("P854", "P4656"):
        ident = frozenset(pair for pair in pairs if pair[0] == identifying)
        if ident:
            return _Identity(identifying, ident, pairs)
    return _Identity("", pairs, pairs)
