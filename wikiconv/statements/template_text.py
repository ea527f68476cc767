"""The prose a few inline templates stand for: ``{{As of|2024}}`` reads "As of 2024",
``{{convert|14|km|mi}}`` "14 km", ``{{lang|fi|Hiilivalo}}`` "Hiilivalo"; others give none."""

from __future__ import annotations

import calendar
import re

_NAME_RE = re.compile(r"\{\{\s*([^|{}]+?)\s*(?:\||\}\}$)")
_DATE_PARTS = 3


def template_text(raw: str) -> str:
    """Return the text a prose template renders as ("" for any other template)."""
    found = _NAME_RE.match(raw)
    if found is None or "{{" in raw[2:] or "[[" in raw:
        return ""
    name = found.group(1).strip().lower().replace("_", " ")
    params = [p.strip() for p in raw[2:-2].split("|")[1:]]
    positional = [p for p in params if "=" not in p]
    named = dict(p.split("=", 1) for p in params if "=" in p)
    if name in ("as of", "asof"):
        if named.get("alt"):
            return named["alt"].strip()
        date = [p for p in positional[:_DATE_PARTS] if p.isdigit()]
        words = ["as of" if named.get("lc", "").strip() in ("y", "yes") else "As of"]
        if len(date) >= 2:
            month = int(date[1])
            words.append(calendar.month_name[month] if 1 <= month <= 12 else "")
        return " ".join([*words, date[0]] if date else words).replace("  ", " ")
    if name in ("convert", "cvt") and positional:
        unit = positional[1] if len(positional) > 1 else ""
        return f"{positional[0]} {unit}".strip()
    if name in ("lang", "langx") and len(positional) >= 2:
        return positional[1]
    if name in ("nowrap", "nobr", "small", "nobold") and positional:
        return positional[0]
    if name in ("circa", "c."):
        return "c. " + positional[0] if positional else "c."
    return ""
