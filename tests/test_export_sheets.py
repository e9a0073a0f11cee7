"""Excel and CSV export of the handmade warehouse of test_views, read back.

fastexcel (polars' own Excel reader) reads the workbook as an analyst's tool would; the
header notes, which no table reader returns, are read from the workbook's XML."""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb
import fastexcel
import polars as pl
import pytest
from test_views import RID_A, RID_B, RID_C, _tables

from pipelines.export import main
from pipelines.export_sheets import DICTIONARY, export_csv, export_workbook, sheet_names
from pipelines.warehouse import build_warehouse

NEW_VIEW = "zz_added_later_by_another_change"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("sheets") / "warehouse.duckdb"
    build_warehouse(target, _tables())
    # A view that no list in the export names: it must be found in the catalog.
    with duckdb.connect(str(target)) as con:
        con.execute(f"CREATE VIEW {NEW_VIEW} AS SELECT '乙县' AS place, 7 AS n")
        con.execute(f"COMMENT ON COLUMN {NEW_VIEW}.place IS '地名 (a place)'")
    return target


@pytest.fixture(scope="module")
def views(warehouse: Path) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return [r[0] for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]


@pytest.fixture(scope="module")
def workbook(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("xlsx") / "warehouse.xlsx"
    rows = export_workbook(warehouse, target)
    assert rows["metric_summary"] == 3 and rows[NEW_VIEW] == 1
    return target


def test_a_sheet_per_view_after_the_dictionary(workbook: Path, views: list[str]) -> None:
    assert len(views) >= 18 and NEW_VIEW in views
    names = sheet_names(views)
    assert fastexcel.read_excel(workbook).sheet_names == [DICTIONARY,
                                                         *(names[v] for v in views)]


def test_view_values_and_chinese_read_back(workbook: Path) -> None:
    frame = fastexcel.read_excel(workbook).load_sheet("metric_summary").to_polars()
    frame = frame.sort("report_id")
    assert frame["report_id"].to_list() == [RID_A, RID_B, RID_C]
    assert frame["agency"].to_list() == ["甲市卫生健康局", "甲市卫生健康局", "乙县统计局"]
    assert frame["disclosure_rate"].to_list() == [pytest.approx(0.4), None,
                                                  pytest.approx(0.8)]
    added = fastexcel.read_excel(workbook).load_sheet(NEW_VIEW[:31]).to_polars()
    assert added.rows() == [("乙县", 7.0)]


def test_dictionary_sheet_and_header_notes(workbook: Path, warehouse: Path) -> None:
    dictionary = fastexcel.read_excel(workbook).load_sheet(DICTIONARY).to_polars()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (comment,) = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'metric_summary' "
            "AND column_name = 'disclosure_rate'").fetchone()
    assert comment
    row = dictionary.filter((pl.col("view") == "metric_summary")
                            & (pl.col("column") == "disclosure_rate"))
    assert row.select("sheet", "comment").rows() == [("metric_summary", comment)]
    added = dictionary.filter(pl.col("view") == NEW_VIEW)
    assert added.select("sheet", "column", "comment").rows() == [
        (NEW_VIEW[:31], "place", "地名 (a place)"), (NEW_VIEW[:31], "n", None)]
    with zipfile.ZipFile(workbook) as book:
        notes = "".join(book.read(name).decode("utf-8") for name in book.namelist()
                        if name.startswith("xl/comments"))
    assert "地名 (a place)" in notes
    assert comment.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in notes


def test_sheet_names_fit_excel() -> None:
    long = "metric_substantive_disclosure_rate"  # 34 characters
    names = sheet_names([long, long[:31] + "_other", "dictionary"])
    assert names == {long: long[:31], long[:31] + "_other": long[:29] + "~2",
                     "dictionary": "dictionary~2"}


def test_csv_is_utf8_with_bom(warehouse: Path, views: list[str], tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export_csv(warehouse, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{DICTIONARY}.csv", *(f"{v}.csv" for v in views)])
    raw = (out / "metric_summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfreport_id,")
    frame = pl.read_csv(out / "metric_summary.csv").sort("report_id")
    assert frame["agency"].to_list() == ["甲市卫生健康局", "甲市卫生健康局", "乙县统计局"]
    assert frame["disclosure_rate"].to_list() == [pytest.approx(0.4), None,
                                                  pytest.approx(0.8)]


def test_command_line_formats(warehouse: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "out.xlsx"
    assert main(["--warehouse", str(warehouse), "--format", "xlsx", "--out", str(book)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"written to {book}"
    assert fastexcel.read_excel(book).sheet_names[0] == DICTIONARY
    assert main(["--warehouse", str(warehouse), "--format", "csv", "--out",
                 str(tmp_path / "c")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"written to {tmp_path / 'c'}/"
