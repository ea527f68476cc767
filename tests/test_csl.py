"""Tests for CSL-JSON output, validated against the official CSL-JSON schema 1.0."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from wikiconv.citations.citation import Citation, Contributor, PartialDate
from wikiconv.citations.csl import citation_to_csl, csl_date, csl_items, csl_name

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def assert_valid(items: list[dict[str, Any]]) -> None:
    """Fail with every schema error when ``items`` is not valid CSL-JSON."""
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(items)]
    assert errors == []


def test_the_schema_is_the_official_one() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"].endswith("/v1.0/input/json/csl-data.json")
    assert SCHEMA["items"]["required"] == ["type", "id"]


def test_the_schema_rejects_what_it_should() -> None:
    assert list(VALIDATOR.iter_errors([{"id": "a"}]))  # no type
    assert list(VALIDATOR.iter_errors([{"id": "a", "type": "web page"}]))  # unknown type
    assert list(VALIDATOR.iter_errors([{"id": "a", "type": "book", "doi": "x"}]))  # lower-case
    bad_name = [{"id": "a", "type": "book", "author": [{"name": "x"}]}]
    assert list(VALIDATOR.iter_errors(bad_name))
    bad_date = [{"id": "a", "type": "book", "issued": {"date-parts": [[1, 2, 3, 4]]}}]
    assert list(VALIDATOR.iter_errors(bad_date))


def test_webpage() -> None:
    c = Citation(
        kind="web",
        authors=[Contributor(organization="Runway")],
        title="Building AI to Simulate the World",
        container="runwayml.com",
        url="https://runwayml.com/research",
        date=PartialDate(2026),
        access_date=PartialDate(2026, 1, 5),
        language="en",
    )
    item = citation_to_csl(c, "runway")
    assert item == {
        "id": "runway",
        "type": "webpage",
        "author": [{"literal": "Runway"}],
        "title": "Building AI to Simulate the World",
        "container-title": "runwayml.com",
        "issued": {"date-parts": [[2026]]},
        "accessed": {"date-parts": [[2026, 1, 5]]},
        "URL": "https://runwayml.com/research",
        "language": "en",
    }
    assert_valid([item])


def test_newspaper_article() -> None:
    c = Citation(
        kind="news",
        authors=[Contributor(family="Breznican", given="Anthony")],
        title="Messages from 'Munich'",
        container="USA Today",
        publisher="Gannett",
        location="McLean, Virginia",
        date=PartialDate(2005, 12),
    )
    item = citation_to_csl(c, "n1")
    assert item["type"] == "article-newspaper"
    assert item["author"] == [{"family": "Breznican", "given": "Anthony"}]
    assert item["issued"] == {"date-parts": [[2005, 12]]}
    assert item["publisher"] == "Gannett"
    assert item["publisher-place"] == "McLean, Virginia"
    assert_valid([item])


def test_journal_article() -> None:
    c = Citation(
        kind="journal",
        authors=[Contributor(family="Gaveau", given="B."), Contributor(family="Kac")],
        title="Relativistic Extension",
        container="Physical Review Letters",
        volume="53",
        issue="5",
        pages="pp. 419-422",
        date=PartialDate(1984, 7, 30),
        identifiers={
            "doi": "https://doi.org/10.1103/PhysRevLett.53.419",
            "issn": "0031-9007",
            "pmid": "123",
            "pmc": "PMC456",
            "arxiv": "2104.04119",
        },
    )
    item = citation_to_csl(c, "j1")
    assert item["type"] == "article-journal"
    assert item["author"][1] == {"family": "Kac"}
    assert item["page"] == "419–422"
    assert item["DOI"] == "10.1103/PhysRevLett.53.419"
    assert item["ISSN"] == "0031-9007"
    assert item["PMID"] == "123"
    assert item["PMCID"] == "PMC456"
    assert item["custom"] == {"arxiv": "2104.04119"}
    assert item["volume"] == "53" and item["issue"] == "5"
    assert_valid([item])


def test_book_and_chapter() -> None:
    book = Citation(
        kind="book",
        title="The Road to Reality",
        publisher="Knopf",
        edition="6th",
        editors=[Contributor(family="Ed", given="A.")],
        identifiers={"isbn": "0-224-04447-8"},
    )
    item = citation_to_csl(book, "b")
    assert item["type"] == "book"
    assert item["title"] == "The Road to Reality"
    assert item["ISBN"] == "0-224-04447-8"
    assert item["edition"] == "6th"
    assert item["editor"] == [{"family": "Ed", "given": "A."}]
    chapter = Citation(kind="book", title="On Rivers", container="The Book of Water")
    item2 = citation_to_csl(chapter, "c")
    assert item2["type"] == "chapter"
    assert item2["title"] == "On Rivers"
    assert item2["container-title"] == "The Book of Water"
    assert_valid([item, item2])


def test_generic_is_document() -> None:
    item = citation_to_csl(Citation(title="Report"), "d")
    assert item == {"id": "d", "type": "document", "title": "Report"}
    assert_valid([item])


def test_invalid_identifiers_go_to_note() -> None:
    c = Citation(title="T", identifiers={"isbn": "978-0-306-40615-8", "doi": "nope"})
    item = citation_to_csl(c, "x")
    assert "ISBN" not in item and "DOI" not in item
    assert "ISBN (not valid): 978-0-306-40615-8" in item["note"]
    assert "DOI (not valid): nope" in item["note"]
    assert_valid([item])


def test_archive_copy_goes_to_custom() -> None:
    c = Citation(kind="web", title="T", url="https://e.org")
    c.archive_url = "https://web.archive.org/web/2020/https://e.org"
    c.archive_date = PartialDate(2020, 3)
    item = citation_to_csl(c, "a")
    assert item["custom"] == {
        "archive-url": "https://web.archive.org/web/2020/https://e.org",
        "archive-date": "2020-03",
    }
    assert_valid([item])


def test_names_and_dates() -> None:
    assert csl_name(Contributor(organization=" WHO ")) == {"literal": "WHO"}
    assert csl_name(Contributor(given="Madonna")) == {"literal": "Madonna"}
    assert csl_name(Contributor()) is None
    assert csl_date(PartialDate(2025, 12, 11)) == {"date-parts": [[2025, 12, 11]]}
    assert csl_date(PartialDate(2025, 12)) == {"date-parts": [[2025, 12]]}
    assert csl_date(PartialDate(2025)) == {"date-parts": [[2025]]}
    assert csl_date(PartialDate(2025, 2, 30)) is None
    assert csl_date(None) is None


def test_csl_items_ids_are_labels_or_numbers_and_unique() -> None:
    cs = [
        Citation(title="A", label="smith"),
        Citation(title="B"),
        Citation(title="C", label="smith"),
    ]
    items = csl_items(cs)
    assert [i["id"] for i in items] == ["smith", "ref2", "smith-2"]
    assert_valid(items)


@pytest.mark.parametrize("kind", ["web", "news", "journal", "book", "generic"])
def test_empty_citation_of_each_kind_is_valid(kind: str) -> None:
    assert_valid([citation_to_csl(Citation(kind=kind), "e")])  # type: ignore[arg-type]


def _citations() -> Any:
    """The citation strategy of the CS1 tests."""
    from tests.test_cs1 import CITATIONS

    return CITATIONS


@settings(max_examples=300, deadline=None)
@given(_citations())
def test_every_citation_gives_valid_csl(c: Citation) -> None:
    items = csl_items([c, c])
    assert_valid(items)
    json.dumps(items)  # serialisable
