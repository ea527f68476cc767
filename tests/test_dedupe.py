"""De-duplication against an existing entity: values by meaning, references, terms."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fake_wikibase import FakeWikibase
from tests.test_quickstatements import TC_URL, imported, runway_draft
from wikiconv.statements.dedupe import AddedReference, dedupe, snak_key, value_key
from wikiconv.statements.resolve import Resolver
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    MonolingualValue,
    QuantityValue,
    Reference,
    Statement,
    StringValue,
    TimeValue,
)

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"


def snak(prop: str, kind: str, value: Any) -> dict[str, Any]:
    """A value snak as wbgetentities returns it."""
    return {
        "snaktype": "value",
        "property": prop,
        "datavalue": {"type": kind, "value": value},
        "datatype": "irrelevant",
    }


def item(prop: str, qid: str) -> dict[str, Any]:
    """An item snak."""
    return snak(prop, "wikibase-entityid", {"entity-type": "item", "numeric-id": int(qid[1:])})


def time(prop: str, text: str, precision: int) -> dict[str, Any]:
    """A time snak."""
    value = {
        "time": text,
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": precision,
        "calendarmodel": GREGORIAN,
    }
    return snak(prop, "time", value)


def claim(guid: str, main: dict[str, Any], refs=(), qualifiers=None, rank="normal"):
    """A statement as wbgetentities returns it."""
    out: dict[str, Any] = {
        "mainsnak": main,
        "type": "statement",
        "id": guid,
        "rank": rank,
        "references": [
            {"hash": f"h{i}", "snaks": r, "snaks-order": list(r)} for i, r in enumerate(refs)
        ],
    }
    if qualifiers:
        out["qualifiers"] = qualifiers
        out["qualifiers-order"] = list(qualifiers)
    return out


EXISTING: dict[str, Any] = {
    "type": "item",
    "id": "Q123",
    "labels": {"en": {"language": "en", "value": "Runway ML"}},
    "descriptions": {"en": {"language": "en", "value": "company"}},
    "aliases": {"en": [{"language": "en", "value": "Runway AI"}]},
    "sitelinks": {"enwiki": {"site": "enwiki", "title": "Runway (company)", "badges": []}},
    "claims": {
        "P31": [claim("Q123$a", item("P31", "Q783794"), refs=[{"P143": [item("P143", "Q328")]}])],
        "P571": [
            claim(
                "Q123$b",
                time("P571", "+2018-01-01T00:00:00Z", 9),
                refs=[
                    {
                        "P854": [snak("P854", "string", TC_URL)],
                        "P813": [time("P813", "+2024-01-02T00:00:00Z", 11)],
                    }
                ],
            )
        ],
        "P17": [claim("Q123$c", item("P17", "Q30"), rank="deprecated")],
        "P1128": [
            claim(
                "Q123$d",
                snak("P1128", "quantity", {"amount": "+120", "unit": "1"}),
                qualifiers={"P585": [time("P585", "+2024-06-00T00:00:00Z", 10)]},
            )
        ],
        "P856": [claim("Q123$e", snak("P856", "string", "https://runwayml.com"))],
    },
}


def test_time_equality_respects_precision():
    year = value_key(TimeValue(2003, precision=9))
    assert year == snak_key(time("P571", "+2003-00-00T00:00:00Z", 9))
    assert year == snak_key(time("P571", "+2003-01-01T00:00:00Z", 9))
    assert year == value_key(TimeValue(2003, 5, 17, precision=9))
    assert year != snak_key(time("P571", "+2003-01-01T00:00:00Z", 11))
    assert year != snak_key(time("P571", "+2004-00-00T00:00:00Z", 9))
    month = value_key(TimeValue(2003, 5, precision=10))
    assert month == snak_key(time("P571", "+2003-05-31T00:00:00Z", 10))
    assert month != snak_key(time("P571", "+2003-06-00T00:00:00Z", 10))
    julian = time("P571", "+2003-00-00T00:00:00Z", 9)
    julian["datavalue"]["value"]["calendarmodel"] = "http://www.wikidata.org/entity/Q1985786"
    assert year != snak_key(julian)


def test_items_quantities_strings_compare_by_meaning():
    assert value_key(ItemValue("x", "Q30")) == snak_key(item("P17", "Q30"))
    assert value_key(ItemValue("x")) is None  # unresolved: never equal to anything
    units = "http://www.wikidata.org/entity/Q4917"
    assert value_key(QuantityValue("+120")) == snak_key(
        snak("P1", "quantity", {"amount": "+120.0", "unit": "1"})
    )
    assert value_key(QuantityValue("120", ItemValue("USD", "Q4917"))) == snak_key(
        snak("P1", "quantity", {"amount": "+120", "unit": units})
    )
    assert value_key(QuantityValue("120")) != snak_key(
        snak("P1", "quantity", {"amount": "+120", "unit": units})
    )
    assert value_key(QuantityValue("1", ItemValue("USD"))) is None
    assert value_key(StringValue("a")) == snak_key(snak("P1", "string", "a"))
    assert value_key(MonolingualValue("a", "en")) != snak_key(
        snak("P1", "monolingualtext", {"text": "a", "language": "fr"})
    )
    assert snak_key({"snaktype": "somevalue", "property": "P1"}) is None


def test_dedupe_drops_existing_statements_and_returns_missing_references():
    draft = EntityDraft(
        labels={"en": "Runway"},
        descriptions={"en": "American artificial intelligence company"},
        aliases={"en": ["Runway AI", "Runway AI, Inc."]},
        sitelinks={"enwiki": "Runway (company)"},
        statements=[
            # exists; its P143 reference exists too, the URL reference is new
            Statement(
                "P31",
                ItemValue("company", "Q783794"),
                [Reference([("P854", StringValue(TC_URL))]), imported()],
            ),
            # exists at the same precision although spelt +2018-00-00; reference URL present
            Statement(
                "P571", TimeValue(2018, precision=9), [Reference([("P854", StringValue(TC_URL))])]
            ),
            # the existing statement is deprecated: add ours
            Statement("P17", ItemValue("American", "Q30")),
            # exists with the same qualifier
            Statement(
                "P1128",
                QuantityValue("120"),
                qualifiers=[("P585", TimeValue(2024, 6, precision=10))],
            ),
            # different qualifier: a different claim
            Statement(
                "P1128", QuantityValue("120"), qualifiers=[("P585", TimeValue(2025, precision=9))]
            ),
            # unresolved: cannot be compared, kept (the writers skip it)
            Statement("P159", ItemValue("New York City")),
            Statement("P856", StringValue("https://runwayml.com")),
            Statement("P856", StringValue("https://runway.ml")),
        ],
    )
    new, added = dedupe(draft, EXISTING)
    assert [(s.property, s.value) for s in new.statements] == [
        ("P17", ItemValue("American", "Q30")),
        ("P1128", QuantityValue("120")),
        ("P159", ItemValue("New York City")),
        ("P856", StringValue("https://runway.ml")),
    ]
    assert new.statements[1].qualifiers == [("P585", TimeValue(2025, precision=9))]
    assert added == [
        AddedReference(
            "Q123$a",
            "P31",
            Reference([("P854", StringValue(TC_URL))]),
            draft.statements[0],
        )
    ]
    # terms: our label differs and must not overwrite: it becomes an alias
    assert new.labels == {}
    assert new.descriptions == {}
    assert new.aliases == {"en": ["Runway", "Runway AI, Inc."]}
    assert new.sitelinks == {}
    assert new.qid == "Q123"
    # the input draft is untouched
    assert len(draft.statements) == 8 and draft.labels == {"en": "Runway"}


def test_dedupe_against_nothing_keeps_everything():
    draft = runway_draft()
    new, added = dedupe(draft, {})
    assert new.statements == draft.statements
    assert (new.labels, new.aliases, new.sitelinks) == (
        draft.labels,
        draft.aliases,
        draft.sitelinks,
    )
    assert added == []


def test_same_reference_is_not_added_twice():
    ref = Reference([("P854", StringValue("https://example.org/a"))])
    draft = EntityDraft(
        statements=[
            Statement("P31", ItemValue("company", "Q783794"), [ref]),
            Statement("P31", ItemValue("company", "Q783794"), [ref, ref]),
        ]
    )
    _, added = dedupe(draft, EXISTING)
    assert len(added) == 1


@pytest.mark.parametrize(
    ("existing_ref", "ours", "expect_added"),
    [
        ({"P143": [item("P143", "Q328")]}, [("P143", ItemValue("enwiki", "Q328"))], False),
        ({"P143": [item("P143", "Q328")]}, [("P143", ItemValue("dewiki", "Q48183"))], True),
        (
            {"P143": [item("P143", "Q328")]},
            [("P143", ItemValue("enwiki", "Q328")), ("P4656", StringValue("https://x"))],
            False,
        ),
        (
            {"P143": [item("P143", "Q328")], "P4656": [snak("P4656", "string", "https://y")]},
            [("P143", ItemValue("enwiki", "Q328")), ("P4656", StringValue("https://x"))],
            True,
        ),
        (
            {"P4656": [snak("P4656", "string", "https://x")], "P143": [item("P143", "Q328")]},
            [("P4656", StringValue("https://x"))],
            False,
        ),
        (
            {"P248": [item("P248", "Q1")]},
            [("P248", ItemValue("stated", "Q1")), ("P813", TimeValue(2020))],
            True,
        ),
        ({}, [("P123", ItemValue("unresolved publisher"))], False),
    ],
)
def test_reference_identity(existing_ref, ours, expect_added):
    existing = {"claims": {"P31": [claim("Q1$x", item("P31", "Q5"), refs=[existing_ref])]}}
    draft = EntityDraft(statements=[Statement("P31", ItemValue("human", "Q5"), [Reference(ours)])])
    new, added = dedupe(draft, existing)
    assert new.statements == []
    assert bool(added) is expect_added


def test_dedupe_with_claims_fetched_from_the_fake(tmp_path):
    with FakeWikibase({"Q123": {k: v for k, v in _fake_entity().items()}}) as server:
        resolver = Resolver(wikibase_api=server.api_url, cache_path=tmp_path / "c.sqlite3")
        existing = resolver.fetch_claims("Q123")
    new, added = dedupe(runway_draft(), existing)
    assert "P31" not in [s.property for s in new.statements]
    assert [(a.statement_id, a.property) for a in added] == [("Q123$a", "P31")]
    assert new.labels == {}
    assert new.aliases == {"en": ["Runway AI, Inc.", "Runway AI"]}


def _fake_entity() -> dict[str, Any]:
    """The fake's version of an existing Runway item."""
    return {
        "labels": {"en": "Runway"},
        "sitelinks": {"enwiki": "Runway (company)"},
        "claims": {"P31": [claim("Q123$a", item("P31", "Q783794"))]},
    }
