"""Evaluate statement extraction on the labelled articles, per article and overall.

    python benchmarks/statements_eval.py              # both splits
    python benchmarks/statements_eval.py --split test --verbose

A statement is its property plus its normalised value (see ``tests/statement_scoring.py``);
labels, descriptions and aliases are counted separately as terms. The "test" split was kept
aside while the rule table was written and tuned.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import statement_scoring  # noqa: E402
from tests.statement_scoring import Counts, evaluate, totals  # noqa: E402


def _row(name: str, c: Counts) -> str:
    return f"P={c.precision:.3f} R={c.recall:.3f} (tp={c.tp} fp={c.fp} fn={c.fn})"


def report(split: str, verbose: bool) -> None:
    """Print precision and recall per article and overall for one split."""
    scores = evaluate(split)
    print(f"\n{split} split: {len(scores)} articles")
    print(f"  {'article':<24} {'statements':<40} terms")
    for article in scores:
        ms = article.seconds * 1000
        line = f"  {article.name:<24} {_row('', article.statements):<40} {_row('', article.terms)}"
        print(f"{line}  {ms:.1f} ms")
        if verbose:
            for prop, value in article.false_positives:
                print(f"      false: {prop} {value}")
            for prop, value in article.missed:
                print(f"      missed: {prop} {value}")
    statements, terms = totals(scores)
    print(f"  {'OVERALL':<24} {_row('', statements):<40} {_row('', terms)}")


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "test", "all", "both"), default="both")
    parser.add_argument("-v", "--verbose", action="store_true", help="list errors")
    parser.add_argument("--articles", type=Path, help="another folder: tests/data/articles_blind")
    args = parser.parse_args()
    if args.articles:
        statement_scoring.ARTICLES = args.articles
    for split in ("train", "test") if args.split == "both" else (args.split,):
        report(split, args.verbose)


if __name__ == "__main__":
    main()
