"""Parsed batch -> checked batch: SPEC §6 checks, prose against tables, final status."""

from __future__ import annotations

import polars as pl

from pipelines.frames import Batch
from pipelines.warehouse import WarehouseTables
from schemas.attribution import attribute_failures
from schemas.checks import finalize_status, run_checks
from schemas.narrative import narrative_checks


def validate_batch(batch: Batch) -> WarehouseTables:
    """Every report stays in the batch: a failed check flags it, nothing is dropped."""
    checked = run_checks(batch)
    narrative, narrative_issues = narrative_checks(batch)
    issues = pl.concat([
        batch.issues,
        _naming_files(pl.concat([attribute_failures(checked.issues, batch.issues),
                                 narrative_issues], how="vertical"), batch.reports),
    ], how="vertical")
    return WarehouseTables(
        reports=finalize_status(batch.reports, issues),
        applications=batch.applications,
        review_litigation=batch.review_litigation,
        proactive=batch.proactive,
        checks=pl.concat([checked.checks, narrative], how="vertical"),
        issues=issues,
    )


def _naming_files(issues: pl.DataFrame, reports: pl.DataFrame) -> pl.DataFrame:
    """Prefix each check's message with its file, as parse issues are (the first file
    when several share the content)."""
    first_file = reports.group_by("report_id").agg(pl.col("source_file").min())
    return (issues.join(first_file, on="report_id", how="left")
            .with_columns(pl.format("{}: {}", pl.col("source_file"), pl.col("message"))
                          .alias("message"))
            .drop("source_file"))
