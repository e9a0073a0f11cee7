"""A rerun that reuses more rows of the previous warehouse than one Arrow batch holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from pipelines.frames import (
    APPLICATION_SCHEMA,
    CHECK_SCHEMA,
    ISSUE_SCHEMA,
    PROACTIVE_SCHEMA,
    REPORT_SCHEMA,
    REVIEW_SCHEMA,
)
from pipelines.parsing import vocabulary
from pipelines.warehouse import Reuse, WarehouseTables, build_warehouse, connect_readonly

REPORTS = 8000  # x 23 outcomes x 7 applicant types: 1.29 M rows, over one Arrow batch


def _tables(ids: list[str]) -> WarehouseTables:
    reports = pl.DataFrame({"report_id": ids, "source_file": [f"{i}.txt" for i in ids]},
                           schema={"report_id": pl.String, "source_file": pl.String})
    reports = reports.with_columns(
        source_format=pl.lit("text"), year=pl.lit(2020, pl.Int32), template=pl.lit("2019"),
        script=pl.lit("simplified"), published_on=pl.lit(dt.date(2021, 1, 1)),
        status=pl.lit("valid"),
    ).select([pl.col(c) if c in ("report_id", "source_file", "source_format", "year",
                                 "template", "script", "published_on", "status")
              else pl.lit(None, dtype).alias(c) for c, dtype in REPORT_SCHEMA.items()])
    cells = pl.DataFrame({"outcome": list(vocabulary.OUTCOME_CODES_SINGLE_OTHER)}).join(
        pl.DataFrame({"applicant_type": [t.code for t in vocabulary.APPLICANT_TYPES]}),
        how="cross")
    applications = reports.select("report_id").join(cells, how="cross").with_columns(
        count=pl.lit(1, pl.Int64), source_line=pl.lit(7, pl.Int32), raw_text=pl.lit("1"))
    return WarehouseTables(
        reports=reports,
        applications=applications.select(list(APPLICATION_SCHEMA)).cast(APPLICATION_SCHEMA),
        review_litigation=pl.DataFrame(schema=REVIEW_SCHEMA),
        proactive=pl.DataFrame(schema=PROACTIVE_SCHEMA),
        checks=pl.DataFrame(schema=CHECK_SCHEMA),
        issues=pl.DataFrame(schema=ISSUE_SCHEMA),
    )


def test_every_reused_row_arrives_when_the_old_warehouse_is_large(tmp_path: Path) -> None:
    ids = [f"{i:064x}" for i in range(REPORTS)]
    first = tmp_path / "first.duckdb"
    build_warehouse(first, _tables(ids))
    new_id = f"{REPORTS:064x}"
    tables = _tables([new_id])
    reused = _tables(ids).reports
    again = WarehouseTables(
        reports=pl.concat([tables.reports, reused]), applications=tables.applications,
        review_litigation=tables.review_litigation, proactive=tables.proactive,
        checks=tables.checks, issues=tables.issues,
        reuse=Reuse(first, pl.Series(ids)))
    second = tmp_path / "second.duckdb"
    summary = build_warehouse(second, again)
    cells = len(vocabulary.OUTCOME_CODES_SINGLE_OTHER) * len(vocabulary.APPLICANT_TYPES)
    assert summary.row_counts["fact_applications"] == (REPORTS + 1) * cells
    with connect_readonly(second) as con:
        per_report = con.execute(
            "SELECT count(DISTINCT report_id), min(n), max(n) FROM "
            "(SELECT report_id, count(*) AS n FROM fact_applications GROUP BY report_id)"
        ).fetchone()
    assert per_report == (REPORTS + 1, cells, cells)
