"""Find where a sentence speaks about the article's subject.

A sentence is cut into clauses at semicolons, dashes, ``, and``/``, but``, and before relative
pronouns and subordinating conjunctions. A clause is about the subject when it opens with a
reference to it (its title, a bold name, a pronoun when the previous sentence was about it,
"The company"/"The film"…) followed by a verb; when it continues an earlier clause about the
subject with a verb of its own (``…, and is headquartered in``); when it opens with a
participial phrase whose comma is followed by such a subject (``Founded in 2018 …, Runway is``);
or when it is a relative clause hanging on the subject itself. The result is a list of
:class:`Region` s, each with the offset from which a rule's trigger must follow without
anything in between but auxiliaries, adverbs, a copular noun phrase or a coordination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

RegionKind = Literal["predicate", "participial", "parenthetical", "appositive", "relative"]

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
    "hosts comprises consists remains".split()
)
PREPOSITIONS = frozenset(
    "of in for with by from to at on about into over under between among through as like "
    "after before during since until against".split()
)
_LEAD_WORDS = frozenset(
    "in on at after before during since from by as following until upon with under despite "
    "today currently originally initially later by throughout".split()
)
_PARTICIPLES = frozenset("born known written built made led set founded based".split())
_NEGATION_RE = re.compile(r"\b(?:not|never|no longer)\b|n't\b")
_BOUNDARY_RE = re.compile(
    r"\s*;\s*|:\s+|\s+[–—]\s+"
    r"|,\s+(?P<coord>and|but|yet|so)\s+"
    r"|,?\s+(?P<rel>which|who|whom|whose|where)\b\s*"
    r"|\s+(?P<that>that)\s+(?=(?:was|is|were|are|has|had|have)\b)"
    r"|,?\s+(?P<sub>when|while|whereas|although|though|because|whereby|unless|if)\b\s*"
)
_WORD_RE = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch ``[start, end)`` about the subject; triggers are measured from ``anchor``."""

    anchor: int
    end: int
    kind: RegionKind = "predicate"


@dataclass(slots=True)
class Analysis:
    """Where a sentence speaks about the subject."""

    regions: list[Region] = field(default_factory=list)
    clause_starts: list[int] = field(default_factory=list)
    main_ours: bool = False
    main_subject: str = ""  # the words before the main clause's verb, when not the subject

    def region_for(self, offset: int) -> Region | None:
        """Return the innermost region holding ``offset``."""
        best: Region | None = None
        for region in self.regions:
            if region.anchor <= offset < region.end and (
                best is None or region.anchor > best.anchor
            ):
                best = region
        return best


@dataclass(slots=True)
class SubjectRef:
    """How the article refers to its subject: names, pronouns and nouns for "The company"."""

    names: list[str]
    pronouns: list[str] = field(default_factory=lambda: ["it"])
    nouns: list[str] = field(default_factory=list)
    possessives: list[str] = field(default_factory=lambda: ["its"])
    pattern: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        names = sorted({n for n in self.names if n}, key=len, reverse=True)
        alternatives = [f"(?P<name>{'|'.join(re.escape(n) for n in names)})"] if names else []
        if self.nouns:
            nouns = "|".join(re.escape(n) for n in sorted(set(self.nouns), key=len, reverse=True))
            alternatives.append(rf"(?P<noun>(?:[Tt]he|[Tt]his)\s+(?:{nouns}))")
        if self.pronouns:
            pro = "|".join(p for p in self.pronouns)
            alternatives.append(rf"(?P<pronoun>(?i:{pro}))")
        self.pattern = re.compile(r"(?:" + "|".join(alternatives) + r")(?![\w'’-])")

    def mentioned(self, text: str) -> bool:
        """Tell whether text names the subject (or says "the company"), possessives included."""
        names = [re.escape(n) for n in sorted(set(self.names), key=len, reverse=True) if n]
        names += [rf"(?:[Tt]he|[Tt]his)\s+{re.escape(n)}" for n in self.nouns]
        return bool(names) and re.search(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)", text) is not None

    def possessive_pattern(self) -> str:
        """Return a regex source for a possessive reference to the subject ("its", "Runway's")."""
        names = sorted({n for n in self.names if n}, key=len, reverse=True)
        parts = [re.escape(n) + "['’]s" for n in names]
        parts += [rf"the\s+{re.escape(n)}['’]s" for n in self.nouns]
        pronouns = "|".join(self.possessives)
        return rf"(?:(?P<possname>{'|'.join(parts) or 'x^'})|(?P<posspro>{pronouns}))"


def mask(text: str) -> str:
    """Blank out parenthesised and double-quoted stretches (same length) so cuts skip them."""
    chars = list(text)
    depth = 0
    quoted = False
    for i, ch in enumerate(text):
        opening = ch == "(" or ch == "“" or (ch == '"' and not quoted)
        if ch == "(":
            depth += 1
        elif ch in '“"' and opening:
            quoted = True
        if depth or quoted:
            chars[i] = "\x00"
        if ch == ")" and depth:
            depth -= 1
        elif (ch == "”" or (ch == '"' and not opening)) and quoted:
            quoted = False
    return "".join(chars)


def is_verb(words: list[str], at: int = 0) -> bool:
    """Tell whether ``words[at]`` (after an optional -ly adverb) reads as a finite verb."""
    if at < len(words) and words[at].endswith("ly") and words[at] not in AUX:
        at += 1
    if at >= len(words):
        return False
    word = words[at]
    if not word[:1].islower():
        return False
    if word in AUX or word in IRREGULAR or word in ADVERBS:
        return True
    if word.endswith("ed") or word.startswith("co-"):
        return True
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return not (at + 1 < len(words) and words[at + 1] in AUX)  # "Runway models are"
    return False


def _words(text: str, limit: int = 8) -> list[str]:
    return [m.group(0) for m in _WORD_RE.finditer(text[:200])][:limit]


def _looks_like_clause(text: str) -> bool:
    """Tell whether text opens with a noun phrase and a verb (a clause with its own subject)."""
    words = _words(text, 7)
    return any(w in AUX or w in IRREGULAR for w in words[1:]) or any(
        w.endswith("ed") and w[:1].islower() for w in words[1:5]
    )


@dataclass(slots=True)
class _Segment:
    start: int  # content start, after the conjunction or pronoun
    end: int
    kind: str  # main, coord, rel, sub
    cut: int  # where the boundary begins


def analyse(text: str, subject: SubjectRef, prev_ours: bool) -> Analysis:
    """Return the regions of ``text`` about the subject (see the module docstring)."""
    masked = mask(text)
    segments = [_Segment(0, len(text), "main", 0)]
    for match in _BOUNDARY_RE.finditer(masked):
        kind = "coord"
        if match.group("rel") or match.group("that"):
            kind = "rel"
        elif match.group("sub"):
            kind = "sub"
        segments[-1].end = match.start()
        segments.append(_Segment(match.end(), len(text), kind, match.start()))
    result = Analysis()
    last_ours = False
    merged: list[_Segment] = []
    for seg in segments:
        content = text[seg.start : seg.end]
        if seg.kind == "coord" and merged and not _opens_clause(content, subject):
            merged[-1].end = seg.end  # "A, B, and C": a list, not a clause
            continue
        merged.append(seg)
    for number, seg in enumerate(merged):
        if seg.kind == "sub":
            continue
        if seg.kind == "rel":
            before = masked[merged[number - 1].start : seg.cut] if number else ""
            if last_ours and _hangs_on_subject(before, subject):
                result.regions.append(Region(seg.start, seg.end, "relative"))
            continue
        result.clause_starts.append(seg.start)
        pronoun_ok = last_ours if seg.kind == "coord" else prev_ours
        ours = _clause(text, masked, seg, subject, pronoun_ok, result)
        if ours is None:  # a verb with no subject: continues the clause before
            ours = last_ours and seg.kind == "coord"
            if ours:
                result.regions.append(Region(seg.start, seg.end))
        last_ours = ours
        if number == 0:
            result.main_ours = ours
            if not ours:
                result.main_subject = _subject_words(text[seg.start : seg.end])
    return result


def _subject_words(text: str) -> str:
    """Return the words before the first verb of a clause ("Dylan Field" in "Dylan Field has")."""
    words = _words(text, 8)
    for i in range(1, len(words)):
        if is_verb(words, i):
            return " ".join(words[:i])
    return ""


def _opens_clause(content: str, subject: SubjectRef) -> bool:
    """Tell whether text after ", and" starts a clause (own subject, or a verb)."""
    words = _words(content)
    return bool(words) and (
        is_verb(words) or bool(subject.pattern.match(content)) or _looks_like_clause(content)
    )


def _hangs_on_subject(before: str, subject: SubjectRef) -> bool:
    """Tell whether a relative pronoun's antecedent is the subject or its copular noun phrase."""
    stripped = before.rstrip(" ,\x00")
    for match in subject.pattern.finditer(stripped):
        if match.end() == len(stripped) and match.group("pronoun") is None:
            return True
    copular = re.search(r"\b(?:is|was|are|were)\s+(?:an?|the)\s+([^,;\x00]*)$", stripped)
    if copular is None:
        return False
    return not any(w in PREPOSITIONS for w in copular.group(1).split())


def _clause(
    text: str, masked: str, seg: _Segment, subject: SubjectRef, pronoun_ok: bool, out: Analysis
) -> bool | None:
    """Classify a main or coordinate clause; add its regions; ``None`` if it opens with a verb."""
    content = masked[seg.start : seg.end]
    if is_verb(_words(content)):
        return None
    head = _subject_at(text, masked, seg.start, seg.end, subject, pronoun_ok, out)
    if head is not None:
        return head
    first = _words(content, 1)
    if not first or not (first[0].lower() in _LEAD_WORDS or _participle(first[0])):
        return False
    for comma in re.finditer(r",\s+", content):
        at = seg.start + comma.end()
        found = _subject_at(text, masked, at, seg.end, subject, pronoun_ok, out)
        if found:
            if _participle(first[0]):
                out.regions.append(Region(seg.start, seg.start + comma.start(), "participial"))
            out.clause_starts.append(at)
            return True
        out.clause_starts.append(at)
        if found is False or _looks_like_clause(masked[at : seg.end]):
            return False
    if first[0].lower() in _LEAD_WORDS and "," not in content:  # "In 2016 she was ..."
        for word in list(_WORD_RE.finditer(content))[1:5]:
            at = seg.start + word.end() + 1
            found = _subject_at(text, masked, at, seg.end, subject, pronoun_ok, out)
            if found is not None:
                return found
    return False


def _participle(word: str) -> bool:
    """Tell whether a capitalised opening word is a past participle ("Founded", "Born")."""
    lower = word.lower()
    return word[:1].isupper() and (lower.endswith("ed") or lower in _PARTICIPLES)


def _subject_at(
    text: str, masked: str, at: int, end: int, subject: SubjectRef, pronoun_ok: bool, out: Analysis
) -> bool | None:
    """At ``at``: True (subject + verb, regions added), False (subject, no verb), None (none)."""
    match = subject.pattern.match(masked, at, end)
    if match is None:
        return None
    if match.group("pronoun") is not None and not pronoun_ok:
        return False
    pos = match.end()
    paren = re.match(r"\s*\x00+", masked[pos:end])
    if paren:
        p_start = pos + paren.start() + len(paren.group(0)) - len(paren.group(0).lstrip())
        p_end = pos + paren.end()
        if text[p_start : p_start + 1] == "(":
            out.regions.append(Region(p_start + 1, max(p_start + 1, p_end - 1), "parenthetical"))
        pos = p_end
    appositive = re.match(r",\s+([^,;\x00]{1,120}),\s+", masked[pos:end])
    if appositive and is_verb(_words(masked[pos + appositive.end() : end])):
        out.regions.append(Region(pos + appositive.start(1), pos + appositive.end(1), "appositive"))
        pos += appositive.end()
    if not is_verb(_words(masked[pos:end])):
        return False
    out.regions.append(Region(pos, end))
    return True


_AUX_ADV = r"(?:(?:{aux}|{adv}|\w+ly)\s+)".format(
    aux="|".join(sorted(AUX)), adv="|".join(sorted(ADVERBS))
)
_DIRECT_RE = re.compile(rf"\s*{_AUX_ADV}*")
_COPULAR_RE = re.compile(
    r"\s*(?:is|was|are|were)\s+(?:(?:also|currently|now)\s+)?(?:an?|the)\s+(?P<np>[^,;]*)"
)
_COORDINATED_RE = re.compile(rf"\s*(?:{'|'.join(sorted(AUX))})\s[^;]*?\s(?:and|but)\s+{_AUX_ADV}*")


def between_ok(between: str, kind: RegionKind) -> bool:
    """Tell whether the text from a region's anchor to a trigger keeps the subject in charge."""
    if _NEGATION_RE.search(between):
        return False
    if kind == "parenthetical":
        return bool(re.fullmatch(r"\s*(?:[^;]*;\s*)?", between))
    if kind == "participial":
        return bool(re.fullmatch(r"\s*|[^;]*?\s(?:and|,)\s*", between))
    if kind == "appositive":
        return bool(re.fullmatch(r"\s*|\s*(?:an?|the)\s+[^,]*", between))
    if _DIRECT_RE.fullmatch(between):
        return True
    if kind == "relative":
        return False
    copular = _COPULAR_RE.fullmatch(between)
    if copular and not any(w.lower() in PREPOSITIONS for w in copular.group("np").split()):
        return True
    return bool(_COORDINATED_RE.fullmatch(between))
