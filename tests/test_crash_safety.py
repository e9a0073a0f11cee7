"""A load killed with SIGKILL at any moment leaves the previous warehouse whole.

The load runs in a child process on a batch big enough to take a second or two; the test
kills it at evenly spaced moments of that time, then checks the old file byte for byte,
queries it, and runs the next load to completion.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from pipelines.ingest import parse_folder
from pipelines.validation import validate_batch
from pipelines.warehouse import WarehouseTables, build_warehouse

FIELDS = ("reports", "applications", "review_litigation", "proactive", "checks", "issues")
COPIES = 120  # of the five seeds: 600 reports, ~100,000 application rows
KILL_POINTS = 5

_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import polars as pl
    from pipelines.warehouse import WarehouseTables, build_warehouse
    frames, target = Path(sys.argv[1]), Path(sys.argv[2])
    fields = sys.argv[3:]
    tables = WarehouseTables(**{f: pl.read_parquet(frames / f"{f}.parquet") for f in fields})
    print("loading", flush=True)
    build_warehouse(target, tables)
    print("done", flush=True)
    """
)


def _copies(tables: WarehouseTables, copies: int) -> WarehouseTables:
    """The batch repeated under new report ids (still 64 hex digits) and file names."""
    def repeat(frame: pl.DataFrame, rename: bool = False) -> pl.DataFrame:
        parts = []
        for i in range(copies):
            columns = [pl.col("report_id").str.slice(0, 59) + pl.lit(f"{i:05x}")]
            if rename:
                renamed = pl.lit(f"copy{i:03d}/") + pl.col("source_file")
                columns.append(renamed.alias("source_file"))
            parts.append(frame.with_columns(columns))
        return pl.concat(parts)

    return WarehouseTables(**{f: repeat(getattr(tables, f), rename=f == "reports")
                              for f in FIELDS})


def _counts(target: Path) -> dict[str, int]:
    with duckdb.connect(str(target), read_only=True) as con:
        return {table: con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608
                for table in ("reports", "fact_applications", "fact_review_litigation",
                              "fact_proactive_disclosure", "report_checks", "report_issues")}


def _start(frames: Path, target: Path, repo_root: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(frames), str(target), *FIELDS],
        cwd=repo_root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == "loading", child.stderr.read() if child.stderr else ""
    return child


@pytest.fixture(scope="module")
def seeds(seed_dir: Path) -> WarehouseTables:
    return validate_batch(parse_folder(seed_dir))


def test_sigkill_at_any_point_leaves_the_previous_warehouse(
    tmp_path: Path, seeds: WarehouseTables, repo_root: Path
) -> None:
    target = tmp_path / "warehouse.duckdb"
    build_warehouse(target, seeds)
    before_bytes = target.read_bytes()
    before = _counts(target)
    # Four 2019-template seeds (23 x 7 cells) and one 2021 seed (25 x 7).
    assert before["reports"] == 5 and before["fact_applications"] == 4 * 161 + 175

    frames = tmp_path / "frames"
    frames.mkdir()
    big = _copies(seeds, COPIES)
    for field in FIELDS:
        getattr(big, field).write_parquet(frames / f"{field}.parquet")

    # How long an undisturbed load takes, from the moment it starts writing.
    scratch = tmp_path / "scratch" / "warehouse.duckdb"
    child = _start(frames, scratch, repo_root)
    started = time.monotonic()
    assert child.wait(timeout=120) == 0, child.stderr.read() if child.stderr else ""
    duration = time.monotonic() - started
    assert _counts(scratch)["reports"] == 5 * COPIES

    killed_mid_load = 0
    for point in range(1, KILL_POINTS + 1):
        child = _start(frames, target, repo_root)
        time.sleep(duration * point / (KILL_POINTS + 1))
        child.send_signal(signal.SIGKILL)
        # On a busy machine the measured duration varies: a load may have finished just
        # before its kill, which is the "kill after the swap" case handled below.
        assert child.wait(timeout=30) in (-signal.SIGKILL, 0)
        building = target.with_name(f"{target.name}.building-{child.pid}")
        if building.exists():
            killed_mid_load += 1
        # Until the swap, the old file is untouched; a kill after the swap (unlikely at
        # these delays, but possible on a fast machine) leaves the complete new one.
        counts = _counts(target)
        if counts == before:
            assert target.read_bytes() == before_bytes, f"kill point {point}"
        else:
            assert counts["reports"] == 5 * COPIES, f"kill point {point}: {counts}"

    # The kills did land inside loads, not before or after them.
    assert killed_mid_load >= KILL_POINTS - 2

    summary = build_warehouse(target, seeds)
    assert _counts(target) == before
    assert summary.reports_valid == 5
    # What the killed loads left behind was cleaned up, and nothing else is in the folder
    # but the writers' lock file (kept: see warehouse.writer_lock).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["frames", "scratch",
                                                          "warehouse.duckdb",
                                                          "warehouse.duckdb.lock"]


def test_building_file_of_a_running_load_is_left_alone(
    tmp_path: Path, seeds: WarehouseTables
) -> None:
    """Only files of loads whose process is gone are removed: a live pid's file stays."""
    target = tmp_path / "warehouse.duckdb"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = target.with_name(f"{target.name}.building-{sleeper.pid}")
        live.write_bytes(b"in progress")
        dead = target.with_name(f"{target.name}.building-{_dead_pid()}")
        dead.write_bytes(b"killed")
        dead.with_name(dead.name + ".wal").write_bytes(b"killed")
        spilled = dead.with_name(dead.name + ".tmp")  # DuckDB's spill folder of that load
        spilled.mkdir()
        (spilled / "duckdb_temp_storage-0.tmp").write_bytes(b"killed")
        other = tmp_path / "other.duckdb.building-1"  # another warehouse's file
        other.write_bytes(b"not ours")
        build_warehouse(target, seeds)
        assert live.read_bytes() == b"in progress"
        assert not dead.exists() and not dead.with_name(dead.name + ".wal").exists()
        assert not spilled.exists()
        assert other.exists()
        assert _counts(target)["reports"] == 5
    finally:
        sleeper.kill()
        sleeper.wait()


def _dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(done.stdout)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    return pid
