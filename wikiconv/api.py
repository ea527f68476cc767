"""The library entry points: :func:`parse`, :func:`convert` and :func:`convert_document`.

A *target* names an output format; each is one function from a document and options to an
:class:`Output` (text plus diagnostics), registered in ``TARGETS``.  Writers and the
citations and statements subpackages are imported only when their target is asked for, so a
plain conversion stays quick to start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from wikiconv.diagnostics import Diagnostic
from wikiconv.model import Document

DateFormat = Literal["iso", "dmy", "mdy", "keep"]
# markdown: the Markdown-wiki hybrid; commonmark: CommonMark 0.31.2 alone; wikitext.
Source = Literal["markdown", "commonmark", "wikitext"]


@dataclass(frozen=True, slots=True)
class ConvertOptions:
    """How to convert: heading, citation and statement choices."""

    keep_h1: bool = False
    # Turn reference lists and markers into <ref>{{cite …}}</ref>. None: yes for a Markdown
    # draft, no for a page read from wikitext or pulled from a wiki (front matter `revision`),
    # whose references are already what the wiki holds.
    citations: bool | None = None
    date_format: DateFormat = "iso"
    list_defined_refs: bool = False
    wikibase_api: str | None = None  # None: Wikidata
    against: str | None = None  # an existing item to de-duplicate against
    mapping: str | None = None  # a CSV/JSON file of name -> QID
    offline: bool = False  # resolve only through the curated table and the mapping
    rules: tuple[str, ...] = ()  # extra statement rule files


@dataclass(slots=True)
class Output:
    """A converted document and what the conversion had to say about it."""

    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _wikitext(doc: Document, options: ConvertOptions) -> Output:
    """MediaWiki markup, with references as citation templates unless told otherwise."""
    from wikiconv.writers.wikitext import write_wikitext

    notes: list[Diagnostic] = []
    citations = options.citations
    if citations is None:
        citations = "revision" not in doc.meta
    if citations:
        from wikiconv.citations.document_refs import apply_citations

        doc, notes = apply_citations(doc, options.date_format, options.list_defined_refs)
    result = write_wikitext(doc)
    return Output(result.text, [*notes, *result.warnings])


def _citations(doc: Document, options: ConvertOptions) -> Output:
    """One CS1 template per reference, in list order."""
    from wikiconv.citations.outputs import citation_templates

    return Output(*citation_templates(doc, options.date_format))


def _csl_json(doc: Document, options: ConvertOptions) -> Output:
    """The references as a CSL-JSON array."""
    from wikiconv.citations.outputs import csl_json

    return Output(*csl_json(doc))


def _statements(target: str) -> Callable[[Document, ConvertOptions], Output]:
    """The writer of one statements format: extract, resolve, de-duplicate, write."""

    def run(doc: Document, options: ConvertOptions) -> Output:
        from wikiconv.statements.pipeline import StatementOptions, statements_output

        settings = StatementOptions(
            against=options.against,
            mapping=options.mapping,
            offline=options.offline,
            rules=options.rules,
        )
        if options.wikibase_api:
            settings = replace(settings, wikibase_api=options.wikibase_api)
        result = statements_output(doc, target, settings)
        return Output(result.text, list(result.diagnostics))

    run.__doc__ = f"Statements about the article's subject as {target}."
    return run


def _markdown(doc: Document, options: ConvertOptions) -> Output:
    """The hybrid Markdown-wiki dialect, with front matter; what it cannot say, as islands."""
    from wikiconv.writers.markdown import write_markdown

    return Output(write_markdown(doc))


TARGETS: dict[str, Callable[[Document, ConvertOptions], Output]] = {
    "wikitext": _wikitext,
    "markdown": _markdown,
    "citations": _citations,
    "csl-json": _csl_json,
    **{
        name: _statements(name)
        for name in ("quickstatements", "quickstatements-csv", "wikibase-json", "statements-json")
    },
}


def parse(
    text: str, source_name: str = "<string>", keep_h1: bool = False, source: Source = "markdown"
) -> Document:
    """Parse the hybrid (or plain ``commonmark``, or ``wikitext``) into a model."""
    if source == "wikitext":
        from wikiconv.readers.wikitext import read_wikitext

        return read_wikitext(text, source_name=source_name)
    if source not in ("markdown", "commonmark"):
        raise ValueError(f"unknown source {source!r}; expected markdown, commonmark or wikitext")
    from wikiconv.readers.hybrid import read_hybrid

    extensions = source == "markdown"
    return read_hybrid(text, source_name=source_name, keep_h1=keep_h1, extensions=extensions)


def convert_document(
    doc: Document, target: str = "wikitext", options: ConvertOptions | None = None
) -> Output:
    """Write a parsed document as ``target``, with the diagnostics of the conversion."""
    try:
        writer = TARGETS[target]
    except KeyError:
        known = ", ".join(TARGETS)
        raise ValueError(f"unknown target {target!r}; expected one of {known}") from None
    return writer(doc, options or ConvertOptions())


def convert(
    text: str,
    target: str = "wikitext",
    keep_h1: bool = False,
    source_name: str = "<string>",
    options: ConvertOptions | None = None,
    source: Source = "markdown",
) -> str:
    """Convert text from ``source`` to ``target``, one of :data:`TARGETS` (default wikitext)."""
    options = options or ConvertOptions(keep_h1=keep_h1)
    doc = parse(text, source_name=source_name, keep_h1=options.keep_h1, source=source)
    if source == "wikitext" and options.citations is None:
        options = replace(options, citations=False)
    return convert_document(doc, target, options).text
