"""Wiki tables (Help:Tables) that a GFM pipe table can hold exactly.

A table qualifies when it is ``{| class="wikitable"`` with no other attribute and no caption,
its first row is all header cells (``!``) and the others all data cells (``|``), every row
has as many cells as the header, row separators carry no attributes, a cell's only
attribute is a ``text-align`` style that is the same down its whole column, and every
cell's content is one line of inline wikitext.  Anything else stays a raw wiki table.
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Tag, Text

from wikiconv import model as m
from wikiconv.readers.wikitext_atoms import split_lines
from wikiconv.readers.wikitext_inline import InlineConverter

_ALIGN = re.compile(r"\s*text-align\s*:\s*(left|center|right)\s*;?\s*", re.IGNORECASE)
_WIKITABLE = re.compile(r"\s*wikitable\s*")


def _cell_align(cell: Tag) -> tuple[bool, m.Alignment]:
    """(acceptable, alignment) of a cell's attributes."""
    if not cell.attributes:
        return True, None
    if len(cell.attributes) != 1:
        return False, None
    attribute = cell.attributes[0]
    if str(attribute.name).strip().lower() != "style" or attribute.value is None:
        return False, None
    match = _ALIGN.fullmatch(str(attribute.value))
    if match is None:
        return False, None
    align = match.group(1).lower()
    assert align in ("left", "center", "right")
    return True, align  # type: ignore[return-value]


def _rows(table: Tag) -> list[list[Tag]] | None:
    """The rows of cells, or None when the table has parts a pipe table lacks."""
    rows: list[list[Tag]] = []
    current: list[Tag] | None = None
    if table.contents is None:
        return None
    for node in table.contents.nodes:
        if isinstance(node, Text):
            if node.value.strip():
                return None
            continue
        if not isinstance(node, Tag):
            return None
        name = str(node.tag).lower()
        if name in ("td", "th"):
            if current is None:
                current = []
                rows.append(current)
            current.append(node)
        elif name == "tr" and node.wiki_markup == "|-":
            if node.attributes or node.contents is None:
                return None
            current = []
            rows.append(current)
            for cell in node.contents.nodes:
                if isinstance(cell, Text) and not cell.value.strip():
                    continue
                if not isinstance(cell, Tag) or str(cell.tag).lower() not in ("td", "th"):
                    return None
                current.append(cell)
        else:
            return None
    return rows


def simple_table(table: Tag, inline: InlineConverter) -> m.Table | None:
    """The pipe table for a wiki table, or None when it does not qualify."""
    if table.wiki_markup != "{|" or table.closing_wiki_markup != "|}":
        return None
    attrs = table.attributes
    if len(attrs) != 1 or str(attrs[0].name).strip().lower() != "class":
        return None
    if attrs[0].value is None or not _WIKITABLE.fullmatch(str(attrs[0].value)):
        return None
    rows = _rows(table)
    if not rows or any(not row for row in rows):
        return None
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        return None
    if any(cell.wiki_markup not in ("!", "!!") for cell in rows[0]):
        return None
    if any(cell.wiki_markup not in ("|", "||") for row in rows[1:] for cell in row):
        return None
    aligns: list[m.Alignment] = []
    for column in range(width):
        found: set[m.Alignment] = set()
        for row in rows:
            ok, align = _cell_align(row[column])
            if not ok:
                return None
            found.add(align)
        if len(found) != 1:
            return None
        aligns.append(found.pop())
    converted: list[list[list[m.Inline]]] = []
    for row in rows:
        cells = []
        for cell in row:
            content = _cell_inlines(cell, inline)
            if content is None:
                return None
            cells.append(content)
        converted.append(cells)
    return m.Table(converted[0], aligns, converted[1:])


def _cell_inlines(cell: Tag, inline: InlineConverter) -> list[m.Inline] | None:
    """A cell's content as inlines, or None when it spans lines or holds blocks."""
    if cell.contents is None:
        return []
    lines = split_lines(cell.contents.nodes)
    if len(lines) == 2 and not lines[1]:
        lines.pop()
    if len(lines) != 1:
        return None
    line = lines[0]
    first = line[0] if line else None
    if isinstance(first, str) and first.strip() and first.lstrip() != first:
        line = [first.lstrip(), *line[1:]]
    content = inline.paragraph([line])
    if any(isinstance(node, m.RawWikitext) and "\n" in node.wikitext for node in content):
        return None
    return content
