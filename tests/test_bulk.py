"""``wikiconv bulk``: many articles to one XML dump, proven by importing it into MediaWiki."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from wikiconv.bulk import BulkOptions, run_bulk
from wikiconv.bulk.article import ConvertSettings, convert_article
from wikiconv.bulk.engines import pool_results
from wikiconv.bulk.inputs import ArticleTask
from wikiconv.bulk.statements_csv import CsvBatch
from wikiconv.statements.quickstatements import write_quickstatements_csv
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    Provenance,
    Reference,
    Statement,
    StringValue,
    TimeValue,
)
from wikiconv.xml_dump import (
    EXPORT_NS,
    TitleError,
    base36_to_hex,
    format_timestamp,
    normalize_title,
    page_title,
    parse_timestamp,
    sha1_base36,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "samples" / "runway.md").read_text(encoding="utf-8")
STAMP = "2024-05-01T12:00:00Z"
NS = {"mw": EXPORT_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def bulk(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    """Run ``python -m wikiconv bulk ARGS``."""
    return subprocess.run(
        [sys.executable, "-m", "wikiconv", "bulk", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
        **kw,
    )


def variant(title: str, extra: str = "") -> str:
    """The sample article under another title, with an extra paragraph."""
    body = SAMPLE.replace("# Runway\n", f"# {title}\n", 1)
    return body.replace("## History", f"{extra}\n\n## History", 1) if extra else body


def corpus(folder: Path, count: int, prefix: str = "Bulk") -> list[str]:
    """Write ``count`` variants as a001.md, a002.md, ...; return their titles in order."""
    folder.mkdir(parents=True, exist_ok=True)
    titles = []
    for i in range(1, count + 1):
        title = f"{prefix} {i:03d}"
        extra = f'Variant {i}: a < b & c > d, "quoted", Ñandú 🚀 [[Page {i}]].'
        (folder / f"a{i:03d}.md").write_text(variant(title, extra), encoding="utf-8")
        titles.append(title)
    return titles


def pages(xml_path: Path) -> list[tuple[str, str, str]]:
    """(title, text, sha1) of every page of a dump."""
    root = ET.parse(xml_path).getroot()
    out = []
    for page in root.findall("mw:page", NS):
        rev = page.find("mw:revision", NS)
        assert rev is not None
        out.append(
            (
                page.findtext("mw:title", namespaces=NS) or "",
                rev.findtext("mw:text", namespaces=NS) or "",
                rev.findtext("mw:sha1", namespaces=NS) or "",
            )
        )
    return out


def leftovers(out: Path) -> list[str]:
    """Temporary files or folders a run left in its output folder."""
    found = [p.name for p in out.iterdir() if p.name.startswith(".wikiconv-tmp-")]
    found += [p.name for p in out.rglob("*.tmp")]
    return found


# -- the structure of the dump ----------------------------------------------------------------

SITEINFO = ["sitename", "dbname", "base", "generator", "case", "namespaces", "namespacealiases"]
PAGE = ["title", "ns", "id", "revision"]
REVISION = ["id", "timestamp", "contributor", "comment", "model", "format", "text", "sha1"]


def children(element: ET.Element) -> list[str]:
    """The local names of an element's children, all in the export namespace."""
    names = []
    for child in element:
        assert child.tag.startswith("{" + EXPORT_NS + "}"), child.tag
        names.append(child.tag.split("}", 1)[1])
    return names


def check_export_structure(xml_path: Path) -> None:
    """Check a dump against the element structure of export-0.11.xsd."""
    root = ET.parse(xml_path).getroot()
    assert root.tag == f"{{{EXPORT_NS}}}mediawiki"
    assert root.get("version") == "0.11" and root.get(XML_LANG) == "en"
    names = children(root)
    assert names[0] == "siteinfo" and set(names[1:]) == {"page"}
    siteinfo = root.find("mw:siteinfo", NS)
    assert siteinfo is not None and children(siteinfo) == SITEINFO
    assert siteinfo.findtext("mw:case", namespaces=NS) in ("first-letter", "case-sensitive")
    namespaces = siteinfo.find("mw:namespaces", NS)
    assert namespaces is not None
    keys = [int(ns.get("key", "x")) for ns in namespaces]
    assert 0 in keys and len(keys) == len(set(keys))
    page_ids, rev_ids = set(), set()
    for page in root.findall("mw:page", NS):
        assert children(page) == PAGE
        assert page.findtext("mw:ns", namespaces=NS) == "0"
        page_ids.add(int(page.findtext("mw:id", namespaces=NS) or "0"))
        rev = page.find("mw:revision", NS)
        assert rev is not None and children(rev) == REVISION
        rev_ids.add(int(rev.findtext("mw:id", namespaces=NS) or "0"))
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", rev.findtext("mw:timestamp", namespaces=NS) or ""
        )
        contributor = rev.find("mw:contributor", NS)
        assert contributor is not None and children(contributor) == ["username", "id"]
        assert rev.findtext("mw:model", namespaces=NS) == "wikitext"
        assert rev.findtext("mw:format", namespaces=NS) == "text/x-wiki"
        text = rev.find("mw:text", NS)
        assert text is not None and text.get(XML_SPACE) == "preserve"
        body = text.text or ""
        assert int(text.get("bytes", "-1")) == len(body.encode("utf-8"))
        sha1 = rev.findtext("mw:sha1", namespaces=NS) or ""
        assert len(sha1) == 31 and sha1 == sha1_base36(body)
        assert base36_to_hex(sha1) == hashlib.sha1(body.encode("utf-8")).hexdigest()
    count = len(root.findall("mw:page", NS))
    assert len(page_ids) == len(rev_ids) == count and min(page_ids | {1}) >= 1


# -- unit checks ------------------------------------------------------------------------------


def test_sha1_base36_is_mediawikis():
    # MediaWiki's rev_sha1 of the empty text (Wikimedia\base_convert(sha1(''), 16, 36, 31)).
    assert sha1_base36("") == "phoiac9h4m842xq45sp7s6u21eteeq1"
    assert base36_to_hex(sha1_base36("")) == hashlib.sha1(b"").hexdigest()
    assert base36_to_hex(sha1_base36("héllo")) == hashlib.sha1("héllo".encode()).hexdigest()


def test_titles_normalised_and_checked():
    assert normalize_title("  new_york__city ") == "New york city"
    assert normalize_title("ñandú") == "Ñandú"
    assert page_title("Gen:48") == "Gen:48"
    for bad in ("a#b", "Help:x", "Talk: y", "[x]", "", "a%20b", "../up"):
        with pytest.raises(TitleError):
            page_title(bad)


def test_timestamps_in_utc():
    assert parse_timestamp("2024-05-01T14:00:00+02:00") == "2024-05-01T12:00:00Z"
    assert parse_timestamp("2024-05-01T12:00:00Z") == STAMP
    assert parse_timestamp("2024-05-01") == "2024-05-01T00:00:00Z"


def test_pool_keeps_a_bounded_window():
    # An endless input: the pool must not read it all before yielding the first result.
    def endless() -> Iterator[ArticleTask]:
        i = 0
        while True:
            i += 1
            yield ArticleTask(i, f"n{i}.md", f"n{i}.md", title=f"Title {i}", text=f"Text {i}\n")

    results = pool_results(endless(), ConvertSettings(), jobs=2)
    first = [next(results) for _ in range(30)]
    results.close()
    assert [r.number for r in first] == list(range(1, 31))
    assert [r.title for r in first[:2]] == ["Title 1", "Title 2"]


# -- the command ------------------------------------------------------------------------------


def test_good_and_bad_inputs(tmp_path):
    src = tmp_path / "in"
    titles = corpus(src, 3)
    (src / "b_bad_utf8.md").write_bytes(b"# Bad\n\nok\nbad \xff byte\n")
    (src / "c_empty.md").write_bytes(b"")
    (src / "d_binary.md").write_bytes(bytes(range(256)))
    (src / "e_duplicate.md").write_text(variant("bulk_001"), encoding="utf-8")
    (src / "notes.txt").write_text("not matched by *.md", encoding="utf-8")
    out = tmp_path / "out"
    proc = bulk(str(src), "--out", str(out), "-j", "2", "--timestamp", STAMP)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"{src / 'b_bad_utf8.md'}:4:5: error: invalid UTF-8" in proc.stderr
    assert f"{src / 'd_binary.md'}:1:1: error: NUL byte" in proc.stderr
    assert "duplicate title 'Bulk 001'" in proc.stderr

    assert [title for title, _, _ in pages(out / "pages.xml")] == titles
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    counts = report["counts"]
    assert (counts["read"], counts["converted"], counts["failed"]) == (7, 3, 2)
    assert (counts["empty"], counts["duplicates"]) == (1, 1)
    failed = {Path(e["source"]).name: e["location"] for e in report["failed"]}
    assert failed == {
        "b_bad_utf8.md": f"{src / 'b_bad_utf8.md'}:4:5",
        "d_binary.md": f"{src / 'd_binary.md'}:1:1",
    }
    skipped = {Path(e["source"]).name: e["reason"] for e in report["skipped"]}
    assert skipped == {"c_empty.md": "empty", "e_duplicate.md": "duplicate"}
    for entry in report["cs1_warnings"] + report["warnings"]:
        assert re.fullmatch(r".+:\d+:\d+", entry["location"])
    check_export_structure(out / "pages.xml")
    assert (out / "statements.qs").exists()
    assert not leftovers(out)


def test_order_is_input_order_with_two_jobs(tmp_path):
    titles = corpus(tmp_path / "in", 40)
    out = tmp_path / "out"
    proc = bulk(str(tmp_path / "in"), "--out", str(out), "--jobs", "2", "--timestamp", STAMP)
    assert proc.returncode == 0, proc.stderr
    assert [title for title, _, _ in pages(out / "pages.xml")] == titles
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    entries = [r for r in records if "input" in r]
    assert [r["position"] for r in entries] == list(range(1, 41))
    assert [r["title"] for r in entries] == titles
    assert records[-1]["complete"] is True
    check_export_structure(out / "pages.xml")


def test_jsonl_records(tmp_path):
    lines = [
        json.dumps({"title": "Record one", "text": "Hello *there* & a < b > c"}),
        "{not json",
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No text"}),
        json.dumps({"text": "# Heading title\n\nBody text."}),
    ]
    data = "\n".join(lines).encode() + b"\n" + b'{"title": "Bad \xff", "text": "x"}\n'
    (tmp_path / "recs.jsonl").write_bytes(data)
    out = tmp_path / "out"
    proc = bulk(str(tmp_path / "recs.jsonl"), "--out", str(out), "-j", "1")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    got = pages(out / "pages.xml")
    assert [(t, text) for t, text, _ in got] == [
        ("Record one", "Hello ''there'' & a < b > c"),
        ("Heading title", "Body text."),
    ]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    where = sorted(e["location"] for e in report["failed"])
    name = str(tmp_path / "recs.jsonl")
    assert where == [f"{name}:2:2", f"{name}:4:1", f"{name}:5:1", f"{name}:7:16"]


def test_statements_from_the_extractor(tmp_path, monkeypatch):
    """With an extractor, one batch holds every article's statements; gaps are reported."""
    import wikiconv.bulk.article as article

    def fake_extract(doc):
        where = Provenance(doc.source_name, 3, 1, "Founded in 2018.")
        sourced = Reference([("P854", StringValue("https://example.org/about"))])
        return EntityDraft(
            labels={"en": doc.title},
            statements=[
                Statement("P571", TimeValue(2018, precision=9), [sourced], where),
                Statement("P159", ItemValue("New York City"), [], where, unsourced=True),
            ],
        )

    real = article.optional_step

    def step(module, name):
        return fake_extract if module == article.EXTRACT_MODULE else real(module, name)

    monkeypatch.setattr(article, "optional_step", step)
    corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    options = BulkOptions(str(out), jobs=1, csv=True, timestamp=STAMP, progress="off")
    with open(os.devnull, "w") as log:
        outcome = run_bulk([str(tmp_path / "in")], options, log=log)
    assert outcome.exit_status == 0
    qs = (out / "statements.qs").read_text(encoding="utf-8").splitlines()
    assert qs.count("CREATE") == 2
    assert qs.count('LAST\tP571\t+2018-00-00T00:00:00Z/9\tS854\t"https://example.org/about"') == 2
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["counts"]["statements"] == 2
    assert [e["name"] for e in report["unresolved_names"]] == ["New York City"] * 2
    assert report["unresolved_names"][0]["location"] == f"{tmp_path / 'in' / 'a001.md'}:3:1"
    assert [e["property"] for e in report["unsourced_statements"]] == ["P159"] * 2
    csv_text = (out / "statements.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("qid,Len,P571,S854")
    assert len(csv_text.splitlines()) == 3

    options = BulkOptions(str(out), jobs=1, statements=False, timestamp=STAMP, progress="off")
    with open(os.devnull, "w") as log:
        assert run_bulk([str(tmp_path / "in")], options, log=log).exit_status == 0
    assert (out / "statements.qs").read_text(encoding="utf-8") == ""
    assert not (out / "statements.csv").exists()  # not asked for: an old one is not left


def test_csv_batch_equals_one_call(tmp_path):
    drafts = [
        EntityDraft(labels={"en": "A"}, statements=[Statement("P31", ItemValue("x", "Q5"))]),
        EntityDraft(
            qid="Q42",
            descriptions={"en": "d"},
            statements=[
                Statement(
                    "P571", TimeValue(2001, 2, 0, 10), [Reference([("P854", StringValue("u"))])]
                ),
                Statement("P31", ItemValue("y", "Q6")),
            ],
        ),
        EntityDraft(labels={"en": "C"}, aliases={"en": ["c1", "c2"]}),
    ]
    batch = CsvBatch(tmp_path / "rows.jsonl")
    for draft in drafts:
        batch.add(write_quickstatements_csv([draft]))
    with open(tmp_path / "out.csv", "w", encoding="utf-8", newline="") as out:
        batch.write(out)
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == write_quickstatements_csv(drafts)


def test_usage_errors(tmp_path):
    for args in (["--jobs", "0"], ["--timestamp", "yesterday"], []):
        proc = bulk(str(tmp_path), *args, *([] if args == [] else ["--out", str(tmp_path / "o")]))
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr


# -- resume and atomic outputs ----------------------------------------------------------------


def manifest_entries(out: Path) -> list[dict]:
    """The input records of a manifest."""
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if "input" in r]


def kept_parts(out: Path, keys: list[str]) -> dict[str, str | None]:
    """The kept results (JSON) with these keys, read from the parts store."""
    import sqlite3

    db = sqlite3.connect(out / ".parts" / "parts.sqlite")
    try:
        rows = {k: db.execute("SELECT v FROM parts WHERE k = ?", (k,)).fetchone() for k in keys}
    finally:
        db.close()
    return {k: row[0] if row else None for k, row in rows.items()}


@pytest.mark.parametrize("mode", ["interrupt", "kill"])
def test_resume_after_a_stopped_run(tmp_path, mode):
    src = tmp_path / "in"
    corpus(src, 60)
    (src / "z_empty.md").write_bytes(b"")
    whole = tmp_path / "whole"
    proc = bulk(str(src), "--out", str(whole), "-j", "2", "--timestamp", STAMP)
    assert proc.returncode == 0, proc.stderr

    out = tmp_path / "out"
    (out).mkdir()
    (out / "pages.xml").write_text("OLD", encoding="utf-8")
    env = {"WIKICONV_BULK_STOP_AFTER": "25", "WIKICONV_BULK_STOP_MODE": mode}
    proc = bulk(
        str(src), "--out", str(out), "-j", "2", "--timestamp", STAMP,
        env=env, start_new_session=True,
    )  # fmt: skip
    assert proc.returncode == (130 if mode == "interrupt" else -signal.SIGKILL), proc.stderr
    assert "Traceback" not in proc.stderr
    assert (out / "pages.xml").read_text(encoding="utf-8") == "OLD"  # the old output survives
    assert not (out / "report.json").exists()
    done = manifest_entries(out)
    assert len(done) == 25
    before = kept_parts(out, [r["part"] for r in done])
    assert None not in before.values()  # every result the manifest names was kept

    proc = bulk(str(src), "--out", str(out), "-j", "2", "--resume")  # the timestamp is kept
    assert proc.returncode == 0, proc.stderr
    assert (out / "pages.xml").read_bytes() == (whole / "pages.xml").read_bytes()
    assert (out / "statements.qs").read_bytes() == (whole / "statements.qs").read_bytes()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    counts = report["counts"]
    # Workers keep their results as they make them, so the chunks in flight when the run
    # stopped may have been kept too: at least the 25 the manifest names are taken.
    assert counts["reused"] >= 25 and counts["converted"] == 60, proc.stderr
    entries = manifest_entries(out)
    assert [r["reused"] for r in entries][:25] == [True] * 25
    assert sum(r["reused"] for r in entries) == counts["reused"]
    assert [r["position"] for r in entries[:60]] == list(range(1, 61))
    assert kept_parts(out, [r["part"] for r in done]) == before  # taken, not converted again
    assert not leftovers(out)


def test_a_fresh_run_replaces_outputs_and_cleans_up(tmp_path):
    corpus(tmp_path / "in", 3)
    out = tmp_path / "out"
    out.mkdir()
    (out / "pages.xml").write_text("OLD", encoding="utf-8")
    (out / ".wikiconv-tmp-stale").mkdir()  # left by a killed run
    proc = bulk(str(tmp_path / "in"), "--out", str(out), "-j", "1", "--timestamp", STAMP)
    assert proc.returncode == 0, proc.stderr
    assert len(pages(out / "pages.xml")) == 3
    assert sorted(p.name for p in out.iterdir()) == [
        ".parts", "manifest.jsonl", "pages.xml", "report.json", "statements.qs",
    ]  # fmt: skip
    assert not leftovers(out)


def test_one_run_at_a_time_per_folder(tmp_path):
    import fcntl

    corpus(tmp_path / "in", 1)
    out = tmp_path / "out"
    (out / ".parts").mkdir(parents=True)
    with open(out / ".parts" / "lock", "a+") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running bulk run holds it
        proc = bulk(str(tmp_path / "in"), "--out", str(out), "-j", "1")
    assert proc.returncode == 1 and "in use by another wikiconv bulk run" in proc.stderr
    assert not (out / "pages.xml").exists()


# -- engines ----------------------------------------------------------------------------------


def test_dask_engine_gives_the_same_dump(tmp_path):
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    src = tmp_path / "in"
    corpus(src, 30)
    (src / "bad.md").write_bytes(b"\xff")
    pool_out, dask_out = tmp_path / "pool", tmp_path / "dask"
    proc = bulk(str(src), "--out", str(pool_out), "-j", "2", "--timestamp", STAMP)
    assert proc.returncode == 1, proc.stderr
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        proc = bulk(
            str(src), "--out", str(dask_out), "--engine", "dask", "-j", "2",
            "--dask-scheduler", cluster.scheduler_address, "--timestamp", STAMP,
        )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert (dask_out / "pages.xml").read_bytes() == (pool_out / "pages.xml").read_bytes()
    assert (dask_out / "statements.qs").read_bytes() == (pool_out / "statements.qs").read_bytes()
    report = json.loads((dask_out / "report.json").read_text(encoding="utf-8"))
    assert report["engine"] == "dask" and report["counts"]["failed"] == 1


# -- the dump in a real MediaWiki -------------------------------------------------------------


@pytest.mark.wiki
def test_dump_imports_into_mediawiki(wiki, tmp_path):
    token = secrets.token_hex(4)
    # Recent, so that rebuildrecentchanges.php (which keeps $wgRCMaxAge) lists the pages.
    stamp = format_timestamp(datetime.now(timezone.utc) - timedelta(hours=1))
    src = tmp_path / "in"
    titles = corpus(src, 6, prefix=f"Bulk import {token}")
    record = {"title": f"Bulk import {token} record", "text": "Tabs\tand <b>bold</b> & ünïcode\n"}
    (tmp_path / "recs.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    titles.append(record["title"])
    out = tmp_path / "out"
    proc = bulk(
        str(src), str(tmp_path / "recs.jsonl"), "--out", str(out), "-j", "2",
        "--timestamp", stamp, "--user", "Bulk bot", "--summary", "bulk test",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    dump = pages(out / "pages.xml")
    assert [title for title, _, _ in dump] == titles
    check_export_structure(out / "pages.xml")

    # The dump's text is what the converter gives for each input.
    settings = ConvertSettings(site=BulkOptions(str(out)).site or ConvertSettings().site)
    for number, path in enumerate(sorted(src.glob("*.md")), start=1):
        result = convert_article(ArticleTask(number, str(path), str(path)), settings)
        assert (result.title, result.text) == dump[number - 1][:2]

    xml = (out / "pages.xml").read_text(encoding="utf-8")
    wiki.maintenance("importDump", stdin=xml)
    wiki.maintenance("rebuildrecentchanges")
    reply = wiki.api(
        action="query",
        prop="revisions",
        rvprop="content|sha1|timestamp|user|comment",
        rvslots="main",
        titles="|".join(titles),
    )
    by_title = {page["title"]: page for page in reply["query"]["pages"]}
    for title, text, sha1 in dump:
        page = by_title[title]
        assert "missing" not in page and page["ns"] == 0, page
        rev = page["revisions"][0]
        content = rev["slots"]["main"]["content"]
        assert content == text
        hex_sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
        assert rev["sha1"] == hex_sha1 == base36_to_hex(sha1)  # API: hex; dump: base 36
        assert rev["timestamp"] == stamp and rev["comment"] == "bulk test"
        assert rev["user"].endswith("Bulk bot")
    changes = wiki.api(action="query", list="recentchanges", rclimit=500, rcprop="title")
    assert set(titles) <= {rc["title"] for rc in changes["query"]["recentchanges"]}


def test_resume_with_an_unreadable_results_store_converts_again(tmp_path):
    """A corrupt parts.sqlite (a machine crash: nothing is synced) is made anew, not fatal."""
    src = tmp_path / "in"
    corpus(src, 6)
    whole = tmp_path / "whole"
    assert bulk(str(src), "--out", str(whole), "-j", "1", "--timestamp", STAMP).returncode == 0
    out = tmp_path / "out"
    assert bulk(str(src), "--out", str(out), "-j", "1", "--timestamp", STAMP).returncode == 0
    store = out / ".parts" / "parts.sqlite"
    store.write_bytes(os.urandom(8192))
    for suffix in ("-wal", "-shm"):
        (out / ".parts" / f"parts.sqlite{suffix}").unlink(missing_ok=True)

    proc = bulk(str(src), "--out", str(out), "-j", "1", "--resume")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "cannot be read" in proc.stderr
    assert (out / "pages.xml").read_bytes() == (whole / "pages.xml").read_bytes()
