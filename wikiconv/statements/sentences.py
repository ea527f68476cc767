"""Split a document's prose into sentences, keeping links, bold names, citations and positions.

The splitter works on the model's inlines, not on source text: each paragraph is flattened to
plain text (wikilinks give their label and trail, markup is dropped) while the spans of
wikilinks and bold text, the ``<ref>`` and footnote markers, and numeric markers like ``[1]``
are kept with their offsets. A period ends a sentence only when it is followed by a blank and
a capital letter, a digit or a quote, and does not close a known abbreviation ("Inc.", "Dr.",
"U.S."), an initial ("J. R. R.") or text inside a link or bold span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from wikiconv.model import (
    BulletList,
    Code,
    Document,
    Emph,
    FootnoteRef,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    Ref,
    SoftBreak,
    Strikeout,
    Strong,
    Template,
    Text,
    WikiLink,
)
from wikiconv.statements.template_text import template_text

# Sections whose lists and paragraphs are not prose about the subject.
APPARATUS_SECTIONS = frozenset(
    {
        "references",
        "notes",
        "notes and references",
        "footnotes",
        "citations",
        "sources",
        "bibliography",
        "works cited",
        "further reading",
        "external links",
        "see also",
    }
)
ABBREVIATIONS = frozenset(
    "inc ltd co corp llc plc dr mr mrs ms prof st jr sr mt ft no vs gen lt col sgt capt "
    "rev hon gov sen rep pres est approx dept univ assn bros ave blvd rd fig vol ed eds op "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
SENTENCE_STARTERS = frozenset(
    "the a an it he she they this that these those its his her their in on at after before "
    "during since from by as when while although however there".split()
)
_MARKER_RE = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
# "[.!?][.!?]*", not "[.!?]+": a pattern that opens with a set lets re skip to its characters
_END_RE = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s|$)")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)[.!?]+[\"'”’)\]]*$")
_WIKI_QUOTES_RE = re.compile(r"'{2,5}")
_SPACES_RE = re.compile(r"\s+")
_COMMA_SPLIT_RE = re.compile(r"\s*,\s*")
_DASH_SPLIT_RE = re.compile(r"\s*[–-]\s*")
_INITIALISM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\.?")
_STARTER_WORD_RE = re.compile(r"[\w']+")


@dataclass(frozen=True, slots=True)
class LinkSpan:
    """A wikilink inside a sentence: ``[start, end)`` of its shown text and its page name."""

    start: int
    end: int
    target: str
    annotation: str | None = None


@dataclass(slots=True)
class Sentence:
    """One sentence: plain text, where it starts, and what it links, bolds and cites."""

    text: str
    line: int = 0
    column: int = 0
    links: list[LinkSpan] = field(default_factory=list)
    bold: list[tuple[int, int]] = field(default_factory=list)
    refs: list[Ref | FootnoteRef] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    section: str = ""  # the heading the sentence is under ("" in the lead)
    paragraph: int = 0  # index of its paragraph in the document
    index: int = 0  # index of the sentence in its paragraph
    in_list: bool = False

    def link_at(self, offset: int) -> LinkSpan | None:
        """Return the link starting at ``offset``, if any."""
        for link in self.links:
            if link.start == offset:
                return link
        return None


@dataclass(slots=True)
class _Flat:
    """A paragraph flattened: text plus spans, markers and position anchors."""

    text: str = ""
    anchors: list[tuple[int, int, int]] = field(default_factory=list)  # offset, line, column
    links: list[LinkSpan] = field(default_factory=list)
    bold: list[tuple[int, int]] = field(default_factory=list)
    protected: list[tuple[int, int]] = field(default_factory=list)
    refs: list[tuple[int, Ref | FootnoteRef]] = field(default_factory=list)
    markers: list[tuple[int, str]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> None:
        """Append text."""
        self.parts.append(text)
        self.length += len(text)


def inline_text(inlines: list[Inline]) -> str:
    """Return the plain text of inlines (links give their label, markup is dropped)."""
    flat = _Flat()
    _flatten(inlines, flat)
    return _SPACES_RE.sub(" ", "".join(flat.parts)).strip()


def _flatten(inlines: list[Inline], flat: _Flat) -> None:
    """Append the inlines' text to ``flat``, recording spans, markers and anchors."""
    parts = flat.parts
    for node in inlines:
        start = flat.length
        if node.pos is not None:
            flat.anchors.append((start, node.pos.line, node.pos.column))
        if isinstance(node, Text):
            text = node.text
            if "[" in text:
                _add_text(text, flat, node)
            else:  # no marker: plain text (as _add_plain)
                if "''" in text:
                    text = _WIKI_QUOTES_RE.sub("", text)
                parts.append(text)
                flat.length = start + len(text)
        elif isinstance(node, (SoftBreak, LineBreak)):
            parts.append(" ")
            flat.length = start + 1
        elif isinstance(node, Code):
            flat.add(node.text)
            flat.protected.append((start, flat.length))
        elif isinstance(node, (Emph, Strikeout)):
            _flatten(node.children, flat)
            flat.protected.append((start, flat.length))
        elif isinstance(node, Strong):
            _flatten(node.children, flat)
            flat.bold.append((start, flat.length))
            flat.protected.append((start, flat.length))
        elif isinstance(node, WikiLink):
            if node.label is not None:
                _flatten(node.label, flat)
            else:
                flat.add(node.target.lstrip(":"))
            flat.add(node.trail)
            target = node.target.lstrip(":").split("#", 1)[0].strip()
            flat.links.append(LinkSpan(start, flat.length, target, node.annotation))
            flat.protected.append((start, flat.length))
        elif isinstance(node, Link):
            _flatten(node.children, flat)
            flat.protected.append((start, flat.length))
        elif isinstance(node, (Ref, FootnoteRef)):
            flat.refs.append((start, node))
        elif isinstance(node, Template):
            flat.add(template_text(node.raw))
        # templates, comments, categories, files, raw HTML and magic words give no prose


def _add_text(text: str, flat: _Flat, node: Text) -> None:
    """Append a text node, taking numeric markers ``[1]`` out and dropping wiki quote marks."""
    if "[" not in text:  # no marker
        _add_plain(text, flat)
        return
    pos = 0
    for match in _MARKER_RE.finditer(text):
        _add_plain(text[pos : match.start()], flat)
        for number in _COMMA_SPLIT_RE.split(match.group(1)):
            bounds = _DASH_SPLIT_RE.split(number)
            if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                low, high = int(bounds[0]), int(bounds[1])
                flat.markers += [(flat.length, str(n)) for n in range(low, min(high, low + 20) + 1)]
            else:
                flat.markers.append((flat.length, number))
        pos = match.end()
        if node.pos is not None:
            flat.anchors.append((flat.length, node.pos.line, node.pos.column + pos))
    _add_plain(text[pos:], flat)


def _add_plain(text: str, flat: _Flat) -> None:
    """Append plain text with ``''italic''`` and ``'''bold'''`` quote runs removed."""
    flat.add(_WIKI_QUOTES_RE.sub("", text) if "''" in text else text)


def _is_boundary(text: str, end: int, flat: _Flat) -> bool:
    """Tell whether the terminator ending at ``end`` ends a sentence."""
    for a, b in flat.protected:
        if a <= end - 1 and end < b:
            return False
    rest = text[end:].lstrip()
    if not rest:
        return True
    first = rest[0]
    if first.islower() or first in ",;:)":
        return False
    match = _WORD_BEFORE_RE.search(text, _tail_start(text, end), end)
    word = match.group(1) if match else ""
    if text[end - 1] == "." or (match and "." in text[match.end(1) : end]):
        bare = word.rstrip(".")
        if len(bare) == 1 and bare.isupper() and not _linked_letter(flat, end - 1):
            return _starter(rest)  # an initial: "J. R. R. Tolkien" (not "… and R. The …")
        if bare.lower() in ABBREVIATIONS and not (bare.lower() == "no" and not rest[0].isdigit()):
            return bare.lower() in {"inc", "ltd", "co", "corp", "llc", "plc"} and _starter(rest)
        if _INITIALISM_RE.fullmatch(word):
            return _starter(rest)  # "U.S." ends a sentence only before "The", "It", ...
    return first.isupper() or first.isdigit() or first in "\"'“‘([*"


def _linked_letter(flat: _Flat, dot: int) -> bool:
    """Tell whether the letter before the period at ``dot`` is a whole link ("[[R (…)|R]].")."""
    return any(link.end == dot and link.start == dot - 1 for link in flat.links)


def _tail_start(text: str, end: int) -> int:
    """Return where the run of characters :data:`_WORD_BEFORE_RE` can match ending at ``end``
    begins (word characters, ``.``, terminators, closing quotes and brackets): a match of it
    ending at ``end`` lies inside, so searching from there finds the same match."""
    if text[end - 1 : end] == "\n":
        return 0  # ``$`` also matches before a final newline: search it all
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _TAIL_CHARS):
        start -= 1
    return start


_TAIL_CHARS = frozenset("_.!?\"'”’)]")


def _starter(rest: str) -> bool:
    """Tell whether ``rest`` begins with a word that typically opens a sentence."""
    word = _STARTER_WORD_RE.match(rest)
    return word is not None and word.group(0).lower() in SENTENCE_STARTERS


def split_inlines(
    inlines: list[Inline], section: str = "", paragraph: int = 0, in_list: bool = False
) -> list[Sentence]:
    """Split one paragraph's inlines into sentences."""
    flat = _Flat()
    _flatten(inlines, flat)
    text = "".join(flat.parts)
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        if match.end() <= start or not _is_boundary(text, match.end(), flat):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    sentences: list[Sentence] = []
    refs = [(_owner(o, bounds), r) for o, r in flat.refs]  # (sentence number, ref)
    markers = [(_owner(o, bounds), m) for o, m in flat.markers]
    links, bold = flat.links, flat.bold
    for number, (low, high) in enumerate(bounds):
        chunk = text[low:high]
        s = low + len(chunk) - len(chunk.lstrip())
        e = low + len(chunk.rstrip())
        line, column = _position(flat, s)
        sentences.append(
            Sentence(
                text[s:e],
                line,
                column,
                [
                    LinkSpan(x.start - s, x.end - s, x.target, x.annotation)
                    for x in links
                    if s <= x.start and x.end <= e
                ]
                if links
                else [],
                [(a - s, b - s) for a, b in bold if s <= a and b <= e] if bold else [],
                [r for owner, r in refs if owner == number] if refs else [],
                [m for owner, m in markers if owner == number] if markers else [],
                section,
                paragraph,
                number,  # its index in the paragraph
                in_list,
            )
        )
    return sentences


def _owner(offset: int, bounds: list[tuple[int, int]]) -> int:
    """Return the sentence a zero-width marker at ``offset`` belongs to (the one it follows)."""
    owner = 0
    for number, (low, _high) in enumerate(bounds):
        if low < offset or number == 0:
            owner = number
    return owner


def _position(flat: _Flat, offset: int) -> tuple[int, int]:
    """Return the source line and column of a text offset, from the nearest anchor before it."""
    best: tuple[int, int, int] | None = None
    for anchor in flat.anchors:
        if anchor[0] == offset:  # the outermost node starting here
            best = anchor
            break
        if anchor[0] < offset and (best is None or anchor[0] >= best[0]):
            best = anchor
    if best is None:
        return 0, 0
    return best[1], best[2] + (offset - best[0])


def document_sentences(doc: Document) -> list[Sentence]:
    """Return every prose sentence of the document, in order, skipping reference sections."""
    out: list[Sentence] = []
    for paragraph, (section, inlines, in_list) in enumerate(_paragraphs(doc)):
        out += split_inlines(inlines, section, paragraph, in_list)
    return out


def _paragraphs(doc: Document) -> Iterator[tuple[str, list[Inline], bool]]:
    """Yield (section title, inlines, in a list) for each prose paragraph."""
    section = ""
    for block in doc.blocks:
        if isinstance(block, Heading):
            section = inline_text(block.children)
        elif section.lower() in APPARATUS_SECTIONS:
            continue
        elif isinstance(block, Paragraph):
            yield section, block.children, False
        elif isinstance(block, (BulletList, OrderedList)):
            for item in _list_paragraphs(block.items):
                yield section, item, True


def _list_paragraphs(items: list[ListItem]) -> Iterator[list[Inline]]:
    """Yield the paragraphs inside list items, nested lists included."""
    for item in items:
        for block in item.children:
            if isinstance(block, Paragraph):
                yield block.children
            elif isinstance(block, (BulletList, OrderedList)):
                yield from _list_paragraphs(block.items)
