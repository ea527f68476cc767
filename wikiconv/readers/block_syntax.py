"""Line-start syntax of the block pass: every regex that recognises a block, in one place.

Each pattern is used with ``pattern.match(line, pos)`` (anchored at ``pos``, so no ``^``),
and ``\\Z`` stands for "end of line" because lines never contain their line ending.
Section numbers refer to CommonMark 0.31.2 unless marked GFM (GitHub Flavored Markdown
0.29-gfm) or hybrid (this project's MediaWiki extensions).
"""

from __future__ import annotations

import html.entities
import re

# --------------------------------------------------------------------------- leaf blocks

# §4.1 Thematic breaks: three or more matching -, _ or * characters, each optionally
# followed by spaces or tabs, and nothing else on the line.
THEMATIC_BREAK = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})\Z")

# §4.2 ATX headings: 1-6 '#' followed by a space, a tab or the end of the line.
ATX_OPENING = re.compile(r"#{1,6}(?=[ \t]|\Z)")
# §4.2 the optional closing sequence: '#'s preceded by a space or tab (or making up the
# whole content), followed only by spaces or tabs.
ATX_CLOSING_ONLY = re.compile(r"[ \t]*#+[ \t]*\Z")
ATX_CLOSING = re.compile(r"[ \t]+#+[ \t]*\Z")

# §4.3 Setext heading underlines: a run of '=' or a run of '-', then spaces or tabs.
SETEXT_UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*\Z")

# §4.5 Fenced code blocks: an opening fence of 3+ backticks (whose info string holds no
# backtick) or 3+ tildes; a closing fence of the same character, at least as long.
FENCE_OPEN = re.compile(r"`{3,}(?=[^`]*\Z)|~{3,}")
FENCE_CLOSE = re.compile(r"(?:`{3,}|~{3,})(?=[ \t]*\Z)")

# §4.6 HTML blocks: the seven start conditions (index 1-7) and the end conditions of
# types 1-5 (types 6 and 7 end at a blank line).
_TAG_NAME = r"[A-Za-z][A-Za-z0-9-]*"
_ATTRIBUTE = (
    r"(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*"
    r"(?:[ \t]*=[ \t]*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)"
)
_OPEN_TAG = rf"<{_TAG_NAME}{_ATTRIBUTE}*[ \t]*/?>"
_CLOSE_TAG = rf"</{_TAG_NAME}[ \t]*>"
# Type 7 open tags exclude the type 1 names (closing tags of any name qualify).
_OPEN_TAG_NOT_RAW = rf"(?!<(?:pre|script|style|textarea)(?![A-Za-z0-9-])){_OPEN_TAG}"
_BLOCK_TAG_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
HTML_BLOCK_START: tuple[re.Pattern[str] | None, ...] = (
    None,
    re.compile(r"<(?:pre|script|style|textarea)(?=[ \t>]|\Z)", re.I),
    re.compile(r"<!--"),
    re.compile(r"<\?"),
    re.compile(r"<![A-Za-z]"),
    re.compile(r"<!\[CDATA\["),
    re.compile(rf"</?(?:{_BLOCK_TAG_NAMES})(?=[ \t>]|/>|\Z)", re.I),
    re.compile(rf"(?:{_OPEN_TAG_NOT_RAW}|{_CLOSE_TAG})[ \t]*\Z", re.I),
)
HTML_BLOCK_END: tuple[re.Pattern[str] | None, ...] = (
    None,
    re.compile(r"</(?:pre|script|style|textarea)>", re.I),
    re.compile(r"-->"),
    re.compile(r"\?>"),
    re.compile(r">"),
    re.compile(r"\]\]>"),
)

# --------------------------------------------------------------------------- containers

# §5.1 Block quotes start with '>' (handled by character test, no regex needed).
# §5.2 List items: a bullet marker, or 1-9 digits followed by '.' or ')'.
BULLET_MARKER = re.compile(r"[*+-]")
ORDERED_MARKER = re.compile(r"([0-9]{1,9})([.)])")

# hybrid (as GFM/pandoc footnotes): a footnote definition "[^label]:" whose continuation
# lines are indented four columns.
FOOTNOTE_DEF = re.compile(r"\[\^([^\]\s\x00]+)\]:")

# --------------------------------------------------------------------------- GFM tables

# GFM §4.10 the delimiter row: cells of hyphens with optional leading/trailing colons,
# separated by pipes, with optional outer pipes.
_DELIM_CELL = r"[ \t]*:?-+:?[ \t]*"
TABLE_DELIMITER_ROW = re.compile(rf"\|?{_DELIM_CELL}(?:\|{_DELIM_CELL})*\|?[ \t]*\Z")

# --------------------------------------------------------------------------- hybrid

# A block-level template opens with '{{'; a wiki table opens with '{|' and closes with a
# line starting '|}'.
TEMPLATE_OPEN = "{{"
WIKI_TABLE_OPEN = "{|"
WIKI_TABLE_CLOSE = "|}"

# --------------------------------------------------------------------------- helpers

# Characters that may start a block other than a paragraph (a fast pre-check, as in
# commonmark.js's reMaybeSpecial); '[' and '{' and '|' are for the hybrid and GFM starts.
MAYBE_SPECIAL = frozenset("#`~*+_=<>-0123456789[{|:")

_ESCAPABLE = re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# §2.4 backslash escapes and §2.5 entity and numeric character references.
_ESCAPE_OR_ENTITY = re.compile(
    rf"\\([{_ESCAPABLE}])|&(?:#[xX]([0-9a-fA-F]{{1,6}});|#([0-9]{{1,7}});|([A-Za-z][A-Za-z0-9]{{1,31}});)"
)


def _replace_escape(match: re.Match[str]) -> str:
    """Resolve one backslash escape or character reference."""
    escaped, hexa, decimal, name = match.groups()
    if escaped is not None:
        return escaped
    if name is not None:
        return html.entities.html5.get(name + ";", match.group(0))
    code = int(hexa, 16) if hexa is not None else int(decimal)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def unescape_string(text: str) -> str:
    """Resolve backslash escapes (§2.4) and entity references (§2.5) in ``text``."""
    if "\\" not in text and "&" not in text:
        return text
    return _ESCAPE_OR_ENTITY.sub(_replace_escape, text)


_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


def split_table_row(text: str) -> list[tuple[str, int]]:
    """Split a GFM table row into ``(cell text, offset of the cell in text)`` pairs.

    Outer pipes are optional, ``\\|`` does not separate cells and becomes ``|`` in the
    cell text (GFM §4.10), and each cell is stripped of surrounding spaces and tabs.
    """
    end = len(text.rstrip(" \t"))
    start = len(text) - len(text.lstrip(" \t"))
    if start < end and text[start] == "|":
        start += 1
    if start < end and text[end - 1] == "|" and text[end - 2] != "\\":
        end -= 1
    cells: list[tuple[str, int]] = []
    cell_start = start
    for separator in _CELL_SEPARATOR.finditer(text, start, end):
        cells.append(_table_cell(text, cell_start, separator.start()))
        cell_start = separator.end()
    cells.append(_table_cell(text, cell_start, end))
    return cells


def _table_cell(text: str, start: int, end: int) -> tuple[str, int]:
    """One stripped cell of a table row, with its pipes unescaped."""
    raw = text[start:end]
    stripped = raw.lstrip(" \t")
    offset = start + len(raw) - len(stripped)
    return stripped.rstrip(" \t").replace("\\|", "|"), offset


def delimiter_aligns(text: str) -> list[str | None]:
    """Alignments of a GFM delimiter row (GFM §4.10): left, center, right or None."""
    aligns: list[str | None] = []
    for cell, _ in split_table_row(text):
        left, right = cell.startswith(":"), cell.endswith(":")
        if left and right:
            aligns.append("center")
        elif right:
            aligns.append("right")
        elif left:
            aligns.append("left")
        else:
            aligns.append(None)
    return aligns
