"""Every table and analyst view of the warehouse as Parquet, for R, pandas and BI tools.

`python -m pipelines.export` (or `make export`) writes `data/export/`:

- `<name>.parquet` for the reports, checks, issues and dimension tables and every view;
- `<fact table>/year=<year>/data_0.parquet` for the three fact tables, partitioned by the
  year of their report (DuckDB's COPY ... PARTITION_BY), so a reader of one year opens
  only that year's files. The `year` column comes back from the folder names (hive
  partitioning).

The export is built in a folder beside the target and swapped in, so a reader never sees
a half-written export. Names of tables and views come from the warehouse's catalog.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipelines.export_sheets import export_csv, export_workbook
from pipelines.warehouse import connect_readonly

__all__ = ["FACT_TABLES", "export_warehouse", "main"]

FACT_TABLES = ("fact_applications", "fact_review_litigation", "fact_proactive_disclosure")


def export_warehouse(warehouse: Path, out_dir: Path) -> dict[str, int]:
    """Write the export of `warehouse` to `out_dir`; return rows written per table or view."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    building = out_dir.with_name(f"{out_dir.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    try:
        with connect_readonly(Path(warehouse)) as con:
            rows = _write_all(con, building)
        _swap(building, out_dir)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return rows


def _write_all(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    rows: dict[str, int] = {}
    # One year per report content (files with identical bytes share it).
    years = con.table("reports").select("report_id", "year").distinct()
    for name in _catalog(con):
        relation = con.table(name)
        if name in FACT_TABLES:
            relation = relation.join(years, "report_id", how="left")
            relation.write_parquet(str(folder / name), partition_by=["year"])
        else:
            relation.write_parquet(str(folder / f"{name}.parquet"))
        rows[name] = _count(relation)
    return rows


def _catalog(con: duckdb.DuckDBPyConnection) -> list[str]:
    tables = con.table("duckdb_tables").filter("NOT internal AND NOT temporary")
    views = con.table("duckdb_views").filter("NOT internal AND NOT temporary")
    names = [r[0] for r in tables.select("table_name").fetchall()]
    names += [r[0] for r in views.select("view_name").fetchall()]
    return sorted(names)


def _count(relation: duckdb.DuckDBPyRelation) -> int:
    result = relation.aggregate("count(*)").fetchone()
    return int(result[0]) if result else 0


def _swap(building: Path, target: Path) -> None:
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    building.rename(target)
    shutil.rmtree(old, ignore_errors=True)


_WRITERS = {
    "parquet": (export_warehouse, "data/export"),
    "csv": (export_csv, "data/export_csv"),
    "xlsx": (export_workbook, "data/warehouse.xlsx"),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.export",
        description="Write every warehouse table and view as Parquet, or the analyst views "
                    "as an Excel workbook or CSV files.")
    parser.add_argument(
        "--warehouse", type=Path,
        default=Path(os.environ.get("WAREHOUSE_PATH") or "data/warehouse.duckdb"),
        help="DuckDB file (default $WAREHOUSE_PATH, else data/warehouse.duckdb)")
    parser.add_argument(
        "--format", choices=sorted(_WRITERS), default="parquet",
        help="parquet: every table and view; xlsx: one workbook, a sheet per view; csv: a "
             "UTF-8 (with BOM) file per view")
    parser.add_argument(
        "--out", type=Path,
        help="output folder or workbook, replaced as a whole (default: parquet $EXPORT_DIR, "
             "else data/export; csv data/export_csv; xlsx data/warehouse.xlsx)")
    args = parser.parse_args(argv)
    if not args.warehouse.is_file():
        parser.error(f"no warehouse at {args.warehouse}; run `make run` first")
    writer, default_out = _WRITERS[args.format]
    if args.format == "parquet":
        default_out = os.environ.get("EXPORT_DIR") or default_out
    out = args.out or Path(default_out)
    rows = writer(args.warehouse, out)
    width = max(map(len, rows))
    for name, n in rows.items():
        print(f"{name:<{width}}  {n:>9} rows", file=sys.stdout)
    print(f"written to {out}{'/' if out.is_dir() else ''}", file=sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
