"""Benchmark ``wikiconv bulk`` against a pandoc-per-file loop, and its memory against the count.

Not a timed test: it prints numbers for the README. In one run it

1. writes N variants of the sample articles (``samples/*.md`` and ``tests/data/articles/*.md``,
   each with its own title and an extra paragraph) into a temporary folder;
2. converts them to ``pages.xml`` with ``wikiconv bulk`` on 2 worker processes (in a fresh
   Python process, so its peak memory is its own) and with ``pandoc -f commonmark -t
   mediawiki`` once per file, and prints the throughput of both and their ratio;
3. prints where the time of each bulk run went: the driver's stages in wall time (start-up:
   warming up and forking the workers; waiting for workers; writing the outputs; ...) and the
   workers' stages in CPU time per article (read, parse, citations, wikitext, statements,
   serialise, save), from :attr:`BulkOutcome.timings`, with the CPU time of the driver and of
   the workers;
4. converts N and 2N articles and prints the peak memory of each run: the resident set of the
   driver process and of its largest worker (``getrusage``), and the driver's Python heap
   peak (``tracemalloc``, in a separate run). A flat line means memory does not grow with N.

The machine may be shared, so wall times vary between runs; ``--repeat K`` runs every timed
conversion K times (interleaved) and keeps the fastest. CPU time per article is steadier.

    python benchmarks/bulk_bench.py                 # N = 1000
    python benchmarks/bulk_bench.py --count 200     # quicker
    python benchmarks/bulk_bench.py --repeat 3      # less noise
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pandoc_locator import pandoc_path  # noqa: E402


def article_variants(count: int) -> list[tuple[str, str]]:
    """``count`` retitled variants of the sample and test articles, as (file name, text)."""
    bases = sorted((ROOT / "samples").glob("*.md"))
    bases += sorted((ROOT / "tests" / "data" / "articles").glob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in bases]
    out = []
    for i in range(count):
        text = texts[i % len(texts)]
        extra = f"\n\nVariant {i} of this article, written for the benchmark.\n\n"
        text = re.sub(r"^title: (.+)$", rf"title: \1 (variant {i})", text, count=1, flags=re.M)
        match = re.search(r"^# (.+)$", text, re.MULTILINE)
        if match and "(variant" not in match.group(1):
            head = f"# {match.group(1)} (variant {i})\n"
            text = text[: match.start()] + head + extra + text[match.end() + 1 :]
        else:
            text = f"# Article variant {i}\n{extra}{text}"
        out.append((f"article{i:05d}.md", text))
    return out


def write_corpus(folder: Path, count: int) -> list[Path]:
    """Write ``count`` article variants into ``folder``; return their paths in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in article_variants(count):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def child(folder: str, out: str, jobs: int, trace: bool, statements: bool = True) -> None:
    """Run one bulk conversion in this process and print its numbers as JSON."""
    import io
    import tracemalloc

    from wikiconv.bulk import BulkOptions, run_bulk

    if trace:
        tracemalloc.start()
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    options = BulkOptions(
        out, jobs=jobs, progress="off", timestamp="2024-01-01T00:00:00Z", statements=statements
    )
    outcome = run_bulk([folder], options, log=io.StringIO())
    elapsed = time.perf_counter() - start
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    driver_cpu = me.ru_utime + me.ru_stime - before.ru_utime - before.ru_stime
    numbers = {
        "seconds": elapsed,
        "cpu_seconds": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "driver_cpu_seconds": driver_cpu,
        "worker_cpu_seconds": kids.ru_utime + kids.ru_stime,
        "converted": outcome.counts.converted,
        "failed": outcome.counts.failed,
        "driver_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "timings": outcome.timings,
    }
    if trace:
        numbers["driver_heap_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(numbers))


def run_child(
    folder: Path, out: Path, jobs: int, trace: bool = False, statements: bool = True
) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter and return its numbers."""
    shutil.rmtree(out, ignore_errors=True)
    args = [sys.executable, __file__, "--child", str(folder), str(out), str(jobs)]
    args += (["--trace"] if trace else []) + ([] if statements else ["--no-statements"])
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, check=True)
    numbers: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    numbers["process_seconds"] = time.perf_counter() - start  # with Python's start and imports
    return numbers


def breakdown(label: str, numbers: dict[str, Any], count: int) -> None:
    """Print where a bulk run's time went."""
    timings: dict[str, float] = numbers["timings"]
    driver = [(k.split(":", 1)[1], v) for k, v in timings.items() if k.startswith("driver:")]
    workers = [(k.split(":", 1)[1], v) for k, v in timings.items() if k.startswith("worker:")]
    print(f"\n  {label}: {numbers['seconds']:.2f} s in run_bulk")
    print("    driver, wall s:  " + "  ".join(f"{name} {value:.3f}" for name, value in driver))
    total = sum(value for _name, value in workers)
    print(
        "    workers, CPU ms/article:  "
        + "  ".join(f"{name} {value / count * 1000:.2f}" for name, value in workers)
        + f"  = {total / count * 1000:.2f}"
    )
    print(
        f"    CPU s: driver {numbers['driver_cpu_seconds']:.2f} (in run_bulk),"
        f" workers {numbers['worker_cpu_seconds']:.2f};"
        f" whole process {numbers['process_seconds']:.2f} s wall"
    )


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of several runs of the same conversion."""
    return min(runs, key=lambda numbers: float(numbers["seconds"]))


def children_cpu() -> float:
    """CPU seconds of this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pandoc_loop(pandoc: str, paths: list[Path], out: Path) -> tuple[float, float]:
    """Convert each file with its own pandoc process; return the wall and CPU time."""
    out.mkdir(parents=True, exist_ok=True)
    cpu = children_cpu()
    start = time.perf_counter()
    for path in paths:
        target = out / (path.stem + ".wiki")
        subprocess.run(
            [pandoc, "-f", "commonmark", "-t", "mediawiki", str(path), "-o", str(target)],
            check=True,
        )
    return time.perf_counter() - start, children_cpu() - cpu


def main() -> None:
    """Run the benchmark and print a report."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=1, help="keep the fastest of K runs")
    ap.add_argument("--child", nargs=3, metavar=("FOLDER", "OUT", "JOBS"), help=argparse.SUPPRESS)
    ap.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--no-statements", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        folder, out, jobs = args.child
        child(folder, out, int(jobs), args.trace, statements=not args.no_statements)
        return
    pandoc = pandoc_path()
    version = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    print(f"pandoc: {version.splitlines()[0]}; cpus: {os.cpu_count()}; jobs: {args.jobs}")
    with tempfile.TemporaryDirectory(prefix="wikiconv-bulk-bench-") as tmp:
        base = Path(tmp)
        n = args.count
        small = write_corpus(base / "small", n)
        write_corpus(base / "large", 2 * n)
        run_child(base / "small", base / "warm", args.jobs)  # Lark's grammar cache, disk cache

        runs: dict[str, list[dict[str, Any]]] = {"ours": [], "bare": []}
        pandoc_runs: list[tuple[float, float]] = []
        for _ in range(max(args.repeat, 1)):  # interleaved, so a busy spell hits all alike
            runs["ours"].append(run_child(base / "small", base / "out-small", args.jobs))
            runs["bare"].append(
                run_child(base / "small", base / "out-bare", args.jobs, statements=False)
            )
            pandoc_runs.append(pandoc_loop(pandoc, small, base / "pandoc"))
        ours, bare = best(runs["ours"]), best(runs["bare"])
        theirs, theirs_cpu = min(pandoc_runs)
        theirs_rate = n / theirs
        print(f"\n{n} articles to pages.xml (wall time; CPU time per article)")
        print(
            f"  {'pandoc per file:':36s} {theirs:7.2f} s  {theirs_rate:7.1f}/s"
            f"             CPU {theirs_cpu / n * 1000:5.1f} ms"
        )
        for label, numbers in (("", ours), (" --no-statements", bare)):
            rate = numbers["converted"] / numbers["seconds"]
            name = f"wikiconv bulk -j {args.jobs}{label}:"
            cpu = numbers["cpu_seconds"] / n * 1000
            print(
                f"  {name:36s} {numbers['seconds']:7.2f} s  {rate:7.1f}/s"
                f"  ratio {rate / theirs_rate:4.1f}x  CPU {cpu:5.1f} ms"
            )
        print(f"  (target: ratio >= 5x; pages written: {int(ours['converted'])} of {n})")
        print("\nwhere the time goes")
        breakdown(f"wikiconv bulk -j {args.jobs}", ours, n)
        breakdown(f"wikiconv bulk -j {args.jobs} --no-statements", bare, n)

        large = run_child(base / "large", base / "out-large", args.jobs)
        heap_small = run_child(base / "small", base / "trace-small", args.jobs, trace=True)
        heap_large = run_child(base / "large", base / "trace-large", args.jobs, trace=True)
        print("\npeak memory (MiB)      driver RSS  largest worker RSS  driver heap (tracemalloc)")
        for count, rss, heap in ((n, ours, heap_small), (2 * n, large, heap_large)):
            print(
                f"  {count:5d} articles   {rss['driver_rss_mib']:10.1f}  "
                f"{rss['worker_rss_mib']:18.1f}  {heap['driver_heap_peak_mib']:25.1f}"
            )


if __name__ == "__main__":
    main()
