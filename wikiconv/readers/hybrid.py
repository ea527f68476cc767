"""Reader of the Markdown–MediaWiki hybrid: text in, :class:`wikiconv.model.Document` out.

Steps: input hygiene, YAML front matter, the container pass
(:mod:`wikiconv.readers.blocks`), the block grammar (``grammar/block.lark``, LALR) whose
tree :class:`~wikiconv.readers.block_builder.BlockBuilder` turns into model blocks with
their inlines, then the page-level steps: categories out of the text, the page title
out of the first level-1 heading.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from lark import Lark, Token
from lark.lexer import Lexer

from wikiconv.inline_text import plain_text as inline_plain_text
from wikiconv.model import (
    Block,
    BlockQuote,
    BulletList,
    Category,
    Document,
    Emph,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    Pos,
    Ref,
    SoftBreak,
    Strikeout,
    Strong,
    Table,
    Text,
    WikiLink,
)
from wikiconv.readers.block_builder import BlockBuilder
from wikiconv.readers.block_starts import COMMONMARK_STARTS, STARTS
from wikiconv.readers.blocks import normalize_source, scan_blocks, split_lines
from wikiconv.readers.front_matter import read_front_matter
from wikiconv.readers.hybrid_islands import ISLAND_INFO, lift_islands
from wikiconv.readers.inline import InlineContext, normalize_label

_GRAMMAR_PACKAGE = "wikiconv.grammar"
# What a category link's target must contain (see inline_scanners.classify_wiki_target).
_CATEGORY_PREFIX = re.compile(r"category[ \t]*:", re.IGNORECASE)
_GRAMMAR_FILE = "block.lark"


class TokenStreamLexer(Lexer):
    """Lark's lexer slot for the block grammar: it hands over the container pass's tokens.

    This is Lark's "interface 0" custom lexer: ``lex`` receives what was given to
    ``Lark.parse``, here the token list made by :func:`~wikiconv.readers.blocks.scan_blocks`.
    """

    def __init__(self, lexer_conf: Any) -> None:
        """Nothing to configure: the tokens are made before parsing."""

    def lex(self, data: list[Token]) -> Iterator[Token]:  # type: ignore[override]
        """Yield the tokens given to ``Lark.parse``."""
        return iter(data)


def _load_block_grammar(transformer: BlockBuilder | None = None) -> Lark:
    """Load ``grammar/block.lark`` as an LALR parser, from Lark's on-disk table cache.

    The cache (a file in the temp directory) makes later processes load it in ~2 ms
    instead of ~12 ms; the custom lexer class does not prevent caching.
    """
    options: dict[str, Any] = {
        "parser": "lalr",
        "lexer": TokenStreamLexer,
        "start": "document",
        "cache": True,
        "transformer": transformer,
    }
    try:
        return Lark.open_from_package(_GRAMMAR_PACKAGE, _GRAMMAR_FILE, **options)
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        # Running from a source tree that is not installed: grammar/ sits beside wikiconv/.
        path = Path(__file__).resolve().parents[2] / "grammar" / _GRAMMAR_FILE
        return Lark.open(str(path), **options)


@functools.cache
def block_parser() -> Lark:
    """The LALR parser of ``grammar/block.lark`` giving a parse tree, built once per process."""
    return _load_block_grammar()


_THREAD = threading.local()


def _building_parser() -> tuple[Lark, BlockBuilder]:
    """This thread's parser with a :class:`BlockBuilder` embedded as Lark's transformer.

    Lark then calls the builder at each reduction instead of building a tree that is
    walked afterwards (about 10% of the reader's time).  One per thread, because the
    builder carries the current document's state.
    """
    found: tuple[Lark, BlockBuilder] | None = getattr(_THREAD, "parser", None)
    if found is None:
        builder = BlockBuilder(InlineContext({}))
        found = _THREAD.parser = (_load_block_grammar(builder), builder)
    return found


def read_hybrid(
    text: str, source_name: str = "<string>", keep_h1: bool = False, extensions: bool = True
) -> Document:
    """Parse a hybrid Markdown/MediaWiki article into a Document.

    With ``extensions=False`` the text is read as CommonMark 0.31.2 alone (pandoc's
    ``-f commonmark``): no front matter, GFM tables, strikethrough or autolink extension,
    footnotes, wiki links, templates, refs or magic words.
    """
    with _no_cycle_collection():
        return _read_hybrid(text, source_name, keep_h1, extensions)


class _CollectorPause:
    """Pause CPython's cycle collector while documents are read, from any number of threads.

    Reading builds many small objects that live until the end (the model) and few cycles
    (the inline pass breaks its own), so the collector's repeated scans of the growing
    model are pure cost: about 15% of the time on 500 KB, and slightly worse than linear on
    50,000 nested brackets. The collector's switch is global, so the first reader to enter
    records its state and pauses it, and the last to leave restores it: a caller that had
    disabled collection keeps it disabled, and overlapping readers cannot leave it off.
    """

    def __init__(self) -> None:
        """No reader yet."""
        self._lock = threading.Lock()
        self._readers = 0
        self._was_enabled = False

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        """Hold the pause for the duration of the ``with`` block."""
        with self._lock:
            if self._readers == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if self._readers == 0 and self._was_enabled:
                    gc.enable()


_no_cycle_collection = _CollectorPause()


def _read_hybrid(text: str, source_name: str, keep_h1: bool, extensions: bool) -> Document:
    """:func:`read_hybrid` without the collector pause."""
    lines = split_lines(normalize_source(text))
    front = read_front_matter(lines if extensions else [], source_name)
    starts = STARTS if extensions else COMMONMARK_STARTS
    scan = scan_blocks(lines[front.line_count :], front.line_count + 1, starts)
    link_refs: dict[str, tuple[str, str]] = {}
    for definition in scan.link_ref_defs:
        link_refs.setdefault(normalize_label(definition.label), (definition.url, definition.title))
    context = InlineContext(link_refs, set(scan.footnote_labels), source_name, extensions)
    parser, builder = _building_parser()
    saved = builder.begin(context)
    try:
        # With an embedded transformer, Lark returns what BlockBuilder.document returns.
        blocks = cast(list[Block], parser.parse(scan.tokens))
        footnotes = builder.footnotes
    finally:
        builder.restore(saved)
    document = Document(
        blocks=blocks,
        title=front.title,
        meta=front.meta,
        footnotes=footnotes,
        source_name=source_name,
        pos=Pos(1, 1),
    )
    found: list[Category] = list(front.categories)
    if extensions and _CATEGORY_PREFIX.search(text):  # no walk when no [[Category:…]] can exist
        _pull_categories_from_blocks(document.blocks, found)
        for footnote in document.footnotes.values():
            _pull_categories_from_blocks(footnote, found)
    seen: set[str] = set()
    for category in found:
        if category.name not in seen:
            seen.add(category.name)
            document.categories.append(category)
    if not keep_h1:
        _take_title(document)
    if extensions and (ISLAND_INFO in text or "infobox" in document.meta):
        lift_islands(document)  # raw wikitext islands: ```{=mediawiki} and `...`{=mediawiki}
    return document


# --------------------------------------------------------------------------- categories


def _inline_children(node: Inline) -> list[Inline] | None:
    """The nested inline list of a node, if it has one."""
    if isinstance(node, Emph | Strong | Strikeout | Link):
        return node.children
    if isinstance(node, Image):
        return node.alt
    if isinstance(node, WikiLink | Ref):
        return node.label if isinstance(node, WikiLink) else node.children
    return None


def _pull_categories(inlines: list[Inline], found: list[Category]) -> bool:
    """Move every Category (at any depth) out of ``inlines`` into ``found``, in order."""
    changed = False
    stack: list[tuple[list[Inline], int]] = [(inlines, 0)]
    while stack:
        sequence, index = stack.pop()
        while index < len(sequence):
            node = sequence[index]
            if isinstance(node, Category):
                found.append(node)
                del sequence[index]
                changed = True
                continue
            nested = _inline_children(node)
            index += 1
            if nested:
                stack.append((sequence, index))
                stack.append((nested, 0))
                break
    return changed


def _is_space(node: Inline) -> bool:
    """A line break, or text that is only whitespace."""
    if isinstance(node, Text):
        return not node.text.strip()
    return isinstance(node, SoftBreak | LineBreak)


def _tidy(inlines: list[Inline]) -> None:
    """After removals: no leading/trailing breaks or blanks, no runs of line breaks,
    and the texts on both sides of a removed node joined."""
    while inlines and _is_space(inlines[0]):
        del inlines[0]
    while inlines and _is_space(inlines[-1]):
        del inlines[-1]
    index = 1
    while index < len(inlines):
        node, previous = inlines[index], inlines[index - 1]
        if isinstance(node, SoftBreak) and _is_space(previous):
            del inlines[index]
        elif isinstance(node, Text) and isinstance(previous, Text):
            previous.text += node.text
            del inlines[index]
        else:
            index += 1


def _pull_categories_from_blocks(blocks: list[Any], found: list[Category]) -> None:
    """Take categories out of every block's inlines, in document order.

    Paragraphs left empty are dropped.  The walk is iterative (pre-order, explicit stack).
    """
    emptied: list[tuple[list[Any], Paragraph]] = []
    stack: list[tuple[list[Any], int]] = [(blocks, 0)]
    while stack:
        sequence, index = stack.pop()
        while index < len(sequence):
            block = sequence[index]
            index += 1
            nested: list[list[Any]] = []
            if isinstance(block, Paragraph):
                if _pull_categories(block.children, found):
                    _tidy(block.children)
                    if not block.children:
                        emptied.append((sequence, block))
            elif isinstance(block, Heading):
                _pull_categories(block.children, found)
            elif isinstance(block, Table):
                for row in [block.header, *block.rows]:
                    for cell in row:
                        _pull_categories(cell, found)
            elif isinstance(block, BlockQuote | ListItem):
                nested = [block.children]
            elif isinstance(block, BulletList | OrderedList):
                nested = [item.children for item in block.items]
            if nested:
                stack.append((sequence, index))
                stack.extend((children, 0) for children in reversed(nested))
                break
    drop: dict[int, tuple[list[Any], set[int]]] = {}
    for sequence, paragraph in emptied:
        drop.setdefault(id(sequence), (sequence, set()))[1].add(id(paragraph))
    for sequence, ids in drop.values():
        sequence[:] = [block for block in sequence if id(block) not in ids]


# --------------------------------------------------------------------------- title

_SPACES = re.compile(r"\s+")


def plain_text(inlines: list[Inline]) -> str:
    """The visible text of inlines, whitespace collapsed (used for the page title)."""
    return _SPACES.sub(" ", inline_plain_text(inlines)).strip()


def _take_title(document: Document) -> None:
    """The first level-1 heading becomes the page title (see the module docs)."""
    for index, block in enumerate(document.blocks):
        if isinstance(block, Heading) and block.level == 1:
            text = plain_text(block.children)
            if document.title is None and text:
                document.title = text
                del document.blocks[index]
            elif document.title is not None and text == document.title:
                del document.blocks[index]
            return
