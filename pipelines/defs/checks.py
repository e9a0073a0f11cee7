"""pandera results as Dagster asset checks: what failed, and how many."""

import dagster as dg
import polars as pl

from pipelines.defs.priorities import BLOCKING_CHECK
from pipelines.frames import read_batch
from pipelines.ingest import RawFile
from pipelines.staging import Part
from pipelines.warehouse import ParquetFiles, TableRows, WarehouseTables
from schemas.checks import build_wide_frames
from schemas.models import (
    FRAME_MODELS,
    ApplicationColumnsModel,
    ApplicationRowsModel,
    FinalReportsModel,
    ReportChecksModel,
    ReviewLitigationModel,
    failure_cases,
)

_SAMPLE_ROWS = 10


def _result(failures: pl.DataFrame, severity: dg.AssetCheckSeverity,
            **metadata: object) -> dg.AssetCheckResult:
    by_check = (failures.group_by("check").len().sort("check")
                if failures.height else pl.DataFrame())
    return dg.AssetCheckResult(
        passed=failures.height == 0,
        severity=severity,
        metadata={
            "failure_cases": failures.height,
            "by_check": dg.MetadataValue.md(_markdown(by_check)),
            "sample": dg.MetadataValue.md(_markdown(failures.head(_SAMPLE_ROWS))),
            **metadata,
        },
    )


def _markdown(frame: pl.DataFrame) -> str:
    if frame.is_empty():
        return "none"
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([header, rule, *rows])


@dg.asset_check(asset="parsed_reports", blocking=True, op_tags=BLOCKING_CHECK,
                description="Every parsed frame has the contract's columns, types and codes. "
                            "A failure is a parser bug; it stops the load.")
def parsed_frames_match_schema(parsed_reports: list[Part]) -> dg.AssetCheckResult:
    failures = _concat(
        [failure_cases(model, getattr(batch, name)).with_columns(pl.lit(name).alias("frame"))
         for batch in map(read_batch, parsed_reports) for name, model in FRAME_MODELS.items()])
    return _result(failures, dg.AssetCheckSeverity.ERROR)


def _concat(failures: list[pl.DataFrame]) -> pl.DataFrame:
    # Staged parts are checked one at a time, so a corpus never has to fit in memory.
    return pl.concat(failures, how="diagonal_relaxed") if failures else pl.DataFrame()


def _frames(rows: TableRows) -> list[pl.DataFrame]:
    if isinstance(rows, ParquetFiles):
        return [pl.read_parquet(path) for path in rows.paths]
    return [rows]


@dg.asset_check(asset="validated_reports", blocking=True, op_tags=BLOCKING_CHECK,
                description="Final report statuses and report_checks rows are well formed.")
def validated_frames_match_schema(validated_reports: WarehouseTables) -> dg.AssetCheckResult:
    failures = _concat(
        [failure_cases(FinalReportsModel, validated_reports.reports),
         *(failure_cases(ReportChecksModel, checks)
           for checks in _frames(validated_reports.checks))])
    return _result(failures, dg.AssetCheckSeverity.ERROR)


@dg.asset_check(asset="validated_reports",
                additional_ins={"parsed_reports": dg.AssetIn("parsed_reports")},
                description="Table 3 arithmetic (勾稽关系, row totals, outcome totals) over "
                            "every report. Failing reports are loaded and flagged, so this "
                            "warns rather than blocks.")
def applications_arithmetic(parsed_reports: list[Part],
                            validated_reports: WarehouseTables) -> dg.AssetCheckResult:
    failures = _concat(
        [failure_cases(model, frame)
         for wide in (build_wide_frames(read_batch(part)) for part in parsed_reports)
         for model, frame in ((ApplicationColumnsModel, wide.application_columns),
                              (ApplicationRowsModel, wide.application_rows))])
    flagged = validated_reports.reports.filter(pl.col("status") == "flagged").height
    return _result(failures, dg.AssetCheckSeverity.WARN, flagged_reports=flagged)


@dg.asset_check(asset="validated_reports",
                additional_ins={"parsed_reports": dg.AssetIn("parsed_reports")},
                description="Table 4: total = upheld + corrected + other + pending.")
def review_litigation_arithmetic(parsed_reports: list[Part]) -> dg.AssetCheckResult:
    failures = _concat([
        failure_cases(ReviewLitigationModel, build_wide_frames(read_batch(part)).review)
        for part in parsed_reports])
    return _result(failures, dg.AssetCheckSeverity.WARN)


@dg.asset_check(asset="validated_reports", blocking=True, op_tags=BLOCKING_CHECK,
                additional_ins={"raw_files": dg.AssetIn("raw_files")},
                description="Every file in the raw folder has exactly one report row. A "
                            "failure means the warehouse would not mirror the folder: it "
                            "stops the load, and the previous warehouse stays.")
def every_file_reported(raw_files: list[RawFile],
                        validated_reports: WarehouseTables) -> dg.AssetCheckResult:
    listed = sorted(f.source_file for f in raw_files)
    reported = sorted(validated_reports.reports["source_file"].to_list())
    missing = sorted(set(listed) - set(reported))
    return dg.AssetCheckResult(
        passed=listed == reported,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"files": len(listed), "reports": len(reported),
                  "missing": ", ".join(missing[:_SAMPLE_ROWS]) or "none"},
    )


ASSET_CHECKS = [
    parsed_frames_match_schema,
    validated_frames_match_schema,
    applications_arithmetic,
    review_litigation_arithmetic,
    every_file_reported,
]
