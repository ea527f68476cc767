"""How an article refers to its subject: names (the label's first word when used alone, a
person's last name), class nouns ("the company"), pronouns by the article's usage."""

from __future__ import annotations

import re

from wikiconv.statements.lead import Copular
from wikiconv.statements.rules import RuleSet
from wikiconv.statements.sentences import Sentence
from wikiconv.statements.subject import SubjectRef
from wikiconv.statements.values import NOT_NAMES

_MALE_RE = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im)\b")
_FEMALE_RE = re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers)\b")


def subject_ref(
    names: list[str],
    label: str,
    copular: Copular | None,
    ruleset: RuleSet,
    sentences: list[Sentence],
) -> SubjectRef:
    """Build the ways the article refers to its subject."""
    config = ruleset.config
    group = copular.group if copular else None
    every = list(names)
    every += ["the" + n[3:] for n in names if n.startswith("The ")]  # "In 2017 the Marrowbones"
    every += [f"{the} {n}" for n in names if _takes_article(n) for the in ("The", "the")]
    if group == "human" and " " in label:
        every.append(label.split()[-1])  # "Hopper"
        every += _middle_surnames(label, sentences)  # "Quispe" for "Amaru Quispe Condori"
        every += _given_name(label, sentences)  # "Tesfaye" for "Tesfaye Gebremariam"
    elif " " in label:
        every += _short_name(label, sentences)  # "Kestrel" for "Kestrel Aerospace"
        every += _short_suffix(label, sentences)  # "Luna Sur" for "Orquesta Típica Luna Sur"
        every += _the_last_word(label, sentences)  # "The Gazette" for "The Riverton Gazette"
    nouns = list(config.get("subject_nouns", {}).get(group or "", []))
    if copular is not None and copular.head:
        nouns.append(copular.head)
        last = copular.head.split()[-1]  # "the engine" for a "query engine"
        if last != copular.head and last.isalpha() and last.islower():
            nouns.append(last)
    pronouns = list(config.get("pronouns", {}).get(group or "", ["it"]))
    possessives = list(config.get("possessives", {}).get(group or "", ["its"]))
    if group == "human":
        gender = _gender(sentences)
        if gender == "female":
            pronouns, possessives = ["she"], ["her"]
        elif gender == "male":
            pronouns, possessives = ["he"], ["his"]
    return SubjectRef(every, pronouns=pronouns, nouns=nouns, possessives=possessives)


def _short_name(label: str, sentences: list[Sentence]) -> list[str]:
    """Return the label's first word when the article uses it alone, as a name, twice."""
    first = label.split()[0]
    if len(first) < 3 or not first[0].isupper() or first in NOT_NAMES or first.isupper():
        return []
    alone = re.compile(
        rf"(?<![\w'’-]){re.escape(first)}(?![\w'’-])(?! {re.escape(label.split()[1])})"
    )
    count = 0
    for sentence in sentences:
        count += len(alone.findall(sentence.text))
        if count >= 2:
            return [first]
    return []


def _given_name(label: str, sentences: list[Sentence]) -> list[str]:
    """Return a person's first name when the article calls them by it (patronymic naming, as
    in Ethiopia or Iceland) more often than by the last name, and at least twice."""
    first = _short_name(label, sentences)
    if not first:
        return []
    last = re.compile(rf"(?<![\w'’-]){re.escape(label.split()[-1])}(?![\w'’-])")
    given = re.compile(rf"(?<![\w'’-]){re.escape(first[0])}(?![\w'’-])")
    text = " ".join(s.text for s in sentences)
    return first if len(given.findall(text)) > len(last.findall(text)) else []


def _middle_surnames(label: str, sentences: list[Sentence]) -> list[str]:
    """Return a person's inner names the article uses alone, as a name: the first surname of
    "Amaru Quispe Condori" (Spanish, Portuguese) or "Quispe Condori"."""
    words = label.split()
    if len(words) < 3:
        return []
    out: list[str] = []
    for tail in (" ".join(words[1:]), *words[1:-1]):
        if not tail[:1].isupper() or tail in NOT_NAMES:
            continue
        alone = re.compile(
            rf"(?<![\w'’-])(?<![A-Z]\w )(?<![A-Z]\w\w )(?<!{re.escape(words[0])} )"
            rf"{re.escape(tail)}(?![\w'’-])(?! [A-Z])"
        )
        if any(alone.search(s.text) for s in sentences):
            out.append(tail)
    return out


def _takes_article(name: str) -> bool:
    """Tell whether a name may be written after "the" ("the Orquesta Típica Luna Sur")."""
    return bool(name) and name[:1].isupper() and name.split()[0] not in NOT_NAMES


def _short_suffix(label: str, sentences: list[Sentence]) -> list[str]:
    """Return the label's last two or three words when the article uses them alone, as a name
    (not after another capitalised word), twice: "Luna Sur" for "Orquesta Típica Luna Sur"."""
    words = label.split()
    out: list[str] = []
    for size in (3, 2):
        if len(words) <= size:
            continue
        tail = " ".join(words[-size:])
        if not all(w[:1].isupper() for w in words[-size:]) or words[-size] in NOT_NAMES:
            continue
        alone = re.compile(
            rf"(?<![\w'’-])(?<![A-Z]\w )(?<!{re.escape(words[-size - 1])} )"
            rf"{re.escape(tail)}(?![\w'’-])"
        )
        if sum(len(alone.findall(s.text)) for s in sentences) >= 2:
            out.append(tail)
    return out


def _the_last_word(label: str, sentences: list[Sentence]) -> list[str]:
    """Return "The Gazette" and "the Gazette" for a label such as "The Riverton Gazette" when
    the article writes it so (not before another capitalised word)."""
    words = label.split()
    if len(words) < 3 or words[0] != "The" or not words[-1][:1].isupper():
        return []
    alone = re.compile(rf"\b[Tt]he {re.escape(words[-1])}(?![\w'’-])(?! (?-i:[A-Z]))")
    if any(alone.search(s.text) for s in sentences):
        return [f"The {words[-1]}", f"the {words[-1]}"]
    return []


def _gender(sentences: list[Sentence]) -> str | None:
    """Return the pronoun gender an article about a person mostly uses, if one clearly wins."""
    text = " ".join(s.text for s in sentences)
    male = len(_MALE_RE.findall(text))
    female = len(_FEMALE_RE.findall(text))
    if female > 2 * male:
        return "female"
    if male > 2 * female:
        return "male"
    return None
