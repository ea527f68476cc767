"""Text that looks like wiki markup must render as that very text (judged by the test wiki)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wikiconv
from tests.html_canon import structure, visible_text
from tests.wiki_server import TestWiki
from wikiconv import model as m
from wikiconv.writers.wikitext import write_wikitext

# Cases after MediaWiki's tests/parser/wtEscaping.txt: each must come back as plain text.
HAZARDS = [
    "''not italic''",
    "'''not bold'''",
    "[[Not a link]]",
    "[[Category:Not a category]]",
    "{{Not a template}}",
    "{{{param}}}",
    "{| not a table",
    "~~~~ signature",
    "__NOTOC__ and __TOC__",
    "[http://example.com not a link]",
    "free http://example.com text",
    "<b>not bold</b> and <ref>not a ref</ref>",
    "&amp; &copy; &#65; entities stay literal",
    "<!-- not a comment -->",
    "-{ language converter }-",
    "a ] and [ b",
    "x]]y[[z",
    "[[[triple]]]",
    "it's Runway's",
]
LINE_STARTS = ["* not a list", "# not a list", ": not indented", "; not a term", "----", "= x ="]


def _paragraph(text: str) -> m.Document:
    return m.Document(blocks=[m.Paragraph([m.Text(text)])])


def _rendered_text(wiki, docs: list[m.Document]) -> list[str]:
    texts = [write_wikitext(d).text for d in docs]
    return [visible_text(h) for h in wiki.render_many(texts)]


@pytest.mark.wiki
def test_hazards_render_as_text(wiki):
    cases = HAZARDS + LINE_STARTS
    got = _rendered_text(wiki, [_paragraph(c) for c in cases])
    assert got == [" ".join(c.split()) for c in cases]


@pytest.mark.wiki
def test_line_start_hazards_after_soft_break(wiki):
    docs = [
        m.Document(blocks=[m.Paragraph([m.Text("lead"), m.SoftBreak(), m.Text(c)])])
        for c in LINE_STARTS
    ]
    html = wiki.render_many([write_wikitext(d).text for d in docs])
    for case, page in zip(LINE_STARTS, html, strict=True):
        assert visible_text(page) == " ".join(f"lead {case}".split())
        assert [t for t in structure(page) if t.startswith("<")] == ["<p>", "</p>"]


@pytest.mark.wiki
def test_apostrophes_at_emphasis_boundaries(wiki):
    doc = m.Document(
        blocks=[
            m.Paragraph([m.Emph([m.Text("'quoted'")]), m.Text("'s")]),
            m.Paragraph([m.Strong([m.Emph([m.Text("both")])]), m.Emph([m.Text("it")])]),
            m.Paragraph([m.Emph([m.Text("a "), m.Emph([m.Text("b")])])]),
        ]
    )
    page = wiki.render(write_wikitext(doc).text)
    assert structure(page) == [
        "<p>", "<i>", '"\'quoted\'"', "</i>", '"\'s"', "</p>",
        "<p>", "<b>", "<i>", '"both"', "</i>", "</b>", "<i>", '"it"', "</i>", "</p>",
        "<p>", "<i>", '"a "', "<i>", '"b"', "</i>", "</i>", "</p>",
    ]  # fmt: skip


@pytest.mark.wiki
def test_link_trail_is_not_invented(wiki):
    doc = m.Document(blocks=[m.Paragraph([m.WikiLink("Model"), m.Text("less")])])
    wikitext = write_wikitext(doc).text
    page = wiki.render(wikitext)
    assert visible_text(page) == "Modelless"
    assert "<nowiki/>" in wikitext
    assert structure(page) == ["<p>", "<a>", '"Model"', "</a>", '"less"', "</p>"]


_ALPHABET = st.sampled_from(
    list("ab '[]{}|~_*#:;=-<>&!") + ["http://x.org", "__NOTOC__", "&amp;", "<b>", "\n"]
)


@pytest.mark.wiki
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(_ALPHABET, min_size=1, max_size=12).map("".join), min_size=8, max_size=8))
def test_any_text_renders_as_itself(wiki, texts):
    lines = [t.replace("\n", " ").strip() or "x" for t in texts]
    got = _rendered_text(wiki, [_paragraph(t) for t in lines])
    assert got == [" ".join(t.split()) for t in lines]


def test_adjacent_text_nodes_write_like_one_text():
    # Found by the round-trip property test: split texts used to escape as "&#123;{".
    split = m.Document(blocks=[m.Paragraph([m.Text("{"), m.Text("{")])])
    whole = m.Document(blocks=[m.Paragraph([m.Text("{{")])])
    assert write_wikitext(split).text == write_wikitext(whole).text == "<nowiki>{{</nowiki>\n"


@pytest.mark.wiki
@pytest.mark.parametrize(
    "markdown", ['<div id="foo"\n*hi*\n', "<div class\nfoo\n", "<div *???-&&&-<---\n*foo*\n"]
)
def test_unfinished_block_tag_is_text_in_no_paragraph(wiki: TestWiki, markdown: str) -> None:
    """An HTML block opening with an unfinished tag renders as its text, not in a <p>."""
    html = wiki.render(wikiconv.convert(markdown))
    assert "<p>" not in html
    assert visible_text(html) == " ".join(markdown.split())


@pytest.mark.wiki
def test_text_after_a_block_tag_in_an_html_block_gets_no_paragraph(wiki: TestWiki) -> None:
    """Text beside a closed block element is not put in a <p> by MediaWiki's tidier either."""
    html = wiki.render(wikiconv.convert("<div></div>\n``` c\nint x = 33;\n```\n"))
    assert "<p>" not in html
    assert visible_text(html) == "``` c int x = 33; ```"
