"""``wikiconv pull``: fetch a wiki page as hybrid Markdown, its revision in the front matter.

The front matter records the page's ``title`` and ``revision`` (``id``, ``timestamp``), which
``wikiconv push`` needs to change only what was edited and to notice edits made meanwhile.
``-o FILE`` is written atomically, and not over a file holding edits that were never pushed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wikiconv.commands.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from wikiconv.credentials import CredentialsError, load_credentials
from wikiconv.errors import WikiconvError
from wikiconv.fileio import read_source, write_atomic
from wikiconv.mediawiki import Client, MediaWikiError
from wikiconv.page_sync import merged_text, page_markdown, read_local, revision_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``pull``."""
    parser.add_argument("title", metavar="TITLE", help="the page's title")
    parser.add_argument("--api", required=True, metavar="URL", help="the wiki's api.php URL")
    parser.add_argument("-o", "--output", default="-", metavar="OUT", help="output, - = stdout")
    parser.add_argument(
        "--force", action="store_true", help="overwrite OUT even if it has edits not pushed"
    )
    parser.add_argument(
        "--credentials",
        metavar="FILE",
        help="bot password file, INI or JSON, for wikis that need a login (default: none)",
    )


def run(args: argparse.Namespace) -> int:
    """Fetch the page, convert it and write the Markdown."""
    client = Client(args.api)
    try:
        if args.credentials:
            client.login(load_credentials(args.credentials))
        page = client.page(args.title)
    except (CredentialsError, MediaWikiError) as exc:
        print(f"wikiconv: pull: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, CredentialsError) else EXIT_INPUT
    if page is None:
        print(f"wikiconv: pull: [[{args.title}]] does not exist on {args.api}", file=sys.stderr)
        return EXIT_INPUT
    markdown = page_markdown(page)
    if args.output == "-":
        sys.stdout.write(markdown)
        sys.stdout.flush()
        return EXIT_OK
    if not args.force:
        problem = _unpushed_edits(client, Path(args.output), markdown)
        if problem:
            print(f"wikiconv: pull: {args.output} {problem}; nothing written", file=sys.stderr)
            return EXIT_INPUT
    write_atomic(args.output, markdown)
    print(f"pull: [[{page.title}]] revision {page.revid} -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _unpushed_edits(client: Client, path: Path, markdown: str) -> str | None:
    """Why writing ``markdown`` over ``path`` would lose work, or None when it would not."""
    if not path.exists():
        return None
    try:
        existing = read_source(path)
        if existing == markdown:
            return None
        local = read_local(existing, str(path))
    except WikiconvError:
        return "exists and is not a pulled page (use --force to overwrite it)"
    if local.revision is None or not local.title:
        return "exists and is not a pulled page (use --force to overwrite it)"
    try:
        base = revision_text(client, local.revision.id)
    except MediaWikiError:
        base = None
    if base is None:
        return f"is based on revision {local.revision.id}, which cannot be read (use --force)"
    if merged_text(base.text, local.title, local.wikitext)[1] == "unchanged":
        return None
    return "has edits that were not pushed (push them first, or use --force to discard them)"
