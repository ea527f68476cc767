"""wikiconv: Markdown-wiki hybrid articles to MediaWiki markup.

Public API::

    import wikiconv
    doc = wikiconv.parse(text)            # -> wikiconv.Document
    wikitext = wikiconv.convert(text)     # -> str
"""

from wikiconv.api import convert, parse
from wikiconv.errors import InputError, WikiconvError
from wikiconv.model import Document
from wikiconv.writers.wikitext import WikitextResult, WriterWarning, write_wikitext

__version__ = "0.1.0"

__all__ = [
    "Document",
    "InputError",
    "WikiconvError",
    "WikitextResult",
    "WriterWarning",
    "convert",
    "parse",
    "write_wikitext",
    "__version__",
]
