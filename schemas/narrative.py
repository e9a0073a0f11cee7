"""Prose against tables: each figure a report restates in words is compared with the cell
it restates (`narrative_vs_table`). A difference is an error: either the report
contradicts itself or a table was misread (see schemas.attribution, which tells the two
apart by whether the parser had to guess in that table)."""

from __future__ import annotations

import polars as pl

from pipelines.frames import CHECK_SCHEMA, ISSUE_SCHEMA, Batch

CHECK_NAME = "narrative_vs_table"

_FACTS = {
    "applications": ("outcome", "applicant_type", "count"),
    "review_litigation": ("proceeding", "result", "count"),
    "proactive": ("item", "measure", "value"),
}
# The number parse issues give each table ("table 3"), for the attribution of a failure.
TABLE_NUMBER = {"applications": "3", "review_litigation": "4", "proactive": "2"}
# Many reports state as received (共受理 N 件) this year's new applications plus those
# carried over: that sum agrees with the table as well as the new ones alone.
_ALSO_AGREES = ("applications", "new_received", "total", ("new_received", "carried_over"))


def narrative_checks(batch: Batch) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One report_checks row per stated figure; one error issue per difference, with the
    claim's table number in a `table` column (see attribute_failures)."""
    claims = batch.claims
    if claims.is_empty():
        return (pl.DataFrame(schema=CHECK_SCHEMA),
                pl.DataFrame(schema={**ISSUE_SCHEMA, "table": pl.String}))
    cells = pl.concat([
        getattr(batch, table).select(
            "report_id", pl.lit(table).alias("table_name"), pl.col(row).alias("row"),
            pl.col(col).alias("col"), pl.col(value).cast(pl.Float64).alias("table_value"))
        for table, (row, col, value) in _FACTS.items()
    ])
    joined = (claims.join(cells, on=["report_id", "table_name", "row", "col"], how="left")
              .join(_also_agrees(batch), on=["report_id", "table_name", "row", "col"],
                    how="left"))
    lhs = pl.col("value").cast(pl.Float64)
    rhs = pl.col("table_value")
    status = (pl.when(rhs.is_null()).then(pl.lit("not_checked"))
              .when((lhs == rhs) | (lhs == pl.col("also")).fill_null(False))
              .then(pl.lit("pass")).otherwise(pl.lit("fail")))
    subject = pl.concat_str([pl.col("row"), pl.col("col")], separator="/")
    detail = pl.format("line {}: {} -> {}; table says {}", pl.col("source_line"),
                       pl.col("text"), pl.col("value"),
                       _number_text(pl.col("table_value")).fill_null("blank"))
    checks = joined.select(
        "report_id", "table_name", pl.lit(CHECK_NAME).alias("check_name"),
        subject.alias("subject"), status.alias("status"), lhs.alias("lhs"), rhs.alias("rhs"),
        detail.alias("detail"),
    ).sort("report_id", "subject")
    issues = checks.filter(pl.col("status") == "fail").select(
        "report_id", "check_name", pl.lit("error").alias("severity"),
        pl.format("{} failed for table {} {}: the text states {} where the table prints {} "
                  "({})", pl.col("check_name"), pl.col("table_name"), pl.col("subject"),
                  _number_text(pl.col("lhs")), _number_text(pl.col("rhs")),
                  pl.col("detail")).alias("message"),
        pl.col("table_name").replace_strict(TABLE_NUMBER).alias("table"),
    )
    return (checks.drop("table_name").cast(CHECK_SCHEMA),
            issues.cast({**ISSUE_SCHEMA, "table": pl.String}))


def _number_text(value: pl.Expr) -> pl.Expr:
    """12.0 -> "12", 26.5 -> "26.5"."""
    return (pl.when(value == value.round(0)).then(value.cast(pl.Int64).cast(pl.String))
            .otherwise(value.cast(pl.String)))


def _also_agrees(batch: Batch) -> pl.DataFrame:
    """report_id, table_name, row, col, also: a second value the claimed cell may state."""
    table, row, col, terms = _ALSO_AGREES
    name_row, name_col, name_value = _FACTS[table]
    facts = getattr(batch, table)
    summed = (
        facts.filter((pl.col(name_col) == col) & pl.col(name_row).is_in(terms))
        .unique(["report_id", name_row], keep="first")
        .group_by("report_id")
        .agg(pl.when(pl.col(name_value).count() == len(terms))
             .then(pl.col(name_value).sum()).alias("also"))
    )
    return summed.select("report_id", pl.lit(table).alias("table_name"), pl.lit(row).alias("row"),
                         pl.lit(col).alias("col"), pl.col("also").cast(pl.Float64))
