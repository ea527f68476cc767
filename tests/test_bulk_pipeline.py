"""The pieces of ``wikiconv bulk`` that make it fast: work done in the workers, kept compact."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

from wikiconv.bulk import BulkOptions, run_bulk
from wikiconv.bulk.article import (
    STAGES,
    ConvertSettings,
    convert_article,
    convert_chunk,
    load_part,
    save_part,
)
from wikiconv.bulk.inputs import ArticleTask, DiskIndex
from wikiconv.bulk.parts import close_stores, prepare
from wikiconv.bulk.statements_csv import CsvBatch
from wikiconv.bulk.timing import StageClock
from wikiconv.xml_dump import DumpWriter, RevisionInfo, render_page, sha1_base36

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "samples" / "runway.md").read_text(encoding="utf-8")

# One page exactly as the dump writer wrote it before pages were rendered in the workers.
TEXT = "x < y & z'\"\r\nñ"
EXPECTED_PAGE = (
    "  <page>\n"
    "    <title>A &amp; B &lt;C&gt;</title>\n"
    "    <ns>0</ns>\n"
    "    <id>7</id>\n"
    "    <revision>\n"
    "      <id>7</id>\n"
    "      <timestamp>2024-05-01T12:00:00Z</timestamp>\n"
    "      <contributor>\n"
    "        <username>Bot &amp; co</username>\n"
    "        <id>3</id>\n"
    "      </contributor>\n"
    "      <comment>a &lt;b&gt;</comment>\n"
    "      <model>wikitext</model>\n"
    "      <format>text/x-wiki</format>\n"
    '      <text xml:space="preserve" bytes="15">x &lt; y &amp; z\'"&#13;\nñ</text>\n'
    f"      <sha1>{sha1_base36(TEXT)}</sha1>\n"
    "    </revision>\n"
    "  </page>\n"
)


def test_a_rendered_page_is_written_as_before():
    text = TEXT
    revision = RevisionInfo("2024-05-01T12:00:00Z", "Bot & co", 3, "a <b>")
    whole, rendered = io.BytesIO(), io.BytesIO()
    sha1 = DumpWriter(whole, revision).page(7, "A & B <C>", text)
    DumpWriter(rendered, revision).write_page(7, render_page("A & B <C>", text))
    assert whole.getvalue().decode("utf-8") == EXPECTED_PAGE
    assert rendered.getvalue() == whole.getvalue()
    assert sha1 == render_page("t", text).sha1 == sha1_base36(text)


def test_workers_send_the_page_as_xml_and_keep_the_result(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(SAMPLE, encoding="utf-8")
    parts = tmp_path / "parts"
    parts.mkdir()
    prepare(parts)
    settings = ConvertSettings(save_dir=str(parts), fingerprint="f")
    task = ArticleTask(1, str(path), str(path))
    try:
        [sent] = convert_chunk([task], settings)
        full = convert_article(task, settings)
        assert sent.text is None and sent.saved  # the wikitext travels only inside the XML
        assert full.text is not None and sent.page == render_page(full.title or "", full.text)
        assert len(sent.seconds) == len(STAGES) and all(s >= 0 for s in sent.seconds)
        assert sent.key is not None
        kept = load_part(parts, sent.key, number=5)
        assert kept is not None and kept.number == 5
        assert (kept.page, kept.findings, kept.qs_v1) == (sent.page, sent.findings, sent.qs_v1)
        resumed = convert_article(task, ConvertSettings(parts_dir=str(parts), fingerprint="f"))
        assert resumed.reused and resumed.page == sent.page
        # A result kept again replaces the first; one under another key is not found.
        save_part(parts, kept)
        assert load_part(parts, sent.key) is not None
        assert load_part(parts, "0" * 64) is None
    finally:
        close_stores()


def test_a_failed_article_carries_no_half_made_page(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("# [bad] title\n\ntext\n", encoding="utf-8")
    [result] = convert_chunk([ArticleTask(1, str(path), str(path))], ConvertSettings())
    assert result.status == "failed" and result.page is None and result.findings == []
    assert result.error is not None and "bad page title" in result.error.message


def test_disk_index_keeps_first_values_in_one_transaction(tmp_path):
    index = DiskIndex(tmp_path / "i.sqlite")
    assert [index.setdefault(f"k{i % 50}", f"v{i}") for i in range(100)][50:52] == ["v0", "v1"]
    index.close()


def test_csv_rows_made_in_workers_equal_rows_added_whole(tmp_path):
    article_csv = 'qid,Len,P1\n,"line\u2028sep",x\n'
    whole, split = CsvBatch(tmp_path / "a.jsonl"), CsvBatch(tmp_path / "b.jsonl")
    whole.add(article_csv)
    from wikiconv.bulk.statements_csv import spool_lines

    split.add_lines(spool_lines(article_csv))
    outs = []
    for batch in (whole, split):
        out = io.StringIO()
        batch.write(out)
        outs.append(out.getvalue())
    assert outs[0] == outs[1] and "\u2028" in outs[0]


def test_stage_clock_counts_each_second_once():
    clock = StageClock()

    def slow(n: int):
        for i in range(n):
            time.sleep(0.01)
            yield i

    outer = clock.timed("waiting", (i for i in clock.timed("inputs", slow(3))))
    for _ in outer:
        time.sleep(0.01)
    clock.lap("writing")
    seconds = clock.report()
    assert 0.025 < seconds["driver:inputs"] < 0.2
    assert seconds["driver:waiting"] < 0.02  # the inputs' time is theirs, not the wait's
    assert 0.025 < seconds["driver:writing"] < 0.2


def test_a_run_reports_where_its_time_went(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.md").write_text(SAMPLE.replace("# Runway", f"# Runway {i}", 1), "utf-8")
    options = BulkOptions(str(tmp_path / "out"), jobs=1, progress="off", timestamp="2024-01-01")
    with open(os.devnull, "w") as log:
        outcome = run_bulk([str(src)], options, log=log)
    assert outcome.counts.converted == 3
    assert {f"worker:{stage}" for stage in STAGES} <= set(outcome.timings)
    assert outcome.timings["worker:parse"] > 0 and outcome.timings["driver:waiting"] > 0
