"""The benchmark's seconds per step come from the run's events: every step of the latest
run, the dynamic steps of one op summed under its name."""

from __future__ import annotations

import time
from pathlib import Path

import dagster as dg

from bench.run import open_storage, step_seconds

PAUSE_S = 0.2


@dg.op(out=dg.DynamicOut(int))
def fan_out():  # noqa: ANN201 - a generator of dynamic outputs
    for i in range(3):
        yield dg.DynamicOutput(i, mapping_key=f"k{i}")


@dg.op
def work(i: int) -> int:
    time.sleep(PAUSE_S)
    return i


@dg.op
def total(values: list[int]) -> int:
    return sum(values)


@dg.job
def fan_job() -> None:
    total(fan_out().map(work).collect())


@dg.op
def alone() -> int:
    return 1


@dg.job
def later_job() -> None:
    alone()


def test_dynamic_steps_are_summed(tmp_path: Path) -> None:
    with open_storage(tmp_path) as instance:
        assert fan_job.execute_in_process(instance=instance).success
    seconds = step_seconds(tmp_path)
    assert set(seconds) == {"fan_out", "work", "total"}
    # Three `work` steps of 0.2 s each: one of them alone would be under 0.6 s.
    assert 3 * PAUSE_S <= seconds["work"] < 3 * PAUSE_S + 2


def test_only_the_latest_run_counts(tmp_path: Path) -> None:
    with open_storage(tmp_path) as instance:
        assert fan_job.execute_in_process(instance=instance).success
        assert later_job.execute_in_process(instance=instance).success
    assert set(step_seconds(tmp_path)) == {"alone"}


def test_no_run_no_steps(tmp_path: Path) -> None:
    assert step_seconds(tmp_path) == {}
