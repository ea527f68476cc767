"""Strict parsers of QuickStatements V1 commands and QuickStatements CSV, for tests.

Stricter than QuickStatements itself (https://www.wikidata.org/wiki/Help:QuickStatements and the
parsers in magnusmanske/quickstatements and QuickStatements 3): every line and cell must be
well formed, or :class:`QSSyntaxError` says where and why.

V1 lines (TAB-separated):

* ``CREATE`` alone;
* ``ENTITY<TAB>Lxx|Dxx|Axx<TAB>"text"`` and ``ENTITY<TAB>Ssitewiki<TAB>"title"`` (terms);
* ``ENTITY<TAB>Pnnn<TAB>VALUE`` then qualifier pairs ``Pnnn<TAB>VALUE`` then source pairs
  ``Snnn<TAB>VALUE`` (no qualifier after a source).

ENTITY is ``Qnnn`` or ``LAST`` (only after a ``CREATE``). VALUE is ``Qnnn``, a quoted string
(no TAB, no line break, no blank at either end, not empty), ``lang:"text"``, a time
``[+-]YYYY-MM-DDT00:00:00Z/P`` with P 9, 10 or 11 and the fields below P zero (and the kept
ones valid), or a quantity ``[+-]digits[.digits][Unnn]``.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from dataclasses import dataclass, field

ENTITY_RE = re.compile(r"Q[1-9][0-9]*")
PROPERTY_RE = re.compile(r"P[1-9][0-9]*")
SOURCE_RE = re.compile(r"S[1-9][0-9]*")
TERM_RE = re.compile(r"([LDA])([a-z]{2,3}(?:-[a-z0-9]+)*)")
SITELINK_RE = re.compile(r"S([a-z][a-z_]*wiki[a-z]*)")
TIME_RE = re.compile(r"([+-])([0-9]{4,})-([0-9]{2})-([0-9]{2})T00:00:00Z/(9|10|11)")
QUANTITY_RE = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?(?:U[1-9][0-9]*)?")
MONOLINGUAL_RE = re.compile(r'([a-z]{2,3}(?:-[a-z0-9]+)*):"(.*)"', re.DOTALL)
STRING_RE = re.compile(r'"(.*)"', re.DOTALL)


class QSSyntaxError(ValueError):
    """A malformed command, with its line (and column) number."""


@dataclass(frozen=True)
class Value:
    """A parsed V1 value: kind is item, string, monolingual, time or quantity."""

    kind: str
    text: str  # the V1 spelling


@dataclass
class Command:
    """A parsed command."""

    line: int
    action: str  # create, label, description, alias, sitelink, statement
    entity: str = ""
    property: str = ""  # P31 for statements; "en" for terms; "enwiki" for sitelinks
    value: Value | None = None
    qualifiers: list[tuple[str, Value]] = field(default_factory=list)
    sources: list[tuple[str, Value]] = field(default_factory=list)  # as P numbers


def parse_value(text: str, where: str) -> Value:
    """Parse one V1 value strictly."""
    if ENTITY_RE.fullmatch(text):
        return Value("item", text)
    match = TIME_RE.fullmatch(text)
    if match:
        _check_time(match, where)
        return Value("time", text)
    if QUANTITY_RE.fullmatch(text):
        return Value("quantity", text)
    match = MONOLINGUAL_RE.fullmatch(text)
    if match:
        _check_text(match.group(2), where)
        return Value("monolingual", text)
    match = STRING_RE.fullmatch(text)
    if match:
        _check_text(match.group(1), where)
        return Value("string", text)
    raise QSSyntaxError(f"{where}: not a V1 value: {text!r}")


def _check_text(text: str, where: str) -> None:
    """Check the inside of a quoted V1 string."""
    if not text:
        raise QSSyntaxError(f"{where}: empty string")
    if any(c in text for c in "\t\r\n"):
        raise QSSyntaxError(f"{where}: tab or line break inside a string")
    if text != text.strip():
        raise QSSyntaxError(f"{where}: blank at the edge of a string {text!r}")
    if text.startswith('""') and text.endswith('""'):
        raise QSSyntaxError(f"{where}: string that QuickStatements 3 reads as an external id")


def _check_time(match: re.Match[str], where: str) -> None:
    """Check that the fields below the precision are zero and the others valid."""
    year, month, day, precision = (int(match.group(i)) for i in (2, 3, 4, 5))
    if precision == 9 and (month, day) != (0, 0):
        raise QSSyntaxError(f"{where}: year precision needs month and day 00")
    if precision == 10 and (not 1 <= month <= 12 or day != 0):
        raise QSSyntaxError(f"{where}: month precision needs a month and day 00")
    if precision == 11:
        if not 1 <= month <= 12:
            raise QSSyntaxError(f"{where}: bad month {month}")
        last = calendar.monthrange(year if 1 <= year <= 9999 else 2000, month)[1]
        if not 1 <= day <= last:
            raise QSSyntaxError(f"{where}: bad day {day}")


def parse_v1(text: str) -> list[Command]:
    """Parse V1 commands strictly; the text must end with a newline and have no blank lines."""
    if text and not text.endswith("\n"):
        raise QSSyntaxError("the last line has no newline")
    commands: list[Command] = []
    created = False
    for number, line in enumerate(text.split("\n")[:-1] if text else [], start=1):
        where = f"line {number}"
        if not line:
            raise QSSyntaxError(f"{where}: blank line")
        if line != line.strip(" "):
            raise QSSyntaxError(f"{where}: blanks around the line")
        cols = line.split("\t")
        if cols == ["CREATE"]:
            created = True
            commands.append(Command(number, "create"))
            continue
        if len(cols) < 3:
            raise QSSyntaxError(f"{where}: fewer than three columns")
        entity = cols[0]
        if entity == "LAST":
            if not created:
                raise QSSyntaxError(f"{where}: LAST before any CREATE")
        elif not ENTITY_RE.fullmatch(entity):
            raise QSSyntaxError(f"{where}: bad entity {entity!r}")
        term = TERM_RE.fullmatch(cols[1])
        site = SITELINK_RE.fullmatch(cols[1])
        if term or site:
            if len(cols) != 3:
                raise QSSyntaxError(f"{where}: a term command has three columns")
            value = parse_value(cols[2], where)
            if value.kind != "string":
                raise QSSyntaxError(f"{where}: a term takes a quoted string")
            if term:
                action = {"L": "label", "D": "description", "A": "alias"}[term.group(1)]
                commands.append(Command(number, action, entity, term.group(2), value))
            else:
                assert site is not None
                commands.append(Command(number, "sitelink", entity, site.group(1), value))
            continue
        if not PROPERTY_RE.fullmatch(cols[1]):
            raise QSSyntaxError(f"{where}: bad property {cols[1]!r}")
        command = Command(number, "statement", entity, cols[1], parse_value(cols[2], where))
        rest = cols[3:]
        if len(rest) % 2:
            raise QSSyntaxError(f"{where}: a qualifier or source without a value")
        in_sources = False
        for index in range(0, len(rest), 2):
            key, raw = rest[index], rest[index + 1]
            value = parse_value(raw, f"{where} column {index + 5}")
            if PROPERTY_RE.fullmatch(key):
                if in_sources:
                    raise QSSyntaxError(f"{where}: qualifier {key} after a source")
                command.qualifiers.append((key, value))
            elif SOURCE_RE.fullmatch(key):
                in_sources = True
                command.sources.append(("P" + key[1:], value))
            else:
                raise QSSyntaxError(f"{where}: bad qualifier or source key {key!r}")
        commands.append(command)
    return commands


# -- CSV -------------------------------------------------------------------------------------

HEADER_TERM_RE = re.compile(r"([LDA])([a-z]{2,3}(?:-[a-z0-9]+)*)")
HEADER_QUALIFIER_RE = re.compile(r"qal([1-9][0-9]*)")
HEADER_SOURCE_RE = re.compile(r"([Ss])([1-9][0-9]*)")


@dataclass
class CsvRow:
    """A parsed CSV row: the qid cell and the commands it makes."""

    line: int
    qid: str
    commands: list[Command]


def parse_csv(text: str) -> list[CsvRow]:
    """Parse QuickStatements CSV strictly (header rules, cell values, column relations)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise QSSyntaxError("empty CSV")
    header = rows[0]
    if header[0] != "qid":
        raise QSSyntaxError("the first header cell must be exactly 'qid'")
    kinds: list[str] = ["qid"]
    seen_property = seen_source = False
    for index, cell in enumerate(header[1:], start=2):
        where = f"header column {index}"
        if PROPERTY_RE.fullmatch(cell):
            kinds.append("property")
            seen_property, seen_source = True, False
        elif HEADER_QUALIFIER_RE.fullmatch(cell):
            if not seen_property:
                raise QSSyntaxError(f"{where}: qualifier {cell} before any property column")
            kinds.append("qualifier")
        elif HEADER_SOURCE_RE.fullmatch(cell):
            if cell[0] == "S":
                if not seen_property:
                    raise QSSyntaxError(f"{where}: source {cell} before any property column")
                seen_source = True
                kinds.append("source")
            else:
                if not seen_source:
                    raise QSSyntaxError(f"{where}: {cell} continues no reference")
                kinds.append("source+")
        elif HEADER_TERM_RE.fullmatch(cell):
            kinds.append("term")
            seen_property = seen_source = False
        elif SITELINK_RE.fullmatch(cell):
            kinds.append("sitelink")
            seen_property = seen_source = False
        elif cell == "#":
            kinds.append("comment")
        else:
            raise QSSyntaxError(f"{where}: unknown header {cell!r}")
    parsed: list[CsvRow] = []
    created = False
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise QSSyntaxError(f"row {line}: {len(row)} cells, the header has {len(header)}")
        qid = row[0]
        if qid == "":
            created = True
            entity = "LAST"
        elif qid == "LAST" and created:
            entity = "LAST"
        elif ENTITY_RE.fullmatch(qid):
            entity = qid
        else:
            raise QSSyntaxError(f"row {line}: bad qid cell {qid!r}")
        commands: list[Command] = [Command(line, "create")] if qid == "" else []
        current: Command | None = None
        reference_open = False
        for index, (name, kind, cell) in enumerate(zip(header, kinds, row, strict=True)):
            if index == 0 or kind == "comment":
                continue
            where = f"row {line} column {index + 1} ({name})"
            if kind == "property":
                current, reference_open = None, False
            if cell == "":
                if kind == "source":
                    reference_open = False
                continue
            if cell != cell.strip():
                raise QSSyntaxError(f"{where}: blanks around the cell")
            if kind in ("term", "sitelink"):
                if any(c in cell for c in "\t\r\n"):
                    raise QSSyntaxError(f"{where}: tab or line break in a term")
                match = STRING_RE.fullmatch(cell)
                text = match.group(1) if match else cell
                if match:
                    _check_text(text, where)
                if kind == "term":
                    term = HEADER_TERM_RE.fullmatch(name)
                    assert term is not None
                    action = {"L": "label", "D": "description", "A": "alias"}[term.group(1)]
                    commands.append(
                        Command(line, action, entity, term.group(2), Value("string", text))
                    )
                else:
                    commands.append(
                        Command(line, "sitelink", entity, name[1:], Value("string", text))
                    )
                current, reference_open = None, False
                continue
            value = parse_value(cell, where)
            if kind == "property":
                current = Command(line, "statement", entity, name, value)
                commands.append(current)
            elif current is None:
                raise QSSyntaxError(f"{where}: no statement in this row to attach to")
            elif kind == "qualifier":
                if current.sources:
                    raise QSSyntaxError(f"{where}: qualifier after a reference")
                current.qualifiers.append(("P" + name[3:], value))
            elif kind == "source":
                current.sources.append(("|", Value("start", "")))  # marks a new reference
                current.sources.append(("P" + name[1:], value))
                reference_open = True
            else:
                if not reference_open:
                    raise QSSyntaxError(f"{where}: {name} continues no reference in this row")
                current.sources.append(("P" + name[1:], value))
        parsed.append(CsvRow(line, qid, commands))
    return parsed


def references(command: Command) -> list[list[tuple[str, Value]]]:
    """Split a CSV statement's sources into its references."""
    out: list[list[tuple[str, Value]]] = []
    for prop, value in command.sources:
        if prop == "|":
            out.append([])
        else:
            out[-1].append((prop, value))
    return out
