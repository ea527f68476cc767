"""Benchmark the citation code: per-string parse time and the cost of importing it.

Not a timed test: it prints numbers.

    python benchmarks/citation_bench.py              # everything
    python benchmarks/citation_bench.py --repeat 3   # fewer repetitions

*Per string*: every reference string of ``tests/data/references*/eval.jsonl`` is parsed once
per round (each string once, so nothing is repeated within a round); the best round is shown.
*Import*: fresh interpreters import ``wikiconv.citations.document_refs`` after what a plain
conversion already imports (the readers and the wikitext writer); the median is shown, with
``-X importtime``'s own figure for the package and the first parse's set-up cost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_PRELUDE = "import wikiconv.api, wikiconv.readers.hybrid, wikiconv.writers.wikitext, lark"
_PROBE = f"""
import time
{_PRELUDE}
t0 = time.perf_counter()
import wikiconv.citations.document_refs
t1 = time.perf_counter()
from wikiconv.citations.reference_parser import parse_reference
parse_reference('Smith, J. (2020). "A title." Journal, 3(4), 5-6. https://example.org')
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def reference_strings() -> list[str]:
    """The labelled reference strings of every evaluation set."""
    texts: list[str] = []
    for path in sorted((ROOT / "tests" / "data").glob("references*/eval.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def parse_time(texts: list[str], rounds: int) -> float:
    """Best seconds per string over ``rounds`` passes through ``texts``."""
    from wikiconv.citations.reference_parser import parse_reference

    for text in texts:  # warm up: word lists, grammar, compiled patterns
        parse_reference(text)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            parse_reference(text)
        best = min(best, time.perf_counter() - start)
    return best / len(texts)


def import_time(runs: int) -> tuple[float, float, float]:
    """Median (import seconds, first-parse set-up seconds, -X importtime seconds)."""
    imports, firsts, reported = [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", _PROBE],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        a, b = out.stdout.split()
        imports.append(float(a))
        firsts.append(float(b))
        for line in out.stderr.splitlines():
            fields = [f.strip() for f in line.split("|")]
            if len(fields) == 3 and fields[2] == "wikiconv.citations.document_refs":
                reported.append(int(fields[1]) / 1e6)
    return (
        statistics.median(imports),
        statistics.median(firsts),
        statistics.median(reported) if reported else float("nan"),
    )


def main() -> None:
    """Print the numbers."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="parse rounds and import runs")
    args = ap.parse_args()
    texts = reference_strings()
    per = parse_time(texts, args.repeat)
    print(f"parse_reference: {per * 1e3:.3f} ms per string ({len(texts)} strings, best round)")
    imp, first, reported = import_time(args.repeat)
    print(
        f"import wikiconv.citations.document_refs: {imp * 1e3:.1f} ms "
        f"(-X importtime: {reported * 1e3:.1f} ms); first parse set-up: {first * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()
