"""Warehouse tables from handmade reports with the status each test decides, and no checks:
the view tests need a known status per file without running the SPEC §6 checks."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from pipelines.frames import CHECK_SCHEMA, ParseOutcome, build_batch
from pipelines.warehouse import WarehouseTables


def tables_with_status(outcomes: Sequence[ParseOutcome], status: dict[str, str]
                       ) -> WarehouseTables:
    """The batch of `outcomes`, each report given `status[source_file]`."""
    batch = build_batch(list(outcomes))
    reports = batch.reports.with_columns(status=pl.col("source_file").replace_strict(status))
    return WarehouseTables(
        reports=reports, applications=batch.applications,
        review_litigation=batch.review_litigation, proactive=batch.proactive,
        checks=pl.DataFrame(schema=CHECK_SCHEMA), issues=batch.issues,
    )
