"""``wikiconv convert``: one article in, one output out, stdin/stdout by default."""

from __future__ import annotations

import argparse
import sys

from wikiconv.api import TARGETS, ConvertOptions, Source, convert_document, parse
from wikiconv.commands.common import EXIT_OK, read_input
from wikiconv.fileio import write_atomic


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``convert``."""
    parser.add_argument("input", nargs="?", default="-", metavar="FILE", help="input, - = stdin")
    parser.add_argument(
        "-f",
        "--from",
        dest="source",
        choices=("markdown", "commonmark", "wikitext"),
        help="input format: markdown (the hybrid), commonmark (CommonMark alone) or wikitext "
        "(default: from the extension; .wiki/.mediawiki are wikitext)",
    )
    parser.add_argument("-t", "--to", default="wikitext", choices=list(TARGETS), help="format")
    parser.add_argument("-o", "--output", default="-", metavar="OUT", help="output, - = stdout")
    parser.add_argument(
        "--keep-h1", action="store_true", help="keep the first level-1 heading as a heading"
    )
    cites = parser.add_mutually_exclusive_group()
    cites.add_argument(
        "--citations",
        dest="citations",
        action="store_const",
        const=True,
        help="turn reference lists into citation templates (default for Markdown drafts)",
    )
    cites.add_argument(
        "--no-citations",
        dest="citations",
        action="store_const",
        const=False,
        help="leave references as written (default for wikitext and pulled pages)",
    )
    parser.add_argument(
        "--date-format",
        choices=("iso", "dmy", "mdy", "keep"),
        default="iso",
        help="date style in citation templates (default: iso)",
    )
    parser.add_argument(
        "--list-defined-refs",
        action="store_true",
        help="write cited references inside {{reflist|refs=...}}",
    )
    statements = parser.add_argument_group("statements (-t quickstatements, wikibase-json, ...)")
    statements.add_argument("--wikibase-api", metavar="URL", help="Wikibase API (default Wikidata)")
    statements.add_argument("--against", metavar="QID", help="emit only what this item lacks")
    statements.add_argument("--mapping", metavar="FILE", help="CSV or JSON of name -> QID")
    statements.add_argument(
        "--offline", action="store_true", help="resolve only through the mapping and built-ins"
    )
    statements.add_argument(
        "--rules", metavar="FILE", action="append", default=[], help="extra statement rules"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("--notes", action="store_true", help="also print every guess made")


WIKITEXT_SUFFIXES = (".wiki", ".mediawiki", ".wikitext")


def source_format_of(path: str) -> Source:
    """The input format a file name implies: wikitext for .wiki/.mediawiki, else Markdown."""
    return "wikitext" if path.lower().endswith(WIKITEXT_SUFFIXES) else "markdown"


def run(args: argparse.Namespace) -> int:
    """Convert one input and write the result."""
    text, source = read_input(args.input)
    source_format = args.source or source_format_of(args.input)
    citations = args.citations
    if citations is None and source_format == "wikitext":
        citations = False
    options = ConvertOptions(
        keep_h1=args.keep_h1,
        citations=citations,
        date_format=args.date_format,
        list_defined_refs=args.list_defined_refs,
        wikibase_api=args.wikibase_api,
        against=args.against,
        mapping=args.mapping,
        offline=args.offline,
        rules=tuple(args.rules),
    )
    doc = parse(text, source_name=source, keep_h1=options.keep_h1, source=source_format)
    output = convert_document(doc, args.to, options)
    for diagnostic in output.diagnostics:
        if args.quiet and diagnostic.severity != "error":
            continue
        if diagnostic.severity == "note" and not args.notes:
            continue
        print(diagnostic.format(source), file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(output.text)
        sys.stdout.flush()
    else:
        write_atomic(args.output, output.text)
    return EXIT_OK
