"""The statement targets end to end: extract, resolve (fake Wikibase), de-duplicate, write."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fake_wikibase import FakeWikibase
from wikiconv.api import parse
from wikiconv.statements.pipeline import STATEMENT_TARGETS, StatementOptions, statements_output
from wikiconv.statements.resolve import ResolverError

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "runway.md"
INCEPTION: dict[str, Any] = {
    "mainsnak": {
        "snaktype": "value",
        "property": "P571",
        "datavalue": {
            "type": "time",
            "value": {
                "time": "+2018-00-00T00:00:00Z",
                "timezone": 0,
                "before": 0,
                "after": 0,
                "precision": 9,
                "calendarmodel": "http://www.wikidata.org/entity/Q1985727",
            },
        },
    },
    "type": "statement",
    "id": "Q100$1",
    "rank": "normal",
}
ENTITIES: dict[str, dict[str, Any]] = {
    "Q95": {"labels": {"en": "Google"}, "sitelinks": {"enwiki": "Google"}},
    "Q100": {
        "labels": {"en": "Runway"},
        "sitelinks": {"enwiki": "Runway"},
        "claims": {"P571": [INCEPTION]},
    },
}


def _doc():  # type: ignore[no-untyped-def]
    return parse(SAMPLE.read_text(encoding="utf-8"), source_name="samples/runway.md")


def test_quickstatements_against_an_item(tmp_path: Path) -> None:
    with FakeWikibase(ENTITIES) as wb:
        options = StatementOptions(
            wikibase_api=wb.api_url, against="Q100", cache_path=tmp_path / "c.sqlite"
        )
        result = statements_output(_doc(), "quickstatements", options)
    lines = result.text.splitlines()
    assert 'Q100\tDen\t"American artificial intelligence company"' in lines
    assert not any("\tLen\t" in line or "\tSenwiki\t" in line for line in lines)  # already there
    assert any(line.startswith("Q100\tP1951\tQ95\t") for line in lines)  # sitelink-resolved
    assert any(line.startswith("Q100\tP31\tQ783794\tS143\tQ328") for line in lines)
    # the inception is there already: only its missing reference is added
    assert [line for line in lines if "\tP571\t" in line] == [
        "Q100\tP571\t+2018-00-00T00:00:00Z/9\tS143\tQ328\tS4656\t"
        '"https://en.wikipedia.org/wiki/Runway"'
    ]
    assert len(result.added_references) == 1
    messages = [d.format("samples/runway.md") for d in result.diagnostics]
    assert "samples/runway.md:3:172: warning: unresolved name 'New York City': not in mapping" in (
        messages
    )
    assert any("not written: P159 New York City" in m for m in messages)
    assert any(m.startswith("samples/runway.md:7:1: note: unsourced: P112") for m in messages)


def test_offline_with_a_mapping(tmp_path: Path) -> None:
    mapping = tmp_path / "map.csv"
    mapping.write_text("name,qid\nNew York City,Q60\n", encoding="utf-8")
    options = StatementOptions(offline=True, use_cache=False, mapping=mapping)
    result = statements_output(_doc(), "statements-json", options)
    rows = json.loads(result.text)
    hq = [r for r in rows if r["property"] == "P159"]
    assert hq[0]["qid"] == "Q60"
    assert hq[0]["source"]["line"] == 3
    assert {r["property"] for r in rows} >= {"P31", "P17", "P571", "P112", "P1951"}


@pytest.mark.parametrize("target", STATEMENT_TARGETS)
def test_every_target_writes_offline(target: str) -> None:
    result = statements_output(_doc(), target, StatementOptions(offline=True, use_cache=False))
    assert result.text.strip()


def test_against_needs_the_network() -> None:
    options = StatementOptions(offline=True, use_cache=False, against="Q100")
    with pytest.raises(ResolverError):
        statements_output(_doc(), "quickstatements", options)


@pytest.mark.parametrize(
    "path",
    [
        "tests/data/articles_blind/halvorsen_marine.md",
        "tests/data/articles_blind/the_salt_orchard.md",
    ],
)
def test_cited_document_gives_the_same_references(path: str) -> None:
    """Statements of a document with citation templates applied (as bulk extracts them) carry
    the same references as the document as written: the templates' citations are reused."""
    from wikiconv.citations.document_refs import apply_citations
    from wikiconv.statements.extract import extract_statements

    doc = parse(Path(path).read_text(encoding="utf-8"))
    cited, _ = apply_citations(doc)

    def refs(draft: object) -> list[tuple[str, str]]:
        return sorted(
            (s.property, repr(s.references))
            for s in draft.statements  # type: ignore[attr-defined]
        )

    written = refs(extract_statements(doc))
    assert written and any("P813" in r for _, r in written)
    assert refs(extract_statements(cited)) == written
