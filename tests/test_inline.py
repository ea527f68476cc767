"""Unit tests of the inline reader (wikiconv.readers.inline): model output per construct."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikiconv.model import (
    Category,
    Code,
    Comment,
    Emph,
    FileLink,
    FootnoteRef,
    Image,
    Inline,
    LineBreak,
    Link,
    MagicWord,
    Pos,
    RawHtml,
    Ref,
    SoftBreak,
    Strikeout,
    Strong,
    Template,
    Text,
    WikiLink,
)
from wikiconv.readers.inline import (
    InlineContext,
    inline_grammar,
    iter_tokens,
    normalize_label,
    parse_inlines,
)

REFS = {
    normalize_label("foo"): ("/url", "title"),
    normalize_label("*Foo* bar"): ("/foo-bar", ""),
    normalize_label("ẞ"): ("/sharp-s", ""),
}


def p(text: str, refs: dict[str, tuple[str, str]] | None = None, notes: set[str] | None = None):
    """Parse with a small context."""
    return parse_inlines(text, InlineContext(REFS if refs is None else refs, notes or set()))


def children(node: Inline) -> list[Inline]:
    """The inline children of a container node (iteratively safe, one level)."""
    if isinstance(node, Image):
        return node.alt
    if isinstance(node, WikiLink):
        return node.label or []
    if isinstance(node, Ref):
        return node.children or []
    return list(getattr(node, "children", []) or [])


def walk(nodes: list[Inline]):
    """Every node of a tree, without recursion (trees may be 10,000 deep)."""
    todo = [nodes]
    while todo:
        for node in todo.pop():
            yield node
            todo.append(children(node))


# ------------------------------------------------------------------- interface


def test_normalize_label_case_folds_and_collapses_whitespace() -> None:
    assert normalize_label("  Foo \n\t BAR  ") == "foo bar"
    assert normalize_label("ẞ") == normalize_label("SS") == "ss"


def test_empty_and_plain_text() -> None:
    assert p("") == []
    assert p("just words, nothing else.") == [Text("just words, nothing else.")]


def test_scanner_tokens_equal_lark_lexer_tokens() -> None:
    """The reader's one-regex scanner yields exactly what Lark's lexer yields."""
    sample = (
        'a *b* __NOTOC__ ___x [[a|b]] ![x](y) <a href="x">`c` <ref name=x/> </ref> &amp; '
        "&#12; \\* \\\nq {{a}} ~~s~~ <!-- c --> <http://x.y> <a@b.c> <![CDATA[ <? <!X "
        "<nowiki>n</nowiki><nowiki/> ]] }} { } ! < & \\ \n  tail"
    )
    lark_tokens = [(t.type, str(t), t.start_pos) for t in inline_grammar().lex(sample)]
    assert list(iter_tokens(sample)) == lark_tokens
    assert {t[0] for t in lark_tokens} >= {"TEXT", "STARS", "OPEN_BRACKETS", "REF_EMPTY", "OTHER"}


# ------------------------------------------------------- §2.4, §2.5 escapes, entities


def test_backslash_escapes() -> None:
    assert p(r"\*not emph\* \[x] \\ \a") == [Text("*not emph* [x] \\ \\a")]


def test_entities_and_numeric_references() -> None:
    assert p("&amp; &copy; &ngE; &#35; &#x22; &#0; &#87654321;") == [
        Text('& © ≧̸ # " \ufffd &#87654321;')
    ]


def test_unknown_entity_stays_text() -> None:
    assert p("&MadeUpEntity; &copy") == [Text("&MadeUpEntity; &copy")]


# ------------------------------------------------------------------- §6.1 code


def test_code_span_basic_and_stripping() -> None:
    assert p("`foo`") == [Code("foo")]
    assert p("`` foo ` bar ``") == [Code("foo ` bar")]
    assert p("`  ``  `") == [Code(" `` ")]
    assert p("` `") == [Code(" ")]


def test_code_span_line_endings_become_spaces() -> None:
    assert p("`foo\nbar`") == [Code("foo bar")]


def test_unmatched_backticks_are_text() -> None:
    assert p("```foo``") == [Text("```foo``")]


def test_code_span_beats_link_and_emphasis_but_not_earlier_html() -> None:
    assert p("[not a `link](/foo`)") == [Text("[not a "), Code("link](/foo"), Text(")")]
    assert p("*foo`*`") == [Text("*foo"), Code("*")]
    assert p('<a href="`">`') == [RawHtml('<a href="`">'), Text("`")]
    assert p("`{{not a template}}`") == [Code("{{not a template}}")]


# --------------------------------------------------------------- §6.2 emphasis


def test_emphasis_and_strong() -> None:
    assert p("*a* _b_ **c** __d__") == [
        Emph([Text("a")]),
        Text(" "),
        Emph([Text("b")]),
        Text(" "),
        Strong([Text("c")]),
        Text(" "),
        Strong([Text("d")]),
    ]


def test_emphasis_nesting_and_rule_of_three() -> None:
    assert p("***strong emph***") == [Emph([Strong([Text("strong emph")])])]
    assert p("*foo**bar**baz*") == [Emph([Text("foo"), Strong([Text("bar")]), Text("baz")])]
    assert p("*foo**bar*") == [Emph([Text("foo**bar")])]
    assert p("foo***bar***baz") == [Text("foo"), Emph([Strong([Text("bar")])]), Text("baz")]


def test_flanking_rules() -> None:
    assert p("a * foo bar*") == [Text("a * foo bar*")]
    assert p("foo_bar_") == [Text("foo_bar_")]
    assert p("foo*bar*") == [Text("foo"), Emph([Text("bar")])]
    assert p("_foo_bar_baz_") == [Emph([Text("foo_bar_baz")])]
    assert p("*$*alpha.") == [Text("*$*alpha.")]  # 0.31: symbols count as punctuation


def test_strikethrough() -> None:
    assert p("~~del~~ and ~one~") == [
        Strikeout([Text("del")]),
        Text(" and "),
        Strikeout([Text("one")]),
    ]
    assert p("~~~not~~~ ~~a~") == [Text("~~~not~~~ ~~a~")]


def test_signature_is_text() -> None:
    assert p("Signed ~~~~ and ~~~~~") == [Text("Signed ~~~~ and ~~~~~")]


# ------------------------------------------------------------------ §6.3 links


def test_inline_links_and_titles() -> None:
    assert p('[link](/uri "title")') == [Link("/uri", [Text("link")], "title")]
    assert p("[link](</my uri>)") == [Link("/my uri", [Text("link")])]
    assert p("[link](foo(and(bar)))") == [Link("foo(and(bar))", [Text("link")])]
    assert p("[a](foo\\)\\: 'x &amp; y')") == [Link("foo):", [Text("a")], "x & y")]
    assert p("[link]()") == [Link("", [Text("link")])]


def test_inline_link_failures_are_text() -> None:
    assert p("[link] (/uri)") == [Text("[link] (/uri)")]
    assert p("[link](/my uri)") == [Text("[link](/my uri)")]


def test_reference_links() -> None:
    assert p("[foo][] [FOO] [x][Foo]") == [
        Link("/url", [Text("foo")], "title"),
        Text(" "),
        Link("/url", [Text("FOO")], "title"),
        Text(" "),
        Link("/url", [Text("x")], "title"),
    ]
    assert p("[*Foo* bar]") == [Link("/foo-bar", [Emph([Text("Foo")]), Text(" bar")])]
    assert p("[SS]") == [Link("/sharp-s", [Text("SS")])]
    assert p("[undefined] [x][undefined]") == [Text("[undefined] [x][undefined]")]


def test_no_links_in_links() -> None:
    assert p("[foo [bar](/uri)](/uri)") == [
        Text("[foo "),
        Link("/uri", [Text("bar")]),
        Text("](/uri)"),
    ]


def test_link_text_emphasis_stays_inside() -> None:
    assert p("*[foo*](/uri)") == [Text("*"), Link("/uri", [Text("foo*")])]


def test_link_positions_from_origins() -> None:
    [link] = p("[a](/b)")
    assert link.pos == Pos(1, 1)
    nodes = parse_inlines("x\ny [z](/u)", InlineContext({}), [Pos(7, 3), Pos(8, 5)])
    assert nodes[-1] == Link("/u", [Text("z")])
    assert nodes[-1].pos == Pos(8, 7)


# ----------------------------------------------------------------- §6.4 images


def test_images() -> None:
    assert p('![foo *bar*](train.jpg "t")') == [
        Image("train.jpg", [Text("foo "), Emph([Text("bar")])], "t")
    ]
    assert p("[![moon](moon.jpg)](/uri)") == [Link("/uri", [Image("moon.jpg", [Text("moon")])])]
    assert p("![foo][]") == [Image("/url", [Text("foo")], "title")]


# -------------------------------------------------------------- §6.5 autolinks


def test_autolinks() -> None:
    assert p("<http://foo.bar.baz>") == [
        Link("http://foo.bar.baz", [Text("http://foo.bar.baz")], autolink=True)
    ]
    assert p("<foo@bar.example.com>") == [
        Link("mailto:foo@bar.example.com", [Text("foo@bar.example.com")], autolink=True)
    ]
    assert p("<a+b+c:d>") == [Link("a+b+c:d", [Text("a+b+c:d")], autolink=True)]
    assert p("<>") == [Text("<>")]


def test_gfm_extended_autolinks() -> None:
    assert p("Visit www.commonmark.org/a.b.") == [
        Text("Visit "),
        Link("http://www.commonmark.org/a.b", [Text("www.commonmark.org/a.b")], autolink=True),
        Text("."),
    ]
    url = "https://en.wikipedia.org/wiki/Foo_(bar)"
    assert p(f"({url})") == [Text("("), Link(url, [Text(url)], autolink=True), Text(")")]
    assert p("www.commonmark.org/he<lp")[0] == Link(
        "http://www.commonmark.org/he", [Text("www.commonmark.org/he")], autolink=True
    )
    assert p("x www.a_b.cd") == [Text("x www.a_b.cd")]  # underscore in the last two parts
    assert p("[see www.x.org]") == [Text("[see www.x.org]")]  # not inside brackets


def test_gfm_email_autolinks() -> None:
    assert p("mail a.b-c_d@a.b. now") == [
        Text("mail "),
        Link("mailto:a.b-c_d@a.b", [Text("a.b-c_d@a.b")], autolink=True),
        Text(". now"),
    ]
    assert p("x@y.c- a@b_") == [Text("x@y.c- a@b_")]
    assert p("[a@b.cd](/u)") == [Link("/u", [Text("a@b.cd")])]


# --------------------------------------------------------------- §6.6 raw HTML


def test_raw_html_tags() -> None:
    assert p('a <b c="d">x</b> <br/>') == [
        Text("a "),
        RawHtml('<b c="d">'),
        Text("x"),
        RawHtml("</b>"),
        Text(" "),
        RawHtml("<br/>"),
    ]
    assert p("<a h*#ref='hi'>") == [Text("<a h*#ref='hi'>")]


def test_comments_pi_declaration_cdata() -> None:
    assert p("a <!-- note --> b") == [Text("a "), Comment(" note "), Text(" b")]
    assert p("<!-->") == [Comment("")]
    assert p("<?php x ?> <!DOCTYPE x> <![CDATA[a]]>") == [
        RawHtml("<?php x ?>"),
        Text(" "),
        RawHtml("<!DOCTYPE x>"),
        Text(" "),
        RawHtml("<![CDATA[a]]>"),
    ]
    assert p("<!-- open") == [Text("<!-- open")]


# ----------------------------------------------------------- §6.7, §6.8 breaks


def test_hard_and_soft_breaks() -> None:
    assert p("a  \nb\\\nc\nd") == [
        Text("a"),
        LineBreak(),
        Text("b"),
        LineBreak(),
        Text("c"),
        SoftBreak(),
        Text("d"),
    ]
    assert p("a \n  b") == [Text("a"), SoftBreak(), Text("b")]
    assert p("`code  \nspan`") == [Code("code   span")]


# -------------------------------------------------------------- wiki links


def test_wiki_links_and_trails() -> None:
    assert p("[[diffusion model]]s and [[Target#Sec|label *x*]]es.") == [
        WikiLink("diffusion model", None, "s"),
        Text(" and "),
        WikiLink("Target#Sec", [Text("label "), Emph([Text("x")])], "es"),
        Text("."),
    ]
    assert p("[[a]]<nowiki/>s") == [WikiLink("a"), Text("s")]


def test_wiki_link_pipe_trick_keeps_empty_label() -> None:
    assert p("[[Help:Links|]]") == [WikiLink("Help:Links", [], "")]


def test_invalid_wiki_targets_are_text() -> None:
    assert p("[[a<b]] [[a{b}]] [[ ]] [[a\nb]]") == [
        Text("[[a<b]] [[a{b}]] [[ ]] [[a"),
        SoftBreak(),
        Text("b]]"),
    ]


def test_unclosed_wiki_label_is_text_with_parsed_target() -> None:
    assert p("[[a*b|c") == [Text("[[a*b|c")]
    assert p("[[a\\*b|*c*") == [Text("[[a*b|"), Emph([Text("c")])]


def test_categories() -> None:
    assert p("[[Category:Foo]][[category: Bar baz |sort key]]") == [
        Category("Foo"),
        Category("Bar baz", "sort key"),
    ]
    assert p("[[:Category:X]]") == [WikiLink(":Category:X")]


def test_file_links_keep_options_verbatim() -> None:
    nodes = p("[[File:X.png|thumb|A [[link|with]] *caption* {{t|a|b}}]] after")
    assert nodes == [
        FileLink("File:X.png", ["thumb", "A [[link|with]] *caption* {{t|a|b}}"]),
        Text(" after"),
    ]
    assert p("[[image:Y.jpg]]") == [FileLink("image:Y.jpg", [])]


def test_semantic_mediawiki_annotations() -> None:
    assert p("[[Has date::2020-01-01]] [[P123::value|shown *text*]]") == [
        WikiLink("2020-01-01", annotation="Has date"),
        Text(" "),
        WikiLink("value", [Text("shown "), Emph([Text("text")])], annotation="P123"),
    ]


def test_wiki_links_and_markdown_brackets() -> None:
    assert p("[[[a]]]") == [Text("["), WikiLink("a"), Text("]")]
    assert p("[[a|[b](/c)]]") == [WikiLink("a", [Link("/c", [Text("b")])])]
    assert p("[x [[a]]](/u)") == [Text("[x "), WikiLink("a"), Text("](/u)")]
    assert p("![[File:x.png]]") == [Text("!"), FileLink("File:x.png", [])]


def test_wiki_link_position() -> None:
    nodes = parse_inlines("ab [[X]]", InlineContext({}), [Pos(4, 9)])
    assert nodes[1] == WikiLink("X") and nodes[1].pos == Pos(4, 12)


# ---------------------------------------------------------------- templates


def test_templates_nested_and_verbatim() -> None:
    assert p("{{a|{{b}}|c}} x") == [Template("a", "{{a|{{b}}|c}}"), Text(" x")]
    raw = "{{cite web\n |url=http://x\n |title=*T*\n}}"
    assert p(raw + " tail") == [Template("cite web", raw), Text(" tail")]
    assert p("{{{x|d}}}") == [Template("x", "{{{x|d}}}")]
    assert p("{{ {{a}} | b}}") == [Template("{{a}}", "{{ {{a}} | b}}")]


def test_template_brace_runs_like_mediawiki() -> None:
    assert p("{{{{y}}}}") == [Text("{"), Template("y", "{{{y}}}"), Text("}")]
    assert p("{{{{{x}}") == [Text("{{{"), Template("x", "{{x}}")]


def test_unmatched_or_escaped_braces_are_text() -> None:
    assert p("{{unclosed *x*") == [Text("{{unclosed "), Emph([Text("x")])]
    assert p("\\{{x}} }}") == [Text("{{x}} }}")]


def test_template_ignores_braces_in_nowiki_and_comments() -> None:
    assert p("{{a|<nowiki>}}</nowiki>}} z") == [
        Template("a", "{{a|<nowiki>}}</nowiki>}}"),
        Text(" z"),
    ]
    assert p("<!-- {{ --> {{a}}") == [Comment(" {{ "), Text(" "), Template("a", "{{a}}")]


# --------------------------------------------------------------------- refs


def test_refs() -> None:
    assert p('<ref>see *x*</ref><ref name="n" group=g>y</ref><ref name=x group="g" />') == [
        Ref(None, [Text("see "), Emph([Text("x")])], None),
        Ref("n", [Text("y")], "g"),
        Ref("x", None, "g"),
    ]
    assert p("<REF NAME=up>x</REF>") == [Ref("up", [Text("x")])]


def test_ref_content_nests_links_and_templates() -> None:
    [ref] = p("<ref>{{cite|a}} [[W|w]] [t](/u)</ref>")
    assert ref == Ref(
        None,
        [
            Template("cite", "{{cite|a}}"),
            Text(" "),
            WikiLink("W", [Text("w")]),
            Text(" "),
            Link("/u", [Text("t")]),
        ],
    )


def test_unterminated_ref_and_stray_close_are_text() -> None:
    assert p("a <ref>b") == [Text("a <ref>b")]
    assert p("a </ref> b") == [Text("a </ref> b")]


def test_ref_closes_over_unclosed_openers() -> None:
    assert p("<ref>a [[b|c</ref> d]]") == [Ref(None, [Text("a [[b|c")]), Text(" d]]")]


# ---------------------------------------------------------------- footnotes


def test_footnote_refs_only_when_defined() -> None:
    nodes = p("a[^1] b[^2] c[^Note]", notes={"1", "note"})
    assert nodes == [
        Text("a"),
        FootnoteRef("1"),
        Text(" b[^2] c"),
        FootnoteRef("note"),
    ]
    assert p("[^1](/u)", notes={"1"}) == [Link("/u", [Text("^1")])]


# ----------------------------------------------- magic words, nowiki, merging


def test_magic_words() -> None:
    assert p("__NOTOC__ __FORCETOC__ __EXPECTUNUSEDCATEGORY__") == [
        MagicWord("NOTOC"),
        Text(" "),
        MagicWord("FORCETOC"),
        Text(" "),
        MagicWord("EXPECTUNUSEDCATEGORY"),
    ]
    assert p("__bold__") == [Strong([Text("bold")])]


def test_nowiki_content_is_literal() -> None:
    assert p("<nowiki>*not* [[x]] {{y}}</nowiki> ok") == [Text("*not* [[x]] {{y}} ok")]
    assert p("<nowiki>open") == [Text("<nowiki>open")]


def test_nul_is_replaced() -> None:
    assert p("a\0b") == [Text("a\ufffdb")]


def _check_invariants(nodes: list[Inline]) -> None:
    todo = [nodes]
    while todo:
        items = todo.pop()
        for a, b in zip(items, items[1:], strict=False):
            assert not (type(a) is Text and type(b) is Text), items
        for node in items:
            assert type(node) is not Text or node.text, items
            todo.append(children(node))


ALPHABET = st.sampled_from(
    list("*_~`[]()!<>&{}|\\\n :@#^\"'")
    + [
        "[[",
        "]]",
        "{{",
        "}}",
        "<ref>",
        "</ref>",
        "www.",
        "http://",
        "a.b",
        "&amp;",
        "<!--",
        "-->",
        "__NOTOC__",
        "<nowiki>",
        "x",
        "Category:",
        "::",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_any_input_parses_with_merged_nonempty_text(text: str) -> None:
    nodes = parse_inlines(text, InlineContext(REFS, {"1"}))
    _check_invariants(nodes)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text_parses(text: str) -> None:
    _check_invariants(parse_inlines(text, InlineContext({})))


# -------------------------------------------------------------- linear time

N = 50_000
PATHOLOGICAL = {
    "nested [": "[" * N + "a" + "]" * N,
    "nested [[a|": "[[a|" * (N // 4) + "x" + "]]" * (N // 4),
    "nested {{": "{{" * 10_000 + "x" + "}}" * 10_000,
    "unclosed {{a|": "{{a|" * (N // 4),
    "* run": "*" * N,
    "nested *": "*" * N + "a" + "*" * N,
    "*a _b": "*a _b " * (N // 6),
    "< run": "<" * N,
    "unclosed <!--": "<!--" * (N // 4),
    "backtick run": "`" * N,
    "backtick ladder": "".join("e" + "`" * i for i in range(1, 320)),
    "unclosed [a](b": "[a](b" * (N // 5),
    "[ (](": "[ (](" * (N // 5),
    "<ref>[": "<ref>[" * (N // 6) + "</ref>" * (N // 6),
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_inputs_finish_quickly(name: str) -> None:
    start = time.perf_counter()
    nodes = parse_inlines(PATHOLOGICAL[name], InlineContext(REFS))
    assert time.perf_counter() - start < 5.0
    assert nodes


def test_deep_nesting_needs_no_recursion() -> None:
    """10,000 nested wiki links read without recursion; the model keeps the first 50 levels
    (MAX_INLINE_NESTING), deeper labels are spliced into the 50th, and the text stays."""
    from wikiconv.readers.inline_postprocess import MAX_INLINE_NESTING

    nodes = p("[[a|" * 10_000 + "x" + "]]" * 10_000)
    depth = 0
    while isinstance(nodes[0], WikiLink):
        depth += 1
        nodes = nodes[0].label or []
    assert depth == MAX_INLINE_NESTING and nodes == [Text("x")]
    [template] = p("{{" * 10_000 + "x" + "}}" * 10_000)
    assert isinstance(template, Template) and len(template.raw) == 40_001


def test_html_anchor_pair_is_a_link() -> None:
    """Raw ``<a href>…</a>`` is a link; its body is parsed as inlines, its title kept."""
    assert p('<a href="https://x.example/?a=1&amp;b=2" title="T">the *site*</a>') == [
        Link("https://x.example/?a=1&b=2", [Text("the "), Emph([Text("site")])], "T")
    ]


@pytest.mark.parametrize(
    "text",
    ['<a href="x">open', "close</a>", '<a name="x">no href</a>', '<a href="">empty</a>'],
)
def test_html_anchor_without_a_pair_or_href_stays_raw(text: str) -> None:
    """An unpaired ``<a>``/``</a>``, or one without an href, stays raw HTML."""
    nodes = p(text)
    assert not any(isinstance(n, Link) for n in nodes)
    assert any(isinstance(n, RawHtml) for n in nodes)


def test_html_anchor_in_commonmark_is_a_link_too() -> None:
    """Plain CommonMark reads the anchor the same way: a browser shows it as a link."""
    context = InlineContext({}, extensions=False)
    assert parse_inlines('<a href="x">y</a>', context) == [Link("x", [Text("y")], "")]


@pytest.mark.parametrize(
    ("opener", "closer", "letters"),
    [
        ("*a ", " a*", 10000),
        ("**a ", " a**", 10000),
        ("<ref>a ", "</ref>", 5000),
        ('<a href="http://x.org">a ', "</a>", 5000),
    ],
)
def test_deep_inline_nesting_is_bounded_and_keeps_every_character(
    opener: str, closer: str, letters: int
) -> None:
    """5,000 nested wrappers become at most MAX_INLINE_NESTING levels; no text is lost."""
    from wikiconv.readers.inline_postprocess import MAX_INLINE_NESTING

    nodes = p(opener * 5000 + "b" + closer * 5000)
    depth, deepest, stack = 0, 0, [(n, 1) for n in nodes]
    texts: list[str] = []
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, Text):
            texts.append(node.text)
        for attr in ("children", "label"):
            kids = getattr(node, attr, None)
            if isinstance(kids, list):
                stack.extend((k, depth + 1) for k in kids)
    assert deepest <= MAX_INLINE_NESTING + 2
    assert "".join(texts).count("a") == letters and "b" in "".join(texts)


def test_brackets_close_through_unclosed_anchors() -> None:
    """An unclosed ``<a href>`` inside link text does not keep the link from closing."""
    [link] = p('[x <a href="y">](z)')
    assert isinstance(link, Link) and link.url == "z"
    [wiki] = p('[[Foo|<a href="x">bar]]')
    assert isinstance(wiki, WikiLink) and wiki.target == "Foo"


def test_anchor_tag_over_two_lines_is_a_link() -> None:
    """Attributes after a line break inside the tag are read too."""
    assert p('<a\nhref="http://x.org">y</a>') == [Link("http://x.org", [Text("y")], "")]
