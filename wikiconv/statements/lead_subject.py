"""Who the lead sentence is about: where the subject's name stands before the copula, and
whether a parenthetical after it marks a person ("(born 14 March 1998)", "(1931–2005)")."""

from __future__ import annotations

import re

_ARTICLE_RE = re.compile(r"(?:[Tt]he|[Aa]n?)\s+")
_INTRO_RE = re.compile(
    r"(?-i:[A-Z][a-z]+(?:ed|en|wn|lt|ng)|Born|Located|Situated|Based|Since|In|From|Until|As"
    r"|Originally|Formerly|Today|Now|Together\s+with)\b"
)
_INTRO_END_RE = re.compile(r",\s+")
_PERSON_RE = re.compile(
    r"\((?:[^()]*?[;,]\s*)?(?:born|b\.|n[ée]e|died|d\.)\s"
    r"|\((?:[^()]*?[;,]\s*)?(?:c\.\s*|ca\.\s*)?\d{3,4}\s*[–—-]\s*(?:c\.\s*)?(?:\d{3,4}|\d{1,2}\s+\w+\s+\d{3,4})\s*\)"
    r"|\((?:[^()]*?[;,]\s*)?\d{1,2}\s+[A-Z][a-z]+\s+\d{3,4}\s*[–—-]\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{3,4}\s*\)"
    r"|\((?:[^()]*?[;,]\s*)?[A-Z][a-z]+\s+\d{1,2},\s+\d{3,4}\s*[–—-]\s*[A-Z][a-z]+\s+\d{1,2},\s+\d{3,4}\s*\)"
)


def subject_opens(prefix: str, names: list[str]) -> bool:
    """Tell whether the text before the copula opens with the subject's name: ``X``,
    ``The X``, or after an introductory phrase (``Founded in 1998 by A, X``)."""
    if _opens_with(prefix, names):
        return True
    if not _INTRO_RE.match(prefix):
        return False
    commas = _INTRO_END_RE.finditer(prefix)
    return any(_opens_with(prefix[c.end() :], names) for c in commas)


def subject_start(prefix: str, names: list[str]) -> int:
    """Return where the subject's name (or its article) starts in ``prefix`` (0 if unknown)."""
    if _opens_with(prefix, names):
        return 0
    for comma in _INTRO_END_RE.finditer(prefix):
        if _opens_with(prefix[comma.end() :], names):
            return comma.end()
    return 0


def _opens_with(text: str, names: list[str]) -> bool:
    """Tell whether text starts with one of the names, maybe after an article."""
    article = _ARTICLE_RE.match(text)
    rest = text[article.end() :] if article else text
    return any(n and (text.startswith(n) or rest.startswith(n)) for n in names)


def person_hint(text: str) -> bool:
    """Tell whether a parenthetical in the text before the copula gives a birth or a life
    span: ``(born 1998)``, ``(née Popescu; 1931–2005)``, ``(12 May 1901 – 3 June 1980)``."""
    return "(" in text and _PERSON_RE.search(text) is not None
