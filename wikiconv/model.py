"""The intermediate document model: plain dataclasses, no I/O, no formatting.

Readers build these nodes; writers only read them.  Every node may carry the
source position (1-based line and column) where it started, so later stages can
report ``file:line:col``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from wikiconv.citations.citation import Citation
    from wikiconv.statements.statement import EntityDraft


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column in the source text."""

    line: int
    column: int


@dataclass(slots=True)
class Node:
    """Base of every model node."""

    pos: Pos | None = field(default=None, kw_only=True, compare=False, repr=False)


# --------------------------------------------------------------------------- inlines


@dataclass(slots=True)
class Text(Node):
    """Literal text, already unescaped (entities decoded, backslashes removed)."""

    text: str


@dataclass(slots=True)
class SoftBreak(Node):
    """A line ending inside a paragraph (renders as a space)."""


@dataclass(slots=True)
class LineBreak(Node):
    """A hard line break (two trailing spaces or a backslash before the newline)."""


@dataclass(slots=True)
class Code(Node):
    """An inline code span."""

    text: str


@dataclass(slots=True)
class Emph(Node):
    """Emphasis (``*x*`` or ``_x_``)."""

    children: list[Inline]


@dataclass(slots=True)
class Strong(Node):
    """Strong emphasis (``**x**`` or ``__x__``)."""

    children: list[Inline]


@dataclass(slots=True)
class Strikeout(Node):
    """GFM strikethrough (``~~x~~``)."""

    children: list[Inline]


@dataclass(slots=True)
class Link(Node):
    """A Markdown link to a URL (inline, reference-style, or an autolink)."""

    url: str
    children: list[Inline]
    title: str = ""
    autolink: bool = False


@dataclass(slots=True)
class Image(Node):
    """A Markdown image; ``alt`` holds the description inlines."""

    url: str
    alt: list[Inline]
    title: str = ""


@dataclass(slots=True)
class WikiLink(Node):
    """An internal wiki link ``[[target|label]]trail``; ``label`` is None when absent.

    ``annotation`` holds the property of a Semantic MediaWiki annotation
    ``[[property::target|label]]``; it is written back as an ordinary link.
    """

    target: str
    label: list[Inline] | None = None
    trail: str = ""
    annotation: str | None = None


@dataclass(slots=True)
class Category(Node):
    """A category assignment ``[[Category:Name|sort key]]``."""

    name: str
    sort_key: str | None = None


@dataclass(slots=True)
class FileLink(Node):
    """An embedded file ``[[File:Name.png|opt|...|caption]]``, options kept verbatim."""

    target: str
    options: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Template(Node):
    """A template transclusion, kept as its verbatim wikitext (``{{name|...}}``).

    ``data`` is what the pass that wrote the template knows beyond its text (the citations
    pass keeps the :class:`~wikiconv.citations.citation.Citation` it wrote), so later passes
    need not parse ``raw`` again. It takes no part in equality.
    """

    name: str
    raw: str
    data: object = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Ref(Node):
    """A ``<ref>`` citation; ``children`` is None for a self-closing reuse."""

    name: str | None = None
    children: list[Inline] | None = None
    group: str | None = None


@dataclass(slots=True)
class FootnoteRef(Node):
    """A Markdown footnote marker ``[^label]``; its text lives in ``Document.footnotes``."""

    label: str


@dataclass(slots=True)
class MagicWord(Node):
    """A behaviour switch such as ``__NOTOC__``."""

    name: str


@dataclass(slots=True)
class Comment(Node):
    """An HTML comment ``<!-- ... -->``; ``text`` is what lies between the markers."""

    text: str


@dataclass(slots=True)
class RawHtml(Node):
    """Inline raw HTML (a tag, as written)."""

    html: str


@dataclass(slots=True)
class RawWikitext(Node):
    """Wikitext carried verbatim (something the model has no node for)."""

    wikitext: str


Inline = (
    Text
    | SoftBreak
    | LineBreak
    | Code
    | Emph
    | Strong
    | Strikeout
    | Link
    | Image
    | WikiLink
    | Category
    | FileLink
    | Template
    | Ref
    | FootnoteRef
    | MagicWord
    | Comment
    | RawHtml
    | RawWikitext
)

# --------------------------------------------------------------------------- blocks


@dataclass(slots=True)
class Paragraph(Node):
    """A paragraph of inlines."""

    children: list[Inline]


@dataclass(slots=True)
class Heading(Node):
    """An ATX or setext heading, level 1 to 6."""

    level: int
    children: list[Inline]


@dataclass(slots=True)
class CodeBlock(Node):
    """A fenced or indented code block; ``info`` is the fence's info string."""

    text: str
    info: str = ""


@dataclass(slots=True)
class BlockQuote(Node):
    """A block quote holding blocks."""

    children: list[Block]


@dataclass(slots=True)
class ListItem(Node):
    """One list item holding blocks."""

    children: list[Block]


@dataclass(slots=True)
class BulletList(Node):
    """A bullet list; ``tight`` lists render their paragraphs without ``<p>``."""

    items: list[ListItem]
    tight: bool = True


@dataclass(slots=True)
class OrderedList(Node):
    """An ordered list starting at ``start``."""

    items: list[ListItem]
    start: int = 1
    tight: bool = True


@dataclass(slots=True)
class ThematicBreak(Node):
    """A horizontal rule."""


@dataclass(slots=True)
class HtmlBlock(Node):
    """A raw HTML block, as written."""

    html: str


Alignment = Literal["left", "center", "right"] | None


@dataclass(slots=True)
class Table(Node):
    """A GFM pipe table: a header row, per-column alignment, body rows of cells."""

    header: list[list[Inline]]
    aligns: list[Alignment]
    rows: list[list[list[Inline]]]


@dataclass(slots=True)
class WikiBlock(Node):
    """A block of wikitext carried verbatim (a block template, a wiki table)."""

    wikitext: str


Block = (
    Paragraph
    | Heading
    | CodeBlock
    | BlockQuote
    | BulletList
    | OrderedList
    | ThematicBreak
    | HtmlBlock
    | Table
    | WikiBlock
)

# --------------------------------------------------------------------------- document


@dataclass(slots=True)
class Document(Node):
    """A whole article: its blocks, page title, front matter and footnote texts."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    categories: list[Category] = field(default_factory=list)
    footnotes: dict[str, list[Block]] = field(default_factory=dict)
    source_name: str = "<string>"

    # Conveniences for bots. The model itself formats nothing: these hand the document to the
    # writer or to the citations subpackage, imported only when called.

    def wikitext(self) -> str:
        """This document as MediaWiki markup, references as citation templates."""
        from wikiconv.api import convert_document

        return convert_document(self, "wikitext").text

    @property
    def citations(self) -> list[Citation]:
        """Every reference the article holds (reference lists, footnotes, ``<ref>``s)."""
        from wikiconv.citations.reference_sections import document_citations

        return document_citations(self)

    @property
    def statements(self) -> EntityDraft:
        """What the article says about its subject: terms and sourced statements (unresolved)."""
        from wikiconv.statements.extract import extract_statements

        return extract_statements(self)
