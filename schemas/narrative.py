"""Prose against tables: each figure a report restates in words is compared with the cell
it restates (`narrative_vs_table`). A difference is a warning: either the report
contradicts itself or a table was misread, and analysts use it to find both."""

from __future__ import annotations

import polars as pl

from pipelines.frames import CHECK_SCHEMA, ISSUE_SCHEMA, Batch

CHECK_NAME = "narrative_vs_table"

_FACTS = {
    "applications": ("outcome", "applicant_type", "count"),
    "review_litigation": ("proceeding", "result", "count"),
}


def narrative_checks(batch: Batch) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One report_checks row per stated figure; one warning issue per difference."""
    claims = batch.claims
    if claims.is_empty():
        return pl.DataFrame(schema=CHECK_SCHEMA), pl.DataFrame(schema=ISSUE_SCHEMA)
    cells = pl.concat([
        getattr(batch, table).select(
            "report_id", pl.lit(table).alias("table_name"), pl.col(row).alias("row"),
            pl.col(col).alias("col"), pl.col(value).alias("table_value"))
        for table, (row, col, value) in _FACTS.items()
    ])
    joined = claims.join(cells, on=["report_id", "table_name", "row", "col"], how="left")
    lhs = pl.col("value").cast(pl.Float64)
    rhs = pl.col("table_value").cast(pl.Float64)
    status = (pl.when(rhs.is_null()).then(pl.lit("not_checked"))
              .when(lhs == rhs).then(pl.lit("pass")).otherwise(pl.lit("fail")))
    subject = pl.concat_str([pl.col("row"), pl.col("col")], separator="/")
    detail = pl.format("line {}: {} -> {}; table says {}", pl.col("source_line"),
                       pl.col("text"), pl.col("value"),
                       pl.col("table_value").cast(pl.String).fill_null("blank"))
    checks = joined.select(
        "report_id", pl.lit(CHECK_NAME).alias("check_name"), subject.alias("subject"),
        status.alias("status"), lhs.alias("lhs"), rhs.alias("rhs"), detail.alias("detail"),
    ).sort("report_id", "subject")
    issues = checks.filter(pl.col("status") == "fail").select(
        "report_id", "check_name", pl.lit("warning").alias("severity"),
        pl.format("the text states {} where the table prints {} ({})", pl.col("lhs").cast(
            pl.Int64), pl.col("rhs").cast(pl.Int64), pl.col("detail")).alias("message"),
    )
    return checks.cast(CHECK_SCHEMA), issues.cast(ISSUE_SCHEMA)
