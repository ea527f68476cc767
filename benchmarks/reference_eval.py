"""Evaluate the free-text reference parser on the labelled set, per field and overall.

    python benchmarks/reference_eval.py            # both splits, plus timing
    python benchmarks/reference_eval.py --split test

A field counts as correct when the normalised values match (case-, whitespace- and
punctuation-insensitive; authors as the ordered list of family names; URLs without their
scheme). Overall scores are micro-averaged over the fields.  The "test" split (every fourth
entry of each style) was not looked at while the parser was developed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import reference_scoring  # noqa: E402
from tests.reference_scoring import FIELDS, Counts, load_eval, score  # noqa: E402
from wikiconv.citations.reference_parser import parse_reference  # noqa: E402


def _row(name: str, c: Counts) -> str:
    counts = f"(tp={c.tp} fp={c.fp} fn={c.fn})"
    return f"  {name:<13} P={c.precision:.3f}  R={c.recall:.3f}  F1={c.f1:.3f}  {counts}"


def report(split: str) -> None:
    """Print per-field precision, recall and F1 for one split."""
    entries = load_eval(split)
    result = score(entries)
    print(f"\n{split} split: {result.entries} references")
    for name in FIELDS:
        print(_row(name, result.fields[name]))
    print(_row("first author", result.first_author))
    print(_row("url/doi", result.url_or_doi))
    print(_row("OVERALL", result.overall))


def timing(n: int = 1000) -> float:
    """Seconds to parse ``n`` reference strings (the eval set, cycled)."""
    texts = [e["text"] for e in load_eval("all")]
    parse_reference(texts[0])  # load grammar and word lists once
    batch = [texts[i % len(texts)] for i in range(n)]
    start = time.perf_counter()
    for text in batch:
        parse_reference(text)
    return time.perf_counter() - start


def main() -> None:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all", "both"), default="both")
    parser.add_argument(
        "--data", type=Path, help="another set: tests/data/references_blind/eval.jsonl"
    )
    args = parser.parse_args()
    if args.data:
        reference_scoring.EVAL_PATH = args.data
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        report(split)
    if args.split == "both":
        report("all")
    seconds = timing()
    print(f"\nparse time: 1,000 strings in {seconds:.3f} s ({seconds:.3f} ms each)")


if __name__ == "__main__":
    main()
