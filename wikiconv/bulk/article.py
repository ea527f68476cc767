"""The per-article step of a bulk run: read, convert, extract; a pure function of its task.

:func:`convert_article` runs in worker processes (a process pool or Dask workers) and returns
an :class:`ArticleResult`: the page's title and wikitext, or why there is none, plus its
diagnostics and its QuickStatements lines. Statements are extracted when
:mod:`wikiconv.statements.extract` exists, and citation templates applied (with their CS1
warnings) when :mod:`wikiconv.citations.document_refs` exists; without them the statement
batch of an article is empty. Results are kept in a parts store keyed by the input's hash so a
resumed run can take them instead of converting again.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import wikiconv
from wikiconv.api import parse
from wikiconv.bulk.inputs import ArticleTask
from wikiconv.bulk.report import Diagnostic
from wikiconv.errors import InputError
from wikiconv.fileio import decode_source
from wikiconv.statements.quickstatements import (
    Skipped,
    describe,
    write_quickstatements,
    write_quickstatements_csv,
)
from wikiconv.statements.statement import EntityDraft, ItemValue, QuantityValue, Statement, Value
from wikiconv.writers.wikitext import write_wikitext
from wikiconv.xml_dump import SiteInfo, TitleError, page_title, xml_illegal_char

PART_VERSION = 1
EXTRACT_MODULE = "wikiconv.statements.extract"
CITATIONS_MODULE = "wikiconv.citations.document_refs"


@dataclass(frozen=True, slots=True)
class ConvertSettings:
    """What every article of a run is converted with."""

    keep_h1: bool = False
    statements: bool = True  # extract statements (when the extractor is there)
    site: SiteInfo = field(default_factory=SiteInfo)
    fingerprint: str = ""  # of the code and settings; part of every result's key
    parts_dir: str | None = None  # look here for results of an earlier run (resume)


@dataclass(slots=True)
class ArticleResult:
    """What became of one input: ``ok`` (a page), ``failed`` or ``empty``."""

    number: int
    path: str
    source: str
    status: str
    sha256: str | None = None
    key: str | None = None
    title: str | None = None
    text: str | None = None
    error: Diagnostic | None = None
    detail: str = ""
    warnings: list[Diagnostic] = field(default_factory=list)
    cs1_warnings: list[Diagnostic] = field(default_factory=list)
    citation_notes: int = 0
    statements: int = 0
    qs_v1: str = ""
    qs_csv: str = ""
    unresolved_names: list[dict[str, Any]] = field(default_factory=list)
    unsourced_statements: list[dict[str, Any]] = field(default_factory=list)
    statements_not_written: list[dict[str, Any]] = field(default_factory=list)
    reused: bool = False

    def to_json(self) -> str:
        """Serialise for the parts store."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["error"] = self.error.to_dict() if self.error else None
        data["warnings"] = [w.to_dict() for w in self.warnings]
        data["cs1_warnings"] = [w.to_dict() for w in self.cs1_warnings]
        data["part_version"] = PART_VERSION
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ArticleResult:
        """The inverse of :meth:`to_json`."""
        data = json.loads(text)
        if data.pop("part_version", None) != PART_VERSION:
            raise ValueError("part written by another version")
        data["error"] = Diagnostic.from_dict(data["error"]) if data["error"] else None
        data["warnings"] = [Diagnostic.from_dict(w) for w in data["warnings"]]
        data["cs1_warnings"] = [Diagnostic.from_dict(w) for w in data["cs1_warnings"]]
        return cls(**data)


# -- the parts store --------------------------------------------------------------------------


def part_path(parts_dir: str | os.PathLike[str], key: str) -> Path:
    """Where the result with ``key`` is kept."""
    return Path(parts_dir) / key[:2] / f"{key}.json"


def save_part(parts_dir: str | os.PathLike[str], result: ArticleResult) -> None:
    """Keep a result (written to a temporary file and renamed, so never seen half-written)."""
    if result.key is None:
        return
    target = part_path(parts_dir, result.key)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".part.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(result.to_json())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_part(parts_dir: str | os.PathLike[str], key: str) -> ArticleResult | None:
    """A kept result, or None when there is none (or it cannot be read)."""
    try:
        result = ArticleResult.from_json(part_path(parts_dir, key).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return result if result.key == key else None


def result_key(fingerprint: str, source: str, input_sha256: str) -> str:
    """The key of a result: the code and settings, the input's name and its content hash."""
    return hashlib.sha256(f"{fingerprint}\0{source}\0{input_sha256}".encode()).hexdigest()


def code_fingerprint(settings: str = "") -> str:
    """A hash of wikiconv's code and data files and of ``settings`` (the conversion's)."""
    digest = hashlib.sha256(f"{wikiconv.__version__}\0{settings}".encode())
    roots = [Path(wikiconv.__file__).parent]
    grammar = importlib.util.find_spec("wikiconv.grammar")
    if grammar is not None and grammar.submodule_search_locations:
        roots += [Path(p) for p in grammar.submodule_search_locations]
    for root in dict.fromkeys(roots):
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".lark", ".json") and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# -- optional steps ---------------------------------------------------------------------------


@cache
def optional_step(module: str, name: str) -> Callable[..., Any] | None:
    """``module.name`` if that module exists, else None (other import errors propagate)."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    step = getattr(found, name, None)
    return step if callable(step) else None


def _diagnostic(item: Any, source: str) -> Diagnostic:
    """A diagnostic from a warning object (``message``/``pos``, ``line``/``column``) or text."""
    message = str(getattr(item, "message", item))
    pos = getattr(item, "pos", None)
    line = getattr(pos, "line", None) or getattr(item, "line", None) or 1
    column = getattr(pos, "column", None) or getattr(item, "column", None) or 1
    return Diagnostic(str(getattr(item, "source_name", None) or source), line, column, message)


# -- the per-article function -----------------------------------------------------------------


def convert_chunk(tasks: list[ArticleTask], settings: ConvertSettings) -> list[ArticleResult]:
    """Convert several tasks (one round trip to a worker process)."""
    return [convert_article(task, settings) for task in tasks]


def convert_article(task: ArticleTask, settings: ConvertSettings) -> ArticleResult:
    """Convert one article; never raises for a bad input (the result says what went wrong)."""
    result = ArticleResult(task.number, task.path, task.source, "failed")
    if task.error is not None:
        result.error = task.error
        return result
    try:
        if task.text is not None:
            data = f"{task.title}\0{task.text}".encode()
        else:
            data = Path(task.path).read_bytes()
    except OSError as exc:
        result.error = Diagnostic(task.source, 1, 1, f"cannot read file: {exc.strerror or exc}")
        return result
    result.sha256 = hashlib.sha256(data).hexdigest()
    result.key = result_key(settings.fingerprint, task.source, result.sha256)
    if settings.parts_dir is not None:
        kept = load_part(settings.parts_dir, result.key)
        if kept is not None:
            kept.number, kept.reused = task.number, True
            return kept
    try:
        text = task.text if task.text is not None else decode_source(data, task.source)
        _convert(text, task, settings, result)
    except InputError as exc:
        result.status = "failed"
        result.error = Diagnostic(exc.source_name, exc.line, exc.column, exc.reason)
    except TitleError as exc:
        result.status = "failed"
        result.error = Diagnostic(task.source, 1, 1, f"bad page title: {exc}")
    except Exception as exc:  # a bug in a converter must not stop the other articles
        result.status = "failed"
        reason = f"internal error ({type(exc).__name__}: {exc}); please report it"
        result.error = Diagnostic(task.source, 1, 1, reason)
    return result


def _convert(text: str, task: ArticleTask, settings: ConvertSettings, out: ArticleResult) -> None:
    """The conversion proper, filling ``out``; raises InputError or TitleError."""
    if not text.strip():
        out.status, out.detail = "empty", "empty input"
        return
    doc = parse(text, source_name=task.source, keep_h1=settings.keep_h1)
    apply_citations = optional_step(CITATIONS_MODULE, "apply_citations")
    if apply_citations is not None:
        doc, cs1 = apply_citations(doc)
        for item in cs1 or []:
            if getattr(item, "severity", "warning") == "note":  # a parser's guess, counted only
                out.citation_notes += 1
            else:
                out.cs1_warnings.append(_diagnostic(item, task.source))
    written = write_wikitext(doc)
    out.warnings = [_diagnostic(w, task.source) for w in written.warnings]
    wikitext = written.text.rstrip()  # MediaWiki trims trailing blanks when it saves a page
    if not wikitext:
        out.status, out.detail = "empty", "nothing to convert"
        return
    bad = xml_illegal_char(wikitext)
    if bad >= 0:
        char = wikitext[bad]
        line, column = _locate(text, text.find(char))
        reason = f"character U+{ord(char):04X} cannot be stored in a wiki page (XML 1.0)"
        raise InputError(reason, task.source, line, column)
    title = task.title or doc.title or Path(task.path).stem
    if task.text is not None and not (task.title or doc.title):
        raise TitleError("the record has no title and the text has no heading")
    out.title = page_title(title, settings.site)
    out.text = wikitext
    out.status = "ok"
    extract = optional_step(EXTRACT_MODULE, "extract_statements") if settings.statements else None
    if extract is not None:
        _statements(extract(doc), task.source, out)


def _locate(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of an index (1:1 when not found)."""
    if index < 0:
        return 1, 1
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _statements(draft: EntityDraft | None, source: str, out: ArticleResult) -> None:
    """Write a draft's QuickStatements and list what needs a human."""
    if draft is None:
        return
    skipped: list[Skipped] = []
    out.qs_v1 = write_quickstatements([draft], skipped=skipped)
    out.qs_csv = write_quickstatements_csv([draft], skipped=[])
    not_written = {id(s.statement) for s in skipped if s.part == "statement" and s.statement}
    out.statements = sum(1 for st in draft.statements if id(st) not in not_written)
    for s in skipped:
        out.statements_not_written.append(
            {"source": source, "subject": s.subject, "property": s.property, "value": s.value}
            | {"reason": s.reason, "part": s.part}
            | (_where(s.statement, source) if s.statement else {})
        )
    for st in draft.statements:
        where = _where(st, source)
        for name in _unresolved(st):
            out.unresolved_names.append({"name": name, "property": st.property} | where)
        if st.unsourced or not st.references:
            sentence = st.provenance.sentence
            out.unsourced_statements.append(
                {"property": st.property, "value": describe(st.value), "sentence": sentence} | where
            )


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
