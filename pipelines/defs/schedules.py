"""Nightly ingestion at 02:00 China time."""

import dagster as dg

from pipelines.defs.jobs import ingest_job
from pipelines.defs.run_health import fail_dead_runs_of


@dg.schedule(
    name="nightly_ingest",
    job=ingest_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild the warehouse from the raw folder every night.",
)
def nightly_ingest(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    # A dead run would hold the queue that tonight's run joins.
    fail_dead_runs_of(context)
    return dg.RunRequest()
