"""Time statement extraction on pathological prose at n, 2n and 4n (not a timed test).

Each case is one paragraph built to stress one part of the extractor: long lists of names,
runs of capitalised words, thousands of clauses, links, appositives or semicolons in one
sentence. Extraction must stay linear: the script prints each case's seconds at every size
and the ratio of the last doubling, which should stay near 2.

    python benchmarks/statements_pathological.py
    python benchmarks/statements_pathological.py --size 8000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wikiconv.api import parse  # noqa: E402
from wikiconv.statements.extract import extract_statements  # noqa: E402

LEAD = "# Larkspur Labs\n\n**Larkspur Labs** is an American software company.\n\n"

CASES: dict[str, Callable[[int], str]] = {
    "list of names": lambda n: (
        "It was founded by " + " and ".join(f"Maya Chen{i}" for i in range(n)) + "."
    ),
    "capitalised run": lambda n: (
        "It was founded by former "
        + " ".join(f"Opera{i}" for i in range(n))
        + " employees Maya Chen."
    ),
    "semicolon cast": lambda n: (
        "The series stars "
        + "; ".join(f"Ann Lee{i} as the Senate President, her aide" for i in range(n))
        + "."
    ),
    "cast with 'as'": lambda n: (
        "Paul Dano plays the lead, "
        + ", ".join(f"with Zoe Kazan{i}" for i in range(n))
        + " as his sister."
    ),
    "'X and Y Foundation'": lambda n: (
        "It was founded by "
        + " and ".join(f"Tuncel Education{i} and Culture Foundation" for i in range(n // 2))
        + "."
    ),
    "linked sentences": lambda n: " ".join(
        f"She lived in [[Lund{i}]], where she died." for i in range(n // 10)
    ),
    "apposed openers": lambda n: "Her first novel, " * n + "it is narrated by Rudo.",
    "appositive descriptors": lambda n: (
        "It was founded by her grand-nephew, " * n + "the notary Henri Vernier."
    ),
    "repeated short name": lambda n: " ".join(["The Gazette"] * n) + " was founded in 1887.",
    "'when' clauses": lambda n: (
        "The paper remained in the family until 1998"
        + ", when it was bought by Coral" * (n // 4)
        + "."
    ),
    "'-ly' words": lambda n: "It is " + " ".join(["weekly"] * n) + " newspaper.",
    "slots after common words": lambda n: (
        "The building was given "
        + " ".join(f"to Trust{i}," for i in range(n // 4))
        + " to the Pardo Trust which has owned the company since. Ortiz left "
        + " ".join(f"and Acme{i}," for i in range(n // 4))
        + " and Chen succeeded him as CEO of Acme."
    ),
    "'and the county seat of'": lambda n: (
        "**Alderby** is a city in" + " and the county seat of" * (n // 5) + " [[Bell County]]."
    ),
}


def seconds(text: str) -> float:
    """Parse outside the clock, then time one extraction."""
    doc = parse(LEAD + text + "\n")
    start = time.perf_counter()
    extract_statements(doc)
    return time.perf_counter() - start


def main() -> None:
    """Print each case's time at n, 2n and 4n, and the ratio of the last doubling."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4000, help="n (default 4000)")
    args = parser.parse_args()
    seconds(CASES["list of names"](10))  # compile the rules outside the clock
    sizes = (args.size, 2 * args.size, 4 * args.size)
    print(f"{'case':26} " + " ".join(f"{s:>9}" for s in sizes) + "  last doubling")
    for name, make in CASES.items():
        times = [min(seconds(make(size)) for _ in range(2)) for size in sizes]
        cells = " ".join(f"{t:8.3f}s" for t in times)
        print(f"{name:26} {cells}  {times[2] / max(times[1], 1e-9):5.2f}x")


if __name__ == "__main__":
    main()
