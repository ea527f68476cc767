"""The reference article renders on the test wiki as its Markdown means."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.html_canon import structure, visible_text
from wikiconv import convert, parse

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "runway.md"


@pytest.fixture(scope="module")
def rendered(wiki) -> str:
    return wiki.render(convert(SAMPLE.read_text(encoding="utf-8")))


def test_title_comes_from_the_first_h1():
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    assert doc.title == "Runway"


def test_references_become_templates_in_the_wikitext():
    wikitext = parse(SAMPLE.read_text(encoding="utf-8")).wikitext()
    assert wikitext.count("{{citation |author=Runway") == 7
    assert "{{reflist}}" in wikitext


@pytest.mark.wiki
def test_no_level_one_heading(rendered):
    assert "<h1" not in rendered
    assert "<h2" in rendered


@pytest.mark.wiki
def test_every_section_and_subsection(rendered):
    tokens = structure(rendered)
    headings = [tokens[i + 1] for i, t in enumerate(tokens) if re.fullmatch(r"<h[2-6]>", t)]
    assert headings == [
        '"History"', '"Products and Technology"', '"Gen-4.5"',
        '"General World Models (GWM-1)"', '"Additional Products"', '"Research"',
        '"Initiatives"', '"See Also"', '"References"',
    ]  # fmt: skip
    assert tokens.count("<h3>") == 3


@pytest.mark.wiki
def test_three_bullet_lists_and_the_references(rendered):
    tokens = structure(rendered)
    # three lists of the article, then the seven references as general references
    assert tokens.count("<ul>") == 4
    assert tokens.count("<ol>") == 0
    sizes = []
    for i, t in enumerate(tokens):
        if t in ("<ul>", "<ol>"):
            depth, count, j = 0, 0, i
            while True:
                if tokens[j] in ("<ul>", "<ol>"):
                    depth += 1
                elif tokens[j] in ("</ul>", "</ol>"):
                    depth -= 1
                    if depth == 0:
                        break
                elif tokens[j] == "<li>" and depth == 1:
                    count += 1
                j += 1
            sizes.append((t, count))
    assert sizes == [("<ul>", 3), ("<ul>", 5), ("<ul>", 6), ("<ul>", 7)]
    # The Initiatives list is not merged into its lead-in paragraph.
    text = visible_text(rendered)
    assert "through several programs: AI Film Festival" in text


@pytest.mark.wiki
def test_all_wikilinks_and_bold_terms(rendered):
    titles = re.findall(r"<a [^>]*title=\"([^\"]+)\"", rendered)
    links = [t for t in titles if not t.startswith("Template:")]  # the citation templates
    assert len(links) == 18
    assert "Diffusion models" in links or "Diffusion models (page does not exist)" in links
    tokens = structure(rendered)
    bold = [tokens[i + 1] for i, t in enumerate(tokens) if t == "<b>"]
    for term in ("Runway", "Runway AI, Inc.", "Gen-4.5", "GWM-1", "GWM Worlds", "Aleph"):
        assert f'"{term}"' in bold
    assert "'''" not in visible_text(rendered) and "[[" not in visible_text(rendered)
