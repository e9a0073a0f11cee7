"""The Dagster job on small raw folders: flagged, rejected and duplicate files, reruns,
the sensor and the schedule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from pipeline_runs import run_ingest

from pipelines.definitions import defs
from pipelines.defs.resources import RawFolder
from pipelines.defs.sensors import raw_folder_sensor

SEED = "002_ff0ada4805145011.txt"  # 5 new applications, 5 granted, all natural persons


def run_job(raw: Path, warehouse: Path) -> None:
    assert run_ingest(raw, warehouse).success


@pytest.fixture()
def raw(tmp_path: Path, seed_dir: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(seed_dir / SEED, folder / SEED)
    return folder


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_broken_balance_is_flagged_with_the_failing_equation(raw: Path, tmp_path: Path) -> None:
    text = (raw / SEED).read_text(encoding="utf-8").split("\n")
    # Line 147 is new_received / natural_person ("\t5"); print 6 instead.
    assert text[146] == "\t5"
    text[146] = "\t6"
    (raw / "edited.txt").write_text("\n".join(text), encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    run_job(raw, warehouse)

    statuses = dict(query(warehouse, "select source_file, status from reports"))
    assert statuses == {SEED: "valid", "edited.txt": "flagged"}
    failed = query(warehouse, """
        select c.check_name, c.subject, c.lhs, c.rhs from report_checks c
        join reports r using (report_id)
        where r.source_file = 'edited.txt' and c.status = 'fail' order by all""")
    # 6 + 0 new/carried against 5 + 0 processed/forwarded; and the row no longer adds up.
    assert failed == [("balance", "natural_person", 6.0, 5.0),
                      ("row_total", "new_received", 6.0, 5.0)]
    messages = query(warehouse, """
        select i.message from report_issues i join reports r using (report_id)
        where r.source_file = 'edited.txt' and i.check_name = 'balance'""")
    assert len(messages) == 1
    assert "natural_person" in messages[0][0]
    assert "6" in messages[0][0] and "5" in messages[0][0]


def test_non_report_is_rejected_and_the_rest_loads(raw: Path, tmp_path: Path) -> None:
    notice = "关于召开会议的通知\n各单位：定于明日开会。\n"
    (raw / "notice.txt").write_text(notice, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"
    run_job(raw, warehouse)
    rows = query(warehouse, """
        select r.source_file, r.status, i.message from reports r
        left join report_issues i on i.report_id = r.report_id and i.check_name = 'rejected'
        order by r.source_file""")
    assert rows == [
        (SEED, "valid", None),
        ("empty.txt", "rejected", "empty.txt: empty file"),
        ("notice.txt", "rejected",
         "notice.txt: not an annual report: no annual-report title and no statistical "
         "tables found"),
    ]
    assert query(warehouse, "select count(*) from fact_applications") == [(161,)]


def test_same_content_under_two_names(raw: Path, tmp_path: Path) -> None:
    shutil.copy(raw / SEED, raw / "copy of report.txt")
    warehouse = tmp_path / "w.duckdb"
    run_job(raw, warehouse)
    rows = query(warehouse, "select source_file, status from reports order by source_file")
    assert rows == [(SEED, "valid"), ("copy of report.txt", "valid")]
    assert query(warehouse, "select count(distinct report_id) from reports") == [(1,)]
    assert query(warehouse, "select count(*) from fact_applications") == [(161,)]


def test_second_run_leaves_identical_rows(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    tables = ["reports", "fact_applications", "fact_review_litigation",
              "fact_proactive_disclosure", "report_checks", "report_issues"]

    def snapshot() -> dict[str, list[tuple]]:
        out = {}
        for table in tables:
            columns = [c for (c,) in query(
                warehouse, "select column_name from information_schema.columns "
                "where table_name = ? and column_name <> 'loaded_at' order by ordinal_position",
                [table])]
            out[table] = query(warehouse, f"select {', '.join(columns)} from {table} "  # noqa: S608
                               "order by all")
        return out

    run_job(raw, warehouse)
    first = snapshot()
    run_job(raw, warehouse)
    assert snapshot() == first
    assert len(first["fact_applications"]) == 161


def test_sensor_requests_a_run_only_when_the_folder_changes(raw: Path) -> None:
    resources = {"raw_folder": RawFolder(path=str(raw))}
    with dg.build_sensor_context(resources=resources) as context:
        first = raw_folder_sensor(context)
        assert isinstance(first, dg.RunRequest)
        cursor = context.cursor
        assert first.run_key and first.run_key.startswith(json.loads(cursor)["fingerprint"])
    with dg.build_sensor_context(cursor=cursor, resources=resources) as context:
        assert isinstance(raw_folder_sensor(context), dg.SkipReason)
    (raw / "new.txt").write_text("new", encoding="utf-8")
    with dg.build_sensor_context(cursor=cursor, resources=resources) as context:
        again = raw_folder_sensor(context)
        assert isinstance(again, dg.RunRequest)
        assert again.run_key != first.run_key


def test_nightly_schedule_is_two_am_shanghai() -> None:
    schedule = defs.resolve_schedule_def("nightly_ingest")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Asia/Shanghai"
    assert schedule.job_name == "ingest"


def test_definitions_hold_the_lineage() -> None:
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert keys == {"raw_files", "parsed_reports", "validated_reports", "reports",
                    "fact_applications", "fact_review_litigation",
                    "fact_proactive_disclosure", "report_checks", "report_issues",
                    "comparison_report"}
    # Conversion happens inside the parse steps: no step holds a corpus of renderings.
    assert graph.get(dg.AssetKey("parsed_reports")).parent_keys == {dg.AssetKey("raw_files")}
    parents = graph.get(dg.AssetKey("fact_applications")).parent_keys
    assert parents == {dg.AssetKey("validated_reports")}
    checks = {key.name for key in graph.asset_check_keys}
    assert {"parsed_frames_match_schema", "applications_arithmetic"} <= checks
