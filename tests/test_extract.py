"""Statement extraction: the sample article, provenance, references, rules as data, eval targets."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.statement_scoring import evaluate, norm_value, totals
from wikiconv.api import parse
from wikiconv.statements.extract import ExtractionOptions, extract_statements
from wikiconv.statements.references import ImportSource
from wikiconv.statements.rules import RuleError, check_rules, load_rules
from wikiconv.statements.sentences import document_sentences
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    MonolingualValue,
    StringValue,
    TimeValue,
)
from wikiconv.statements.values import parse_date

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "runway.md"

# Exactly what the sample yields; anything else would be a false statement.
SAMPLE_STATEMENTS = {
    ("P31", "company"),
    ("P17", "united states"),
    ("P571", "2018"),
    ("P159", "new york city"),
    ("P112", "cristóbal valenzuela"),
    ("P112", "alejandro matamala"),
    ("P112", "anastasis germanidis"),
    ("P1951", "google"),
    ("P1951", "nvidia"),
    ("P1951", "andreessen horowitz"),
    ("P1951", "lux capital"),
}


def extract(text: str, **kwargs: object) -> EntityDraft:
    """Extract from a text (no network: offline resolution only)."""
    return extract_statements(parse(text, source_name="t.md"), **kwargs)  # type: ignore[arg-type]


def pairs(draft: EntityDraft) -> set[tuple[str, str]]:
    """Return the (property, normalised value) pairs of a draft."""
    return {(s.property, norm_value(s.value)) for s in draft.statements}


@pytest.fixture(scope="module")
def sample() -> EntityDraft:
    """The sample article's draft."""
    text = SAMPLE.read_text(encoding="utf-8")
    return extract_statements(parse(text, source_name="samples/runway.md"))


def statement(draft: EntityDraft, prop: str, name: str | None = None):  # type: ignore[no-untyped-def]
    """Return the one statement with this property (and item name)."""
    found = [
        s
        for s in draft.statements
        if s.property == prop
        and (name is None or (isinstance(s.value, ItemValue) and s.value.name == name))
    ]
    assert len(found) == 1, (prop, name, found)
    return found[0]


# -- the sample --------------------------------------------------------------------------------


def test_sample_terms(sample: EntityDraft) -> None:
    assert sample.labels == {"en": "Runway"}
    assert sample.aliases == {"en": ["Runway AI, Inc."]}
    assert sample.descriptions == {"en": "American artificial intelligence company"}
    assert sample.sitelinks == {"enwiki": "Runway"}
    assert sample.qid is None


def test_sample_yields_exactly_the_intended_statements(sample: EntityDraft) -> None:
    assert pairs(sample) == SAMPLE_STATEMENTS
    assert len(sample.statements) == len(SAMPLE_STATEMENTS)


def test_sample_classes_resolve_offline(sample: EntityDraft) -> None:
    assert statement(sample, "P31").value == ItemValue("company", "Q783794")
    assert statement(sample, "P17").value == ItemValue("United States", "Q30")


def test_sample_inception_year_precision(sample: EntityDraft) -> None:
    value = statement(sample, "P571").value
    assert value == TimeValue(2018, precision=9)
    assert value.wikibase_time == "+2018-00-00T00:00:00Z"


def test_sample_founders_and_investors(sample: EntityDraft) -> None:
    founders = [s.value for s in sample.statements if s.property == "P112"]
    assert [v.name for v in founders] == [  # type: ignore[union-attr]
        "Cristóbal Valenzuela",
        "Alejandro Matamala",
        "Anastasis Germanidis",
    ]
    assert not any(v.from_wikilink for v in founders)  # type: ignore[union-attr]
    investors = [s.value for s in sample.statements if s.property == "P1951"]
    assert investors == [
        ItemValue(n, from_wikilink=True)
        for n in ("Google", "NVIDIA", "Andreessen Horowitz", "Lux Capital")
    ]
    assert statement(sample, "P159").value == ItemValue("New York City")


def test_sample_provenance(sample: EntityDraft) -> None:
    founded = statement(sample, "P571").provenance
    assert (founded.source_name, founded.line, founded.column) == ("samples/runway.md", 3, 172)
    assert founded.sentence.startswith("Founded in 2018 and headquartered in New York City")
    assert founded.rule == "founded-in"
    assert statement(sample, "P159").provenance.rule == "headquartered-in"
    founder = statement(sample, "P112", "Alejandro Matamala").provenance
    assert (founder.line, founder.column, founder.rule) == (7, 1, "founded-by")
    investor = statement(sample, "P1951", "Lux Capital").provenance
    assert (investor.line, investor.column) == (11, 107)
    assert (
        investor.sentence
        == "Investors include Google, NVIDIA, Andreessen Horowitz, and Lux Capital."
    )
    lead = statement(sample, "P31").provenance
    assert (lead.line, lead.column, lead.rule) == (3, 1, "lead:instance-of")


def test_sample_uncited_statements_get_the_import_reference(sample: EntityDraft) -> None:
    for st in sample.statements:
        assert st.unsourced
        assert [r.snaks for r in st.references] == [
            [
                ("P143", ItemValue("English Wikipedia", "Q328")),
                ("P4656", StringValue("https://en.wikipedia.org/wiki/Runway")),
            ]
        ]


def test_sample_distractors_give_nothing(sample: EntityDraft) -> None:
    names = {s.value.name for s in sample.statements if isinstance(s.value, ItemValue)}
    assert not names & {"Stability AI", "Stable Diffusion", "Lionsgate", "New York University"}
    assert not any(s.property == "P577" for s in sample.statements)


def test_sample_is_fast() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    doc = parse(text)
    extract_statements(doc)  # load the rule table and word lists once
    best = min(_timed(lambda: extract_statements(doc)) for _ in range(5))
    assert best < 0.25, f"{best * 1000:.1f} ms"  # typically ~5 ms; the target is 50 ms


def _timed(func) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def test_no_network_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from wikiconv.statements import resolve

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(resolve.Resolver, "_get", refuse)
    draft = extract_statements(parse(SAMPLE.read_text(encoding="utf-8")))
    assert statement(draft, "P17").value.qid == "Q30"


# -- references --------------------------------------------------------------------------------

CITED = """# Acme

**Acme** is an American [[software company]]. Acme was founded in 2001 by Jane Roe.<ref>{{cite web \
|url=https://example.com/acme |title=About Acme |date=2019-05-03 |publisher=Acme Press \
|access-date=2020-01-02}}</ref> It is headquartered in [[Denver]].[1] Its investors include \
[[Foo Capital]].[^f] Acme is owned by [[Bar Holdings]].<ref name="n"/>

## History

Acme was later based in Denver.<ref name="n">Roe, Jane. "The Acme story." ''Denver Post'', \
March 4, 2011. https://example.org/story</ref>

[^f]: Smith, A. "Foo invests." ''Example News'', June 2018.

## References

1. Doe, J. "Acme moves." ''Denver Daily'', 12 May 2015. https://example.net/moves
"""


def test_cited_sentence_gives_its_citation() -> None:
    draft = extract(CITED)
    founded = statement(draft, "P571")
    assert not founded.unsourced
    assert len(founded.references) == 1
    snaks = dict(founded.references[0].snaks)
    assert snaks["P854"] == StringValue("https://example.com/acme")
    assert snaks["P1476"] == MonolingualValue("About Acme", "en")
    assert snaks["P577"] == TimeValue(2019, 5, 3, precision=11)
    assert snaks["P123"] == ItemValue("Acme Press")
    assert snaks["P813"] == TimeValue(2020, 1, 2, precision=11)
    assert statement(draft, "P112").references == founded.references


def test_numeric_marker_footnote_and_named_ref() -> None:
    draft = extract(CITED)
    hq = statement(draft, "P159")
    assert dict(hq.references[0].snaks)["P854"] == StringValue("https://example.net/moves")
    assert dict(hq.references[0].snaks)["P577"] == TimeValue(2015, 5, 12, precision=11)
    assert len(hq.references) == 2  # "based in Denver" again, with the named ref
    investor = statement(draft, "P1951")
    assert dict(investor.references[0].snaks)["P1476"] == MonolingualValue("Foo invests")
    assert dict(investor.references[0].snaks)["P577"] == TimeValue(2018, 6, precision=10)
    owner = statement(draft, "P127")  # <ref name="n"/> before its definition
    assert dict(owner.references[0].snaks)["P854"] == StringValue("https://example.org/story")
    assert not owner.unsourced


def test_import_reference_is_configurable() -> None:
    options = ExtractionOptions(
        site="dewiki",
        language="de",
        import_source=ImportSource("Q48183", "German Wikipedia", "https://de.wikipedia.org/wiki/"),
    )
    draft = extract(
        "# Foo Bar (Firma)\n\n**Foo Bar** ist etwas. Foo Bar was founded in 1999.\n",
        options=options,
    )
    assert draft.sitelinks == {"dewiki": "Foo Bar (Firma)"}
    assert draft.labels == {"de": "Foo Bar"}
    assert statement(draft, "P571").references[0].snaks == [
        ("P143", ItemValue("German Wikipedia", "Q48183")),
        ("P4656", StringValue("https://de.wikipedia.org/wiki/Foo_Bar_(Firma)")),
    ]


# -- dates, lists, subjects ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2018", TimeValue(2018, precision=9)),
        ("December 2022", TimeValue(2022, 12, precision=10)),
        ("December 11, 2025", TimeValue(2025, 12, 11, precision=11)),
        ("11 December 2025", TimeValue(2025, 12, 11, precision=11)),
        ("2025-12-11", TimeValue(2025, 12, 11, precision=11)),
        ("February 30, 2020", None),
    ],
)
def test_parse_date_keeps_precision(text: str, value: TimeValue | None) -> None:
    assert parse_date(text) == value


def test_dates_in_prose_keep_precision() -> None:
    draft = extract(
        "# Acme\n\n**Acme** is a company. Acme was founded in December 2022.\n\n# Zed (film)\n"
    )
    assert statement(draft, "P571").value == TimeValue(2022, 12, precision=10)
    film = extract(
        "# Zed (film)\n\n**Zed** is a 2025 [[thriller film]]. It was released on "
        "December 11, 2025.\n"
    )
    assert statement(film, "P577").value == TimeValue(2025, 12, 11, precision=11)
    assert statement(film, "P577").value.wikibase_time == "+2025-12-11T00:00:00Z"


def test_subject_checks() -> None:
    draft = extract(
        "# Acme\n\n**Acme** is an American company. Acme partnered with [[Foo]], founded in "
        "1990 and based in Rome. Acme acquired [[Gamma]], which was founded in 2001 by Bo Li. "
        "[[Zeta]] was founded in 1960. Acme was not founded in 1980. Acme was founded by Google "
        "engineers. Acme, founded in 1999, is based in [[Berlin]].\n"
    )
    assert pairs(draft) == {
        ("P31", "company"),
        ("P17", "united states"),
        ("P571", "1999"),
        ("P159", "berlin"),
    }


def test_pronouns_follow_the_subject() -> None:
    draft = extract(
        "# Jane Roe\n\n**Jane Roe** (born 3 May 1970) is a British physicist. Her father was "
        "born in 1941. She married John Doe in 1995; he died in 2010 in Paris. Roe was born in "
        "[[Leeds]]. She died in [[London]] on 5 June 2020.\n"
    )
    assert pairs(draft) == {
        ("P31", "human"),
        ("P106", "physicist"),
        ("P27", "united kingdom"),
        ("P569", "1970-05-03"),
        ("P19", "leeds"),
        ("P20", "london"),
        ("P570", "2020-06-05"),
    }


# -- explicit data -------------------------------------------------------------------------------

EXPLICIT = """---
title: Acme
wikidata:
  qid: Q4649876
  P571: 2018-03-01
  founded by: [Jane Roe, "[[John Doe]]"]
  P1128: 250
  P856: https://acme.example
  P169: Q42
---
**Acme** is a company.

| property | value |
|---|---|
| headquarters | [[Denver]] |
| P1082 | 1,000 |

It was founded with [[P112::Ann Lee|Ann]] as its first engineer.
"""


def test_front_matter_table_and_annotation() -> None:
    notes: list[str] = []
    draft = extract(EXPLICIT, notes=notes)
    assert draft.qid == "Q4649876"
    assert pairs(draft) >= {
        ("P571", "2018-03-01"),
        ("P112", "jane roe"),
        ("P112", "john doe"),
        ("P112", "ann lee"),
        ("P1128", "250"),
        ("P856", "https://acme.example"),
        ("P169", "q42"),
        ("P159", "denver"),
        ("P1082", "1000"),
        ("P31", "company"),
    }
    assert statement(draft, "P169").value == ItemValue("Q42", "Q42")
    assert statement(draft, "P112", "John Doe").value.from_wikilink
    annotation = statement(draft, "P112", "Ann Lee")
    assert annotation.provenance.rule == "annotation"
    assert annotation.provenance.line == 18
    assert statement(draft, "P159").provenance.rule == "table"
    assert statement(draft, "P571").provenance.rule == "front-matter"
    assert notes == []


# -- rules as data -----------------------------------------------------------------------------

LISTED = "# Acme\n\n**Acme** is a company. Acme is listed on the [[Oslo Stock Exchange]].\n"


def test_user_rule_file(tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(
        json.dumps(
            {
                "rules": [
                    {
                        "id": "listed-on",
                        "patterns": [r"\blisted\s+on\s+{exchange}"],
                        "slots": {"exchange": {"kind": "item", "property": "P414"}},
                        "classes": ["organization"],
                    },
                    {"id": "founded-in", "disabled": True},
                ]
            }
        ),
        encoding="utf-8",
    )
    assert ("P414", "oslo stock exchange") not in pairs(extract(LISTED))
    draft = extract(LISTED + "Acme was founded in 1999.\n", extra_rules=[rules])
    assert ("P414", "oslo stock exchange") in pairs(draft)
    assert statement(draft, "P414").provenance.rule == "listed-on"
    assert not any(s.property == "P571" for s in draft.statements)  # switched off
    via_options = extract(LISTED, options=ExtractionOptions(extra_rules=[rules]))
    assert ("P414", "oslo stock exchange") in pairs(via_options)


def test_bad_rule_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": [{"id": "x", "patterns": ["(unclosed"], "slots": {}}]}')
    with pytest.raises(RuleError):
        load_rules([bad])
    bad.write_text('{"rules": [{"patterns": ["x"]}]}')
    with pytest.raises(RuleError):
        load_rules([bad])


def test_shipped_rule_table_is_data() -> None:
    data = json.loads((ROOT / "wikiconv/statements/data/rules.json").read_text("utf-8"))
    ids = {r["id"] for r in data["rules"]}
    assert {
        "founded-in",
        "founded-by",
        "headquartered-in",
        "investors-include",
        "born",
        "died",
        "directed-by",
        "developed-by",
        "created-by",
        "released",
        "employees",
        "ceo-is",
        "owned-by",
        "written-in",
        "located-in",
        "population",
        "starring",
    } <= ids
    assert len(load_rules().rules) == len(data["rules"])
    check_rules(load_rules())  # every shipped pattern compiles


# -- sentences -----------------------------------------------------------------------------------


def test_sentence_splitter_keeps_abbreviations_and_lines() -> None:
    doc = parse(
        "# X\n\nAcme Inc. was founded by Dr. Jane Roe in the U.S. in 1990. It grew.\n"
        "The firm moved to\nDenver. Then J. R. Smith joined.[2] Fine.\n"
    )
    sentences = document_sentences(doc)
    assert [s.text for s in sentences] == [
        "Acme Inc. was founded by Dr. Jane Roe in the U.S. in 1990.",
        "It grew.",
        "The firm moved to Denver.",
        "Then J. R. Smith joined.",
        "Fine.",
    ]
    assert [(s.line, s.column) for s in sentences] == [(3, 1), (3, 60), (4, 1), (5, 9), (5, 37)]
    assert sentences[3].markers == ["2"]


# -- evaluation targets ------------------------------------------------------------------------


@pytest.mark.parametrize("split", ["train", "test"])
def test_eval_targets(split: str) -> None:
    scores = evaluate(split)
    assert len(scores) >= 2
    statements, terms = totals(scores)
    assert statements.precision >= 0.95, [(a.name, a.false_positives) for a in scores]
    assert statements.recall >= 0.85, [(a.name, a.missed) for a in scores]
    assert terms.precision >= 0.9 and terms.recall >= 0.9


def test_short_description_and_hatnote() -> None:
    draft = extract(
        "# Foo\n\n{{Short description|Japanese video game developer}}\n"
        "''For the band, see [[Foo (band)]].''\n\n"
        "**Foo** is a Japanese [[video game]] company. Foo was founded in 1990.\n"
    )
    assert draft.descriptions == {"en": "Japanese video game developer"}
    assert pairs(draft) == {("P31", "company"), ("P17", "japan"), ("P571", "1990")}


def test_replacement_rule_table(tmp_path: Path) -> None:
    table = tmp_path / "table.json"
    table.write_text(
        json.dumps(
            {
                "rules": [
                    {
                        "id": "listed-on",
                        "patterns": [r"\blisted\s+on\s+{exchange}"],
                        "slots": {"exchange": {"kind": "item", "property": "P414"}},
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    draft = extract(LISTED + "Acme was founded in 1999.\n", rules_path=table)
    assert pairs(draft) == {("P31", "company"), ("P414", "oslo stock exchange")}


def test_genre_modifiers_split_off_the_head_noun() -> None:
    band = pairs(extract("# Gull\n\n**Gull** is an Australian indie rock band formed in 2009.\n"))
    assert ("P31", "band") in band and ("P136", "indie rock") in band
    film = pairs(extract("# Moor\n\n**Moor** is a 2016 Irish drama film directed by Ann Roe.\n"))
    assert ("P31", "film") in film and ("P136", "drama film") in film
    plain = pairs(extract("# Quay\n\n**Quay** is a Norwegian shipbuilding company.\n"))
    assert not any(p == "P136" for p, _ in plain)


def test_band_formed_by_and_signed_after_a_lead_date() -> None:
    text = (
        "# Gull\n\n**Gull** is a band formed in 2009.\n\n## History\n\n"
        "Gull was formed by Ann Roe and Ben Lee, who had met in 2008. "
        "In 2011 the band signed with Lighthouse Sound, an independent label founded in 1996.\n"
    )
    found = pairs(extract(text))
    assert {("P112", "ann roe"), ("P112", "ben lee"), ("P264", "lighthouse sound")} <= found
    assert ("P571", "1996") not in found


def test_film_premiered_at_a_festival_and_released_in_national_cinemas() -> None:
    text = (
        "# Moor\n\n**Moor** is a 2016 film directed by Ann Roe.\n\n## Release\n\n"
        "Moor premiered at the [[Galway Film Fleadh]] on 8 July 2016. "
        "It was released in Irish cinemas on 14 October 2016.\n"
    )
    dates = {v for p, v in pairs(extract(text)) if p == "P577"}
    assert dates == {"2016-07-08", "2016-10-14"}


def test_founded_by_a_titled_founder() -> None:
    text = (
        "# Brenn\n\n**Brenn** is a town in [[Swabia]], Germany.\n\n## History\n\n"
        "The town was founded in 1282 by Count [[Ulrich I of Helfenstein]].\n"
    )
    assert ("P112", "ulrich i of helfenstein") in pairs(extract(text))


def test_after_clause_is_not_the_subject_before_its_comma() -> None:
    text = (
        "# Gull\n\n**Gull** is a band formed in 2009.\n\n## History\n\n"
        "After the band signed with Dew Process, Ann Roe signed with Tide Records.\n"
    )
    assert ("P264", "tide records") not in pairs(extract(text))
