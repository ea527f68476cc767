"""``wikiconv push``: save a pulled (and edited) hybrid file back to its wiki page.

Only what was edited changes on the wiki (see :mod:`wikiconv.page_sync`).  A page edited on the
wiki since the file was pulled (its revision is not the front matter's ``revision.id``) is not
overwritten unless ``--force`` is given.  An edit made between push's read and its write is
refused by the wiki (``baserevid``), or merged by it when the two touch different lines; the
file then keeps its old revision, so the next push asks for a pull.  After a push the file's
``revision`` is updated, so pushing again is a no-op.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from wikiconv import __version__
from wikiconv.commands.common import EXIT_INPUT, EXIT_OK, EXIT_USAGE, print_diagnostic
from wikiconv.commands.upload import unified_diff
from wikiconv.credentials import CredentialsError, load_credentials
from wikiconv.fileio import read_source, write_atomic
from wikiconv.mediawiki import (
    Client,
    EditConflictError,
    EditResult,
    MediaWikiError,
    PageRevision,
    normalize_text,
    same_text,
)
from wikiconv.page_sync import (
    LocalPage,
    Revision,
    merged_text,
    read_local,
    revision_text,
    set_revision,
)

DEFAULT_SUMMARY = f"Edit with wikiconv {__version__}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``push``."""
    parser.add_argument("input", metavar="FILE", help="a Markdown file made by wikiconv pull")
    parser.add_argument("--api", required=True, metavar="URL", help="the wiki's api.php URL")
    parser.add_argument("--summary", default=DEFAULT_SUMMARY, help="edit summary")
    parser.add_argument(
        "--force",
        action="store_true",
        help="save even though the page changed since it was pulled (overwriting that change)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print a diff against the wiki, edit nothing"
    )
    parser.add_argument("--bot", action="store_true", help="mark the edit as a bot edit")
    parser.add_argument(
        "--credentials",
        metavar="FILE",
        help="bot password file, INI or JSON (default: WIKICONV_BOT_USER/WIKICONV_BOT_PASSWORD)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")


def fail(message: str) -> int:
    """Print an error of ``push`` and return the exit status for it."""
    print(f"wikiconv: push: {message}", file=sys.stderr)
    return EXIT_INPUT


def run(args: argparse.Namespace) -> int:
    """Push one file; 1 on a conflict or any failure, nothing overwritten then."""
    path = Path(args.input)
    markdown = read_source(path)
    local = read_local(markdown, str(path))
    if not args.quiet:
        for diagnostic in local.diagnostics:
            if diagnostic.severity != "note":
                print_diagnostic(str(path), diagnostic.pos, diagnostic.message, diagnostic.severity)
    if not local.title:
        return fail(f"{path} has no title in its front matter; is it a file from wikiconv pull?")
    client = Client(args.api)
    try:
        if not args.dry_run or args.credentials:
            client.login(load_credentials(args.credentials))
    except CredentialsError as exc:
        print(f"wikiconv: push: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except MediaWikiError as exc:
        return fail(str(exc))
    try:
        return _push(client, path, markdown, local, args)
    except EditConflictError as exc:
        return fail(
            f"[[{local.title}]] was edited while pushing ({exc.info}); nothing was overwritten. "
            f"Pull the page again and redo your edits on it: {_pull_hint(local, args, path)}"
        )
    except MediaWikiError as exc:
        return fail(f"[[{local.title}]]: {exc}")


def _push(
    client: Client, path: Path, markdown: str, local: LocalPage, args: argparse.Namespace
) -> int:
    """Merge, check for conflicts, then diff (``--dry-run``) or save and record the revision."""
    title = str(local.title)
    live = client.page(title)
    text = _new_text(client, local, live, args.quiet)
    if live is not None and same_text(live.text, text):
        print(f"push: [[{live.title}]]: unchanged (r{live.revid})", file=sys.stderr)
        if not args.dry_run and local.revision is not None:
            _record(path, markdown, local, Revision(live.revid, live.timestamp))
        return EXIT_OK
    conflict = _conflict(local, live, args, path)
    if args.dry_run:
        sys.stdout.write(unified_diff(title, live.text if live else None, text, _revid(live)))
        sys.stdout.flush()
        if conflict:
            return fail(conflict)
        print(f"push: [[{title}]]: would {'update' if live else 'create'}", file=sys.stderr)
        return EXIT_OK
    if conflict:
        return fail(conflict)
    result = _save(client, title, text, live, args)
    print(f"push: [[{result.title}]]: {result.status} (r{result.revid})", file=sys.stderr)
    if local.revision is None:  # a draft: read as a pulled page, it would mean something else
        print(f"push: to edit [[{result.title}]] further, pull it", file=sys.stderr)
    elif result.revid:
        saved = revision_text(client, result.revid)
        if saved is not None and same_text(saved.text, text):
            _record(path, markdown, local, Revision(result.revid, saved.timestamp))
        else:  # the wiki merged a concurrent edit into ours: the file lacks that edit
            print(
                f"push: [[{result.title}]] was edited meanwhile, and the wiki merged that edit "
                f"with yours; {path} still names revision {local.revision.id}: pull the page again "
                "before editing it further",
                file=sys.stderr,
            )
    return EXIT_OK


def _new_text(client: Client, local: LocalPage, live: PageRevision | None, quiet: bool) -> str:
    """The wikitext to save: the pulled revision with the file's edits applied to it."""
    if local.revision is None:
        return normalize_text(local.wikitext)  # not a pulled page: all of it is new
    if live is not None and live.revid == local.revision.id:
        base: PageRevision | None = live
    else:
        base = revision_text(client, local.revision.id)
    if base is None:
        if not quiet:
            print(
                f"wikiconv: push: warning: revision {local.revision.id} cannot be read; "
                "the whole page is written from the Markdown",
                file=sys.stderr,
            )
        return normalize_text(local.wikitext)
    text, how = merged_text(base.text, str(local.title), local.wikitext)
    if how == "whole" and not quiet:
        print(
            "wikiconv: push: warning: the edits could not be confined to the lines they touch; "
            "the whole page is written from the Markdown (see the diff with --dry-run)",
            file=sys.stderr,
        )
    return text


def _conflict(
    local: LocalPage, live: PageRevision | None, args: argparse.Namespace, path: Path
) -> str | None:
    """Why saving would overwrite someone else's work (None when it would not, or --force)."""
    if args.force:
        return None
    hint = _pull_hint(local, args, path)
    if local.revision is None:
        if live is None:
            return None
        return (
            f"{path} has no revision in its front matter (it was not pulled), and "
            f"[[{live.title}]] exists (revision {live.revid}). To edit it, pull it first: "
            f"{hint}; or push with --force to replace it"
        )
    if live is None:
        return (
            f"[[{local.title}]] does not exist on {args.api} any more (the file is based on "
            f"revision {local.revision.id}); push with --force to create it again"
        )
    if live.revid != local.revision.id:
        return (
            f"edit conflict: [[{live.title}]] was changed since it was pulled: the file is based "
            f"on revision {local.revision.id}, the wiki now has revision {live.revid} "
            f"({live.timestamp}). Nothing was saved. To resolve: pull again ({hint}), carry your "
            f"edits over and push that; or push with --force to overwrite revision {live.revid}"
        )
    return None


def _pull_hint(local: LocalPage, args: argparse.Namespace, path: Path) -> str:
    """The pull command that fetches the page again, into a new file beside ``path``."""
    other = path.with_name(f"{path.stem}.latest{path.suffix}")
    words = ["wikiconv", "pull", str(local.title), "--api", args.api, "-o", str(other)]
    return shlex.join(words)


def _save(
    client: Client, title: str, text: str, live: PageRevision | None, args: argparse.Namespace
) -> EditResult:
    """Save ``text``, letting the wiki refuse it if the page changed after ``live`` was read."""
    if live is None:
        try:
            return client.edit(title, text, args.summary, bot=args.bot, createonly=True)
        except MediaWikiError as exc:
            if exc.code == "articleexists":
                raise EditConflictError(title, f"[[{title}]] was created meanwhile") from None
            raise
    # baserevid, not basetimestamp: with a basetimestamp, MediaWiki 1.39 lets an edit made in
    # the same second as the base revision be overwritten without a conflict.
    return client.edit(
        live.title,
        text,
        args.summary,
        bot=args.bot,
        nocreate=True,
        starttimestamp=live.starttimestamp,
        baserevid=live.revid,
    )


def _revid(live: PageRevision | None) -> int | None:
    """The revision id of the live page, None when there is none."""
    return live.revid if live else None


def _record(path: Path, markdown: str, local: LocalPage, revision: Revision) -> None:
    """Record the page's new revision in the file's front matter, if the file is unchanged."""
    if local.revision == revision:
        return
    if read_source(path) != markdown:
        print(
            f"wikiconv: push: warning: {path} changed during the push; its revision is not "
            f"updated (the wiki now has revision {revision.id})",
            file=sys.stderr,
        )
        return
    write_atomic(path, set_revision(markdown, revision))
