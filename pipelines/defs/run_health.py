"""Runs whose process died: failed at once, so they never hold the queue.

A run killed with SIGKILL (or lost with its machine) cannot report its own end. It stays
STARTED, and with one `warehouse` run allowed at a time every later run of the schedule
and the sensor queues behind it for good. Dagster's run monitoring asks the run launcher
whether a run's worker lives, but the default launcher cannot tell (dagster.yaml bounds
such runs by time only). A run's first event records the process that executes it; when
that process is gone, or its pid now belongs to a process started later, the run is dead.

This holds for runs executed on this machine, as every entry point of this project
executes them (`make run`, the CLI, the UI and the daemon launch local processes). On a
cluster, use a run launcher that checks its workers instead (dagster-k8s, dagster-celery).
"""

from __future__ import annotations

import os

import dagster as dg

_IN_PROGRESS = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


def process_alive(pid: int, since: float | None = None) -> bool:
    """Whether `pid` runs, and (given `since`, a Unix time) was started no later than it."""
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        pass
    if since is None:
        return True
    started = _process_start_time(pid)
    # A second of slack: /proc counts in clock ticks from an approximate boot time.
    return started is None or started <= since + 1.0


def _process_start_time(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        with open("/proc/stat", encoding="ascii") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith("btime"))
    except (OSError, StopIteration, IndexError, ValueError):
        return None
    return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")


def run_process(instance: dg.DagsterInstance, run_id: str) -> int | None:
    """The pid of the process that started executing the run (its RUN_START event)."""
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.RUN_START, limit=1).records
    for record in records:
        event = record.event_log_entry.dagster_event
        if event is not None and event.pid:
            return int(event.pid)
    return None


def dead_runs(instance: dg.DagsterInstance) -> list[dg.DagsterRun]:
    """Runs in progress whose process is gone. A run still STARTING has no process yet:
    the daemon's start timeout (dagster.yaml) fails it if none comes."""
    dead = []
    for record in instance.get_run_records(filters=dg.RunsFilter(statuses=_IN_PROGRESS)):
        pid = run_process(instance, record.dagster_run.run_id)
        if pid is not None and not process_alive(pid, record.start_time):
            dead.append(record.dagster_run)
    return dead


def fail_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Mark every dead run failed and free the pool slots it held; return their ids."""
    failed = []
    for run in dead_runs(instance):
        instance.report_run_failed(
            run, "the run's process is gone (killed, or its machine restarted); failed so "
                 "that the runs queued behind it can start")
        if instance.event_log_storage.supports_global_concurrency_limits:
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        failed.append(run.run_id)
    return failed


def fail_dead_runs_of(context: dg.SensorEvaluationContext | dg.ScheduleEvaluationContext,
                      ) -> list[str]:
    """fail_dead_runs on the instance of a sensor or schedule tick (none in some tests)."""
    try:
        instance = context.instance
    except dg.DagsterInvariantViolationError:
        return []
    failed = fail_dead_runs(instance)
    if failed:
        context.log.warning(f"failed {len(failed)} run(s) whose process was gone: "
                            f"{', '.join(failed)}")
    return failed
