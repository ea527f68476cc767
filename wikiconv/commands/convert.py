"""``wikiconv convert``: one article in, one output out, stdin/stdout by default."""

from __future__ import annotations

import argparse
import sys

from wikiconv.api import TARGETS, parse
from wikiconv.commands.common import EXIT_OK, print_diagnostic, read_input
from wikiconv.fileio import write_atomic
from wikiconv.writers.wikitext import write_wikitext

NAME = "convert"
HELP = "convert one article"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``convert``."""
    parser.add_argument("input", nargs="?", default="-", metavar="FILE", help="input, - = stdin")
    parser.add_argument("-t", "--to", default="wikitext", choices=TARGETS, help="output format")
    parser.add_argument("-o", "--output", default="-", metavar="OUT", help="output, - = stdout")
    parser.add_argument(
        "--keep-h1", action="store_true", help="keep the first level-1 heading as a heading"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def run(args: argparse.Namespace) -> int:
    """Convert one input and write the result."""
    text, source = read_input(args.input)
    doc = parse(text, source_name=source, keep_h1=args.keep_h1)
    result = write_wikitext(doc)
    if not args.quiet:
        for warning in result.warnings:
            print_diagnostic(source, warning.pos, warning.message)
    if args.output == "-":
        sys.stdout.write(result.text)
        sys.stdout.flush()
    else:
        write_atomic(args.output, result.text)
    return EXIT_OK
