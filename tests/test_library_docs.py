"""The examples in docs/library.md run (the requests one against the test wiki)."""

from __future__ import annotations

import os
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_upload import bot  # noqa: F401  (the bot-password fixture)
from tests.wiki_server import TestWiki
from wikiconv.credentials import Credentials

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"


def test_examples_compile():
    for path in EXAMPLES.glob("*.py"):
        py_compile.compile(str(path), doraise=True)


@pytest.mark.wiki
def test_requests_bot_example_saves_the_sample(wiki: TestWiki, bot: Credentials, tmp_path):  # noqa: F811
    draft = tmp_path / "draft.md"
    draft.write_text("# Docs example page\n\nMade by **docs/examples/requests_bot.py**.\n")
    env = {**os.environ, "WIKICONV_BOT_USER": bot.user, "WIKICONV_BOT_PASSWORD": bot.password}
    run = [sys.executable, str(EXAMPLES / "requests_bot.py"), wiki.api_url, str(draft)]
    first = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() in ("Docs example page: created", "Docs example page: updated")
    again = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120)
    assert again.stdout.strip() == "Docs example page: unchanged"
    page = wiki.api(action="parse", page="Docs example page", prop="text")
    assert "<b>docs/examples/requests_bot.py</b>" in page["parse"]["text"]
    assert bot.password not in first.stdout + first.stderr
