"""Lines of atoms, the unit the wikitext reader works in, and the clean-up of inline lists.

A block's content is cut into *lines* of *atoms*: a piece of text without a line break, or
one mwparserfromhell node (a template, link, tag, comment, entity...).  A node is opaque as in
MediaWiki, where templates, comments and extension tags are dealt with before apostrophes
and line starts are read; so a template spanning lines is one atom.
"""

from __future__ import annotations

from collections.abc import Iterable

from mwparserfromhell.nodes import Node, Tag, Text

from wikiconv import model as m

Atom = str | Node
Line = list[Atom]

PLACEHOLDER = "\x00"
"""Stands in for a node while apostrophes are read (U+0000 never reaches the reader)."""


def split_lines(nodes: Iterable[Node]) -> list[Line]:
    """Cut a node sequence into lines of atoms at the line breaks of its text nodes."""
    lines: list[Line] = [[]]
    for node in nodes:
        if isinstance(node, Text):
            value = node.value
            if PLACEHOLDER in value:
                value = value.replace(PLACEHOLDER, "\ufffd")
            if "\n" not in value:
                if value:
                    lines[-1].append(value)
                continue
            parts = value.split("\n")
            if parts[0]:
                lines[-1].append(parts[0])
            for part in parts[1:]:
                lines.append([part] if part else [])
        else:
            lines[-1].append(node)
    return lines


def line_source(line: Line) -> str:
    """The wikitext of one line."""
    return "".join(a if isinstance(a, str) else str(a) for a in line)


def is_blank(line: Line) -> bool:
    """Tell whether a line holds only whitespace."""
    return all(isinstance(a, str) and not a.strip() for a in line)


def lstrip_line(line: Line) -> Line:
    """A line without leading whitespace text."""
    out = list(line)
    while out and isinstance(out[0], str):
        stripped = out[0].lstrip()
        if stripped:
            out[0] = stripped
            break
        out.pop(0)
    return out


def starts_block(line: Line) -> bool:
    """Tell whether a line opens a block construct (list, heading, table, rule, pre)."""
    if not line:
        return False
    first = line[0]
    if isinstance(first, str):
        return first.startswith(" ")
    if isinstance(first, Tag) and first.wiki_markup:
        return True
    return type(first).__name__ == "Heading"


def merge_texts(inlines: list[m.Inline]) -> list[m.Inline]:
    """Join adjacent texts at every depth (a writer escapes each text node as a whole)."""
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], m.Text):
                out[-1] = m.Text(out[-1].text + node.text)
                continue
        elif isinstance(node, (m.Emph, m.Strong, m.Strikeout, m.Link)):
            node.children = merge_texts(node.children)
        elif isinstance(node, m.WikiLink) and node.label is not None:
            node.label = merge_texts(node.label)
        elif isinstance(node, m.Ref) and node.children is not None:
            node.children = merge_texts(node.children)
        out.append(node)
    return out


def tidy(inlines: list[m.Inline], strip: bool = True) -> list[m.Inline]:
    """Merge adjacent texts, drop empty ones, trim whitespace before soft breaks and at the end."""
    out = merge_texts(inlines)
    for index, node in enumerate(out):
        if isinstance(node, m.SoftBreak):
            before = out[index - 1] if index else None
            if isinstance(before, m.Text):
                before.text = before.text.rstrip(" \t")
    if strip:
        while out and isinstance(out[-1], m.Text) and not out[-1].text.strip(" \t"):
            out.pop()
        if out and isinstance(out[-1], m.Text):
            out[-1].text = out[-1].text.rstrip(" \t")
    return [n for n in out if not (isinstance(n, m.Text) and not n.text)]
