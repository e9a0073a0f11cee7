"""Start a run when files in the raw folder appear, change or disappear."""

import hashlib
import json
import os
from pathlib import Path

import dagster as dg

from pipelines.defs.jobs import ingest_job
from pipelines.defs.resources import RawFolder
from pipelines.defs.run_health import fail_dead_runs_of


def folder_fingerprint(root: Path) -> str:
    """Digest of (name, size, mtime) of every visible file: cheap, no file is read."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            try:
                stat = path.stat()
            except OSError:
                continue
            entries.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
    return hashlib.sha256(json.dumps(sorted(entries)).encode()).hexdigest()


def _read_cursor(cursor: str | None) -> tuple[str, int]:
    """(fingerprint, runs requested so far) from the cursor; an older cursor held the
    fingerprint alone."""
    if not cursor:
        return "", 0
    try:
        state = json.loads(cursor)
        return str(state["fingerprint"]), int(state["sequence"])
    except (ValueError, TypeError, KeyError):
        return cursor, 0


@dg.sensor(
    job=ingest_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Runs ingestion when the raw folder's listing changes.",
)
def raw_folder_sensor(context: dg.SensorEvaluationContext, raw_folder: RawFolder):
    # A dead run would hold the queue that this tick's run joins.
    fail_dead_runs_of(context)
    root = raw_folder.resolved()
    if not root.is_dir():
        return dg.SkipReason(f"raw folder {root} does not exist")
    fingerprint = folder_fingerprint(root)
    seen, sequence = _read_cursor(context.cursor)
    if fingerprint == seen:
        return dg.SkipReason("no new or changed files")
    sequence += 1
    context.update_cursor(json.dumps({"fingerprint": fingerprint, "sequence": sequence}))
    # A folder can return to a listing it had before (a file added, then deleted): its
    # fingerprint alone would be a run key already used, and Dagster would skip the run.
    # The sequence makes every change a new key; a retried tick, which reads the same
    # cursor, still gets the same one.
    return dg.RunRequest(run_key=f"{fingerprint}:{sequence}")
