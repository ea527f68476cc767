"""Every output target through the library and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import mwparserfromhell
import pytest

import wikiconv
from tests.quickstatements_syntax import parse_v1
from wikiconv.api import TARGETS, ConvertOptions

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "runway.md"
TEXT = SAMPLE.read_text(encoding="utf-8")


def test_every_target_is_listed_and_converts():
    assert set(TARGETS) == {
        "wikitext", "markdown", "citations", "csl-json", "quickstatements", "quickstatements-csv",
        "wikibase-json", "statements-json",
    }  # fmt: skip
    offline = ConvertOptions(offline=True)
    for target in TARGETS:
        assert wikiconv.convert(TEXT, target, options=offline).strip(), target


def test_citations_target_gives_one_template_per_reference():
    lines = wikiconv.convert(TEXT, "citations").splitlines()
    assert len(lines) == 7
    for line in lines:
        (template,) = mwparserfromhell.parse(line).filter_templates()
        assert template.get("author").value.strip() in ("Runway", "Runway Research")


def test_csl_json_target_is_an_array_of_items():
    items = json.loads(wikiconv.convert(TEXT, "csl-json"))
    assert [item["author"][0]["literal"] for item in items][:2] == ["Runway", "Runway Research"]
    assert items[1]["issued"] == {"date-parts": [[2023, 12, 11]]}


def test_quickstatements_target_is_valid_v1_and_never_guesses():
    text = wikiconv.convert(TEXT, "quickstatements", options=ConvertOptions(offline=True))
    commands = parse_v1(text)
    assert commands
    assert "New York City" not in text  # unresolved offline: reported, not written


def test_unknown_target_is_a_usage_error():
    with pytest.raises(ValueError, match="unknown target"):
        wikiconv.convert(TEXT, "docx")
    proc = subprocess.run(
        [sys.executable, "-m", "wikiconv", "convert", str(SAMPLE), "-t", "docx"],
        capture_output=True,
    )
    assert proc.returncode == 2


def test_cli_statements_report_unresolved_with_positions():
    proc = subprocess.run(
        [sys.executable, "-m", "wikiconv", "convert", str(SAMPLE), "-t", "statements-json",
         "--offline"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    statements = json.loads(proc.stdout)
    founders = [s for s in statements if s["property"] == "P112"]
    assert [s["qid"] for s in founders] == [None, None, None]
    assert f"{SAMPLE}:7:1: warning: unresolved name 'Cristóbal Valenzuela'" in proc.stderr
