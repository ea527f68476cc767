"""Round trip B against pandoc: wikitext → Markdown → wikitext, judged by the test wiki.

    python benchmarks/roundtrip_pandoc.py [-v]

For every page of ``tests/data/wikitext``: wikiconv's trip (wikitext reader → hybrid writer →
hybrid reader → wikitext writer) and pandoc's (``-f mediawiki -t commonmark_x`` then
``-f commonmark_x -t mediawiki``, pandoc from ``pypandoc.get_pandoc_path()``).  The original
and each result are rendered by a throwaway MediaWiki (``tests/wiki_server.TestWiki``) and a
trip passes when the canonical structure and the visible text of the renderings are equal
(``tests/html_canon``).  Prints both pass rates; ``-v`` lists the pages that differ.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypandoc  # noqa: E402

from tests.html_canon import structure, visible_text  # noqa: E402
from tests.roundtrip_support import CORPUS, trip_b  # noqa: E402
from tests.wiki_server import TestWiki  # noqa: E402


def pandoc_trip(wikitext: str, pandoc: str) -> str:
    """wikitext → commonmark_x → wikitext with pandoc ("" when pandoc fails)."""

    def run(text: str, source: str, target: str) -> str:
        proc = subprocess.run(
            [pandoc, "-f", source, "-t", target, "--wrap=preserve"],
            input=text,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return proc.stdout if proc.returncode == 0 else ""

    return run(run(wikitext, "mediawiki", "commonmark_x"), "commonmark_x", "mediawiki")


def same(a: str, b: str) -> bool:
    """Tell whether two renderings are the same after canonicalisation."""
    return structure(a) == structure(b) and visible_text(a) == visible_text(b)


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the pages that differ")
    args = parser.parse_args()
    pandoc = pypandoc.get_pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    pages = sorted(CORPUS.glob("*.wiki"))
    originals = [p.read_text(encoding="utf-8") for p in pages]
    start = time.perf_counter()
    ours = [trip_b(text)[1] for text in originals]
    our_time = time.perf_counter() - start
    start = time.perf_counter()
    theirs = [pandoc_trip(text, pandoc) for text in originals]
    their_time = time.perf_counter() - start
    with TestWiki() as wiki:
        rendered = wiki.render_many(originals + ours + theirs)
    n = len(pages)
    base, mine, pand = rendered[:n], rendered[n : 2 * n], rendered[2 * n :]
    ok_ours = [same(a, b) for a, b in zip(base, mine, strict=True)]
    ok_pandoc = [same(a, b) for a, b in zip(base, pand, strict=True)]
    print(f"corpus: {n} pages from {CORPUS.relative_to(ROOT)}")
    print(f"{version.splitlines()[0]} ({pandoc})")
    for name, ok, seconds in (("wikiconv", ok_ours, our_time), ("pandoc", ok_pandoc, their_time)):
        rate = 100 * sum(ok) / n
        print(f"{name + ':':<10}{sum(ok)}/{n} render-identical ({rate:.1f}%), {seconds:.2f} s")
    if args.verbose:
        for page, a, b in zip(pages, ok_ours, ok_pandoc, strict=True):
            if not (a and b):
                ours_word, theirs_word = ("ok" if a else "DIFF"), ("ok" if b else "DIFF")
                print(f"  {page.name}: wikiconv {ours_word}, pandoc {theirs_word}")


if __name__ == "__main__":
    main()
