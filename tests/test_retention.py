"""Run storage stays bounded: old runs go with their event logs, captured logs, outputs and
staged parts; runs in progress and the newest runs stay."""

from __future__ import annotations

import time
from pathlib import Path

import dagster as dg

from pipelines.defs.retention import Retention, RunAge, expired, prune_runs

DAY = 86400.0


@dg.op
def step() -> int:
    return 1


@dg.job
def tiny() -> None:
    step()


def test_expired_runs_by_count_and_by_age() -> None:
    now = 100 * DAY
    runs = [RunAge("a", True, now - 40 * DAY), RunAge("b", True, now - 3 * DAY),
            RunAge("c", False, now - 90 * DAY),  # in progress: never removed
            RunAge("d", True, now - 2 * DAY), RunAge("e", True, now - 1 * DAY)]
    assert expired(runs, Retention(days=30, runs=50), now) == ["a"]
    assert expired(runs, Retention(days=30, runs=2), now) == ["b", "a"]
    assert expired(runs, Retention(days=2, runs=50), now) == ["b", "a"]  # d: just 2 days
    assert expired(runs, Retention(days=30, runs=0), now) == ["e", "d", "b", "a"]


def _leave_files(storage: Path, run_id: str) -> None:
    for folder in (storage / "runs" / run_id / "assets", storage / "staging" / run_id):
        folder.mkdir(parents=True)
        (folder / "part").write_bytes(b"x")


def test_prune_removes_old_runs_and_what_they_stored(tmp_path: Path) -> None:
    with dg.DagsterInstance.local_temp(str(tmp_path)) as instance:
        storage = Path(instance.storage_directory())
        ids = []
        for _ in range(4):
            result = tiny.execute_in_process(instance=instance)
            assert result.success
            ids.append(result.run_id)
            _leave_files(storage, result.run_id)
            time.sleep(0.01)  # distinct creation times
        running = dg.DagsterRun(job_name="tiny", run_id="f" * 8 + "-running",
                                status=dg.DagsterRunStatus.STARTED)
        instance.add_run(running)
        _leave_files(storage, running.run_id)
        _leave_files(storage, "deleted-in-the-ui")  # a folder of no known run
        assert (storage / ids[0]).is_dir()  # the steps' captured output

        removed = prune_runs(instance, Retention(days=30, runs=2))
        assert sorted(removed) == sorted(ids[:2])
        assert {r.run_id for r in instance.get_runs()} == {*ids[2:], running.run_id}
        for run_id in ids[:2]:
            assert list(instance.all_logs(run_id)) == []
            assert not (storage / run_id).exists()
        kept = sorted(p.name for p in (storage / "runs").iterdir())
        assert kept == sorted([*ids[2:], running.run_id])
        assert sorted(p.name for p in (storage / "staging").iterdir()) == kept

        # A month later every finished run has gone; the one in progress stays.
        later = time.time() + 31 * DAY
        assert sorted(prune_runs(instance, Retention(days=30, runs=50), now=later)) == sorted(
            ids[2:])
        assert [r.run_id for r in instance.get_runs()] == [running.run_id]
        assert [p.name for p in (storage / "runs").iterdir()] == [running.run_id]
