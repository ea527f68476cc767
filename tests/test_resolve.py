"""Resolver: exact sitelink lookups against a fake Wikibase, explicit mappings, etiquette, cache."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.fake_wikibase import CLIENT_PATH, FakeWikibase
from wikiconv.statements.resolve import (
    Resolver,
    ResolverError,
    Unresolved,
    load_known_items,
    load_mapping,
    normalize_title,
)
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    QuantityValue,
    Reference,
    Statement,
    StringValue,
)

UA_RE = re.compile(
    r"wikiconv/\S+ \(https://github\.com/wikiconv/wikiconv; wikiconv@example\.org\) "
    r"python-requests/\S+"
)


class Sleeps:
    """An injectable sleep that records instead of sleeping."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


class NoNetwork:
    """A session that fails the test if it is used."""

    def get(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the resolver touched the network")

    def close(self) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[FakeWikibase]:
    entities: dict[str, dict[str, Any]] = {
        "Q60": {"labels": {"en": "New York City"}, "sitelinks": {"enwiki": "New York City"}},
        "Q11660": {
            "labels": {"en": "artificial intelligence"},
            "sitelinks": {"enwiki": "Artificial intelligence"},
        },
        "Q95": {"labels": {"en": "Google"}, "sitelinks": {"enwiki": "Google"}},
        "Q7000": {
            "labels": {"en": "Acme Corporation"},
            "aliases": {"en": ["Acme"]},
            "sitelinks": {"enwiki": "Acme Corporation"},
        },
    }
    with FakeWikibase(
        entities,
        client_redirects={"NYC": "New York City", "AI": "Artificial intelligence"},
        client_pages={"Unlinked page"},
    ) as server:
        yield server


def make(fake: FakeWikibase, tmp_path: Path, **kwargs: object) -> tuple[Resolver, Sleeps]:
    """Build a resolver aimed at the fake, with a recording sleep and a private cache."""
    sleeps = Sleeps()
    options: dict[str, object] = {
        "wikibase_api": fake.api_url,
        "cache_path": tmp_path / "cache.sqlite3",
        "sleep": sleeps,
        "base_delay": 0.01,
    }
    options.update(kwargs)
    return Resolver(**options), sleeps  # type: ignore[arg-type]


def wbgetentities(fake: FakeWikibase) -> list[dict[str, str]]:
    """The params of every wbgetentities request the fake received."""
    return [r.params for r in fake.requests if r.params.get("action") == "wbgetentities"]


# -- names as written: only through a mapping, never through search ------------------------


def test_sample_article_names_resolve_with_no_network():
    resolver = Resolver(use_cache=False, session=NoNetwork(), offline=False)
    company, american = resolver.resolve_values([ItemValue("company"), ItemValue("American")])
    assert company.qid == "Q783794"
    assert american.qid == "Q30"
    assert resolver.unresolved == []
    assert resolver.requests_made == 0


def test_known_items_table_is_big_and_valid():
    table = load_known_items()
    for name, qid in {
        "United States": "Q30",
        "American": "Q30",
        "United Kingdom": "Q145",
        "British": "Q145",
        "France": "Q142",
        "Germany": "Q183",
        "Canada": "Q16",
        "Japan": "Q17",
        "China": "Q148",
        "India": "Q668",
        "company": "Q783794",
        "business": "Q4830453",
        "human": "Q5",
        "film": "Q11424",
        "city": "Q515",
        "programming language": "Q9143",
        "software": "Q7397",
        "video game": "Q7889",
        "university": "Q3918",
        "artificial intelligence": "Q11660",
    }.items():
        assert table[name] == qid, name
    assert all(re.fullmatch(r"Q[1-9][0-9]*", qid) for qid in table.values())
    data = json.loads(
        (Path(__file__).parent.parent / "wikiconv/statements/data/known_items.json").read_text()
    )
    assert len(set(data["countries"].values())) >= 60
    assert len(data["demonyms"]) >= 60


def test_name_not_in_mapping_stays_unresolved_even_if_search_would_find_it(fake, tmp_path):
    # The fake's search does find it ...
    found = requests.get(
        fake.api_url,
        params={"action": "wbsearchentities", "search": "Acme Corporation", "format": "json"},
        timeout=10,
    ).json()
    assert [hit["id"] for hit in found["search"]] == ["Q7000"]
    fake.requests.clear()
    # ... but a name as written is never looked up by search.
    resolver, _ = make(fake, tmp_path)
    (value,) = resolver.resolve_values([ItemValue("Acme Corporation")])
    assert value.qid is None
    assert resolver.unresolved == [Unresolved("Acme Corporation", "not in mapping", False)]
    assert fake.requests == []


def test_first_letter_case_only(tmp_path):
    resolver = Resolver(use_cache=False, session=NoNetwork())
    values = resolver.resolve_values(
        [ItemValue("Company"), ItemValue("american"), ItemValue("us"), ItemValue("COMPANY")]
    )
    assert [v.qid for v in values] == ["Q783794", "Q30", None, None]
    assert [u.name for u in resolver.unresolved] == ["us", "COMPANY"]


def test_mapping_files_csv_and_json(tmp_path):
    csv_file = tmp_path / "map.csv"
    csv_file.write_text('name,qid\nRunway Research, Q999\n# a comment\n"Lux, Capital",q42\n')
    json_file = tmp_path / "map.json"
    json_file.write_text(json.dumps({"Cristóbal Valenzuela": "Q123", "company": "Q4830453"}))
    assert load_mapping(csv_file) == {"Runway Research": "Q999", "Lux, Capital": "Q42"}
    resolver = Resolver(
        use_cache=False, session=NoNetwork(), mapping_file=json_file, mapping={"Zed": "Q7"}
    )
    values = resolver.resolve_values(
        [ItemValue("Cristóbal Valenzuela"), ItemValue("company"), ItemValue("Zed")]
    )
    # the user's mapping wins over the shipped table
    assert [v.qid for v in values] == ["Q123", "Q4830453", "Q7"]


@pytest.mark.parametrize(
    "content",
    ["name,qid\nAcme,X42\n", "Acme,Q1,extra\n", '{"Acme": "42"}', "[1, 2]", ",Q5\n"],
)
def test_bad_mapping_files_raise(tmp_path, content):
    path = tmp_path / ("m.json" if content[0] in "{[" else "m.csv")
    path.write_text(content)
    with pytest.raises(ResolverError):
        load_mapping(path)


# -- wikilinks: exact sitelink lookups ---------------------------------------------------------


def test_120_titles_take_three_calls(tmp_path):
    entities = {
        f"Q{1000 + i}": {"labels": {"en": f"Title {i}"}, "sitelinks": {"enwiki": f"Title {i}"}}
        for i in range(120)
    }
    with FakeWikibase(entities) as server:
        resolver, _ = make(server, tmp_path)
        values = resolver.resolve_values(
            [ItemValue(f"Title {i}", from_wikilink=True) for i in range(120)]
        )
        calls = wbgetentities(server)
    assert [v.qid for v in values] == [f"Q{1000 + i}" for i in range(120)]
    assert len(calls) == 3
    assert [len(c["titles"].split("|")) for c in calls] == [50, 50, 20]
    for call in calls:
        assert call["sites"] == "enwiki"
        assert call["redirects"] == "yes"
        assert set(call["props"].split("|")) == {"sitelinks", "info"}
        assert "normalize" not in call  # Wikibase refuses normalize with several titles
    assert resolver.unresolved == []


def test_long_titles_go_as_post(tmp_path):
    names = [f"{'Long title ' * 20}{i}" for i in range(50)]
    entities = {f"Q{10 + i}": {"sitelinks": {"enwiki": name}} for i, name in enumerate(names)}
    with FakeWikibase(entities) as server:
        resolver, _ = make(server, tmp_path)
        values = resolver.resolve_values([ItemValue(n, from_wikilink=True) for n in names])
        (request,) = server.requests
    assert [v.qid for v in values] == [f"Q{10 + i}" for i in range(50)]
    assert request.method == "POST"
    assert request.params["maxlag"] == "5"
    assert UA_RE.fullmatch(request.headers["User-Agent"])


def test_normalised_and_redirected_titles_map_back(fake, tmp_path):
    resolver, _ = make(fake, tmp_path)
    asked = ["new York City", "New_York_City", "NYC", "AI", "Google"]
    values = resolver.resolve_values([ItemValue(t, from_wikilink=True) for t in asked])
    assert [(v.name, v.qid) for v in values] == [
        ("new York City", "Q60"),
        ("New_York_City", "Q60"),
        ("NYC", "Q60"),
        ("AI", "Q11660"),
        ("Google", "Q95"),
    ]
    calls = wbgetentities(fake)
    # one batch for the distinct normalised titles, then NYC and AI alone with normalize=1
    assert calls[0]["titles"].split("|") == ["New York City", "NYC", "AI", "Google"]
    assert [(c["titles"], c.get("normalize")) for c in calls[1:]] == [("NYC", "1"), ("AI", "1")]
    lookups = resolver.resolve_titles(["NYC"])
    assert lookups["NYC"].resolved_title == "New York City"


def test_missing_pages_stay_unresolved(fake, tmp_path):
    resolver, _ = make(fake, tmp_path)
    values = resolver.resolve_values(
        [
            ItemValue("No such page", from_wikilink=True),
            ItemValue("Unlinked page", from_wikilink=True),
        ]
    )
    assert [v.qid for v in values] == [None, None]
    assert [u.name for u in resolver.unresolved] == ["No such page", "Unlinked page"]
    assert all(u.from_wikilink and u.reason.startswith("no sitelink") for u in resolver.unresolved)


def test_client_wiki_tells_missing_pages_from_unlinked_ones(fake, tmp_path):
    resolver, _ = make(fake, tmp_path, client_api=fake.client_api_url)
    resolver.resolve_values(
        [
            ItemValue("No such page", from_wikilink=True),
            ItemValue("unlinked_page", from_wikilink=True),
            ItemValue("Bad [title]", from_wikilink=True),
        ]
    )
    reasons = {u.name: u.reason for u in resolver.unresolved}
    assert reasons["No such page"].startswith("missing page")
    assert reasons["unlinked_page"].startswith("no sitelink")
    assert reasons["Bad [title]"] == "invalid title"
    client_calls = [r for r in fake.requests if r.path == CLIENT_PATH]
    assert len(client_calls) == 1
    assert client_calls[0].params["titles"] == "No such page|Unlinked page"


def test_find_by_sitelink(fake, tmp_path):
    resolver, _ = make(fake, tmp_path)
    assert resolver.find_by_sitelink("enwiki", "Google") == "Q95"
    assert resolver.find_by_sitelink("enwiki", "Nothing here") is None
    assert resolver.find_by_sitelink("dewiki", "Google") is None
    assert resolver.unresolved == []  # a query, not a value to resolve


def test_resolve_draft_fills_every_item_value(fake, tmp_path):
    draft = EntityDraft(
        labels={"en": "Runway"},
        statements=[
            Statement("P452", ItemValue("artificial intelligence", from_wikilink=True)),
            Statement("P17", ItemValue("American")),
            Statement(
                "P2139",
                QuantityValue("+1", ItemValue("United States dollar")),
                references=[Reference([("P123", ItemValue("Google", from_wikilink=True))])],
                qualifiers=[("P642", ItemValue("NYC", from_wikilink=True))],
            ),
            Statement("P856", StringValue("https://runwayml.com")),
        ],
    )
    resolver, _ = make(fake, tmp_path)
    resolved = resolver.resolve_draft(draft)
    assert draft.statements[0].value == ItemValue("artificial intelligence", None, True)
    p452, p17, p2139, p856 = resolved.statements
    assert p452.value == ItemValue("artificial intelligence", "Q11660", True)
    assert p17.value == ItemValue("American", "Q30")
    assert isinstance(p2139.value, QuantityValue)
    assert p2139.value.unit == ItemValue("United States dollar")  # not in the table: not guessed
    assert p2139.references[0].snaks == [("P123", ItemValue("Google", "Q95", True))]
    assert p2139.qualifiers == [("P642", ItemValue("NYC", "Q60", True))]
    assert p856.value == StringValue("https://runwayml.com")
    assert [u.name for u in resolver.unresolved] == ["United States dollar"]


# -- etiquette: User-Agent, maxlag, back-off, retry bound ----------------------------------


def test_user_agent_and_maxlag_on_every_request(fake, tmp_path):
    resolver, _ = make(fake, tmp_path, client_api=fake.client_api_url)
    fake.inject("maxlag", times=1)
    resolver.resolve_values([ItemValue(t, from_wikilink=True) for t in ("NYC", "Missing")])
    resolver.fetch_claims("Q60")
    assert len(fake.requests) >= 5
    for request in fake.requests:
        assert UA_RE.fullmatch(request.headers["User-Agent"]), request.headers["User-Agent"]
        assert request.params["maxlag"] == "5"
        assert request.params["format"] == "json"
        assert request.params["formatversion"] == "2"
        assert request.method == "GET"


def test_maxlag_honours_retry_after_then_succeeds(fake, tmp_path):
    resolver, sleeps = make(fake, tmp_path)
    fake.inject("maxlag", times=2, retry_after=7)
    assert resolver.find_by_sitelink("enwiki", "Google") == "Q95"
    assert sleeps.calls == [7.0, 7.0]
    assert len(fake.requests) == 3


def test_maxlag_waits_at_least_five_seconds_by_default(fake, tmp_path):
    sleeps = Sleeps()
    resolver = Resolver(wikibase_api=fake.api_url, use_cache=False, sleep=sleeps)
    fake.inject("maxlag", times=2, retry_after=None)
    assert resolver.find_by_sitelink("enwiki", "Google") == "Q95"
    assert sleeps.calls == [5.0, 10.0]  # growing back-off from the 5 s floor


def test_http_429_then_success(fake, tmp_path):
    resolver, sleeps = make(fake, tmp_path)
    fake.inject("http429", times=1, retry_after=3)
    assert resolver.find_by_sitelink("enwiki", "Google") == "Q95"
    assert sleeps.calls == [3.0]


def test_ratelimited_error_then_success(fake, tmp_path):
    resolver, sleeps = make(fake, tmp_path)
    fake.inject("ratelimited", times=1, retry_after=None)
    assert resolver.find_by_sitelink("enwiki", "Google") == "Q95"
    assert sleeps.calls == [0.01]


def test_retry_bound_raises_resolver_error(fake, tmp_path):
    resolver, sleeps = make(fake, tmp_path, max_retries=3)
    fake.inject("maxlag", times=10, retry_after=2)
    with pytest.raises(ResolverError, match="gave up after 4 attempts.*maxlag"):
        resolver.find_by_sitelink("enwiki", "Google")
    assert len(fake.requests) == 4
    assert sleeps.calls == [2.0, 2.0, 2.0]


def test_other_api_errors_raise_at_once(fake, tmp_path):
    resolver, sleeps = make(fake, tmp_path)
    with pytest.raises(ResolverError, match="badvalue"):
        resolver._get({"action": "nonsense"})
    assert sleeps.calls == []


def test_unreachable_server_raises_after_the_bound(tmp_path):
    with FakeWikibase() as server:
        url = server.api_url
    resolver = Resolver(
        wikibase_api=url, use_cache=False, sleep=Sleeps(), base_delay=0, max_retries=1, timeout=2
    )
    with pytest.raises(ResolverError, match="gave up after 2 attempts"):
        resolver.find_by_sitelink("enwiki", "Google")


# -- cache -----------------------------------------------------------------------------------


def test_cache_answers_the_second_time(fake, tmp_path):
    first, _ = make(fake, tmp_path)
    first.resolve_values([ItemValue(t, from_wikilink=True) for t in ("Google", "NYC", "Gone")])
    first.close()
    count = len(fake.requests)
    assert count == 3  # one batch, then NYC and Gone alone
    second, _ = make(fake, tmp_path)
    values = second.resolve_values(
        [ItemValue(t, from_wikilink=True) for t in ("Google", "NYC", "Gone")]
    )
    assert [v.qid for v in values] == ["Q95", "Q60", None]
    assert len(fake.requests) == count
    assert second.requests_made == 0
    assert second.unresolved[0].name == "Gone"


def test_cache_is_keyed_by_api_url(fake, tmp_path):
    first, _ = make(fake, tmp_path)
    first.find_by_sitelink("enwiki", "Google")
    other, _ = make(fake, tmp_path, wikibase_api=fake.api_url + "?other=1")
    other.find_by_sitelink("enwiki", "Google")
    assert len(wbgetentities(fake)) == 2


def test_offline_uses_only_the_cache(fake, tmp_path):
    online, _ = make(fake, tmp_path)
    online.find_by_sitelink("enwiki", "Google")
    online.close()
    offline = Resolver(
        wikibase_api=fake.api_url,
        cache_path=tmp_path / "cache.sqlite3",
        offline=True,
        session=NoNetwork(),
    )
    values = offline.resolve_values(
        [ItemValue("Google", from_wikilink=True), ItemValue("NYC", from_wikilink=True)]
    )
    assert [v.qid for v in values] == ["Q95", None]
    assert offline.unresolved == [Unresolved("NYC", "offline and not in cache", True)]


def test_default_cache_lives_under_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    resolver = Resolver(session=NoNetwork(), offline=True)
    resolver.resolve_values([ItemValue("company")])
    assert not (tmp_path / ".cache").exists()  # names alone never open the cache
    resolver.resolve_values([ItemValue("Google", from_wikilink=True)])
    resolver.close()
    assert (tmp_path / ".cache" / "wikiconv" / "resolver.sqlite3").is_file()


# -- entities --------------------------------------------------------------------------------


def test_fetch_claims_follows_redirects_and_reports_missing(tmp_path):
    claim = {
        "mainsnak": {
            "snaktype": "value",
            "property": "P31",
            "datavalue": {
                "type": "wikibase-entityid",
                "value": {"entity-type": "item", "id": "Q5"},
            },
        },
        "type": "statement",
        "id": "Q42$abc",
        "rank": "normal",
    }
    with FakeWikibase(
        {"Q42": {"labels": {"en": "Douglas Adams"}, "claims": {"P31": [claim]}}},
        entity_redirects={"Q100": "Q42"},
    ) as server:
        resolver, _ = make(server, tmp_path)
        entity = resolver.fetch_claims("Q42")
        assert entity["claims"]["P31"][0]["id"] == "Q42$abc"
        assert entity["labels"]["en"]["value"] == "Douglas Adams"
        redirected = resolver.fetch_claims("Q100")
        assert redirected["id"] == "Q42"
        assert redirected["redirects"] == {"from": "Q100", "to": "Q42"}
        params = wbgetentities(server)[0]
        assert set(params["props"].split("|")) == {
            "claims",
            "labels",
            "aliases",
            "descriptions",
            "sitelinks",
        }
        with pytest.raises(ResolverError, match="no such entity"):
            resolver.fetch_claims("Q7")
        with pytest.raises(ResolverError, match="not a QID"):
            resolver.fetch_claims("Douglas Adams")


def test_normalize_title():
    assert normalize_title("new_york  city ") == "New york city"
    assert normalize_title(":foo") == "Foo"
    assert normalize_title("iPhone") == "IPhone"
    assert normalize_title("word", site="enwiktionary") == "word"


def test_requests_is_imported_lazily():
    code = (
        "import sys, wikiconv.statements.resolve, wikiconv.statements.quickstatements, "
        "wikiconv.statements.wikibase_json, wikiconv.statements.dedupe; "
        "assert 'requests' not in sys.modules, 'requests imported at module import'"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
