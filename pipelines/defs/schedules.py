"""Nightly ingestion at 02:00 China time."""

import dagster as dg

from pipelines.defs.jobs import ingest_job

nightly_ingest = dg.ScheduleDefinition(
    name="nightly_ingest",
    job=ingest_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild the warehouse from the raw folder every night.",
)
