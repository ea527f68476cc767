"""Convert Markdown drafts and save them to a wiki with wikiconv's own client.

    WIKICONV_BOT_USER='Me@mybot' WIKICONV_BOT_PASSWORD='...' \
        python docs/examples/requests_bot.py https://wiki.example/w/api.php drafts/*.md

The bot password comes from the environment (Special:BotPasswords makes one), never argv.
"""

from __future__ import annotations

import sys
from pathlib import Path

import wikiconv
from wikiconv.credentials import load_credentials


def main(api_url: str, paths: list[str]) -> int:
    """Upload each draft as the page its title names; report what happened to each."""
    client = wikiconv.Client(api_url)
    client.login(load_credentials())
    for path in paths:
        doc = wikiconv.parse(Path(path).read_text(encoding="utf-8"), source_name=path)
        title = doc.title or Path(path).stem
        result = client.edit(title, doc.wikitext(), summary="Import draft (wikiconv)")
        print(f"{title}: {result.status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
