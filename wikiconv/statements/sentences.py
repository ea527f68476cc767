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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TypeVar

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
    "jan feb mar apr jun jul aug sep sept oct nov dec lit cf ca incl esp viz fl transl pl var "
    "abbr".split()
)
# "Inc." ends a sentence before a sentence opener; "lit." (also a word) unless a quote follows
_SOFT_ABBREVIATIONS = frozenset("inc ltd co corp llc plc".split())
_WORD_ABBREVIATIONS = frozenset("lit pl var fl esp".split())
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


def _is_boundary(text: str, end: int, flat: _Flat, protected: _Spans) -> bool:
    """Tell whether the terminator ending at ``end`` ends a sentence."""
    if protected.holds(end - 1, end):
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
            if bare.lower() in _WORD_ABBREVIATIONS:  # "(lit. 'Port')", but "was first lit. The"
                return rest[0] not in "'\"‘“("
            return bare.lower() in _SOFT_ABBREVIATIONS and _starter(rest)
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
    protected = _Spans(flat.protected)
    for match in _END_RE.finditer(text):
        if match.end() <= start or not _is_boundary(text, match.end(), flat, protected):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    sentences: list[Sentence] = []
    lows = [low for low, _high in bounds]
    refs = _by_owner(flat.refs, lows)
    markers = _by_owner(flat.markers, lows)
    links = _Spans([(x.start, x.end) for x in flat.links])
    bold = _Spans(flat.bold)
    anchors = sorted(flat.anchors, key=lambda anchor: anchor[0])
    for number, (low, high) in enumerate(bounds):
        chunk = text[low:high]
        s = low + len(chunk) - len(chunk.lstrip())
        e = low + len(chunk.rstrip())
        line, column = _position(anchors, s)
        sentences.append(
            Sentence(
                text[s:e],
                line,
                column,
                [
                    LinkSpan(x.start - s, x.end - s, x.target, x.annotation)
                    for x in (flat.links[i] for i in links.within(s, e))
                ],
                [(a - s, b - s) for a, b in (flat.bold[i] for i in bold.within(s, e))],
                refs.get(number, []),
                markers.get(number, []),
                section,
                paragraph,
                number,  # its index in the paragraph
                in_list,
            )
        )
    return sentences


_T = TypeVar("_T")


def _by_owner(items: list[tuple[int, _T]], lows: list[int]) -> dict[int, list[_T]]:
    """Group zero-width items (refs, markers) by the sentence each follows: the last one
    starting before its offset (the first sentence for anything before the second)."""
    out: dict[int, list[_T]] = {}
    for offset, item in items:
        out.setdefault(max(0, bisect_left(lows, offset) - 1), []).append(item)
    return out


def _position(anchors: list[tuple[int, int, int]], offset: int) -> tuple[int, int]:
    """Return the source line and column of a text offset, from the nearest anchor before it
    (``anchors`` sorted by offset; of anchors at the offset itself, the outermost, first)."""
    at = bisect_left(anchors, offset, key=lambda anchor: anchor[0])
    if at < len(anchors) and anchors[at][0] == offset:
        best = anchors[at]
    elif at:
        best = anchors[at - 1]
    else:
        return 0, 0
    return best[1], best[2] + (offset - best[0])


class _Spans:
    """Spans ``[a, b)`` sorted by start, for the span questions sentence splitting asks in
    logarithmic time (a paragraph may hold thousands of links)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        """Index the spans by start; ``reach`` holds the furthest end up to each."""
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.starts = [spans[i][0] for i in self.order]
        self.ends = [spans[i][1] for i in self.order]
        self.reach = list(accumulate(self.ends, max))  # the furthest end of the spans so far

    def holds(self, inside: int, end: int) -> bool:
        """Tell whether a span starts at or before ``inside`` and ends after ``end``."""
        at = bisect_right(self.starts, inside)
        return at > 0 and self.reach[at - 1] > end

    def within(self, low: int, high: int) -> list[int]:
        """Return the indices (in the order given) of the spans inside ``[low, high]``."""
        found = []
        for k in range(bisect_left(self.starts, low), bisect_right(self.starts, high)):
            if self.ends[k] <= high:
                found.append(self.order[k])
        return sorted(found)


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
