"""Parsed batch -> checked batch: SPEC §6 checks, issues merged, final report status."""

from __future__ import annotations

import polars as pl

from pipelines.frames import Batch
from pipelines.warehouse import WarehouseTables
from schemas.checks import finalize_status, run_checks


def validate_batch(batch: Batch) -> WarehouseTables:
    """Every report stays in the batch: a failed check flags it, nothing is dropped."""
    checked = run_checks(batch)
    issues = pl.concat([batch.issues, checked.issues], how="vertical")
    return WarehouseTables(
        reports=finalize_status(batch.reports, issues),
        applications=batch.applications,
        review_litigation=batch.review_litigation,
        proactive=batch.proactive,
        checks=checked.checks,
        issues=issues,
    )
