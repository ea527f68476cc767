"""How an article refers to its subject: names, pronouns, "the company" and possessives.

:class:`SubjectRef` finds references to the subject in a sentence; the clause analysis that
uses it is in :mod:`wikiconv.statements.subject`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(slots=True)
class SubjectRef:
    """How the article refers to its subject: names, pronouns and nouns for "The company".

    A reference is one of the names (longest first), "the/this NOUN" or a pronoun, not followed
    by a word character: :attr:`pattern`. Names differ from article to article, so they are
    matched as plain strings in Python, in the pattern's order, and only nouns and pronouns
    (which depend on the subject's class) go through a compiled, cached regex; the result is
    the same as the pattern's.
    """

    names: list[str]
    pronouns: list[str] = field(default_factory=lambda: ["it"])
    nouns: list[str] = field(default_factory=list)
    possessives: list[str] = field(default_factory=lambda: ["its"])
    _source: str = field(default="", init=False, repr=False, compare=False)
    _compiled: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    _ordered_names: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)
    _rest: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)
    # the ordered names by first character: only those can start where that character is
    _by_first: dict[str, tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        names = sorted({n for n in self.names if n}, key=len, reverse=True)
        alternatives = [f"(?P<name>{'|'.join(re.escape(n) for n in names)})"] if names else []
        if self.nouns:
            nouns = "|".join(re.escape(n) for n in sorted(set(self.nouns), key=len, reverse=True))
            alternatives.append(
                rf"(?P<noun>(?:[Tt]he|[Tt]his)\s+(?:(?:present|present-day|current|modern|\w+-(?:part|episode|minute|hour|season|track|volume|issue|storey|bed))\s+)?(?:{nouns}))"
            )
        if self.pronouns:
            pro = "|".join(p for p in self.pronouns)
            alternatives.append(rf"(?P<pronoun>(?i:{pro}))")
        self._source = r"(?:" + "|".join(alternatives) + _REFERENCE_END
        if names and self.pronouns and all(_PLAIN_WORD_RE.fullmatch(p) for p in self.pronouns):
            # every match is then non-empty and has a "pronoun" group: the fast path is exact
            self._ordered_names = tuple(names)
            for name in names:  # in order, so each tuple keeps the names' order
                self._by_first[name[0]] = (*self._by_first.get(name[0], ()), name)
            self._rest = _cached_regex(r"(?:" + "|".join(alternatives[1:]) + _REFERENCE_END)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The compiled reference pattern (compiled on first use)."""
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return self._compiled

    def match_at(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> tuple[int, bool] | None:
        """Match a reference at ``pos`` like ``pattern.match``: its end and whether a pronoun."""
        if self._rest is None:
            match = self.pattern.match(text, pos, len(text) if endpos is None else endpos)
            if match is None:
                return None
            found = match.groupdict()  # a subject without names has no "name" group
            if found.get("name") is not None:
                return _first_version_end(text, match.end(), match.endpos), False
            if found.get("noun") is not None:
                return self._of_name(text, match.end(), match.endpos), False
            return match.end(), found.get("pronoun") is not None
        size = len(text)
        end = size if endpos is None else min(max(endpos, 0), size)
        pos = min(max(pos, 0), size)
        for name in self._by_first.get(text[pos : pos + 1], ()):
            if text.startswith(name, pos, end):
                after = pos + len(name)
                if after >= end or not _continues_word(text[after]):
                    return _first_version_end(text, after, end), False
        match = self._rest.match(text, pos, end)
        if match is None:
            return None
        found = match.groupdict()
        if found.get("noun") is not None:
            return self._of_name(text, match.end(), end), False
        return match.end(), found.get("pronoun") is not None

    def _of_name(self, text: str, after: int, end: int) -> int:
        """Return where "the town" ends, past " of Tachibanaura" when a name follows."""
        if not text.startswith(" of ", after, end):
            return after
        for name in self.names:
            at = after + 4
            stop = at + len(name)
            if name and text.startswith(name, at, end) and not _continues(text, stop, end):
                return stop
        return after

    def opens(self, text: str) -> bool:
        """Tell whether text starts with a reference to the subject."""
        if self._rest is None:
            return self.pattern.match(text) is not None
        return self.match_at(text) is not None

    def ends_with_name(self, text: str) -> bool:
        """Tell whether one of the references ``pattern.finditer`` finds in text ends the text
        and is not a pronoun."""
        if self._rest is None:
            for match in self.pattern.finditer(text):
                if match.end() == len(text) and match.groupdict().get("pronoun") is None:
                    return True
            return False
        size, pos = len(text), 0
        while pos <= size:
            rest = self._rest.search(text, pos)
            first = rest.start() if rest is not None else size + 1
            for name in self._ordered_names:  # the earliest name occurrence before ``first``
                at = text.find(name, pos, first + len(name) - 1)
                while at != -1:
                    after = at + len(name)
                    if after >= size or not _continues_word(text[after]):
                        first = at
                        break
                    at = text.find(name, at + 1, first + len(name) - 1)
            if first > size:
                return False
            found = self.match_at(text, first)
            assert found is not None
            if found[0] == size and not found[1]:
                return True
            pos = found[0]  # every match is non-empty
        return False

    def mentioned(self, text: str) -> bool:
        """Tell whether text names the subject (or says "the company"), possessives included."""
        names = [n for n in sorted(set(self.names), key=len, reverse=True) if n]
        if not names and not self.nouns:
            return False
        for name in names:
            at = text.find(name)
            while at != -1:
                after = at + len(name)
                if (at == 0 or not _is_word(text[at - 1])) and (
                    after == len(text) or not _is_word(text[after])
                ):
                    return True
                at = text.find(name, at + 1)
        if not self.nouns:
            return False
        nouns = [rf"(?:[Tt]he|[Tt]his)\s+{re.escape(n)}" for n in self.nouns]
        return _cached_regex(rf"(?<!\w)(?:{'|'.join(nouns)})(?!\w)").search(text) is not None

    def possessive_parts(self) -> tuple[tuple[str, ...], str, str]:
        """Return the possessive names (longest first; "Runway" for "Runway's"), the regex
        source of the possessive nouns ("the company's") and that of the pronouns ("its")."""
        names = tuple(sorted({n for n in self.names if n}, key=len, reverse=True))
        return names, _possessive_nouns(tuple(self.nouns)), "|".join(self.possessives)

    def possessive_pattern(self) -> str:
        """Return a regex source for a possessive reference to the subject ("its", "Runway's")."""
        names, nouns, pronouns = self.possessive_parts()
        parts = [re.escape(n) + "['’]s" for n in names] + ([nouns] if nouns else [])
        return possessive_source("|".join(parts), pronouns)


def possessive_source(names: str, pronouns: str) -> str:
    """Return the ``{POSS}`` regex source: possessive names (``possname``) or pronouns."""
    return rf"(?:(?P<possname>{names or 'x^'})|(?P<posspro>{pronouns}))"


_REFERENCE_END = r")(?![\w'’-])"
_PLAIN_WORD_RE = re.compile(r"\w+")


def _continues(text: str, at: int, end: int) -> bool:
    """Tell whether a word goes on at ``at`` (before ``end``)."""
    return at < end and _continues_word(text[at])


def _is_word(char: str) -> bool:
    """Tell whether a character is matched by ``\\w``."""
    return char.isalnum() or char == "_"


# "Orrery Studio 1.0 went on sale …": the first version named is the subject itself
_FIRST_VERSION_RE = re.compile(r"\s+v?(?:1(?:\.0)*|1\.0\.0)(?![\w.'’-]|\.\d)")


def _first_version_end(text: str, at: int, end: int) -> int:
    """Return where a name's first-version number ends (``at`` when none follows)."""
    found = _FIRST_VERSION_RE.match(text, at, end)
    return found.end() if found else at


def _continues_word(char: str) -> bool:
    """Tell whether a character is matched by ``[\\w'’-]`` (a reference cannot end before it)."""
    return char.isalnum() or char in "_'’-"


@lru_cache(maxsize=128)
def _possessive_nouns(nouns: tuple[str, ...]) -> str:
    """Return the regex source of possessive nouns ("the company's"), by class (cached)."""
    return "|".join(rf"the\s+{re.escape(n)}['’]s" for n in nouns)


@lru_cache(maxsize=128)
def _cached_regex(source: str) -> re.Pattern[str]:
    """Compile a regex that depends on the subject's class only (nouns, pronouns)."""
    return re.compile(source)
