"""Shared pytest fixtures: one throwaway MediaWiki per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from tests.wiki_server import MW_DIR, TestWiki


@pytest.fixture(scope="session")
def wiki() -> Iterator[TestWiki]:
    """Start a test wiki for the session (skipped only when WIKICONV_SKIP_WIKI=1)."""
    if os.environ.get("WIKICONV_SKIP_WIKI") == "1":
        pytest.skip("WIKICONV_SKIP_WIKI=1: tests that need the test MediaWiki are skipped")
    if not MW_DIR.is_dir():
        pytest.fail(
            f"MediaWiki is not installed ({MW_DIR} is missing). Run .ci/run, or install the apt "
            "packages: apt-get install mediawiki php-sqlite3 lua5.1 "
            "(or set WIKICONV_SKIP_WIKI=1 to skip the tests that need it).",
            pytrace=False,
        )
    with TestWiki() as test_wiki:
        yield test_wiki


# Property tests draw the same examples on every run (seeded per test), so a CI run cannot
# fail on an example nobody has seen; set HYPOTHESIS_PROFILE=explore to draw fresh ones.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
