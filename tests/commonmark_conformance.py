"""CommonMark 0.31.2 conformance of a Markdown-to-wikitext converter, judged through MediaWiki.

Each of the spec's 652 examples is converted to wikitext, rendered by the test wiki
(:class:`tests.wiki_server.TestWiki`) and compared with the spec's reference HTML twice, after
the canonicalisation of :mod:`tests.html_canon`:

* by structure (:func:`tests.html_canon.structure`): same elements and same text;
* by visible text (:func:`tests.html_canon.visible_text`): same characters in the same order.

A failure is classed as *text* (visible text dropped or mangled: the visible text differs),
*structure only* (the text is right, the elements are not) or *error* (the converter raised).

Run as a script from the repository root::

    python -m tests.commonmark_conformance [--pandoc] [--no-wikiconv] [--list-failures]
                                           [--sections] [--show N ...]

``--pandoc`` also runs ``pandoc -f commonmark -t mediawiki`` (from pypandoc-binary) in the same
run, for a side-by-side baseline.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.html_canon import structure, visible_text
from tests.wiki_server import TestWiki

SPEC_PATH = Path(__file__).parent / "data" / "commonmark-0.31.2.json"
SPEC_VERSION = "0.31.2"
EXAMPLE_COUNT = 652

Converter = Callable[[str], str]


@dataclass(frozen=True)
class Example:
    """One example of the CommonMark spec."""

    example: int
    section: str
    markdown: str
    html: str


@dataclass
class Outcome:
    """What one converter made of one example."""

    example: Example
    wikitext: str = ""
    rendered: str = ""
    error: str = ""
    structure_ok: bool = False
    visible_ok: bool = False

    @property
    def category(self) -> str:
        """Return ``pass``, ``error``, ``text`` (visible text differs) or ``structure``."""
        if self.error:
            return "error"
        if not self.visible_ok:
            return "text"
        return "pass" if self.structure_ok else "structure"


@dataclass
class Report:
    """The outcome of a conformance run of one converter."""

    name: str
    outcomes: list[Outcome] = field(default_factory=list)
    convert_seconds: float = 0.0
    render_seconds: float = 0.0

    @property
    def total(self) -> int:
        """Return the number of examples run."""
        return len(self.outcomes)

    @property
    def passed_structure(self) -> int:
        """Return how many examples match by structure."""
        return sum(o.structure_ok for o in self.outcomes)

    @property
    def passed_visible(self) -> int:
        """Return how many examples match by visible text."""
        return sum(o.visible_ok for o in self.outcomes)

    def failures(self, category: str | None = None) -> list[int]:
        """Return the example numbers failing by structure, or those of one failure category."""
        if category is None:
            return [o.example.example for o in self.outcomes if not o.structure_ok]
        return [o.example.example for o in self.outcomes if o.category == category]

    def outcome(self, number: int) -> Outcome:
        """Return the outcome of example ``number``."""
        for o in self.outcomes:
            if o.example.example == number:
                return o
        raise KeyError(number)

    def summary(self) -> str:
        """Return a one-line summary of the counts."""
        return (
            f"{self.name}: structure {self.passed_structure}/{self.total}, "
            f"visible text {self.passed_visible}/{self.total}; failures: "
            f"{len(self.failures('text'))} text dropped or mangled, "
            f"{len(self.failures('structure'))} structure only, "
            f"{len(self.failures('error'))} converter errors"
        )


def load_examples(path: Path = SPEC_PATH) -> list[Example]:
    """Load the spec examples (the shape of commonmark's spec.json)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return [Example(d["example"], d["section"], d["markdown"], d["html"]) for d in data]


def _convert_one(convert: Converter, example: Example) -> Outcome:
    """Convert one example, catching the converter's exceptions."""
    try:
        return Outcome(example, wikitext=convert(example.markdown))
    except Exception as e:  # a converter crash is a result to report
        return Outcome(example, error=f"{type(e).__name__}: {e}")


def run(
    convert: Converter,
    wiki: TestWiki,
    name: str = "wikiconv",
    examples: Sequence[Example] | None = None,
    convert_workers: int = 1,
) -> Report:
    """Convert, render and compare every example; return the report."""
    examples = load_examples() if examples is None else examples
    report = Report(name)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=convert_workers) as pool:
        report.outcomes = list(pool.map(lambda ex: _convert_one(convert, ex), examples))
    report.convert_seconds = time.perf_counter() - start
    to_render = [o for o in report.outcomes if not o.error]
    start = time.perf_counter()
    for o, html in zip(to_render, wiki.render_many(o.wikitext for o in to_render), strict=True):
        o.rendered = html
        o.structure_ok = structure(html) == structure(o.example.html)
        o.visible_ok = visible_text(html) == visible_text(o.example.html)
    report.render_seconds = time.perf_counter() - start
    return report


def wikiconv_converter(source: str = "commonmark") -> Converter:
    """Return wikiconv's converter, keeping level-1 headings as CommonMark does.

    ``source="commonmark"`` reads CommonMark alone, as ``pandoc -f commonmark`` does;
    ``source="markdown"`` reads the hybrid (GFM autolinks, ``[[wiki links]]``...).
    """
    import wikiconv

    convert = wikiconv.convert

    def wikiconv_convert(markdown: str) -> str:
        """Convert with wikiconv."""
        return str(convert(markdown, keep_h1=True, source=source))  # type: ignore[arg-type]

    return wikiconv_convert


def pandoc_path() -> str:
    """Return the path of the pandoc binary shipped by pypandoc-binary."""
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def pandoc_version() -> str:
    """Return pandoc's version, e.g. ``3.9``."""
    out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.split()[1]


def pandoc_converter() -> Converter:
    """Return a converter running ``pandoc -f commonmark -t mediawiki``."""
    path = pandoc_path()

    def pandoc_convert(markdown: str) -> str:
        """Convert with pandoc."""
        proc = subprocess.run(
            [path, "-f", "commonmark", "-t", "mediawiki"],
            input=markdown.encode("utf-8"),
            capture_output=True,
            check=True,
        )
        return proc.stdout.decode("utf-8")

    return pandoc_convert


def _numbers(numbers: Iterable[int]) -> str:
    """Format example numbers as a compact list of ranges, e.g. ``1-3, 7``."""
    parts: list[str] = []
    for n in sorted(numbers):
        if parts and parts[-1].split("-")[-1] == str(n - 1):
            parts[-1] = parts[-1].split("-")[0] + f"-{n}"
        else:
            parts.append(str(n))
    return ", ".join(parts) or "none"


def format_table(reports: Sequence[Report]) -> str:
    """Return the counts of several reports side by side."""
    head = (
        "converter",
        "structure",
        "visible",
        "text",
        "struct-only",
        "errors",
        "conv s",
        "render s",
    )
    rows = [head]
    for r in reports:
        rows.append(
            (
                r.name,
                f"{r.passed_structure}/{r.total}",
                f"{r.passed_visible}/{r.total}",
                str(len(r.failures("text"))),
                str(len(r.failures("structure"))),
                str(len(r.failures("error"))),
                f"{r.convert_seconds:.1f}",
                f"{r.render_seconds:.1f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def format_failures(report: Report) -> str:
    """Return the failing example numbers of a report, by category."""
    return "\n".join(
        [
            f"{report.name}:",
            f"  text dropped or mangled: {_numbers(report.failures('text'))}",
            f"  structure only:          {_numbers(report.failures('structure'))}",
            f"  converter errors:        {_numbers(report.failures('error'))}",
        ]
    )


def format_sections(reports: Sequence[Report]) -> str:
    """Return structure/visible pass counts per spec section."""
    sections: dict[str, int] = {}
    for o in reports[0].outcomes:
        sections[o.example.section] = sections.get(o.example.section, 0) + 1
    lines = ["section".ljust(36) + "".join(f"  {r.name[:20]:>20}" for r in reports)]
    for section, count in sections.items():
        cells = []
        for r in reports:
            outs = [o for o in r.outcomes if o.example.section == section]
            s, v = sum(o.structure_ok for o in outs), sum(o.visible_ok for o in outs)
            cells.append(f"  {f'{s}/{v}/{count}':>20}")
        lines.append(section[:36].ljust(36) + "".join(cells))
    return "\n".join(lines) + "\n(cells: structure/visible/examples)"


def format_outcome(o: Outcome) -> str:
    """Return everything about one example's outcome, for debugging."""
    ex = o.example
    return "\n".join(
        [
            f"--- example {ex.example} ({ex.section}): {o.category}",
            f"markdown:\n{ex.markdown}",
            f"wikitext:\n{o.wikitext}" + (f"\nerror: {o.error}" if o.error else ""),
            f"rendered:\n{o.rendered}",
            f"expected:\n{ex.html}",
            f"structure rendered: {structure(o.rendered)}",
            f"structure expected: {structure(ex.html)}",
            f"visible rendered: {visible_text(o.rendered)!r}",
            f"visible expected: {visible_text(ex.html)!r}",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the conformance check from the command line."""
    parser = argparse.ArgumentParser(prog="python -m tests.commonmark_conformance")
    parser.add_argument("--pandoc", action="store_true", help="also run pandoc as a baseline")
    parser.add_argument("--no-wikiconv", action="store_true", help="do not run wikiconv")
    parser.add_argument(
        "--hybrid", action="store_true", help="also run wikiconv's hybrid reader (-f markdown)"
    )
    parser.add_argument("--list-failures", action="store_true", help="list failing examples")
    parser.add_argument("--sections", action="store_true", help="counts per spec section")
    parser.add_argument(
        "--show", type=int, action="append", default=[], metavar="N", help="show example N"
    )
    args = parser.parse_args(argv)

    converters: list[tuple[str, Converter, int]] = []
    if not args.no_wikiconv:
        try:
            converters.append(("wikiconv -f commonmark", wikiconv_converter(), 1))
            if args.hybrid:
                converters.append(("wikiconv (hybrid)", wikiconv_converter("markdown"), 1))
        except (ImportError, AttributeError) as e:
            print(f"wikiconv.convert is not available ({e}); skipping it", file=sys.stderr)
    if args.pandoc:
        converters.append((f"pandoc {pandoc_version()}", pandoc_converter(), 8))
    if not converters:
        print("nothing to run", file=sys.stderr)
        return 2

    examples = load_examples()
    print(f"CommonMark {SPEC_VERSION}: {len(examples)} examples")
    start = time.perf_counter()
    with TestWiki() as wiki:
        print(f"test wiki started in {time.perf_counter() - start:.1f} s")
        reports = [run(conv, wiki, name, examples, workers) for name, conv, workers in converters]
    print(format_table(reports))
    if args.sections:
        print(format_sections(reports))
    if args.list_failures:
        for report in reports:
            print(format_failures(report))
    for number in args.show:
        for report in reports:
            print(f"[{report.name}]")
            print(format_outcome(report.outcome(number)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
