"""Openers a clause's subject may follow ("Later that year they …", "Notably, the …") and
subject-less stub sentences ("Based in Leeds.")."""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD_RE = re.compile(r"[\w'’.-]+")
_PERIOD = r"(?:year|month|decade|season|spring|summer|autumn|fall|winter|week)"
TIME_OPENER_RE = re.compile(
    rf"(?:(?:later|earlier|early|late)\s+(?:that|the\s+same|the\s+following|the\s+next)\s+{_PERIOD}"
    rf"|(?:that|the\s+same|the\s+following|the\s+next|the\s+previous)\s+{_PERIOD}"
    rf"|(?:a|one|two|three|four|five|six|several|a\s+few)\s+{_PERIOD}s?\s+(?:later|after(?:wards)?)"
    r"|afterwards|subsequently|eventually|meanwhile|soon\s+after(?:wards)?|[a-z]+ly(?=,)"
    r"|it(?:'s|’s|\s+is)\s+(?:worth\s+noting|important\s+to\s+note|notable|interesting\s+to\s+note)"
    r"\s+that|in\s+(?:fact|summary|short|particular)(?=,)|of\s+course(?=,)|indeed(?=,))"
    r",?\s+(?=(?-i:[A-Za-z]))",
    re.IGNORECASE,
)


def fragment(content: str, is_verb: Callable[..., bool], participle: Callable[[str], bool]) -> bool:
    """Tell whether a sentence is a verb phrase with no subject, as a terse stub writes them
    ("Based in Leeds.", "Employs some 320 staff."): a capitalised verb, no second verb next,
    no comma (which could end an opening participle phrase before a subject of its own)."""
    words = _WORD_RE.findall(content)[:3]
    if len(words) < 2 or not words[0][:1].isupper() or "," in content:
        return False
    lowered = [words[0].lower(), *words[1:]]
    return (is_verb(lowered) or participle(words[0])) and not is_verb(lowered, 1)
