"""QuickStatements V1 values: text V1 can carry, quoting, amounts, items and the other
value kinds (see :mod:`wikiconv.statements.quickstatements` for the syntax and its sources);
what cannot be written raises :class:`Unwritable` and is reported as :class:`Skipped`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from wikiconv.statements.statement import (
    ItemValue,
    MonolingualValue,
    QuantityValue,
    Statement,
    StringValue,
    TimeValue,
    Value,
)

_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]+)*")
_SITE_RE = re.compile(r"[a-z][a-z0-9_]*")
_PROPERTY_RE = re.compile(r"P[1-9][0-9]*")
_QID_RE = re.compile(r"Q[1-9][0-9]*")
# What QuickStatements 3 would read as a non-string V1 value (see base.py ``parse_value``).
_V1_NON_TEXT_RE = re.compile(
    r'(?:[QMPL][0-9]+|L[0-9]+-[FS][0-9]+|LAST|somevalue|novalue|".*"|[a-z_-]+:".*"'
    r"|[+-]?[0-9]+-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/?[0-9]*(?:/J)?"
    r"|@.*|[+-]?[0-9]+(?:\.[0-9]+)?(?:\s*~\s*[+-]?[0-9]+(?:\.[0-9]+)?)?(?:U[0-9]+)?)",
    re.DOTALL,
)


class Unwritable(ValueError):
    """A value QuickStatements cannot carry (unresolved item, bad text, bad amount)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something not written, and why (``part``: statement, reference snak, label, …)."""

    subject: str  # the QID, or "LAST (label)" for a new item
    property: str
    value: str
    reason: str
    part: str = "statement"
    statement: Statement | None = None


# -- values ----------------------------------------------------------------------------------


def check_text(text: str) -> str:
    """Return ``text`` if V1 can carry it between quotes, else raise :class:`Unwritable`."""
    if not text:
        raise Unwritable("empty text")
    if any(c in text for c in "\t\n\r\v\f\x85\u2028\u2029"):
        raise Unwritable("text contains a tab or a line break")
    if text != text.strip():
        raise Unwritable("text has leading or trailing blanks")
    if len(text) >= 4 and text.startswith('""') and text.endswith('""'):
        raise Unwritable('text both starts and ends with ""')
    return text


def quote(text: str) -> str:
    """Return a V1 string literal (no escaping exists; inner quotes stay as they are)."""
    return f'"{check_text(text)}"'


def v1_amount(amount: str) -> str:
    """Return a quantity amount in the plain signed decimal form V1 reads."""
    try:
        number = Decimal(amount.strip())
    except InvalidOperation:
        raise Unwritable(f"amount {amount!r} is not a number") from None
    if not number.is_finite():
        raise Unwritable(f"amount {amount!r} is not finite")
    text = format(number, "f")
    return text if text.startswith("-") else "+" + text


def item_qid(value: ItemValue) -> str:
    """Return the QID of an item value, or raise :class:`Unwritable` if it is unresolved."""
    if value.qid is None:
        raise Unwritable(f"unresolved item {value.name!r}")
    if not _QID_RE.fullmatch(value.qid):
        raise Unwritable(f"not a QID: {value.qid!r}")
    return value.qid


def v1_value(value: Value) -> str:
    """Return a value in V1 syntax, or raise :class:`Unwritable`."""
    if isinstance(value, ItemValue):
        return item_qid(value)
    if isinstance(value, TimeValue):
        if value.precision not in (9, 10, 11):
            raise Unwritable(f"time precision {value.precision} is not 9, 10 or 11")
        return f"{value.wikibase_time}/{value.precision}"
    if isinstance(value, QuantityValue):
        amount = v1_amount(value.amount)
        return amount if value.unit is None else f"{amount}U{item_qid(value.unit)[1:]}"
    if isinstance(value, StringValue):
        return quote(value.text)
    if isinstance(value, MonolingualValue):
        if not _LANGUAGE_RE.fullmatch(value.language):
            raise Unwritable(f"language code {value.language!r}")
        return f"{value.language}:{quote(value.text)}"
    raise Unwritable(f"unknown value type {type(value).__name__}")


def describe(value: Value) -> str:
    """Return a short human-readable form of a value for reports."""
    if isinstance(value, ItemValue):
        return value.qid or value.name
    if isinstance(value, TimeValue):
        return f"{value.wikibase_time}/{value.precision}"
    if isinstance(value, QuantityValue):
        unit = "" if value.unit is None else f" {describe(value.unit)}"
        return value.amount + unit
    if isinstance(value, StringValue):
        return value.text
    if isinstance(value, MonolingualValue):
        return f"{value.language}:{value.text}"
    return repr(value)
