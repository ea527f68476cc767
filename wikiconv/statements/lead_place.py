"""Places in the lead: ``a town in the Ostalbkreis district of Baden-Württemberg, Germany``."""

from __future__ import annotations

import re
from functools import lru_cache

from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import ItemValue
from wikiconv.statements.values import read_name


def place_chain(
    sentence: Sentence, pos: int, units: list[str], demonyms: tuple[str, ...] = ()
) -> tuple[list[ItemValue], int]:
    """Read places from ``pos``: ``the Ostalbkreis district of Baden-Württemberg, Germany``,
    ``the district of Hof in Upper Franconia, Bavaria``, ``the Italian region of Marche``;
    most specific first."""
    text = sentence.text
    unit = _unit_source(tuple(units))
    demonym = _demonym_source(demonyms)
    lead = _cached(
        rf"\s*(?:the\s+)?{_DIRECTION}(?:{demonym}(?:{unit})\s+of\s+(?:the\s+)?{_DIRECTION})?"
    )
    after = _cached(rf"\s+(?:{unit})\b")
    link_re = _cached(
        r"(?:,\s+(?:in\s+)?|\s+(?:of|in)\s+)"
        + _APPOSED_UNIT
        + r"(?:the\s+)?"
        + _DIRECTION
        + "(?:"
        + demonym
        + "(?:"
        + unit
        + r")\s+of\s+(?:the\s+)?)?"
        + _DIRECTION
    )
    out: list[ItemValue] = []
    end = pos
    while len(out) < 6:
        skip = lead.match(text, pos)
        at = skip.end() if skip else pos
        value, stop = _place_name(sentence, at, len(text))
        if value is None or stop <= at:
            break
        out.append(value)
        end = stop
        tail = after.match(text, stop)
        stop = tail.end() if tail else stop
        more = link_re.match(text, stop)
        if more is None:
            break
        pos = more.end()
    return out, end


# "in north-western Uruguay", "of southern Chile": a compass word before a place
_DIRECTION = (
    r"(?:(?:far\s+)?(?:north|south|east|west|central|north-?east|north-?west|south-?east"
    r"|south-?west|north-?central|south-?central)(?:ern)?\s+)?"
)
# "Salto, the capital of Salto Department", "Gisenyi, a town in Rubavu District": the place
# the chain goes on with
_APPOSED_UNIT = (
    r"(?:(?:the|a)\s+(?:(?:former|historic|administrative|provincial|regional|departmental)\s+)?"
    r"(?:capital|seat|county\s+seat|administrative\s+centre|administrative\s+center|suburb"
    r"|part)\s+of\s+(?:the\s+)?|an?\s+(?:(?:small|large|coastal|port|market|border)\s+)?"
    r"(?:town|city|village|municipality|district|region|province)\s+in\s+(?:the\s+)?)?"
)


@lru_cache(maxsize=8)
def _unit_source(units: tuple[str, ...]) -> str:
    """Return a regex for one of the configured units ("district", "region")."""
    return "|".join(re.escape(u) for u in units) or "x^"


@lru_cache(maxsize=4)
def _demonym_source(demonyms: tuple[str, ...]) -> str:
    """Return a regex for an optional demonym before a unit ("the Italian region of")."""
    if not demonyms:
        return ""
    words = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True))
    return rf"(?:(?-i:{words})\s+)?"


def unit_demonyms(text: str, start: int, end: int, units: list[str]) -> list[str]:
    """Return the capitalised words written just before a unit in ``text[start:end]``
    ("Italian" in "in the Italian region of Marche"), for the country they name."""
    unit = _unit_source(tuple(units))
    found = _cached(rf"\bthe\s+((?-i:[A-Z][\w-]+))\s+(?:{unit})\s+of\b")
    return [m.group(1) for m in found.finditer(text, start, end)]


@lru_cache(maxsize=64)
def _cached(source: str) -> re.Pattern[str]:
    """Compile a regex made from configuration (cached)."""
    return re.compile(source)


def _place_name(sentence: Sentence, start: int, end: int) -> tuple[ItemValue | None, int]:
    """Read the wikilink or capitalised name at ``start``; return it and where it ends."""
    link = sentence.link_at(start)
    if link is not None:
        return ItemValue(link.target, from_wikilink=True), link.end
    name = read_name(sentence.text, start, end, sentence.links)
    if name is None:
        return None, start
    return ItemValue(name[0]), name[1]
