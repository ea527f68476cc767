"""The per-article step of a bulk run: read, convert, extract; a pure function of its task.

:func:`convert_article` runs in worker processes (a process pool or Dask workers) and returns
an :class:`ArticleResult`: the page's title and wikitext, or why there is none, plus its
diagnostics and its QuickStatements lines. Statements are extracted when
:mod:`wikiconv.statements.extract` exists, and citation templates applied (with their CS1
warnings) when :mod:`wikiconv.citations.document_refs` exists; without them the statement
batch of an article is empty. Results are kept in a parts store keyed by the input's hash so a
resumed run can take them instead of converting again.

Everything the driver writes is made here, in the worker: the page as dump XML (escaped, with
its SHA-1), report entries as JSON lines, statement lines. :func:`worker_result` also keeps the
result in the parts store and drops the wikitext (the XML holds it), so what travels back to the
driver is compact and the driver only joins strings.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from time import thread_time
from typing import Any

import wikiconv
from wikiconv.api import parse
from wikiconv.bulk import parts
from wikiconv.bulk.findings import Finding, diagnostic_finding, statement_findings
from wikiconv.bulk.inputs import ArticleTask
from wikiconv.bulk.report import Diagnostic
from wikiconv.errors import InputError
from wikiconv.fileio import decode_source
from wikiconv.writers.wikitext import write_wikitext
from wikiconv.xml_dump import (
    PageXml,
    SiteInfo,
    TitleError,
    page_title,
    render_page,
    xml_illegal_char,
)

PART_VERSION = 2
EXTRACT_MODULE = "wikiconv.statements.extract"
CITATIONS_MODULE = "wikiconv.citations.document_refs"
# What a worker's time goes to, in the order of ArticleResult.seconds.
STAGES = ("read", "parse", "citations", "wikitext", "statements", "serialise", "save")


@dataclass(frozen=True, slots=True)
class ConvertSettings:
    """What every article of a run is converted with."""

    keep_h1: bool = False
    statements: bool = True  # extract statements (when the extractor is there)
    site: SiteInfo = field(default_factory=SiteInfo)
    fingerprint: str = ""  # of the code and settings; part of every result's key
    parts_dir: str | None = None  # look here for results of an earlier run (resume)
    save_dir: str | None = None  # workers keep their results here (None: the driver does)
    csv: bool = False  # make the QuickStatements CSV rows too


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
    text: str | None = None  # the wikitext (not sent back by worker_result: ``page`` holds it)
    page: PageXml | None = None
    error: Diagnostic | None = None
    detail: str = ""
    citation_notes: int = 0
    statements: int = 0
    qs_v1: str = ""
    csv_rows: str = ""
    findings: list[Finding] = field(default_factory=list)  # report entries, by section
    reused: bool = False
    saved: bool = False  # kept in the parts store by the worker
    seconds: tuple[float, ...] = ()  # CPU seconds per STAGES; not kept

    def to_json(self) -> str:
        """Serialise for the parts store."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["error"] = self.error.to_dict() if self.error else None
        data["page"] = [self.page.title, self.page.text, self.page.sha1] if self.page else None
        data["text"] = None
        data["part_version"] = PART_VERSION
        for name in ("saved", "seconds", "number", "reused"):
            del data[name]
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str, number: int = 0) -> ArticleResult:
        """The inverse of :meth:`to_json`."""
        data = json.loads(text)
        if data.pop("part_version", None) != PART_VERSION:
            raise ValueError("part written by another version")
        data["error"] = Diagnostic.from_dict(data["error"]) if data["error"] else None
        data["page"] = PageXml(*data["page"]) if data["page"] else None
        data["findings"] = [tuple(finding) for finding in data["findings"]]
        return cls(number=number, **data)


# -- the parts store --------------------------------------------------------------------------


def save_part(parts_dir: str | os.PathLike[str], result: ArticleResult) -> None:
    """Keep a result in the parts store of ``parts_dir``."""
    save_parts(parts_dir, [result])


def save_parts(parts_dir: str | os.PathLike[str], results: list[ArticleResult]) -> None:
    """Keep results in the parts store of ``parts_dir`` (one transaction)."""
    items = [(result.key, result.to_json()) for result in results if result.key is not None]
    if items:
        parts.store(parts_dir).put(items)


def load_part(parts_dir: str | os.PathLike[str], key: str, number: int = 0) -> ArticleResult | None:
    """A kept result, or None when there is none (or it cannot be read)."""
    try:
        text = parts.store(parts_dir).get(key)
        result = None if text is None else ArticleResult.from_json(text, number)
    except (sqlite3.Error, ValueError, KeyError, TypeError):
        return None
    return result if result is not None and result.key == key else None


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


def worker_result(task: ArticleTask, settings: ConvertSettings) -> ArticleResult:
    """Convert one article, keep the result (with ``settings.save_dir``), drop the wikitext."""
    return convert_chunk([task], settings)[0]


def convert_chunk(tasks: list[ArticleTask], settings: ConvertSettings) -> list[ArticleResult]:
    """Convert several tasks (one round trip to a worker process): see :func:`worker_result`."""
    results = [convert_article(task, settings) for task in tasks]
    new = [result for result in results if not result.reused and result.key is not None]
    if settings.save_dir is not None and new:
        start = thread_time()
        save_parts(settings.save_dir, new)
        share = (thread_time() - start) / len(new)
        for result in new:
            result.saved = True
            if len(result.seconds) == len(STAGES):
                result.seconds = (*result.seconds[:-1], share)
    for result in results:
        result.text = None
    return results


def convert_article(task: ArticleTask, settings: ConvertSettings) -> ArticleResult:
    """Convert one article; never raises for a bad input (the result says what went wrong)."""
    started = thread_time()
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
        kept = load_part(settings.parts_dir, result.key, task.number)
        if kept is not None:
            kept.reused = True
            kept.seconds = (thread_time() - started, *[0.0] * (len(STAGES) - 1))
            return kept
    clock = _Clock(started)
    try:
        text = task.text if task.text is not None else decode_source(data, task.source)
        _convert(text, task, settings, result, clock)
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
    if result.status != "ok":  # nothing half-made goes out with a failed or empty result
        result.text, result.page = None, None
        result.findings, result.qs_v1, result.csv_rows = [], "", ""
        result.statements = result.citation_notes = 0
    result.seconds = clock.done()
    return result


class _Clock:
    """CPU seconds per stage of one article (see :data:`STAGES`)."""

    __slots__ = ("last", "seconds")

    def __init__(self, started: float) -> None:
        """Start with the ``read`` stage, begun at ``started`` (:func:`time.thread_time`)."""
        self.last = started
        self.seconds = [0.0] * len(STAGES)

    def lap(self, stage: int) -> None:
        """The stage with index ``stage`` has just ended."""
        now = thread_time()
        self.seconds[stage] += now - self.last
        self.last = now

    def done(self) -> tuple[float, ...]:
        """The seconds per stage."""
        return tuple(self.seconds)


def _convert(
    text: str, task: ArticleTask, settings: ConvertSettings, out: ArticleResult, clock: _Clock
) -> None:
    """The conversion proper, filling ``out``; raises InputError or TitleError."""
    clock.lap(0)
    if not text.strip():
        out.status, out.detail = "empty", "empty input"
        return
    doc = parse(text, source_name=task.source, keep_h1=settings.keep_h1)
    clock.lap(1)
    apply_citations = optional_step(CITATIONS_MODULE, "apply_citations")
    cs1_warnings: list[Diagnostic] = []
    if apply_citations is not None:
        doc, cs1 = apply_citations(doc)
        for item in cs1 or []:
            if getattr(item, "severity", "warning") == "note":  # a parser's guess, counted only
                out.citation_notes += 1
            else:
                cs1_warnings.append(_diagnostic(item, task.source))
    clock.lap(2)
    written = write_wikitext(doc)
    warnings = [_diagnostic(w, task.source) for w in written.warnings]
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
    clock.lap(3)
    extract = optional_step(EXTRACT_MODULE, "extract_statements") if settings.statements else None
    draft = extract(doc) if extract is not None else None
    clock.lap(4)
    found = statement_findings(draft, task.source, settings.csv)
    out.qs_v1, out.csv_rows, out.statements = found.qs_v1, found.csv_rows, found.statements
    out.findings = [
        *diagnostic_finding("warnings", warnings),
        *diagnostic_finding("cs1_warnings", cs1_warnings),
        *found.findings,
    ]
    out.page = render_page(out.title, wikitext)
    clock.lap(5)


def _locate(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of an index (1:1 when not found)."""
    if index < 0:
        return 1, 1
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1
