"""The wikitext reader: MediaWiki's apostrophe rules, line starts, tables, links, refs, islands."""

from __future__ import annotations

import pytest

from wikiconv import model as m
from wikiconv.readers.wikitext import read_wikitext
from wikiconv.readers.wikitext_quotes import quote_tokens


def html(line: str) -> str:
    """The HTML MediaWiki's doQuotes gives for one line (from our tokens)."""
    out = []
    for kind, value in quote_tokens(line):
        out.append(value if kind == "text" else f"<{value}>" if kind == "open" else f"</{value}>")
    return "".join(out)


# Inputs and html/php outputs of MediaWiki core's tests/parser/quotes.txt.
@pytest.mark.parametrize(
    ("wikitext", "expected"),
    [
        ("''foo''", "<i>foo</i>"),
        ("''foo'''", "<i>foo'</i>"),
        ("''foo''''", "<i>foo''</i>"),
        ("'''foo''", "'<i>foo</i>"),
        ("'''foo''''", "<b>foo'</b>"),
        ("''''foo'''", "'<b>foo</b>"),
        ("'''''foo''", "<b><i>foo</i></b>"),
        ("'''''foo'''''", "<i><b>foo</b></i>"),
        ("'''''foo'''", "<i><b>foo</b></i>"),
        ("'''''foo''''''", "<i><b>foo'</b></i>"),
        ("''foo''''bar'''", "<i>foo'<b>bar</b></i>"),
        ("''this is about '''foo's family'''''", "<i>this is about <b>foo's family</b></i>"),
        ("'''this is about ''foo'''s family'''", "'<i>this is about </i>foo<b>s family</b>"),
        ("'''this is about ''foo'''s family''", "<b>this is about <i>foo</i></b><i>s family</i>"),
        ("plain l'''italic''plain", "plain l'<i>italic</i>plain"),
        ("plain l''''bold''' plain", "plain l'<b>bold</b> plain"),
        ("Plain ''italic'''s plain", "Plain <i>italic'</i>s plain"),
        (
            "''Tom'''s car is bigger than ''Susan'''s.",
            "<i>Tom<b>s car is bigger than </b></i><b>Susan</b>s.",
        ),
        (
            "'''This year''''s election ''should'' beat '''last year''''s.",
            "<b>This year'</b>s election <i>should</i> beat <b>last year'</b>s.",
        ),
        (
            "a b'''c ''d e'''f'' g h'''i ''j",
            "a b'<i>c </i>d e<b>f<i> g h</i></b><i>i </i>j",
        ),
        (
            "'''''Bold italic text '''with bold deactivated''' in between.'''''",
            "<i><b>Bold italic text </b>with bold deactivated<b> in between.</b></i>",
        ),
    ],
)
def test_apostrophes_follow_doquotes(wikitext: str, expected: str) -> None:
    assert html(wikitext) == expected


def test_single_letter_word_before_bold_uses_utf8_bytes() -> None:
    # PHP looks at bytes: a space before a two-byte letter is not "before a one-letter word".
    assert html("x é'''a'' b") == html("x é'''a'' b")
    assert html("x e'''a'' b") == "x e'<i>a</i> b"


def blocks(text: str) -> list[m.Block]:
    return read_wikitext(text).blocks


def paras(text: str) -> list[m.Paragraph]:
    found = blocks(text)
    assert all(isinstance(b, m.Paragraph) for b in found)
    return found  # type: ignore[return-value]


def test_headings_paragraphs_and_links() -> None:
    doc = read_wikitext("== Title ==\nSome [[Page|label]]s and [http://x.org site].\n")
    heading, para = doc.blocks
    assert heading == m.Heading(2, [m.Text("Title")])
    assert para == m.Paragraph(
        [
            m.Text("Some "),
            m.WikiLink("Page", [m.Text("label")], "s"),
            m.Text(" and "),
            m.Link("http://x.org", [m.Text("site")]),
            m.Text("."),
        ]
    )


def test_nested_and_mixed_lists() -> None:
    (outer,) = blocks("* a\n** b\n*# c\n* d\n")
    assert isinstance(outer, m.BulletList)
    first, second = outer.items
    assert [type(c) for c in first.children] == [m.Paragraph, m.BulletList, m.OrderedList]
    assert second.children == [m.Paragraph([m.Text("d")])]


def test_jumping_levels_leaves_an_empty_item() -> None:
    (outer,) = blocks("* a\n*** c\n")
    assert isinstance(outer, m.BulletList)
    middle = outer.items[0].children[1]
    assert isinstance(middle, m.BulletList)
    assert isinstance(middle.items[0].children[0], m.BulletList)


def test_definition_lists_and_indents_are_islands() -> None:
    assert blocks(";term\n: def\n") == [m.WikiBlock(";term\n: def")]
    assert blocks(":indented\n") == [m.WikiBlock(":indented")]


def test_simple_wikitable_becomes_a_pipe_table() -> None:
    (table,) = blocks(
        '{| class="wikitable"\n! A !! style="text-align:right;" | B\n|-\n'
        '| a || style="text-align:right;" | 1\n|}\n'
    )
    assert table == m.Table(
        [[m.Text("A")], [m.Text("B")]], [None, "right"], [[[m.Text("a")], [m.Text("1")]]]
    )


@pytest.mark.parametrize(
    "source",
    [
        '{| class="wikitable sortable"\n! A\n|-\n| a\n|}',
        '{| class="wikitable"\n|+ Caption\n! A\n|-\n| a\n|}',
        '{| class="wikitable"\n| a\n|}',
        '{| class="wikitable"\n! A\n|-\n| colspan="2" | a\n|}',
        '{| class="wikitable"\n! A\n|-\n| a\nb\n|}',
    ],
)
def test_other_tables_stay_raw(source: str) -> None:
    assert blocks(source) == [m.WikiBlock(source)]


def test_refs_templates_and_citations() -> None:
    (para,) = paras('A<ref name="x">{{cite web|url=http://a.org|title=T}}</ref> b<ref name="x" />')
    ref, _, reuse = para.children[1:4]
    assert ref == m.Ref("x", [m.Template("cite web", "{{cite web|url=http://a.org|title=T}}")])
    assert reuse == m.Ref("x", None)


def test_categories_leave_the_text_with_the_space_before_them() -> None:
    doc = read_wikitext("Text [[Category:A|key]]\n\n[[Category:B]]\n")
    assert doc.blocks == [m.Paragraph([m.Text("Text")])]
    assert doc.categories == [m.Category("A", "key"), m.Category("B")]


def test_files_magic_words_comments_nowiki() -> None:
    (para,) = paras("[[File:a.png|thumb|Cap]] __NOTOC__ <!-- c --> <nowiki>''x''</nowiki>")
    assert para.children == [
        m.FileLink("File:a.png", ["thumb", "Cap"]),
        m.Text(" "),
        m.MagicWord("NOTOC"),
        m.Text(" "),
        m.Comment(" c "),
        m.Text(" ''x''"),
    ]


def test_code_pre_and_blocks() -> None:
    assert blocks('<syntaxhighlight lang="python">\nx = 1\n</syntaxhighlight>') == [
        m.CodeBlock("x = 1", "python")
    ]
    assert blocks("<pre>\na &lt; b\n</pre>") == [m.CodeBlock("a < b")]
    assert blocks(" pre line\n more") == [m.CodeBlock("pre line\nmore")]
    assert blocks(" ''marked'' pre") == [m.WikiBlock(" ''marked'' pre")]
    assert blocks("----") == [m.ThematicBreak()]
    assert blocks("<blockquote>Quoted</blockquote>") == [
        m.BlockQuote([m.Paragraph([m.Text("Quoted")])])
    ]


def test_inline_tags() -> None:
    (para,) = paras('a<br>b <s>x</s> <code>c</code> <span style="color:red">y</span>')
    assert para.children == [
        m.Text("a"),
        m.LineBreak(),
        m.Text("b "),
        m.Strikeout([m.Text("x")]),
        m.Text(" "),
        m.Code("c"),
        m.Text(" "),
        m.RawHtml('<span style="color:red">'),
        m.Text("y"),
        m.RawHtml("</span>"),
    ]


def test_unrepresentable_inline_constructs_are_islands() -> None:
    (para,) = paras("x <math>a^2</math> [http://a.org] y")
    assert m.RawWikitext("<math>a^2</math>") in para.children
    assert m.RawWikitext("[http://a.org]") in para.children


def test_block_template_alone_is_a_wiki_block() -> None:
    assert blocks("{{Infobox x\n| a = 1\n}}\n\nText") == [
        m.WikiBlock("{{Infobox x\n| a = 1\n}}"),
        m.Paragraph([m.Text("Text")]),
    ]


def test_even_blank_lines_leave_a_line_break() -> None:
    assert blocks("a\n\n\nb") == [
        m.Paragraph([m.Text("a")]),
        m.Paragraph([m.LineBreak(), m.Text("b")]),
    ]
