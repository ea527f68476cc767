"""Attributes of raw HTML tags, as the HTML tokenizer reads them (shared by reader and writer).

Values are returned as written: the caller decodes character references with its own rule.
"""

from __future__ import annotations

import re

_ANCHOR_OPEN = re.compile(r"<a(?=[\s/>])", re.IGNORECASE)
_ANCHOR_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"([A-Za-z_:][A-Za-z0-9_.:\-]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?"
)


def tag_attributes(tag: str) -> dict[str, str]:
    """The attributes of an open tag, names lowercased; the first of a repeated name wins."""
    start = tag.find(" ") if " " in tag else len(tag)
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
