"""Lark grammars of the hybrid dialect, installed as the ``wikiconv.grammar`` package."""
