"""Run storage stays bounded: old runs leave with their event logs, logs and outputs.

Every run adds its record and event log, its steps' captured output, its step outputs
(pipelines/defs/storage.py) and its staged Parquet parts. A run's first step removes
finished runs older than RUN_RETENTION_DAYS days (default 30) and all but the newest
RUN_RETENTION_RUNS finished runs (default 50); runs in progress always stay. Sensor and
schedule ticks are bounded by dagster.yaml's `retention`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipelines.defs.storage import RUNS_FOLDER

DEFAULT_DAYS = 30
DEFAULT_RUNS = 50


@dataclass(frozen=True, slots=True)
class Retention:
    days: int = DEFAULT_DAYS
    runs: int = DEFAULT_RUNS

    @classmethod
    def from_environment(cls) -> Retention:
        return cls(int(os.environ.get("RUN_RETENTION_DAYS") or DEFAULT_DAYS),
                   int(os.environ.get("RUN_RETENTION_RUNS") or DEFAULT_RUNS))


@dataclass(frozen=True, slots=True)
class RunAge:
    run_id: str
    finished: bool
    created: float  # Unix time


def expired(runs: Iterable[RunAge], retention: Retention, now: float) -> list[str]:
    """Finished runs beyond the newest `retention.runs` or older than `retention.days`."""
    finished = sorted((r for r in runs if r.finished), key=lambda r: r.created, reverse=True)
    oldest_kept = now - retention.days * 86400
    return [r.run_id for index, r in enumerate(finished)
            if index >= retention.runs or r.created < oldest_kept]


def prune_runs(instance: dg.DagsterInstance, retention: Retention,
               now: float | None = None) -> list[str]:
    """Delete expired runs with everything they stored; return their ids.

    Folders under the storage's runs/ and staging/ that belong to no known run (a run
    deleted in the UI, say) go as well.
    """
    now = dt.datetime.now(dt.UTC).timestamp() if now is None else now
    records = instance.get_run_records()
    ages = [RunAge(r.dagster_run.run_id, r.dagster_run.is_finished, r.create_timestamp.timestamp())
            for r in records]
    removed = expired(ages, retention, now)
    storage = Path(instance.storage_directory())
    for run_id in removed:
        instance.delete_run(run_id)
        instance.compute_log_manager.delete_logs(prefix=[run_id])
    known = {age.run_id for age in ages} - set(removed)
    for folder in (storage / RUNS_FOLDER, storage / "staging"):
        if folder.is_dir():
            for entry in folder.iterdir():
                if entry.is_dir() and entry.name not in known:
                    shutil.rmtree(entry, ignore_errors=True)
    return removed
