"""A plain, non-editable ``pip install .`` ships the grammars and the console script works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_non_editable_install_finds_grammars(tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    assert sorted(p.name for p in (target / "wikiconv" / "grammar").glob("*.lark"))
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import wikiconv, sys; print(wikiconv.__file__); "
        "sys.stdout.write(wikiconv.convert('# T\\n\\n*x* [[a]]s {{b}}\\n'))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    where, wikitext = proc.stdout.split("\n", 1)
    assert where.startswith(str(target))
    assert wikitext == "''x'' [[a]]s {{b}}\n"
