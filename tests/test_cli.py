"""The command line: pandoc's habits, exit statuses, located errors, atomic output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "runway.md"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "wikiconv", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        timeout=60,
    )


def test_stdin_to_stdout():
    proc = run("convert", stdin=b"Hello *world*\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == "Hello ''world''\n"


def test_file_to_output_file(tmp_path):
    out = tmp_path / "runway.wiki"
    proc = run("convert", str(SAMPLE), "-t", "wikitext", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("'''Runway'''")
    assert "== History ==" in text
    assert not list(tmp_path.glob(".*.tmp")), "temporary file left behind"


def test_keep_h1():
    proc = run("convert", "--keep-h1", stdin=b"# Title\n\ntext\n")
    assert proc.stdout.decode().startswith("= Title =")


@pytest.mark.parametrize(
    ("data", "where", "reason"),
    [
        (b"ok\nbad \xff byte\n", ":2:5:", "invalid UTF-8"),
        (b"text\x00more", ":1:5:", "NUL byte"),
        (bytes(range(256)), ":1:1:", "NUL byte"),
    ],
)
def test_bad_input_is_located(tmp_path, data, where, reason):
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    proc = run("convert", str(path))
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert f"{path}{where}" in err and reason in err
    assert "Traceback" not in err
    assert proc.stdout == b""


def test_missing_file_and_directory(tmp_path):
    for target in (tmp_path / "nope.md", tmp_path):
        proc = run("convert", str(target))
        assert proc.returncode == 1
        assert f"{target}:1:1: cannot read file" in proc.stderr.decode()
        assert "Traceback" not in proc.stderr.decode()


def test_empty_file(tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    proc = run("convert", str(path))
    assert proc.returncode == 0 and proc.stdout == b""


def test_unterminated_constructs_convert_faithfully():
    proc = run("convert", stdin=b"```\ncode {{ never closed\n\n{{Infobox | a = b\n")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr.decode()


def test_usage_errors_exit_2():
    assert run("convert", "-t", "docx").returncode == 2
    assert run().returncode == 2
