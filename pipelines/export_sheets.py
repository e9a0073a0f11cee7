"""The analyst views for spreadsheet users: one Excel workbook, or a CSV file per view.

Every view of the warehouse is exported, found in its catalog (a new view needs no change
here), with its columns' comments: a `dictionary` sheet (or `dictionary.csv`) and, in the
workbook, a note on each column header. CSV files are UTF-8 with a byte-order mark, which
is what makes Excel read Chinese text in a CSV correctly. Files are written beside their
target and renamed into place, so a reader never opens half a file.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import xlsxwriter

from pipelines.warehouse import connect_readonly, load_sql

__all__ = ["DICTIONARY", "ViewColumns", "export_csv", "export_workbook", "sheet_names"]

DICTIONARY = "dictionary"
# Excel's limits: a sheet name of 31 characters, and 1,048,576 rows with the header.
_SHEET_NAME_MAX = 31
_SHEET_ROWS_MAX = 1_048_575


@dataclass(frozen=True)
class ViewColumns:
    view: str
    comment: str | None
    # (column, type, comment)
    columns: tuple[tuple[str, str, str | None], ...]


def _views(con: duckdb.DuckDBPyConnection) -> list[ViewColumns]:
    found: dict[str, ViewColumns] = {}
    for view, view_comment, column, data_type, comment in con.execute(
            load_sql("view_dictionary.sql")).fetchall():
        entry = found.setdefault(view, ViewColumns(view, view_comment, ()))
        found[view] = ViewColumns(view, view_comment,
                                  (*entry.columns, (column, data_type, comment)))
    return list(found.values())


def sheet_names(views: list[str]) -> dict[str, str]:
    """A sheet name per view, unique and within Excel's 31 characters."""
    names: dict[str, str] = {}
    taken = {DICTIONARY}
    for view in views:
        name = view[:_SHEET_NAME_MAX]
        n = 1
        while name in taken:
            n += 1
            suffix = f"~{n}"
            name = view[: _SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name)
        names[view] = name
    return names


def _dictionary(views: list[ViewColumns], sheets: dict[str, str]) -> pl.DataFrame:
    rows = [(sheets[v.view], v.view, v.comment, column, data_type, comment)
            for v in views for column, data_type, comment in v.columns]
    return pl.DataFrame(rows, orient="row", schema={
        "sheet": pl.String, "view": pl.String, "view_comment": pl.String,
        "column": pl.String, "type": pl.String, "comment": pl.String})


def _frame(con: duckdb.DuckDBPyConnection, view: str) -> pl.DataFrame:
    # Through the Arrow C stream interface: no pyarrow needed.
    return pl.DataFrame(con.table(view))


def export_workbook(warehouse: Path, target: Path) -> dict[str, int]:
    """Write every view of `warehouse` as a sheet of the workbook `target`; return rows
    written per view."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(f".{target.name}.building-{os.getpid()}")
    rows: dict[str, int] = {}
    try:
        with connect_readonly(Path(warehouse)) as con:
            views = _views(con)
            sheets = sheet_names([v.view for v in views])
            with xlsxwriter.Workbook(str(building)) as book:
                _dictionary(views, sheets).write_excel(book, worksheet=DICTIONARY,
                                                       autofit=True)
                for view in views:
                    frame = _frame(con, view.view)
                    if frame.height > _SHEET_ROWS_MAX:
                        raise ValueError(
                            f"view {view.view} has {frame.height:,} rows, more than an Excel "
                            "sheet holds; export it with FORMAT=csv or as Parquet")
                    sheet = sheets[view.view]
                    frame.write_excel(book, worksheet=sheet, autofit=True)
                    _header_notes(book.get_worksheet_by_name(sheet), view)
                    rows[view.view] = frame.height
        os.replace(building, target)
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    return rows


def _header_notes(sheet: xlsxwriter.worksheet.Worksheet, view: ViewColumns) -> None:
    for index, (_column, _type, comment) in enumerate(view.columns):
        if comment:
            sheet.write_comment(0, index, comment)


def export_csv(warehouse: Path, out_dir: Path) -> dict[str, int]:
    """Write `<view>.csv` for every view and `dictionary.csv` to `out_dir` (replaced as a
    whole); return rows written per view."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    building = out_dir.with_name(f".{out_dir.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    rows: dict[str, int] = {}
    try:
        with connect_readonly(Path(warehouse)) as con:
            views = _views(con)
            sheets = {v.view: v.view for v in views}
            _dictionary(views, sheets).drop("sheet").write_csv(
                building / f"{DICTIONARY}.csv", include_bom=True)
            for view in views:
                frame = _frame(con, view.view)
                frame.write_csv(building / f"{view.view}.csv", include_bom=True)
                rows[view.view] = frame.height
        old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        if out_dir.exists():
            out_dir.rename(old)
        building.rename(out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return rows
