"""Link reference definitions (CommonMark 0.31.2 §4.7) at the start of a paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from wikiconv.readers.block_syntax import unescape_string


@dataclass(frozen=True, slots=True)
class LinkRefDef:
    """One parsed definition: raw label (not normalised), unescaped URL and title."""

    label: str
    url: str
    title: str


def take_link_ref_defs(lines: list[str]) -> tuple[list[tuple[int, LinkRefDef]], int]:
    """Parse definitions off the front of paragraph ``lines``.

    Returns ``(definitions, consumed)``: each definition with the index of the line it
    starts on, and how many leading lines they used (a definition always ends a line).
    """
    if not lines or not lines[0].startswith("["):
        return [], 0
    text = "\n".join(lines)
    found: list[tuple[int, LinkRefDef]] = []
    pos = 0
    line_index = 0
    while pos < len(text) and text[pos] == "[":
        parsed = _parse_definition(text, pos)
        if parsed is None:
            break
        definition, end = parsed
        found.append((line_index, definition))
        line_index += text.count("\n", pos, end)
        pos = end
    if pos == len(text):
        line_index = len(lines)
    return found, line_index


def _skip_spaces(text: str, pos: int) -> int:
    """Skip spaces and tabs."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _skip_whitespace_one_newline(text: str, pos: int) -> tuple[int, bool]:
    """Skip spaces/tabs and at most one line ending; report whether anything was skipped."""
    start = pos
    pos = _skip_spaces(text, pos)
    if pos < len(text) and text[pos] == "\n":
        pos = _skip_spaces(text, pos + 1)
    return pos, pos > start


def _line_end(text: str, pos: int) -> int | None:
    """Position after the line ending if only spaces/tabs remain on the line, else None."""
    pos = _skip_spaces(text, pos)
    if pos == len(text):
        return pos
    if text[pos] == "\n":
        return pos + 1
    return None


def _parse_label(text: str, pos: int) -> tuple[str, int] | None:
    """A link label ``[...]`` at pos (§4.7): at most 999 characters, not blank."""
    i = pos + 1
    limit = min(len(text), pos + 1 + 1000)
    while i < limit:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            return None
        if char == "]":
            label = text[pos + 1 : i]
            if not label.strip() or len(label) > 999:
                return None
            return label, i + 1
        i += 1
    return None


def _parse_destination(text: str, pos: int) -> tuple[str, int] | None:
    """A link destination: ``<...>`` on one line, or a run without spaces, balanced ()."""
    if pos < len(text) and text[pos] == "<":
        i = pos + 1
        while i < len(text):
            char = text[i]
            if char == "\\" and i + 1 < len(text) and text[i + 1] != "\n":
                i += 2
                continue
            if char in "\n<":
                return None
            if char == ">":
                return unescape_string(text[pos + 1 : i]), i + 1
            i += 1
        return None
    i = pos
    depth = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] not in " \t\n":
            i += 2
            continue
        if char <= " " or char == "\x7f":
            break
        if char == "(":
            depth += 1
            if depth > 32:
                return None
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        i += 1
    if i == pos or depth != 0:
        return None
    return unescape_string(text[pos:i]), i


def _parse_title(text: str, pos: int) -> tuple[str, int] | None:
    """A link title in double quotes, single quotes or parentheses."""
    if pos >= len(text) or text[pos] not in "\"'(":
        return None
    closer = ")" if text[pos] == "(" else text[pos]
    i = pos + 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            i += 2
            continue
        if char == closer:
            return unescape_string(text[pos + 1 : i]), i + 1
        if closer == ")" and char == "(":
            return None
        i += 1
    return None


def _parse_definition(text: str, pos: int) -> tuple[LinkRefDef, int] | None:
    """One definition starting at ``pos``; returns it and the start of the next line."""
    label_end = _parse_label(text, pos)
    if label_end is None:
        return None
    label, i = label_end
    if i >= len(text) or text[i] != ":":
        return None
    i, _ = _skip_whitespace_one_newline(text, i + 1)
    destination = _parse_destination(text, i)
    if destination is None:
        return None
    url, dest_end = destination
    title_start, separated = _skip_whitespace_one_newline(text, dest_end)
    if separated:
        title = _parse_title(text, title_start)
        if title is not None:
            end = _line_end(text, title[1])
            if end is not None:
                return LinkRefDef(label, url, title[0]), end
    end = _line_end(text, dest_end)
    if end is None:
        return None
    return LinkRefDef(label, url, ""), end
