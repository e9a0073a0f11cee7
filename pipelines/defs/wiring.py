"""What every asset and job of the project shares: resources, executor and console."""

import dagster as dg

from pipelines.defs.console import stage_console
from pipelines.defs.report import ReportFile
from pipelines.defs.resources import RawFolder, WarehouseFile
from pipelines.defs.storage import STORAGE_RESOURCES

defs = dg.Definitions(
    resources={"raw_folder": RawFolder(), "warehouse": WarehouseFile(),
               "report_file": ReportFile(), **STORAGE_RESOURCES},
    # Steps are few and coarse; a process per step would cost seconds each (PLATFORM.md).
    executor=dg.in_process_executor,
    loggers={"console": stage_console},
)
