"""What a rule needs beyond the clause analysis: the subject as an object (``{SELF}``), the
sentence's topic (scope ``topic``), and the person a pronoun stands for.

* Scope ``self``: the pattern itself names the subject, as the object of a verb ("Kadri Saar
  started the project in 2019", "A and B founded the university") or in an appositive
  ("Kari Nyland, the company's current CEO"). A match counts when its ``self`` group is a
  reference to the subject (a name or "the company"; "it" only while the text is about the
  subject) or its ``{POSS}`` is a name's possessive, not a bare "its".
* Scope ``topic``: the pattern is specific enough to be about the subject wherever it stands
  ("the storage engine is written in C++", "Supporting roles were played by …"), unless the
  sentence's main clause is about another named entity or another work ("A remake …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wikiconv.statements.subject import Analysis
from wikiconv.statements.subject_ref import SubjectRef
from wikiconv.statements.trigger_gap import NEGATION_RE
from wikiconv.statements.values import NOT_NAMES

_OBJECT_PRONOUNS = frozenset({"it", "them"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
_GENERIC_STARTS = frozenset({"a", "an", "the", "its", "their"})  # "Its Series A round was led by"
_PROCESS_NOUNS = frozenset(
    "development work production filming programming coding construction recording design "
    "maintenance shooting photography".split()
)  # "Development started in 2014": a sentence-initial common noun, not a name
_LONGER_NAME_RE = re.compile(r" ((?-i:[A-Z])[\w.]*)")
_COMPANY_SUFFIXES = frozenset(
    "Inc Inc. Ltd Ltd. LLC GmbH AG SA S.A. SE plc PLC Corp Corp. Co. Oy AB ASA NV BV".split()
)
_NAME_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*")


@dataclass(slots=True)
class MatchContext:
    """The subject and what the text around a sentence says about who is who."""

    subject: SubjectRef | None = None
    prev_ours: bool = True
    antecedent: str = ""  # the person "he"/"she" stands for, if one was just named
    agents: set[str] = field(default_factory=set)  # names of the subject's makers (folded)
    other_nouns: frozenset[str] = frozenset()  # nouns that name another entity or work
    role_nouns: frozenset[str] = frozenset()  # jobs that may open a name ("Trumpeter A and …")


def self_ok(match: re.Match[str], analysis: Analysis, group: str | None, ctx: MatchContext) -> bool:
    """Tell whether a ``self``-scope match names the subject (see the module docstring)."""
    groups = match.re.groupindex
    if "possname" in groups and match.group("possname"):
        return not _negated(match)
    if "self" not in groups or match.group("self") is None or ctx.subject is None:
        return False
    start, end = match.span("self")
    text = match.string
    written = text[start:end]
    if written.lower() in _OBJECT_PRONOUNS:
        ours = ctx.prev_ours or analysis.main_ours
        return group != "human" and ours and not _negated(match)
    found = ctx.subject.match_at(text, start)  # a reference at least as long as the group
    if found is None or found[0] < end or found[1] or _negated(match):
        return False
    longer = _LONGER_NAME_RE.match(text, found[0])  # "set up the Breakwater Foundation"
    return longer is None or longer.group(1) in _COMPANY_SUFFIXES


def topic_ok(
    match: re.Match[str], analysis: Analysis, group: str | None, ctx: MatchContext
) -> bool:
    """Tell whether a ``topic``-scope match is about the subject (see the module docstring)."""
    if _negated(match):
        return False
    pro = match.group("pro") if "pro" in match.re.groupindex else None
    if pro and ctx.subject is not None and pro.lower() not in ctx.subject.pronouns:
        return False  # "…, where he died" in an article about a woman is about someone else
    if "self" in match.re.groupindex and match.group("self") is not None:
        return self_ok(match, analysis, group, ctx)
    if analysis.main_ours:
        return True
    words = analysis.main_subject.split()
    if not words:
        return False
    folded = analysis.main_subject.casefold()
    if folded in ctx.agents or words[-1].casefold() in ctx.agents:
        return True  # "Vantrel published the first stable version …"
    if folded in _PERSON_PRONOUNS and ctx.antecedent.casefold() in ctx.agents:
        return True  # "He began writing it in 2017, and published the first version …"
    own = ctx.subject.nouns if ctx.subject else ()
    if any(w[:1].islower() and w.strip(",") in ctx.other_nouns for w in words if w not in own):
        return False  # "A loose remake …", "Its rival …"; not "Ownership of the museum"
    first = words[0].lower()
    if (
        first in _GENERIC_STARTS
        or words[0][:1].islower()
        or (len(words) == 1 and first in _PROCESS_NOUNS)
    ):
        return True  # "The first version …", "development …": no other named entity
    return len(words) > 1 and words[1][:1].islower()  # "Supporting roles were played by"


def sentence_ok(
    match: re.Match[str], analysis: Analysis, group: str | None, ctx: MatchContext
) -> bool:
    """Tell whether a ``sentence``-scope match is about the subject: the pattern names the
    subject's own office ("was succeeded as CEO by X"), so any clause will do whose subject is
    not another party's ("Bluejay's founder", "Its rival")."""
    if topic_ok(match, analysis, group, ctx):
        return True
    if _negated(match) or not ctx.prev_ours and not analysis.main_ours:
        return False
    words = analysis.main_subject.split()
    if any(w.endswith(("'s", "’s")) for w in words):
        return False
    return not any(w.strip(",").lower() in ctx.other_nouns for w in words)


def person_pronoun(text: str, ctx: MatchContext) -> str:
    """Return the person a slot's "he"/"she" stands for ("" if it is not one or unknown)."""
    return ctx.antecedent if text.strip().lower() in _PERSON_PRONOUNS else ""


def trailing_name(words: str) -> str:
    """Return the capitalised words that end a clause's subject ("Ramanathan" in "Before
    starting the company Ramanathan"), at most four; "" if it does not end in one."""
    out: list[str] = []
    for word in reversed(words.split()):
        if not _NAME_WORD_RE.fullmatch(word) or not word[:1].isupper() or len(out) == 4:
            break
        if word in NOT_NAMES:  # "A Series A", "The Times"
            return ""
        out.append(word)
    return " ".join(reversed(out))


def _negated(match: re.Match[str]) -> bool:
    """Tell whether a negation stands in the match or just before it."""
    text = match.string
    return NEGATION_RE.search(text, max(0, match.start() - 30), match.end()) is not None
