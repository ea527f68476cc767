"""Subcommands of the ``wikiconv`` command line, one module each.

Each module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``;
:mod:`wikiconv.cli` lists them in ``COMMANDS``.
"""
