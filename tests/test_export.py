"""Parquet export of the handmade warehouse of test_views."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest
from test_views import RID_A, RID_B, RID_C, _tables

from pipelines.export import export_warehouse, main
from pipelines.warehouse import build_warehouse


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("export")
    build_warehouse(folder / "warehouse.duckdb", _tables())
    out = folder / "export"
    (out / "stale").mkdir(parents=True)  # an older export is replaced as a whole
    return out, export_warehouse(folder / "warehouse.duckdb", out)


def _query(sql: str, params: list[object]) -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute(sql, params).fetchall()


def test_every_table_and_view_is_written(exported: tuple[Path, dict[str, int]]) -> None:
    out, rows = exported
    files = {p.name for p in out.iterdir()}
    assert files == {f"{name}.parquet" for name in rows if not name.startswith("fact_")} | {
        "fact_applications", "fact_review_litigation", "fact_proactive_disclosure"}
    assert {"reports", "report_checks", "report_issues", "dim_outcome", "metric_summary",
            "metric_applicant_mix", "metric_correction_rate", "check_cross_year"} <= set(rows)
    # The 12 SPEC §9 views and the two agency comparisons (metric_peer_rank, metric_yoy).
    assert len([n for n in rows if n.startswith("metric_")]) == 14
    assert {"dim_agency", "dim_agency_alias", "dim_sector", "agency_years"} <= set(rows)
    # 5 files; 3 loaded contents; 23 + 8 + 23 + 4 + 23 + 1 cells of table 3 (test_views).
    assert (rows["reports"], rows["metric_summary"], rows["fact_applications"]) == (5, 3, 82)


def test_fact_tables_are_partitioned_by_report_year(
        exported: tuple[Path, dict[str, int]]) -> None:
    out, _ = exported
    folders = sorted(p.name for p in (out / "fact_applications").iterdir())
    assert folders == ["year=2019", "year=2020", "year=2021"]
    per_year = _query(
        "SELECT year, report_id, count(*) FROM read_parquet(?, hive_partitioning = true)"
        " GROUP BY ALL ORDER BY year", [f"{out}/fact_applications/*/*.parquet"])
    assert per_year == [(2019, RID_C, 24), (2020, RID_A, 31), (2021, RID_B, 27)]
    review = _query(
        "SELECT year, count(*) FROM read_parquet(?, hive_partitioning = true)"
        " GROUP BY ALL ORDER BY year", [f"{out}/fact_review_litigation/*/*.parquet"])
    assert review == [(2020, 15), (2021, 5)]


def test_views_round_trip_with_nulls(exported: tuple[Path, dict[str, int]]) -> None:
    out, _ = exported
    frame = pl.read_parquet(out / "metric_disclosure_rate.parquet").sort("report_id")
    assert frame["report_id"].to_list() == [RID_A, RID_B, RID_C]
    assert frame["disclosure_rate"].to_list() == [pytest.approx(0.4), None, pytest.approx(0.8)]
    assert frame["agency"].to_list() == ["甲市卫生健康局", "甲市卫生健康局", "乙县统计局"]


def test_command_line(tmp_path: Path, exported: tuple[Path, dict[str, int]],
                     capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = exported[0].parent / "warehouse.duckdb"
    assert main(["--warehouse", str(warehouse), "--out", str(tmp_path / "x")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert ["fact_applications", "82", "rows"] in [line.split() for line in printed]
    assert printed[-1] == f"written to {tmp_path / 'x'}/"
    with pytest.raises(SystemExit):
        main(["--warehouse", str(tmp_path / "absent.duckdb")])
