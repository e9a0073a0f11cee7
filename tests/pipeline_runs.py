"""Running the real ingest job in tests, the way `make run` does, into a chosen warehouse."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.definitions import defs
from pipelines.defs.resources import RawFolder, WarehouseFile


def run_ingest(raw: Path, warehouse: Path) -> dg.ExecuteInProcessResult:
    """The `ingest` job on `raw` into `warehouse`, on a throwaway Dagster instance.

    Callers assert `.success` themselves, so a failing run shows where it mattered."""
    return defs.resolve_job_def("ingest").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(),
        resources={"raw_folder": RawFolder(path=str(raw)),
                   "warehouse": WarehouseFile(path=str(warehouse))},
    )
