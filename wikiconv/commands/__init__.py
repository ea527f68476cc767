"""Subcommands of the ``wikiconv`` command line, one module each.

Each module defines ``add_arguments(parser)`` and ``run(args) -> int``; :mod:`wikiconv.cli`
names them, with their help text, in ``COMMANDS`` and imports only the one being run.
"""
