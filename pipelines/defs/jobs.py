"""One job that materializes everything; the schedule and the sensor both run it."""

import dagster as dg

ingest_job = dg.define_asset_job(
    "ingest",
    selection=dg.AssetSelection.all(),
    description="Scan the raw folder, parse, validate and rebuild the warehouse.",
    # DuckDB takes one writer: a run for new files waits for the running one.
    tags={"dagster/concurrency_key": "warehouse"},
    # The parse buckets are separate steps: a process each here, a pod each with
    # dagster-k8s's k8s_job_executor, a task each with dagster-celery; swapping the executor
    # is the whole change. `make run` (asset materialize) keeps the in-process executor of
    # the Definitions, quicker for small folders.
    # A forkserver that has imported the code once makes a step start in well under a
    # second instead of the ~10 s of a fresh interpreter (PLATFORM.md).
    executor_def=dg.multiprocess_executor.configured({
        "start_method": {"forkserver": {"preload_modules": ["pipelines.definitions"]}},
    }),
)
