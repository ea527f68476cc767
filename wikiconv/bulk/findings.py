"""What an article adds to the report and to the statement batch, serialised where it is made.

Worker processes turn an article's diagnostics and statements into the exact text the driver
appends: report entries as JSON lines per section (with their count), QuickStatements V1 lines
and, when a CSV is asked for, the rows :class:`~wikiconv.bulk.statements_csv.CsvBatch` spools.
The driver then only writes strings, in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from wikiconv.bulk.report import ENCODE, Diagnostic
from wikiconv.bulk.statements_csv import spool_lines
from wikiconv.statements.quickstatements import (
    Skipped,
    describe,
    write_quickstatements,
    write_quickstatements_csv,
)
from wikiconv.statements.statement import EntityDraft, ItemValue, QuantityValue, Statement, Value

# (section of report.json, number of entries, the entries as JSON lines)
Finding = tuple[str, int, str]


def json_lines(entries: Iterable[dict[str, Any]]) -> tuple[int, str]:
    """The number of entries and their spool lines (as :meth:`Report.add` writes them)."""
    lines = [ENCODE(entry) for entry in entries]
    return len(lines), "\n".join(lines) + "\n"


def diagnostic_finding(section: str, items: list[Diagnostic]) -> list[Finding]:
    """Located messages (``warnings``, ``cs1_warnings``) as a finding, if there are any."""
    if not items:
        return []
    count, text = json_lines({"location": item.location, **item.to_dict()} for item in items)
    return [(section, count, text)]


@dataclass(slots=True)
class StatementFindings:
    """An article's statement batch and what of it needs a human."""

    qs_v1: str = ""
    csv_rows: str = ""  # CsvBatch spool lines
    statements: int = 0  # statements written
    findings: list[Finding] = field(default_factory=list)


def statement_findings(draft: EntityDraft | None, source: str, csv: bool) -> StatementFindings:
    """Write a draft's QuickStatements and list what needs a human."""
    out = StatementFindings()
    if draft is None:
        return out
    skipped: list[Skipped] = []
    out.qs_v1 = write_quickstatements([draft], skipped=skipped)
    if csv:
        out.csv_rows = spool_lines(write_quickstatements_csv([draft], skipped=[]))
    not_written = {id(s.statement) for s in skipped if s.part == "statement" and s.statement}
    out.statements = sum(1 for st in draft.statements if id(st) not in not_written)
    unresolved: list[dict[str, Any]] = []
    unsourced: list[dict[str, Any]] = []
    for st in draft.statements:
        where = _where(st, source)
        for name in _unresolved(st):
            unresolved.append({"name": name, "property": st.property} | where)
        if st.unsourced or not st.references:
            sentence = st.provenance.sentence
            unsourced.append(
                {"property": st.property, "value": describe(st.value), "sentence": sentence} | where
            )
    not_written_entries = [
        {"source": source, "subject": s.subject, "property": s.property, "value": s.value}
        | {"reason": s.reason, "part": s.part}
        | (_where(s.statement, source) if s.statement else {})
        for s in skipped
    ]
    for section, entries in (
        ("unresolved_names", unresolved),
        ("unsourced_statements", unsourced),
        ("statements_not_written", not_written_entries),
    ):
        if entries:
            out.findings.append((section, *json_lines(entries)))
    return out


def _where(st: Statement, source: str) -> dict[str, Any]:
    """The location of a statement's provenance."""
    prov = st.provenance
    name = prov.source_name if prov.source_name not in ("", "<string>") else source
    line, column = max(prov.line, 1), max(prov.column, 1)
    return {"location": f"{name}:{line}:{column}"}


def _item_values(st: Statement) -> Iterator[ItemValue]:
    """Every item value of a statement: value, unit, qualifiers, reference snaks."""
    values: list[Value] = [st.value, *(v for _p, v in st.qualifiers)]
    values += [v for ref in st.references for _p, v in ref.snaks]
    for value in values:
        if isinstance(value, ItemValue):
            yield value
        elif isinstance(value, QuantityValue) and value.unit is not None:
            yield value.unit


def _unresolved(st: Statement) -> list[str]:
    """The names of a statement's items that have no QID."""
    return list(dict.fromkeys(v.name for v in _item_values(st) if v.qid is None))
