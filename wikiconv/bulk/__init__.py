"""Bulk conversion: many articles to one XML dump, one QuickStatements batch and a report.

:func:`run_bulk` enumerates the inputs lazily (:mod:`wikiconv.bulk.inputs`), converts them on
an engine (:mod:`wikiconv.bulk.engines`) and writes each result as it arrives, in input order:

* ``pages.xml``: a MediaWiki export (format 0.11, :mod:`wikiconv.xml_dump`), one page an article;
* ``statements.qs`` (and ``statements.csv``): one QuickStatements batch for all articles;
* ``report.json``: counts and every error, warning and statement finding, by ``FILE:LINE:COL``;
* ``manifest.jsonl``: the run's journal, one line an input (path, sha256, title, status, page
  position), written as the run goes so an interrupted run can be resumed.

Outputs are written to a temporary folder inside the output folder and renamed into place only
when the run completes; a failed or interrupted run leaves the previous outputs as they were.
Every result is also kept in ``.parts/`` (:mod:`wikiconv.bulk.parts`) under a key made of the
input's hash, its name and a hash of the code and settings; ``resume=True`` takes kept results
instead of converting again, and rebuilds every output from the start, so each page is in
``pages.xml`` exactly once.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from wikiconv import __version__
from wikiconv.bulk.article import (
    ArticleResult,
    ConvertSettings,
    code_fingerprint,
    save_part,
)
from wikiconv.bulk.engines import results as engine_results
from wikiconv.bulk.inputs import DiskIndex, iter_tasks
from wikiconv.bulk.parts import close_stores, prepare
from wikiconv.bulk.progress import Progress, stop, stop_hook
from wikiconv.bulk.report import ENCODE, Counts, Report, remove_spools
from wikiconv.bulk.statements_csv import CsvBatch
from wikiconv.bulk.timing import StageClock
from wikiconv.errors import WikiconvError
from wikiconv.xml_dump import DumpWriter, RevisionInfo, SiteInfo, now_timestamp

PAGES, STATEMENTS, STATEMENTS_CSV, REPORT, MANIFEST = (
    "pages.xml",
    "statements.qs",
    "statements.csv",
    "report.json",
    "manifest.jsonl",
)
GENERATOR = f"wikiconv {__version__}"
PARTS = ".parts"
TMP_PREFIX = ".wikiconv-tmp-"
BUFFER = 1 << 17  # write buffer of pages.xml and statements.qs


class BulkError(WikiconvError):
    """The run cannot go on (output folder busy, engine missing, ...)."""


@dataclass
class BulkOptions:
    """How a bulk run converts and what it writes."""

    out_dir: str
    pattern: str = "*.md"
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    engine: str = "pool"
    scheduler: str | None = None
    timestamp: str | None = None  # None: the interrupted run's (when resuming), else now
    user: str = "wikiconv"
    user_id: int = 0
    summary: str = "Converted with wikiconv"
    keep_h1: bool = False
    statements: bool = True
    csv: bool = False
    resume: bool = False
    progress: str = "auto"  # auto (bar on a terminal, else log lines), bar, log, off
    site: SiteInfo | None = field(default_factory=lambda: SiteInfo(generator=GENERATOR))


@dataclass
class BulkOutcome:
    """What a run did: counts, the outputs written, a summary and the exit status."""

    counts: Counts
    outputs: list[Path]
    summary: list[str]
    exit_status: int
    # Where the time went, in seconds: the driver's stages (``driver:setup``, ...) and the
    # workers' per-article stages summed over all articles (``worker:parse``, ...).
    timings: dict[str, float] = field(default_factory=dict)


# -- the output folder ------------------------------------------------------------------------


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder for the run."""
    (out / PARTS).mkdir(parents=True, exist_ok=True)
    with open(out / PARTS / "lock", "a+") as handle:
        try:  # a POSIX lock belongs to this process alone: forked workers do not hold it
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BulkError(f"{out} is in use by another wikiconv bulk run") from None
        try:
            yield
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def _clean_stale(out: Path, keep_parts: bool) -> None:
    """Remove temporary folders of killed runs, and the parts store unless resuming."""
    for path in out.glob(TMP_PREFIX + "*"):
        shutil.rmtree(path, ignore_errors=True)
    if keep_parts:
        return
    for path in (out / PARTS).iterdir():
        if path.name == "lock":
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def read_manifest(path: Path) -> tuple[dict[str, Any] | None, int]:
    """The header of a manifest and how many inputs it records (None, 0 when missing)."""
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except FileNotFoundError:
        return None, 0
    header: dict[str, Any] | None = None
    done = 0
    with handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                break  # the last line of a killed run may be cut short
            if header is None:
                header = record
            elif "input" in record:
                done += 1
    return header, done


def _fsync_close(handle: IO[Any]) -> None:
    """Flush, sync and close a file."""
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()


# -- the run ----------------------------------------------------------------------------------


class _Outputs:
    """The open temporary outputs of a run and the state that orders them."""

    def __init__(self, work: Path, options: BulkOptions, revision: RevisionInfo) -> None:
        """Open every temporary output in ``work``."""
        self.work = work
        self.options = options
        self.pages = open(work / PAGES, "wb", buffering=BUFFER)  # noqa: SIM115
        self.dump = DumpWriter(self.pages, revision, options.site)
        self.dump.start()
        self.statements = open(  # noqa: SIM115
            work / STATEMENTS, "w", encoding="utf-8", newline="\n", buffering=BUFFER
        )
        self.csv = CsvBatch(work / "csv-rows.jsonl") if options.csv else None
        self.report = Report(work)
        self.titles = DiskIndex(work / "titles.sqlite")  # normalised title -> its input

    def add(self, result: ArticleResult) -> tuple[str, int | None]:
        """Write one result; return its status in the manifest and its page position."""
        counts = self.report.counts
        if result.reused:
            counts.reused += 1
        if result.status == "failed":
            assert result.error is not None
            self.report.failed(result.error, result.title)
            return "failed", None
        if result.status == "empty":
            self.report.skipped(result.source, "empty", result.detail)
            return "empty", None
        assert result.title is not None and result.page is not None
        first = self.titles.setdefault(result.title, result.source)
        if first is not None:
            detail = f"duplicate title {result.title!r} (already taken by {first})"
            self.report.skipped(result.source, "duplicate", detail, result.title)
            return "duplicate", None
        position = self.dump.pages + 1
        self.dump.write_page(position, result.page)
        counts.converted += 1
        if result.qs_v1:
            self.statements.write(result.qs_v1)
        if self.csv is not None and result.csv_rows:
            self.csv.add_lines(result.csv_rows)
        counts.statements += result.statements
        counts.citation_notes += result.citation_notes
        for section, count, lines in result.findings:
            self.report.add_lines(section, count, lines)
        return "converted", position

    def finish(self, head: dict[str, Any]) -> list[str]:
        """Complete every temporary output; return their names."""
        self.dump.end()
        _fsync_close(self.pages)
        _fsync_close(self.statements)
        names = [PAGES, STATEMENTS]
        if self.csv is not None:
            with open(self.work / STATEMENTS_CSV, "w", encoding="utf-8", newline="") as out:
                self.csv.write(out)
                out.flush()
                os.fsync(out.fileno())
            names.append(STATEMENTS_CSV)
        with open(self.work / REPORT, "w", encoding="utf-8") as out:
            self.report.write_json(out, head | {"outputs": [*names, REPORT]})
            out.flush()
            os.fsync(out.fileno())
        remove_spools(self.work)
        return [*names, REPORT]

    def close(self) -> None:
        """Close whatever is still open (after a failure)."""
        for handle in (self.pages, self.statements):
            handle.close()
        if self.csv is not None:
            self.csv.close()
        self.report.close()


def run_bulk(
    inputs: Iterable[str], options: BulkOptions, log: IO[str] | None = None
) -> BulkOutcome:
    """Convert every input and write the outputs into ``options.out_dir``."""
    log = log if log is not None else sys.stderr
    out = Path(options.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        return _run(inputs, options, out, log)


def _run(inputs: Iterable[str], options: BulkOptions, out: Path, log: IO[str]) -> BulkOutcome:
    """The run proper, under the output folder's lock."""
    started = time.monotonic()
    clock = StageClock()
    previous, done = read_manifest(out / MANIFEST) if options.resume else (None, 0)
    resuming = previous is not None
    _clean_stale(out, keep_parts=resuming)
    if options.resume and not resuming:
        print("wikiconv bulk: nothing to resume; starting afresh", file=log)
    elif resuming:
        print(f"wikiconv bulk: resuming ({done} inputs done before)", file=log)
    timestamp = options.timestamp or (previous or {}).get("timestamp") or now_timestamp()
    fingerprint = code_fingerprint(
        f"keep_h1={options.keep_h1};statements={options.statements};csv={options.csv}"
    )
    if resuming and (previous or {}).get("fingerprint") != fingerprint:
        print("wikiconv bulk: the code or settings changed; converting again", file=log)
    parts = out / PARTS
    if not prepare(parts) and resuming:
        print("wikiconv bulk: the kept results cannot be read; converting again", file=log)
    settings = ConvertSettings(
        keep_h1=options.keep_h1,
        statements=options.statements,
        site=options.site or SiteInfo(),
        fingerprint=fingerprint,
        parts_dir=str(parts) if resuming else None,
        # Local workers keep their own results; Dask workers may be on other machines.
        save_dir=None if options.engine == "dask" else str(parts),
        csv=options.csv,
    )
    revision = RevisionInfo(timestamp, options.user, options.user_id, options.summary)
    header = {"wikiconv_manifest": 1, "version": __version__, "timestamp": timestamp}
    work = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=out))
    manifest: IO[str] | None = None
    outputs: _Outputs | None = None
    stack = ExitStack()
    progress = Progress(options.progress, log)
    stop_after, stop_mode = stop_hook()
    try:
        manifest = open(out / MANIFEST, "w", encoding="utf-8")  # noqa: SIM115
        manifest.write(json.dumps(header | {"fingerprint": fingerprint}) + "\n")
        outputs = _Outputs(work, options, revision)
        counts = outputs.report.counts
        seen = DiskIndex(work / "inputs.sqlite")  # input paths taken, on disk
        stack.callback(seen.close)
        stack.callback(outputs.titles.close)
        tasks = clock.timed("inputs", iter_tasks(inputs, options.pattern, out, seen))
        stream = engine_results(
            tasks, settings, options.engine, options.jobs, options.scheduler, clock.note
        )
        stack.enter_context(closing(stream))  # stops the workers at once if the run fails
        clock.lap("setup")
        for result in clock.timed("waiting", stream):
            counts.read += 1
            if not (result.reused or result.saved):
                save_part(parts, result)
            status, position = outputs.add(result)
            record = {
                "input": result.path,
                "source": result.source,
                "sha256": result.sha256,
                "title": result.title,
                "status": status,
                "position": position,
                "part": result.key,
                "reused": result.reused,
            }
            manifest.write(ENCODE(record) + "\n")
            manifest.flush()
            progress.update(counts)
            clock.worker(result.seconds)
            if stop_after and counts.read >= stop_after:
                stop(stop_mode)
        progress.close()
        clock.lap("writing")  # what the loop spent neither waiting nor enumerating
        head = {
            "wikiconv": __version__,
            "engine": options.engine,
            "jobs": options.jobs,
            "timestamp": timestamp,
            "elapsed_seconds": round(time.monotonic() - started, 3),
        }
        names = outputs.finish(head)
        for name in names:
            os.replace(work / name, out / name)
        if not options.csv:
            (out / STATEMENTS_CSV).unlink(missing_ok=True)
        manifest.write(json.dumps({"complete": True, "counts": outputs.report.counts_dict()}))
        manifest.write("\n")
        _fsync_close(manifest)
        clock.lap("finishing")
    except BaseException:
        stack.close()
        progress.close()
        if outputs is not None:
            outputs.close()
        if manifest is not None:
            manifest.close()
        raise
    finally:
        stack.close()
        close_stores()
        shutil.rmtree(work, ignore_errors=True)
    written = [out / name for name in names]
    report = outputs.report
    summary = report.summary([str(path) for path in written])
    if counts.read == 0:
        summary.append("  no input files found (check the paths and --glob)")
    exit_status = 1 if counts.failed or counts.duplicates or counts.read == 0 else 0
    return BulkOutcome(counts, written, summary, exit_status, clock.report())
