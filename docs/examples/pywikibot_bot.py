"""Convert a Markdown draft and save it with pywikibot (pip install pywikibot).

    python docs/examples/pywikibot_bot.py drafts/runway.md

pywikibot reads the wiki and the account from its user-config.py, as usual.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pywikibot  # type: ignore[import-not-found]

import wikiconv


def main(path: str) -> int:
    """Save the converted draft to the page its title names, unless nothing changed."""
    doc = wikiconv.parse(Path(path).read_text(encoding="utf-8"), source_name=path)
    site = pywikibot.Site()
    page = pywikibot.Page(site, doc.title or Path(path).stem)
    page.text = doc.wikitext()
    page.save(summary="Import draft (wikiconv)", minor=False)
    for citation in doc.citations:  # what the article cites, as parsed
        print(citation.kind, citation.title)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
