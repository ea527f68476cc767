"""Block structure of the hybrid reader: CommonMark blocks, GFM tables, wiki extensions."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wikiconv.errors import InputError
from wikiconv.model import (
    Block,
    BlockQuote,
    BulletList,
    Category,
    CodeBlock,
    Document,
    FootnoteRef,
    Heading,
    HtmlBlock,
    Link,
    ListItem,
    MagicWord,
    OrderedList,
    Paragraph,
    Pos,
    Table,
    Text,
    ThematicBreak,
    WikiBlock,
)
from wikiconv.readers.blocks import MAX_NESTING, scan_blocks, split_lines
from wikiconv.readers.hybrid import block_parser, plain_text, read_hybrid
from wikiconv.readers.template_spans import SPAN_LINE_CAP

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def blocks(text: str, **options: Any) -> list[Block]:
    """The top-level blocks of ``text`` (level-1 headings kept)."""
    options.setdefault("keep_h1", True)
    return read_hybrid(text, **options).blocks


def text_of(block: Block) -> str:
    """Plain text of a paragraph or heading."""
    assert isinstance(block, Paragraph | Heading), block
    return plain_text(block.children)


def walk(document: Document) -> list[Block]:
    """Every block of a document, containers included, without recursion."""
    found: list[Block] = []
    stack: list[Any] = list(reversed(document.blocks))
    for footnote in document.footnotes.values():
        stack.extend(reversed(footnote))
    while stack:
        block = stack.pop()
        found.append(block)
        if isinstance(block, BlockQuote | ListItem):
            stack.extend(reversed(block.children))
        elif isinstance(block, BulletList | OrderedList):
            stack.extend(reversed(block.items))
    return found


def depth(block: Block) -> int:
    """How many containers deep the first-child chain of ``block`` goes."""
    levels = 0
    node: Any = block
    while isinstance(node, BlockQuote | ListItem | BulletList | OrderedList):
        levels += 1
        children = node.items if isinstance(node, BulletList | OrderedList) else node.children
        node = children[0] if children else None
    return levels


# --------------------------------------------------------------------------- leaf blocks


def test_atx_and_setext_headings() -> None:
    result = blocks("# One #\n\nTwo\n===\n\nThree\nlines\n---\n###### Six\n####### seven")
    assert [(b.level, text_of(b)) for b in result[:4] if isinstance(b, Heading)] == [
        (1, "One"),
        (1, "Two"),
        (2, "Three lines"),
        (6, "Six"),
    ]
    assert isinstance(result[4], Paragraph)
    assert text_of(result[4]) == "####### seven"


def test_thematic_break_versus_setext_and_list() -> None:
    result = blocks("Foo\n***\n- - -\n* a\n\n___")
    assert isinstance(result[0], Paragraph)
    assert isinstance(result[1], ThematicBreak)
    assert isinstance(result[2], ThematicBreak)
    assert isinstance(result[3], BulletList)
    assert isinstance(result[4], ThematicBreak)


def test_fenced_code_info_and_text_without_final_newline() -> None:
    (code,) = blocks("``` py\\_x&amp;y extra words\n  indented\n\n```")
    assert isinstance(code, CodeBlock)
    assert code.info == "py_x&y"
    assert code.text == "  indented\n"


def test_fence_indentation_is_removed_and_unclosed_fence_ends_with_container() -> None:
    result = blocks("  ~~~\n  a\n    b\n c\n~~~~\n\n> ```\n> x\n\nafter")
    assert isinstance(result[0], CodeBlock)
    assert result[0].text == "a\n  b\nc"
    quote = result[1]
    assert isinstance(quote, BlockQuote)
    assert isinstance(quote.children[0], CodeBlock)
    assert quote.children[0].text == "x"
    assert text_of(result[2]) == "after"


def test_indented_code_keeps_inner_blank_lines_and_drops_trailing_ones() -> None:
    (code, para) = blocks("    one\n\n      two\n    \n\nnext")
    assert isinstance(code, CodeBlock)
    assert code.info == ""
    assert code.text == "one\n\n  two"
    assert text_of(para) == "next"


def test_indented_code_cannot_interrupt_a_paragraph() -> None:
    (para,) = blocks("Foo\n    bar")
    assert text_of(para) == "Foo bar"


def test_tabs_are_four_column_stops() -> None:
    (quote,) = blocks(">\t\tfoo")
    assert isinstance(quote, BlockQuote)
    assert quote.children == [CodeBlock("  foo")]
    (lst,) = blocks("- foo\n\n\t\tbar")
    assert isinstance(lst, BulletList)
    assert lst.items[0].children[1] == CodeBlock("  bar")


def test_html_blocks_start_and_end_conditions() -> None:
    result = blocks("<!-- a\n\nb -->\ntext\n\n<div>\n*x*\n\nafter\n\n<del>\n\n<del>*y*</del>")
    assert result[0] == HtmlBlock("<!-- a\n\nb -->")
    assert text_of(result[1]) == "text"
    assert result[2] == HtmlBlock("<div>\n*x*")
    assert text_of(result[3]) == "after"
    assert result[4] == HtmlBlock("<del>")
    assert isinstance(result[5], Paragraph)  # type 7 needs the tag alone on its line


def test_html_type_7_cannot_interrupt_a_paragraph() -> None:
    (para,) = blocks("Foo\n<del>\nbar")
    assert isinstance(para, Paragraph)


def test_link_reference_definitions_are_consumed_first_one_wins() -> None:
    (para,) = blocks("[foo]\n\n[foo]: /url 'title'\n[FOO]: /second")
    assert isinstance(para, Paragraph)
    link = para.children[0]
    assert isinstance(link, Link)
    assert (link.url, link.title) == ("/url", "title")


def test_link_reference_definition_that_leaves_no_paragraph_and_setext() -> None:
    result = blocks("[a]: /u\n===\n\n[b]: /v\nHeading\n---")
    assert text_of(result[0]) == "==="
    assert isinstance(result[1], Heading)
    assert (result[1].level, text_of(result[1])) == (2, "Heading")
    scan = scan_blocks(split_lines('[a]: /u\n"title"\n[b]:\n<my url>'))
    assert [(d.label, d.url, d.title) for d in scan.link_ref_defs] == [
        ("a", "/u", "title"),
        ("b", "my url", ""),
    ]


def test_paragraph_text_strips_leading_and_final_whitespace() -> None:
    (para,) = blocks("   aaa\n bbb  \n  ccc   ")
    assert isinstance(para, Paragraph)
    assert plain_text(para.children) == "aaa bbb ccc"
    assert isinstance(para.children[-1], Text)
    assert not para.children[-1].text.endswith(" ")


# --------------------------------------------------------------------------- containers


def test_block_quote_with_lazy_continuation() -> None:
    (quote, para) = blocks("> a\nb\n> c\n\nd")
    assert isinstance(quote, BlockQuote)
    assert [text_of(p) for p in quote.children] == ["a b c"]
    assert text_of(para) == "d"


def test_lists_tight_loose_start_and_marker_change() -> None:
    result = blocks("1. a\n2. b\n\n3. c\n- x\n- y\n+ z\n\n7) seven")
    ordered, bullets, plus, seven = result
    assert isinstance(ordered, OrderedList)
    assert (ordered.start, ordered.tight, len(ordered.items)) == (1, False, 3)
    assert isinstance(bullets, BulletList)
    assert bullets.tight
    assert len(bullets.items) == 2
    assert isinstance(plus, BulletList)
    assert isinstance(seven, OrderedList)
    assert seven.start == 7


def test_looseness_from_blank_line_between_blocks_of_an_item() -> None:
    (lst,) = blocks("- a\n\n  b\n- c")
    assert isinstance(lst, BulletList)
    assert not lst.tight
    (outer,) = blocks("- a\n  - b\n\n    c\n- d")
    assert isinstance(outer, BulletList)
    inner = outer.items[0].children[1]
    assert isinstance(inner, BulletList)
    assert outer.tight and not inner.tight


def test_blank_lines_in_fenced_code_do_not_loosen_a_list() -> None:
    (lst,) = blocks("- a\n- ```\n  b\n\n\n  ```\n- c")
    assert isinstance(lst, BulletList)
    assert lst.tight


def test_list_interrupts_paragraph_but_ordered_only_from_one() -> None:
    result = blocks("Intro:\n- a\n- b\n\nCount:\n2. two\n\nCount:\n1. one")
    assert isinstance(result[0], Paragraph)
    assert isinstance(result[1], BulletList)
    assert text_of(result[2]) == "Count: 2. two"
    assert isinstance(result[4], OrderedList)
    (para,) = blocks("Empty:\n*\nitems")
    assert text_of(para) == "Empty: * items"


def test_runway_initiatives_is_a_paragraph_and_a_five_item_list() -> None:
    document = read_hybrid((SAMPLES / "runway.md").read_text(encoding="utf-8"))
    index = next(
        i
        for i, b in enumerate(document.blocks)
        if isinstance(b, Heading) and text_of(b) == "Initiatives"
    )
    para, lst = document.blocks[index + 1], document.blocks[index + 2]
    assert isinstance(para, Paragraph)
    assert text_of(para) == "Runway supports the creative community through several programs:"
    assert isinstance(lst, BulletList)
    assert len(lst.items) == 5
    assert lst.tight
    assert document.title == "Runway"


def test_list_item_content_indentation_and_empty_items() -> None:
    (lst, para) = blocks("-   one\n\n    two\n-\n  three\n-\n\n  four")
    assert isinstance(lst, BulletList)
    first, second, third = lst.items
    assert [text_of(b) for b in first.children] == ["one", "two"]
    assert [text_of(b) for b in second.children] == ["three"]
    assert third.children == []  # an item can begin with at most one blank line
    assert text_of(para) == "four"


# --------------------------------------------------------------------------- GFM tables


def test_table_alignments_escaped_pipes_and_row_widths() -> None:
    (table, after) = blocks(
        "| a | b \\| c | d |\n|:--|:-:|--:|\n| 1 | 2 | 3 | 4 |\n| only |\nno pipes\n\nafter"
    )
    assert isinstance(table, Table)
    assert [plain_text(cell) for cell in table.header] == ["a", "b | c", "d"]
    assert table.aligns == ["left", "center", "right"]
    assert [[plain_text(cell) for cell in row] for row in table.rows] == [
        ["1", "2", "3"],
        ["only", "", ""],
        ["no pipes", "", ""],
    ]
    assert text_of(after) == "after"


def test_table_needs_matching_header_and_splits_a_paragraph() -> None:
    (para,) = blocks("| a | b |\n| - |")
    assert isinstance(para, Paragraph)
    intro, table, quote = blocks("Intro text\n| a |\n|---|\n| b |\n> quote")
    assert text_of(intro) == "Intro text"
    assert isinstance(table, Table)
    assert [[plain_text(c) for c in row] for row in table.rows] == [["b"]]
    assert isinstance(quote, BlockQuote)


# --------------------------------------------------------------------------- hybrid


def test_front_matter_meta_title_and_categories() -> None:
    document = read_hybrid(
        "---\ntitle: Page\ncategories: [A, 'Category:B|key']\nlang: en\n---\n# Page\n\nBody\n"
    )
    assert document.title == "Page"
    assert document.meta["lang"] == "en"
    assert [(c.name, c.sort_key) for c in document.categories] == [("A", None), ("B", "key")]
    assert [text_of(b) for b in document.blocks] == ["Body"]
    assert document.blocks[0].pos == Pos(8, 1)


def test_front_matter_category_string_and_other_first_heading() -> None:
    document = read_hybrid("---\ntitle: T\ncategories: X, Y\n...\n# Other\n")
    assert [c.name for c in document.categories] == ["X", "Y"]
    assert isinstance(document.blocks[0], Heading)
    assert document.title == "T"


def test_invalid_front_matter_points_at_the_yaml_error() -> None:
    with pytest.raises(InputError) as caught:
        read_hybrid("---\ntitle: ok\nbad: : x\n---\n", source_name="a.md")
    assert (caught.value.source_name, caught.value.line) == ("a.md", 3)
    assert caught.value.column > 1
    assert str(caught.value).startswith("a.md:3:")


def test_dashes_without_closing_line_are_not_front_matter() -> None:
    result = blocks("---\ntitle: x\n")
    assert isinstance(result[0], ThematicBreak)
    assert isinstance(result[1], Paragraph)
    setext = blocks("---\nJust text\n---\n")
    assert isinstance(setext[0], ThematicBreak)
    assert isinstance(setext[1], Heading)


def test_footnote_definitions_leave_the_block_list() -> None:
    document = read_hybrid(
        "Claim[^n].\n\n[^n]: First line\n    continued.\n\n    Second paragraph.\n\nBody."
    )
    assert [text_of(b) for b in document.blocks] == ["Claim.", "Body."]
    assert isinstance(document.blocks[0], Paragraph)
    assert any(isinstance(n, FootnoteRef) for n in document.blocks[0].children)
    note = document.footnotes["n"]
    assert [text_of(b) for b in note] == ["First line continued.", "Second paragraph."]


def test_block_template_spans_blank_and_markdown_looking_lines() -> None:
    source = "Intro.\n{{Infobox\n| name = X\n\n* not a list\n}}\n}}\nAfter."
    intro, template, after = blocks(source)
    assert text_of(intro) == "Intro."
    assert template == WikiBlock("{{Infobox\n| name = X\n\n* not a list\n}}")
    assert template.pos == Pos(2, 1)
    assert text_of(after) == "}} After."


def test_template_with_text_after_it_is_paragraph_text() -> None:
    (para, lst) = blocks("{{cite web\n|url=x\n* y}} and more\ntext\n* real item")
    assert isinstance(para, Paragraph)
    assert "* y" in plain_text(para.children)
    assert isinstance(lst, BulletList)


def test_unbalanced_template_falls_back_to_markdown() -> None:
    para, lst = blocks("{{never closed\n* item")
    assert text_of(para) == "{{never closed"
    assert isinstance(lst, BulletList)
    far = "{{far\n" + "x\n" * SPAN_LINE_CAP + "}}\n"
    assert not any(isinstance(b, WikiBlock) for b in blocks(far))
    near = "{{near\n" + "x\n" * (SPAN_LINE_CAP - 1) + "}}\n"
    assert isinstance(blocks(near)[0], WikiBlock)


def test_wiki_table_is_verbatim_with_nesting() -> None:
    source = '{| class="wikitable"\n| a\n{|\n| inner\n|}\n| {{tpl\n|}}\n|}\n\n* list'
    table, lst = blocks(source)
    assert table == WikiBlock('{| class="wikitable"\n| a\n{|\n| inner\n|}\n| {{tpl\n|}}\n|}')
    assert isinstance(lst, BulletList)


def test_categories_move_out_of_the_text() -> None:
    document = read_hybrid(
        "Text [[Category:Inline|k]] more.\n\n[[Category:A]]\n[[Category:B]]\n\n"
        "> [[Category:Quoted]]\n\n[[Category:A]]\n\n__NOTOC__"
    )
    assert [(c.name, c.sort_key) for c in document.categories] == [
        ("Inline", "k"),
        ("A", None),
        ("B", None),
        ("Quoted", None),
    ]
    first, quote, magic = document.blocks
    assert isinstance(first, Paragraph)
    assert not any(isinstance(n, Category) for n in first.children)
    assert plain_text(first.children) == "Text more."
    assert quote == BlockQuote([])
    assert isinstance(magic, Paragraph)
    assert isinstance(magic.children[0], MagicWord)


def test_page_title_from_first_level_one_heading() -> None:
    document = read_hybrid("Lead.\n\nTitle *here*\n============\n\n# Second\n")
    assert document.title == "Title here"
    assert [type(b) for b in document.blocks] == [Paragraph, Heading]
    kept = read_hybrid("# Title\n", keep_h1=True)
    assert kept.title is None
    assert isinstance(kept.blocks[0], Heading)
    assert read_hybrid("## Only two\n").title is None


def test_input_hygiene() -> None:
    document = read_hybrid("a\x00b\r\nc\rd\r\n\r\n# h", keep_h1=True)
    para, heading = document.blocks
    assert text_of(para) == "a\ufffdb c d"
    assert heading.pos == Pos(5, 1)


def test_every_block_has_a_position() -> None:
    source = "> q\n\n- a\n  1. b\n\n```\nc\n```\n\n| t |\n|---|\n\n[^f]: n\n\n{|\n|}\n"
    document = read_hybrid(source)
    assert all(block.pos is not None for block in walk(document))
    quote, bullets, code, table, wiki = document.blocks
    assert isinstance(quote, BlockQuote)
    assert (quote.pos, quote.children[0].pos) == (Pos(1, 1), Pos(1, 3))
    assert isinstance(bullets, BulletList)
    nested = bullets.items[0].children[1]
    assert (bullets.pos, nested.pos) == (Pos(3, 1), Pos(4, 3))
    assert (code.pos, table.pos, wiki.pos) == (Pos(6, 1), Pos(10, 1), Pos(15, 1))


# --------------------------------------------------------------------------- limits


def test_nesting_is_capped_and_deeper_markers_are_text() -> None:
    (quote,) = blocks("> " * 50_000 + "x")
    assert depth(quote) == MAX_NESTING
    (lst,) = blocks("1. " * 50_000 + "x")
    assert depth(lst) == MAX_NESTING
    (rule,) = blocks("- " * 50_000)
    assert isinstance(rule, ThematicBreak)


@pytest.mark.parametrize(
    "source",
    [
        "> " * 50_000 + "x",
        "- " * 50_000 + "x",
        "1. " * 50_000 + "x",
        "line of text\n" * 100_000,
        "{{open\n" * 20_000,
        "{{a\n" * 10_000 + "}}\n" * 10_000,
        "\n".join(" " * (2 * i) + "- x" for i in range(1500)),
    ],
    ids=[
        "quotes",
        "bullets",
        "ordered",
        "100k-lines",
        "open-templates",
        "template-pyramid",
        "stairs",
    ],
)
def test_pathological_input_is_fast(source: str) -> None:
    start = time.perf_counter()
    read_hybrid(source)
    assert time.perf_counter() - start < 8.0


def test_half_megabyte_document_is_fast() -> None:
    sample = (SAMPLES / "runway.md").read_text(encoding="utf-8")
    extra = "\n\n> quote\n\n```py\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    document = (sample + extra) * (500_000 // len(sample + extra) + 1)
    block_parser()
    start = time.perf_counter()
    scan = scan_blocks(split_lines(document))
    block_parser().parse(scan.tokens)
    assert time.perf_counter() - start < 2.0


MARKDOWNISH = st.lists(
    st.sampled_from(
        list("> -*+1.)#`~=|:[]^{}!<a/\\ \t\n\r\x00")
        + ["\n\n", "    ", "{{", "}}", "{|", "|}", "```", "<div>", "[^a]: "]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_any_text_reads_without_error(source: str) -> None:
    document = read_hybrid(source)
    assert all(block.pos is not None for block in walk(document))


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_restores_the_cycle_collector_state(enabled: bool) -> None:
    """The reader pauses the cycle collector and leaves it as the caller had it."""
    import gc

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        read_hybrid("# T\n\nSome *text* with [[a link]].\n")
        assert gc.isenabled() is enabled
        with pytest.raises(InputError):
            read_hybrid("---\na: [unclosed\n---\n")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_overlapping_readers_in_threads_leave_the_collector_on() -> None:
    """Readers in several threads share one pause; the last one out restores collection."""
    import gc
    import threading

    assert gc.isenabled()
    errors: list[BaseException] = []

    def read_many() -> None:
        try:
            for _ in range(2000):
                read_hybrid("a *b* [[c]]\n")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=read_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert gc.isenabled()
