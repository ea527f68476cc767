"""The text outputs of a document's references: CS1 templates (``-t citations``) and CSL-JSON.

Both list the references :func:`~.reference_sections.document_citations` finds, in source order
(reference lists, footnote definitions, inline ``<ref>`` content).  An entry whose content
already is a ``{{cite …}}`` template is given as written (on one line); every other one is
written by :func:`~.cs1.write_cs1`.  CSL-JSON item ids are the entries' ``<ref>`` names
(``runway-2025``).
"""

from __future__ import annotations

import json
import re

from wikiconv import model as m
from wikiconv.citations.cs1 import DateFormat, write_cs1
from wikiconv.citations.csl import citation_to_csl
from wikiconv.citations.document_refs import entry_messages
from wikiconv.citations.reference_sections import CitationWarning, find_references

__all__ = ["citation_templates", "csl_json"]


def _one_line(wikitext: str) -> str:
    """A template's wikitext with its line breaks (and the spaces around them) made one space."""
    return re.sub(r"\s*\n\s*", " ", wikitext.strip())


def citation_templates(
    doc: m.Document, date_format: DateFormat = "iso"
) -> tuple[str, list[CitationWarning]]:
    """One CS1 template per reference, in source order, one per line; and the warnings."""
    lines: list[str] = []
    warnings: list[CitationWarning] = []
    for entry in find_references(doc).entries:
        if not entry.citable:
            continue
        if entry.cite_template is not None:
            lines.append(_one_line(entry.cite_template.raw))
            warnings.extend(entry_messages(entry, None, guesses=False))
            continue
        result = write_cs1(entry.citation, date_format)
        lines.append(result.template)
        warnings.extend(entry_messages(entry, result))
    return "".join(line + "\n" for line in lines), warnings


def csl_json(doc: m.Document) -> tuple[str, list[CitationWarning]]:
    """The references as a pretty-printed CSL-JSON array; and the parser's guesses as notes."""
    items = []
    warnings: list[CitationWarning] = []
    for entry in find_references(doc).entries:
        if entry.citable:
            items.append(citation_to_csl(entry.citation, entry.name))
            warnings.extend(entry_messages(entry, None))
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n", warnings
