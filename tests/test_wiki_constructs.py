"""Each wiki construct of the hybrid renders on the test wiki as it would if typed there."""

from __future__ import annotations

import re

import pytest

import wikiconv
from tests.html_canon import structure, visible_text

CASES = {
    "link": ("See [[Stable Diffusion]].", "See [[Stable Diffusion]]."),
    "label": ("See [[Stable Diffusion|SD]].", "See [[Stable Diffusion|SD]]."),
    "section": ("See [[Runway#History|its history]].", "See [[Runway#History|its history]]."),
    "trail": ("Many [[diffusion model]]s exist.", "Many [[diffusion model]]s exist."),
    "template": (
        "Born {{birth date|1990|1|2}} in {{nowrap|{{small|Oslo}}}}.",
        "Born {{birth date|1990|1|2}} in {{nowrap|{{small|Oslo}}}}.",
    ),
    "ref": (
        'A claim.<ref name="a">Some *source*.</ref> Again.<ref name="a"/>',
        "A claim.<ref name=\"a\">Some ''source''.</ref> Again.<ref name=\"a\"/>",
    ),
    "comment": ("Visible <!-- hidden --> text.", "Visible <!-- hidden --> text."),
    "file": ("[[File:Example.png|thumb|A *caption*]]", "[[File:Example.png|thumb|A *caption*]]"),
    "magic": ("__NOTOC__\n\nText.", "__NOTOC__\n\nText."),
    "html anchor": (
        'See <a href="https://example.com/x" title="T">the *site*</a>.',
        "See [https://example.com/x the ''site''].",
    ),
    "html anchor to a page": (
        'See <a href="Stable_Diffusion">SD</a>.',
        "See [[Stable_Diffusion|SD]].",
    ),
}


def _pairs(wiki, hybrids, wikitexts):
    ours = wiki.render_many([wikiconv.convert(h) for h in hybrids])
    typed = wiki.render_many(list(wikitexts))
    return ours, typed


@pytest.mark.wiki
@pytest.mark.parametrize("name", sorted(CASES))
def test_construct_renders_like_hand_written_wikitext(wiki, name):
    hybrid, wikitext = CASES[name]
    (ours,), (typed,) = _pairs(wiki, [hybrid], [wikitext])
    assert structure(ours) == structure(typed)
    assert visible_text(ours) == visible_text(typed)


@pytest.mark.wiki
def test_footnotes_become_named_refs_with_reuse(wiki):
    hybrid = "One.[^src] Two.[^src] Three.[^2]\n\n[^src]: The *source*.\n[^2]: Another.\n"
    wikitext = wikiconv.convert(hybrid)
    assert wikitext.count('<ref name="src">') == 1 and wikitext.count('<ref name="src" />') == 1
    assert '<ref name="fn2">' in wikitext  # Cite rejects a bare integer as a name
    html = wiki.render(wikitext)
    assert html.count('class="reference"') == 3
    assert re.findall(r'<span class="reference-text">(.*?)</span>', html) == [
        "The <i>source</i>.",
        "Another.",
    ]


@pytest.mark.wiki
def test_front_matter_title_and_categories(wiki):
    hybrid = (
        "---\ntitle: Acme\ncategories: [Companies, Robots]\nfounded: 1999\n---\n# Acme\n\nBody.\n"
    )
    doc = wikiconv.parse(hybrid)
    assert doc.title == "Acme" and doc.meta["founded"] == 1999
    wikitext = doc.wikitext()
    assert "[[Category:Companies]]" in wikitext and "[[Category:Robots]]" in wikitext
    page = wiki.api(action="parse", text=wikitext, contentmodel="wikitext", prop="categories|text")
    assert {c["category"] for c in page["parse"]["categories"]} == {"Companies", "Robots"}
    assert visible_text(page["parse"]["text"]) == "Body."


@pytest.mark.wiki
def test_tables_lists_code_and_quotes(wiki):
    hybrid = (
        "| Name | Founded |\n|:-----|------:|\n| Runway | 2018 |\n| a \\| b | `x\\|y` |\n\n"
        "3. third\n4. fourth\n\n"
        "- loose\n\n- list\n\n"
        "```python\nprint('x')\n```\n\n"
        "> quoted *text*\n"
    )
    html = wiki.render(wikiconv.convert(hybrid))
    tokens = structure(html)
    assert tokens[:4] == ["<table>", "<tr>", "<th>", '"Name"']
    assert '"a | b"' in tokens and '"x|y"' in tokens
    assert "<ol>" in tokens and 'start="3"' in html
    assert tokens.count("<li>") == 4 and tokens.count("<p>") >= 3
    assert "print" in visible_text(html) and "<blockquote>" in tokens


@pytest.mark.wiki
def test_html_anchor_keeps_its_url(wiki):
    """A raw ``<a href>…</a>`` becomes a link to the same URL; a lone ``<a>`` loses only its tag."""
    html = wiki.render(
        wikiconv.convert(
            'Read <a href="https://example.com/a?b=1">this</a>. <a name="x">Kept</a> text.'
        )
    )
    assert re.search(r'<a [^>]*href="https://example.com/a\?b=1"[^>]*>this</a>', html)
    assert visible_text(html) == "Read this. Kept text."


@pytest.mark.wiki
def test_html_anchor_in_an_html_block_keeps_its_url(wiki):
    """In an HTML block the anchor becomes a link too; its body stays HTML, not Markdown."""
    html = wiki.render(wikiconv.convert('<div><a href="https://example.com/b">*raw* [x]</a></div>'))
    assert re.search(r'<a [^>]*href="https://example.com/b"[^>]*>\*raw\* \[x', html)
    assert visible_text(html) == "*raw* [x]"


@pytest.mark.wiki
def test_thousands_of_nested_emphases_render_every_character(wiki):
    """Nesting beyond the reader's bound keeps its text; the page shows every letter."""
    html = wiki.render(wikiconv.convert("*a " * 2000 + "b" + " a*" * 2000))
    assert visible_text(html) == " ".join(["a"] * 2000 + ["b"] + ["a"] * 2000)


@pytest.mark.wiki
@pytest.mark.parametrize(
    "markdown",
    [
        '<div><a href="http://e.org/?a=1&section=2&region=4">x</a></div>',
        'p <a href="http://e.org/?a=1&section=2&region=4">x</a>',
    ],
)
def test_anchor_query_strings_are_not_decoded_as_legacy_entities(wiki, markdown):
    """``&section=`` in an href is not the § entity, in a paragraph or an HTML block."""
    html = wiki.render(wikiconv.convert(markdown))
    assert 'href="http://e.org/?a=1&amp;section=2&amp;region=4"' in html


def test_anchor_closer_in_a_comment_opens_no_link():
    """A ``</a>`` inside a comment closes nothing, so no link is left open."""
    out = wikiconv.convert('<div><a href="x">foo <!-- </a> --></div>')
    assert "[[" not in out and "foo" in out
