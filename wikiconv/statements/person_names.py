"""People named in full once and later by a last name alone: "Wibowo" for "Larasati Wibowo"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from wikiconv.statements.sentences import Sentence
from wikiconv.statements.values import NOT_NAMES

# two or three capitalised words (particles between them allowed): a person's full name
_FULL_NAME_RE = re.compile(
    r"(?<![\w'’.-])(?-i:[A-Z][\w'’-]+)(?:\s+(?:(?-i:da|de|del|della|der|di|do|dos|van|von|bin|al)\s+)?"
    r"(?-i:[A-Z][\w'’-]+)){1,2}(?![\w'’-])"
)
# what a full name never holds: organisation and place words (a firm, not a person)
_NOT_PERSON = frozenset(
    "Inc Ltd LLC Group Capital Ventures Partners Records Studios Studio Bank University College "
    "Company Corporation Foundation Institute Fund Labs Systems Software Games Media Films "
    "Pictures Entertainment Holdings Airlines Air Press Books Publishing Street River Lake "
    "Mount District Province County City Park Hall School Hospital Festival Award Prize".split()
)


def full_names(sentences: Iterable[Sentence]) -> dict[str, str]:
    """Map each last name to the one full name the article writes it in (ambiguous: left out)."""
    seen: dict[str, set[str]] = {}
    for sentence in sentences:
        for match in _FULL_NAME_RE.finditer(sentence.text):
            words = match.group(0).split()
            if words[0] in NOT_NAMES or any(w.rstrip(".") in _NOT_PERSON for w in words):
                continue
            seen.setdefault(words[-1], set()).add(" ".join(words))
    return {last: next(iter(names)) for last, names in seen.items() if len(names) == 1}


def expand_surname(name: str, names: dict[str, str]) -> str:
    """Return the full name a lone last name stands for, else the name unchanged."""
    if " " in name or not name[:1].isupper():
        return name
    return names.get(name, name)
