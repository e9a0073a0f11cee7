"""`make cluster-demo`: the ingest job on Celery workers equals the multiprocess run.

The comparison, the executor choice and the clean-up of the demo's processes are tested
directly; the demo itself runs on the seeds when Redis and dagster-celery are installed
(`make test` installs both when it may), and skips with one line otherwise."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster._core.definitions.job_base import InMemoryJob

from bench.cluster_services import Services, redis_answers
from bench.warehouse_compare import all_equal, compare_warehouses, comparison_lines
from pipelines.definitions import defs
from pipelines.defs.executor import multiprocess_or_celery


def _warehouse(path: Path, rows: list[tuple[str, int, str]]) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE reports (report_id VARCHAR, year INTEGER, "
                    "loaded_at TIMESTAMP)")
        con.executemany("INSERT INTO reports VALUES (?, ?, ?)", rows)
        con.execute("CREATE VIEW report_years AS SELECT year, count(*) AS n FROM reports "
                    "GROUP BY year")
    return path


def test_same_rows_in_another_order_and_at_another_time_are_equal(tmp_path: Path) -> None:
    left = _warehouse(tmp_path / "a.duckdb", [("r1", 2020, "2026-01-01 10:00:00"),
                                              ("r2", 2021, "2026-01-01 10:00:00")])
    right = _warehouse(tmp_path / "b.duckdb", [("r2", 2021, "2026-03-05 08:00:00"),
                                               ("r1", 2020, "2026-03-05 08:00:00")])
    comparisons = compare_warehouses(left, right)
    assert [(c.relation, c.kind, c.rows, c.equal, c.excluded) for c in comparisons] == [
        ("report_years", "view", (2, 2), True, ()),
        ("reports", "table", (2, 2), True, ("loaded_at",)),
    ]
    assert all_equal(comparisons)
    lines = comparison_lines(comparisons, ("celery", "multiprocess"))
    assert lines[-2] == "2 relations compared (1 tables, 1 views): all equal"
    assert "equal (without loaded_at)" in lines[3]


def test_a_changed_value_or_a_missing_row_or_relation_is_a_difference(tmp_path: Path) -> None:
    base = [("r1", 2020, "2026-01-01"), ("r2", 2021, "2026-01-01")]
    left = _warehouse(tmp_path / "a.duckdb", base)
    changed = _warehouse(tmp_path / "b.duckdb", [("r1", 2020, "2026-01-01"),
                                                 ("r2", 2022, "2026-01-01")])
    by_name = {c.relation: c for c in compare_warehouses(left, changed)}
    # Same row count, one year read differently: both the table and the view differ.
    assert by_name["reports"].rows == (2, 2) and not by_name["reports"].equal
    assert not by_name["report_years"].equal

    shorter = _warehouse(tmp_path / "c.duckdb", base[:1])
    assert compare_warehouses(left, shorter)[1].rows == (2, 1)

    # The same row twice is not the same as two rows (a digest that XORed would say so).
    doubled = _warehouse(tmp_path / "d.duckdb", [base[0], base[0]])
    twice = _warehouse(tmp_path / "e.duckdb", [base[0], base[0], base[1], base[1]])
    assert not compare_warehouses(doubled, twice)[1].equal

    with duckdb.connect(str(shorter)) as con:
        con.execute("DROP VIEW report_years")
    comparisons = compare_warehouses(left, shorter)
    assert (comparisons[0].relation, comparisons[0].rows) == ("report_years", (2, None))
    assert not all_equal(comparisons)
    assert comparison_lines(comparisons, ("a", "b"))[-2] == (
        "2 relations compared (1 tables, 1 views): 2 different: report_years, reports")
    assert not all_equal([])


def _executor(run_config: dict) -> dg.Executor:
    job = defs.resolve_job_def("ingest")
    # The processed config is keyed by the executor's name.
    config = dg.validate_run_config(job, run_config)["execution"][multiprocess_or_celery.name]
    return multiprocess_or_celery.executor_creation_fn(dg.InitExecutorContext(
        job=InMemoryJob(job), executor_def=multiprocess_or_celery, executor_config=config,
        instance=dg.DagsterInstance.ephemeral()))


def test_ingest_runs_on_processes_unless_its_run_asks_for_celery(
        monkeypatch: pytest.MonkeyPatch) -> None:
    default = _executor({})
    assert type(default).__name__ == "MultiprocessExecutor"
    assert default._start_method == "forkserver"
    assert default._explicit_forkserver_preload == ["pipelines.definitions"]
    limited = _executor({"execution": {"config": {"multiprocess": {"max_concurrent": 3}}}})
    assert (limited._max_concurrent, limited._start_method) == (3, "forkserver")

    if importlib.util.find_spec("dagster_celery") is None:
        pytest.skip("dagster-celery not installed (uv sync --group cluster): celery half "
                    "skipped")
    monkeypatch.setenv("TEST_BROKER", "redis://127.0.0.1:6390/0")
    celery = _executor({"execution": {"config": {"celery": {
        "broker": {"env": "TEST_BROKER"}, "backend": "redis://127.0.0.1:6390/1"}}}})
    assert type(celery).__name__ == "CeleryExecutor"
    assert (celery.broker, celery.backend) == ("redis://127.0.0.1:6390/0",
                                               "redis://127.0.0.1:6390/1")


def _processes_mentioning(text: str) -> list[str]:
    """Command lines of live processes whose command line or environment holds `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if text.encode() in command or text.encode() in environ:
            found.append(command.decode(errors="replace"))
    return found


def _sleeper(marker: str) -> list[str]:
    """A process that sleeps ten minutes, its command line marked."""
    return [sys.executable, "-c", "import time; time.sleep(600)", marker]


def test_services_stop_the_whole_process_group(tmp_path: Path) -> None:
    marker = f"services-test-{tmp_path}"
    # A leader that ignores SIGTERM, with a child: both must be gone after the block.
    script = ("import signal, subprocess, sys, time; "
              "signal.signal(signal.SIGTERM, signal.SIG_IGN); "
              f"subprocess.Popen({_sleeper(marker)!r}); time.sleep(600)")
    services = Services(grace_seconds=1.0)
    with pytest.raises(RuntimeError), services:
        services.start("stubborn", [sys.executable, "-c", script, marker], tmp_path / "log")
        deadline = time.monotonic() + 30
        while len(_processes_mentioning(marker)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_processes_mentioning(marker)) == 2
        raise RuntimeError("the demo fails half-way")
    assert _processes_mentioning(marker) == []


@pytest.mark.parametrize("sigterm", ["default", "ignored"])
def test_a_demo_killed_outright_leaves_nothing_running(tmp_path: Path, sigterm: str) -> None:
    marker = f"orphan-test-{tmp_path}"
    # A demo started with SIGTERM ignored (inherited from whatever launched it) passes
    # that on to its children unless they set it back.
    demo = textwrap.dedent(f"""
        import signal, time
        if {sigterm!r} == "ignored":
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        from pathlib import Path
        from bench.cluster_services import Services
        services = Services()
        services.start("sleeper", {_sleeper(marker)!r}, Path({str(tmp_path)!r}) / "log")
        print("started", flush=True)
        time.sleep(600)
    """)
    parent = subprocess.Popen([sys.executable, "-c", demo], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None and parent.stdout.readline() == "started\n"
    sleepers = [c for c in _processes_mentioning(marker) if "time.sleep(600) " + marker in c]
    assert len(sleepers) == 1
    parent.send_signal(signal.SIGKILL)  # no clean-up code of the demo runs
    parent.wait()
    deadline = time.monotonic() + 10
    while _processes_mentioning(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(marker) == []


def test_without_redis_the_demo_says_so_in_one_line_and_succeeds(repo_root: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "bench.cluster_demo"], cwd=repo_root,
                            env={**os.environ, "PATH": "/nonexistent"}, capture_output=True,
                            text=True, timeout=120)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == ("cluster demo skipped: redis-server is not installed and could "
                             "not be installed here (Debian: apt-get install redis-server, as "
                             "root)\n")


@pytest.fixture
def redis_server() -> None:
    """Skips the test, in one line, where Redis is not installed."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed (make test installs it as root): skipped")


@pytest.fixture
def cluster(redis_server: None) -> None:
    """Skips the test, in one line, where Redis or dagster-celery is not installed."""
    if importlib.util.find_spec("dagster_celery") is None:
        pytest.skip("dagster-celery not installed (uv sync --group cluster): skipped")


@pytest.mark.usefixtures("redis_server")
def test_redis_starts_on_loopback_and_stops(tmp_path: Path) -> None:
    with Services() as services:
        port = services.start_redis(tmp_path)
        assert redis_answers(port)
    assert not redis_answers(port)
    assert _processes_mentioning(str(tmp_path)) == []


@pytest.mark.usefixtures("cluster")
def test_cluster_demo_on_the_seeds_builds_the_multiprocess_warehouse(
        tmp_path: Path, repo_root: Path) -> None:
    work = tmp_path / "demo"
    result = subprocess.run(
        [sys.executable, "-m", "bench.cluster_demo", "--reports", "0", "--documents", "0",
         "--buckets", "2", "--keep", str(work)],
        capture_output=True, text=True, timeout=600, cwd=repo_root)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "corpus: 5 seeds = 5 files"
    rows = {fields[0]: fields[1:] for fields in map(str.split, lines)
            if len(fields) >= 5 and fields[1] in ("table", "view")}
    # The contract's tables on both sides, with counts that follow from the seeds (four
    # 2019-template reports and one 2021: SPEC §2-4) and the vocabulary.
    for relation, count in [("reports", "5"), ("fact_applications", str(4 * 23 * 7 + 25 * 7)),
                            ("fact_review_litigation", str(5 * 15)),
                            ("fact_proactive_disclosure", str(4 * 22 + 10)),
                            ("dim_outcome", "26"), ("dim_agency", "5")]:
        assert rows[relation][:4] == ["table", count, count, "equal"], relation
    for relation in ("report_checks", "report_issues", "report_lines", "metric_summary"):
        assert rows[relation][3] == "equal", relation
    assert any(line.endswith(": all equal") for line in lines)
    # Both workers executed steps.
    worker_lines = [line for line in lines if line.startswith("  worker")]
    assert len(worker_lines) == 2 and all(" 0 steps" not in line for line in worker_lines)
    assert _processes_mentioning(str(work)) == []


@pytest.mark.usefixtures("cluster")
def test_a_demo_stopped_mid_run_stops_redis_the_workers_and_the_run(
        tmp_path: Path, repo_root: Path) -> None:
    work = tmp_path / "demo"
    demo = subprocess.Popen(
        [sys.executable, "-m", "bench.cluster_demo", "--reports", "0", "--documents", "0",
         "--keep", str(work)],
        cwd=repo_root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert demo.stdout is not None
    assert demo.stdout.readline().startswith("corpus: ")
    assert demo.stdout.readline().startswith("redis-server on 127.0.0.1:")
    # Redis, two workers (each with its pool process) and the multiprocess run are up.
    assert len(_processes_mentioning(str(work))) >= 5
    demo.send_signal(signal.SIGTERM)
    _, stderr = demo.communicate(timeout=120)
    assert demo.returncode == 128 + signal.SIGTERM
    assert stderr == "cluster demo stopped by SIGTERM: stopping Redis and the workers\n"
    assert _processes_mentioning(str(work)) == []
