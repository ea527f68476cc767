"""Class nouns in the lead: which modifiers make a kind of the class ("public university",
"robotics company"), and which coordinated nouns are occupations ("novelist and translator")."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from wikiconv.statements.statement import ItemValue

if TYPE_CHECKING:
    from wikiconv.statements.lead import Copular, _Tok
    from wikiconv.statements.sentences import Sentence


def agent_nouns(parts: list[list[_Tok]], found: list[tuple[str, int] | None]) -> bool:
    """Tell whether the parts that are not known occupations end in agent nouns ("translator")."""
    return all(
        job is not None or part[-1].text.lower().endswith(_AGENT_SUFFIXES)
        for part, job in zip(parts, found, strict=True)
    )


_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent")


def compound_start(
    head: list[_Tok], at: int, group: str | None, config: dict[str, Any], linked: bool = False
) -> int:
    """Extend a class leftwards over the modifiers that make a kind of it ("private research
    university", "shipbuilding company", "robotics company", "aircraft manufacturer"); return
    its new start. An industry does not extend a class linked as a whole ("[[software
    company]]": the link's page decides)."""
    spec = config.get("compound_classes", {})
    if group not in spec.get("groups", []):
        return at
    modifiers = set(spec.get("modifiers", []))
    industries = set(spec.get("industries", []))
    if not linked:
        modifiers |= industries
    not_kinds = set(spec.get("not_modifiers", []))
    suffixes = tuple(spec.get("industry_suffixes", ())) or ("\x00",)
    prefixes = set(spec.get("industry_prefixes", []))
    agent = head[at].text.lower() in spec.get("agent_heads", []) if at < len(head) else False
    opens_with_industry = at < len(head) and head[at].text.lower() in industries
    start = at
    while start > 0:
        word = head[start - 1].text
        lower = word.lower()
        if not word[:1].islower() or lower in not_kinds or lower in ("and", "or", "-"):
            break
        if lower in modifiers or (lower.endswith("ing") and len(lower) > 5):
            start -= 1
            if start and start + 1 == at and head[start - 1].text in prefixes and not linked:
                start -= 1  # "health technology company", "renewable energy company"
        elif not linked and start == at and lower in prefixes and opens_with_industry:
            start -= 1  # "health technology company": a prefix of the class's own industry
        elif not linked and start == at and lower.endswith(suffixes) and len(lower) > 5:
            start -= 1  # an industry by its form: "haulage", "analytics", "automation"
            if start and head[start - 1].text in prefixes:
                start -= 1  # "road haulage", "air cargo"
        elif agent and at - start < 2 and not lower.endswith(_ADJECTIVE_ENDINGS):
            start -= 1  # what an agent noun makes: "aircraft manufacturer", "bicycle component …"
        else:
            break
    return start


def first_class(
    sentence: Sentence, parts: list[list[_Tok]], known: Callable[[list[_Tok]], bool]
) -> list[_Tok] | None:
    """In coordinated classes, return the first part that ends in a known class or on a
    wikilink ("a free and open-source [[Lint (software)|linter]] and code formatter": the
    linter); None if no part but the last does."""
    for part in parts[:-1]:
        if known(part) or any(link.end == part[-1].end for link in sentence.links):
            return part
    return None


def group_by_link(sentence: Sentence, tok: _Tok, config: dict[str, Any]) -> str | None:
    """Return the class group that the disambiguator of the wikilink ending at ``tok`` names
    ("[[Lint (software)|linter]]" is software)."""
    link = next((k for k in sentence.links if k.end == tok.end), None)
    found = _DISAMBIGUATOR_RE.search(link.target) if link else None
    if found is None:
        return None
    words = found.group(1).lower()
    groups: dict[str, list[str]] = config.get("class_groups", {})
    return next((g for g, names in groups.items() if words in map(str.lower, names)), None)


_DISAMBIGUATOR_RE = re.compile(r"\(([^()]+)\)$")


# classes named without an article ("is proprietary accounting software")
MASS_CLASS_NOUNS = r"(?:software|freeware|shareware|middleware|firmware)"
_GENRE_TARGET_RE = re.compile(r"[A-Za-z][a-z-]*(?: [a-z-]+)+")
_ADJECTIVE_ENDINGS = ("al", "ic", "ous", "ive", "ful", "less", "ish", "ese", "ian", "ary")


def genre_table(config: dict[str, Any], group: str | None) -> dict[str, str]:
    """Return the genre phrases of a class group; a group may name another's table (an album
    shares the band's music genres)."""
    tables = config.get("genres", {})
    table = tables.get(group or "", {})
    if isinstance(table, str):
        table = tables.get(table, {})
    return table if isinstance(table, dict) else {}


def genres(
    result: Copular,
    sentence: Sentence,
    modifiers: list[_Tok],
    config: dict[str, Any],
    classes: Mapping[str, str],
) -> None:
    """Split genre modifiers off the head noun ("indie rock band", "drama film"): each known
    genre phrase among the modifiers (longest first) names its genre item, or the wikilink
    that spans it; so does a modifier linked to a kind of the head ("[[Deck-building
    game|deck-building]] video game")."""
    table = genre_table(config, result.group)
    if not table or not modifiers:
        return
    i = 0
    while i < len(modifiers):
        link = next((k for k in sentence.links if k.start <= modifiers[i].start < k.end), None)
        if (
            link is not None
            and result.head
            and link.target.lower().endswith(" " + result.head)
            and _GENRE_TARGET_RE.fullmatch(link.target)  # not "[[PlayStation 2 game|…]]"
        ):
            _add_genre(result, ItemValue(link.target, from_wikilink=True))
            i += 1
            continue
        for size in (3, 2, 1):
            words = modifiers[i : i + size]
            if len(words) < size:
                continue
            name = table.get(" ".join(t.text for t in words).lower())
            if name is None:
                continue
            if "{head}" in name:  # "puzzle video game": the genre is a kind of the class
                kind = result.instance_of[0].name if result.instance_of else result.head
                plain = kind in config.get("genre_plain_heads", [])  # a series' "legal drama"
                name = name.replace(" {head}", "") if plain else name.replace("{head}", kind)
            link = next((k for k in sentence.links if k.start <= words[0].start < k.end), None)
            value = ItemValue(link.target, from_wikilink=True) if link else ItemValue(name)
            _add_genre(result, value)
            i += size
            break
        else:
            i += 1
    first = result.instance_of[0] if result.instance_of else None
    if first and first.from_wikilink and result.head and any(g == first for g in result.genres):
        # "a [[crime novel]]": the link names the genre, and the class is the plain head
        result.instance_of[0] = ItemValue(result.head, classes.get(result.head))


def _add_genre(result: Copular, value: ItemValue) -> None:
    """Add a genre once."""
    if all(v.name != value.name for v in result.genres):
        result.genres.append(value)


_T = TypeVar("_T", bound="_HasText")


class _HasText(Protocol):
    """A token: anything with its ``text``."""

    text: str


_LY_ADJECTIVES = frozenset(
    "daily weekly monthly quarterly yearly fortnightly biweekly bimonthly early family "
    "elderly friendly".split()
)  # "a weekly newspaper": not adverbs of praise


def skip_evaluative(tokens: list[_T], config: dict[str, Any]) -> list[_T]:
    """Drop a leading run of praise ("a powerful, flexible and remarkably fast open-source
    engine"): words of the configured ``evaluative_words``, -ly adverbs, and the commas and
    conjunctions between them, when a word that is none of these follows."""
    words = frozenset(config.get("evaluative_words", []))
    at = 0
    while at < len(tokens):
        lower = tokens[at].text.lower()
        if (
            lower in words
            or (
                lower.endswith("ly")
                and lower.isalpha()
                and len(lower) > 4
                and lower not in _LY_ADJECTIVES
            )
            or (at and lower in (",", "and", "yet") and at + 1 < len(tokens))
        ):
            at += 1
        else:
            break
    return tokens[at:] if 0 < at < len(tokens) else tokens
