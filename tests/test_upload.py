"""The MediaWiki upload client, its journal and ``wikiconv upload``, against the real test wiki.

Lag and rate limits are simulated by ``tests/flaky_proxy.py`` in front of the wiki; crashes by
SIGKILLing a running ``python -m wikiconv upload`` and by a wrapper that ``os._exit``s right
after an edit was saved but before the journal recorded it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import wikiconv
from tests.flaky_proxy import FlakyProxy
from tests.wiki_server import TestWiki
from wikiconv.commands import upload
from wikiconv.credentials import Credentials, CredentialsError, load_credentials
from wikiconv.mediawiki import (
    Client,
    EditConflictError,
    MaxlagError,
    MediaWikiError,
    PageRevision,
    RateLimitedError,
    default_user_agent,
    retry_after_seconds,
    same_text,
)
from wikiconv.upload_journal import Journal, JournalError, text_sha1

ROOT = Path(__file__).resolve().parent.parent
GRANTS = "basic,highvolume,editpage,createeditmovepage"
UA_RE = re.compile(
    r"^wikiconv/\S+ \(https://github\.com/wikiconv/wikiconv; wikiconv@example\.org\) "
    r"python-requests/\S+$"
)


def unique(prefix: str) -> str:
    """A page title no other test uses."""
    return f"{prefix} {uuid.uuid4().hex[:10]}"


# -- helpers on the wiki side -------------------------------------------------------------------


def revision_count(wiki: TestWiki, title: str) -> int:
    """How many revisions ``title`` has (0 when it does not exist)."""
    reply = wiki.api(action="query", prop="revisions", titles=title, rvprop="ids", rvlimit="max")
    page = reply["query"]["pages"][0]
    return 0 if page.get("missing") else len(page.get("revisions", []))


def live_text(wiki: TestWiki, title: str) -> str | None:
    """The current text of ``title`` (None when it does not exist)."""
    reply = wiki.api(
        action="query", prop="revisions", titles=title, rvprop="content", rvslots="main"
    )
    page = reply["query"]["pages"][0]
    if page.get("missing"):
        return None
    return str(page["revisions"][0]["slots"]["main"]["content"])


def other_user_edit(wiki: TestWiki, title: str, text: str) -> None:
    """Edit ``title`` as another user ("Maintenance script"), as a concurrent editor would."""
    wiki.maintenance("edit.php", "--summary", "concurrent edit", title, stdin=text)


@pytest.fixture(scope="module")
def bot(wiki: TestWiki) -> Credentials:
    """A bot password for the wiki's admin (made a bot so ``assert=bot`` holds)."""
    wiki.maintenance("createAndPromote.php", "--force", "--bot", wiki.admin_user)
    appid = "wikiconv" + uuid.uuid4().hex[:8]
    out = wiki.maintenance(
        "createBotPassword.php", "--appid", appid, "--grants", GRANTS, wiki.admin_user
    ).stdout
    match = re.search(r"username:'([^']+)' and password:'([^']+)'", out)
    assert match, "createBotPassword.php said something unexpected"
    return Credentials(match[1], match[2], "test")


@pytest.fixture()
def delays() -> list[float]:
    """Recorded sleeps of a client's backoff."""
    return []


@pytest.fixture()
def client(wiki: TestWiki, bot: Credentials, delays: list[float]) -> Client:
    """A client logged in with the bot password, whose sleeps are only recorded."""
    c = Client(wiki.api_url, sleep=delays.append)
    c.login(bot)
    return c


@pytest.fixture()
def proxy(wiki: TestWiki) -> Iterator[FlakyProxy]:
    """A flaky proxy in front of the wiki."""
    with FlakyProxy(wiki.api_url) as p:
        yield p


@pytest.fixture()
def bot_env(monkeypatch: pytest.MonkeyPatch, bot: Credentials) -> dict[str, str]:
    """The bot password in the environment (where the CLI looks for it)."""
    monkeypatch.setenv("WIKICONV_BOT_USER", bot.user)
    monkeypatch.setenv("WIKICONV_BOT_PASSWORD", bot.password)
    return {**os.environ}


# -- without a wiki -----------------------------------------------------------------------------


def test_modules_do_not_import_requests() -> None:
    code = (
        "import sys, wikiconv.mediawiki, wikiconv.commands.upload, wikiconv.upload_journal; "
        "sys.exit('requests' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True)
    assert proc.returncode == 0, proc.stderr


def test_user_agent_is_descriptive() -> None:
    assert UA_RE.match(default_user_agent())


def test_backoff_is_at_least_5s_grows_is_capped_and_honours_retry_after() -> None:
    c = Client("http://127.0.0.1:9/api.php")
    waits = [c.backoff(n, retry_after=1) for n in range(7)]
    assert waits == [5, 10, 20, 40, 80, 120, 120]
    assert c.backoff(0, retry_after=30) == 30
    assert retry_after_seconds("7") == 7
    assert retry_after_seconds("soon") == 0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past


def test_same_text_ignores_what_mediawiki_normalizes() -> None:
    assert same_text("a\r\nb\n\n", "a\nb")
    assert same_text("e\u0301", "\u00e9")
    assert not same_text("a b", "a  b")


def test_credentials_from_environment() -> None:
    creds = load_credentials(
        environ={"WIKICONV_BOT_USER": "Me@Bot", "WIKICONV_BOT_PASSWORD": "s3cret-pw"}
    )
    assert (creds.user, creds.password) == ("Me@Bot", "s3cret-pw")
    assert "s3cret-pw" not in repr(creds) and "s3cret-pw" not in str(creds)
    with pytest.raises(CredentialsError, match="no credentials"):
        load_credentials(environ={})
    with pytest.raises(CredentialsError, match="WIKICONV_BOT_PASSWORD"):
        load_credentials(environ={"WIKICONV_BOT_USER": "Me@Bot"})
    with pytest.raises(CredentialsError, match="User@BotName"):
        load_credentials(environ={"WIKICONV_BOT_USER": "Me", "WIKICONV_BOT_PASSWORD": "x"})


@pytest.mark.parametrize(
    "content",
    [
        '{"user": "Me@Bot", "password": "s3cret%pw"}',
        "[wikiconv]\nuser = Me@Bot\npassword = s3cret%pw\n",
        "user = Me@Bot\npassword = s3cret%pw\n",
    ],
)
def test_credentials_file_json_or_ini(tmp_path: Path, content: str) -> None:
    path = tmp_path / "creds"
    path.write_text(content)
    path.chmod(0o600)
    warnings: list[str] = []
    creds = load_credentials(path, warn=warnings.append)
    assert (creds.user, creds.password) == ("Me@Bot", "s3cret%pw")
    assert warnings == []
    path.chmod(0o644)
    load_credentials(path, warn=warnings.append)
    assert len(warnings) == 1 and "chmod 600" in warnings[0]
    assert "s3cret" not in warnings[0]


def test_client_repr_hides_password() -> None:
    c = Client("http://127.0.0.1:9/api.php")
    c._credentials = Credentials("Me@Bot", "s3cret-pw")
    assert "s3cret-pw" not in repr(c)


def test_no_password_option_on_the_command_line() -> None:
    parser = argparse.ArgumentParser()
    upload.add_arguments(parser)
    options = {o for action in parser._actions for o in action.option_strings}
    assert not any("password" in o for o in options)


def test_journal_last_state_wins_and_torn_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    api = "http://wiki/api.php"
    with Journal(path, api) as journal:
        journal.record("A", "1", "pending")
        journal.record("A", "1", "done", revid=7)
        journal.record("B", "2", "pending")
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"api": "http://wiki/api.php", "title": "C", "sha1"')  # died mid-write
    with Journal(path, api) as journal:
        assert journal.damaged_lines == 1
        assert journal.finished("A", "1") and not journal.finished("A", "other")
        assert journal.interrupted("B", "2") and not journal.finished("B", "2")
        assert journal.last("C") is None
        journal.record("C", "3", "done", revid=9)
        with pytest.raises(JournalError, match="in use"):
            Journal(path, api).open()
    with Journal(path, "http://another-wiki/api.php") as journal:
        assert journal.last("A") is None  # entries are per wiki
    lines = path.read_text().splitlines()
    assert json.loads(lines[-1])["title"] == "C"  # the torn line was finished first
    assert text_sha1("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d"


def test_upload_needs_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WIKICONV_BOT_USER", raising=False)
    monkeypatch.delenv("WIKICONV_BOT_PASSWORD", raising=False)
    (tmp_path / "A.wiki").write_text("x")
    assert run_upload(tmp_path, "--api", "http://127.0.0.1:9/api.php") == 2
    assert "WIKICONV_BOT_USER" in capsys.readouterr().err


# -- the client against the wiki ----------------------------------------------------------------


@pytest.mark.wiki
def test_create_update_and_skip_unchanged(
    wiki: TestWiki, client: Client, proxy: FlakyProxy, bot: Credentials
) -> None:
    title = unique("Create")
    created = client.edit(title, "First text.", "test")
    assert created.status == "created" and created.revid
    assert revision_count(wiki, title) == 1
    updated = client.edit(title, "Second text.", "test")
    assert updated.status == "updated" and updated.oldrevid == created.revid
    assert live_text(wiki, title) == "Second text."

    watched = Client(proxy.api_url)
    watched.login(bot)
    unchanged = watched.edit(title, "Second text.\n\n", "test")  # MediaWiki trims the end
    assert unchanged.unchanged and unchanged.revid == updated.revid
    assert revision_count(wiki, title) == 2
    assert not [r for r in proxy.requests if r.params.get("action") == "edit"], "no edit sent"
    page = watched.page(title)
    assert isinstance(page, PageRevision) and page.revid == updated.revid and page.starttimestamp


@pytest.mark.wiki
def test_edit_without_bot_flag(wiki: TestWiki, client: Client) -> None:
    title = unique("NoBot")
    assert client.edit(title, "plain", "test", bot=False).status == "created"
    reply = wiki.api(action="query", list="recentchanges", rcprop="title|flags", rclimit=50)
    change = next(rc for rc in reply["query"]["recentchanges"] if rc["title"] == title)
    assert not change.get("bot")


@pytest.mark.wiki
def test_createonly_on_existing_page_fails_cleanly(wiki: TestWiki, client: Client) -> None:
    title = unique("CreateOnly")
    client.edit(title, "Original.", "test")
    with pytest.raises(MediaWikiError) as info:
        client.edit(title, "Replacement.", "test", createonly=True)
    assert info.value.code == "articleexists"
    assert not isinstance(info.value, EditConflictError)
    assert live_text(wiki, title) == "Original."
    assert revision_count(wiki, title) == 1


@pytest.mark.wiki
def test_nocreate_on_missing_page_fails_cleanly(wiki: TestWiki, client: Client) -> None:
    title = unique("NoCreate")
    with pytest.raises(MediaWikiError) as info:
        client.edit(title, "Text.", "test", nocreate=True)
    assert info.value.code == "missingtitle"
    assert revision_count(wiki, title) == 0


class ConcurrentClient(Client):
    """A client during whose edit someone else saves the page: right after our read."""

    def __init__(
        self, *args: Any, wiki: TestWiki, other_text: str, other: Client | None = None, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.wiki = wiki
        self.other_text = other_text
        self.other = other  # edit through this client (the same account) instead of edit.php

    def page(self, title: str) -> PageRevision | None:
        current = super().page(title)
        if self.other is not None:
            self.other.edit(title, self.other_text, "concurrent edit, same account")
        else:
            other_user_edit(self.wiki, title, self.other_text)
        return current


@pytest.mark.wiki
def test_edit_conflict_keeps_the_concurrent_text(
    wiki: TestWiki, client: Client, bot: Credentials
) -> None:
    title = unique("Conflict")
    client.edit(title, "Base text.", "test")
    racing = ConcurrentClient(wiki.api_url, wiki=wiki, other_text="Their text.")
    racing.login(bot)
    with pytest.raises(EditConflictError) as info:
        racing.edit(title, "Our text.", "test")
    assert info.value.title == title
    assert live_text(wiki, title) == "Their text."
    assert revision_count(wiki, title) == 2


@pytest.mark.wiki
def test_edit_conflict_with_the_same_account_within_a_second(
    wiki: TestWiki, client: Client, bot: Credentials
) -> None:
    title = unique("Self conflict")
    client.edit(title, "Base text.", "test")
    racing = ConcurrentClient(wiki.api_url, wiki=wiki, other_text="Other run.", other=client)
    racing.login(bot)
    with pytest.raises(EditConflictError):
        racing.edit(title, "This run.", "test")
    assert live_text(wiki, title) == "Other run."


@pytest.mark.wiki
def test_page_created_meanwhile_is_a_conflict(wiki: TestWiki, bot: Credentials) -> None:
    title = unique("Race")
    racing = ConcurrentClient(wiki.api_url, wiki=wiki, other_text="Theirs first.")
    racing.login(bot)
    with pytest.raises(EditConflictError):
        racing.edit(title, "Ours.", "test")
    assert live_text(wiki, title) == "Theirs first."


@pytest.mark.wiki
def test_bad_token_is_refreshed(wiki: TestWiki, client: Client) -> None:
    client._csrf = "0123456789abcdef+\\"
    title = unique("Token")
    assert client.edit(title, "With a fresh token.", "test").status == "created"


@pytest.mark.wiki
def test_wrong_password_is_a_login_error(wiki: TestWiki, bot: Credentials) -> None:
    with pytest.raises(MediaWikiError) as info:
        Client(wiki.api_url).login(Credentials(bot.user, "not-the-password", "test"))
    assert "not-the-password" not in str(info.value)


# -- lag and rate limits through the flaky proxy ------------------------------------------------


@pytest.mark.wiki
def test_maxlag_is_retried_with_backoff_and_every_request_is_marked(
    wiki: TestWiki, proxy: FlakyProxy, bot: Credentials, delays: list[float]
) -> None:
    c = Client(proxy.api_url, sleep=delays.append)
    c.login(bot)
    title = unique("Lag")
    proxy.fail_next(2, "maxlag", retry_after="1")
    assert c.edit(title, "Despite lag.", "test").status == "created"
    assert delays == [5, 10]  # at least 5 s even though Retry-After said 1, then growing
    answered = [r.answered for r in proxy.requests]
    assert answered.count("maxlag") == 2
    assert revision_count(wiki, title) == 1
    for request in proxy.requests:
        assert UA_RE.match(request.user_agent), request.user_agent
        assert request.params.get("maxlag") == "5", request.params.get("action")
    assert {r.params.get("action") for r in proxy.requests} >= {"query", "login", "edit"}


@pytest.mark.wiki
def test_http_429_and_ratelimited_honour_retry_after(
    proxy: FlakyProxy, bot: Credentials, delays: list[float]
) -> None:
    c = Client(proxy.api_url, sleep=delays.append)
    proxy.fail_next(1, "429", retry_after="30")
    proxy.fail_next(1, "ratelimited", retry_after="0")
    c.login(bot)
    assert delays == [30, 10]
    assert [r.answered for r in proxy.requests[:3]] == ["429", "ratelimited", "forwarded"]


@pytest.mark.wiki
@pytest.mark.parametrize(
    ("kind", "error"),
    [("maxlag", MaxlagError), ("429", RateLimitedError), ("ratelimited", RateLimitedError)],
)
def test_retries_are_bounded_then_a_typed_error(
    proxy: FlakyProxy, delays: list[float], kind: str, error: type[MediaWikiError]
) -> None:
    c = Client(proxy.api_url, sleep=delays.append, max_retries=3)
    proxy.fail_next(10, kind)
    with pytest.raises(error, match="gave up after 3 retries"):
        c.page("Main Page")
    assert len(proxy.requests) == 4 and len(delays) == 3
    assert all(d >= 5 for d in delays)


# -- the command --------------------------------------------------------------------------------


def run_upload(*argv: object) -> int:
    """Run ``wikiconv upload ARGV`` in this process."""
    parser = argparse.ArgumentParser(prog="wikiconv upload")
    upload.add_arguments(parser)
    return upload.run(parser.parse_args([str(a) for a in argv]))


@pytest.mark.wiki
def test_upload_command_md_and_wiki_files(
    wiki: TestWiki,
    bot: Credentials,
    bot_env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    md_title, wiki_title = unique("Markdown article"), unique("Wikitext article")
    article = f"# {md_title}\n\nSome *text* with a [link](https://example.org).\n"
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "article.md").write_text(article)
    (tmp_path / f"{wiki_title}.wiki").write_text("'''Bold''' text.\n")
    (tmp_path / "notes.txt").write_text("ignored")
    assert run_upload(tmp_path, "--api", wiki.api_url, "--summary", "cli test") == 0
    out = capsys.readouterr()
    assert same_text(live_text(wiki, md_title) or "", wikiconv.convert(article))
    assert live_text(wiki, wiki_title) == "'''Bold''' text."
    assert f"{md_title}: created" in out.err and f"{wiki_title}: created" in out.err
    journal = tmp_path / "wikiconv-upload.jsonl"
    states = [json.loads(line)["state"] for line in journal.read_text().splitlines()]
    assert states == ["pending", "done", "pending", "done"]
    for text in (out.out, out.err, journal.read_text()):
        assert bot.password not in text

    assert run_upload(tmp_path, "--api", wiki.api_url) == 0  # again: nothing to do
    assert capsys.readouterr().err.count("already done (journal)") == 2
    assert revision_count(wiki, md_title) == revision_count(wiki, wiki_title) == 1


@pytest.mark.wiki
def test_upload_command_goes_on_after_a_failed_page(
    wiki: TestWiki,
    client: Client,
    bot_env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    existing, new = unique("Existing"), unique("Fresh")
    client.edit(existing, "Already here.", "test")
    (tmp_path / f"{existing}.wiki").write_text("Would replace.")
    (tmp_path / f"{new}.wiki").write_text("New page.")
    journal = tmp_path / "journal.jsonl"
    code = run_upload(tmp_path, "--api", wiki.api_url, "--createonly", "--journal", journal)
    assert code == 1
    err = capsys.readouterr().err
    assert f"{existing}: failed: articleexists" in err and f"{new}: created" in err
    assert live_text(wiki, existing) == "Already here." and live_text(wiki, new) == "New page."
    entries = [json.loads(line) for line in journal.read_text().splitlines()]
    last = {e["title"]: e for e in entries}
    assert last[existing]["state"] == "failed" and "articleexists" in last[existing]["reason"]
    assert last[new]["state"] == "done"


@pytest.mark.wiki
def test_dry_run_prints_a_diff_and_edits_nothing(
    wiki: TestWiki,
    client: Client,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("WIKICONV_BOT_USER", raising=False)
    monkeypatch.delenv("WIKICONV_BOT_PASSWORD", raising=False)
    existing, new, same = unique("Diffed"), unique("Brand new"), unique("Same")
    client.edit(existing, "line one\nline two\nline three", "test")
    client.edit(same, "unchanged text", "test")
    (tmp_path / f"{existing}.wiki").write_text("line one\nline 2\nline three\n")
    (tmp_path / f"{new}.wiki").write_text("hello\n")
    (tmp_path / f"{same}.wiki").write_text("unchanged text\n")
    assert run_upload(tmp_path, "--api", wiki.api_url, "--dry-run") == 0
    out = capsys.readouterr()
    assert "-line two\n+line 2\n" in out.out
    assert "+hello\n" in out.out and "--- /dev/null" in out.out
    assert same not in out.out
    assert f"{existing}: would update" in out.err and f"{new}: would create" in out.err
    assert f"{same}: unchanged" in out.err
    assert revision_count(wiki, existing) == 1 and revision_count(wiki, new) == 0
    assert not (tmp_path / "wikiconv-upload.jsonl").exists()


# -- crashes and resuming -----------------------------------------------------------------------


def make_batch(tmp_path: Path, count: int = 10) -> dict[str, str]:
    """Write ``count`` .wiki pages into tmp_path/batch; returns title -> text."""
    batch = tmp_path / "batch"
    batch.mkdir()
    prefix = unique("Batch")
    pages = {f"{prefix} {n:02d}": f"Page number {n}.\n" for n in range(count)}
    for title, text in pages.items():
        (batch / f"{title}.wiki").write_text(text)
    return pages


def subprocess_env(bot: Credentials) -> dict[str, str]:
    """The environment of a child ``wikiconv upload``: the bot password and this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["WIKICONV_BOT_USER"], env["WIKICONV_BOT_PASSWORD"] = bot.user, bot.password
    return env


def journal_states(path: Path) -> dict[str, str]:
    """The last state of every title in a journal."""
    states: dict[str, str] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            states[entry["title"]] = entry["state"]
    return states


def assert_each_page_once(wiki: TestWiki, pages: dict[str, str]) -> None:
    """Every page exists with its text and was edited exactly once."""
    for title, text in pages.items():
        assert revision_count(wiki, title) == 1, title
        assert same_text(live_text(wiki, title) or "", text), title


@pytest.mark.wiki
def test_resume_after_sigkill_mid_batch(
    wiki: TestWiki, bot: Credentials, proxy: FlakyProxy, tmp_path: Path
) -> None:
    pages = make_batch(tmp_path)
    journal = tmp_path / "journal.jsonl"
    argv = [sys.executable, "-m", "wikiconv", "upload", str(tmp_path / "batch")]
    argv += ["--api", proxy.api_url, "--journal", str(journal)]
    env = subprocess_env(bot)
    proxy.delay = 0.15  # slow the wiki down so the kill lands mid-batch
    child = subprocess.Popen(argv, env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while sum(s == "done" for s in journal_states(journal).values()) < 3:
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        assert time.monotonic() < deadline, "the upload made no progress"
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    _, first_err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    done_before = sum(s == "done" for s in journal_states(journal).values())
    assert 3 <= done_before < len(pages)

    proxy.delay = 0
    rerun = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stderr.count("already done (journal)") == done_before
    assert_each_page_once(wiki, pages)
    assert set(journal_states(journal).values()) == {"done"}
    for text in (first_err, rerun.stdout, rerun.stderr, journal.read_text(), " ".join(argv)):
        assert bot.password not in text


# Runs ``wikiconv upload`` but dies (os._exit, no cleanup) right after the CRASH_AFTER-th edit
# was saved on the wiki, before the journal could record it as done.
CRASH_WRAPPER = """
import os, sys
from wikiconv import cli, mediawiki
original, saved = mediawiki.Client.edit, []
def edit(self, *args, **kwargs):
    result = original(self, *args, **kwargs)
    saved.append(result)
    if len(saved) == int(os.environ["CRASH_AFTER"]):
        os._exit(9)
    return result
mediawiki.Client.edit = edit
sys.exit(cli.main(["upload", *sys.argv[1:]]))
"""


@pytest.mark.wiki
def test_resume_after_crash_between_edit_and_journal(
    wiki: TestWiki, bot: Credentials, tmp_path: Path
) -> None:
    pages = make_batch(tmp_path)
    titles = sorted(pages)
    journal = tmp_path / "journal.jsonl"
    args = [str(tmp_path / "batch"), "--api", wiki.api_url, "--journal", str(journal)]
    env = {**subprocess_env(bot), "CRASH_AFTER": "4"}
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_WRAPPER, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert crashed.returncode == 9, crashed.stderr
    states = journal_states(journal)
    assert [states.get(t) for t in titles[:4]] == ["done", "done", "done", "pending"]
    assert revision_count(wiki, titles[3]) == 1  # saved, but the journal does not know

    rerun = subprocess.run(
        [sys.executable, "-m", "wikiconv", "upload", *args],
        env=subprocess_env(bot),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{titles[3]}: done before interruption" in rerun.stderr
    assert_each_page_once(wiki, pages)
    assert set(journal_states(journal).values()) == {"done"}
    for text in (crashed.stderr, rerun.stdout, rerun.stderr, journal.read_text()):
        assert bot.password not in text
