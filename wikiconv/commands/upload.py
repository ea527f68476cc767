"""``wikiconv upload``: convert articles and save them on a wiki, politely and resumably.

Inputs are hybrid ``.md`` files (converted; the title is the document's title, else the file
name), ``.wiki`` files (uploaded as they are; the title is the file name) or directories of
them (searched recursively). A journal beside the batch records every page before and after its
edit, so a rerun after a crash repeats no edit. ``--dry-run`` shows a diff against the wiki.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wikiconv import __version__
from wikiconv.commands.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostic
from wikiconv.credentials import CredentialsError, load_credentials
from wikiconv.errors import InputError, WikiconvError
from wikiconv.fileio import read_source
from wikiconv.mediawiki import (
    Client,
    LoginError,
    MaxlagError,
    MediaWikiError,
    RateLimitedError,
    normalize_text,
)
from wikiconv.upload_journal import DEFAULT_NAME, Journal, JournalError, State, text_sha1

SUFFIXES = (".md", ".wiki")
DEFAULT_SUMMARY = f"Upload with wikiconv {__version__}"
# Errors after which going on would only hammer the wiki or fail the same way.
FATAL = (MaxlagError, RateLimitedError, LoginError)


@dataclass(frozen=True)
class Page:
    """One page to upload: where it came from, its title and its wikitext."""

    path: Path
    title: str
    text: str


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``upload``."""
    parser.add_argument("inputs", nargs="+", metavar="DIR|FILE", help=".md/.wiki files or dirs")
    parser.add_argument("--api", required=True, metavar="URL", help="the wiki's api.php URL")
    parser.add_argument("--summary", default=DEFAULT_SUMMARY, help="edit summary")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--createonly", action="store_true", help="only create new pages")
    mode.add_argument("--nocreate", action="store_true", help="only edit existing pages")
    parser.add_argument(
        "--no-bot", dest="bot", action="store_false", help="edit without the bot flag"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print a diff against the wiki, edit nothing"
    )
    parser.add_argument(
        "--journal", metavar="FILE", help=f"resume journal (default: {DEFAULT_NAME} beside input)"
    )
    parser.add_argument(
        "--credentials",
        metavar="FILE",
        help="bot password file, INI or JSON (default: WIKICONV_BOT_USER/WIKICONV_BOT_PASSWORD)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def collect_files(inputs: list[str]) -> list[Path]:
    """The .md and .wiki files named or found (recursively, sorted) in directories."""
    files: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            files.extend(sorted(found))
        elif path.is_file():
            if path.suffix not in SUFFIXES:
                raise InputError("not a .md or .wiki file", name)
            files.append(path)
        else:
            raise InputError("no such file or directory", name)
    return list(dict.fromkeys(files))


def load_page(path: Path, quiet: bool = False) -> Page:
    """Read one input: convert a .md article (title from the document), take a .wiki as is."""
    text = read_source(path)
    if path.suffix == ".wiki":
        return Page(path, path.stem, text)
    from wikiconv.api import parse
    from wikiconv.writers.wikitext import write_wikitext

    doc = parse(text, source_name=str(path))
    result = write_wikitext(doc)
    if not quiet:
        for warning in result.warnings:
            print_diagnostic(str(path), warning.pos, warning.message)
    return Page(path, (doc.title or "").strip() or path.stem, result.text)


def status(index: int, total: int, title: str, message: str) -> None:
    """Print one per-page status line on stderr."""
    print(f"upload: [{index}/{total}] {title}: {message}", file=sys.stderr, flush=True)


def unified_diff(title: str, old: str | None, new: str, revid: int | None = None) -> str:
    """A unified diff from the live text (None: no page) to the new text."""
    before = (normalize_text(old) + "\n").splitlines(keepends=True) if old is not None else []
    after = (normalize_text(new) + "\n").splitlines(keepends=True)
    source = f"{title} (revision {revid})" if old is not None else "/dev/null"
    return "".join(difflib.unified_diff(before, after, source, f"{title} (new)"))


def run(args: argparse.Namespace) -> int:
    """Upload (or with --dry-run, diff) every input page; 1 when any page failed."""
    files = collect_files(args.inputs)
    if not files:
        print("wikiconv: upload: no .md or .wiki files in the inputs", file=sys.stderr)
        return EXIT_USAGE
    client = Client(args.api)
    try:
        if not args.dry_run or args.credentials:
            client.login(load_credentials(args.credentials))
    except (CredentialsError, MediaWikiError) as exc:
        print(f"wikiconv: upload: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, CredentialsError) else EXIT_INPUT
    if args.dry_run:
        return _dry_run(client, files, args)
    journal_path = Path(args.journal) if args.journal else _default_journal(args.inputs)
    try:
        with Journal(journal_path, args.api) as journal:
            print(f"upload: journal {journal_path}", file=sys.stderr)
            return _upload(client, journal, files, args)
    except JournalError as exc:
        print(f"wikiconv: upload: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _default_journal(inputs: list[str]) -> Path:
    """The journal beside the batch: in the first input directory, or beside the first file."""
    first = Path(inputs[0])
    return (first if first.is_dir() else first.parent) / DEFAULT_NAME


def _pages(files: list[Path], quiet: bool) -> Iterator[tuple[int, Path, Page | str]]:
    """Yield (index, path, Page or error message), refusing a title already taken."""
    seen: dict[str, Path] = {}
    for index, path in enumerate(files, 1):
        try:
            page = load_page(path, quiet)
        except WikiconvError as exc:
            yield index, path, str(exc)
            continue
        key = page.title.replace("_", " ")
        key = key[:1].upper() + key[1:]
        if key in seen:
            yield index, path, f"same title as {seen[key]}"
            continue
        seen[key] = path
        yield index, path, page


def _dry_run(client: Client, files: list[Path], args: argparse.Namespace) -> int:
    """Print a diff of every page against the wiki; edit nothing."""
    failed = 0
    for index, path, page in _pages(files, args.quiet):
        if isinstance(page, str):
            failed += 1
            status(index, len(files), str(path), f"failed: {page}")
            continue
        try:
            live = client.page(page.title)
        except MediaWikiError as exc:
            failed += 1
            status(index, len(files), page.title, f"failed: {exc}")
            if isinstance(exc, FATAL):
                break
            continue
        if live is not None and normalize_text(live.text) == normalize_text(page.text):
            status(index, len(files), page.title, "unchanged")
            continue
        old = live.text if live else None
        sys.stdout.write(unified_diff(page.title, old, page.text, live.revid if live else None))
        status(index, len(files), page.title, "would update" if live else "would create")
    sys.stdout.flush()
    return EXIT_INPUT if failed else EXIT_OK


def _upload(client: Client, journal: Journal, files: list[Path], args: argparse.Namespace) -> int:
    """Upload every page, recording each in the journal; stop early only on lag/limits/login."""
    failed = 0
    total = len(files)
    for index, path, page in _pages(files, args.quiet):
        if isinstance(page, str):
            failed += 1
            status(index, total, str(path), f"failed: {page}")
            continue
        sha1 = text_sha1(page.text)
        if journal.finished(page.title, sha1):
            status(index, total, page.title, "already done (journal)")
            continue
        try:
            if journal.interrupted(page.title, sha1):
                live = client.page(page.title)
                if live is not None and normalize_text(live.text) == normalize_text(page.text):
                    journal.record(page.title, sha1, "done", live.revid, "verified after restart")
                    status(index, total, page.title, f"done before interruption (r{live.revid})")
                    continue
            journal.record(page.title, sha1, "pending")
            result = client.edit(
                page.title,
                page.text,
                args.summary,
                bot=args.bot,
                createonly=args.createonly,
                nocreate=args.nocreate,
            )
        except MediaWikiError as exc:
            failed += 1
            journal.record(page.title, sha1, "failed", reason=str(exc))
            status(index, total, page.title, f"failed: {exc}")
            if exc.code == "assertbotfailed":
                print("upload: the account has no bot flag; use --no-bot", file=sys.stderr)
            if isinstance(exc, FATAL) or exc.code == "assertbotfailed":
                left = total - index
                print(f"upload: stopping; {left} page(s) left, rerun to resume", file=sys.stderr)
                break
            continue
        state: State = "skipped" if result.unchanged else "done"
        journal.record(page.title, sha1, state, result.revid)
        status(index, total, page.title, f"{result.status} (r{result.revid})")
    return EXIT_INPUT if failed else EXIT_OK
