"""Attributes of raw HTML tags, as the HTML tokenizer reads them (shared by reader and writer).

Values are returned as written: the caller decodes character references with its own rule.
"""

from __future__ import annotations

import re
from html import unescape

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


def anchor_attributes(tag: str) -> tuple[str, str] | None:
    """(href, title) as written of an ``<a href=…>`` open tag with an href, else None."""
    if not _ANCHOR_OPEN.match(tag) or tag.endswith("/>"):
        return None
    attributes = tag_attributes(tag)
    href = attributes.get("href", "").strip()
    return (href, attributes.get("title", "")) if href else None


def is_anchor_close(tag: str) -> bool:
    """Tell whether a closing tag is ``</a>``."""
    return bool(_ANCHOR_CLOSE.fullmatch(tag))


_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")


def decode_references(value: str) -> str:
    """Decode the character references of an attribute value that end in ``;``.

    ``&section=2`` in a URL stays as written (a browser does not decode a legacy name
    followed by ``=`` in an attribute either).
    """
    return _REFERENCE.sub(lambda m: unescape(m.group(0)), value) if "&" in value else value
