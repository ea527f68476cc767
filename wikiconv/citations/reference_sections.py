"""Find the references of a :class:`~wikiconv.model.Document` and read each into a Citation.

Three places hold references: the lists of a section titled References, Sources, Bibliography,
Notes, Works cited, Citations, Further reading or External links (any case); Markdown footnote
definitions (``Document.footnotes``); and the content of inline ``<ref>`` tags.  An entry whose
content is a ``{{cite …}}`` template is read back with :mod:`.from_wikitext`; any other entry is
read as free text with :func:`.reference_parser.parse_reference` (links kept as ``[t](url)``,
italics as ``*t*``, so the parser sees what the author marked).

Each entry also gets a stable, readable ``<ref name>`` (:mod:`.reference_names`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from wikiconv import model as m
from wikiconv.citations.body_scan import BodyScan, scan_body
from wikiconv.citations.citation import Citation
from wikiconv.citations.cs1 import template_kind
from wikiconv.citations.reference_names import assign_names
from wikiconv.citations.reference_parser import parse_reference
from wikiconv.diagnostics import Diagnostic
from wikiconv.inline_text import plain_text

SectionKind = Literal["notes", "further", "external"]
Origin = Literal["list", "footnote", "ref"]

# Section titles (folded) and what their lists are: notes-kind sections hold the list that
# inline markers point into and get {{reflist}}; "further" lists are cited works nobody cites
# inline; "external" lists are links, read for the citation outputs but left as written.
SECTION_KINDS: dict[str, SectionKind] = {
    "references": "notes",
    "sources": "notes",
    "bibliography": "notes",
    "notes": "notes",
    "works cited": "notes",
    "citations": "notes",
    "notes and references": "notes",
    "references and notes": "notes",
    "further reading": "further",
    "external links": "external",
}


# A CS1 problem ("warning") or a parser guess ("note"), with where its source starts.
CitationWarning = Diagnostic


@dataclass(slots=True)
class ReferenceSection:
    """A section whose lists are references: blocks ``start`` (its heading) to ``end``."""

    title: str
    kind: SectionKind
    start: int
    end: int
    lists: list[int] = field(default_factory=list)  # indices in Document.blocks


@dataclass(slots=True)
class ReferenceEntry:
    """One reference as the article holds it, with its citation and ``<ref>`` name."""

    citation: Citation
    origin: Origin
    where: str  # how messages name it: "reference 3", "footnote [^a]", "<ref name=\"x\">"
    inlines: list[m.Inline]  # the content as written
    pos: m.Pos | None = None
    number: int | None = None  # its number in a numbered list
    section: ReferenceSection | None = None
    list_index: int | None = None  # the block index of its list
    item: m.ListItem | None = None
    ref: m.Ref | None = None
    footnote: str | None = None
    cite_template: m.Template | None = None  # set when the content already is {{cite …}}
    name: str = ""
    notes: list[str] = field(default_factory=list)  # about reading the entry itself

    @property
    def citable(self) -> bool:
        """Tell whether the entry reads as a citation: a URL, an identifier, or a sourced title."""
        c = self.citation
        return self.cite_template is not None or bool(c.url or c.identifiers) or _sourced_title(c)

    @property
    def rewritable(self) -> bool:
        """Tell whether the entry can be written as a CS1 template (a title and a source)."""
        return self.cite_template is None and _sourced_title(self.citation)


def _sourced_title(c: Citation) -> bool:
    """A title plus something that places it (date, URL, identifier, container, publisher).

    "Some *source*." parses as author "Some", title "source"; with nothing else it is a note,
    not a reference, and must not be forced into a template.
    """
    placed = c.date or c.url or c.identifiers or c.container or c.publisher
    return bool(c.title.strip() and placed)


@dataclass(slots=True)
class ReferenceIndex:
    """The reference sections of a document and all its entries, in document order."""

    sections: list[ReferenceSection]
    entries: list[ReferenceEntry]
    body: BodyScan = field(default_factory=BodyScan)  # what the walk over the body found


# ---------------------------------------------------------------------------------------------
# Text of inline content


def reference_text(nodes: Iterable[m.Inline]) -> str:
    """The text the reference parser reads: links as ``[t](url)``, italics as ``*t*``."""
    return " ".join("".join(_text_parts(nodes, markdown=True)).split())


def _text_parts(nodes: Iterable[m.Inline], markdown: bool) -> Iterator[str]:
    """Pieces of text of inline nodes; with ``markdown``, links and italics keep their marks."""
    for node in nodes:
        if isinstance(node, (m.Text, m.Code)):
            yield node.text
        elif isinstance(node, (m.SoftBreak, m.LineBreak)):
            yield " "
        elif isinstance(node, m.Emph):
            inner = "".join(_text_parts(node.children, markdown))
            yield f"*{inner}*" if markdown and inner.strip() and "*" not in inner else inner
        elif isinstance(node, (m.Strong, m.Strikeout)):
            yield from _text_parts(node.children, markdown)
        elif isinstance(node, m.Link):
            inner = "".join(_text_parts(node.children, markdown=False))
            if not markdown:
                yield inner
            elif node.autolink or not inner.strip() or inner.strip() == node.url:
                yield node.url
            elif re.match(r"(?:https?://|www\.)", node.url) and not re.search(r"[\[\]]", inner):
                yield f"[{inner}]({node.url})"
            else:
                yield f"{inner} {node.url}"
        elif isinstance(node, m.Image):
            yield from _text_parts(node.alt, markdown)
        elif isinstance(node, m.WikiLink):
            label = "".join(_text_parts(node.label, markdown)) if node.label else node.target
            yield label + node.trail


# ---------------------------------------------------------------------------------------------
# Sections


def section_kind(title: str) -> SectionKind | None:
    """The kind of reference section a heading title names, or None."""
    folded = " ".join(title.replace("_", " ").split()).strip(" :.").casefold()
    return SECTION_KINDS.get(folded)


def find_reference_sections(doc: m.Document) -> list[ReferenceSection]:
    """The reference sections of ``doc``, each with the indices of its top-level lists.

    A section runs to the next heading of its level or higher, or to the next reference
    section's heading, whichever comes first.
    """
    blocks = doc.blocks
    sections: list[ReferenceSection] = []
    for i, block in enumerate(blocks):
        if not isinstance(block, m.Heading):
            continue
        title = plain_text(block.children).strip()
        kind = section_kind(title)
        if kind is None:
            continue
        end = i + 1
        while end < len(blocks):
            b = blocks[end]
            if isinstance(b, m.Heading) and (
                b.level <= block.level or section_kind(plain_text(b.children)) is not None
            ):
                break
            end += 1
        lists = [
            j for j in range(i + 1, end) if isinstance(blocks[j], (m.OrderedList, m.BulletList))
        ]
        sections.append(ReferenceSection(title, kind, i, end, lists))
    return sections


# ---------------------------------------------------------------------------------------------
# Reading entries


def read_citation(nodes: Sequence[m.Inline]) -> tuple[Citation, m.Template | None, list[str]]:
    """Read inline content as a Citation; a ``{{cite …}}`` template goes through from_wikitext.

    Returns the citation, the cite template when the content is one, and notes about reading.
    """
    cites = [n for n in nodes if isinstance(n, m.Template) and template_kind(n.name)]
    notes: list[str] = []
    if cites:
        from wikiconv.citations.from_wikitext import citations_in_wikitext  # mwparserfromhell

        found = citations_in_wikitext(cites[0].raw)
        if found:
            if len(cites) > 1:
                notes.append(f"holds {len(cites)} citation templates; only the first is read")
            rest = plain_text(n for n in nodes if n is not cites[0]).strip(" .,;")
            if rest:
                notes.append(f"text beside the template ({rest!r}) is not read")
            return found[0], cites[0], notes
    return parse_reference(reference_text(nodes)), None, notes


def item_inlines(item: m.ListItem) -> list[m.Inline]:
    """The inline content of a list item: its paragraphs' inlines, joined by spaces."""
    out: list[m.Inline] = []
    for block in item.children:
        if isinstance(block, m.Paragraph):
            if out:
                out.append(m.Text(" "))
            out.extend(block.children)
    return out


def blocks_inlines(blocks: Sequence[m.Block]) -> list[m.Inline]:
    """The inline content of a footnote's blocks: its paragraphs' inlines, joined by spaces."""
    return item_inlines(m.ListItem(list(blocks)))


def _list_entries(
    doc: m.Document, section: ReferenceSection, index: int, k: int
) -> list[ReferenceEntry]:
    """The entries of the list at ``doc.blocks[index]``, the ``k``-th list of its section."""
    lst = doc.blocks[index]
    assert isinstance(lst, (m.OrderedList, m.BulletList))
    entries: list[ReferenceEntry] = []
    for n, item in enumerate(lst.items):
        inlines = item_inlines(item)
        citation, template, notes = read_citation(inlines)
        number: int | None = None
        if isinstance(lst, m.OrderedList):
            number = lst.start + n
        elif citation.label.isdigit():  # "* [3] Smith …": numbered in the text
            number = int(citation.label)
        if number is not None:
            where = f"reference {number}"
        else:
            where = f"{section.title!r} item {n + 1}" + (f" (list {k + 1})" if k else "")
        if number is not None and not citation.label:
            citation.label = str(number)
        if any(not isinstance(b, m.Paragraph) for b in item.children):
            notes.append("only the item's paragraphs are read; its other blocks are left out")
        entries.append(
            ReferenceEntry(
                citation=citation,
                origin="list",
                where=where,
                inlines=inlines,
                pos=item.pos,
                number=number,
                section=section,
                list_index=index,
                item=item,
                cite_template=template,
                notes=notes,
            )
        )
    return entries


def _footnote_entries(doc: m.Document) -> list[ReferenceEntry]:
    """One entry per footnote definition."""
    entries: list[ReferenceEntry] = []
    for label, blocks in doc.footnotes.items():
        inlines = blocks_inlines(blocks)
        citation, template, notes = read_citation(inlines)
        citation.label = citation.label or label
        pos = blocks[0].pos if blocks else None
        entries.append(
            ReferenceEntry(
                citation=citation,
                origin="footnote",
                where=f"footnote [^{label}]",
                inlines=inlines,
                pos=pos,
                footnote=label,
                cite_template=template,
                notes=notes,
            )
        )
    return entries


def _ref_entries(refs: Iterable[m.Ref]) -> list[ReferenceEntry]:
    """One entry per inline ``<ref>`` with content (not a reuse, not in a reference section)."""
    entries: list[ReferenceEntry] = []
    for node in refs:
        citation, template, notes = read_citation(node.children or [])
        if node.name:
            citation.label = node.name
        where = f'<ref name="{node.name}">' if node.name else "<ref>"
        entries.append(
            ReferenceEntry(
                citation=citation,
                origin="ref",
                where=where,
                inlines=list(node.children or []),
                pos=node.pos,
                ref=node,
                cite_template=template,
                name=node.name or "",
                notes=notes,
            )
        )
    return entries


def section_blocks(sections: Iterable[ReferenceSection]) -> set[int]:
    """The block indices that reference sections cover (their headings included)."""
    return {i for s in sections for i in range(s.start, s.end)}


def find_references(doc: m.Document) -> ReferenceIndex:
    """Every reference of ``doc`` in source order, each read into a Citation and named."""
    sections = find_reference_sections(doc)
    body = scan_body(doc.blocks, section_blocks(sections))
    entries: list[ReferenceEntry] = []
    for section in sections:
        for k, index in enumerate(section.lists):
            entries.extend(_list_entries(doc, section, index, k))
    entries.extend(_footnote_entries(doc))
    entries.extend(_ref_entries(body.refs))
    far = (1 << 30, 0)
    entries.sort(key=lambda e: (e.pos.line, e.pos.column) if e.pos else far)
    assign_names(entries, taken=_ref_names(doc, body))
    return ReferenceIndex(sections, entries, body)


def document_citations(doc: m.Document) -> list[Citation]:
    """The citations of ``doc`` (reference lists, footnotes, ``<ref>`` tags), in source order."""
    return [e.citation for e in find_references(doc).entries if e.citable]


def _ref_names(doc: m.Document, body: BodyScan) -> set[str]:
    """Names already in use: those of ``<ref>`` tags and those the writer gives footnotes."""
    taken = set(body.names)
    for label in doc.footnotes:
        taken.add(label if not label.isdigit() else f"fn{label}")
    return taken
