"""The pipeline as assets: raw files -> parsed -> validated -> warehouse tables."""

import dagster as dg
import polars as pl

from pipelines.defs.resources import RawFolder, WarehouseFile
from pipelines.frames import Batch, build_batch
from pipelines.ingest import RawFile, parse_files, scan_raw_folder
from pipelines.validation import validate_batch
from pipelines.warehouse import WarehouseTables, build_warehouse

CONTRACT_TABLES = {
    "reports": "One row per file in the raw folder: metadata and status.",
    "fact_applications": "Table 3: applications by outcome and applicant type.",
    "fact_review_litigation": "Table 4: reconsideration and litigation by result.",
    "fact_proactive_disclosure": "Table 2: proactive disclosure by item and measure.",
    "report_checks": "Every SPEC §6 check attempted: pass, fail or not_checked.",
    "report_issues": "Failed checks, parser guesses and rejection reasons.",
}


@dg.asset(group_name="ingest", description="Files in the raw folder with their sha256.")
def raw_files(context: dg.AssetExecutionContext, raw_folder: RawFolder) -> list[RawFile]:
    files = scan_raw_folder(raw_folder.resolved())
    context.add_output_metadata({
        "files": len(files),
        "bytes": sum(f.size for f in files),
        "unreadable": sum(1 for f in files if f.problem),
        "raw_folder": str(raw_folder.resolved()),
    })
    return files


@dg.asset(group_name="ingest",
          description="Each raw file parsed into metadata and facts (one frame per table).")
def parsed_reports(context: dg.AssetExecutionContext, raw_folder: RawFolder,
                   raw_files: list[RawFile]) -> Batch:
    total = len(raw_files)
    step = max(1, total // 20)

    def progress(done: int) -> None:
        if done % step == 0 or done == total:
            context.log.info(f"parsed {done}/{total} reports")

    batch = build_batch(parse_files(raw_folder.resolved(), raw_files, progress))
    rejected = batch.reports.filter(pl.col("status") == "rejected").height
    context.add_output_metadata({
        "reports": batch.reports.height,
        "rejected": rejected,
        "application_facts": batch.applications.height,
        "review_litigation_facts": batch.review_litigation.height,
        "proactive_facts": batch.proactive.height,
        "parse_issues": batch.issues.height,
    })
    return batch


@dg.asset(group_name="validate",
          description="SPEC §6 checks over the whole batch; each report's final status.")
def validated_reports(context: dg.AssetExecutionContext,
                      parsed_reports: Batch) -> WarehouseTables:
    tables = validate_batch(parsed_reports)
    context.add_output_metadata({
        **_status_counts(tables.reports),
        **{f"checks_{status}": n for status, n in _count(tables.checks, "status").items()},
        "issues": tables.issues.height,
    })
    return tables


@dg.multi_asset(
    group_name="warehouse",
    ins={"validated_reports": dg.AssetIn()},
    specs=[dg.AssetSpec(name, description=text, deps=["validated_reports"], kinds={"duckdb"})
           for name, text in CONTRACT_TABLES.items()],
    description="Builds the DuckDB warehouse beside the old one and swaps it in atomically.",
)
def warehouse_tables(context: dg.AssetExecutionContext, warehouse: WarehouseFile,
                     validated_reports: WarehouseTables):
    summary = build_warehouse(warehouse.resolved(), validated_reports)
    context.log.info(f"warehouse written to {warehouse.resolved()}")
    for name in CONTRACT_TABLES:
        metadata: dict[str, object] = {"rows": summary.row_counts[name],
                                       "path": str(warehouse.resolved())}
        if name == "reports":
            metadata.update(_status_counts(validated_reports.reports))
        yield dg.MaterializeResult(asset_key=name, metadata=metadata)


def _count(frame: pl.DataFrame, column: str) -> dict[str, int]:
    counts = frame.group_by(column).len()
    return {str(key): int(n) for key, n in counts.iter_rows()}


def _status_counts(reports: pl.DataFrame) -> dict[str, int]:
    counts = _count(reports, "status")
    return {status: counts.get(status, 0) for status in ("valid", "flagged", "rejected")}
