"""The ``wikiconv`` command line, after pandoc's habits: stdin to stdout unless told otherwise.

Subcommands are modules under :mod:`wikiconv.commands` (``add_arguments(parser)`` and
``run(args) -> int``).  Only the one being run is imported, so ``wikiconv convert`` does not
pay for loading the bulk engine or the upload client.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from wikiconv import __version__
from wikiconv.commands.common import EXIT_INPUT, EXIT_USAGE
from wikiconv.errors import InputError, WikiconvError

# name -> (module, one-line help), in the order ``--help`` lists them.
COMMANDS: dict[str, tuple[str, str]] = {
    "convert": ("wikiconv.commands.convert", "convert one article"),
    "bulk": ("wikiconv.commands.bulk", "convert a folder of articles into a dump and a batch"),
    "upload": ("wikiconv.commands.upload", "upload articles to a wiki through its API"),
    "pull": ("wikiconv.commands.pull", "fetch a wiki page as hybrid Markdown to edit"),
    "push": ("wikiconv.commands.push", "save a pulled, edited page back, changing only the edits"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; ``command`` is the subcommand whose options are loaded."""
    parser = argparse.ArgumentParser(
        prog="wikiconv", description="Convert Markdown-wiki hybrid articles to MediaWiki markup."
    )
    parser.add_argument("--version", action="version", version=f"wikiconv {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(module_name)
            module.add_arguments(sub)
            sub.set_defaults(run=module.run)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line, if any."""
    return next((arg for arg in argv if arg in COMMANDS), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 input error, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_command_in(argv)).parse_args(argv)
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
