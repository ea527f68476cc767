"""Raw HTML as the tokenizer reads it: character references and tag attributes.

Shared by the readers and the raw-HTML writer, so both read ``&name;`` and ``<a href>`` alike.
"""

from __future__ import annotations

import re
from html.entities import html5

_SPACE = re.compile(r"\s")
_ANCHOR_OPEN = re.compile(r"<a(?=[\s/>])", re.IGNORECASE)
_ANCHOR_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"([A-Za-z_:][A-Za-z0-9_.:\-]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?"
)


def tag_attributes(tag: str) -> dict[str, str]:
    """The attributes of an open tag, names lowercased; the first of a repeated name wins."""
    space = _SPACE.search(tag)
    start = space.start() if space else len(tag)
    found: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(tag, start, len(tag) - 1):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        found.setdefault(m.group(1).lower(), value)
    return found


def anchor_href(tag: str) -> tuple[str, str] | None:
    """(href, title), references decoded, of an ``<a href=…>`` open tag with an href, else None."""
    if not _ANCHOR_OPEN.match(tag) or tag.endswith("/>"):
        return None
    attributes = tag_attributes(tag)
    href = decode_entities(attributes.get("href", "")).strip()
    return (href, decode_entities(attributes.get("title", ""))) if href else None


def is_anchor_close(tag: str) -> bool:
    """Tell whether a closing tag is ``</a>``."""
    return bool(_ANCHOR_CLOSE.fullmatch(tag))


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")


def decode_entity(ref: str) -> str | None:
    """Decode ``&name;``, ``&#n;`` or ``&#xh;`` (CommonMark §2.5); None for a name HTML5 lacks."""
    body = ref[1:-1]
    if body[0] == "#":
        code = int(body[2:], 16) if body[1] in "xX" else int(body[1:])
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "\ufffd"
        return chr(code)
    return html5.get(body + ";")


def _decode_one(m: re.Match[str]) -> str:
    decoded = decode_entity(m.group(0))
    return m.group(0) if decoded is None else decoded


def decode_entities(s: str) -> str:
    """Decode entity and numeric character references that end in ``;`` (§2.5).

    ``&section=2`` in a URL stays as written (a browser does not decode a legacy name
    followed by ``=`` in an attribute either).
    """
    return _ENTITY.sub(_decode_one, s) if "&" in s else s
