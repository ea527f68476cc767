"""``source="commonmark"``: CommonMark 0.31.2 alone, with none of the hybrid's extensions."""

from __future__ import annotations

import subprocess
import sys

import pytest

import wikiconv
from tests.html_canon import structure, visible_text
from tests.wiki_server import TestWiki
from wikiconv import model as m
from wikiconv.inline_text import plain_text

HYBRID_ONLY = (
    "---\ntitle: T\n---\n\n"
    "[[Foo]] and {{tmpl}} and __NOTOC__ and ~~gone~~ and www.example.com and a@b.example\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    "A note[^n].\n\n[^n]: The note.\n"
)


def _inlines(doc: m.Document) -> list[m.Inline]:
    """Every inline of the document's paragraphs, nested ones included."""
    found: list[m.Inline] = []
    stack: list[m.Inline] = [
        i for b in doc.blocks if isinstance(b, m.Paragraph) for i in b.children
    ]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(getattr(node, "children", None) or [])
    return found


def test_hybrid_reads_the_extensions() -> None:
    """The default reader sees wiki links, templates, magic words, tables and footnotes."""
    doc = wikiconv.parse(HYBRID_ONLY)
    kinds = {type(node) for node in _inlines(doc)}
    assert {m.WikiLink, m.Template, m.MagicWord, m.Strikeout, m.Link} <= kinds
    assert any(isinstance(b, m.Table) for b in doc.blocks)
    assert doc.title == "T" and doc.footnotes


def test_commonmark_reads_none_of_them() -> None:
    """The same text read as CommonMark is paragraphs of text, a setext heading and a rule."""
    doc = wikiconv.parse(HYBRID_ONLY, source="commonmark")
    kinds = {type(node) for node in _inlines(doc)}
    assert not kinds & {m.WikiLink, m.Template, m.MagicWord, m.Strikeout, m.Link, m.FootnoteRef}
    assert not any(isinstance(b, m.Table) for b in doc.blocks)
    assert doc.title is None and not doc.footnotes
    assert isinstance(doc.blocks[0], m.ThematicBreak)  # "---" is a rule, not front matter
    text = " ".join(plain_text(b.children) for b in doc.blocks if isinstance(b, m.Paragraph))
    assert "[[Foo]]" in text and "{{tmpl}}" in text and "~~gone~~" in text
    assert "www.example.com" in text and "a@b.example" in text


def test_commonmark_underscores_are_emphasis() -> None:
    """``__NOTOC__`` is strong emphasis in CommonMark, not a behaviour switch."""
    doc = wikiconv.parse("__NOTOC__\n", source="commonmark")
    paragraph = doc.blocks[0]
    assert isinstance(paragraph, m.Paragraph)
    assert isinstance(paragraph.children[0], m.Strong)


@pytest.mark.wiki
def test_commonmark_text_renders_as_text(wiki: TestWiki) -> None:
    """Wiki-looking text read as CommonMark renders on MediaWiki as the same text."""
    source = "[[Foo]] {{tmpl}} __NOTOC__ ~~x~~\n"
    html = wiki.render(wikiconv.convert(source, source="commonmark"))
    assert visible_text(html) == "[[Foo]] {{tmpl}} NOTOC ~~x~~"
    assert structure(html).count("<b>") == 1  # __NOTOC__ is strong emphasis


def test_cli_from_commonmark() -> None:
    """``wikiconv convert -f commonmark`` uses the CommonMark reader."""
    result = subprocess.run(
        [sys.executable, "-m", "wikiconv.cli", "convert", "-f", "commonmark"],
        input="[[Foo]]\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "<nowiki>[[</nowiki>Foo<nowiki>]]</nowiki>" in result.stdout
