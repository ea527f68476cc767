"""Turn a document's references into CS1 templates inside ``<ref>`` tags and ``{{reflist}}``.

:func:`apply_citations` returns a new document (the input is never changed) in which

* every inline marker that points into a numbered reference list -- ``[1]``, ``[1, 3]``,
  ``[2–4]``, ``<sup>1</sup>`` -- and every footnote marker ``[^id]`` becomes
  ``<ref name="runway-2025">{{cite …}}</ref>`` at its first use and ``<ref name="runway-2025"/>``
  after that (``Ref(name, [Template])``, then ``Ref(name, None)``);
* an inline ``<ref>`` holding free text gets a name and a ``{{cite …}}`` instead of the text
  (one holding a ``{{cite …}}`` already is left as written);
* the references section's list becomes ``{{reflist}}``, followed by the references never cited
  inline as a bullet list of templates (general references); with ``list_defined_refs`` the
  cited ones are written inside ``{{reflist|refs=…}}`` and every marker is a reuse;
* a "Further reading" list becomes a bullet list of templates; "External links" stay as written.

An entry with no title is not written as a template (CS1 would flag it): it is kept as written,
inside the ``<ref>`` when cited.  A marker that points to no entry is left as written.  Every CS1
warning (severity ``warning``) and every parser guess (severity ``note``) comes back as a
:class:`CitationWarning` at the position of the list item, footnote or marker.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from wikiconv import model as m
from wikiconv.citations.cs1 import CS1Result, DateFormat, write_cs1
from wikiconv.citations.inline_markers import rewrite_blocks
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.reference_sections import (
    CitationWarning,
    ReferenceEntry,
    ReferenceIndex,
    ReferenceSection,
    document_citations,
    find_references,
    section_blocks,
)

__all__ = ["CitationWarning", "apply_citations", "document_citations", "entry_messages"]

_SAFE_NAME = lazy_re(r'^[^"|{}<>=\[\]\n]+$')  # a name that can stand inside {{reflist|refs=}}


def entry_messages(
    entry: ReferenceEntry, result: CS1Result | None, guesses: bool = True
) -> list[CitationWarning]:
    """The warnings about one entry: reading problems and CS1 warnings, then parser guesses."""
    out = [CitationWarning(f"{entry.where}: {n}", entry.pos) for n in entry.notes]
    if result is not None:
        out += [CitationWarning(f"{entry.where}: {w}", entry.pos) for w in result.warnings]
    if guesses:
        out += [
            CitationWarning(f"{entry.where}: guess: {g}", entry.pos, "note")
            for g in entry.citation.guesses
        ]
    return out


def _only_template(nodes: list[m.Inline]) -> bool:
    """Tell whether inline content is one template and nothing else but spaces."""
    rest = [n for n in nodes if not (isinstance(n, m.Text) and not n.text.strip())]
    return len(rest) == 1 and isinstance(rest[0], m.Template)


def _template(result: CS1Result, entry: ReferenceEntry) -> m.Template:
    """The model node of a written CS1 template, carrying the citation it was written from."""
    return m.Template(result.name, raw=result.template, data=entry.citation)


class _Citer:
    """Decides what each marker becomes, remembering first uses; collects warnings."""

    def __init__(
        self,
        index: ReferenceIndex,
        results: dict[int, CS1Result],
        by_number: dict[int, ReferenceEntry],
        list_defined: bool,
        warnings: list[CitationWarning],
    ) -> None:
        """Index the entries by number, footnote label and ``<ref>`` node."""
        self.results = results
        self.by_number = by_number
        self.by_footnote = {e.footnote: e for e in index.entries if e.footnote is not None}
        self.by_ref = {id(e.ref): e for e in index.entries if e.ref is not None}
        self.list_defined = list_defined
        self.warnings = warnings
        self.cited: set[int] = set()
        self.defined: list[ReferenceEntry] = []  # list-defined (first-use order)
        self.converted_footnotes: set[str] = set()
        self.numbered = False  # a numeric marker became <ref>s

    def body(self, entry: ReferenceEntry) -> list[m.Inline]:
        """The content of the entry's ``<ref>``: its template, or its text as written."""
        result = self.results.get(id(entry))
        if result is not None:
            return [_template(result, entry)]
        if entry.cite_template is not None and entry.ref is not None:
            return list(entry.ref.children or [])
        return copy.deepcopy(entry.inlines)

    def use(self, entry: ReferenceEntry, pos: m.Pos | None, group: str | None = None) -> m.Ref:
        """The first use of an entry carries its content; every later use is a reuse."""
        if id(entry) in self.cited:
            return m.Ref(entry.name, None, group=group, pos=pos)
        self.cited.add(id(entry))
        movable = id(entry) in self.results or _only_template(self.body(entry))
        if self.list_defined and movable and group is None and _SAFE_NAME.match(entry.name):
            self.defined.append(entry)
            return m.Ref(entry.name, None, pos=pos)
        return m.Ref(entry.name, self.body(entry), group=group, pos=pos)

    def numbers(self, numbers: list[int], raw: str, pos: m.Pos | None) -> list[m.Inline] | None:
        """Refs for a numeric marker, or None (with a warning) when a number has no entry."""
        missing = [n for n in numbers if n not in self.by_number]
        if missing:
            which = ", ".join(map(str, missing))
            self.warnings.append(
                CitationWarning(
                    f"marker {raw}: no reference {which} in the numbered reference list; "
                    "left as written",
                    pos,
                )
            )
            return None
        entries = list({id(e): e for e in (self.by_number[n] for n in numbers)}.values())
        self.numbered = True
        return [self.use(e, pos) for e in entries]

    def footnote(self, node: m.FootnoteRef) -> m.Inline:
        """A footnote marker whose definition reads as a citation becomes a ``<ref>``."""
        entry = self.by_footnote.get(node.label)
        if entry is None or id(entry) not in self.results:
            return node
        self.converted_footnotes.add(node.label)
        return self.use(entry, node.pos)

    def ref(self, node: m.Ref) -> m.Inline:
        """An inline ``<ref>`` with free text gets a template; others stay as written."""
        entry = self.by_ref.get(id(node))
        if entry is None or not (id(entry) in self.results or entry.cite_template is not None):
            return node
        if id(entry) not in self.results and not self.list_defined:
            return node  # already a {{cite …}}: left exactly as written
        return self.use(entry, node.pos, node.group)


def _number_map(
    index: ReferenceIndex, warnings: list[CitationWarning]
) -> tuple[dict[int, ReferenceEntry], int | None]:
    """Reference number → entry over the notes sections' numbered lists; the first such list."""
    by_number: dict[int, ReferenceEntry] = {}
    first: int | None = None
    for section in index.sections:
        if section.kind != "notes":
            continue
        for list_index in section.lists:
            numbered = [
                e for e in index.entries if e.list_index == list_index and e.number is not None
            ]
            if not numbered:
                continue
            first = list_index if first is None else first
            clash = sorted({n for n in (e.number for e in numbered) if n in by_number})
            if clash:
                warnings.append(
                    CitationWarning(
                        f"the numbered list in {section.title!r} repeats reference numbers "
                        f"{', '.join(map(str, clash))}; markers point to the earlier list",
                        numbered[0].pos,
                    )
                )
            for e in numbered:
                by_number.setdefault(e.number or 0, e)
    return by_number, first


def _reflist_block(index: ReferenceIndex, citer: _Citer) -> m.WikiBlock:
    """``{{reflist}}``, or ``{{reflist|refs=…}}`` holding the list-defined references."""
    if not citer.defined:
        return m.WikiBlock("{{reflist}}")
    defined = {id(e) for e in citer.defined}
    lines = []
    for entry in (e for e in index.entries if id(e) in defined):
        body = citer.body(entry)
        text = "".join(n.raw for n in body if isinstance(n, m.Template))
        lines.append(f'<ref name="{entry.name}">{text}</ref>')
    return m.WikiBlock("{{reflist|refs=\n" + "\n".join(lines) + "\n}}")


def _general_list(
    entries: Iterable[ReferenceEntry], citer: _Citer, pos: m.Pos | None
) -> m.BulletList | None:
    """The uncited entries of a list as a bullet list of templates (or as written)."""
    items: list[m.ListItem] = []
    for entry in entries:
        if id(entry) in citer.cited:
            continue
        result = citer.results.get(id(entry))
        if result is not None:
            para = m.Paragraph([_template(result, entry)], pos=entry.pos)
            items.append(m.ListItem([para], pos=entry.pos))
        elif entry.item is not None:
            items.append(entry.item)
    return m.BulletList(items, pos=pos) if items else None


def _reflist_home(index: ReferenceIndex, target_list: int | None) -> ReferenceSection | None:
    """The section that gets ``{{reflist}}``: the marker target's, else the first notes one."""
    notes = [s for s in index.sections if s.kind == "notes"]
    if target_list is not None:
        return next(s for s in notes if target_list in s.lists)
    return next((s for s in notes if s.lists), notes[0] if notes else None)


def _rebuild_blocks(
    doc: m.Document,
    index: ReferenceIndex,
    citer: _Citer,
    target_list: int | None,
    want_reflist: bool,
) -> list[m.Block]:
    """The document's blocks with the reference sections' lists rewritten and the reflist."""
    replace: dict[int, list[m.Block]] = {}
    for section in index.sections:
        if section.kind == "external":
            continue
        for list_index in section.lists:
            entries = [e for e in index.entries if e.list_index == list_index]
            general = _general_list(entries, citer, doc.blocks[list_index].pos)
            replace[list_index] = [general] if general is not None else []
    tail: list[m.Block] = []
    if want_reflist:
        reflist = _reflist_block(index, citer)
        home = _reflist_home(index, target_list)
        if home is None:
            # No references section: Cite lists the notes at the end by itself, so nothing is
            # added, unless list-defined references need a {{reflist|refs=}} to live in.
            tail = [reflist] if citer.list_defined else []
        else:
            at = target_list if target_list is not None else (home.lists or [home.end - 1])[0]
            if at not in home.lists:  # no list: the reflist closes the section
                replace.setdefault(at, [doc.blocks[at]]).append(reflist)
            else:
                replace[at] = [reflist, *replace.get(at, [])]
    out: list[m.Block] = []
    later = [s.start for s in index.sections if s.kind in ("further", "external")]
    insert_at = min(later) if later else len(doc.blocks)
    for i, block in enumerate(doc.blocks):
        if i == insert_at:
            out.extend(tail)
            tail = []
        out.extend(replace.get(i, [block]))
    out.extend(tail)
    return out


def apply_citations(
    doc: m.Document, date_format: DateFormat = "iso", list_defined_refs: bool = False
) -> tuple[m.Document, list[CitationWarning]]:
    """A new document with references as ``<ref>{{cite …}}</ref>`` and ``{{reflist}}``."""
    if date_format not in ("iso", "dmy", "mdy", "keep"):
        raise ValueError(f"unknown date format {date_format!r}")
    new = copy.copy(doc)  # blocks on the way to a change are copied by rewrite_blocks
    new.footnotes = dict(doc.footnotes)
    index = find_references(new)
    warnings: list[CitationWarning] = []
    skip = section_blocks(index.sections)
    body = index.body
    used_footnotes = body.used_footnotes

    results: dict[int, CS1Result] = {}
    for entry in index.entries:
        if entry.section is not None and entry.section.kind == "external":
            continue
        if entry.footnote is not None and entry.footnote not in used_footnotes:
            warnings.append(
                CitationWarning(f"{entry.where} is defined but never used; left out", entry.pos)
            )
            continue
        result = write_cs1(entry.citation, date_format) if entry.rewritable else None
        if result is not None:
            results[id(entry)] = result
        kept = entry.cite_template is not None
        warnings.extend(entry_messages(entry, result, guesses=not kept))
        if result is None and not kept:
            warnings.append(
                CitationWarning(
                    f"{entry.where}: no title found, so not written as a citation template; "
                    "kept as written",
                    entry.pos,
                    "note",
                )
            )

    has_reflist = body.has_reflist
    if list_defined_refs and has_reflist:
        warnings.append(
            CitationWarning(
                "the article already has a reference list; references are not list-defined"
            )
        )
        list_defined_refs = False
    by_number, target_list = _number_map(index, warnings)
    citer = _Citer(index, results, by_number, list_defined_refs, warnings)
    numeric = bool(by_number)
    if numeric:
        new.blocks = rewrite_blocks(new.blocks, citer, numeric=True, skip=skip)
    elif body.marked:  # only blocks that hold a <ref> or a footnote marker can change
        unmarked = set(range(len(new.blocks))) - body.marked
        new.blocks = rewrite_blocks(new.blocks, citer, numeric=False, skip=unmarked)
    for label in citer.converted_footnotes:
        del new.footnotes[label]

    # every Ref and footnote marker of the body is still one, and numeric markers became Refs
    any_refs = bool(body.marked) or citer.numbered
    want_reflist = not has_reflist and (any_refs or target_list is not None)
    new.blocks = _rebuild_blocks(new, index, citer, target_list, want_reflist)
    far = (1 << 30, 0)
    warnings.sort(key=lambda w: (w.pos.line, w.pos.column) if w.pos else far)
    return new, warnings
