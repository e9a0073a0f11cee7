"""One job that materializes everything; the schedule and the sensor both run it."""

import dagster as dg

from pipelines.defs.executor import multiprocess_or_celery

ingest_job = dg.define_asset_job(
    "ingest",
    selection=dg.AssetSelection.all(),
    description="Scan the raw folder, parse, validate and rebuild the warehouse.",
    # DuckDB takes one writer: a run for new files waits for the running one.
    tags={"dagster/concurrency_key": "warehouse"},
    # The parse buckets are separate steps: a process each by default, a Celery task each
    # when the run's config selects `celery` (pipelines/defs/executor.py), a pod each with
    # dagster-k8s's k8s_job_executor. `make run` (asset materialize) keeps the in-process
    # executor of the Definitions, quicker for small folders.
    executor_def=multiprocess_or_celery,
)
