"""Shared pieces of the round-trip tests and benchmarks: the trips and the document strategy.

Round trip A (hybrid first): hybrid → wikitext → hybrid → wikitext; the two wikitexts must be
equal byte for byte, and the two hybrids equal after :func:`normalised` (the page title is not
compared: wikitext has no place for it).  Round trip B (wikitext first): wikitext → hybrid →
wikitext, judged by rendering both wikitexts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from wikiconv import model as m
from wikiconv.readers.hybrid import read_hybrid as read_hybrid_full
from wikiconv.readers.wikitext import read_wikitext
from wikiconv.writers.markdown import write_markdown
from wikiconv.writers.wikitext import write_wikitext

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "wikitext"


@dataclass
class TripA:
    """The texts of one hybrid-first round trip."""

    hybrid1: str
    wikitext1: str
    hybrid2: str
    wikitext2: str


def trip_a(hybrid: str) -> TripA:
    """hybrid → wikitext → hybrid → wikitext."""
    wikitext1 = write_wikitext(read_hybrid_full(hybrid)).text
    hybrid2 = write_markdown(read_wikitext(wikitext1))
    wikitext2 = write_wikitext(read_hybrid_full(hybrid2)).text
    return TripA(hybrid, wikitext1, hybrid2, wikitext2)


def trip_b(wikitext: str) -> tuple[str, str]:
    """wikitext → hybrid → wikitext: (hybrid, wikitext)."""
    hybrid = write_markdown(read_wikitext(wikitext))
    return hybrid, write_wikitext(read_hybrid_full(hybrid)).text


def normalised(hybrid: str) -> tuple[list[str], list[str]]:
    """A hybrid's categories and the wikitext of each of its blocks.

    Two hybrids are the same after normalisation when they assign the same categories and
    their blocks write the same wikitext one by one: an island, a template paragraph and a
    block template holding the same text are one thing, and so are a soft break and the space
    the wikitext writer puts for it inside a heading.
    """
    doc = read_hybrid_full(hybrid)
    categories = [f"{c.name}|{c.sort_key}" for c in doc.categories]
    blocks = []
    for block in doc.blocks:
        text = write_wikitext(m.Document(blocks=[block], footnotes=doc.footnotes)).text
        if text.strip():
            blocks.append(text)
    return categories, blocks


# --------------------------------------------------------------------------- documents

_WORDS = ["a", "Wiki", "text", "ßé", "x1", "http", "www", "NOTOC", "amp", "ref", "b"]
_PUNCT = list("*_`[]<>&{}|~#-+.!:'=\\/()\";") + ["''", "]]", "{{", "__", "~~", "://", "&amp;", "1."]
_PIECE = st.sampled_from([*_WORDS, *_PUNCT, " ", " ", "  "])
TEXT = st.lists(_PIECE, min_size=1, max_size=6).map("".join)
PLAIN = st.lists(st.sampled_from([*_WORDS, " "]), min_size=1, max_size=3).map(
    lambda parts: "".join(parts).strip() or "x"
)


def _leaf() -> st.SearchStrategy[m.Inline]:
    return st.one_of(
        TEXT.map(m.Text),
        TEXT.map(m.Code),
        PLAIN.map(lambda t: m.WikiLink(t)),
        st.tuples(PLAIN, PLAIN).map(lambda p: m.WikiLink(p[0], [m.Text(p[1])])),
        PLAIN.map(lambda t: m.Link("https://example.org/" + t.replace(" ", "_"), [m.Text(t)])),
        PLAIN.map(lambda t: m.Template(t, "{{" + t + "|a=1}}")),
        st.just(m.MagicWord("NOTOC")),
        PLAIN.map(lambda t: m.Comment(" " + t + " ")),
        PLAIN.map(lambda t: m.Ref(None, [m.Text(t)])),
        PLAIN.map(lambda t: m.Ref(t.replace(" ", ""), None)),
        st.sampled_from(
            [m.RawWikitext("[https://example.org]"), m.RawWikitext("<math>x^2</math>")]
        ),
        st.just(m.RawHtml("<span>")),
    )


INLINE: st.SearchStrategy[m.Inline] = st.recursive(
    _leaf(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(m.Emph),
        st.lists(inner, min_size=1, max_size=3).map(m.Strong),
        st.lists(inner, min_size=1, max_size=3).map(m.Strikeout),
    ),
    max_leaves=4,
)


def _sensible(nodes: list[m.Inline]) -> list[m.Inline]:
    """Line breaks only between content, never two in a row, no spaces around them.

    (What either reader can produce: a paragraph neither starts nor ends with a line break.)
    """
    out: list[m.Inline] = []
    for node in nodes:
        is_break = isinstance(node, (m.SoftBreak, m.LineBreak))
        if is_break and (not out or isinstance(out[-1], (m.SoftBreak, m.LineBreak))):
            continue
        if is_break and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text.rstrip(" \t") or "x")
        if isinstance(node, m.Text) and out and isinstance(out[-1], (m.SoftBreak, m.LineBreak)):
            node = m.Text(node.text.lstrip(" \t") or "x")
        out.append(node)
    while out and isinstance(out[-1], (m.SoftBreak, m.LineBreak)):
        out.pop()
    if out and isinstance(out[-1], m.Text):
        out[-1] = m.Text(out[-1].text.rstrip(" \t") or "x")
    return out or [m.Text("x")]


INLINES = st.lists(
    st.one_of(INLINE, st.just(m.SoftBreak()), st.just(m.LineBreak())), min_size=1, max_size=5
).map(_sensible)


def _paragraph() -> st.SearchStrategy[m.Block]:
    return INLINES.map(m.Paragraph)


def _list(inner: st.SearchStrategy[m.Block]) -> st.SearchStrategy[m.Block]:
    items = st.lists(
        st.lists(st.one_of(_paragraph(), inner), min_size=1, max_size=2).map(m.ListItem),
        min_size=1,
        max_size=3,
    )
    return st.one_of(
        st.tuples(items, st.booleans()).map(lambda p: m.BulletList(p[0], tight=p[1])),
        st.tuples(items, st.integers(1, 12), st.booleans()).map(
            lambda p: m.OrderedList(p[0], start=p[1], tight=p[2])
        ),
    )


def _table() -> st.SearchStrategy[m.Block]:
    def build(width: int) -> st.SearchStrategy[m.Block]:
        cell = st.lists(INLINE, max_size=2)
        row = st.lists(cell, min_size=width, max_size=width)
        aligns = st.lists(
            st.sampled_from([None, "left", "center", "right"]), min_size=width, max_size=width
        )
        return st.tuples(row, aligns, st.lists(row, max_size=2)).map(
            lambda p: m.Table(p[0], p[1], p[2])  # type: ignore[arg-type]
        )

    return st.integers(1, 3).flatmap(build)


_LEAF_BLOCK = st.one_of(
    _paragraph(),
    st.tuples(st.integers(2, 6), INLINES).map(lambda p: m.Heading(p[0], p[1])),
    st.tuples(TEXT, st.sampled_from(["", "python", "c"])).map(lambda p: m.CodeBlock(p[0], p[1])),
    st.just(m.ThematicBreak()),
    _table(),
    st.just(m.WikiBlock("{{Infobox x\n| a = 1\n}}")),
    st.just(m.WikiBlock(";term\n: definition")),
)
BLOCK: st.SearchStrategy[m.Block] = st.recursive(
    _LEAF_BLOCK,
    lambda inner: st.one_of(
        _list(inner), st.lists(inner, min_size=1, max_size=2).map(m.BlockQuote)
    ),
    max_leaves=4,
)
DOCUMENT = st.tuples(
    st.lists(BLOCK, min_size=1, max_size=3),
    st.lists(PLAIN.map(lambda t: m.Category(t)), max_size=2),
).map(lambda p: m.Document(blocks=p[0], categories=p[1]))
