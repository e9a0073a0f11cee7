"""Incremental ingestion: unchanged content is not parsed again and is copied from the
previous warehouse; a changed file replaces its old version; a deleted file's rows go."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest
from pipeline_runs import run_ingest

import pipelines.ingest
from bench.corpus import generate_report
from pipelines.ingest import RawFile, bucket_files

SEED = 11
CONTENT_TABLES = ["fact_applications", "fact_review_litigation", "fact_proactive_disclosure",
                  "report_checks", "report_issues", "report_lines"]


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for index in range(3):  # tabs, cells, markdown
        report = generate_report(SEED, index, broken_share=0.0)
        (folder / report.file_name).write_text(report.text, encoding="utf-8")
    return folder


@pytest.fixture()
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files the parser is called on (the job runs in this process)."""
    calls: list[str] = []
    real = pipelines.ingest.render_bytes

    def counting(data: bytes, name: str):
        calls.append(name)
        return real(data, name)

    monkeypatch.setattr(pipelines.ingest, "render_bytes", counting)
    return calls


def run(raw: Path, warehouse: Path) -> dg.ExecuteInProcessResult:
    result = run_ingest(raw, warehouse)
    assert result.success
    return result


def rows_by_file(warehouse: Path) -> dict[str, dict[str, list[tuple]]]:
    """source_file -> table -> its content rows (without report_id), sorted."""
    out: dict[str, dict[str, list[tuple]]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        files = con.execute("SELECT source_file, report_id FROM reports").fetchall()
        for file, report_id in files:
            out[file] = {}
            for table in CONTENT_TABLES:
                rows = con.execute(
                    f"SELECT * EXCLUDE (report_id) FROM {table} "  # noqa: S608
                    "WHERE report_id = ? ORDER BY ALL", [report_id]).fetchall()
                out[file][table] = rows
            out[file]["report"] = con.execute(
                "SELECT * EXCLUDE (loaded_at) FROM reports WHERE source_file = ?",
                [file]).fetchall()
    return out


def test_unchanged_folder_parses_nothing_and_keeps_the_warehouse(
        raw: Path, tmp_path: Path, parsed: list[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    run(raw, warehouse)
    assert sorted(parsed) == sorted(p.name for p in raw.iterdir())
    before = rows_by_file(warehouse)
    stamp = warehouse.stat().st_mtime_ns
    parsed.clear()

    result = run(raw, warehouse)
    assert parsed == []
    assert warehouse.stat().st_mtime_ns == stamp  # not rebuilt at all
    materialized = result.asset_materializations_for_node("warehouse_tables")
    assert {m.metadata["rebuilt"].value for m in materialized} == {False}
    assert rows_by_file(warehouse) == before


def test_new_file_is_the_only_one_parsed_and_the_rest_is_copied(
        raw: Path, tmp_path: Path, parsed: list[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    run(raw, warehouse)
    before = rows_by_file(warehouse)
    parsed.clear()
    extra = generate_report(SEED, 3, broken_share=0.0)  # the traditional layout
    (raw / extra.file_name).write_text(extra.text, encoding="utf-8")

    run(raw, warehouse)
    assert parsed == [extra.file_name]
    after = rows_by_file(warehouse)
    assert {f: after[f] for f in before} == before
    # Reused content keeps its lines; new content brings its own, one per line of the file.
    assert all(rows["report_lines"] for rows in before.values())
    assert [text for _, text in after[extra.file_name]["report_lines"]] == (
        extra.text.removesuffix("\n").split("\n"))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # Copying reused rows leaves nothing of the load behind: only sql/views.sql's views.
        views = {name for (name,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert views and not {v for v in views if "staged" in v or v.startswith(("new_", "frame_"))}
    assert len(after[extra.file_name]["fact_applications"]) == len(
        [1 for row in extra.expected["applications"].values() for _ in row])


def test_changed_file_replaces_its_previous_version(
        raw: Path, tmp_path: Path, parsed: list[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    run(raw, warehouse)
    before = rows_by_file(warehouse)
    target = generate_report(SEED, 0, broken_share=0.0)
    # Print one more carried-forward application for natural persons, in the column and the
    # total: 勾稽关系 now fails for both, and nothing else does.
    broken = generate_report(SEED, 0, broken_share=1.0)
    assert broken.expected["broken"]["check_name"] in {
        "balance", "row_total", "outcome_total", "review_total"}
    (raw / target.file_name).write_text(broken.text, encoding="utf-8")
    parsed.clear()

    run(raw, warehouse)
    assert parsed == [target.file_name]
    after = rows_by_file(warehouse)
    assert set(after) == set(before)
    others = [f for f in before if f != target.file_name]
    assert {f: after[f] for f in others} == {f: before[f] for f in others}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status, report_id = con.execute(
            "SELECT status, report_id FROM reports WHERE source_file = ?",
            [target.file_name]).fetchone()
        failing = con.execute(
            "SELECT check_name, subject FROM report_checks WHERE report_id = ? "
            "AND status = 'fail' ORDER BY ALL", [report_id]).fetchall()
        ids = {r for (r,) in con.execute(
            "SELECT DISTINCT report_id FROM fact_applications").fetchall()}
    assert status == "flagged"
    kind = broken.expected["broken"]
    assert failing == sorted((kind["check_name"], s) for s in kind["subjects"])
    # The old content's rows are gone: three reports, three contents.
    assert len(ids) == 3 and report_id in ids


def test_deleted_file_leaves_the_warehouse(
        raw: Path, tmp_path: Path, parsed: list[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    run(raw, warehouse)
    before = rows_by_file(warehouse)
    gone = sorted(before)[1]
    (raw / gone).unlink()
    parsed.clear()

    run(raw, warehouse)
    assert parsed == []
    after = rows_by_file(warehouse)
    assert after == {f: rows for f, rows in before.items() if f != gone}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        # valid generated reports have no issues
        for table in (t for t in CONTENT_TABLES if t != "report_issues"):
            ids = con.execute(
                f"SELECT count(DISTINCT report_id) FROM {table}").fetchone()  # noqa: S608
            assert ids == (2,), table


def test_buckets_follow_content_and_stay_coarse() -> None:
    files = [RawFile(f"f{i}.txt", f"{i:08x}" + "0" * 56, 1) for i in range(10)]
    twin = RawFile("copy.txt", files[3].sha256, 1)
    assert bucket_files(files, buckets=4, min_files=100) == {0: files}
    buckets = bucket_files([*files, twin], buckets=4, min_files=2)
    assert sorted(buckets) == [0, 1, 2, 3]
    assert buckets[3 % 4] == [files[3], files[7], twin]  # same bytes, same bucket
    assert bucket_files([], buckets=4) == {0: []}


def test_a_published_document_weighs_more_than_a_text_report_in_the_plan() -> None:
    def named(suffix: str) -> list[RawFile]:
        return [RawFile(f"f{i}{suffix}", f"{i:08x}" + "0" * 56, 1) for i in range(100)]

    # 100 text reports are one bucket's worth at 100; 100 PDFs are eight buckets' worth
    # (capped at four), 100 web pages two.
    assert len(bucket_files(named(".txt"), buckets=4, min_files=100)) == 1
    assert len(bucket_files(named(".PDF"), buckets=4, min_files=100)) == 4
    assert len(bucket_files(named(".html"), buckets=4, min_files=100)) == 2
    assert len(bucket_files(named(".pdf")[:12], buckets=4, min_files=100)) == 1


def test_each_outcome_keeps_the_text_the_parser_read(tmp_path: Path, seed_dir: Path,
                                                     golden_dir: Path) -> None:
    from format_fixtures import seed_document, to_html

    from pipelines.frames import build_batch
    from pipelines.ingest import parse_files, scan_raw_folder

    seed = "002_ff0ada4805145011.txt"
    golden = json.loads((golden_dir / seed.replace(".txt", ".json")).read_text(
        encoding="utf-8"))
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / seed).write_bytes((seed_dir / seed).read_bytes())
    (raw / "page.html").write_bytes(to_html(seed_document(seed_dir / seed, golden)))
    (raw / "notice.htm").write_text("<html><body><p>通知</p></body></html>", encoding="utf-8")
    outcomes = {o.source.source_file: o for o in parse_files(raw, scan_raw_folder(raw))}
    page = outcomes["page.html"]
    assert page.result.source_format == "html"
    assert "一、本年新收政府信息公开申请数量" in page.rendering
    # A text file's rendering is its decoded text.
    assert outcomes[seed].rendering == (seed_dir / seed).read_text(encoding="utf-8-sig")
    # A page without a report renders fine; the parser is the one that rejects it, and
    # the text it read is kept beside the reason.
    assert outcomes["notice.htm"].rendering == "通知\n"
    lines = build_batch(list(outcomes.values())).lines
    notice = lines.filter(pl.col("report_id") == outcomes["notice.htm"].source.report_id)
    assert notice.rows() == [(outcomes["notice.htm"].source.report_id, 1, "通知")]
    # Every fact's source_line is a line of its report, holding the text it was read from.
    by_line = {(r, n): t for r, n, t in lines.iter_rows()}
    facts = page.result.facts
    assert len(facts) > 50
    for fact in facts:
        assert fact.raw_text in by_line[(page.source.report_id, fact.source_line)]


def test_validated_reports_counts_the_checks_it_staged(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    result = run(raw, warehouse)
    (materialized,) = result.asset_materializations_for_node("validated_reports")
    counted = {key.removeprefix("checks_"): value.value
               for key, value in materialized.metadata.items() if key.startswith("checks_")}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        stored = dict(con.execute(
            "SELECT status, count(*) FROM report_checks GROUP BY status").fetchall())
    assert counted == stored and stored.get("pass", 0) > 100
