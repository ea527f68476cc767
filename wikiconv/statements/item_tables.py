"""Explicit name → QID tables: the curated ``data/known_items.json`` and user mapping files.

A name as written (not a wikilink) resolves only through these tables; nothing is searched.
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import Any

from wikiconv.statements.wikibase_client import QID_RE, ResolverError


def load_known_items() -> dict[str, str]:
    """Return the curated name → QID table shipped as ``data/known_items.json``."""
    data_file = resources.files("wikiconv.statements").joinpath("data/known_items.json")
    raw = data_file.read_text("utf-8")
    data = json.loads(raw)
    table: dict[str, str] = {}
    for section, entries in data.items():
        if section.startswith("_"):
            continue
        table.update(checked_mapping(entries, f"known_items.json:{section}"))
    return table


def load_mapping(path: str | Path) -> dict[str, str]:
    """Read a user mapping: CSV rows ``name,qid`` (a ``name,qid`` header is skipped) or JSON."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ResolverError(f"{path}: a JSON mapping must be an object {{name: qid}}")
        return checked_mapping(data, str(path))
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if number == 1 and [c.strip().lower() for c in row[:2]] == ["name", "qid"]:
            continue
        if len(row) != 2:
            raise ResolverError(f"{path}:{number}: expected two columns name,qid, got {len(row)}")
        mapping.update(checked_mapping({row[0]: row[1]}, f"{path}:{number}"))
    return mapping


def checked_mapping(entries: Any, where: str) -> dict[str, str]:
    """Validate ``{name: qid}`` entries, stripping blanks around names and QIDs."""
    if not isinstance(entries, dict):
        raise ResolverError(f"{where}: expected an object of name: qid")
    checked: dict[str, str] = {}
    for name, qid in entries.items():
        if not isinstance(name, str) or not isinstance(qid, str):
            raise ResolverError(f"{where}: names and QIDs must be strings: {name!r}: {qid!r}")
        key, value = name.strip(), qid.strip().upper()
        if not key or not QID_RE.fullmatch(value):
            raise ResolverError(f"{where}: not a name and a QID: {name!r}: {qid!r}")
        checked[key] = value
    return checked
