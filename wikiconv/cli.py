"""The ``wikiconv`` command line, after pandoc's habits: stdin to stdout unless told otherwise."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from wikiconv import __version__
from wikiconv.api import TARGETS, parse
from wikiconv.errors import InputError
from wikiconv.fileio import decode_source, read_source, write_atomic
from wikiconv.writers.wikitext import WriterWarning, write_wikitext

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="wikiconv", description="Convert Markdown-wiki hybrid articles to MediaWiki markup."
    )
    parser.add_argument("--version", action="version", version=f"wikiconv {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    conv = commands.add_parser("convert", help="convert one article")
    conv.add_argument("input", nargs="?", default="-", metavar="FILE", help="input file, - = stdin")
    conv.add_argument("-t", "--to", default="wikitext", choices=TARGETS, help="output format")
    conv.add_argument("-o", "--output", default="-", metavar="OUT", help="output file, - = stdout")
    conv.add_argument(
        "--keep-h1", action="store_true", help="keep the first level-1 heading as a heading"
    )
    conv.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    return parser


def _read_input(name: str) -> tuple[str, str]:
    """The text of the input and the name to report it by."""
    if name == "-":
        return decode_source(sys.stdin.buffer.read(), "<stdin>"), "<stdin>"
    return read_source(name), name


def _format_warning(source: str, warning: WriterWarning) -> str:
    """A warning as ``FILE:LINE:COL: warning: message``."""
    line, col = (warning.pos.line, warning.pos.column) if warning.pos else (1, 1)
    return f"{source}:{line}:{col}: warning: {warning.message}"


def run_convert(args: argparse.Namespace) -> int:
    """The ``convert`` subcommand."""
    text, source = _read_input(args.input)
    doc = parse(text, source_name=source, keep_h1=args.keep_h1)
    result = write_wikitext(doc)
    if not args.quiet:
        for warning in result.warnings:
            print(_format_warning(source, warning), file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(result.text)
        sys.stdout.flush()
    else:
        write_atomic(args.output, result.text)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 input error, 2 usage)."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "convert":
            return run_convert(args)
    except InputError as exc:
        print(f"wikiconv: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"wikiconv: cannot write output: {exc}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
