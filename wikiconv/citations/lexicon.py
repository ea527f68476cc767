"""The reference parser's word lists, loaded once from the JSON files in ``data/``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from wikiconv.citations.memo import per_reference


def _load(name: str) -> dict[str, Any]:
    text = (resources.files("wikiconv.citations") / "data" / name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@per_reference
def fold(text: str) -> str:
    """Fold a phrase for look-ups: lower case, no dots or outer punctuation, single spaces."""
    text = text.lower().replace(".", " ").replace("’", "'")
    return " ".join(text.strip(" ,;:()[]").split())


@dataclass(frozen=True)
class Lexicon:
    """Every word list the parser consults, as sets of folded phrases."""

    months: dict[str, int]  # folded month name or abbreviation -> 1..12
    month_names_en: tuple[str, ...]
    seasons: frozenset[str]
    no_date: frozenset[str]
    org_words: frozenset[str]
    issuer_words: frozenset[str]
    issuer_suffixes: tuple[str, ...]
    legal_suffixes: frozenset[str]
    known_organisations: frozenset[str]
    not_given_names: frozenset[str]
    publisher_words: frozenset[str]
    publishers: frozenset[str]
    news: frozenset[str]
    news_words: frozenset[str]
    news_suffixes: tuple[str, ...]
    platforms: frozenset[str]
    databases: frozenset[str]
    journal_words: frozenset[str]
    subject_words: frozenset[str]
    abbreviations: frozenset[str]  # case-sensitive, without the dot
    conference_cues: frozenset[str]
    places: frozenset[str]
    region_codes: frozenset[str]
    site_suffixes: frozenset[str]
    phrases: dict[str, tuple[str, ...]]
    month_forms: frozenset[str]  # every month form as written, lower case and capitalised
    month_pattern: str  # a regex matching exactly the month forms (a trie of alternations)


@cache
def lexicon() -> Lexicon:
    """Load the data files (once per process)."""
    months_data = _load("months.json")
    orgs = _load("organisations.json")
    pubs = _load("publishers.json")
    journals = _load("journals.json")
    sites = _load("sites.json")
    phrases = _load("phrases.json")

    months: dict[str, int] = {}
    forms: set[str] = set()
    for names in months_data["months"].values():
        for number, variants in enumerate(names, start=1):
            for variant in variants:
                months.setdefault(fold(variant), number)
                forms.add(variant)
                forms.add(variant.lower())
                forms.add(variant[:1].upper() + variant[1:])
    pattern = trie_pattern(forms)

    def folded(items: list[str]) -> frozenset[str]:
        return frozenset(fold(i) for i in items)

    return Lexicon(
        months=months,
        month_names_en=tuple(v[0] for v in months_data["months"]["en"]),
        seasons=folded(months_data["seasons"]),
        no_date=folded(months_data["no_date"]),
        org_words=folded(orgs["org_words"]),
        issuer_words=folded(orgs["issuer_words"]),
        issuer_suffixes=tuple(orgs["issuer_suffixes"]),
        legal_suffixes=folded(orgs["legal_suffixes"]),
        known_organisations=folded(orgs["known_organisations"]),
        not_given_names=folded(orgs["not_given_names"]),
        publisher_words=folded(pubs["publisher_words"]),
        publishers=folded(pubs["publishers"]),
        news=folded(pubs["news_organisations"]),
        news_words=folded(pubs["news_words"]),
        news_suffixes=tuple(pubs["news_suffixes"]),
        platforms=folded(pubs["platforms"]),
        databases=folded(pubs["databases"]),
        journal_words=folded(journals["journal_words"]),
        subject_words=folded(journals["subject_words"]),
        abbreviations=frozenset(journals["abbreviations"]),
        conference_cues=folded(journals["conference_cues"]),
        places=folded(journals["places"]),
        region_codes=frozenset(journals["region_codes"]),
        site_suffixes=frozenset(sites["second_level"]) | frozenset(sites["top_level"]),
        phrases={k: tuple(v) for k, v in phrases.items() if isinstance(v, list)},
        month_forms=frozenset(forms),
        month_pattern=pattern,
    )


def trie_pattern(words: set[str] | frozenset[str]) -> str:
    """A regex matching exactly ``words``, factored by common prefixes (quick to compile).

    Every word in the lexicon's uses is followed by a word boundary test, so only one
    alternative can match at a position and the order of alternatives does not matter.
    """
    if not words:
        return "(?!)"
    branches: dict[str, set[str]] = {}
    for word in words:
        if word:
            branches.setdefault(word[0], set()).add(word[1:])
    alternatives = []
    for first in sorted(branches):
        rest = branches[first]
        tail = trie_pattern(rest - {""}) if rest - {""} else ""
        if tail and "" in rest:
            tail = f"(?:{tail})?"
        alternatives.append(re.escape(first) + tail)
    if len(alternatives) == 1 and "" not in words:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


@cache
def folded_phrases(key: str) -> tuple[str, ...]:
    """The phrases of ``phrases.json`` under ``key``, folded, in file order."""
    return tuple(fold(p) for p in lexicon().phrases[key])
