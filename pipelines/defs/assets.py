"""The pipeline as assets: raw files -> parsed (converted on the way) -> validated -> warehouse
tables."""

import dataclasses
import json
from pathlib import Path

import dagster as dg
import polars as pl

from pipelines import versions
from pipelines.content_index import ContentIndex, index_path
from pipelines.defs.priorities import CRITICAL_PATH, WAREHOUSE_POOL
from pipelines.defs.resources import RawFolder, WarehouseFile
from pipelines.defs.retention import Retention, prune_runs
from pipelines.defs.run_health import fail_dead_runs
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
    WarehouseMoved,
    WarehouseStamp,
    WarehouseTables,
    build_warehouse,
    built_by_current_code,
    read_previous_reports,
    warehouse_stamp,
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


def _tidy_run_storage(context: dg.AssetExecutionContext) -> None:
    """Fail runs whose process died, drop expired runs, and remove the staged parts of
    runs that have finished (a dead one included)."""
    dead = fail_dead_runs(context.instance)
    if dead:
        context.log.warning(f"failed {len(dead)} run(s) whose process was gone: "
                            f"{', '.join(dead)}")
    expired = prune_runs(context.instance, Retention.from_environment())
    if expired:
        context.log.info(f"removed {len(expired)} run(s) past their retention")

    def active(run_id: str) -> bool:
        run = context.instance.get_run_by_id(run_id)
        return run is not None and not run.is_finished

    removed = remove_finished_runs(_staging_root(context), active)
    if removed:
        context.log.info(f"removed the staged parts of {len(removed)} finished run(s)")


@dg.asset(group_name="ingest", description="Files in the raw folder with their sha256.")
def raw_files(context: dg.AssetExecutionContext, raw_folder: RawFolder,
              warehouse: WarehouseFile) -> list[RawFile]:
    _tidy_run_storage(context)
    # Files whose stat is unchanged since the last scan are not read again.
    index_file = index_path(warehouse.resolved())
    index = ContentIndex.load(index_file)
    files = scan_raw_folder(raw_folder.resolved(), index)
    index.save(index_file)
    context.add_output_metadata({
        "files": len(files),
        "bytes": sum(f.size for f in files),
        "hashed": index.hashed,
        "known_by_stat": index.hits,
        "unreadable": sum(1 for f in files if f.problem),
        "raw_folder": str(raw_folder.resolved()),
    })
    return files


class ParseBucketsConfig(dg.Config):
    """How finely new content is split into parse steps (static hash buckets of sha256)."""

    buckets: int = PARSE_BUCKETS
    min_files_per_bucket: int = MIN_FILES_PER_BUCKET


def _plan(warehouse: WarehouseFile, raw_files: list[RawFile]) -> tuple[IngestPlan, WarehouseStamp]:
    """The ingest plan, and the warehouse it was made against (stamped before it is read:
    a warehouse swapped in while it is read shows as a different one)."""
    target = warehouse.resolved()
    stamp = warehouse_stamp(target)
    plan = plan_ingest(raw_files, read_previous_reports(target), target,
                       versions.parser_version())
    return plan, stamp


_PLAN_STAMP = "planned-against.json"


def _same_warehouse(context: dg.AssetExecutionContext, stamp: WarehouseStamp) -> None:
    """Refuse to go on when the warehouse that the parse steps planned against was replaced
    by another load since: what was parsed and what is reused would not fit together."""
    recorded = _staging(context, _PLAN_STAMP)
    if not recorded.exists():  # the parse steps did not run in this run
        return
    planned = json.loads(recorded.read_text(encoding="utf-8"))
    if (tuple(planned) if planned is not None else None) != stamp:
        raise WarehouseMoved(
            "the warehouse was replaced by another load while this run parsed; nothing "
            "written, the next run loads from the new one")


@dg.op(out=dg.DynamicOut(list[RawFile]))
def plan_parse(context: dg.OpExecutionContext, config: ParseBucketsConfig,
               warehouse: WarehouseFile, raw_files: list[RawFile]):
    """Content already in the warehouse is reused; the rest is cut into buckets, one parse
    step each, which the run's executor spreads over processes, pods or workers."""
    plan, stamp = _plan(warehouse, raw_files)
    recorded = _staging(context, _PLAN_STAMP)
    recorded.parent.mkdir(parents=True, exist_ok=True)
    recorded.write_text(json.dumps(stamp), encoding="utf-8")
    context.log.info(f"{len(plan.to_parse)} files to parse ({len(plan.reparsed)} of them "
                     f"stored by another parser version), {plan.reused_reports.height} "
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
    ingest_plan, stamp = _plan(warehouse, raw_files)
    _same_warehouse(context, stamp)
    checked = validate_parts(parsed_reports, _staging(context, "validated"))
    reused = ingest_plan.reused_reports
    reports = pl.concat([checked.reports, reused], how="diagonal_relaxed").sort("source_file")
    reuse = (Reuse(ingest_plan.previous, ingest_plan.reused_ids)
             if ingest_plan.previous is not None and reused.height else None)
    tables = dataclasses.replace(checked, reports=reports, reuse=reuse,
                                 mode_cap=shared_mode(raw_files), planned_against=stamp)
    context.add_output_metadata({
        **_status_counts(tables.reports),
        **{f"checks_{status}": n for status, n in _check_statuses(tables.checks).items()},
        "issues": tables.issues.height,
        "reused_reports": reused.height,
        "reparsed_reports": len(ingest_plan.reparsed),
        "parser_version": versions.parser_version(),
        "removed_files": len(ingest_plan.removed),
    })
    return tables


@dg.multi_asset(
    group_name="warehouse",
    op_tags=CRITICAL_PATH,
    # One load at a time on the instance, whichever way its run started (dagster.yaml
    # gives the pool one slot); build_warehouse's lock file also covers other instances.
    pool=WAREHOUSE_POOL,
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
            and built_by_current_code(target)):
        # Nothing new, changed or removed, and built by the current SQL and parser: the
        # warehouse already holds exactly this.
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
