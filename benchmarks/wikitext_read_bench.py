"""Time reading a 500 KB wikitext page into the model against mwparserfromhell's parse alone.

    python benchmarks/wikitext_read_bench.py [--size 500000] [--repeat 5]

The page is the real articles of ``tests/data/wikitext`` (``wp_*``, ``dewp_*``) repeated up
to the size.  The reader parses with mwparserfromhell once and walks the result, so its
time is mwparserfromhell's plus the walk; the budget is mwparserfromhell's time plus 50%.
Best of ``--repeat`` runs each.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import mwparserfromhell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wikiconv.readers.wikitext import read_wikitext  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "wikitext"


def page(size: int) -> str:
    """Real article wikitext repeated to at least ``size`` characters."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*wp_*.wiki"))]
    parts: list[str] = []
    total = 0
    while total < size:
        for text in articles:
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(parts)


def best(fn: object, text: str, repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``fn(text)``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(text)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = page(args.size)
    parse = best(lambda t: mwparserfromhell.parse(t, skip_style_tags=True), text, args.repeat)
    read = best(read_wikitext, text, args.repeat)
    print(f"page: {len(text):,} characters ({len(text.encode('utf-8')):,} bytes)")
    print(f"mwparserfromhell.parse: {parse * 1000:8.1f} ms")
    print(f"read_wikitext:          {read * 1000:8.1f} ms  ({read / parse:.2f}x; budget 1.50x)")
    print("within budget" if read <= 1.5 * parse else "OVER BUDGET")


if __name__ == "__main__":
    main()
