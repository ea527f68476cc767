"""Write entity drafts as QuickStatements batches: V1 commands and the CSV format.

The syntax follows Wikidata's help page, https://www.wikidata.org/wiki/Help:QuickStatements
("Command sequence syntax" and "CSV file syntax"), checked against the parsers that run it:
``importDataFromV1``/``importDataFromCSV``/``parseValueV1`` in magnusmanske/quickstatements
(``public_html/quickstatements.php``) and ``core/parsers/{base,v1,csv}.py`` in QuickStatements 3
(WikiMovimentoBrasil/quickstatements3).

V1, one command a line, columns separated by TAB:

* ``CREATE`` makes an item and ``LAST`` names it; a draft with a QID uses the QID.
* ``LAST<TAB>Len<TAB>"label"``, ``Den`` description, ``Aen`` one alias a line, and
  ``LAST<TAB>Senwiki<TAB>"Page title"`` for the sitelink.
* ``ITEM<TAB>P31<TAB>Q783794`` then qualifier pairs ``P585<TAB>value`` then source pairs
  ``S854<TAB>"url"``; all S pairs of a line form ONE reference, so a statement with two
  references is written as two lines (QuickStatements finds the statement by its value and adds
  the second reference to it).
* Values: ``Q42``; ``"text"`` (string, URL, external id); ``en:"text"`` (monolingual);
  ``+2018-00-00T00:00:00Z/9`` (time, precision 9/10/11, the fields below the precision zero);
  ``+120`` or ``+120U11573`` (quantity, unit item).

Quotes: V1 has no escape syntax. A string is everything between the first and the last double
quote (``^"(.*)"$``, greedy), so a ``"`` inside a value is written as it is and read back
intact. What V1 cannot carry at all is refused, not mangled: TAB or newline characters,
leading or trailing blanks (QuickStatements strips them), an empty string, and text that both
starts and ends with two quotes (QuickStatements 3 reads three quotes on each side as an
external id).

Unresolved items: V1 has no comment syntax, so a statement whose item value (or quantity unit,
or item qualifier) has no QID is not written at all; it is reported in the ``skipped`` list the
caller passes in, with the reason. An unresolved item in a reference only drops that snak (the
reference keeps its URL), and is reported too. A QID is never invented.

Labels, descriptions and sitelinks are set, not added: for an existing item, run
:func:`wikiconv.statements.dedupe.dedupe` first so that nothing already there is overwritten
(and no statement or reference is written twice).

CSV: the first header cell is ``qid`` (an empty cell creates an item); ``Len``/``Den``/``Aen``/
``Senwiki`` columns hold plain text; ``P31`` columns hold V1 values; ``qal585`` adds a qualifier
and ``S854`` starts a reference on the P column before it, ``s1476`` adds to that reference, and
headers may repeat. Rows here are one per item; the header is the shortest common sequence of
every row's column groups (a P column with its qualifier and reference columns is one group, so
a reference column always follows its own statement), and a row leaves the groups it does not
use empty, which QuickStatements 3 skips. A V1 string ``"x"`` goes into a cell by ordinary CSV
quoting, which doubles each quote and wraps the cell in quotes (three quotes on each side).

Values in V1 syntax, and what cannot be written, are in :mod:`wikiconv.statements.qs_values`
(re-exported here).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wikiconv.statements.qs_values import (
    _LANGUAGE_RE,
    _PROPERTY_RE,
    _QID_RE,
    _SITE_RE,
    _V1_NON_TEXT_RE,
)
from wikiconv.statements.qs_values import Skipped as Skipped
from wikiconv.statements.qs_values import Unwritable as Unwritable
from wikiconv.statements.qs_values import check_text as check_text
from wikiconv.statements.qs_values import describe as describe
from wikiconv.statements.qs_values import item_qid as item_qid
from wikiconv.statements.qs_values import quote as quote
from wikiconv.statements.qs_values import v1_amount as v1_amount
from wikiconv.statements.qs_values import v1_value as v1_value
from wikiconv.statements.statement import (
    EntityDraft,
    Reference,
    Statement,
)

# -- planning --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    """What to write for one draft: its terms and its statement lines."""

    subject: str
    create: bool
    labels: list[tuple[str, str]]
    descriptions: list[tuple[str, str]]
    aliases: list[tuple[str, str]]
    sitelinks: list[tuple[str, str]]
    statements: list[tuple[str, str, list[tuple[str, str]], list[list[tuple[str, str]]]]]


def _subject(draft: EntityDraft) -> str:
    """Name a draft in reports."""
    if draft.qid:
        return draft.qid
    label = draft.labels.get("en") or next(iter(draft.labels.values()), "")
    return f"LAST ({label})" if label else "LAST"


def _plan(draft: EntityDraft, skipped: list[Skipped]) -> _Plan:
    """Turn a draft into V1 pieces, moving everything unwritable to ``skipped``."""
    subject = _subject(draft)
    if draft.qid is not None and not _QID_RE.fullmatch(draft.qid):
        raise ValueError(f"draft QID {draft.qid!r} is not a QID")

    def terms(
        kind: str, pairs: Iterable[tuple[str, str]], code_re: re.Pattern[str]
    ) -> list[tuple[str, str]]:
        """Keep the writable terms of one kind; report the others."""
        out = []
        for code, text in pairs:
            try:
                if not code_re.fullmatch(code):
                    raise Unwritable(f"code {code!r}")
                out.append((code, check_text(text)))
            except Unwritable as exc:
                skipped.append(Skipped(subject, f"{kind[0].upper()}{code}", text, str(exc), kind))
        return out

    labels = terms("label", draft.labels.items(), _LANGUAGE_RE)
    descriptions = terms("description", draft.descriptions.items(), _LANGUAGE_RE)
    aliases = terms(
        "alias",
        ((lang, name) for lang, names in draft.aliases.items() for name in dict.fromkeys(names)),
        _LANGUAGE_RE,
    )
    sitelinks = terms("sitelink", draft.sitelinks.items(), _SITE_RE)
    statements = []
    for statement in draft.statements:
        prop = statement.property
        try:
            if not _PROPERTY_RE.fullmatch(prop):
                raise Unwritable(f"not a property id: {prop!r}")
            value = v1_value(statement.value)
            qualifiers = []
            for qprop, qvalue in statement.qualifiers:
                if not _PROPERTY_RE.fullmatch(qprop):
                    raise Unwritable(f"qualifier {qprop!r} is not a property id")
                try:
                    qualifiers.append((qprop, v1_value(qvalue)))
                except Unwritable as exc:
                    raise Unwritable(f"qualifier {qprop}: {exc}") from None
        except Unwritable as exc:
            skipped.append(
                Skipped(subject, prop, describe(statement.value), str(exc), "statement", statement)
            )
            continue
        references = []
        for reference in statement.references:
            snaks = _reference_pairs(reference, subject, statement, skipped)
            if snaks:
                references.append(snaks)
        statements.append((prop, value, qualifiers, references))
    return _Plan(subject, draft.qid is None, labels, descriptions, aliases, sitelinks, statements)


def _reference_pairs(
    reference: Reference, subject: str, statement: Statement, skipped: list[Skipped]
) -> list[tuple[str, str]]:
    """Return a reference's (P-number, V1 value) pairs, skipping the unwritable snaks."""
    pairs = []
    for prop, value in reference.snaks:
        try:
            if not _PROPERTY_RE.fullmatch(prop):
                raise Unwritable(f"not a property id: {prop!r}")
            pairs.append((prop, v1_value(value)))
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
    return pairs


def _is_empty(plan: _Plan, skipped: list[Skipped]) -> bool:
    """Tell whether a plan writes nothing; an empty new item is reported, not created."""
    if plan.labels or plan.descriptions or plan.aliases or plan.sitelinks or plan.statements:
        return False
    if plan.create:
        skipped.append(Skipped(plan.subject, "", "", "nothing to write for a new item", "item"))
    return True


# -- V1 --------------------------------------------------------------------------------------


def write_quickstatements(
    drafts: Sequence[EntityDraft], *, skipped: list[Skipped] | None = None
) -> str:
    """Return V1 commands for the drafts; what cannot be written is appended to ``skipped``."""
    sink: list[Skipped] = [] if skipped is None else skipped
    lines: list[str] = []
    for draft in drafts:
        plan = _plan(draft, sink)
        if _is_empty(plan, sink):
            continue
        entity = "LAST" if plan.create else plan.subject
        if plan.create:
            lines.append("CREATE")
        lines += [f'{entity}\tL{code}\t"{text}"' for code, text in plan.labels]
        lines += [f'{entity}\tD{code}\t"{text}"' for code, text in plan.descriptions]
        lines += [f'{entity}\tA{code}\t"{text}"' for code, text in plan.aliases]
        lines += [f'{entity}\tS{site}\t"{title}"' for site, title in plan.sitelinks]
        for prop, value, qualifiers, references in plan.statements:
            base = [entity, prop, value]
            for qprop, qvalue in qualifiers:
                base += [qprop, qvalue]
            for reference in references or [[]]:
                cols = list(base)
                for sprop, svalue in reference:
                    cols += ["S" + sprop[1:], svalue]
                lines.append("\t".join(cols))
    return "".join(line + "\n" for line in lines)


# -- CSV -------------------------------------------------------------------------------------

_Group = tuple[str, ...]  # the header cells of one column group


def _row_groups(plan: _Plan) -> list[tuple[_Group, list[str]]]:
    """Return a draft's column groups and their cells, in writing order."""
    groups: list[tuple[_Group, list[str]]] = []
    groups += [((f"L{code}",), [_csv_term(text)]) for code, text in plan.labels]
    groups += [((f"D{code}",), [_csv_term(text)]) for code, text in plan.descriptions]
    groups += [((f"A{code}",), [_csv_term(text)]) for code, text in plan.aliases]
    groups += [((f"S{site}",), [_csv_term(title)]) for site, title in plan.sitelinks]
    for prop, value, qualifiers, references in plan.statements:
        header = [prop]
        cells = [value]
        for qprop, qvalue in qualifiers:
            header.append("qal" + qprop[1:])
            cells.append(qvalue)
        for reference in references:
            for index, (sprop, svalue) in enumerate(reference):
                header.append(("S" if index == 0 else "s") + sprop[1:])
                cells.append(svalue)
        groups.append((tuple(header), cells))
    return groups


def _csv_term(text: str) -> str:
    """Return a term cell: plain text, quoted where plain text would read as another value."""
    return f'"{text}"' if _V1_NON_TEXT_RE.fullmatch(text) else text


def _merge(header: list[_Group], groups: list[_Group]) -> list[_Group]:
    """Merge a row's groups into the header: their shortest common supersequence."""
    n, m = len(header), len(groups)
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if header[i] == groups[j]:
                lcs[i][j] = lcs[i + 1][j + 1] + 1
            else:
                lcs[i][j] = max(lcs[i + 1][j], lcs[i][j + 1])
    merged: list[_Group] = []
    i = j = 0
    while i < n or j < m:
        if i < n and j < m and header[i] == groups[j]:
            merged.append(header[i])
            i += 1
            j += 1
        elif j >= m or (i < n and lcs[i + 1][j] >= lcs[i][j + 1]):
            merged.append(header[i])
            i += 1
        else:
            merged.append(groups[j])
            j += 1
    return merged


def write_quickstatements_csv(
    drafts: Sequence[EntityDraft], *, skipped: list[Skipped] | None = None
) -> str:
    """Return the drafts as QuickStatements CSV, a row per item; see ``write_quickstatements``."""
    sink: list[Skipped] = [] if skipped is None else skipped
    header: list[_Group] = []
    rows: list[tuple[str, list[tuple[_Group, list[str]]]]] = []
    for draft in drafts:
        plan = _plan(draft, sink)
        if _is_empty(plan, sink):
            continue
        groups = _row_groups(plan)
        header = _merge(header, [g for g, _ in groups])
        rows.append(("" if plan.create else plan.subject, groups))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["qid", *(cell for group in header for cell in group)])
    for qid, groups in rows:
        cells_by_slot = _place(header, groups)
        row = [qid]
        for slot, group in enumerate(header):
            row += cells_by_slot.get(slot, [""] * len(group))
        writer.writerow(row)
    return out.getvalue()


def _place(header: list[_Group], groups: list[tuple[_Group, list[str]]]) -> dict[int, list[str]]:
    """Embed a row's groups leftmost-first into the header, which is a supersequence of them."""
    placed: dict[int, list[str]] = {}
    slot = 0
    for group, cells in groups:
        while header[slot] != group:
            slot += 1
        placed[slot] = cells
        slot += 1
    return placed
