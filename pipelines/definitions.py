"""The one Dagster entry point: `dagster ... -m pipelines.definitions`."""

import dagster as dg

from pipelines.defs.assets import (
    converted_documents,
    parsed_reports,
    raw_files,
    validated_reports,
    warehouse_tables,
)
from pipelines.defs.checks import ASSET_CHECKS
from pipelines.defs.jobs import ingest_job
from pipelines.defs.report import ReportFile, comparison_report
from pipelines.defs.resources import RawFolder, WarehouseFile
from pipelines.defs.schedules import nightly_ingest
from pipelines.defs.sensors import raw_folder_sensor
from pipelines.defs.storage import STORAGE_RESOURCES

defs = dg.Definitions(
    assets=[raw_files, converted_documents, parsed_reports, validated_reports, warehouse_tables,
            comparison_report],
    asset_checks=ASSET_CHECKS,
    jobs=[ingest_job],
    schedules=[nightly_ingest],
    sensors=[raw_folder_sensor],
    resources={"raw_folder": RawFolder(), "warehouse": WarehouseFile(),
               "report_file": ReportFile(), **STORAGE_RESOURCES},
    # Steps are few and coarse; a process per step would cost seconds each (PLATFORM.md).
    executor=dg.in_process_executor,
)
