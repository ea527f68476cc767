"""wikiconv: Markdown-wiki hybrid articles to MediaWiki markup, citations and statements.

The public API (stable; ``__all__`` lists it and a test pins it)::

    import wikiconv

    doc = wikiconv.parse(text)                 # -> wikiconv.Document
    doc.wikitext()                             # MediaWiki markup
    doc.citations                              # [wikiconv.Citation, ...]
    doc.statements                             # wikiconv.EntityDraft
    wikiconv.convert(text, "quickstatements")  # any target in wikiconv.TARGETS
    wikiconv.parse_reference("Doe, J. (2020). Title. Site.")  # -> Citation
    wiki = wikiconv.Client("https://wiki.example/w/api.php")  # upload client

Heavy parts (the citation grammar, requests) are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wikiconv.api import TARGETS, ConvertOptions, Output, convert, convert_document, parse
from wikiconv.diagnostics import Diagnostic
from wikiconv.errors import InputError, WikiconvError
from wikiconv.model import Document
from wikiconv.writers.wikitext import WikitextResult, WriterWarning, write_wikitext

if TYPE_CHECKING:
    from wikiconv.citations.citation import Citation
    from wikiconv.citations.reference_parser import parse_reference
    from wikiconv.mediawiki import Client
    from wikiconv.statements.statement import EntityDraft, Statement

__version__ = "0.1.0"

__all__ = [
    "TARGETS",
    "Citation",
    "Client",
    "ConvertOptions",
    "Diagnostic",
    "Document",
    "EntityDraft",
    "InputError",
    "Output",
    "Statement",
    "WikiconvError",
    "WikitextResult",
    "WriterWarning",
    "__version__",
    "convert",
    "convert_document",
    "parse",
    "parse_reference",
    "write_wikitext",
]

# Public names imported only when first used: name -> module.
_LAZY = {
    "Citation": "wikiconv.citations.citation",
    "parse_reference": "wikiconv.citations.reference_parser",
    "Client": "wikiconv.mediawiki",
    "EntityDraft": "wikiconv.statements.statement",
    "Statement": "wikiconv.statements.statement",
}


def __getattr__(name: str) -> Any:
    """Import the heavier public names on first use (PEP 562)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'wikiconv' has no attribute {name!r}")
