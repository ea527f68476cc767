"""The lead sentence: bold names, and the copular sentence ``X is an American … company``.

From ``**Runway** (officially **Runway AI, Inc.**) is an American artificial intelligence
company specializing in …`` come the aliases (the bold names other than the label), the
description (the noun phrase after the article, cut before participles, relative pronouns and
most prepositions: ``American artificial intelligence company``), instance of (its head noun,
looked up in the curated class table: company → Q783794; an occupation makes the subject a
human with that occupation) and the country, from a demonym before the head (American → United
States; the property depends on the class: P17, P27 or P495).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from wikiconv.statements.lead_classes import (
    MASS_CLASS_NOUNS,
    agent_nouns,
    compound_start,
    first_class,
    genre_table,
    genres,
    group_by_link,
    skip_evaluative,
)
from wikiconv.statements.lead_place import SEAT_PHRASE, read_place
from wikiconv.statements.lead_subject import person_hint, subject_opens, subject_start
from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import ItemValue
from wikiconv.statements.subject import mask
from wikiconv.statements.verb_words import AUX

_COPULA_RE = re.compile(  # "is proprietary accounting software": a mass noun takes no article
    r"\s(?:is|was|are|were)\s+(?:(?:also|currently|now|still)\s+)?(?:(?P<det>an?|the)\s+"
    rf"|(?=(?:[\w\x00-]+\s+){{0,4}}?{MASS_CLASS_NOUNS}\b))"
)
_TOKEN_RE = re.compile(r"[^\W_](?:[\w'’&/+-]|[.–](?=[^\W_]))*|[,;:()\"“”—–]")
_CUT_WORDS = frozenset(
    "that which who whose whom where when while by for from with since under at on to after "
    "before during about as like between among through via including featuring best also "
    "widely primarily mainly mostly known noted famous founded based headquartered located "
    "situated born consisting comprising created developed directed written published "
    "released formed owned operated".split()
)
_DETERMINERS = frozenset("a an the his her its their this that these those".split())
_CUT_OR_DETERMINER = _CUT_WORDS | _DETERMINERS | {"in", "of"}
_DISAMBIGUATION_RE = re.compile(r"\s*\([^()]*\)\s*$")
_COORDINATOR_RE = re.compile(r" (?:and|or) ")
_SPACES_RE = re.compile(r"\s+")
_CLAUSE_IN_PREFIX_RE = re.compile(r"[;:]|\b(?:which|who|that)\b")
_MASKED_RUN_RE = re.compile(r"\s*\x00+\s*")
_WORD_CHAR_RE = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class KnownItems:
    """The curated name → QID table, by section, and each country's canonical name."""

    countries: dict[str, str]
    demonyms: dict[str, str]
    classes: dict[str, str]
    country_names: dict[str, str]  # QID -> first country name listed


@lru_cache(maxsize=1)
def known_items() -> KnownItems:
    """Return the curated table shipped as ``data/known_items.json``, by section."""
    path = resources.files("wikiconv.statements").joinpath("data/known_items.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    countries = dict(data.get("countries", {}))
    names: dict[str, str] = {}
    for name, qid in countries.items():
        names.setdefault(qid, name)
    return KnownItems(
        countries, dict(data.get("demonyms", {})), dict(data.get("classes", {})), names
    )


@lru_cache(maxsize=1)
def _demonym_words() -> tuple[str, ...]:
    """Return the one-word demonyms of the curated table, sorted."""
    return tuple(sorted(d for d in known_items().demonyms if " " not in d))


def strip_disambiguation(title: str) -> str:
    """Return a page title without its parenthesised disambiguation ("Parasite (2019 film)")."""
    stripped = _DISAMBIGUATION_RE.sub("", title).strip()
    return stripped or title.strip()


def bold_names(sentence: Sentence) -> list[str]:
    """Return the bold names of a sentence, in order, without duplicates."""
    out: list[str] = []
    for start, end in sentence.bold:
        name = _SPACES_RE.sub(" ", sentence.text[start:end]).strip(" ,;:")
        if name and name not in out:
            out.append(name)
    return out


@dataclass(slots=True)
class Copular:
    """What the lead's copular sentence says about the subject."""

    description: str
    group: str | None = None
    instance_of: list[ItemValue] = field(default_factory=list)
    occupations: list[ItemValue] = field(default_factory=list)
    country: ItemValue | None = None
    country_property: str | None = None
    country_rule: str = "lead:demonym"
    country_also: str | None = None  # a second property for a demonym (a band's P17)
    place: ItemValue | None = None
    place_property: str | None = None
    head: str = ""  # the head noun, for "The company" references
    genres: list[ItemValue] = field(default_factory=list)  # "indie rock band" -> indie rock


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int


def read_copular(sentence: Sentence, names: list[str], config: dict[str, Any]) -> Copular | None:
    """Read ``NAME … is a[n] NOUN PHRASE`` at the start of a sentence; ``None`` if it is not one."""
    text = sentence.text
    masked = mask(text)
    copula = _COPULA_RE.search(masked)
    if copula is None or copula.start() > 250:
        return None
    prefix = masked[: copula.start()]
    if not subject_opens(prefix, names):
        return None
    bold_end = max((b for _a, b in sentence.bold if b <= copula.start()), default=0)
    opening = max(subject_start(prefix, names), bold_end)  # a bold title may hold a colon
    if _CLAUSE_IN_PREFIX_RE.search(prefix[opening:]):
        return None
    tokens = [
        _Tok(m.group(0), m.start() + copula.end(), m.end() + copula.end())
        for m in _TOKEN_RE.finditer(masked[copula.end() :])
    ]
    if tokens and tokens[0].text.lower() == "one":
        return None  # "one of the largest …": no single class
    known = known_items()
    occupations, every, curated_classes = _class_names(config, known)
    np = _noun_phrase(skip_evaluative(tokens, config), occupations.names)
    if not np:
        return None
    groups: dict[str, list[str]] = config.get("class_groups", {})
    head_end = next((i for i, t in enumerate(np) if t.text.lower() in ("of", "in")), len(np))
    head = np[:head_end]
    if len(head) > 1 and head[-1].text.lower() in config.get("head_fillers", []):
        head = head[:-1]  # "an accounting software product": the class is the software
    parts = _split_coordination(head)
    found = [_suffix(p, occupations) for p in parts]
    jobs = [f for f in found if f is not None]
    result = Copular("")
    genre_words: list[_Tok] = []
    person = person_hint(text[: copula.start()]) and _suffix(head, every) is None
    if person and parts and len(jobs) < len(parts):
        # "(born 1998) is a Slovenian ski jumper", "(born 1983) is a chef and restaurateur"
        found = [f or _trailing_job(p) for p, f in zip(parts, found, strict=True)]
        jobs = [f for f in found if f is not None]
    if len(parts) == 1 and jobs and not person:  # "text editor" is a class, "editor" a job
        kind = _suffix(head, every)
        if kind is not None and kind[1] < jobs[0][1]:
            jobs = []
    if parts and jobs and (len(jobs) == len(parts) or agent_nouns(parts, found)):
        # "novelist and translator": one known occupation makes its agent-noun partners jobs
        result.group = "human"
        result.instance_of.append(ItemValue("human", known.classes.get("human")))
        for part, job in zip(parts, found, strict=True):
            name = job[0] if job else part[-1].text.lower()
            result.occupations.append(ItemValue(name, known.classes.get(name)))
        modifiers = parts[0][: found[0][1]] if found[0] else parts[0][:-1]
    else:
        match = _suffix(head, every)
        if len(parts) > 1 and (match is None or not _COORDINATOR_RE.search(match[0])):
            head = first_class(sentence, parts, lambda p: _suffix(p, every) is not None) or head
            match = _suffix(head, every)  # "a linter and code formatter": the linter
        if match is None:
            if not head:
                return None
            result.group = group_by_link(sentence, head[-1], config)
            if head[-1].text.lower() not in config.get("non_class_heads", []) and not _not_a_class(
                head[-1].text, known
            ):
                result.instance_of.append(_head_item(sentence, head[-1:], head[-1].text.lower()))
            modifiers = head[:-1]
            result.head = head[-1].text.lower()
            genre_words = modifiers
        else:
            name, at = match
            result.group = next((g for g, ns in groups.items() if name in ns), None)
            curated = _suffix(head, curated_classes)
            table = genre_table(config, result.group)
            between = " ".join(t.text for t in head[at : curated[1]]).lower() if curated else ""
            use_curated = curated is not None and (curated[1] <= at or between in table)
            if curated is not None and use_curated:
                # prefer a class the curated table resolves unless the longer class is more
                # than a genre: "indie rock band" is a "band", "public company" stays whole
                name, at = curated
            linked = any(k.start < head[at].start < k.end for k in sentence.links)
            start = compound_start(head, at, result.group, config, linked)
            if start < at:
                name, at = " ".join(t.text for t in head[start:]), start
                result.instance_of.append(_head_item(sentence, head[at:], name))
            elif curated is not None and use_curated:
                result.instance_of.append(ItemValue(name, known.classes[name]))
            else:
                result.instance_of.append(_head_item(sentence, head[at:], name))
            genre_words = head[:at]
            result.head = name.split()[-1].lower()
            modifiers = head[:at]
    _demonym(result, modifiers, known, config)
    genres(result, sentence, genre_words, config, known.classes)
    place_in = config.get("place_in", {})
    chain_end = 0
    if result.group in place_in.get("groups", []):
        chain_end = read_place(result, sentence, np, head_end, known, config, _demonym_words())
        in_np = any(t.text.lower() == "in" for t in np[head_end:])
        chain_end = chain_end if in_np else 0  # "… based in X" is no description
    description_end = len(np)
    if result.group not in place_in.get("description_groups", ["place"]) and not chain_end:
        description_end = next((i for i, t in enumerate(np) if t.text.lower() == "in"), len(np))
    words = np[:description_end]
    text_end = max(words[-1].end, chain_end)
    result.description = _SPACES_RE.sub(" ", masked[words[0].start : text_end]).strip()
    result.description = _MASKED_RUN_RE.sub(" ", result.description).strip(" ,")
    return result


def _trailing_job(part: list[_Tok]) -> tuple[str, int] | None:
    """Return the lower-case words that end a part ("ski jumper" in "Slovenian ski jumper")."""
    at = len(part)
    while at > 0 and part[at - 1].text[:1].islower():
        at -= 1
    if at == len(part):
        return None
    return " ".join(t.text for t in part[at:]), at


def _not_a_class(word: str, known: KnownItems) -> bool:
    """Tell whether a head word cannot name a class: a demonym, a number."""
    return word in known.demonyms or not any(c.isalpha() for c in word)


def _noun_phrase(tokens: list[_Tok], occupations: set[str]) -> list[_Tok]:
    """Return the tokens of the noun phrase after the article, up to the first cut."""
    out: list[_Tok] = []
    skip = 0
    for i, tok in enumerate(tokens):
        if i < skip:
            continue
        word = tok.text
        lower = word.lower()
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        seat = _seat_words(tokens, i) if out and out[-1].text == "in" else 0
        if seat:  # "a city in and the county seat of X": the place chain reads past it
            skip = i + seat
            continue
        if word == ",":
            rest = " ".join(t.text for t in tokens[i + 1 : i + 4]).lower()
            if not any(rest.startswith(o) or rest.startswith("and " + o) for o in occupations):
                break
            out.append(tok)
            continue
        if not _WORD_CHAR_RE.match(word) or lower in _CUT_WORDS:
            break
        if lower in ("and", "or") and (nxt.lower() in AUX or nxt.lower() in _DETERMINERS):
            break
        if (
            out
            and lower.endswith(("ing", "ed"))
            and (nxt.lower() in _CUT_OR_DETERMINER or nxt[:1].isupper() or not nxt)
        ):
            break
        out.append(tok)
    while out and out[-1].text.lower() in ("and", "or", "of", "in", ","):
        out.pop()
    return out


def _seat_words(tokens: list[_Tok], at: int) -> int:
    """Return how many tokens "and the county seat of" (:data:`SEAT_PHRASE`) takes from
    ``at``, with the commas around it ("in, and the capital of, X"); 0 if none."""
    window = " ".join(t.text for t in tokens[at : at + 8])
    found = _SEAT_WORDS_RE.match(window)
    return len(found.group(0).split()) if found else 0


_SEAT_WORDS_RE = re.compile(rf"(?:, )?{SEAT_PHRASE}(?: ,)?(?= |$)")


def _split_coordination(head: list[_Tok]) -> list[list[_Tok]]:
    """Split ``actor, singer and songwriter`` into its conjuncts."""
    parts: list[list[_Tok]] = [[]]
    for tok in head:
        if tok.text in (",", "and", "or"):
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


@dataclass(frozen=True, slots=True)
class _Names:
    """A set of class or occupation names, and each by its lower-case form."""

    names: set[str]
    lowered: dict[str, str]

    @classmethod
    def of(cls, names: set[str]) -> _Names:
        return cls(names, {n.lower(): n for n in names})


_CLASS_NAMES: dict[int, tuple[object, object, KnownItems, tuple[_Names, _Names, _Names]]] = {}


def _class_names(config: dict[str, Any], known: KnownItems) -> tuple[_Names, _Names, _Names]:
    """Return the occupations, every class name (groups and curated) and the curated classes;
    built once per configuration (its lists are not changed once loaded)."""
    occupations = config.get("occupations", [])
    groups = config.get("class_groups", {})
    cached = _CLASS_NAMES.get(id(config))
    if cached and cached[0] is occupations and cached[1] is groups and cached[2] is known:
        return cached[3]
    every = {name for names_ in groups.values() for name in names_} | set(known.classes)
    value = (_Names.of(set(occupations)), _Names.of(every), _Names.of(set(known.classes)))
    if len(_CLASS_NAMES) > 32:
        _CLASS_NAMES.clear()
    _CLASS_NAMES[id(config)] = (occupations, groups, known, value)
    return value


def _suffix(words: list[_Tok], known: _Names) -> tuple[str, int] | None:
    """Return the longest (up to 3-word) suffix of ``words`` found in ``names`` and its index."""
    names, lowered = known.names, known.lowered
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        phrase = " ".join(t.text for t in words[-size:])
        for key in (phrase, phrase.lower()):
            if key in names:
                return key, len(words) - size
            if key.lower() in lowered:
                return lowered[key.lower()], len(words) - size
    return None


def _head_item(sentence: Sentence, words: list[_Tok], name: str) -> ItemValue:
    """Return a class the curated table lacks: the wikilink spanning it, else its name."""
    for link in sentence.links:
        if link.end == words[-1].end and link.start <= words[0].start:
            return ItemValue(link.target, from_wikilink=True)
    return ItemValue(name)


def _demonym(
    result: Copular, modifiers: list[_Tok], known: KnownItems, config: dict[str, Any]
) -> None:
    """Set the country from a demonym among the words before the head noun."""
    prop = config.get("demonym_property", {}).get(result.group or "")
    if not prop:
        return
    words = [w for t in modifiers for w in t.text.split("–")]
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            qid = known.demonyms.get(phrase)
            if qid and phrase[:1].isupper() and qid in known.country_names:
                result.country = ItemValue(known.country_names[qid], qid)
                result.country_property = prop
                result.country_also = config.get("demonym_extra_property", {}).get(
                    result.group or ""
                )
                return
