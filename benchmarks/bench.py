"""Benchmark wikiconv against pandoc on the same inputs, in one run.

Not a timed test: it prints numbers for the README.  pandoc comes from the
``pypandoc-binary`` wheel of the dev extra (or ``PANDOC`` / the PATH).

    python benchmarks/bench.py            # everything
    python benchmarks/bench.py --quick    # fewer repetitions
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pandoc_locator import pandoc_path  # noqa: E402

import wikiconv  # noqa: E402
from wikiconv.api import ConvertOptions  # noqa: E402

# pandoc leaves references as text; this is wikiconv doing the same amount of work.
NO_CITATIONS = ConvertOptions(citations=False)


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def article_sources() -> list[str]:
    """The article-like inputs: the samples and the test articles."""
    paths = sorted((ROOT / "samples").glob("*.md"))
    paths += sorted((ROOT / "tests" / "data" / "articles").glob("*.md"))
    return [p.read_text(encoding="utf-8") for p in paths]


def spec_sources() -> list[str]:
    """The CommonMark spec examples: many tiny, syntax-dense blocks."""
    spec = ROOT / "tests" / "data" / "commonmark-0.31.2.json"
    return [e["markdown"] for e in json.loads(spec.read_text(encoding="utf-8"))]


CORPORA: dict[str, Callable[[], list[str]]] = {
    "articles": article_sources,
    "spec examples": spec_sources,
}


def corpus_text(size: int, kind: str = "articles") -> str:
    """About ``size`` characters of hybrid text cut from one corpus, at a block boundary."""
    unit = "\n\n".join(CORPORA[kind]())
    return (unit * (size // len(unit) + 1))[:size].rsplit("\n\n", 1)[0] + "\n"


PATHOLOGICAL: dict[str, Callable[[int], str]] = {
    "nested [": lambda n: "[" * n + "a" + "]" * n,
    "stars *": lambda n: "*" * n,
    "alternating *a": lambda n: "*a " * (n // 3),
    "nested >": lambda n: ">" * n + " a",
    "nested list -": lambda n: "- " * n + "a",
    "nested {{": lambda n: "{{" * (n // 5) + "x" + "}}" * (n // 5),
    "nested [[": lambda n: "[[" * (n // 2) + "a",
    "backticks `": lambda n: "`" * n,
    "open <": lambda n: "<a " * (n // 3),
    "open <a href> in HTML": lambda n: "<div>\n" + '<a href="http://x.org">y ' * (n // 25),
    "nested *a (emphasis)": lambda n: "*a " * (n // 6) + "b" + " a*" * (n // 6),
}


def main() -> None:
    """Run every benchmark and print a report."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    repeat = 3 if args.quick else 7
    pandoc = pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    print(f"pandoc: {version.splitlines()[0]}   wikiconv: {wikiconv.__version__}")
    sample = ROOT / "samples" / "runway.md"
    wikiconv.convert("warm up")  # build the Lark tables' cache once
    # A pip install byte-compiles the package; an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would recompile every module in every process instead.
    compileall.compile_dir(str(ROOT / "wikiconv"), quiet=1)

    # 1. One article, whole process each.
    ours = best_of(
        lambda: subprocess.run(
            [sys.executable, "-m", "wikiconv", "convert", str(sample)],
            capture_output=True,
            check=True,
        ),
        repeat,
    )
    theirs = best_of(
        lambda: subprocess.run(
            [pandoc, "-f", "commonmark", "-t", "mediawiki", str(sample)],
            capture_output=True,
            check=True,
        ),
        repeat,
    )
    print(
        f"\none article, whole process: wikiconv {ours * 1000:.0f} ms, "
        f"pandoc {theirs * 1000:.0f} ms"
        f"  -> ratio {ours / theirs:.2f}x pandoc's time (target <= 2)"
    )

    # 2. A 500 KB document: wikiconv in-process, pandoc as a process.
    with tempfile.TemporaryDirectory() as tmp:
        for kind in CORPORA:
            results = {}
            for size in (500_000, 1_000_000):
                text = corpus_text(size, kind)
                path = Path(tmp) / f"doc{size}.md"
                path.write_text(text, encoding="utf-8")
                ours = best_of(lambda t=text: wikiconv.convert(t), max(2, repeat // 2))
                plain = best_of(
                    lambda t=text: wikiconv.convert(t, options=NO_CITATIONS), max(2, repeat // 2)
                )
                theirs = best_of(
                    lambda p=path: subprocess.run(
                        [pandoc, "-f", "commonmark", "-t", "mediawiki", str(p)],
                        capture_output=True,
                        check=True,
                    ),
                    max(2, repeat // 2),
                )
                results[size] = (ours, theirs)
                print(
                    f"{kind}, {size // 1000} KB: wikiconv {ours:.3f} s "
                    f"({size / ours / 1e6:.2f} MB/s), pandoc {theirs:.3f} s "
                    f"({size / theirs / 1e6:.2f} MB/s) -> throughput {theirs / ours:.2f}x pandoc's"
                    f" (target >= 3); without citation templates {plain:.3f} s, "
                    f"{theirs / plain:.2f}x"
                )
            ratio = results[1_000_000][0] / results[500_000][0]
            print(f"{kind}, doubling the input: {ratio:.2f}x the time (target <= 2.2)")

    # 3. Pathological inputs: time at n and 2n.
    print("\npathological inputs (in-process convert; target < 2 s, linear):")
    for name, make in PATHOLOGICAL.items():
        n = 50_000
        small, big = make(n), make(2 * n)
        t1 = best_of(lambda s=small: wikiconv.convert(s), 1)
        t2 = best_of(lambda s=big: wikiconv.convert(s), 1)
        print(f"  {name:16} n={n}: {t1:.3f} s   2n: {t2:.3f} s   ratio {t2 / max(t1, 1e-9):.2f}")


if __name__ == "__main__":
    main()
