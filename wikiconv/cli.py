"""The ``wikiconv`` command line, after pandoc's habits: stdin to stdout unless told otherwise."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from wikiconv import __version__
from wikiconv.commands import bulk, convert, upload
from wikiconv.commands.common import EXIT_INPUT, EXIT_USAGE
from wikiconv.errors import InputError, WikiconvError

# Subcommand modules, in the order ``--help`` lists them.
COMMANDS: list[ModuleType] = [convert, bulk, upload]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="wikiconv", description="Convert Markdown-wiki hybrid articles to MediaWiki markup."
    )
    parser.add_argument("--version", action="version", version=f"wikiconv {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 input error, 2 usage)."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except InputError as exc:
        print(f"wikiconv: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except (OSError, WikiconvError) as exc:
        print(f"wikiconv: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("wikiconv: interrupted", file=sys.stderr)
        return 130
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
