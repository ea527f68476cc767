"""Whether a rule's match is about the subject (:func:`accepted`), by what stands between
the start of its region and its trigger (:func:`between_ok`): auxiliaries and adverbs
(*Runway **has since been** headquartered in*), a copular noun phrase (*is **an American
company** based in*), a participle after it (*a library for maps, **written in** Rust*) or
a coordinated verb phrase (*received 48,000 visitors **and had** 22 employees*), never a
negation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wikiconv.statements.lead_classes import MASS_CLASS_NOUNS
from wikiconv.statements.subject import Analysis, RegionKind
from wikiconv.statements.verb_words import ADVERBS, AUX, IRREGULAR, PREPOSITIONS

if TYPE_CHECKING:
    from wikiconv.statements.rules import Rule

NEGATION_RE = re.compile(r"\b(?:not|never|no longer)\b|n't\b")

_AUX_ADV = r"(?:(?:{aux}|{adv}|\w+ly|[Aa]s\s+of\s+(?:[A-Z][a-z]+\s+)?\d{{4}},?)\s+)".format(
    aux="|".join(sorted(AUX)), adv="|".join(sorted(ADVERBS | {"since"}))
)
_DIRECT_RE = re.compile(rf"\s*{_AUX_ADV}*(?:(?:became|become|becomes|remained|remains)\s+)?")
_COPULAR_RE = re.compile(
    r"\s*(?:is|was|are|were)\s+(?:(?:also|currently|now)\s+)?(?:an?|the)\s+(?P<np>[^,;]*)"
)
_COORDINATED_RE = re.compile(
    rf"\s*(?:(?:{'|'.join(sorted(AUX))})\s[^;]*?"
    rf"|(?:{'|'.join(sorted(IRREGULAR))}|(?-i:[a-z][\w'’-]*(?:s|ed)))\s(?:[^;,]|(?<=\d),(?=\d{{3}}))*?)"
    rf"\s(?:and|but),?\s+{_AUX_ADV}*"
)


def between_ok(between: str, kind: RegionKind) -> bool:
    """Tell whether the text from a region's anchor to a trigger keeps the subject in charge."""
    if NEGATION_RE.search(between):
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


def accepted(
    rule: Rule, match: re.Match[str], text: str, analysis: Analysis, prev_ours: bool
) -> bool:
    """Check that the match is about the subject (see :mod:`wikiconv.statements.subject`)."""
    start = match.start()
    if rule.scope == "part-start":  # the pattern names a part of the subject ("the first
        return start in analysis.clause_starts  # season"): any clause start will do
    if rule.scope == "clause-start":
        if start not in analysis.clause_starts:
            return False
        named = "possname" in match.re.groupindex and match.group("possname")
        return bool(named) or prev_ours or analysis.region_for(start) is not None
    region = analysis.region_for(start)
    if region is None or start - region.anchor > _MAX_GAP:
        return False  # a trigger that far from its clause's verb is not about the subject
    between = text[region.anchor : start]
    if region.kind == "predicate" and _COPULAR_TAIL_RE.fullmatch(between):
        # "X is a novel by Y, first published in 2008": a participle after the copular noun
        # phrase is about the subject (rules for participles only)
        if rule.regions is not None and "participial" in rule.regions:
            return True
        # "X is a mobile app for hikers, developed by Y": an agent participle on the noun
        # phrase; "…, founded in 1987", "…, with a population of 12,345": its date or size
        return rule.regions is None and (
            _AGENT_PARTICIPLE_RE.match(text, start) is not None
            or _NOUN_PHRASE_TAIL_RE.match(text, start) is not None
        )
    if rule.regions is not None and region.kind not in rule.regions:
        return False
    return between_ok(between, region.kind)


_MAX_GAP = 300  # characters between a region's start and a trigger; keeps the test linear
_AGENT_PARTICIPLE_RE = re.compile(
    r"(?:co-)?(?:developed|directed|written|created|designed|founded|established|produced"
    r"|published|made|built|conceived|maintained|owned|operated|run|led|formed)"
    r"\s+(?:(?:and|&)\s+\w+\s+)?(?:(?:in|on)\s+[^,;]{1,40}?\s+)?"  # "formed in Agadez in 2009 by"
    r"(?:(?:jointly|originally|initially)\s+)?by\b",
    re.IGNORECASE,
)
_NOUN_PHRASE_TAIL_RE = re.compile(
    r"(?:(?:first|originally|initially)\s+)?(?:founded|established|formed|incorporated|set\s+up"
    r"|created|opened|launched|started|built|completed|published|released|premiered)"
    r"\s+(?:in\s+(?-i:[A-Z])[^,;]{0,40}?\s+)?(?:in|on)\s+(?=\d|(?-i:[A-Z][a-z]+\s+\d))"
    r"|with\s+(?:an?\s+)?(?:\w+\s+)?"
    r"(?:population|workforce|staff)\s+of\b|(?:written|implemented)\s+(?:(?:mainly|mostly|"
    r"primarily|entirely|largely)\s+)?in\s+(?-i:[A-Z])",
    re.IGNORECASE,
)
_COPULAR_TAIL_RE = re.compile(
    r"\s*(?:is|was|are|were)\s+(?:(?:also|currently|now)\s+)?"
    rf"(?:(?:an?|the)\s+|(?=[^;,]*\b{MASS_CLASS_NOUNS}\b))[^;,]*"
    # further comma stretches: a capitalised place, or a list without articles ("for
    # reading, writing and reprojecting data"), not another noun phrase ("home to the X")
    r"(?:,\s+(?:(?-i:[A-Z])[^;,]*|(?:(?!\b(?:the|a|an)\b)[^;,])*)){0,3},\s+"
    r"(?:(?:first|originally|initially|later)\s+)?"
)
