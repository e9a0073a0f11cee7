"""Parsed batch -> checked batch: SPEC §6 checks, prose against tables, final status."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from pipelines.frames import REPORT_SCHEMA, Batch, read_batch
from pipelines.staging import Part, total_rows, write_part
from pipelines.warehouse import ParquetFiles, WarehouseTables
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
                                 attribute_failures(narrative_issues, batch.issues)],
                                how="vertical"), batch.reports),
    ], how="vertical")
    return WarehouseTables(
        reports=finalize_status(batch.reports, issues),
        applications=batch.applications,
        review_litigation=batch.review_litigation,
        proactive=batch.proactive,
        checks=pl.concat([checked.checks, narrative], how="vertical"),
        issues=issues,
        lines=batch.lines,
    )


def _naming_files(issues: pl.DataFrame, reports: pl.DataFrame) -> pl.DataFrame:
    """Prefix each check's message with its file, as parse issues are (the first file
    when several share the content)."""
    first_file = reports.group_by("report_id").agg(pl.col("source_file").min())
    return (issues.join(first_file, on="report_id", how="left")
            .with_columns(pl.format("{}: {}", pl.col("source_file"), pl.col("message"))
                          .alias("message"))
            .drop("source_file"))


def validate_parts(parts: Sequence[Part], folder: Path) -> WarehouseTables:
    """`validate_batch` over staged parts, one at a time: the checks and issues of each go
    to a part of their own below `folder`, the facts stay in the parsed parts' files.

    Every check compares cells of one report, and a report's content lies in one part
    (ingest.parse_into_parts), so checking part by part checks exactly what one call over
    the whole batch would.
    """
    reports: list[pl.DataFrame] = []
    checked_parts: list[Part] = []
    for index, part in enumerate(parts):
        checked = validate_batch(read_batch(part))
        reports.append(checked.reports)
        checked_parts.append(write_part(folder / f"{index:05d}", {
            "checks": checked.checks, "issues": checked.issues}))
    return WarehouseTables(
        reports=pl.concat(reports) if reports else pl.DataFrame(schema=REPORT_SCHEMA),
        applications=_files(parts, "applications"),
        review_litigation=_files(parts, "review_litigation"),
        proactive=_files(parts, "proactive"),
        checks=_files(checked_parts, "checks"),
        issues=_files(checked_parts, "issues"),
        lines=_files(parts, "lines"),
    )


def _files(parts: Sequence[Part], name: str) -> ParquetFiles:
    return ParquetFiles(tuple(part.path(name) for part in parts), total_rows(parts, name))
