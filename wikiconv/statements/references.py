"""References for statements: a sentence's citations as Wikibase reference snaks.

A sentence cites through ``<ref>`` nodes (a ``{{cite …}}`` template inside is read field by
field, free text goes through the reference-string parser; a reused ``<ref name="x"/>`` is
looked up by name), Markdown footnotes (``[^n]``, text in ``Document.footnotes``) and numeric
markers such as ``[1]`` pointing into the numbered list under a References-like heading.
A citation becomes one reference: P854 URL, P1476 title (monolingual), P577 date at its
precision, P248 stated in (the work or site), P123 publisher, P813 retrieved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from wikiconv.citations.citation import Citation, PartialDate
from wikiconv.model import (
    Block,
    BlockQuote,
    BulletList,
    Document,
    FootnoteRef,
    Heading,
    Inline,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    Ref,
    Table,
    Template,
)
from wikiconv.statements.sentences import APPARATUS_SECTIONS, Sentence, inline_text
from wikiconv.statements.statement import (
    ItemValue,
    MonolingualValue,
    Reference,
    StringValue,
    TimeValue,
    Value,
)

_REFERENCE_HEADINGS = APPARATUS_SECTIONS - {"see also", "external links", "further reading"}
_LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z]+)?")


@dataclass(frozen=True, slots=True)
class ImportSource:
    """Where an uncited statement is said to come from: the wiki and its page URL base."""

    wiki_qid: str = "Q328"  # English Wikipedia
    wiki_name: str = "English Wikipedia"
    page_base_url: str = "https://en.wikipedia.org/wiki/"


def page_url(base: str, title: str) -> str:
    """Return the URL of a wiki page (``_`` for spaces, percent-encoded like MediaWiki)."""
    return base + quote(title.replace(" ", "_"), safe="!$'()*,/:;@~-._")


def import_reference(source: ImportSource, title: str | None) -> Reference:
    """Return the provenance reference: P143 imported from the wiki, P4656 the page URL."""
    snaks: list[tuple[str, Value]] = [("P143", ItemValue(source.wiki_name, source.wiki_qid))]
    if title:
        snaks.append(("P4656", StringValue(page_url(source.page_base_url, title))))
    return Reference(snaks)


def time_value(date: PartialDate | None) -> TimeValue | None:
    """Return a citation date as a TimeValue at its precision."""
    if date is None:
        return None
    if date.month is None:
        return TimeValue(date.year, precision=9)
    if date.day is None:
        return TimeValue(date.year, date.month, precision=10)
    return TimeValue(date.year, date.month, date.day, precision=11)


def citation_reference(citation: Citation) -> Reference | None:
    """Return a citation's reference snaks; ``None`` if it has neither URL nor title."""
    if not citation.url and not citation.title:
        return None
    snaks: list[tuple[str, Value]] = []
    if citation.url:
        snaks.append(("P854", StringValue(citation.url)))
    if citation.title:
        language = (
            citation.language.lower() if _LANGUAGE_RE.fullmatch(citation.language.lower()) else "en"
        )
        snaks.append(("P1476", MonolingualValue(citation.title, language)))
    date = time_value(citation.date)
    if date is not None:
        snaks.append(("P577", date))
    container = citation.container.strip()
    if container and not (
        citation.kind == "web" and re.fullmatch(r"[\w.-]+\.[a-z]{2,}(?:/\S*)?", container)
    ):
        snaks.append(("P248", ItemValue(container)))
    if citation.publisher and citation.publisher != container:
        snaks.append(("P123", ItemValue(citation.publisher)))
    retrieved = time_value(citation.access_date)
    if retrieved is not None:
        snaks.append(("P813", retrieved))
    return Reference(snaks)


class CitationIndex:
    """Finds the citations a sentence carries, reading each one once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.named: dict[str, list[Inline]] = {}
        self.numbered: dict[str, str] = {}
        self._cache: dict[str, list[Reference]] = {}
        self._scan(doc.blocks, "")

    def _scan(self, blocks: list[Block], section: str) -> None:
        """Collect named ``<ref>`` contents and numbered reference lists."""
        for block in blocks:
            if isinstance(block, Heading):
                section = inline_text(block.children).lower()
            elif isinstance(block, OrderedList) and section in _REFERENCE_HEADINGS:
                for number, item in enumerate(block.items, start=block.start):
                    self.numbered.setdefault(str(number), _item_text(item))
            for inlines in _block_inlines(block):
                self._named(inlines)

    def _named(self, inlines: list[Inline]) -> None:
        for node in inlines:
            if isinstance(node, Ref) and node.name and node.children is not None:
                self.named.setdefault(node.name, node.children)

    def references(self, sentence: Sentence) -> list[Reference]:
        """Return one reference per distinct usable citation of the sentence."""
        out: list[Reference] = []
        keys: list[tuple[str, object]] = [("ref", r) for r in sentence.refs]
        keys += [("marker", m) for m in sentence.markers]
        for kind, node in keys:
            for reference in self._lookup(kind, node):
                if reference not in out:
                    out.append(reference)
        return out

    def _lookup(self, kind: str, node: object) -> list[Reference]:
        """Return the references of one marker, from the cache when read before."""
        if kind == "marker":
            key = f"n:{node}"
            if key not in self._cache:
                text = self.numbered.get(str(node), "")
                self._cache[key] = _from_text(text)
            return self._cache[key]
        if isinstance(node, FootnoteRef):
            key = f"f:{node.label}"
            if key not in self._cache:
                blocks = self.doc.footnotes.get(node.label, [])
                text = " ".join(inline_text(i) for b in blocks for i in _block_inlines(b))
                self._cache[key] = _from_text(text)
            return self._cache[key]
        assert isinstance(node, Ref)
        children = node.children if node.children is not None else self.named.get(node.name or "")
        if children is None:
            return []
        key = f"r:{node.name}" if node.name else f"r@{id(node)}"
        if key not in self._cache:
            self._cache[key] = _from_inlines(children)
        return self._cache[key]


def _from_inlines(children: list[Inline]) -> list[Reference]:
    """Read a ``<ref>``'s content: cite templates field by field, else as a free string."""
    from wikiconv.citations.from_wikitext import citations_in_wikitext

    citations: list[Citation] = []
    for node in children:
        if isinstance(node, Template):
            # A template the citations pass wrote carries its citation; others are read.
            if isinstance(node.data, Citation):
                citations.append(node.data)
            else:
                citations += citations_in_wikitext(node.raw)
    if not citations:
        text = _ref_text(children)
        return _from_text(text)
    return [r for r in (citation_reference(c) for c in citations) if r is not None]


def _from_text(text: str) -> list[Reference]:
    """Parse a free-text reference string into at most one reference."""
    if not text.strip():
        return []
    from wikiconv.citations.reference_parser import parse_reference

    reference = citation_reference(parse_reference(text.strip()))
    return [reference] if reference is not None else []


def _ref_text(children: list[Inline]) -> str:
    """Return a reference's text with each link's URL kept after its label."""
    parts: list[str] = []
    run: list[Inline] = []
    for node in [*children, None]:
        if isinstance(node, Link) or node is None:
            parts.append(inline_text(run))
            run = []
            if isinstance(node, Link):
                label = inline_text(node.children)
                parts.append(node.url if node.autolink or not label else f"{label} {node.url}")
        else:
            run.append(node)
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).strip()


def _item_text(item: ListItem) -> str:
    """Return a reference list item's text, URLs kept."""
    return " ".join(
        _ref_text(inlines) for block in item.children for inlines in _block_inlines(block)
    )


def _block_inlines(block: Block) -> list[list[Inline]]:
    """Return the inline runs of a block and of the blocks inside it."""
    if isinstance(block, (Paragraph, Heading)):
        return [block.children]
    if isinstance(block, BlockQuote):
        return [i for b in block.children for i in _block_inlines(b)]
    if isinstance(block, (BulletList, OrderedList)):
        return [i for item in block.items for b in item.children for i in _block_inlines(b)]
    if isinstance(block, Table):
        return list(block.header) + [cell for row in block.rows for cell in row]
    return []
