"""YAML front matter: a ``---`` first line, YAML, then a ``---`` or ``...`` line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from wikiconv.errors import InputError
from wikiconv.model import Category, Pos

_OPENING = re.compile(r"---[ \t]*\Z")
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*\Z")
_CATEGORY_PREFIX = re.compile(r"^\s*category\s*:\s*", re.I)


@dataclass
class FrontMatter:
    """Parsed front matter and how many source lines it took (0 when there is none)."""

    meta: dict[str, Any] = field(default_factory=dict)
    line_count: int = 0
    title: str | None = None
    categories: list[Category] = field(default_factory=list)


def read_front_matter(lines: list[str], source_name: str = "<string>") -> FrontMatter:
    """Split off front matter from the document's lines.

    A leading ``---`` with no closing line is not front matter, nor is an empty block or
    one whose YAML is not a mapping: that is Markdown (thematic breaks, a setext heading).
    YAML that does not parse raises :class:`InputError` at the error's line in the file.
    """
    if not lines or not _OPENING.match(lines[0]):
        return FrontMatter()
    closing = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i])), None)
    if closing is None:
        return FrontMatter()
    source = "\n".join(lines[1:closing])
    if not source.strip():
        return FrontMatter()
    import yaml  # only documents with front matter pay for loading PyYAML (~10 ms)

    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        reason = f"invalid YAML front matter: {problem}"
        raise InputError(reason, source_name, line, column) from error
    if not isinstance(data, dict):
        return FrontMatter()
    meta = {str(key): value for key, value in data.items()}
    result = FrontMatter(meta, closing + 1)
    title = meta.get("title")
    if title is not None and str(title).strip():
        result.title = str(title).strip()
    result.categories = _categories(meta.get("categories"))
    return result


def _categories(value: Any) -> list[Category]:
    """Categories from a list, or a comma-separated string; "Name|sort key" allowed."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    categories = []
    for item in items:
        if item is None:
            continue
        name = _CATEGORY_PREFIX.sub("", str(item), count=1).strip()
        sort_key = None
        if "|" in name:
            name, sort_key = (part.strip() for part in name.split("|", 1))
        if name:
            categories.append(Category(name, sort_key, pos=Pos(1, 1)))
    return categories
