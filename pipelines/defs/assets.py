"""The pipeline as assets: raw files -> parsed (converted on the way) -> validated -> warehouse
tables."""

import dataclasses
from pathlib import Path

import dagster as dg
import polars as pl

from pipelines.defs.priorities import CRITICAL_PATH
from pipelines.defs.resources import RawFolder, WarehouseFile
from pipelines.ingest import (
    MIN_FILES_PER_BUCKET,
    PARSE_BUCKETS,
    IngestPlan,
    RawFile,
    SlowReads,
    bucket_files,
    parse_into_parts,
    plan_ingest,
    scan_raw_folder,
    shared_mode,
    unchanged_since,
)
from pipelines.staging import Part, remove_finished_runs, run_folder, total_rows
from pipelines.validation import validate_parts
from pipelines.warehouse import (
    ParquetFiles,
    Reuse,
    TableRows,
    WarehouseTables,
    build_warehouse,
    predates_definitions,
    read_previous_reports,
)

CONTRACT_TABLES = {
    "reports": "One row per file in the raw folder: metadata and status.",
    "fact_applications": "Table 3: applications by outcome and applicant type.",
    "fact_review_litigation": "Table 4: reconsideration and litigation by result.",
    "fact_proactive_disclosure": "Table 2: proactive disclosure by item and measure.",
    "report_checks": "Every SPEC §6 check attempted: pass, fail or not_checked.",
    "report_issues": "Failed checks, parser guesses and rejection reasons.",
}


def _staging_root(context: dg.OpExecutionContext | dg.AssetExecutionContext) -> Path:
    # Beside the IO manager's outputs: every step of a run, in any process, can reach it.
    return Path(context.instance.storage_directory()) / "staging"


def _staging(context: dg.OpExecutionContext | dg.AssetExecutionContext, *parts: str) -> Path:
    """This run's folder for staged Parquet parts (pipelines.staging)."""
    return run_folder(_staging_root(context), context.run.run_id).joinpath(*parts)


def _remove_staging_of_finished_runs(context: dg.AssetExecutionContext) -> None:
    def active(run_id: str) -> bool:
        run = context.instance.get_run_by_id(run_id)
        return run is not None and not run.is_finished

    removed = remove_finished_runs(_staging_root(context), active)
    if removed:
        context.log.info(f"removed the staged parts of {len(removed)} finished run(s)")


@dg.asset(group_name="ingest", description="Files in the raw folder with their sha256.")
def raw_files(context: dg.AssetExecutionContext, raw_folder: RawFolder) -> list[RawFile]:
    _remove_staging_of_finished_runs(context)
    files = scan_raw_folder(raw_folder.resolved())
    context.add_output_metadata({
        "files": len(files),
        "bytes": sum(f.size for f in files),
        "unreadable": sum(1 for f in files if f.problem),
        "raw_folder": str(raw_folder.resolved()),
    })
    return files


class ParseBucketsConfig(dg.Config):
    """How finely new content is split into parse steps (static hash buckets of sha256)."""

    buckets: int = PARSE_BUCKETS
    min_files_per_bucket: int = MIN_FILES_PER_BUCKET


def _plan(warehouse: WarehouseFile, raw_files: list[RawFile]) -> IngestPlan:
    # Runs are serialized on the warehouse (jobs.py), so the previous warehouse is the same
    # when parsed_reports and validated_reports each read it.
    target = warehouse.resolved()
    return plan_ingest(raw_files, read_previous_reports(target), target)


@dg.op(out=dg.DynamicOut(list[RawFile]))
def plan_parse(context: dg.OpExecutionContext, config: ParseBucketsConfig,
               warehouse: WarehouseFile, raw_files: list[RawFile]):
    """Content already in the warehouse is reused; the rest is cut into buckets, one parse
    step each, which the run's executor spreads over processes, pods or workers."""
    plan = _plan(warehouse, raw_files)
    context.log.info(f"{len(plan.to_parse)} files to parse, {plan.reused_reports.height} "
                     f"reused, {len(plan.removed)} removed since the last load")
    buckets = bucket_files(plan.to_parse, config.buckets, config.min_files_per_bucket)
    for bucket, files in buckets.items():
        yield dg.DynamicOutput(files, mapping_key=f"bucket_{bucket}")


@dg.op
def parse_bucket(context: dg.OpExecutionContext, raw_folder: RawFolder,
                 files: list[RawFile]) -> list[Part]:
    """Convert (HTML, PDF, .docx) and parse one bucket, a document at a time, into staged
    Parquet parts; only the list of parts is returned, never the documents' text."""
    total = len(files)

    def progress(done: int) -> None:
        context.log.info(f"parsed {done}/{total} reports")

    key = context.get_mapping_key() or "bucket"
    slow = SlowReads()
    parts = list(parse_into_parts(raw_folder.resolved(), files,
                                  _staging(context, "parsed", key), progress, slow=slow))
    context.add_output_metadata({"pdf_reports_read_slowly": slow.reports,
                                 "pdf_pages_read_slowly": slow.pages})
    return parts


@dg.op
def merge_buckets(context: dg.OpExecutionContext, buckets: list[list[Part]]) -> list[Part]:
    parts = [part for bucket in buckets for part in bucket]
    context.add_output_metadata({
        "reports": total_rows(parts, "reports"),
        "buckets": len(buckets),
        "parts": len(parts),
        "application_facts": total_rows(parts, "applications"),
        "review_litigation_facts": total_rows(parts, "review_litigation"),
        "proactive_facts": total_rows(parts, "proactive"),
        "parse_issues": total_rows(parts, "issues"),
    })
    return parts


@dg.graph_asset(
    group_name="ingest",
    description="Each new raw file parsed into metadata and facts (one frame per table), "
                "in parallel buckets, staged as Parquet parts; content already in the "
                "warehouse is not parsed again.",
)
def parsed_reports(raw_files: list[RawFile]) -> list[Part]:
    buckets = plan_parse(raw_files)
    return merge_buckets(buckets.map(parse_bucket).collect())


@dg.asset(group_name="validate", op_tags=CRITICAL_PATH,
          description="SPEC §6 checks over the new content; each report's final status. "
                      "Reused content keeps the checks and status it was stored with.")
def validated_reports(context: dg.AssetExecutionContext, warehouse: WarehouseFile,
                      raw_files: list[RawFile], parsed_reports: list[Part]) -> WarehouseTables:
    ingest_plan = _plan(warehouse, raw_files)
    checked = validate_parts(parsed_reports, _staging(context, "validated"))
    reused = ingest_plan.reused_reports
    reports = pl.concat([checked.reports, reused], how="diagonal_relaxed").sort("source_file")
    reuse = (Reuse(ingest_plan.previous, ingest_plan.reused_ids)
             if ingest_plan.previous is not None and reused.height else None)
    tables = dataclasses.replace(checked, reports=reports, reuse=reuse,
                                 mode_cap=shared_mode(raw_files))
    context.add_output_metadata({
        **_status_counts(tables.reports),
        **{f"checks_{status}": n for status, n in _check_statuses(tables.checks).items()},
        "issues": tables.issues.height,
        "reused_reports": reused.height,
        "removed_files": len(ingest_plan.removed),
    })
    return tables


@dg.multi_asset(
    group_name="warehouse",
    op_tags=CRITICAL_PATH,
    ins={"validated_reports": dg.AssetIn()},
    specs=[dg.AssetSpec(name, description=text, deps=["validated_reports"], kinds={"duckdb"})
           for name, text in CONTRACT_TABLES.items()],
    description="Builds the DuckDB warehouse beside the old one and swaps it in atomically.",
)
def warehouse_tables(context: dg.AssetExecutionContext, warehouse: WarehouseFile,
                     validated_reports: WarehouseTables):
    target = warehouse.resolved()
    tables = validated_reports
    new_rows = sum(getattr(tables, f).height for f in ("applications", "review_litigation",
                                                        "proactive", "checks", "issues"))
    if (unchanged_since(tables.reports, new_rows, read_previous_reports(target))
            and not predates_definitions(target)):
        # Nothing new, changed or removed, and built by the current SQL: the warehouse
        # already holds exactly this.
        context.log.info(f"warehouse {target} is up to date; not rebuilt")
        for name in CONTRACT_TABLES:
            yield dg.MaterializeResult(asset_key=name, metadata={"path": str(target),
                                                                 "rebuilt": False})
        return
    summary = build_warehouse(target, tables)
    context.log.info(f"warehouse written to {target}")
    for name in CONTRACT_TABLES:
        metadata: dict[str, object] = {"rows": summary.row_counts[name],
                                       "path": str(target), "rebuilt": True,
                                       "amended_copy": summary.amended}
        if name == "reports":
            metadata.update(_status_counts(validated_reports.reports))
        yield dg.MaterializeResult(asset_key=name, metadata=metadata)


def _check_statuses(checks: TableRows) -> dict[str, int]:
    # Only the status column of the staged files is read.
    if isinstance(checks, ParquetFiles):
        if not checks.paths:
            return {}
        checks = pl.scan_parquet(list(checks.paths)).select("status").collect()
    return _count(checks, "status")


def _count(frame: pl.DataFrame, column: str) -> dict[str, int]:
    counts = frame.group_by(column).len()
    return {str(key): int(n) for key, n in counts.iter_rows()}


def _status_counts(reports: pl.DataFrame) -> dict[str, int]:
    counts = _count(reports, "status")
    return {status: counts.get(status, 0) for status in ("valid", "flagged", "rejected")}
