"""QuickStatements V1 and CSV writers, checked line by line by a strict parser."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.quickstatements_syntax import (
    Command,
    QSSyntaxError,
    parse_csv,
    parse_v1,
    references,
)
from wikiconv.statements.quickstatements import (
    Skipped,
    write_quickstatements,
    write_quickstatements_csv,
)
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    MonolingualValue,
    Provenance,
    QuantityValue,
    Reference,
    Statement,
    StringValue,
    TimeValue,
)

ARTICLE_URL = "https://en.wikipedia.org/w/index.php?title=Runway_(company)&oldid=1"
TC_URL = "https://techcrunch.com/2018/runway"


def imported() -> Reference:
    """The reference a bot import from English Wikipedia carries."""
    return Reference(
        [("P143", ItemValue("English Wikipedia", "Q328")), ("P4656", StringValue(ARTICLE_URL))]
    )


def runway_draft() -> EntityDraft:
    """A resolved draft of the sample article's subject, with one unresolved statement."""
    cited = Reference(
        [
            ("P854", StringValue(TC_URL)),
            ("P1476", MonolingualValue('Runway raises "seed" round')),
            ("P577", TimeValue(2018, 12, 5, precision=11)),
            ("P123", ItemValue("TechCrunch")),  # unresolved: dropped from the reference
        ]
    )
    where = Provenance("runway.md", 3, 1, "Runway ... is an American [[artificial intelligence]]")
    return EntityDraft(
        labels={"en": "Runway"},
        descriptions={"en": "American artificial intelligence company"},
        aliases={"en": ["Runway AI, Inc.", "Runway AI"]},
        sitelinks={"enwiki": "Runway (company)"},
        statements=[
            Statement("P31", ItemValue("company", "Q783794"), [imported()], where),
            Statement("P17", ItemValue("American", "Q30"), [imported()], where),
            Statement(
                "P452", ItemValue("artificial intelligence", "Q11660", True), [imported()], where
            ),
            Statement("P571", TimeValue(2018, precision=9), [cited, imported()], where),
            Statement("P159", ItemValue("New York City"), [imported()], where),  # unresolved
            Statement(
                "P1128",
                QuantityValue("+120"),
                [imported()],
                qualifiers=[("P585", TimeValue(2024, 6, precision=10))],
            ),
            Statement("P2139", QuantityValue("84000000", ItemValue("US dollar", "Q4917"))),
            Statement("P856", StringValue("https://runwayml.com")),
            Statement("P1448", MonolingualValue("Runway AI, Inc.")),
        ],
    )


def test_v1_output_is_exact():
    skipped: list[Skipped] = []
    text = write_quickstatements([runway_draft()], skipped=skipped)
    imp = f'S143\tQ328\tS4656\t"{ARTICLE_URL}"'
    assert text.splitlines() == [
        "CREATE",
        'LAST\tLen\t"Runway"',
        'LAST\tDen\t"American artificial intelligence company"',
        'LAST\tAen\t"Runway AI, Inc."',
        'LAST\tAen\t"Runway AI"',
        'LAST\tSenwiki\t"Runway (company)"',
        f"LAST\tP31\tQ783794\t{imp}",
        f"LAST\tP17\tQ30\t{imp}",
        f"LAST\tP452\tQ11660\t{imp}",
        f'LAST\tP571\t+2018-00-00T00:00:00Z/9\tS854\t"{TC_URL}"'
        '\tS1476\ten:"Runway raises "seed" round"\tS577\t+2018-12-05T00:00:00Z/11',
        f"LAST\tP571\t+2018-00-00T00:00:00Z/9\t{imp}",
        f"LAST\tP1128\t+120\tP585\t+2024-06-00T00:00:00Z/10\t{imp}",
        "LAST\tP2139\t+84000000U4917",
        'LAST\tP856\t"https://runwayml.com"',
        'LAST\tP1448\ten:"Runway AI, Inc."',
    ]
    assert text.endswith("\n")
    assert [(s.property, s.part, s.reason) for s in skipped] == [
        ("P571/P123", "reference snak", "unresolved item 'TechCrunch'"),
        ("P159", "statement", "unresolved item 'New York City'"),
    ]
    assert skipped[1].statement is not None
    assert skipped[1].statement.provenance.source_name == "runway.md"


def test_v1_output_passes_the_strict_parser():
    commands = parse_v1(write_quickstatements([runway_draft()]))
    assert commands[0].action == "create"
    assert {c.entity for c in commands[1:]} == {"LAST"}
    statements = [c for c in commands if c.action == "statement"]
    assert [c.property for c in statements] == [
        "P31", "P17", "P452", "P571", "P571", "P1128", "P2139", "P856", "P1448",
    ]  # fmt: skip
    p571 = [c for c in statements if c.property == "P571"]
    assert [[p for p, _ in c.sources] for c in p571] == [
        ["P854", "P1476", "P577"],
        ["P143", "P4656"],
    ]


def test_unresolved_item_never_becomes_a_qid():
    text = write_quickstatements([runway_draft()])
    assert "P159" not in text
    assert "None" not in text
    assert "New York City" not in text
    assert "S123" not in text  # the unresolved publisher snak is dropped, its reference kept
    assert "S854" in text


def test_existing_item_uses_its_qid():
    draft = runway_draft()
    draft.qid = "Q123456"
    commands = parse_v1(write_quickstatements([draft]))
    assert all(c.action != "create" for c in commands)
    assert {c.entity for c in commands} == {"Q123456"}


def test_several_drafts_each_create_their_item():
    first = EntityDraft(labels={"en": "A"}, statements=[Statement("P31", ItemValue("x", "Q5"))])
    second = EntityDraft(qid="Q9", statements=[Statement("P31", ItemValue("y", "Q6"))])
    third = EntityDraft(labels={"en": "C"})
    text = write_quickstatements([first, second, third])
    assert text == ('CREATE\nLAST\tLen\t"A"\nLAST\tP31\tQ5\nQ9\tP31\tQ6\nCREATE\nLAST\tLen\t"C"\n')
    parse_v1(text)


def test_empty_new_item_is_not_created():
    skipped: list[Skipped] = []
    assert write_quickstatements([EntityDraft()], skipped=skipped) == ""
    assert skipped[0].part == "item"
    assert write_quickstatements([EntityDraft(qid="Q1")]) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (TimeValue(2003, precision=9), "+2003-00-00T00:00:00Z/9"),
        (TimeValue(2003, 4, 9, precision=9), "+2003-00-00T00:00:00Z/9"),
        (TimeValue(2003, 4, 9, precision=10), "+2003-04-00T00:00:00Z/10"),
        (TimeValue(2003, 4, 9, precision=11), "+2003-04-09T00:00:00Z/11"),
        (TimeValue(-44, 3, 15, precision=11), "-0044-03-15T00:00:00Z/11"),
        (QuantityValue("+120"), "+120"),
        (QuantityValue("120"), "+120"),
        (QuantityValue("-3.50"), "-3.50"),
        (QuantityValue("1e3"), "+1000"),
        (QuantityValue("4", ItemValue("kilogram", "Q11570")), "+4U11570"),
        (StringValue('He said "hi" twice'), '"He said "hi" twice"'),
        (StringValue('"quoted"'), '""quoted""'),
        (MonolingualValue("Bonjour", "fr"), 'fr:"Bonjour"'),
        (MonolingualValue("Hallo", "de-ch"), 'de-ch:"Hallo"'),
        (ItemValue("anything", "Q42"), "Q42"),
    ],
)
def test_value_forms(value, expected):
    text = write_quickstatements([EntityDraft(qid="Q1", statements=[Statement("P1", value)])])
    assert text == f"Q1\tP1\t{expected}\n"
    parse_v1(text)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (StringValue("tab\there"), "tab"),
        (StringValue("two\nlines"), "line break"),
        (StringValue(" padded"), "blanks"),
        (StringValue(""), "empty"),
        (StringValue('""both""'), '""'),
        (MonolingualValue("x", "EN"), "language"),
        (QuantityValue("4,000"), "not a number"),
        (QuantityValue("NaN"), "not finite"),
        (QuantityValue("4", ItemValue("kilogram")), "unresolved item 'kilogram'"),
        (ItemValue("Somebody"), "unresolved item 'Somebody'"),
        (ItemValue("Fake", "Q0"), "not a QID"),
    ],
)
def test_unwritable_values_are_skipped_with_a_reason(value, reason):
    skipped: list[Skipped] = []
    draft = EntityDraft(qid="Q1", statements=[Statement("P1", value), Statement("P2", value)])
    assert write_quickstatements([draft], skipped=skipped) == ""
    assert [s.property for s in skipped] == ["P1", "P2"]
    assert all(reason in s.reason for s in skipped)


def test_unresolved_item_qualifier_skips_the_statement():
    skipped: list[Skipped] = []
    draft = EntityDraft(
        qid="Q1",
        statements=[
            Statement("P39", ItemValue("mayor", "Q30185"), qualifiers=[("P642", ItemValue("Town"))])
        ],
    )
    assert write_quickstatements([draft], skipped=skipped) == ""
    assert "qualifier P642" in skipped[0].reason


def test_unwritable_terms_are_skipped():
    skipped: list[Skipped] = []
    draft = EntityDraft(labels={"en": "Fine", "EN": "Bad code"}, descriptions={"en": " x"})
    text = write_quickstatements([draft], skipped=skipped)
    assert text == 'CREATE\nLAST\tLen\t"Fine"\n'
    assert sorted(s.part for s in skipped) == ["description", "label"]


@given(st.text(max_size=40))
def test_any_string_is_written_exactly_or_skipped(text):
    skipped: list[Skipped] = []
    out = write_quickstatements(
        [EntityDraft(qid="Q1", statements=[Statement("P1", StringValue(text))])], skipped=skipped
    )
    if skipped:
        assert out == ""
        return
    (command,) = parse_v1(out)
    assert command.value is not None
    assert command.value.text == f'"{text}"'
    # QuickStatements' own rule: the string is everything between the first and last quote.
    assert command.value.text[1:-1] == text


def test_strict_parser_rejects_bad_lines():
    bad = [
        "LAST\tP31\tQ5\n",  # LAST before CREATE
        "Q1\tP31\tQ5",  # no final newline
        "Q1\tP31\tQ5\tS854\n",  # source without value
        'Q1\tP31\tQ5\tS854\t"u"\tP580\t+2000-00-00T00:00:00Z/9\n',  # qualifier after source
        "Q1\tP571\t+2003-01-01T00:00:00Z/9\n",  # month/day kept at year precision
        "Q1\tP571\t+2003-13-00T00:00:00Z/10\n",
        "Q1\tP571\t+2003-02-30T00:00:00Z/11\n",
        "Q1\tP571\t+2003-02-03T00:00:00Z/8\n",
        "Q1\tP31\tNone\n",
        "Q1\tP31\tQ0\n",
        "Q1\tLen\tRunway\n",
        "Q1\tP1128\t1,000\n",
        'Q1\tP856\t" x"\n',
        "Q1\tX31\tQ5\n",
        "\n",
    ]
    for text in bad:
        with pytest.raises(QSSyntaxError):
            parse_v1(text)


# -- CSV -------------------------------------------------------------------------------------


def as_statements(commands: list[Command]) -> list[tuple[str, str, str, tuple, tuple]]:
    """Flatten V1 commands into (entity, property, value, qualifiers, references) per line."""
    out = []
    for c in commands:
        if c.action == "statement":
            assert c.value is not None
            out.append((c.entity, c.property, c.value.text, tuple(c.qualifiers), tuple(c.sources)))
    return out


def csv_statements(text: str) -> list[tuple[str, str, str, tuple, tuple]]:
    """Flatten CSV rows the same way, one entry per reference like V1 lines."""
    out = []
    for row in parse_csv(text):
        for c in row.commands:
            if c.action != "statement":
                continue
            assert c.value is not None
            for reference in references(c) or [[]]:
                out.append(
                    (c.entity, c.property, c.value.text, tuple(c.qualifiers), tuple(reference))
                )
    return out


def test_csv_passes_the_strict_parser_and_says_what_v1_says():
    draft = runway_draft()
    text = write_quickstatements_csv([draft])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "qid"
    assert len(rows) == 2  # one row per item
    assert rows[1][0] == ""  # an empty qid creates the item
    assert csv_statements(text) == as_statements(parse_v1(write_quickstatements([draft])))
    header = rows[0]
    assert header[1:6] == ["Len", "Den", "Aen", "Aen", "Senwiki"]
    assert rows[1][1:6] == [
        "Runway",
        "American artificial intelligence company",
        "Runway AI, Inc.",
        "Runway AI",
        "Runway (company)",
    ]
    start = header.index("P571")
    assert header[start : start + 6] == ["P571", "S854", "s1476", "s577", "S143", "s4656"]
    assert "qal585" in header
    # a V1 string in a cell gets CSV quoting: three quotes each side
    assert '"""https://runwayml.com"""' in text.splitlines()[1]


def test_csv_several_items_share_a_header():
    drafts = [
        runway_draft(),
        EntityDraft(
            qid="Q95",
            labels={"en": "Google"},
            statements=[
                Statement("P31", ItemValue("company", "Q783794"), [imported()]),
                Statement("P159", ItemValue("Mountain View", "Q486860")),
            ],
        ),
        EntityDraft(labels={"en": "1984"}, statements=[Statement("P31", ItemValue("x", "Q5"))]),
    ]
    text = write_quickstatements_csv(drafts)
    rows = parse_csv(text)
    assert [r.qid for r in rows] == ["", "Q95", ""]
    assert csv_statements(text) == as_statements(parse_v1(write_quickstatements(drafts)))
    # a term that would read as a number is written as a V1 string
    labels = [c for r in rows for c in r.commands if c.action == "label"]
    assert [c.value.text for c in labels if c.value] == ["Runway", "Google", "1984"]
    assert '"""1984"""' in text
    # every row has every column
    widths = {len(r) for r in csv.reader(io.StringIO(text))}
    assert len(widths) == 1


def test_csv_with_an_existing_item_and_two_references():
    statement = Statement(
        "P571",
        TimeValue(2018, precision=9),
        [Reference([("P854", StringValue(TC_URL))]), imported()],
    )
    text = write_quickstatements_csv([EntityDraft(qid="Q7", statements=[statement])])
    assert text.splitlines() == [
        "qid,P571,S854,S143,s4656",
        f'Q7,+2018-00-00T00:00:00Z/9,"""{TC_URL}""",Q328,"""{ARTICLE_URL}"""',
    ]


def test_csv_strict_parser_rejects_bad_tables():
    bad = [
        "QID,P31\nQ1,Q5\n",
        'qid,S854,P31\nQ1,"""u""",Q5\n',
        'qid,P31,s854\nQ1,Q5,"""u"""\n',
        "qid,P31\nQ1\n",
        "qid,P31\nLAST,Q5\n",
        "qid,P31\nQ1,Company\n",
        'qid,P31,S854\nQ1,,"""u"""\n',
        "qid,Xen\nQ1,x\n",
    ]
    for text in bad:
        with pytest.raises(QSSyntaxError):
            parse_csv(text)
