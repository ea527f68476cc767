"""The hybrid (Markdown) writer: escaping, blocks, islands, front matter, citation list."""

from __future__ import annotations

import pytest
import yaml

from wikiconv import model as m
from wikiconv.citations.from_wikitext import citations_in_wikitext
from wikiconv.citations.reference_parser import parse_reference
from wikiconv.citations.reference_style import format_reference
from wikiconv.readers.hybrid import read_hybrid as read_hybrid_full
from wikiconv.readers.wikitext import read_wikitext
from wikiconv.writers import markdown_escape as esc
from wikiconv.writers.markdown import write_markdown


def md(*blocks: m.Block, **kwargs: object) -> str:
    return write_markdown(m.Document(blocks=list(blocks), **kwargs))  # type: ignore[arg-type]


def para(*inlines: m.Inline) -> m.Paragraph:
    return m.Paragraph(list(inlines))


@pytest.mark.parametrize(
    "text",
    [
        "*not emphasis*",
        "snake_case and _x_",
        "`tick`",
        "[not a link](x)",
        "<span> & &amp; ",
        "{{not a template}}",
        "[[not a link]]",
        "__NOTOC__",
        "~~not struck~~",
        "http://example.org and www.example.org",
        "me@example.org",
        "back\\slash",
        "1. not a list",
        "# not a heading",
    ],
)
def test_text_reads_back_as_the_same_text(text: str) -> None:
    doc = read_hybrid_full(md(para(m.Text(text))))
    assert doc.blocks == [para(m.Text(text))]


def test_escaping_is_minimal() -> None:
    assert esc.escape_text("plain words, 3.5 > 2") == "plain words, 3.5 > 2"
    assert esc.escape_text("snake_case") == "snake_case"
    assert esc.escape_text("a & b") == "a & b"


def test_line_starts_and_ends() -> None:
    assert esc.escape_line_start("# x") == "\\# x"
    assert esc.escape_line_start("- x") == "\\- x"
    assert esc.escape_line_start("1. x") == "1\\. x"
    assert esc.escape_line_start("===") == "\\==="
    assert esc.escape_line_start("  x") == "&#32;&#32;x"
    assert esc.escape_line_end("x  ") == "x&#32;&#32;"


def test_code_spans_pick_their_fence() -> None:
    assert esc.code_span("a`b") == "``a`b``"
    assert esc.code_span("`a") == "`` `a ``"
    assert esc.code_span(" a ") == "`  a  `"


def test_blocks() -> None:
    text = md(
        m.Heading(2, [m.Text("Head")]),
        para(m.Emph([m.Text("em")]), m.Text(" "), m.Strong([m.Text("strong")])),
        m.CodeBlock("x = 1\n```", "python"),
        m.BulletList([m.ListItem([para(m.Text("a"))]), m.ListItem([para(m.Text("b"))])]),
        m.OrderedList([m.ListItem([para(m.Text("c"))])], start=3),
        m.Table([[m.Text("h|1")]], ["center"], [[[m.Text("c")]]]),
        m.BlockQuote([para(m.Text("q"))]),
    )
    assert text == (
        "## Head\n\n*em* **strong**\n\n````python\nx = 1\n```\n````\n\n- a\n- b\n\n3. c\n\n"
        "| h\\|1 |\n| :---: |\n| c |\n\n> q\n"
    )


def test_wiki_constructs() -> None:
    text = md(
        para(
            m.WikiLink("Page", [m.Text("label")], "s"),
            m.Text(" "),
            m.Template("t", "{{t|a=1}}"),
            m.Ref("n", [m.Text("note")]),
            m.Ref("n", None),
            m.Link("https://a.org", [m.Text("A")]),
            m.Text(" "),
            m.Link("https://b.org", [m.Text("https://b.org")], autolink=True),
        )
    )
    assert text == (
        '[[Page|label]]s {{t|a=1}}<ref name="n">note</ref><ref name="n" />'
        "[A](https://a.org) <https://b.org>\n"
    )


def test_link_trail_is_stopped_when_the_link_has_none() -> None:
    text = md(para(m.WikiLink("Page"), m.Text("ly")))
    assert text == "[[Page]]<nowiki/>ly\n"
    assert read_hybrid_full(text).blocks == [para(m.WikiLink("Page"), m.Text("ly"))]


def test_islands() -> None:
    text = md(m.WikiBlock(";term\n: def"), para(m.RawWikitext("<math>x</math>")))
    assert text == "```{=mediawiki}\n;term\n: def\n```\n\n`<math>x</math>`{=mediawiki}\n"
    assert read_hybrid_full(text).blocks == [
        m.WikiBlock(";term\n: def"),
        para(m.RawWikitext("<math>x</math>")),
    ]


def test_block_templates_and_wiki_tables_stay_bare() -> None:
    text = md(m.WikiBlock("{{Navbox\n| a = 1\n}}"), m.WikiBlock("{|\n| a\n|}"))
    assert text == "{{Navbox\n| a = 1\n}}\n\n{|\n| a\n|}\n"


def test_adjacent_lists_change_their_marker() -> None:
    one = m.BulletList([m.ListItem([para(m.Text("a"))])])
    two = m.BulletList([m.ListItem([para(m.Text("b"))])])
    assert md(one, two) == "- a\n\n* b\n"


def test_front_matter_title_categories_revision_and_infobox() -> None:
    infobox = m.WikiBlock("{{Infobox company\n| name = Acme\n| founded = 1999\n}}")
    doc = m.Document(
        blocks=[infobox, para(m.Text("Body"))],
        title="Acme",
        categories=[m.Category("Companies"), m.Category("Firms", "Acme")],
        meta={"revision": {"id": 42, "timestamp": "2026-01-02T03:04:05Z"}},
    )
    text = write_markdown(doc)
    head, body = text.split("---\n", 2)[1:]
    front = yaml.safe_load(head)
    assert front == {
        "title": "Acme",
        "categories": ["Companies", "Firms|Acme"],
        "infobox": {"template": "Infobox company", "params": {"name": "Acme", "founded": "1999"}},
        "revision": {"id": 42, "timestamp": "2026-01-02T03:04:05Z"},
    }
    assert body.strip() == "Body"
    back = read_hybrid_full(text)
    assert back.blocks[0] == m.WikiBlock("{{Infobox company\n| name = Acme\n| founded = 1999\n}}")
    assert [c.name for c in back.categories] == ["Companies", "Firms"]


def test_citation_list_reads_back_with_the_reference_parser() -> None:
    wikitext = (
        "Text.<ref>{{cite news |last=Comlay |first=Elinor |title=Alsea to buy Walmex "
        "|work=Reuters |date=10 September 2013 |url=https://www.reuters.com/a "
        "|access-date=2014-06-26}}</ref>\n"
    )
    text = write_markdown(read_wikitext(wikitext))
    front = yaml.safe_load(text.split("---\n")[1])
    (line,) = front["references"]
    (original,) = citations_in_wikitext(wikitext)
    assert line == format_reference(original)
    back = parse_reference(line)
    assert [a.family for a in back.authors] == ["Comlay"]
    assert back.title == original.title
    assert back.container == original.container
    assert back.date == original.date
    assert back.url == original.url
    assert back.access_date == original.access_date
