"""Unit tests of the HTML canonicalisation used to compare MediaWiki and CommonMark output."""

from __future__ import annotations

import pytest

from tests.html_canon import structure, visible_text


def test_mediawiki_wrapper_comments_and_attributes() -> None:
    """The parser-output div, comments and attributes vanish."""
    mw = (
        '<div class="mw-parser-output"><p><b>bold</b> and <i>it</i>\n</p>'
        "<!-- \nNewPP limit report\n--></div>"
    )
    cm = "<p><strong>bold</strong> and <em>it</em></p>\n"
    assert structure(mw) == structure(cm)
    assert structure(cm) == [
        "<p>",
        "<b>",
        '"bold"',
        "</b>",
        '" and "',
        "<i>",
        '"it"',
        "</i>",
        "</p>",
    ]
    assert visible_text(mw) == visible_text(cm) == "bold and it"


@pytest.mark.parametrize(
    ("mw", "cm"),
    [
        ("<pre>foo\n  bar\n</pre>", "<pre><code>foo\n  bar\n</code></pre>\n"),
        ('<h2><span class="mw-headline" id="Foo_bar">Foo bar</span></h2>', "<h2>Foo bar</h2>"),
        ("<p><s>a</s><strike>b</strike></p>", "<p><del>a</del><del>b</del></p>"),
        ("<p>a<br />b</p><hr />", "<p>a<br>\nb</p>\n<hr>"),
        (
            '<p class="mw-empty-elt"></p><p><br />\n</p><ul><li>x</li></ul>',
            "<ul>\n<li>x</li>\n</ul>",
        ),
        ("<p>&lt;a&gt; &amp; &#160;&quot;</p>", "<p>&lt;a&gt; &amp;\u00a0&quot;</p>"),
        ("<p>x<span>y</span>z</p>", "<p>xyz</p>"),
        (
            '<p><a href="/wiki/A" title="A">a</a> <code>c</code></p>',
            '<p><a href="A">a</a> <code>c</code></p>',
        ),
        ("<p>foo&#160;: bar</p>", "<p>foo : bar</p>"),
        ("<table><tbody><tr><td>a</td></tr></tbody></table>", "<table><tr><td>a</td></tr></table>"),
    ],
)
def test_equivalent(mw: str, cm: str) -> None:
    """Pairs that must canonicalise the same."""
    assert structure(mw) == structure(cm)
    assert visible_text(mw) == visible_text(cm)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("<p><b>x</b></p>", "<p><i>x</i></p>"),
        ("<ul><li>x</li></ul>", "<ol><li>x</li></ol>"),
        ("<p>a b</p>", "<p>a</p><p>b</p>"),
        ("<p><code>x</code></p>", "<p>x</p>"),
    ],
)
def test_structure_differs_text_same(a: str, b: str) -> None:
    """Different elements around the same text: structure differs, visible text does not."""
    assert structure(a) != structure(b)
    assert visible_text(a) == visible_text(b)


def test_text_differs() -> None:
    """Dropped or changed characters show in both forms."""
    assert visible_text("<p>a*b*</p>") != visible_text("<p>a<em>b</em></p>")
    assert structure("<p>ab</p>") != structure("<p>a b</p>")
    assert visible_text("<p>ab</p>") != visible_text("<p>a b</p>")


def test_whitespace_rules() -> None:
    """Whitespace folds, is trimmed at line ends and collapses across inline tags."""
    assert structure("<p>  a \n\t b  </p>") == ["<p>", '"a b"', "</p>"]
    assert structure("<p>a <b> b</b> </p>") == ["<p>", '"a "', "<b>", '"b"', "</b>", "</p>"]
    assert structure("<div>\n<p>x</p>\n</div>") == ["<p>", '"x"', "</p>"]
    assert structure("<p>a <br /> b</p>") == ["<p>", '"a"', "<br>", '"b"', "</p>"]
    assert structure("<p>&lt;p&gt;</p>") == ["<p>", '"<p>"', "</p>"]


def test_code_outside_pre_kept_and_img_alt() -> None:
    """``code`` is dropped only directly inside ``pre``; an image's alt text is visible text."""
    assert structure("<p><code>x</code></p>") == ["<p>", "<code>", '"x"', "</code>", "</p>"]
    assert structure("<pre><b><code>x</code></b></pre>")[2] == "<code>"
    html = '<p><img src="/url" alt="foo" title="title" /> bar</p>'
    assert structure(html) == ["<p>", "<img>", '" bar"', "</p>"]
    assert visible_text(html) == "foo bar"
    assert visible_text("<p>a</p><p>b<br>c</p>") == "a b c"


def test_abrupt_empty_comments_end_at_once() -> None:
    """``<!-->`` and ``<!--->`` are empty comments (HTML5), not the start of a long one."""
    assert visible_text("<p>foo <!--> bar --&gt;</p>") == "foo bar -->"
    assert visible_text("<p>foo <!---> bar --&gt;</p>") == "foo bar -->"
