"""Wikibase JSON: wbeditentity data shapes and the statements array."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.test_quickstatements import ARTICLE_URL, TC_URL, imported, runway_draft
from wikiconv.statements.quickstatements import Skipped
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
from wikiconv.statements.wikibase_json import entity_json, statements_json

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"


def check_datavalue(datavalue: dict[str, Any]) -> None:
    """Assert a datavalue has exactly the Wikibase shape of its type."""
    kind, value = datavalue["type"], datavalue["value"]
    assert set(datavalue) == {"type", "value"}
    if kind == "wikibase-entityid":
        assert set(value) == {"entity-type", "id", "numeric-id"}
        assert value["entity-type"] == "item"
        assert re.fullmatch(r"Q[1-9][0-9]*", value["id"])
        assert value["numeric-id"] == int(value["id"][1:])
    elif kind == "time":
        assert set(value) == {"time", "timezone", "before", "after", "precision", "calendarmodel"}
        assert re.fullmatch(r"[+-][0-9]{4,}-[0-9]{2}-[0-9]{2}T00:00:00Z", value["time"])
        assert (value["timezone"], value["before"], value["after"]) == (0, 0, 0)
        assert value["precision"] in (9, 10, 11)
        assert value["calendarmodel"] == GREGORIAN
        month, day = value["time"][1:].split("T")[0].split("-")[1:]
        if value["precision"] == 9:
            assert (month, day) == ("00", "00")
        if value["precision"] == 10:
            assert day == "00"
    elif kind == "quantity":
        assert set(value) == {"amount", "unit"}
        assert re.fullmatch(r"[+-][0-9]+(\.[0-9]+)?", value["amount"])
        assert value["unit"] == "1" or re.fullmatch(
            r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*", value["unit"]
        )
    elif kind == "string":
        assert isinstance(value, str) and value
    elif kind == "monolingualtext":
        assert set(value) == {"text", "language"}
    else:
        raise AssertionError(f"unexpected datavalue type {kind}")


def check_snak(snak: dict[str, Any], prop: str) -> None:
    """Assert a value snak's shape."""
    assert set(snak) == {"snaktype", "property", "datavalue"}
    assert snak["snaktype"] == "value"
    assert snak["property"] == prop
    check_datavalue(snak["datavalue"])


def check_entity(entity: dict[str, Any]) -> None:
    """Assert an entity is shaped as wbeditentity data."""
    assert set(entity) <= {"labels", "descriptions", "aliases", "sitelinks", "claims"}
    for block in ("labels", "descriptions"):
        for lang, term in entity.get(block, {}).items():
            assert term == {"language": lang, "value": term["value"]}
    for lang, terms in entity.get("aliases", {}).items():
        assert all(t == {"language": lang, "value": t["value"]} for t in terms)
    for site, link in entity.get("sitelinks", {}).items():
        assert link == {"site": site, "title": link["title"], "badges": []}
    for prop, claims in entity.get("claims", {}).items():
        for claim in claims:
            assert "id" not in claim
            assert claim["type"] == "statement"
            assert claim["rank"] == "normal"
            check_snak(claim["mainsnak"], prop)
            for qprop, snaks in claim.get("qualifiers", {}).items():
                assert qprop in claim["qualifiers-order"]
                for snak in snaks:
                    check_snak(snak, qprop)
            for reference in claim["references"]:
                assert set(reference) == {"snaks", "snaks-order"}
                assert list(reference["snaks"]) == reference["snaks-order"]
                for rprop, snaks in reference["snaks"].items():
                    for snak in snaks:
                        check_snak(snak, rprop)


def test_entity_json_shapes():
    skipped: list[Skipped] = []
    entity = entity_json(runway_draft(), skipped=skipped)
    check_entity(entity)
    json.dumps(entity)
    assert entity["labels"] == {"en": {"language": "en", "value": "Runway"}}
    assert entity["aliases"]["en"] == [
        {"language": "en", "value": "Runway AI, Inc."},
        {"language": "en", "value": "Runway AI"},
    ]
    assert entity["sitelinks"] == {
        "enwiki": {"site": "enwiki", "title": "Runway (company)", "badges": []}
    }
    assert list(entity["claims"]) == [
        "P31", "P17", "P452", "P571", "P1128", "P2139", "P856", "P1448",
    ]  # fmt: skip
    p31 = entity["claims"]["P31"][0]
    assert p31["mainsnak"]["datavalue"] == {
        "type": "wikibase-entityid",
        "value": {"entity-type": "item", "id": "Q783794", "numeric-id": 783794},
    }
    assert p31["references"] == [
        {
            "snaks": {
                "P143": [
                    {
                        "snaktype": "value",
                        "property": "P143",
                        "datavalue": {
                            "type": "wikibase-entityid",
                            "value": {"entity-type": "item", "id": "Q328", "numeric-id": 328},
                        },
                    }
                ],
                "P4656": [
                    {
                        "snaktype": "value",
                        "property": "P4656",
                        "datavalue": {"type": "string", "value": ARTICLE_URL},
                    }
                ],
            },
            "snaks-order": ["P143", "P4656"],
        }
    ]
    p571 = entity["claims"]["P571"][0]
    assert p571["mainsnak"]["datavalue"]["value"] == {
        "time": "+2018-00-00T00:00:00Z",
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": 9,
        "calendarmodel": GREGORIAN,
    }
    # both references kept; the unresolved publisher snak dropped from the first
    assert [r["snaks-order"] for r in p571["references"]] == [
        ["P854", "P1476", "P577"],
        ["P143", "P4656"],
    ]
    assert p571["references"][0]["snaks"]["P1476"][0]["datavalue"] == {
        "type": "monolingualtext",
        "value": {"text": 'Runway raises "seed" round', "language": "en"},
    }
    p1128 = entity["claims"]["P1128"][0]
    assert p1128["mainsnak"]["datavalue"]["value"] == {"amount": "+120", "unit": "1"}
    assert p1128["qualifiers-order"] == ["P585"]
    assert p1128["qualifiers"]["P585"][0]["datavalue"]["value"]["time"] == "+2024-06-00T00:00:00Z"
    assert entity["claims"]["P2139"][0]["mainsnak"]["datavalue"]["value"] == {
        "amount": "+84000000",
        "unit": "http://www.wikidata.org/entity/Q4917",
    }
    assert entity["claims"]["P856"][0]["mainsnak"]["datavalue"] == {
        "type": "string",
        "value": "https://runwayml.com",
    }
    # the unresolved statement is left out and reported, never given an id
    assert "P159" not in entity["claims"]
    assert [(s.property, s.part) for s in skipped] == [
        ("P571/P123", "reference snak"),
        ("P159", "statement"),
    ]
    assert "None" not in json.dumps(entity)


def test_same_statement_twice_is_one_claim_with_all_references():
    url_ref = Reference([("P854", StringValue(TC_URL))])
    draft = EntityDraft(
        qid="Q1",
        statements=[
            Statement("P571", TimeValue(2018, precision=9), [url_ref]),
            Statement("P571", TimeValue(2018, 7, 1, precision=9), [imported(), url_ref]),
            Statement("P571", TimeValue(2018, 7, precision=10), [imported()]),
        ],
    )
    claims = entity_json(draft)["claims"]["P571"]
    assert len(claims) == 2
    assert [r["snaks-order"] for r in claims[0]["references"]] == [["P854"], ["P143", "P4656"]]
    assert claims[1]["mainsnak"]["datavalue"]["value"]["precision"] == 10


def test_qualified_statements_stay_apart():
    draft = EntityDraft(
        statements=[
            Statement("P1128", QuantityValue("+100"), qualifiers=[("P585", TimeValue(2023))]),
            Statement("P1128", QuantityValue("+100"), qualifiers=[("P585", TimeValue(2024))]),
        ]
    )
    assert len(entity_json(draft)["claims"]["P1128"]) == 2


def test_unresolved_values_anywhere_in_a_statement():
    skipped: list[Skipped] = []
    draft = EntityDraft(
        statements=[
            Statement("P2139", QuantityValue("+5", ItemValue("euro"))),
            Statement("P39", ItemValue("mayor", "Q30185"), qualifiers=[("P642", ItemValue("X"))]),
            Statement("P50", ItemValue("Somebody")),
            Statement(
                "P31",
                ItemValue("book", "Q571"),
                [Reference([("P248", ItemValue("Some catalogue"))])],
            ),
        ]
    )
    entity = entity_json(draft, skipped=skipped)
    assert list(entity["claims"]) == ["P31"]
    assert entity["claims"]["P31"][0]["references"] == []
    assert [s.property for s in skipped] == ["P2139", "P39", "P50", "P31/P248"]
    assert "euro" in skipped[0].reason


def test_monolingual_and_terms_only_entity():
    draft = EntityDraft(
        labels={"en": "X"},
        descriptions={"fr": "chose"},
        statements=[Statement("P1448", MonolingualValue("Chose", "fr"))],
    )
    entity = entity_json(draft)
    check_entity(entity)
    assert entity["descriptions"] == {"fr": {"language": "fr", "value": "chose"}}
    assert "aliases" not in entity and "sitelinks" not in entity


def test_statements_json():
    rows = statements_json([runway_draft()])
    json.dumps(rows)
    assert len(rows) == 9
    for row in rows:
        assert {"property", "value", "qid", "references", "source", "datatype"} <= set(row)
        assert row["subject"]["label"] == "Runway"
    by_prop = {row["property"]: row for row in rows if row["property"] != "P571"}
    assert by_prop["P17"]["value"] == "American"
    assert by_prop["P17"]["qid"] == "Q30"
    assert by_prop["P452"]["from_wikilink"] is True
    assert by_prop["P159"]["value"] == "New York City"
    assert by_prop["P159"]["qid"] is None
    assert by_prop["P1128"]["value"] == {"amount": "+120", "unit": None, "unit_qid": None}
    assert by_prop["P1128"]["qualifiers"][0]["value"] == {
        "time": "2024-06",
        "precision": 10,
        "wikibase": "+2024-06-00T00:00:00Z",
    }
    assert by_prop["P2139"]["value"] == {
        "amount": "84000000",
        "unit": "US dollar",
        "unit_qid": "Q4917",
    }
    assert by_prop["P1448"]["value"] == {"text": "Runway AI, Inc.", "language": "en"}
    p571 = next(row for row in rows if row["property"] == "P571")
    assert p571["value"] == {"time": "2018", "precision": 9, "wikibase": "+2018-00-00T00:00:00Z"}
    assert len(p571["references"]) == 2
    assert p571["references"][0][3] == {
        "property": "P123",
        "datatype": "wikibase-item",
        "value": "TechCrunch",
        "qid": None,
        "from_wikilink": False,
    }
    assert p571["references"][0][2]["value"]["time"] == "2018-12-05"
    assert p571["source"] == {
        "source_name": "runway.md",
        "line": 3,
        "column": 1,
        "sentence": "Runway ... is an American [[artificial intelligence]]",
        "rule": "",
    }
