"""References of a whole document: finding them, inline markers, {{reflist}}, the text outputs."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import time
from pathlib import Path

import mwparserfromhell
import pytest

from tests.test_cs1 import cs1_errors
from tests.wiki_server import TestWiki
from wikiconv import model as m
from wikiconv import parse
from wikiconv.citations import cs1
from wikiconv.citations.cs1 import CS1Result, DateFormat
from wikiconv.citations.document_refs import apply_citations, document_citations
from wikiconv.citations.from_wikitext import value_text
from wikiconv.citations.outputs import citation_templates, csl_json
from wikiconv.citations.reference_names import name_base, slug
from wikiconv.citations.reference_sections import CitationWarning, find_references
from wikiconv.writers.wikitext import write_wikitext

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "runway.md"
TODAY = dt.date(2026, 11, 25)

# The sample's seven references: template parameters as plain text (the container under its
# CS1 alias, whichever of |work= or |website= the writer picks).
SAMPLE_EXPECTED = [
    {"author": "Runway", "title": "Building AI to Simulate the World",
     "website": "runwayml.com", "date": "2026"},
    {"author": "Runway Research", "title": "Introducing General World Models",
     "date": "2023-12-11"},
    {"author": "Runway", "title": "Introducing Runway GWM-1", "date": "2025-12-11"},
    {"author": "Runway Research",
     "title": "High-Resolution Image Synthesis with Latent Diffusion Models",
     "date": "2022-04-13"},
    {"author": "Runway", "title": "Introducing Runway Gen-4.5",
     "website": "runwayml.com/research", "date": "2025"},
    {"author": "Runway", "title": "Runway Partners with Lionsgate",
     "website": "runwayml.com/news", "date": "2024"},
    {"author": "Runway", "title": "Runway Partners with NVIDIA",
     "website": "runwayml.com/news", "date": "2024"},
]  # fmt: skip
SAMPLE_NAMES = [
    "runway-2026", "runway-research-2023", "runway-2025", "runway-research-2022",
    "runway-2025-b", "runway-2024", "runway-2024-b",
]  # fmt: skip

REFERENCES = """\
## References

1. Runway. "Building AI to Simulate the World." runwayml.com, 2026.
2. Runway Research. "Introducing General World Models." December 11, 2023.
3. Runway. "Introducing Runway GWM-1." December 11, 2025.
4. Runway Research. "High-Resolution Image Synthesis." April 13, 2022.
"""
NAMES = ["runway-2026", "runway-research-2023", "runway-2025", "runway-research-2022"]


@pytest.fixture(autouse=True)
def _pin_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin "today" so the date-range rules give the same answer every day."""
    monkeypatch.setattr(cs1, "_today", lambda: TODAY)


# -- helpers -----------------------------------------------------------------------------------


def sample_doc() -> m.Document:
    return parse(SAMPLE.read_text(encoding="utf-8"))


def article(body: str, references: str = REFERENCES) -> m.Document:
    return parse(f"# Article\n\n{body}\n\n{references}")


def convert(
    doc: m.Document, date_format: DateFormat = "iso", list_defined_refs: bool = False
) -> tuple[str, m.Document, list[CitationWarning]]:
    """The wikitext after the citation pass, the new document and the warnings."""
    new, warnings = apply_citations(doc, date_format, list_defined_refs)
    return write_wikitext(new).text, new, warnings


def params(template: str) -> tuple[str, dict[str, str]]:
    """A template's name and its parameters as plain text, aliases of the container merged."""
    code = mwparserfromhell.parse(template)
    (t,) = code.filter_templates(recursive=False)
    out: dict[str, str] = {}
    for p in t.params:
        assert p.showkey, template
        key = str(p.name).strip()
        out["website" if key == "work" else key] = value_text(p.value)[0]
    return str(t.name).strip(), out


def no_cs1_error(template: str) -> None:
    name, _ = params(template)
    t = mwparserfromhell.parse(template).filter_templates(recursive=False)[0]
    raw = {str(p.name).strip(): str(p.value) for p in t.params}
    result = CS1Result(template=template, name=name, params=raw)
    assert cs1_errors(result) == [], template


def refs_in(blocks: list[m.Block]) -> list[m.Ref]:
    """Every Ref node in the paragraphs of ``blocks``, in order."""
    out: list[m.Ref] = []
    for block in blocks:
        if isinstance(block, m.Paragraph):
            out += [n for n in block.children if isinstance(n, m.Ref)]
    return out


def general_templates(doc: m.Document, section: str = "References") -> list[str]:
    """The templates of the bullet list(s) under a section heading."""
    out: list[str] = []
    inside = False
    for block in doc.blocks:
        if isinstance(block, m.Heading):
            inside = "".join(n.text for n in block.children if isinstance(n, m.Text)) == section
        elif inside and isinstance(block, m.BulletList):
            for item in block.items:
                (para,) = item.children
                assert isinstance(para, m.Paragraph)
                (node,) = para.children
                assert isinstance(node, m.Template)
                out.append(node.raw)
    return out


# -- the sample ------------------------------------------------------------------------------


def test_sample_seven_references_exact() -> None:
    text, new, _ = convert(sample_doc())
    templates = general_templates(new)
    assert len(templates) == 7
    for template, expected in zip(templates, SAMPLE_EXPECTED, strict=True):
        name, got = params(template)
        assert name in ("citation", "cite web")
        assert got == expected, template
        no_cs1_error(template)
    assert "== References ==\n\n{{reflist}}\n\n* {{citation |author=Runway |title=Build" in text
    assert "\n1. Runway" not in text and "\n# " not in text.split("== References ==")[1]


def test_sample_document_citations() -> None:
    citations = document_citations(sample_doc())
    assert len(citations) == 7
    assert [c.authors[0].organization for c in citations] == [
        "Runway", "Runway Research", "Runway", "Runway Research", "Runway", "Runway", "Runway",
    ]  # fmt: skip
    assert all(not c.authors[0].family for c in citations)
    assert [c.date.precision for c in citations if c.date] == [
        "year", "day", "day", "day", "year", "year", "year",
    ]  # fmt: skip
    assert [c.label for c in citations] == [str(n) for n in range(1, 8)]
    assert [e.name for e in find_references(sample_doc()).entries] == SAMPLE_NAMES


def test_sample_warnings_are_located_and_graded() -> None:
    _, _, warnings = convert(sample_doc())
    assert all(w.pos is not None for w in warnings)
    cs1_warnings = [w for w in warnings if w.severity == "warning"]
    notes = [w for w in warnings if w.severity == "note"]
    assert [w.pos.line for w in cs1_warnings if w.pos] == [59, 63, 64, 65]
    assert cs1_warnings[0].message.startswith("reference 1: cite web needs |url=")
    assert "{{citation}}" in cs1_warnings[0].message
    assert any(
        n.message.startswith("reference 1: guess: treated 'Runway' as an organisation")
        and "single word" in n.message
        and n.pos == m.Pos(59, 1)
        for n in notes
    )
    assert any("reference 2: guess:" in n.message and "'Research'" in n.message for n in notes)


def test_input_document_is_not_changed() -> None:
    doc = article('Claim.[1] Second.[^a]\n\n[^a]: Doe, J. "Noted." 2019.')
    before = copy.deepcopy(doc)
    new, _ = apply_citations(doc, list_defined_refs=True)
    assert doc == before and doc.footnotes == before.footnotes
    assert new != doc


@pytest.mark.parametrize("date_format", ["dmy", "mdy", "iso"])
def test_date_formats(date_format: DateFormat) -> None:
    _, new, _ = convert(sample_doc(), date_format=date_format)
    dates = [params(t)[1]["date"] for t in general_templates(new)]
    expected = {
        "dmy": ["2026", "11 December 2023", "11 December 2025", "13 April 2022"],
        "mdy": ["2026", "December 11, 2023", "December 11, 2025", "April 13, 2022"],
        "iso": ["2026", "2023-12-11", "2025-12-11", "2022-04-13"],
    }[date_format]
    assert dates[:4] == expected and dates[4:] == ["2025", "2024", "2024"]


# -- inline markers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marker", "numbers"),
    [
        ("[1]", [1]),
        ("[3]", [3]),
        ("[1, 3]", [1, 3]),
        ("[1,3]", [1, 3]),
        ("[2–4]", [2, 3, 4]),
        ("[2-4]", [2, 3, 4]),
        ("[1, 3–4]", [1, 3, 4]),
        ("[1][2]", [1, 2]),
        ("<sup>1</sup>", [1]),
        ("<sup>2,3</sup>", [2, 3]),
        ("<sup>[4]</sup>", [4]),
    ],
)
def test_marker_forms(marker: str, numbers: list[int]) -> None:
    text, new, warnings = convert(article(f"Runway makes video models.{marker} More text."))
    refs = refs_in(new.blocks)
    assert [r.name for r in refs] == [NAMES[n - 1] for n in numbers]
    for ref in refs:
        assert ref.children is not None
        (template,) = ref.children
        assert isinstance(template, m.Template) and template.raw.startswith("{{citation ")
    assert "models.<ref name=" in text and marker not in text
    assert not [w for w in warnings if w.message.startswith("marker")]


def test_markers_keep_their_position() -> None:
    doc = article("First claim.[2] Second claim.[9]")
    _, new, warnings = convert(doc)
    (warning,) = [w for w in warnings if w.message.startswith("marker")]
    assert warning.pos == m.Pos(3, 30) and warning.severity == "warning"
    ref = refs_in(new.blocks)[0]
    assert ref.pos == m.Pos(3, 13)


def test_reuse_is_a_self_closing_ref() -> None:
    text, new, _ = convert(article("One.[1] Two.[1] Three.<sup>1</sup>"))
    refs = refs_in(new.blocks)
    assert [r.name for r in refs] == ["runway-2026"] * 3
    assert refs[0].children is not None and refs[1].children is None and refs[2].children is None
    assert text.count('<ref name="runway-2026">{{citation') == 1
    assert text.count('<ref name="runway-2026" />') == 2


def test_uncited_references_stay_as_general_references() -> None:
    text, new, _ = convert(article("Claim.[2] Another.[4]"))
    assert [r.name for r in refs_in(new.blocks)] == ["runway-research-2023", "runway-research-2022"]
    general = general_templates(new)
    assert [params(t)[1]["title"] for t in general] == [
        "Building AI to Simulate the World",
        "Introducing Runway GWM-1",
    ]
    section = text.split("== References ==\n\n")[1]
    assert section.startswith("{{reflist}}\n\n* {{citation |author=Runway |title=Building")


def test_list_defined_refs() -> None:
    text, new, _ = convert(article("Claim.[2] Another.[1, 2]"), list_defined_refs=True)
    refs = refs_in(new.blocks)
    assert [r.name for r in refs] == ["runway-research-2023", "runway-2026", "runway-research-2023"]
    assert all(r.children is None for r in refs)
    section = text.split("== References ==\n\n")[1]
    defined = re.findall(r'<ref name="([^"]+)">\{\{citation [^\n]*\}\}</ref>', section)
    assert defined == ["runway-2026", "runway-research-2023"]  # list order
    assert section.startswith('{{reflist|refs=\n<ref name="runway-2026">')
    code = mwparserfromhell.parse(section)
    reflist = code.filter_templates(recursive=False)[0]
    assert str(reflist.name).strip() == "reflist" and reflist.has("refs")
    assert [params(t)[1]["title"] for t in general_templates(new)] == [
        "Introducing Runway GWM-1",
        "High-Resolution Image Synthesis",
    ]


def test_marker_to_no_entry_is_left_as_written() -> None:
    text, _, warnings = convert(article("Claim.[7] Range [3–6]."))
    assert "Claim.[7] Range [3–6]." in text
    messages = [w.message for w in warnings if w.message.startswith("marker")]
    assert messages == [
        "marker [7]: no reference 7 in the numbered reference list; left as written",
        "marker [3–6]: no reference 5, 6 in the numbered reference list; left as written",
    ]


def test_bracket_number_without_reference_list_stays_text() -> None:
    for refs in ("", '## References\n\n- Runway. "Building AI." runwayml.com, 2026.\n'):
        doc = article("Arrays start at [1] in Lua, and x<sup>1</sup> too.", refs)
        text, new, warnings = convert(doc)
        assert "Arrays start at [1] in Lua" in text and "<sup>1</sup>" in text
        assert refs_in(new.blocks) == []
        assert not [w for w in warnings if w.message.startswith("marker")]


def test_numbered_list_under_history_is_not_a_reference_list() -> None:
    history = "## History\n\n" + REFERENCES.split("\n", 2)[2]
    text, new, _ = convert(article("Claim.[1]", history))
    assert "Claim.[1]" in text and "{{reflist}}" not in text
    assert '# Runway. "Building AI to Simulate the World."' in text
    assert document_citations(new) == []
    text, _, _ = convert(article("Claim.[1]"))
    assert '<ref name="runway-2026">' in text and "{{reflist}}" in text


def test_superscript_mathematics_is_not_a_marker() -> None:
    text, new, _ = convert(article("E = mc<sup>2</sup> and 10 m<sup>2</sup> of floor.[1]"))
    assert "mc<sup>2</sup>" in text and "m<sup>2</sup>" in text
    assert [r.name for r in refs_in(new.blocks)] == ["runway-2026"]


def test_markers_in_headings_links_and_code_are_left_alone() -> None:
    doc = article("## Part [1]\n\nSee [the [1] page](https://example.org) and `a[1]`.")
    text, new, _ = convert(doc)
    assert "== Part [1] ==" in text and refs_in(new.blocks) == []
    assert "<code>a[1]</code>" in text


# -- footnotes and inline refs ---------------------------------------------------------------


def test_footnotes_become_named_refs() -> None:
    body = (
        "Claim.[^doe] Again.[^doe] A note.[^n]\n\n"
        '[^doe]: Doe, Jane. "Video Models Explained." *The Verge*, March 3, 2024.\n'
        "[^n]: The company was renamed in 2020."
    )
    text, new, warnings = convert(article(body, ""))
    refs = refs_in(new.blocks)
    assert [r.name for r in refs[:2]] == ["doe-2024", "doe-2024"]
    assert refs[0].children is not None and refs[1].children is None
    (template,) = refs[0].children
    assert isinstance(template, m.Template)
    name, got = params(template.raw)
    assert got["last1"] == "Doe" and got["title"] == "Video Models Explained"
    assert got["date"] == "2024-03-03"
    assert list(new.footnotes) == ["n"]  # the note stays a footnote
    assert "The company was renamed in 2020.</ref>" in text
    assert "== References ==" not in text  # nothing added: Cite lists the notes by itself
    assert any(w.message.startswith("footnote [^n]: no title found") for w in warnings)


def test_inline_ref_text_becomes_a_template_and_cite_templates_are_kept() -> None:
    body = (
        'A.<ref>Smith, John. "Foo Bar." *The Times*, 2020.</ref> '
        'B.<ref name="x">{{cite web |title=A |url=https://a.org |quote=q}}</ref> C.<ref name="x"/>'
    )
    doc = article(body, "")
    text, new, _ = convert(doc)
    refs = refs_in(new.blocks)
    assert refs[0].name == "smith-2020"
    assert refs[0].children is not None
    assert isinstance(refs[0].children[0], m.Template)
    written = refs[0].children[0].raw
    assert written.startswith("{{cite news |last1=Smith |first1=John |title=Foo Bar")
    assert '<ref name="x">{{cite web |title=A |url=https://a.org |quote=q}}</ref>' in text
    titles = [c.title for c in document_citations(doc)]
    assert titles == ["Foo Bar", "A"]


def test_names_are_readable_and_never_bare_numbers() -> None:
    assert slug("Cristóbal Valenzuela") == "cristobal-valenzuela"
    doc = article("", '## References\n\n1. "Untitled Work." 1999.\n2. "The Other One." 2001.\n')
    names = [e.name for e in find_references(doc).entries]
    assert names == ["untitled-work-1999", "other-one-2001"]
    from wikiconv.citations.citation import Citation

    assert name_base(Citation()) == "ref"
    assert not any(n.isdigit() for n in names)


def test_reflist_is_added_where_missing_and_never_twice() -> None:
    note = '[^a]: Doe, J. "Noted." 2019.'
    text, _, _ = convert(article(f"Claim.[^a]\n\n{note}", "## Notes\n\nSee also the talk page."))
    assert text.rstrip().endswith("== Notes ==\n\nSee also the talk page.\n\n{{reflist}}")
    links = "## External links\n\n- [Site](https://x.org)"
    text, _, _ = convert(article(f"Claim.[^a]\n\n{note}", links))
    assert "== References ==" not in text and "{{reflist}}" not in text  # nothing added
    text, _, warnings = convert(
        article(f"Claim.[^a]\n\n{note}", "## References\n\n{{reflist}}"), list_defined_refs=True
    )
    assert text.count("{{reflist}}") == 1 and '<ref name="doe-2019">{{citation' in text
    assert any("already has a reference list" in w.message for w in warnings)


def test_citation_pass_over_the_sample_is_fast() -> None:
    doc = sample_doc()
    apply_citations(doc)  # loads the grammar and the lexicon
    times = []
    for _ in range(5):
        start = time.perf_counter()
        apply_citations(doc)
        times.append(time.perf_counter() - start)
    assert sorted(times)[2] < 0.050


# -- further reading and external links ------------------------------------------------------


def test_further_reading_becomes_templates_external_links_stay() -> None:
    refs = (
        "## Further reading\n\n- Doe, Jane (2019). *A Book About Things*. Penguin.\n\n"
        "## External links\n\n- [Official site](https://runwayml.com)\n"
    )
    text, _, _ = convert(article("Text.", refs))
    assert "* {{cite book |last1=Doe |first1=Jane |title=A Book About Things" in text
    assert "* [https://runwayml.com Official site]" in text
    assert "{{reflist}}" not in text
    assert len(document_citations(article("Text.", refs))) == 2


# -- text outputs ----------------------------------------------------------------------------


def test_citations_output_is_one_template_per_line() -> None:
    text, warnings = citation_templates(sample_doc(), date_format="mdy")
    lines = text.splitlines()
    assert len(lines) == 7 and text.endswith("}}\n")
    assert [params(line)[1]["title"] for line in lines] == [e["title"] for e in SAMPLE_EXPECTED]
    assert params(lines[1])[1]["date"] == "December 11, 2023"
    assert {w.severity for w in warnings} == {"warning", "note"}


def test_csl_json_output() -> None:
    text, _ = csl_json(sample_doc())
    items = json.loads(text)
    assert text.startswith("[\n  {\n")
    assert [item["id"] for item in items] == SAMPLE_NAMES
    assert items[0]["author"] == [{"literal": "Runway"}]
    assert items[0]["title"] == "Building AI to Simulate the World"
    assert items[0]["container-title"] == "runwayml.com"
    assert items[1]["issued"] == {"date-parts": [[2023, 12, 11]]}
    assert items[0]["issued"] == {"date-parts": [[2026]]}


# -- on the test wiki ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cite_wiki(wiki: TestWiki) -> TestWiki:
    """The test wiki with a Template:Reflist like Wikipedia's: list-defined refs, a wrapper."""
    reflist = '<div class="reflist">{{#tag:references|{{{refs|}}}}}</div>'
    wiki.maintenance("edit", "Template:Reflist", stdin=reflist)
    return wiki


def reference_items(html: str) -> int:
    lists = re.findall(r'<ol class="references">(.*?)</ol>', html, re.DOTALL)
    return sum(len(re.findall(r"<li id=", block)) for block in lists)


@pytest.mark.wiki
def test_sample_renders_reflist_and_general_references(cite_wiki: TestWiki) -> None:
    text, _, _ = convert(sample_doc())
    html = cite_wiki.render(text)
    assert "Template:Reflist" not in html  # the template exists and was transcluded
    assert '<div class="reflist">' in html
    assert "cite_error" not in html and "mw-ext-cite-error" not in html
    section = html.split('id="References"')[1]
    (bullets,) = re.findall(r"<ul>(.*?)</ul>", section, re.DOTALL)
    assert bullets.count("<li>") == 7


@pytest.mark.wiki
@pytest.mark.parametrize("list_defined", [False, True])
def test_markers_render_a_working_reference_list(cite_wiki: TestWiki, list_defined: bool) -> None:
    doc = article("Claim.[1] Other.<sup>3</sup> Again [1, 3]. Footnote.[^f]\n\n"
                  '[^f]: Doe, Jane. "Noted." 2019.')  # fmt: skip
    text, _, _ = convert(doc, list_defined_refs=list_defined)
    html = cite_wiki.render(text)
    assert "cite_error" not in html and "mw-ext-cite-error" not in html, html
    assert reference_items(html) == 3  # cited: references 1 and 3, and the footnote
    assert re.search(r'<div class="reflist"><div class="mw-references-wrap"><ol class="ref', html)
    assert html.count('class="mw-ref reference"') + html.count('class="reference"') == 5
    section = html.split('id="References"')[1]
    (bullets,) = re.findall(r"<ul>(.*?)</ul>", section, re.DOTALL)
    assert bullets.count("<li>") == 2  # references 2 and 4, uncited
