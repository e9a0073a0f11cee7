"""Where the pipeline reads and writes, configured from the environment at run time."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg


class RawFolder(dg.ConfigurableResource):
    """The folder of raw report files. Empty config means $RAW_DIR, else data/raw."""

    path: str = ""

    def resolved(self) -> Path:
        return Path(self.path or os.environ.get("RAW_DIR") or "data/raw")


class WarehouseFile(dg.ConfigurableResource):
    """The DuckDB file. Empty config means $WAREHOUSE_PATH, else data/warehouse.duckdb."""

    path: str = ""

    def resolved(self) -> Path:
        return Path(self.path or os.environ.get("WAREHOUSE_PATH") or "data/warehouse.duckdb")
