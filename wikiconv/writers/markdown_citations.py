"""The citation list of the hybrid writer: every ``{{cite …}}`` in the refs, readable."""

from __future__ import annotations

from collections.abc import Iterator

import mwparserfromhell
from mwparserfromhell.nodes import Template

from wikiconv import model as m
from wikiconv.citations.from_wikitext import citation_from_template
from wikiconv.citations.reference_style import format_reference

__all__ = ["citation_list", "ref_templates"]


def ref_templates(doc: m.Document) -> Iterator[m.Template]:
    """The templates inside the document's refs, in order."""
    stack: list[object] = list(reversed(doc.blocks))
    while stack:
        node = stack.pop()
        if isinstance(node, m.Ref):
            for child in node.children or []:
                if isinstance(child, m.Template):
                    yield child
            continue
        children: list[object] = []
        for name in ("children", "items", "label"):
            value = getattr(node, name, None)
            if isinstance(value, list):
                children.extend(value)
        if isinstance(node, m.Table):
            children.extend(node.header)
            for row in node.rows:
                children.extend(row)
        if isinstance(node, list):
            children.extend(node)
        stack.extend(reversed(children))


def citation_list(doc: m.Document) -> list[str]:
    """One readable line per cite template in the refs (each distinct line once)."""
    out: list[str] = []
    for template in ref_templates(doc):
        if not template.name.lower().startswith(("cite", "citation")):
            continue
        nodes = mwparserfromhell.parse(template.raw).nodes
        if len(nodes) != 1 or not isinstance(nodes[0], Template):
            continue
        citation = citation_from_template(nodes[0])
        if citation is None:
            continue
        line = format_reference(citation)
        if line and line not in out:
            out.append(line)
    return out
