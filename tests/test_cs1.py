"""Tests for the CS1 template writer: template choice, names, dates, identifiers, escaping."""

from __future__ import annotations

import datetime as dt
import re

import mwparserfromhell
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wikiconv.citations import cs1
from wikiconv.citations.citation import Citation, Contributor, PartialDate
from wikiconv.citations.cs1 import (
    CS1Result,
    classify_pages,
    date_readings,
    escape_param_value,
    format_cs1_date,
    is_cs1_date,
    isbn_is_valid,
    issn_is_valid,
    normalise_space,
    write_cs1,
)
from wikiconv.citations.from_wikitext import value_text

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _pin_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin "today" so the date-range rules give the same answer every day."""
    monkeypatch.setattr(cs1, "_today", lambda: TODAY)


def person(family: str, given: str = "") -> Contributor:
    """A person."""
    return Contributor(family=family, given=given)


def org(name: str) -> Contributor:
    """An organisation."""
    return Contributor(organization=name)


def parsed_params(result: CS1Result) -> dict[str, str]:
    """Parse the written template back and return each parameter as plain text."""
    code = mwparserfromhell.parse(result.template)
    templates = code.filter_templates(recursive=False)
    assert len(templates) == 1 and str(code) == str(templates[0])
    t = templates[0]
    assert str(t.name).strip() == result.name
    out = {}
    for p in t.params:
        assert p.showkey, f"positional parameter in {result.template}"
        out[str(p.name).strip()] = value_text(p.value)[0]
    return out


def warned(result: CS1Result, *words: str) -> bool:
    """Tell whether one warning mentions every word."""
    return any(all(w in msg for w in words) for msg in result.warnings)


# -- an independent checker for the CS1 errors the notes list ---------------------------------

_ACCEPTED_DATE = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}"
    r"|[1-9]\d? (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{3,4}"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) (?:[1-9]\d?, )?\d{3,4}"
    r"|\d{3,4})$"
)
_NOWIKI = re.compile(r"<nowiki>.*?</nowiki>")
_URLISH = re.compile(r"(?:https?|ftps?)://|^//", re.IGNORECASE)


def cs1_errors(result: CS1Result) -> list[str]:
    """The CS1 errors of the notes that a written template carries (checked independently)."""
    plain = parsed_params(result)
    raw = result.params
    name = result.name
    errors = []
    if not plain.get("title"):
        errors.append("missing title")
    if name == "cite web" and not (plain.get("url") or plain.get("archive-url")):
        errors.append("cite web without url")
    if name == "cite journal" and not plain.get("journal"):
        errors.append("cite journal without journal")
    if "access-date" in plain and "url" not in plain:
        errors.append("access-date without url")
    if "archive-url" in plain and ("archive-date" not in plain or "url" not in plain):
        errors.append("archive-url without archive-date or url")
    for key in ("website", "work", "journal", "publisher", "title", "chapter"):
        if _URLISH.search(plain.get(key, "")):
            errors.append(f"URL in {key}")
    for key, value in raw.items():
        if "''" in _NOWIKI.sub("", value):
            errors.append(f"italic markup in {key}")
    for key in ("page", "pages"):
        if re.match(r"(?i)pp?\.", plain.get(key, "")):
            errors.append(f"extra text in {key}")
    if "pages" in plain and re.search(r"\d-\d", plain["pages"]):
        errors.append("hyphen in a page range")
    if "doi" in plain and not re.fullmatch(r"10\.\d{4,9}(?:\.\d+)*/\S+", plain["doi"]):
        errors.append("bad doi")
    if "doi" in plain and plain["doi"][-1] in ".,":
        errors.append("doi ends in punctuation")
    if "isbn" in plain and not isbn_is_valid(plain["isbn"]):
        errors.append("bad isbn")
    for key in ("date", "access-date", "archive-date"):
        if key in plain:
            if not _ACCEPTED_DATE.match(plain[key]):
                errors.append(f"{key} form {plain[key]!r}")
            elif max(int(y) for y in re.findall(r"\d{3,4}", plain[key])) > 2027:
                errors.append(f"{key} beyond next year")
    if "access-date" in plain and not (
        re.fullmatch(r"\d{4}-\d{2}-\d{2}", plain["access-date"])
        or re.search(r"\d .* \d|, \d", plain["access-date"])
    ):
        errors.append("access-date not a full date")
    if name in ("cite web", "cite news", "cite journal") and "chapter" in plain:
        errors.append("chapter ignored")
    if name == "cite web" and ("volume" in plain or "issue" in plain):
        errors.append("volume/issue in cite web")
    if name == "cite book" and any(k in plain for k in ("work", "website", "journal")):
        errors.append("work ignored in cite book")
    return errors


def assert_no_silent_errors(result: CS1Result) -> None:
    """Every CS1 error in the template must be one the writer warned about."""
    for error in cs1_errors(result):
        assert error == "missing title", f"{error}: {result.template}"
        assert warned(result, "title"), result


# -- template choice ---------------------------------------------------------------------------


def test_cite_web_with_url() -> None:
    c = Citation(
        kind="web",
        authors=[org("Runway")],
        title="Building AI to Simulate the World",
        container="runwayml.com",
        url="https://runwayml.com/research/world",
        date=PartialDate(2026),
    )
    r = write_cs1(c)
    assert r.template == (
        "{{cite web |author=Runway |title=Building AI to Simulate the World "
        "|url=https://runwayml.com/research/world |website=runwayml.com |date=2026}}"
    )
    assert r.name == "cite web"
    assert list(r.params) == ["author", "title", "url", "website", "date"]
    assert r.warnings == []


def test_cite_web_without_url_becomes_citation() -> None:
    c = Citation(kind="web", authors=[org("Runway")], title="T", container="runwayml.com")
    r = write_cs1(c)
    assert r.name == "citation"
    assert r.template == "{{citation |author=Runway |title=T |work=runwayml.com}}"
    assert warned(r, "cite web", "url", "citation")
    assert_no_silent_errors(r)


def test_cite_web_with_a_bad_url_becomes_citation() -> None:
    r = write_cs1(Citation(kind="web", title="T", url="not a url at all"))
    assert r.name == "citation"
    assert "url" not in r.params
    assert warned(r, "not a URL")


def test_url_without_scheme_is_repaired_with_a_warning() -> None:
    r = write_cs1(Citation(kind="web", title="T", url="www.example.org/page"))
    assert r.name == "cite web"
    assert r.params["url"] == "https://www.example.org/page"
    assert warned(r, "no scheme")


def test_cite_news() -> None:
    c = Citation(
        kind="news",
        authors=[person("Breznican", "Anthony")],
        title="Messages from 'Munich'",
        container="USA Today",
        publisher="Gannett",
        date=PartialDate(2005, 12, 22),
        url="https://www.usatoday.com/life/movies/news/2005-12-21-munich_x.htm",
        access_date=PartialDate(2009, 4, 17),
    )
    r = write_cs1(c, "dmy")
    assert r.name == "cite news"
    assert parsed_params(r) == {
        "last1": "Breznican",
        "first1": "Anthony",
        "title": "Messages from 'Munich'",
        "url": "https://www.usatoday.com/life/movies/news/2005-12-21-munich_x.htm",
        "work": "USA Today",
        "publisher": "Gannett",
        "date": "22 December 2005",
        "access-date": "17 April 2009",
    }
    assert r.warnings == []


def test_cite_journal() -> None:
    c = Citation(
        kind="journal",
        authors=[person("Gaveau", "B."), person("Jacobson", "T.")],
        title="Relativistic Extension",
        container="Physical Review Letters",
        date=PartialDate(1984, 7, 30),
        volume="53",
        issue="5",
        pages="419-422",
        identifiers={"doi": "https://doi.org/10.1103/PhysRevLett.53.419"},
    )
    r = write_cs1(c)
    assert r.name == "cite journal"
    assert r.params["journal"] == "Physical Review Letters"
    assert r.params["pages"] == "419–422"
    assert r.params["doi"] == "10.1103/PhysRevLett.53.419"
    assert r.params["date"] == "1984-07-30"
    assert warned(r, "doi", "resolver prefix")
    assert_no_silent_errors(r)


def test_cite_journal_without_journal_becomes_citation() -> None:
    r = write_cs1(Citation(kind="journal", title="A paper", volume="3", issue="2"))
    assert r.name == "citation"
    assert warned(r, "journal")
    assert r.params["volume"] == "3"
    assert "issue" not in r.params and warned(r, "issue")
    assert_no_silent_errors(r)


def test_cite_book_with_chapter_in_container() -> None:
    c = Citation(
        kind="book",
        authors=[person("Smith", "Jane")],
        title="On Rivers",
        container="The Book of Water",
        publisher="Penguin",
        location="London",
        edition="2nd ed.",
        identifiers={"isbn": "978-0-306-40615-7"},
        date=PartialDate(2020),
    )
    r = write_cs1(c)
    assert r.name == "cite book"
    assert r.params["chapter"] == "On Rivers"
    assert r.params["title"] == "The Book of Water"
    assert r.params["edition"] == "2nd"
    assert warned(r, "edition")
    assert r.params["isbn"] == "978-0-306-40615-7"
    assert list(r.params)[:4] == ["last1", "first1", "chapter", "title"]
    assert_no_silent_errors(r)


def test_cite_book_takes_no_issue() -> None:
    r = write_cs1(Citation(kind="book", title="B", volume="2", issue="4"))
    assert r.params["volume"] == "2"
    assert "issue" not in r.params and warned(r, "issue")


def test_generic_is_citation() -> None:
    r = write_cs1(Citation(kind="generic", title="Report", publisher="Acme Corp"))
    assert r.template == "{{citation |title=Report |publisher=Acme Corp}}"


def test_chapter_is_not_written_into_periodical_templates() -> None:
    c = Citation(kind="news", title="T", chapter="Sport", url="https://example.org/a")
    r = write_cs1(c)
    assert "chapter" not in r.params and warned(r, "chapter")


def test_cite_web_takes_neither_volume_nor_issue() -> None:
    c = Citation(kind="web", title="T", url="https://example.org", volume="4", issue="2")
    r = write_cs1(c)
    assert "volume" not in r.params and "issue" not in r.params
    assert warned(r, "volume") and warned(r, "issue")


# -- people ------------------------------------------------------------------------------------


def test_people_are_numbered_last_first() -> None:
    c = Citation(kind="generic", title="T", authors=[person("Doe", "Jane"), person("Roe", "R.")])
    r = write_cs1(c)
    assert list(r.params)[:4] == ["last1", "first1", "last2", "first2"]
    assert r.params["last2"] == "Roe"


def test_one_organisation_is_author() -> None:
    r = write_cs1(Citation(title="T", authors=[org("World Health Organization")]))
    assert r.params["author"] == "World Health Organization"
    assert "last1" not in r.params and "author1" not in r.params


def test_several_organisations_are_numbered_authors() -> None:
    r = write_cs1(Citation(title="T", authors=[org("WHO"), org("UNICEF")]))
    assert r.params["author1"] == "WHO" and r.params["author2"] == "UNICEF"
    assert "author" not in r.params


def test_people_and_organisations_share_the_numbering() -> None:
    r = write_cs1(Citation(title="T", authors=[person("Doe", "Jane"), org("NASA")]))
    assert r.params["last1"] == "Doe" and r.params["author2"] == "NASA"


def test_organisation_is_never_split_into_last_first() -> None:
    r = write_cs1(Citation(title="T", authors=[org("Hearst Magazines")]))
    assert r.params == {"author": "Hearst Magazines", "title": "T"}


def test_editors() -> None:
    c = Citation(
        kind="book",
        title="B",
        editors=[person("Jones", "Amy"), org("The Committee")],
        authors=[person("Lee", "K")],
    )
    r = write_cs1(c)
    assert r.params["editor-last1"] == "Jones"
    assert r.params["editor-first1"] == "Amy"
    assert r.params["editor2"] == "The Committee"
    assert list(r.params).index("title") < list(r.params).index("editor-last1")


def test_single_organisation_editor() -> None:
    r = write_cs1(Citation(kind="book", title="B", editors=[org("The Committee")]))
    assert r.params["editor"] == "The Committee"


def test_generic_names_are_left_out() -> None:
    r = write_cs1(Citation(title="T", authors=[org("Staff"), person("Admin"), person("Doe", "J")]))
    assert r.params["last1"] == "Doe" and r.params["first1"] == "J"
    assert "author" not in r.params and "author1" not in r.params
    assert warned(r, "Staff", "generic") and warned(r, "Admin", "generic")


def test_several_people_in_one_author_field_are_warned() -> None:
    r = write_cs1(Citation(title="T", authors=[org("Smith, J.; Jones, K.")]))
    assert warned(r, "several names")


def test_given_name_only() -> None:
    r = write_cs1(Citation(title="T", authors=[Contributor(given="Madonna")]))
    assert r.params["last1"] == "Madonna" and "first1" not in r.params
    assert warned(r, "no family name")


def test_empty_and_url_names_are_left_out() -> None:
    r = write_cs1(Citation(title="T", authors=[Contributor(), org("https://example.org")]))
    assert not any(k.startswith(("author", "last")) for k in r.params)
    assert warned(r, "empty") and warned(r, "web address")


# -- publisher and containers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("publisher", "container"),
    [
        ("Runway", "Runway"),
        ("The Guardian", "theguardian.com"),
        ("runwayml.com", "Runway ML"),
        ("BBC", "bbc.co.uk"),
    ],
)
def test_publisher_repeating_the_website_is_dropped(publisher: str, container: str) -> None:
    c = Citation(kind="web", title="T", url="https://e.org/x", publisher=publisher)
    c.container = container
    r = write_cs1(c)
    assert "publisher" not in r.params
    assert r.params["website"] == container
    assert warned(r, "publisher", "repeats")


def test_different_publisher_is_kept() -> None:
    c = Citation(kind="news", title="T", container="USA Today", publisher="Gannett")
    assert write_cs1(c).params["publisher"] == "Gannett"


@pytest.mark.parametrize("field", ["container", "publisher", "title"])
def test_url_schemes_are_removed_from_names(field: str) -> None:
    c = Citation(kind="web", title="T", url="https://runwayml.com/a")
    setattr(c, field, "https://runwayml.com/")
    r = write_cs1(c)
    param = {"container": "website", "publisher": "publisher", "title": "title"}[field]
    assert parsed_params(r)[param] == "runwayml.com"
    assert warned(r, "URL scheme")
    assert_no_silent_errors(r)


def test_platform_as_work_is_warned() -> None:
    c = Citation(kind="web", title="Talk", container="YouTube", url="https://youtube.com/w")
    assert warned(write_cs1(c), "platform")


def test_generic_title_is_warned() -> None:
    r = write_cs1(Citation(kind="web", title="Page not found", url="https://e.org"))
    assert warned(r, "generic title")


def test_missing_title_is_warned() -> None:
    r = write_cs1(Citation(kind="web", url="https://e.org", container="e.org"))
    assert warned(r, "no title", "Missing or empty |title=")
    assert cs1_errors(r) == ["missing title"]


def test_site_name_in_title_is_warned() -> None:
    c = Citation(kind="web", title="Election results | BBC News", container="BBC News")
    c.url = "https://bbc.co.uk/x"
    assert warned(write_cs1(c), "site's name")


# -- URLs, access and archive dates ------------------------------------------------------------


def test_access_date_needs_a_url() -> None:
    r = write_cs1(Citation(kind="book", title="B", access_date=PartialDate(2024, 1, 2)))
    assert "access-date" not in r.params and warned(r, "access-date", "url")


def test_access_date_needs_a_full_date() -> None:
    c = Citation(kind="web", title="T", url="https://e.org", access_date=PartialDate(2024, 1))
    r = write_cs1(c)
    assert "access-date" not in r.params and warned(r, "full date")


@pytest.mark.parametrize("day", [dt.date(2000, 12, 31), dt.date(2026, 11, 27)])
def test_access_date_range(day: dt.date) -> None:
    c = Citation(kind="web", title="T", url="https://e.org")
    c.access_date = PartialDate(day.year, day.month, day.day)
    r = write_cs1(c)
    assert "access-date" not in r.params and warned(r, "access-date")


def test_archive_url_with_date() -> None:
    c = Citation(
        kind="web",
        title="T",
        url="https://e.org/a",
        archive_url="https://web.archive.org/web/20200101000000/https://e.org/a",
        archive_date=PartialDate(2020, 1, 1),
    )
    r = write_cs1(c, "mdy")
    assert r.params["archive-date"] == "January 1, 2020"
    assert list(r.params)[-2:] == ["archive-url", "archive-date"]
    assert r.warnings == []


def test_archive_date_is_read_from_a_wayback_address() -> None:
    c = Citation(kind="web", title="T", url="https://e.org/a")
    c.archive_url = "https://web.archive.org/web/20120418001257/https://e.org/a"
    r = write_cs1(c)
    assert r.params["archive-date"] == "2012-04-18"
    assert warned(r, "Wayback")
    assert_no_silent_errors(r)


def test_archive_url_without_archive_date_is_dropped() -> None:
    c = Citation(kind="web", title="T", url="https://e.org/a", archive_url="https://archive.ph/x")
    r = write_cs1(c)
    assert "archive-url" not in r.params and warned(r, "archive-date", "archive.ph")


def test_archive_url_without_url_is_dropped() -> None:
    c = Citation(kind="news", title="T", archive_url="https://archive.ph/x")
    c.archive_date = PartialDate(2020, 1, 1)
    r = write_cs1(c)
    assert "archive-url" not in r.params and "archive-date" not in r.params
    assert warned(r, "archive-url", "needs |url=")


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "style", "text"),
    [
        (PartialDate(2025, 12, 11), "iso", "2025-12-11"),
        (PartialDate(2025, 12, 11), "dmy", "11 December 2025"),
        (PartialDate(2025, 12, 11), "mdy", "December 11, 2025"),
        (PartialDate(2025, 12), "iso", "December 2025"),
        (PartialDate(2025, 12), "dmy", "December 2025"),
        (PartialDate(2025, 12), "mdy", "December 2025"),
        (PartialDate(2025), "iso", "2025"),
        (PartialDate(2025, 1, 4), "mdy", "January 4, 2025"),
        (PartialDate(987, 3, 1), "iso", "1 March 987"),
    ],
)
def test_date_formats(date: PartialDate, style: str, text: str) -> None:
    r = write_cs1(Citation(title="T", date=date), style)  # type: ignore[arg-type]
    assert r.params["date"] == text
    assert is_cs1_date(text, TODAY)


@pytest.mark.parametrize(
    ("raw", "expected", "warns"),
    [
        ("Smith (11 December 2025). T.", "11 December 2025", False),
        ("Smith (Dec 11, 2025). T.", "Dec 11, 2025", False),
        ("Smith (December 11, 2025). T.", "December 11, 2025", False),
        ("Smith (2025-12-11). T.", "2025-12-11", False),
        ("Smith (December 11 2025). T.", "2025-12-11", True),
        ("Smith (12/11/2025). T.", "2025-12-11", True),
        ("Smith (11th December, 2025). T.", "2025-12-11", True),
        ("Smith (december 11, 2025). T.", "2025-12-11", True),
        ("Smith (January 04, 2025). T.", "2025-12-11", True),
        ("no date in here", "2025-12-11", True),
    ],
)
def test_keep_keeps_only_accepted_forms(raw: str, expected: str, warns: bool) -> None:
    c = Citation(title="T", date=PartialDate(2025, 12, 11), raw=raw)
    r = write_cs1(c, "keep")
    assert r.params["date"] == expected
    assert warned(r, "|date=") == warns


def test_keep_month_precision_from_rejected_form() -> None:
    r = write_cs1(Citation(title="T", date=PartialDate(2025, 12), raw="(2025-12)"), "keep")
    assert r.params["date"] == "December 2025"
    assert warned(r, "2025-12")
    r = write_cs1(Citation(title="T", date=PartialDate(2025, 12), raw="(Dec 2025)"), "keep")
    assert r.params["date"] == "Dec 2025" and r.warnings == []


def test_keep_reads_each_date_from_its_template_parameter() -> None:
    raw = "{{cite web |date=5 May 2020 |access-date=2020-05-05 |url=https://e.org |title=T}}"
    c = Citation(kind="web", title="T", url="https://e.org", raw=raw)
    c.date = c.access_date = PartialDate(2020, 5, 5)
    r = write_cs1(c, "keep")
    assert r.params["date"] == "5 May 2020"
    assert r.params["access-date"] == "2020-05-05"


@pytest.mark.parametrize("style", ["iso", "dmy", "mdy", "keep"])
@pytest.mark.parametrize("written", ["2025-12", "12/11/2025", "December 11 2025"])
def test_rejected_date_forms_are_never_emitted(style: str, written: str) -> None:
    readings = date_readings(written)
    assert readings, written
    for d in readings:
        c = Citation(kind="web", title="T", url="https://e.org", date=d, raw=f"A ({written}).")
        c.access_date = c.archive_date = d if d.day else None
        c.archive_url = "https://web.archive.org/web/2025/https://e.org" if d.day else ""
        r = write_cs1(c, style)  # type: ignore[arg-type]
        for key in ("date", "access-date", "archive-date"):
            if key in r.params:
                assert r.params[key] != written
                assert is_cs1_date(r.params[key], TODAY), r.params[key]
                assert _ACCEPTED_DATE.match(r.params[key])


def test_dates_beyond_next_year_are_dropped() -> None:
    r = write_cs1(Citation(title="T", date=PartialDate(2028)))
    assert "date" not in r.params and warned(r, "ahead")
    assert write_cs1(Citation(title="T", date=PartialDate(2027))).params["date"] == "2027"


def test_impossible_dates_are_dropped() -> None:
    for d in (PartialDate(2023, 2, 29), PartialDate(2023, 13), PartialDate(2023, 4, 31)):
        r = write_cs1(Citation(title="T", date=d))
        assert "date" not in r.params and warned(r, "not a real date")
    r = write_cs1(Citation(title="T", date=PartialDate(45)))
    assert "date" not in r.params and warned(r, "three digits")


def test_is_cs1_date() -> None:
    good = [
        "2025-12-11",
        "11 December 2025",
        "December 11, 2025",
        "December 2025",
        "2025",
        "Dec 11, 2025",
        "Winter 2025",
        "2002–2003",
        "April–May 2004",
        "11–12 December 2025",
        "c. 1970",
        "n.d.",
    ]
    bad = [
        "2025-12",
        "12/11/2025",
        "December 11 2025",
        "January 04, 1987",
        "december 2025",
        "25",
        "2002-2003",
        "2002/2003",
        "2025-13-01",
        "30 February 2024",
        "2030",
        "1500-01-01",
    ]
    assert [g for g in good if not is_cs1_date(g, TODAY)] == []
    assert [b for b in bad if is_cs1_date(b, TODAY)] == []


def test_format_cs1_date_always_accepted() -> None:
    for d in (PartialDate(1999, 1, 9), PartialDate(1999, 9), PartialDate(1999)):
        for style in ("iso", "dmy", "mdy"):  # a tuple of literals keeps the Literal type
            assert is_cs1_date(format_cs1_date(d, style), TODAY)


# -- identifiers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doi", "written", "warns"),
    [
        ("10.1038/nature12373", "10.1038/nature12373", False),
        ("doi:10.1038/nature12373", "10.1038/nature12373", True),
        ("https://dx.doi.org/10.1038/nature12373", "10.1038/nature12373", True),
        ("10.1038/nature12373.", "10.1038/nature12373", True),
        ("11.1038/nature12373", None, True),
        ("10.12/abc", None, True),
        ("nature12373", None, True),
    ],
)
def test_doi_checks(doi: str, written: str | None, warns: bool) -> None:
    r = write_cs1(Citation(title="T", identifiers={"doi": doi}))
    assert r.params.get("doi") == written
    assert warned(r, "doi") == warns


@pytest.mark.parametrize(
    ("isbn", "valid"),
    [
        ("978-0-306-40615-7", True),
        ("0-306-40615-2", True),
        ("0-8044-2957-X", True),
        ("9781118407646", True),
        ("978-0-306-40615-8", False),
        ("0-306-40615-3", False),
        ("978-0-306-40615", False),
        ("978-0-306-40615-7, 0-306-40615-2", False),
    ],
)
def test_isbn_checks(isbn: str, valid: bool) -> None:
    c = Citation(kind="book", title="B", identifiers={"isbn": isbn}, raw=f"B. ISBN {isbn}")
    r = write_cs1(c)
    assert ("isbn" in r.params) == valid
    assert isbn_is_valid(isbn) == valid
    if not valid:
        assert warned(r, "isbn", "checksum")
        assert isbn in c.raw  # the raw keeps what the template could not


def test_isbn_prefix_is_removed() -> None:
    r = write_cs1(Citation(title="T", identifiers={"isbn": "ISBN 978-0-306-40615-7"}))
    assert r.params["isbn"] == "978-0-306-40615-7"


def test_other_identifiers() -> None:
    ids = {
        "issn": "2168-8184",
        "pmid": "39539885",
        "pmc": "PMC11558229",
        "arxiv": "arXiv:2104.04119",
        "oclc": "(OCoLC)12345",
        "jstor": "1234567",
        "bogus": "1",
    }
    r = write_cs1(Citation(kind="journal", title="T", container="J", identifiers=ids))
    assert r.params["issn"] == "2168-8184"
    assert r.params["pmid"] == "39539885"
    assert r.params["pmc"] == "11558229"
    assert r.params["arxiv"] == "2104.04119"
    assert r.params["oclc"] == "12345"
    assert r.params["jstor"] == "1234567"
    assert "bogus" not in r.params and warned(r, "bogus")
    keys = list(r.params)
    assert keys.index("issn") < keys.index("pmid") < keys.index("pmc") < keys.index("jstor")


def test_bad_identifiers_are_dropped() -> None:
    ids = {"issn": "2168-8185", "pmid": "PMC123", "arxiv": "hello", "oclc": "abc"}
    r = write_cs1(Citation(title="T", identifiers=ids))
    assert not set(ids) & set(r.params)
    assert all(warned(r, f"|{k}=") for k in ids)
    assert issn_is_valid("0378-5955") and not issn_is_valid("0378-5956")
    assert issn_is_valid("2434-561X")


# -- locators ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "param", "value"),
    [
        ("5", "page", "5"),
        ("p. 5", "page", "5"),
        ("pp. 5-9", "pages", "5–9"),
        ("5–9", "pages", "5–9"),
        ("703-56", "pages", "703–56"),
        ("5, 7, 9-11", "pages", "5, 7, 9–11"),
        ("xii-xv", "pages", "xii–xv"),
        ("A12", "page", "A12"),
        ("e71409", "page", "e71409"),
        ("§ 3", "at", "§ 3"),
        ("Table 1", "at", "Table 1"),
    ],
)
def test_pages(pages: str, param: str, value: str) -> None:
    assert classify_pages(pages)[:2] == (param, value)
    r = write_cs1(Citation(kind="book", title="B", pages=pages))
    assert r.params[param] == value
    assert warned(r, "prefix") == pages.startswith("p")


def test_volume_and_issue_labels_are_removed() -> None:
    c = Citation(kind="journal", title="T", container="J", volume="Vol. 5", issue="No. 2")
    r = write_cs1(c)
    assert r.params["volume"] == "5" and r.params["issue"] == "2"
    assert warned(r, "volume") and warned(r, "issue")


# -- escaping ----------------------------------------------------------------------------------

HAZARDS = [
    "Pipes | in | titles",
    "Equals = sign",
    "''Italic'' and '''bold'''",
    "A [[wikilink]] and [[target|label]]",
    "A {{template}} and {{{param}}}",
    "Single { brace and } brace",
    "Ends with brace }",
    "{ starts with brace",
    "{|table",
    "& ampersand &amp; entity &#124; and <b>tag</b> <!-- comment -->",
    "Signature ~~~~ and __NOTOC__",
    "Link [https://example.org label] and free https://example.org",
    "Line\nbreak\tand   spaces",
    "<nowiki>already</nowiki>",
    "-{ language converter }-",
]


@pytest.mark.parametrize("text", HAZARDS)
def test_escaping_reads_back_exactly(text: str) -> None:
    c = Citation(
        kind="book",
        title=text,
        authors=[org(text)],
        publisher=text + " Press",
        location=text,
    )
    r = write_cs1(c)
    assert "\n" not in r.template
    back = parsed_params(r)
    expected = normalise_space(text)
    assert back["location"] == expected
    if "https://" in text:  # a URL is no name, and CS1 rejects schemes in titles
        assert "author" not in back and warned(r, "web address")
        expected = expected.replace("https://", "")
        assert warned(r, "|title=", "URL scheme") and warned(r, "|publisher=", "URL scheme")
    else:
        assert back["author"] == expected
    assert back["title"] == expected
    assert back["publisher"] == expected + " Press"
    assert_no_silent_errors(r)


def test_escape_param_value_examples() -> None:
    assert escape_param_value("a|b") == "a{{!}}b"
    assert escape_param_value("a=b") == "a=b"
    assert escape_param_value("''x''") == "<nowiki>''</nowiki>x<nowiki>''</nowiki>"
    assert escape_param_value("[[x]]") == "<nowiki>[[</nowiki>x<nowiki>]]</nowiki>"
    assert escape_param_value("{{x}}") == "<nowiki>{{</nowiki>x<nowiki>}}</nowiki>"
    assert escape_param_value("x}") == "x&#125;"
    assert escape_param_value("&amp;") == "&amp;amp;"


def test_url_values_are_percent_encoded() -> None:
    c = Citation(kind="web", title="T", url="https://e.org/a b|c{d}")
    r = write_cs1(c)
    assert r.params["url"] == "https://e.org/a%20b%7Cc%7Bd%7D"
    assert parsed_params(r)["url"] == "https://e.org/a%20b%7Cc%7Bd%7D"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_escaping_round_trips_any_text(text: str) -> None:
    escaped = escape_param_value(text)
    template = mwparserfromhell.parse("{{x |v=" + escaped + "}}").filter_templates()[0]
    assert [str(p.name) for p in template.params] == ["v"]
    assert value_text(template.get("v").value)[0] == normalise_space(text)
    assert "\n" not in escaped


# -- notes and the no-silent-error property ----------------------------------------------------


def test_guesses_go_to_notes_not_into_the_template() -> None:
    c = Citation(title="T", guesses=["took 'Smith' as the family name"])
    r = write_cs1(c)
    assert r.notes == ["took 'Smith' as the family name"]
    assert "Smith" not in r.template


def test_unknown_date_format_is_an_error() -> None:
    with pytest.raises(ValueError):
        write_cs1(Citation(title="T"), "ydm")  # type: ignore[arg-type]


_TEXTS = st.one_of(
    st.sampled_from(
        [
            "",
            "Runway",
            "The Guardian",
            "theguardian.com",
            "https://runwayml.com",
            "pp. 5-9",
            "''x''",
            "a|b",
            "Smith, J.; Jones, K.",
            "Staff",
            "Page not found",
            "YouTube",
            "Vol. 3",
            "{{x}}",
        ]
    ),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
)
_DATES = st.one_of(
    st.none(),
    st.builds(
        PartialDate,
        st.integers(1, 2100),
        st.one_of(st.none(), st.integers(0, 13)),
        st.none(),
    ),
    st.builds(PartialDate, st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 31)),
)
_PEOPLE = st.lists(
    st.one_of(
        st.builds(Contributor, family=_TEXTS, given=_TEXTS),
        st.builds(Contributor, organization=_TEXTS),
    ),
    max_size=3,
)
_URLS = st.sampled_from(
    [
        "",
        "https://example.org/a",
        "example.org/x",
        "nonsense",
        "https://web.archive.org/web/20200102030405/https://example.org/a",
    ]
)
_IDS = st.dictionaries(
    st.sampled_from(["doi", "isbn", "issn", "pmid", "pmc", "arxiv", "oclc", "jstor", "xyz"]),
    st.sampled_from(
        ["10.1000/182", "https://doi.org/10.1000/182.", "978-0-306-40615-7", "0-306-40615-3"]
        + ["2168-8184", "123", "PMC45", "2104.04119", "bad id"]
    ),
    max_size=3,
)
CITATIONS = st.builds(
    Citation,
    kind=st.sampled_from(["web", "news", "journal", "book", "generic"]),
    authors=_PEOPLE,
    editors=_PEOPLE,
    title=_TEXTS,
    container=_TEXTS,
    chapter=_TEXTS,
    publisher=_TEXTS,
    date=_DATES,
    url=_URLS,
    access_date=_DATES,
    archive_url=_URLS,
    archive_date=_DATES,
    identifiers=_IDS,
    volume=_TEXTS,
    issue=_TEXTS,
    pages=_TEXTS,
    edition=_TEXTS,
    location=_TEXTS,
    language=_TEXTS,
    raw=_TEXTS,
)


@settings(max_examples=400, deadline=None)
@given(CITATIONS, st.sampled_from(["iso", "dmy", "mdy", "keep"]))
def test_no_template_carries_a_cs1_error_silently(c: Citation, style: str) -> None:
    r = write_cs1(c, style)  # type: ignore[arg-type]
    assert r.template.count("\n") == 0
    assert r.template == "{{" + r.name + "".join(f" |{k}={v}" for k, v in r.params.items()) + "}}"
    assert all(v for v in r.params.values())
    assert_no_silent_errors(r)
