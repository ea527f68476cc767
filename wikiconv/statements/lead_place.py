"""Places in the lead: ``a town in the Ostalbkreis district of Baden-Württemberg, Germany``."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import ItemValue
from wikiconv.statements.values import read_name

if TYPE_CHECKING:
    from wikiconv.statements.lead import Copular, KnownItems, _Tok


def read_place(
    result: Copular,
    sentence: Sentence,
    np: list[_Tok],
    head_end: int,
    known: KnownItems,
    config: dict[str, Any],
    demonyms: tuple[str, ...],
) -> int:
    """Read ``town in [the X district of] Y, Z`` (or ``… based in X``, ``… published in X``):
    the first place is the containing entity (P131, or the group's property), a country at
    the end of the chain is P17, and a country first ("in Bulgaria, part of Madan
    Municipality") gives way to the unit after it; return where the chain ends (0: none)."""
    if head_end < len(np) and np[head_end].text.lower() == "of":  # "museum of art in X"
        head_end = next(
            (i for i in range(head_end, min(head_end + 12, len(np))) if np[i].text == "in"),
            head_end,
        )
    located = _LOCATED_RE.match(sentence.text, np[-1].end) if np else None
    if located is not None and (head_end >= len(np) or np[head_end].text.lower() != "in"):
        start = located.end()  # "a weekly newspaper published in X", "a maker of tiles based in X"
    elif head_end >= len(np) or np[head_end].text.lower() != "in" or head_end + 1 >= len(np):
        return 0
    else:
        start = np[head_end].end
    spec = config.get("place_in", {})
    seat = _SEAT_RE.match(sentence.text, start)  # "a city in and the county seat of X"
    start = seat.end() if seat else start
    chain, end = place_chain(sentence, start, spec.get("units", []), demonyms)
    if not chain:
        return 0
    at = next((i for i, v in enumerate(chain) if v.name in known.countries), len(chain))
    after = chain[at + 1] if 0 < at < len(chain) - 1 else None
    if after is not None and after.from_wikilink and not _MACRO_RE.search(after.name):
        # "a town in Veszprém County, western Hungary, in the Ajka District": the unit after
        # the country is the narrower one
        chain = [chain[at + 1], *chain[: at + 1]]
    first = chain[0]
    country_prop = spec.get("country_property", "P17")
    if first.name in known.countries:
        inner = next(  # not "a town in Ghana, West Africa": a region above the country
            (
                v
                for v in chain[1:]
                if v.name not in known.countries and not _MACRO_RE.search(v.name)
            ),
            None,
        )
        if inner is None:
            result.place, result.place_property = first, country_prop
            return end
        chain, first = [inner, first], inner  # "a town in Bulgaria, part of Madan Municipality"
    head = result.head or (np[head_end - 1].text.lower() if head_end else "")
    prop = spec.get("head_property", {}).get(head) or spec.get("group_property", {}).get(
        result.group or "", spec.get("property", "P131")
    )
    result.place, result.place_property = first, prop
    country = next((v for v in reversed(chain[1:]) if v.name in known.countries), None)
    if country is None:  # "in the Italian region of Marche"
        for word in unit_demonyms(sentence.text, start, end, spec.get("units", [])):
            qid = known.demonyms.get(word)
            if qid in known.country_names:
                country = ItemValue(known.country_names[qid], qid)
    if country is not None and result.country is None:
        result.country, result.country_rule = country, "lead:place"
        result.country_property = country_prop
    return end


_THE_RE = re.compile(r"\s*(?:the\s+)?")
_MACRO_RE = re.compile(
    r"\b(?:Africa|Americas?|Asia|Europe|Oceania|Scandinavia|Caribbean|Balkans|Middle East|Levant"
    r"|Maghreb|Sahel|Arctic|Antarctica|Pacific|Atlantic|Mediterranean)\b"
)
_LOCATED_RE = re.compile(r"\s+(?:based|located|situated|published|headquartered)\s+in(?=\s)")
# "a city in and the county seat of X", "a city in, and the capital of, X"
SEAT_PHRASE = r"and\s+(?:the\s+)?(?:county\s+|parish\s+|district\s+)?(?:seat|capital)\s+of"
_SEAT_RE = re.compile(rf",?\s+{SEAT_PHRASE},?(?=\s)")


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
        article = _THE_RE.match(text, pos)  # "the [[Province of Burgos|province of Burgos]]"
        linked = sentence.link_at(article.end() if article else pos)
        if linked is not None and linked.end > at:
            at = linked.start
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
    r"|part|(?:main|chief|largest|principal)\s+(?:town|city|port))\s+of\s+(?:the\s+)?"
    r"|part\s+of\s+(?:the\s+)?|an?\s+(?:(?:small|large|coastal|port|market|border|rural)\s+)?"
    r"(?:town|city|village|municipality|district|region|province)\s+(?:in|of)\s+(?:the\s+)?)?"
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
    joined = _joined_countries().match(sentence.text, start, end)  # "Saint Kitts and Nevis"
    if joined is not None:
        return ItemValue(joined.group(0)), joined.end()
    name = read_name(sentence.text, start, end, sentence.links)
    if name is None:
        return None, start
    return ItemValue(name[0]), name[1]


@lru_cache(maxsize=1)
def _joined_countries() -> re.Pattern[str]:
    """Return a regex for the curated countries whose name holds "and" ("Trinidad and
    Tobago"), which a name reader would cut at "and"."""
    from wikiconv.statements.lead import known_items  # lead imports this module

    names = sorted((n for n in known_items().countries if " and " in n), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, names)) + r")(?![\w'’-])" if names else "x^")
