"""Which words read as a finite verb: auxiliaries, common irregular past forms, -ed and -s
forms, after an optional -ly adverb. The clause analysis (:mod:`wikiconv.statements.subject`)
decides with these whether a clause has a subject and a verb of its own."""

from __future__ import annotations

import re

AUX = frozenset(
    "is was are were be been being has have had will would can could may might must shall "
    "should do does did".split()
)
ADVERBS = frozenset(
    "also later then first originally initially subsequently currently now still formally "
    "officially jointly eventually soon once again already further publicly widely".split()
)
IRREGULAR = frozenset(
    "began became grew won made took led ran went came left built sold bought held met wrote "
    "drew gave saw found got kept lost paid said sent set spent stood taught told brought chose "
    "fell felt fought knew lay meant put read rose shot sang sat spoke spread struck threw wore "
    "hosts comprises consists remains play perform record tour remain continue consist "
    "include sing operate".split()
)
PREPOSITIONS = frozenset(
    "of in for with by from to at on about into over under between among through as like "
    "after before during since until against".split()
)


def is_verb(words: list[str], at: int = 0) -> bool:
    """Tell whether ``words[at]`` (after an optional -ly adverb) reads as a finite verb."""
    if at < len(words) and words[at].endswith("ly") and words[at][:1].islower():
        at += 1
    if at >= len(words):
        return False
    word = words[at]
    if not word[:1].islower() or word.endswith(("'s", "’s")):
        return False  # not a verb: "The newspaper's offices"
    if word in AUX or word in IRREGULAR or word in ADVERBS:
        return True
    if word.endswith("ed") or word.startswith("co-"):
        return True
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return not (at + 1 < len(words) and words[at + 1] in AUX)  # "Runway models are"
    return False


def leading_words(text: str, limit: int = 8) -> list[str]:
    """Return the first ``limit`` (at most 8) words in the first 200 characters of text."""
    found = _FIRST_WORDS_RE.match(text, 0, 200)
    return [] if found is None else [w for w in found.groups() if w is not None][:limit]


def _first_words_re(count: int) -> re.Pattern[str]:
    """Return a regex whose groups are the first ``count`` matches of a word pattern."""
    word, gap = r"([\w'’.-]+)", r"[^\w'’.-]"
    rest = ""
    for _ in range(count - 1):
        rest = f"(?:{gap}+{word}{rest})?"
    return re.compile(f"{gap}*{word}{rest}")


_FIRST_WORDS_RE = _first_words_re(8)
