"""The library entry points: :func:`parse` and :func:`convert`."""

from __future__ import annotations

from typing import Literal

from wikiconv.model import Document

Target = Literal["wikitext"]
TARGETS: tuple[str, ...] = ("wikitext",)


def parse(text: str, source_name: str = "<string>", keep_h1: bool = False) -> Document:
    """Parse hybrid Markdown-wiki text into a :class:`~wikiconv.model.Document`."""
    from wikiconv.readers.hybrid import read_hybrid

    return read_hybrid(text, source_name=source_name, keep_h1=keep_h1)


def convert(
    text: str,
    target: Target = "wikitext",
    keep_h1: bool = False,
    source_name: str = "<string>",
) -> str:
    """Convert hybrid text to ``target`` (``"wikitext"``) and return the result."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; expected one of {', '.join(TARGETS)}")
    from wikiconv.writers.wikitext import write_wikitext

    return write_wikitext(parse(text, source_name=source_name, keep_h1=keep_h1)).text
