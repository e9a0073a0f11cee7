"""One job that materializes everything; the schedule and the sensor both run it."""

import dagster as dg

ingest_job = dg.define_asset_job(
    "ingest",
    selection=dg.AssetSelection.all(),
    description="Scan the raw folder, parse, validate and rebuild the warehouse.",
    # DuckDB takes one writer: a run for new files waits for the running one.
    tags={"dagster/concurrency_key": "warehouse"},
)
