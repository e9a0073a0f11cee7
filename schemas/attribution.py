"""Is a failed identity the report's fault or ours?

A table read cleanly (every row found, no alignment or label guess) that fails an
identity is wrong at its source: the numbers are kept as printed and the issue says so.
If the parser had to guess in that table, the same failure may be a misread and is
reported under another check name, so analysts can tell the two apart.
"""

from __future__ import annotations

import polars as pl

MISREAD = "possible_misread"
# The table each arithmetic check reads (parse issues name their table as "table N").
_CHECK_TABLE = {"balance": "3", "row_total": "3", "outcome_total": "3", "review_total": "4"}


def attribute_failures(check_issues: pl.DataFrame, parse_issues: pl.DataFrame) -> pl.DataFrame:
    """`check_issues` with each failure of a table's content named as the source's
    (`source inconsistent: …`) or as a possible misread. The table a check read comes
    from its name, or from a `table` column ("3") where the issues carry one (a figure of
    the prose is checked against whichever table it restates)."""
    guessed = (
        parse_issues.filter(pl.col("check_name").str.starts_with("parse_"))
        .select("report_id", pl.col("message").str.extract(r"\btable (\d)\b").alias("table"))
        .drop_nulls("table").unique()
        .with_columns(pl.lit(True).alias("guessed"))
    )
    table = pl.col("check_name").replace_strict(_CHECK_TABLE, default=None)
    if "table" in check_issues.columns:
        table = pl.coalesce(pl.col("table"), table)
    marked = (check_issues.with_columns(table.alias("table"))
              .join(guessed, on=["report_id", "table"], how="left"))
    arithmetic = pl.col("table").is_not_null()
    misread = arithmetic & pl.col("guessed").fill_null(False)
    return marked.select(
        "report_id",
        pl.when(misread).then(pl.lit(MISREAD)).otherwise(pl.col("check_name"))
        .alias("check_name"),
        "severity",
        pl.when(misread)
        .then(pl.format("{} (the parser had to guess in table {}; this may be a misread)",
                        pl.col("message"), pl.col("table")))
        .when(arithmetic)
        .then(pl.format("source inconsistent: {}", pl.col("message")))
        .otherwise(pl.col("message"))
        .alias("message"),
    )
