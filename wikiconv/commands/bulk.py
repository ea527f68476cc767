"""``wikiconv bulk``: many articles to one MediaWiki XML dump, a statement batch and a report."""

from __future__ import annotations

import argparse
import os
import sys

from wikiconv.bulk import GENERATOR, BulkError, BulkOptions, run_bulk
from wikiconv.bulk.engines import ENGINES, EngineError, dask_available
from wikiconv.commands.common import EXIT_INPUT, EXIT_USAGE
from wikiconv.xml_dump import SiteInfo, parse_timestamp


def _positive(text: str) -> int:
    """An integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _timestamp(text: str) -> str:
    """An ISO 8601 date-time, normalised to UTC."""
    try:
        return parse_timestamp(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date-time: {text!r} (e.g. 2024-05-01T12:00:00Z)"
        ) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``bulk``."""
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="files, folders, or .jsonl files of records"
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.add_argument(
        "--glob", default="*.md", metavar="PATTERN", help="files taken from folders (*.md)"
    )
    parser.add_argument(
        "-j", "--jobs", type=_positive, default=os.cpu_count() or 1, help="worker processes"
    )
    parser.add_argument("--engine", choices=ENGINES, default="pool", help="how to run workers")
    parser.add_argument(
        "--dask-scheduler", metavar="ADDRESS", help="a running Dask scheduler (default: local)"
    )
    parser.add_argument(
        "--timestamp", type=_timestamp, help="revision time, ISO 8601 (default: now)"
    )
    parser.add_argument("--user", default="wikiconv", help="revision author's user name")
    parser.add_argument("--user-id", type=int, default=0, help="revision author's user id")
    parser.add_argument(
        "--summary", default="Converted with wikiconv", help="edit summary of every revision"
    )
    parser.add_argument("--csv", action="store_true", help="also write statements.csv")
    parser.add_argument(
        "--no-statements",
        dest="statements",
        action="store_false",
        help="do not extract statements (statements.qs stays empty)",
    )
    parser.add_argument(
        "--resume", action="store_true", help="take the results an interrupted run left"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on a terminal; plain log lines otherwise)",
    )
    parser.add_argument(
        "--keep-h1", action="store_true", help="keep the first level-1 heading as a heading"
    )
    parser.add_argument("--sitename", default="Wiki", help="siteinfo: the wiki's name")
    parser.add_argument("--dbname", default="wikidb", help="siteinfo: the database name")
    parser.add_argument(
        "--base", default="http://localhost/wiki/Main_Page", help="siteinfo: main page URL"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    """Run the bulk conversion and print a summary; 0 all fine, 1 some inputs failed."""
    if args.engine == "dask" and not dask_available():
        print("wikiconv: --engine dask needs Dask: pip install 'wikiconv[dask]'", file=sys.stderr)
        return EXIT_USAGE
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        print(f"wikiconv: --out {args.out}: not a folder", file=sys.stderr)
        return EXIT_USAGE
    progress = "off" if args.quiet else {None: "auto", True: "bar", False: "log"}[args.progress]
    options = BulkOptions(
        out_dir=args.out,
        pattern=args.glob,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.dask_scheduler,
        timestamp=args.timestamp,
        user=args.user,
        user_id=args.user_id,
        summary=args.summary,
        keep_h1=args.keep_h1,
        statements=args.statements,
        csv=args.csv,
        resume=args.resume,
        progress=progress,
        site=SiteInfo(args.sitename, args.dbname, args.base, GENERATOR),
    )
    try:
        outcome = run_bulk(args.inputs, options)
    except (BulkError, EngineError) as exc:
        print(f"wikiconv: {exc}", file=sys.stderr)
        return EXIT_INPUT
    lines = outcome.summary
    if args.quiet:
        lines = [line for line in lines[1:] if ": error: " in line or ": skipped: " in line]
    for line in lines:
        print(line, file=sys.stderr)
    return outcome.exit_status
