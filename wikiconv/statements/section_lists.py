"""Statements from list sections: each item of a ``## Cast`` list names a cast member.

Configured in the rule table's ``section_lists``: section titles (lower case), the class
groups they apply to and the property. An item gives a value when it opens with a wikilink or
a capitalised name that is followed by the end, "as", a dash, a colon, a comma or a bracket
("Aoife Brennan as Bríd Keane", "[[Sandra Oh]] – Inspector Han").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from wikiconv.statements.sentences import Sentence
from wikiconv.statements.statement import ItemValue
from wikiconv.statements.values import read_items

_AFTER_RE = re.compile(r"\s*(?:$|as\b|[–—:(,]|-\s|\.$)")


def section_list_values(
    sentences: list[Sentence], group: str | None, config: Mapping[str, Any]
) -> Iterator[tuple[Sentence, str, ItemValue, str]]:
    """Yield (sentence, property, value, rule id) for the items of configured list sections."""
    specs = config.get("section_lists", {})
    if not specs or group is None:
        return
    wanted: dict[str, tuple[str, str]] = {}
    for rule_id, spec in specs.items():
        if rule_id.startswith("_") or group not in spec.get("groups", []):
            continue
        for title in spec.get("sections", []):
            wanted[title] = (spec["property"], f"section-list:{rule_id}")
    if not wanted:
        return
    for sentence in sentences:
        if not sentence.in_list or sentence.index != 0:
            continue
        found = wanted.get(sentence.section.strip().lower())
        if found is None:
            continue
        items = read_items(sentence, 0, len(sentence.text), many=False)
        if items and _AFTER_RE.match(sentence.text, items[0].end):
            yield sentence, found[0], items[0].value, found[1]
