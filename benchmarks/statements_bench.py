"""Time statement extraction per article, as ``wikiconv bulk`` does it (not a timed test).

Each article of the folders (``tests/data/articles*`` and ``samples`` by default) is parsed
and its citations applied once, outside the clock; then, ``--repeat`` times over the whole
set, :func:`~wikiconv.statements.extract.extract_statements` and the QuickStatements findings
(:func:`~wikiconv.bulk.findings.statement_findings`) are timed in CPU time. The first pass
(rule compilation, caches) is reported apart; the per-article figure is the best pass's mean.

    python benchmarks/statements_bench.py
    python benchmarks/statements_bench.py --repeat 20 --per-article
    python benchmarks/statements_bench.py --profile     # cProfile of the passes, top 30
    python benchmarks/statements_bench.py --bulk 500    # as one bulk worker sees them

``--bulk N`` measures what one worker of ``wikiconv bulk`` spends: after the warm-up article
the driver converts before forking, N variants of the articles of ``samples`` and
``tests/data/articles`` (retitled as ``benchmarks/bulk_bench.py`` writes them), each parsed
outside the clock, so that compiling rules for each new kind of subject counts too.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wikiconv.api import parse  # noqa: E402
from wikiconv.bulk.findings import statement_findings  # noqa: E402
from wikiconv.statements.extract import extract_statements  # noqa: E402

FOLDERS = [
    *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "tests" / "data").glob("articles*"))),
    "samples",
]


def load(folders: list[str]) -> list[tuple[str, Any]]:
    """Parse every article of ``folders`` (citations applied when that step exists)."""
    docs = []
    for folder in folders:
        for path in sorted((ROOT / folder).glob("*.md")):
            name = str(path.relative_to(ROOT))
            docs.append((name, load_text(name, path.read_text(encoding="utf-8"))))
    return docs


def variants(count: int) -> list[tuple[str, str]]:
    """Return ``count`` retitled variants of the bulk benchmark's articles (name, text)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bulk_bench import article_variants

    return article_variants(count)


def bulk(count: int) -> None:
    """Print the mean extraction time of ``count`` variants, in one fresh process."""
    from wikiconv.bulk.engines import WARM_UP

    assert WARM_UP.text is not None
    one(WARM_UP.source, load_text(WARM_UP.source, WARM_UP.text))
    total = 0.0
    for name, text in variants(count):
        total += one(name, load_text(name, text))
    print(f"bulk: {count} variants, {total / count * 1000:.3f} ms/article (cold start included)")


def load_text(name: str, text: str) -> Any:
    """Parse one article (citations applied when that step exists)."""
    try:
        from wikiconv.citations.document_refs import apply_citations
    except ImportError:  # pragma: no cover - the step is optional in bulk too
        return parse(text, source_name=name)
    return apply_citations(parse(text, source_name=name))[0]


def one(name: str, doc: Any) -> float:
    """Extract and serialise one article; return the CPU seconds it took."""
    start = time.thread_time()
    draft = extract_statements(doc)
    statement_findings(draft, name, False)
    return time.thread_time() - start


def main() -> None:
    """Print the per-article time of statement extraction over the article folders."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", default=list(FOLDERS))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--per-article", action="store_true", help="best time of each article")
    parser.add_argument("--profile", action="store_true", help="cProfile the timed passes")
    parser.add_argument("--bulk", type=int, default=0, help="N variants, as a bulk worker")
    args = parser.parse_args()
    if args.bulk:
        bulk(args.bulk)
        return
    docs = load(args.folders)
    first = sum(one(name, doc) for name, doc in docs)
    best: dict[str, float] = {name: float("inf") for name, _doc in docs}
    passes: list[float] = []
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    for _ in range(args.repeat):
        total = 0.0
        for name, doc in docs:
            seconds = one(name, doc)
            best[name] = min(best[name], seconds)
            total += seconds
        passes.append(total)
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    if args.per_article:
        for name, seconds in best.items():
            print(f"  {name:60} {seconds * 1000:7.3f} ms")
    count = len(docs)
    print(f"articles: {count}; first pass (cold): {first / count * 1000:.3f} ms/article")
    print(
        f"per article: best pass {min(passes) / count * 1000:.3f} ms, "
        f"median pass {sorted(passes)[len(passes) // 2] / count * 1000:.3f} ms "
        f"({args.repeat} passes)"
    )


if __name__ == "__main__":
    main()
