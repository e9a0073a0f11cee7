"""The comparison report as an asset downstream of the warehouse tables."""

import os
from pathlib import Path

import dagster as dg

from pipelines.comparison import is_current, write_comparison
from pipelines.defs.priorities import CRITICAL_PATH
from pipelines.defs.resources import WarehouseFile

# The tables the metric views read; the report is stale when any of them changes.
_WAREHOUSE_TABLES = ["reports", "fact_applications", "fact_review_litigation", "report_issues"]


class ReportFile(dg.ConfigurableResource):
    """The HTML report. Empty config means $REPORT_PATH, else reports/comparison.html."""

    path: str = ""

    def resolved(self) -> Path:
        return Path(self.path or os.environ.get("REPORT_PATH") or "reports/comparison.html")


@dg.asset(
    group_name="analysis",
    op_tags=CRITICAL_PATH,
    deps=_WAREHOUSE_TABLES,
    kinds={"html"},
    description="reports/comparison.html: disclosure rate by agency and year, applicant mix, "
                "denial reasons, reconsideration and litigation outcomes, flagged reports. "
                "Static, opens offline; read from the warehouse's metric views.",
)
def comparison_report(context: dg.AssetExecutionContext, warehouse: WarehouseFile,
                      report_file: ReportFile) -> dg.MaterializeResult:
    if is_current(report_file.resolved(), warehouse.resolved()):
        context.log.info(f"{report_file.resolved()} already shows this warehouse; not redrawn")
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(str(report_file.resolved().resolve())),
            "rewritten": False})
    summary = write_comparison(warehouse.resolved(), report_file.resolved())
    context.log.info(f"comparison report written to {summary.path}")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(summary.path.resolve())),
        "reports": summary.reports,
        "flagged_reports": summary.flagged_reports,
        "charts": ", ".join(summary.charts),
        "top_comparison": dg.MetadataValue.md(summary.top_markdown),
        "rewritten": True,
    })
