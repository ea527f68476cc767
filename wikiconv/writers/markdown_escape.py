"""Every Markdown escaping rule of the hybrid writer, in one place.

The rule: a backslash goes before exactly the characters CommonMark (with GFM and the
hybrid's wiki extensions) would otherwise read as markup, and nothing else; where a
backslash cannot help (spaces at the ends of a line, which CommonMark strips or reads as
a hard break) the character becomes a numeric reference such as ``&#32;``.  Constructs
written verbatim (templates, raw HTML, wikitext islands) are never escaped; a line that
starts with one gets an invisible ``<nowiki/>`` in front when it would otherwise open a
block (the hybrid reader drops ``<nowiki/>``).
"""

from __future__ import annotations

import re

# Characters that may need a backslash inside running text.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&{}~!|@.:#]")
_ENTITY_LIKE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
NOWIKI = "<nowiki/>"


def _alnum(ch: str) -> bool:
    return ch.isalnum()


def escape_text(text: str, in_cell: bool = False) -> str:
    """Escape a text node so the hybrid reader gives back exactly ``text``.

    ``\\`` ``*`` `````` ``[`` ``]`` ``~`` always; ``_`` unless inside a word; ``<`` before
    what could start a tag, comment or autolink; ``&`` before an entity-like name; ``{``/``}``
    in runs (templates) or at the ends (a neighbour may complete the run); ``!`` at the end
    (before a link: an image); ``://`` and ``www.`` (GFM autolinks); ``@`` as ``&#64;`` (emails);
    ``|`` in table cells.
    """
    if not _SPECIAL.search(text):
        return text
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in "\\`*[]~":
            out.append("\\" + ch)
        elif ch == "_":
            out.append(ch if _alnum(prev) and _alnum(nxt) else "\\_")
        elif ch == "<":
            out.append("\\<" if not nxt or nxt.isalpha() or nxt in "/!?" else ch)
        elif ch == ">":
            out.append(ch)
        elif ch == "&":
            out.append("\\&" if not nxt or _ENTITY_LIKE.match(text, i) else ch)
        elif ch in "{}":
            out.append("\\" + ch if prev in ("", ch) or nxt in ("", ch) else ch)
        elif ch == "!":
            out.append("\\!" if not nxt else ch)
        elif ch == "|":
            out.append("\\|" if in_cell else ch)
        elif ch == "@":
            # GFM email autolinks are found after unescaping; a reference stays text.
            email = (prev.isalnum() or prev in ".-_+") and (nxt.isalnum() or not nxt)
            out.append("&#64;" if email or not prev else ch)
        elif ch == ":":
            out.append("\\:" if text.startswith("//", i + 1) else ch)
        elif ch == ".":
            out.append("\\." if i >= 3 and text[i - 3 : i].lower() == "www" else ch)
        else:
            out.append(ch)
    return "".join(out)


def escape_line_start(line: str) -> str:
    """Escape a line (starting with text) that would open a block in CommonMark."""
    if not line:
        return line
    first = line[0]
    if first in " \t":
        stripped = line.lstrip(" \t")
        spaces = line[: len(line) - len(stripped)]
        return "".join(f"&#{ord(c)};" for c in spaces) + stripped
    if first in "#>+-=" and (first != "=" or re.fullmatch(r"=+[ \t]*", line)):
        return "\\" + line
    if first.isdigit():
        match = re.match(r"\d{1,9}([.)])", line)
        if match:
            return line[: match.start(1)] + "\\" + line[match.start(1) :]
    if first in "|:" and re.fullmatch(r"[|: \t-]*-[|: \t-]*", line):
        return "\\" + line
    if first == "{" and line.startswith("{|"):
        return "\\" + line
    return line


def escape_line_end(line: str) -> str:
    """Spaces and tabs at the end of a line as references (CommonMark drops them)."""
    stripped = line.rstrip(" \t")
    if len(stripped) == len(line):
        return line
    return stripped + "".join(f"&#{ord(c)};" for c in line[len(stripped) :])


def code_span(text: str) -> str:
    """A code span holding exactly ``text`` (CommonMark §6.1), or "" when none can."""
    if not text or "\n" in text:
        return ""
    runs = {len(r) for r in re.findall(r"`+", text)}
    size = 1
    while size in runs:
        size += 1
    fence = "`" * size
    pad = (
        text[0] == "`"
        or text[-1] == "`"
        or (text[0] == " " and text[-1] == " " and text.strip(" "))
    )
    if pad:
        return f"{fence} {text} {fence}"
    return f"{fence}{text}{fence}"


def code_fence(text: str) -> str:
    """A backtick fence longer than any backtick run in ``text`` (at least three)."""
    longest = max((len(r) for r in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def escape_info(info: str) -> str:
    """A fenced code block's info string: one word, no backticks, ``{`` escaped."""
    word = info.split()[0] if info.split() else ""
    word = word.replace("\\", "\\\\").replace("`", "")
    if word.startswith("{"):
        word = "\\" + word
    return word


def escape_destination(url: str) -> str:
    """A link destination: bare when it can be, else in ``<…>`` with ``<>\\`` escaped."""
    if url and not re.search(r"[\s()<>\\\x00-\x1f]", url):
        return url.replace("&", "&amp;") if _ENTITY_LIKE.search(url) else url
    body = url.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
    body = body.replace("&", "&amp;") if _ENTITY_LIKE.search(body) else body
    return f"<{body}>"


def escape_title(title: str) -> str:
    """A link title in double quotes."""
    body = title.replace("\\", "\\\\").replace('"', '\\"')
    body = body.replace("&", "&amp;") if _ENTITY_LIKE.search(body) else body
    return f'"{body}"'


def autolink_ok(url: str) -> bool:
    """Tell whether ``<url>`` is a CommonMark autolink giving back ``url`` exactly."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\x00-\x20<>]*", url):
        return False
    return "&" not in url and "\\" not in url


def escape_cell(rendered: str) -> str:
    """A rendered table cell: every ``|`` escaped (GFM splits rows before inlines)."""
    return rendered.replace("|", "\\|")


def escape_heading_end(text: str) -> str:
    """Keep a heading's trailing ``#`` from reading as the closing sequence."""
    if text.endswith("#"):
        return text[:-1] + "\\#"
    return text


def attribute_value(value: str) -> str | None:
    """A quoted ``<ref>`` attribute value, or None when no quoting holds it."""
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return None
