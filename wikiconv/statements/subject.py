"""Find where a sentence speaks about the article's subject.

A sentence is cut into clauses at semicolons, dashes, ``, and``/``, but``, and before relative
pronouns and subordinating conjunctions. A clause is about the subject when it opens with a
reference to it (its title, a bold name, a pronoun when the previous sentence was about it,
"The company"/"The film"…) followed by a verb; when it continues an earlier clause about the
subject with a verb of its own (``…, and is headquartered in``); when it opens with a
participial phrase whose comma is followed by such a subject (``Founded in 2018 …, Runway is``);
or when it is a relative clause hanging on the subject itself ("when" after a clause of
state and "where" clauses are read with their own subject). The result is a list of
:class:`Region` s, each with the offset from which a rule's trigger must follow without
anything in between but auxiliaries, adverbs, a copular noun phrase or a coordination.

How the subject is referred to (:class:`SubjectRef`) is in
:mod:`wikiconv.statements.subject_ref`; it is re-exported here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from wikiconv.statements.clause_openers import TIME_OPENER_RE as _TIME_OPENER_RE
from wikiconv.statements.clause_openers import fragment
from wikiconv.statements.masking import mask as mask
from wikiconv.statements.subject_ref import SubjectRef
from wikiconv.statements.subject_ref import possessive_source as possessive_source
from wikiconv.statements.verb_words import (
    AUX,
    IRREGULAR,
    PREPOSITIONS,
    is_verb,
    leading_words,
)

RegionKind = Literal["predicate", "participial", "parenthetical", "appositive", "relative"]

_LEAD_WORDS = frozenset(
    "in on at after before during since from by as following until upon with under despite "
    "today currently originally initially later by throughout outside abroad internationally "
    "elsewhere overseas beyond meanwhile afterwards subsequently eventually "
    # subordinators whose clause ends at a comma: "Although he spent …, Mendes died …"
    "although though while whereas because once when whenever unlike like according".split()
)
_TIME_PREPOSITIONS = frozenset("in on at during throughout".split())
_OPENER_WORDS = 10  # "After a well-received set at WOMAD in 2016 the group signed …"
_APPOSED_OPENERS = frozenset("His Her Their Its A An".split())
_GERUND_LEADS = frozenset("after before since upon on following while".split())
_REFLEXIVE_RE = re.compile(r"\s+(?:itself|themselves|himself|herself)\b")
_PARTICIPLES = frozenset("born known written built made led set founded based".split())
_BOUNDARY_RE = re.compile(
    r"(?=[\s;:,])(?:"  # where every alternative starts: spares trying them all everywhere
    r"\s*;\s*|:\s+|\s+[–—]\s+"
    r"|,\s+(?P<coord>and|but|yet|so)\s+"
    r"|,?\s+(?P<rel>which|who|whom|whose|where)\b\s*"
    r"|\s+(?P<that>that)\s+(?=(?:was|is|were|are|has|had|have)\b)"
    r"|,?\s+(?P<sub>when|while|whereas|although|though|because|whereby|unless|if)\b\s*"
    r")"
)
_WORD_RE = re.compile(r"[\w'’.-]+")
_TIME_PREFIX = (  # "Since", "In the early", "By the end of"
    r"(?:From|Since|In|By|Until|As\s+of|After|Before|During|Between|On)\s+"
    r"(?:(?:early|mid|late|the\s+(?:early|mid|late)|the\s+end\s+of|the\s+start\s+of)\s+)?"
)
_TIME_DATE = r"(?:\d{1,2}\s+)?(?-i:[A-Z][a-z]+\s+)?\d{4}s?|the\s+\d{4}s"
# a leading date phrase, whatever follows it: "Since 2019 Tamarack Air has been …"
_TIME_PHRASE_RE = re.compile(rf"{_TIME_PREFIX}(?:{_TIME_DATE}),?\s+")
_TIME_LEAD_RE = re.compile(
    rf"(?:{_TIME_PREFIX}(?:{_TIME_DATE}|then|that\s+time)"
    r"(?:\s+(?:onwards?|on|and\s+\d{4}))?|(?:Today|Currently|Now|Later|Since\s+then)),?\s+"
    r"(?=(?-i:[a-z]))"
)
_COMMA_RE = re.compile(r",\s+")
_COPULAR_BEFORE_RE = re.compile(r"\b(?:is|was|are|were)\s+(?:an?|the)\s+([^,;\x00]*)$")
_PAREN_RE = re.compile(r"\s*\x00+")
_APPOSITIVE_RE = re.compile(r",\s+([^,;\x00]{1,120}),\s+")


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

    _by_anchor: list[Region] = field(default_factory=list, init=False, repr=False, compare=False)

    def region_for(self, offset: int) -> Region | None:
        """Return the innermost region holding ``offset`` (the latest anchor at or before it;
        of equal anchors, the first added). Only the 32 nearest anchors are tried, which keeps
        a sentence of thousands of clauses linear."""
        if len(self._by_anchor) != len(self.regions):
            order = sorted(enumerate(self.regions), key=lambda ir: (ir[1].anchor, -ir[0]))
            self._by_anchor = [region for _index, region in order]
        at = bisect_right(self._by_anchor, offset, key=lambda region: region.anchor)
        for region in reversed(self._by_anchor[max(0, at - 32) : at]):
            if offset < region.end:
                return region
        return None


def _looks_like_clause(text: str, words: list[str] | None = None) -> bool:
    """Tell whether text opens with a noun phrase and a verb (a clause with its own subject)."""
    words = leading_words(text, 7) if words is None else words[:7]
    return any(w in AUX or w in IRREGULAR for w in words[1:]) or any(
        w.endswith("ed") and w[:1].islower() for w in words[1:5]
    )


@dataclass(slots=True)
class _Segment:
    start: int  # content start, after the conjunction or pronoun
    end: int
    kind: str  # main, coord, rel, sub
    cut: int  # where the boundary begins


def analyse(text: str, subject: SubjectRef, prev_ours: bool, main_only: bool = False) -> Analysis:
    """Return the regions of ``text`` about the subject (see the module docstring).

    With ``main_only``, stop after the main clause: ``main_ours`` and ``main_subject`` are
    the same, the regions and clause starts only those of the main clause.
    """
    masked = mask(text)
    titles = [  # a title with a colon holds no clause break: "X: A History of Y is a book"
        (at, at + len(name))
        for name in subject.names
        if ":" in name and (at := masked.find(name)) >= 0
    ]
    segments = [_Segment(0, len(text), "main", 0)]
    for match in _BOUNDARY_RE.finditer(masked):
        if titles and any(a <= match.start() < b for a, b in titles):
            continue
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
        if seg.kind == "coord" and merged and not _opens_clause(text[seg.start : seg.end], subject):
            merged[-1].end = seg.end  # "A, B, and C": a list, not a clause
            continue
        if main_only and len(merged) == 2:
            break  # the main clause and the one after it (see _interrupted) are complete
        merged.append(seg)
    skip = -1  # a relative clause already read as interrupting the main one
    for number, seg in enumerate(merged):
        if seg.kind == "sub" and last_ours and number != skip and _state_then_when(masked, seg):
            # "… remained in the family until 1998, when it was bought by X": its own clause on
            # the same subject (not after "licensed its engine to Acme", where "it" may be Acme)
            _subject_at(text, masked, seg.start, seg.end, subject, True, result)
        if seg.kind == "sub" or number == skip:
            continue
        if seg.kind == "rel":
            before = masked[merged[number - 1].start : seg.cut] if number else ""
            if last_ours and _hangs_on_subject(before, subject):
                result.regions.append(Region(seg.start, seg.end, "relative"))
            elif last_ours and masked[seg.cut : seg.start].strip(" ,") == "where":
                # "It is based in Austin, where it was founded in 2015": its own subject
                _subject_at(text, masked, seg.start, seg.end, subject, True, result)
            continue
        result.clause_starts.append(seg.start)
        time = _TIME_LEAD_RE.match(masked, seg.start, seg.end)
        if time:  # "Since 2021 development has been led by …": a clause starts after it
            result.clause_starts.append(time.end())
        pronoun_ok = prev_ours
        if seg.kind == "coord":  # "…; in 1991 the collection was moved, and it has since …"
            pronoun_ok = last_ours or (
                result.main_ours
                and _common_subject(text[merged[number - 1].start : seg.cut], subject.nouns)
            )
        ours = _clause(text, masked, seg, subject, pronoun_ok, result)
        if ours is None:  # a verb with no subject: continues the clause before
            ours = last_ours and seg.kind == "coord"
            if ours:
                result.regions.append(Region(seg.start, seg.end))
        if (
            ours is False
            and number == 0
            and prev_ours
            and fragment(masked[seg.start : seg.end], is_verb, _participle)
        ):
            result.regions.append(Region(seg.start, seg.end))  # "Based in Leeds." (a stub)
            ours = True
        if ours is False and number == 0 and number + 1 < len(merged):
            ours = _interrupted(text, masked, seg, merged[number + 1], subject, result)
            skip = number + 1 if ours else -1
        last_ours = ours
        if number == 0:
            result.main_ours = ours
            if not ours:
                result.main_subject = _subject_words(text[seg.start : seg.end])
            if main_only:
                break
    return result


def _interrupted(
    text: str, masked: str, main: _Segment, rel: _Segment, subject: SubjectRef, out: Analysis
) -> bool:
    """Read ``The brewery, which employs 185 people, is owned by …``: a main clause that is
    only the subject, interrupted by a relative clause on it, and resumed after a comma by a
    verb. Add both regions and return True when it is one."""
    found = subject.match_at(masked, main.start, main.end)
    if rel.kind != "rel" or found is None or found[1]:
        return False
    if masked[found[0] : main.end].strip(" ,\x00") or "," not in masked[main.end : rel.start]:
        return False
    for comma in _COMMA_RE.finditer(masked, rel.start, rel.end):
        if is_verb(leading_words(masked[comma.end() : rel.end])):
            out.regions.append(Region(rel.start, comma.start(), "relative"))
            out.regions.append(Region(comma.end(), rel.end))
            return True
    return False


def _subject_words(text: str) -> str:
    """Return the words before the first verb of a clause ("Dylan Field" in "Dylan Field has"),
    after a leading time phrase ("development" in "Since 2021 development has")."""
    time = _TIME_LEAD_RE.match(text) or _TIME_PHRASE_RE.match(text)
    words = leading_words(text[time.end() :] if time else text, 8)
    for i in range(1, len(words)):
        if is_verb(words, i):
            return " ".join(words[:i])
    # a long subject ("Its US$18 million Series A round in September 2022 was led by"): its
    # first eight words
    return " ".join(words) if len(words) == 8 else ""


def _state_then_when(masked: str, seg: _Segment) -> bool:
    """Tell whether a "when" clause follows a clause of state ("remained", "was"), after which
    "it" can only be the subject."""
    return masked[seg.cut : seg.start].strip(" ,") == "when" and bool(
        _STATE_VERB_RE.search(masked, max(0, seg.cut - 120), seg.cut)
    )


_STATE_VERB_RE = re.compile(
    r"\b(?:remained|stayed|continued|operated|existed|survived|traded|grew|was|were)\b"
)


def _common_subject(clause: str, nouns: list[str]) -> bool:
    """Tell whether a clause's subject is the subject's own part ("the building and
    collection"), which does not take over "it" from the sentence's subject."""
    time = _CLAUSE_TIME_RE.match(clause)  # "in 1991 the building …" after a semicolon
    words = _subject_words(clause[time.end() :] if time else clause).split()
    return (
        bool(words)
        and words[0].lower() in ("the", "a", "an")
        and any(w in _PART_NOUNS or w in nouns for w in words[1:])
    )


_PART_NOUNS = frozenset(
    "building buildings collection collections site premises house archive archives land "
    "estate grounds".split()
)
_CLAUSE_TIME_RE = re.compile(r"\s*(?:in|on|by|since|from|until|after|before)\s+\d{4},?\s+")


def _opens_clause(content: str, subject: SubjectRef) -> bool:
    """Tell whether text after ", and" starts a clause (own subject, or a verb)."""
    words = leading_words(content)
    return bool(words) and (
        is_verb(words) or subject.opens(content) or _looks_like_clause(content, words)
    )


def _hangs_on_subject(before: str, subject: SubjectRef) -> bool:
    """Tell whether a relative pronoun's antecedent is the subject or its copular noun phrase."""
    stripped = before.rstrip(" ,\x00")
    if subject.ends_with_name(stripped):
        return True
    copular = _COPULAR_BEFORE_RE.search(stripped)
    if copular is None:
        return False
    return not any(w in PREPOSITIONS for w in copular.group(1).split())


def _clause(
    text: str, masked: str, seg: _Segment, subject: SubjectRef, pronoun_ok: bool, out: Analysis
) -> bool | None:
    """Classify a main or coordinate clause; add its regions; ``None`` if it opens with a verb."""
    content = masked[seg.start : seg.end]
    words = leading_words(content)
    if is_verb(words):
        return None
    opener = _TIME_OPENER_RE.match(content)  # "Later that year they …", "Notably, the …"
    head = None
    if opener is not None:
        head = _subject_at(
            text, masked, seg.start + opener.end(), seg.end, subject, pronoun_ok, out
        )
    if head is None:
        head = _subject_at(text, masked, seg.start, seg.end, subject, pronoun_ok, out)
    if head is None:
        time = _TIME_PHRASE_RE.match(masked, seg.start, seg.end)  # "Since 2016 it has been …"
        if time is not None:
            head = _subject_at(text, masked, time.end(), seg.end, subject, pronoun_ok, out)
    if head is not None:
        return head
    first, anchor = words[:1], seg.start
    if len(words) > 1 and words[0].endswith("ly") and _participle(words[1].capitalize()):
        first = [words[1].capitalize()]  # "Originally created by X, it is now developed by …"
        anchor = seg.start + content.index(words[1])
    before_comma = _COMMA_RE.split(content, 1)[0]
    apposed = (  # "Her first novel, it is narrated by …": a noun phrase before the subject
        bool(first)
        and first == words[:1]
        and first[0] in _APPOSED_OPENERS
        and len(before_comma.split()) <= 6
        and not _looks_like_clause(before_comma)
    )
    if apposed and not _participle(first[0]):
        comma = _COMMA_RE.match(masked, seg.start + len(before_comma))
        found = comma and _subject_at(text, masked, comma.end(), seg.end, subject, pronoun_ok, out)
        if comma and found:
            out.clause_starts.append(comma.end())
        return bool(found)
    if not first or not (first[0].lower() in _LEAD_WORDS or _participle(first[0])):
        return False
    lead = first[0].lower()
    if lead in _LEAD_WORDS and (not _COMMA_RE.search(content) or lead in _TIME_PREPOSITIONS):
        # "In 2016 she was ...", "In 2011 the band signed with X, an …" (before any comma;
        # not after "After"/"Since", which may open a clause of their own)
        before_comma = _COMMA_RE.split(content, 1)[0]
        for word in list(_WORD_RE.finditer(before_comma))[:_OPENER_WORDS]:
            at = seg.start + word.end() + 1
            found = _subject_at(text, masked, at, seg.end, subject, pronoun_ok, out)
            if found is not None:
                return found
    for comma in _COMMA_RE.finditer(content):
        at = seg.start + comma.end()
        found = _subject_at(text, masked, at, seg.end, subject, pronoun_ok, out)
        if found:
            if _participle(first[0]):
                out.regions.append(Region(anchor, seg.start + comma.start(), "participial"))
            elif lead in _GERUND_LEADS and len(words) > 1 and words[1].endswith("ing"):
                # "After signing with Dew Process in 2014, the band released …"
                gerund = seg.start + content.index(words[1])
                out.regions.append(Region(gerund, seg.start + comma.start(), "participial"))
            out.clause_starts.append(at)
            return True
        out.clause_starts.append(at)
        if found is False or _looks_like_clause(masked[at : seg.end]):
            return False
    return False


def _participle(word: str) -> bool:
    """Tell whether a capitalised opening word is a past participle ("Founded", "Born")."""
    lower = word.lower()
    return word[:1].isupper() and (lower.endswith("ed") or lower in _PARTICIPLES)


def _subject_at(
    text: str, masked: str, at: int, end: int, subject: SubjectRef, pronoun_ok: bool, out: Analysis
) -> bool | None:
    """At ``at``: True (subject + verb, regions added), False (subject, no verb), None (none)."""
    found = subject.match_at(masked, at, end)
    if found is None:
        return None
    pos, pronoun = found
    if pronoun and not pronoun_ok:
        return False
    reflexive = _REFLEXIVE_RE.match(masked, pos, end)  # "The town itself was founded"
    pos = reflexive.end() if reflexive else pos
    paren = _PAREN_RE.match(masked[pos:end])
    if paren:
        p_start = pos + paren.start() + len(paren.group(0)) - len(paren.group(0).lstrip())
        p_end = pos + paren.end()
        if text[p_start : p_start + 1] == "(":
            out.regions.append(Region(p_start + 1, max(p_start + 1, p_end - 1), "parenthetical"))
        pos = p_end
    appositive = _APPOSITIVE_RE.match(masked[pos:end])
    if appositive and is_verb(leading_words(masked[pos + appositive.end() : end])):
        out.regions.append(Region(pos + appositive.start(1), pos + appositive.end(1), "appositive"))
        pos += appositive.end()
    if not is_verb(leading_words(masked[pos:end])):
        return False
    out.regions.append(Region(pos, end))
    return True
