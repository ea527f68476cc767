"""Stable, readable ``<ref name>`` values derived from citations.

A name is the first author's family name or organisation (else the website, publisher or the
title's first words) and the year: ``runway-2025``; a repeat gets ``-b``, ``-c`` ….  Names are
never bare integers, which Cite rejects, and only hold letters, digits and hyphens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Protocol

from wikiconv.citations.citation import Citation


class Named(Protocol):
    """Anything with a citation and a name to fill in (a reference entry)."""

    citation: Citation
    name: str


_LEADING_ARTICLE = {"the", "a", "an"}


def slug(text: str, max_words: int = 4) -> str:
    """Lower-case words of ``text`` joined by hyphens, accents dropped: ``runway-research``."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"[^\W_]+", folded.casefold())
    return "-".join(words[:max_words])


def name_base(c: Citation) -> str:
    """The readable part of a ref name: who (or what) and the year, e.g. ``runway-2025``."""
    who = ""
    for person in [*c.authors, *c.editors]:
        who = slug(person.organization) or slug(person.family) or slug(person.given)
        if who:
            break
    if not who:
        site = re.sub(r"^(?:https?://)?(?:www\.)?", "", c.container.strip(), flags=re.I)
        who = slug(site.split("/")[0], 3) or slug(c.publisher, 3)
    if not who:
        words = c.title.split()
        if words and words[0].casefold() in _LEADING_ARTICLE:
            words = words[1:]
        who = slug(" ".join(words), 3)
    base = "-".join(x for x in (who, str(c.date.year) if c.date else "") if x)
    if not base or base.isdigit():
        base = "-".join(x for x in ("ref", base) if x)
    return base


def _suffixes() -> Iterator[str]:
    """De-duplicating suffixes: ``-b`` … ``-z``, then ``-27``, ``-28`` …"""
    yield from (f"-{chr(c)}" for c in range(ord("b"), ord("z") + 1))
    n = 27
    while True:
        yield f"-{n}"
        n += 1


def unique_name(base: str, taken: set[str]) -> str:
    """``base``, or ``base`` with the first free suffix; the name is added to ``taken``."""
    name = base
    if name in taken:
        name = next(base + s for s in _suffixes() if base + s not in taken)
    taken.add(name)
    return name


def assign_names(entries: Iterable[Named], taken: set[str]) -> None:
    """Give each unnamed entry a unique name derived from its citation, in entry order."""
    for entry in entries:
        if not entry.name:
            entry.name = unique_name(name_base(entry.citation), taken)
