"""``wikiconv pull`` and ``wikiconv push``: edit a live page as Markdown without damaging it.

Against the real test wiki: real pages from ``tests/data/wikitext`` are pulled, edited with a
string replace, pushed, and the wiki's new text is compared with the old one line by line.
Concurrent edits come from another user (``edit.php``) or from a client that saves the page
right after push has read it.
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from tests.test_upload import (  # noqa: F401  (bot and bot_env are fixtures)
    ConcurrentClient,
    bot,
    bot_env,
    live_text,
    other_user_edit,
    revision_count,
    unique,
)
from tests.wiki_server import TestWiki
from wikiconv.commands import pull, push
from wikiconv.credentials import Credentials
from wikiconv.mediawiki import Client, PageRevision
from wikiconv.page_sync import (
    REFERENCES_IGNORED,
    Revision,
    merged_text,
    page_markdown,
    read_local,
    rebase,
    set_revision,
)

DATA = Path(__file__).resolve().parent / "data" / "wikitext"

# (file, sentence as found in the page, the edited sentence)
EDITS = [
    # infobox glued to the lead, cite web/news in refs, sortable table with styles
    (
        "wp_alsea",
        "Alsea reported revenues of US$ 1.7 billion for 2014.",
        "Alsea reported revenues of US$ 1.8 billion for 2014.",
    ),
    # named refs written with single quotes (the round trip writes double quotes), infobox
    ("wp_britt_morgan", "She is a member of the", "She was inducted into the"),
    # standalone infobox (moved to the front matter), wikitable
    ("wp_alexander_y_type", "between 1962 and 1983.", "between 1961 and 1983."),
    # a cell of that wikitable
    ("wp_alexander_y_type", "PSU3 and PSU4 models", "PSU3, PSU4 and PSU5 models"),
    # German Wikipedia: <references />, [[Kategorie:…]], ISBNs
    ("dewp_wendy_mogel", "erwarb 1985 ihre Zulassung", "erwarb 1986 ihre Zulassung"),
]


def cli(module: ModuleType, *argv: object) -> int:
    """Run ``wikiconv pull|push ARGV`` in this process."""
    parser = argparse.ArgumentParser(prog=f"wikiconv {module.__name__.rsplit('.', 1)[-1]}")
    module.add_arguments(parser)
    return int(module.run(parser.parse_args([str(a) for a in argv])))


def create_page(wiki: TestWiki, bot: Credentials, name: str) -> tuple[str, str]:  # noqa: F811
    """Save ``tests/data/wikitext/NAME.wiki`` under a fresh title; returns (title, wiki text)."""
    title = unique("Pulled " + name.replace("_", " "))
    client = Client(wiki.api_url)
    client.login(bot)
    client.edit(title, (DATA / f"{name}.wiki").read_text(encoding="utf-8"), "test page")
    return title, live_text(wiki, title) or ""


def front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of a Markdown file."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    loaded = yaml.safe_load(text[4 : text.index("\n---\n", 4)])
    assert isinstance(loaded, dict)
    return loaded


def current_revision(wiki: TestWiki, title: str) -> int:
    """The id of the current revision of ``title``."""
    reply = wiki.api(action="query", prop="revisions", titles=title, rvprop="ids")
    return int(reply["query"]["pages"][0]["revisions"][0]["revid"])


def changed_regions(old: str, new: str) -> list[tuple[list[str], list[str]]]:
    """The (removed lines, added lines) of each changed region from ``old`` to ``new``."""
    a, b = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def edit_file(path: Path, old: str, new: str) -> None:
    """Replace one sentence of a pulled file, as an editor would."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in the pulled Markdown"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture()
def pulled(
    wiki: TestWiki,
    bot: Credentials,  # noqa: F811
    bot_env: dict[str, str],  # noqa: F811
    tmp_path: Path,
) -> tuple[str, str, Path]:
    """A real page (with refs, cite templates, an infobox, a table) saved and pulled."""
    title, text = create_page(wiki, bot, "wp_alsea")
    path = tmp_path / "page.md"
    assert cli(pull, title, "--api", wiki.api_url, "-o", path) == 0
    return title, text, path


# -- without a wiki ---------------------------------------------------------------------------


def test_rebase_keeps_the_base_text_outside_the_edit() -> None:
    base = "'''A''' &mdash; b.\n\nKept   as is.\nEdited line here."
    old = "'''A''' — b.\n\nKept as is.\nEdited line here.\n"
    new = "'''A''' — b.\n\nKept as is.\nEdited row here.\n"
    assert rebase(base, old, new) == "'''A''' &mdash; b.\n\nKept   as is.\nEdited row here."
    assert rebase(base, old, old) == base


def test_an_edit_meeting_rewritten_text_takes_the_edits_version() -> None:
    base = "x &mdash;y z"
    old = "x —y z"
    assert rebase(base, old, "x -Y z") == "x -Y z"  # overlapping: the edit's
    assert rebase(base, old, "x —y Z") == "x &mdash;y Z"  # apart: each its own
    assert rebase(base, old, "x —Y z") == "x &mdash;Y z"  # touching: each its own
    assert rebase(base, old, "x —Y z", "words-wide") == "x —Y z"  # unless wide
    assert rebase(base, old, "x —Y z", "lines") == "x —Y z"


def test_merged_text_of_an_unedited_pull_is_the_page_itself() -> None:
    for file in sorted(DATA.glob("*.wiki")):
        text = file.read_text(encoding="utf-8").rstrip()
        page = PageRevision("T", text, 1, "2024-01-01T00:00:00Z", "")
        markdown = page_markdown(page)
        assert merged_text(text, "T", read_local(markdown).wikitext) == (text, "unchanged")


def test_set_revision_changes_only_the_revision() -> None:
    text = (
        "---\ntitle: Page\nrevision:\n  id: 5\n  timestamp: '2024-01-01T00:00:00Z'\n"
        "categories:\n- A\n---\n\nBody with --- and revision: in it.\n"
    )
    updated = set_revision(text, Revision(7, "2024-02-02T00:00:00Z"))
    assert updated == text.replace("id: 5", "id: 7").replace("2024-01-01T", "2024-02-02T")
    flow = "---\ntitle: Page\nrevision: {id: 5, timestamp: x}\n---\nBody\n"
    assert set_revision(flow, Revision(6, "y")).endswith("---\nBody\n")
    assert read_local(set_revision(flow, Revision(6, "y"))).revision == Revision(6, "y")
    assert set_revision("No front matter.\n", Revision(1, "t")).startswith("---\nrevision:\n")


def test_an_edit_of_the_references_summary_draws_a_warning() -> None:
    text = (DATA / "wp_alsea.wiki").read_text(encoding="utf-8")
    markdown = page_markdown(PageRevision("T", text, 1, "2024-01-01T00:00:00Z", ""))
    assert not read_local(markdown).diagnostics
    edited = read_local(markdown.replace("Top 10 del Ranking", "Top 11 del Ranking", 1))
    assert [d.message for d in edited.diagnostics] == [REFERENCES_IGNORED]


def test_push_needs_a_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "page.md"
    path.write_text("Just text.\n")
    assert cli(push, path, "--api", "http://127.0.0.1:9/api.php") == 1
    assert "no title" in capsys.readouterr().err


# -- pull, edit, push -------------------------------------------------------------------------


@pytest.mark.wiki
@pytest.mark.parametrize(("name", "before", "after"), EDITS, ids=[e[0] for e in EDITS])
def test_pull_edit_push_changes_only_what_was_edited(
    wiki: TestWiki,
    bot: Credentials,  # noqa: F811
    bot_env: dict[str, str],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    before: str,
    after: str,
) -> None:
    title, old_text = create_page(wiki, bot, name)
    path = tmp_path / "page.md"
    assert cli(pull, title, "--api", wiki.api_url, "-o", path) == 0
    meta = front_matter(path)
    assert meta["title"] == title
    assert meta["revision"]["id"] == current_revision(wiki, title)
    assert meta["revision"]["timestamp"].endswith("Z")

    edit_file(path, before, after)
    assert cli(push, path, "--api", wiki.api_url, "--summary", "pull/push test") == 0
    assert "updated" in capsys.readouterr().err
    new_text = live_text(wiki, title) or ""
    regions = changed_regions(old_text, new_text)
    assert len(regions) == 1, regions
    removed, added = regions[0]
    assert removed and all(before in line for line in removed), removed
    assert added and all(after in line for line in added), added
    assert new_text == old_text.replace(before, after, 1)
    assert revision_count(wiki, title) == 2

    assert front_matter(path)["revision"]["id"] == current_revision(wiki, title)
    assert cli(push, path, "--api", wiki.api_url) == 0  # again: nothing left to save
    assert "unchanged" in capsys.readouterr().err
    assert revision_count(wiki, title) == 2


@pytest.mark.wiki
def test_pull_to_stdout_and_a_missing_page(
    wiki: TestWiki, pulled: tuple[str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    title, _, path = pulled
    capsys.readouterr()
    assert cli(pull, title, "--api", wiki.api_url) == 0
    assert capsys.readouterr().out == path.read_text(encoding="utf-8")
    missing = unique("No such page")
    assert cli(pull, missing, "--api", wiki.api_url) == 1
    err = capsys.readouterr().err
    assert missing in err and "does not exist" in err


@pytest.mark.wiki
def test_pull_does_not_overwrite_edits_not_pushed(
    wiki: TestWiki, pulled: tuple[str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    title, _, path = pulled
    assert cli(pull, title, "--api", wiki.api_url, "-o", path) == 0  # nothing edited: fine
    edit_file(path, "1.7 billion", "1.9 billion")
    edited = path.read_text(encoding="utf-8")
    assert cli(pull, title, "--api", wiki.api_url, "-o", path) == 1
    assert "not pushed" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == edited
    assert cli(pull, title, "--api", wiki.api_url, "-o", path, "--force") == 0
    assert "1.7 billion" in path.read_text(encoding="utf-8")


@pytest.mark.wiki
def test_push_without_an_edit_makes_no_revision(
    wiki: TestWiki, pulled: tuple[str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    title, text, path = pulled
    pulled_file = path.read_text(encoding="utf-8")
    assert cli(push, path, "--api", wiki.api_url) == 0
    assert "unchanged" in capsys.readouterr().err
    assert revision_count(wiki, title) == 1
    assert live_text(wiki, title) == text
    assert path.read_text(encoding="utf-8") == pulled_file


# -- conflicts --------------------------------------------------------------------------------


@pytest.mark.wiki
def test_an_edit_between_pull_and_push_is_not_overwritten(
    wiki: TestWiki, pulled: tuple[str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    title, text, path = pulled
    base = front_matter(path)["revision"]["id"]
    edit_file(path, "1.7 billion", "1.8 billion")
    theirs = text + "\n\nA paragraph added on the wiki meanwhile."
    other_user_edit(wiki, title, theirs)
    latest = current_revision(wiki, title)

    assert cli(push, path, "--api", wiki.api_url) == 1
    err = capsys.readouterr().err
    assert "edit conflict" in err and "pull again" in err and "--force" in err
    assert f"revision {base}" in err and f"revision {latest}" in err
    assert live_text(wiki, title) == theirs
    assert revision_count(wiki, title) == 2
    assert front_matter(path)["revision"]["id"] == base

    assert cli(push, path, "--api", wiki.api_url, "--dry-run") == 1  # says so too, edits nothing
    assert "-A paragraph added on the wiki meanwhile." in capsys.readouterr().out
    assert revision_count(wiki, title) == 2

    assert cli(push, path, "--api", wiki.api_url, "--force") == 0
    assert live_text(wiki, title) == text.replace("1.7 billion", "1.8 billion")
    assert revision_count(wiki, title) == 3
    assert front_matter(path)["revision"]["id"] == current_revision(wiki, title)


@pytest.mark.wiki
@pytest.mark.parametrize("who", ["another user", "the same account"])
def test_an_edit_between_push_reading_and_writing_is_not_overwritten(
    wiki: TestWiki,
    bot: Credentials,  # noqa: F811
    pulled: tuple[str, str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    who: str,
) -> None:
    title, text, path = pulled
    edit_file(path, "1.7 billion", "1.8 billion")
    edited = path.read_text(encoding="utf-8")
    theirs = text.replace("1.7 billion", "2 billion")
    other = None
    if who == "the same account":
        other = Client(wiki.api_url)
        other.login(bot)

    def racing_client(api_url: str) -> Client:
        """A client after whose read of the page someone else saves it."""
        return ConcurrentClient(api_url, wiki=wiki, other_text=theirs, other=other)

    monkeypatch.setattr(push, "Client", racing_client)
    assert cli(push, path, "--api", wiki.api_url) == 1
    err = capsys.readouterr().err
    assert "edited while pushing" in err and "nothing was overwritten" in err
    assert "wikiconv pull" in err
    assert live_text(wiki, title) == theirs
    assert revision_count(wiki, title) == 2
    assert path.read_text(encoding="utf-8") == edited


@pytest.mark.wiki
def test_a_concurrent_edit_the_wiki_merges_leaves_the_file_on_its_old_revision(
    wiki: TestWiki,
    pulled: tuple[str, str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    title, text, path = pulled
    base = front_matter(path)["revision"]["id"]
    edit_file(path, "1.7 billion", "1.8 billion")
    theirs = text + "\n\nA paragraph added on the wiki meanwhile."  # far from our edit

    def racing_client(api_url: str) -> Client:
        """A client after whose read of the page someone else saves it."""
        return ConcurrentClient(api_url, wiki=wiki, other_text=theirs)

    monkeypatch.setattr(push, "Client", racing_client)
    assert cli(push, path, "--api", wiki.api_url) == 0
    assert "pull the page again" in capsys.readouterr().err
    assert live_text(wiki, title) == theirs.replace("1.7 billion", "1.8 billion")  # both kept
    assert front_matter(path)["revision"]["id"] == base  # so the next push asks for a pull
    monkeypatch.setattr(push, "Client", Client)
    assert cli(push, path, "--api", wiki.api_url) == 1
    assert "pull again" in capsys.readouterr().err


# -- dry run and drafts -----------------------------------------------------------------------


@pytest.mark.wiki
def test_dry_run_prints_the_diff_and_edits_nothing(
    wiki: TestWiki,
    pulled: tuple[str, str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("WIKICONV_BOT_USER")
    monkeypatch.delenv("WIKICONV_BOT_PASSWORD")  # a dry run needs no login on a public wiki
    title, text, path = pulled
    edit_file(path, "1.7 billion", "1.8 billion")
    edited = path.read_text(encoding="utf-8")
    assert cli(push, path, "--api", wiki.api_url, "--dry-run") == 0
    out = capsys.readouterr()
    changed = [
        line
        for line in out.out.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(changed) == 2
    assert changed[0].startswith("-") and "1.7 billion" in changed[0]
    assert changed[1].startswith("+") and "1.8 billion" in changed[1]
    assert f"[[{title}]]: would update" in out.err
    assert revision_count(wiki, title) == 1 and live_text(wiki, title) == text
    assert path.read_text(encoding="utf-8") == edited


@pytest.mark.wiki
def test_a_draft_creates_a_page_but_does_not_replace_one(
    wiki: TestWiki,
    bot_env: dict[str, str],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    title = unique("Draft")
    path = tmp_path / "draft.md"
    path.write_text(f"---\ntitle: {title}\n---\n\nA *new* page.\n", encoding="utf-8")
    assert cli(push, path, "--api", wiki.api_url) == 0
    assert live_text(wiki, title) == "A ''new'' page."
    assert "pull it" in capsys.readouterr().err
    path.write_text(f"---\ntitle: {title}\n---\n\nAnother page.\n", encoding="utf-8")
    assert cli(push, path, "--api", wiki.api_url) == 1
    assert "not pulled" in capsys.readouterr().err
    assert live_text(wiki, title) == "A ''new'' page."
