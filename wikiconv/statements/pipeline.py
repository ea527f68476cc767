"""From a parsed article to a statement batch: extract, resolve, de-duplicate, write.

``statements_output(doc, target, options)`` is what the ``quickstatements``,
``quickstatements-csv``, ``wikibase-json`` and ``statements-json`` targets do:

1. :func:`~wikiconv.statements.extract.extract_statements` (rule files from ``rules``);
2. a :class:`~wikiconv.statements.resolve.Resolver` fills QIDs (wikilinks by sitelink, names
   by the curated table and the ``mapping`` file; ``offline`` uses no network);
3. with ``against=Q…``, the item's claims are fetched and
   :func:`~wikiconv.statements.dedupe.dedupe` drops what is already there; references the item
   lacks on statements it has are written as extra QuickStatements lines (QuickStatements adds
   them to the statement with that value) and listed in ``added_references``;
4. the writer of the target, whose refusals (unresolved items, unwritable text) become
   warnings at the statement's source position, as do unresolved names; every unsourced
   statement gets a note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from wikiconv.diagnostics import Diagnostic
from wikiconv.model import Document, Pos
from wikiconv.statements.dedupe import AddedReference, dedupe
from wikiconv.statements.extract import ExtractionOptions, extract_statements
from wikiconv.statements.quickstatements import (
    Skipped,
    describe,
    write_quickstatements,
    write_quickstatements_csv,
)
from wikiconv.statements.resolve import DEFAULT_WIKIBASE_API, Resolver, Unresolved
from wikiconv.statements.statement import EntityDraft, ItemValue, Statement

STATEMENT_TARGETS = ("quickstatements", "quickstatements-csv", "wikibase-json", "statements-json")


@dataclass(frozen=True, slots=True)
class StatementOptions:
    """Where to resolve and what to compare against."""

    wikibase_api: str = DEFAULT_WIKIBASE_API
    against: str | None = None  # an existing item: write only what it lacks
    mapping: str | Path | None = None  # CSV name,qid or JSON {name: qid}
    offline: bool = False
    rules: tuple[str | Path, ...] = ()  # extra rule files
    cache_path: str | Path | None = None
    use_cache: bool = True


@dataclass(slots=True)
class StatementResult:
    """The batch text, the resolved draft and what needs a human."""

    text: str
    draft: EntityDraft
    diagnostics: list[Diagnostic] = field(default_factory=list)
    added_references: list[AddedReference] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)


def statements_output(
    doc: Document,
    target: str,
    options: StatementOptions | None = None,
    *,
    session: Any = None,
) -> StatementResult:
    """Extract, resolve, de-duplicate and write the statements of a document as ``target``."""
    if target not in STATEMENT_TARGETS:
        raise ValueError(f"unknown statement target {target!r}")
    opts = options or StatementOptions()
    notes: list[str] = []
    extraction = ExtractionOptions(
        extra_rules=list(opts.rules), mapping_file=opts.mapping, resolve_offline=False
    )
    draft = extract_statements(doc, extraction, notes=notes)
    diagnostics = [Diagnostic(f"statements: {n}", None, "warning") for n in notes]
    added: list[AddedReference] = []
    resolver = Resolver(
        wikibase_api=opts.wikibase_api,
        mapping_file=opts.mapping,
        offline=opts.offline,
        cache_path=opts.cache_path,
        use_cache=opts.use_cache,
        session=session,
    )
    with resolver:
        draft = resolver.resolve_draft(draft)
        if opts.against:
            existing = resolver.fetch_claims(opts.against)
            draft, added = dedupe(replace(draft, qid=opts.against), existing)
        unresolved = list(resolver.unresolved)
    diagnostics += _unresolved_diagnostics(draft, unresolved)
    extra = EntityDraft(
        qid=draft.qid,
        statements=[replace(a.statement, references=[a.reference]) for a in added],
    )
    skipped: list[Skipped] = []
    text = _WRITERS[target]([draft, extra] if extra.statements else [draft], skipped)
    for item in skipped:
        pos = _pos(item.statement)
        message = f"not written: {item.property} {item.value} ({item.part}): {item.reason}"
        diagnostics.append(Diagnostic(message, pos, "warning"))
    for st in draft.statements:
        if st.unsourced:
            message = (
                f"unsourced: {st.property} {describe(st.value)} (imported-from reference only)"
            )
            diagnostics.append(Diagnostic(message, _pos(st), "note"))
    return StatementResult(text, draft, diagnostics, added, unresolved)


def _unresolved_diagnostics(draft: EntityDraft, unresolved: list[Unresolved]) -> list[Diagnostic]:
    """A warning per unresolved name, at the first statement that uses it."""
    out: list[Diagnostic] = []
    for item in unresolved:
        where = next(
            (
                st
                for st in draft.statements
                if isinstance(st.value, ItemValue) and st.value.name == item.name
            ),
            None,
        )
        kind = "wikilink" if item.from_wikilink else "name"
        message = f"unresolved {kind} {item.name!r}: {item.reason}"
        out.append(Diagnostic(message, _pos(where), "warning"))
    return out


def _pos(statement: Statement | None) -> Pos | None:
    """The source position of a statement's provenance, if known."""
    if statement is None or statement.provenance.line <= 0:
        return None
    return Pos(statement.provenance.line, max(statement.provenance.column, 1))


def _qs(drafts: Sequence[EntityDraft], skipped: list[Skipped]) -> str:
    return write_quickstatements(drafts, skipped=skipped)


def _qs_csv(drafts: Sequence[EntityDraft], skipped: list[Skipped]) -> str:
    return write_quickstatements_csv(drafts, skipped=skipped)


def _wikibase_json(drafts: Sequence[EntityDraft], skipped: list[Skipped]) -> str:
    import json

    from wikiconv.statements.wikibase_json import entity_json

    return json.dumps(entity_json(drafts[0], skipped=skipped), ensure_ascii=False, indent=2) + "\n"


def _statements_json(drafts: Sequence[EntityDraft], skipped: list[Skipped]) -> str:
    import json

    from wikiconv.statements.wikibase_json import statements_json

    return json.dumps(statements_json(drafts), ensure_ascii=False, indent=2) + "\n"


_WRITERS: dict[str, Callable[[Sequence[EntityDraft], list[Skipped]], str]] = {
    "quickstatements": _qs,
    "quickstatements-csv": _qs_csv,
    "wikibase-json": _wikibase_json,
    "statements-json": _statements_json,
}
