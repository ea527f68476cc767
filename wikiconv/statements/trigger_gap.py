"""What may stand between the start of a region about the subject and a rule's trigger
(:func:`between_ok`): auxiliaries and adverbs (*Runway **has since been** headquartered in*),
a copular noun phrase (*is **an American company** based in*), or a coordinated verb phrase
(*received 48,000 visitors **and had** 22 employees*), never a negation."""

from __future__ import annotations

import re

from wikiconv.statements.subject import RegionKind
from wikiconv.statements.verb_words import ADVERBS, AUX, PREPOSITIONS

NEGATION_RE = re.compile(r"\b(?:not|never|no longer)\b|n't\b")

_AUX_ADV = r"(?:(?:{aux}|{adv}|\w+ly|[Aa]s\s+of\s+(?:[A-Z][a-z]+\s+)?\d{{4}},?)\s+)".format(
    aux="|".join(sorted(AUX)), adv="|".join(sorted(ADVERBS | {"since"}))
)
_DIRECT_RE = re.compile(rf"\s*{_AUX_ADV}*(?:(?:became|become|becomes|remained|remains)\s+)?")
_COPULAR_RE = re.compile(
    r"\s*(?:is|was|are|were)\s+(?:(?:also|currently|now)\s+)?(?:an?|the)\s+(?P<np>[^,;]*)"
)
_COORDINATED_RE = re.compile(
    rf"\s*(?:(?:{'|'.join(sorted(AUX))})\s[^;]*?|(?-i:[a-z][\w'’-]*(?:s|ed))\s(?:[^;,]|(?<=\d),(?=\d{{3}}))*?)"
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
