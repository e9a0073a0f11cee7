"""Runs that overlap, die or come back: the warehouse stays whole and current."""

from __future__ import annotations

import dataclasses
import os
import re
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
from pipeline_runs import run_ingest

import pipelines.defs.assets
import pipelines.ingest
from bench.corpus import generate_report
from pipelines import versions
from pipelines.definitions import defs
from pipelines.defs.assets import warehouse_tables
from pipelines.defs.resources import RawFolder, WarehouseFile
from pipelines.defs.sensors import raw_folder_sensor
from pipelines.ingest import parse_folder
from pipelines.inspect import main as inspect_main
from pipelines.validation import validate_batch
from pipelines.warehouse import (
    WarehouseBusy,
    WarehouseMoved,
    WarehouseTables,
    build_warehouse,
    predates_definitions,
    warehouse_stamp,
    writer_lock,
)

SEED = 23


def _write_reports(folder: Path, indexes: range) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for index in indexes:
        report = generate_report(SEED, index, broken_share=0.0)
        (folder / report.file_name).write_text(report.text, encoding="utf-8")
        names.append(report.file_name)
    return sorted(names)


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    _write_reports(folder, range(2))
    return folder


def _tick(raw: Path, cursor: str | None) -> tuple[dg.RunRequest | dg.SkipReason, str | None]:
    with dg.build_sensor_context(cursor=cursor,
                                 resources={"raw_folder": RawFolder(path=str(raw))}) as context:
        return raw_folder_sensor(context), context.cursor


def test_sensor_sees_a_folder_return_to_an_earlier_state(raw: Path) -> None:
    first, cursor = _tick(raw, None)
    extra = raw / "extra.txt"
    extra.write_text("新增", encoding="utf-8")
    added, cursor = _tick(raw, cursor)
    extra.unlink()  # back to the listing of the first run
    removed, cursor = _tick(raw, cursor)
    quiet, _ = _tick(raw, cursor)
    requests = [first, added, removed]
    assert all(isinstance(r, dg.RunRequest) for r in requests)
    keys = [r.run_key for r in requests]
    assert len(set(keys)) == 3, keys
    assert isinstance(quiet, dg.SkipReason)


# --- versioned reuse -------------------------------------------------------------------------

def _stored(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_parser_change_reparses_what_it_produced(
        raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    assert run_ingest(raw, warehouse).success
    agencies = dict(_stored(warehouse, "SELECT source_file, agency FROM reports"))
    assert len(agencies) == 2 and all(agencies.values())
    # `make inspect` prints what the warehouse stores, down to the parser's version.
    for source_file, status, agency, version in _stored(
            warehouse, "SELECT source_file, status, agency, parser_version FROM reports"):
        assert inspect_main([str(raw / source_file)]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0] == f"{source_file}: {status}"
        assert f"  agency             {agency}" in lines
        assert f"  parser_version     {version}" in lines

    # A parser release that spells agencies differently: every stored report came from the
    # old one, so every one is parsed again, although no file changed.
    real = pipelines.ingest.parse_converted
    parsed: list[str] = []

    def released(converted, name: str):
        parsed.append(name)
        report = real(converted, name)
        return dataclasses.replace(report, agency=f"{report.agency}（新）")

    monkeypatch.setattr(pipelines.ingest, "parse_converted", released)
    monkeypatch.setattr(versions, "parser_version", lambda: "f" * 16)
    result = run_ingest(raw, warehouse)
    assert result.success
    assert sorted(parsed) == sorted(agencies)
    assert dict(_stored(warehouse, "SELECT source_file, agency FROM reports")) == {
        name: f"{agency}（新）" for name, agency in agencies.items()}
    assert _stored(warehouse, "SELECT DISTINCT parser_version FROM reports") == [("f" * 16,)]
    (validated,) = result.asset_materializations_for_node("validated_reports")
    assert validated.metadata["reparsed_reports"].value == 2
    assert validated.metadata["reused_reports"].value == 0

    # The same release again: nothing left to reparse.
    parsed.clear()
    again = run_ingest(raw, warehouse)
    assert again.success and parsed == []


def test_the_sql_version_is_a_hash_of_sql_not_a_file_time(
        raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = tmp_path / "w.duckdb"
    assert run_ingest(raw, warehouse).success
    os.utime(warehouse, (0, 0))  # older than every file in sql/: still built by this SQL
    assert not predates_definitions(warehouse)
    assert _stored(warehouse, "SELECT sql_version, parser_version FROM warehouse_build") == [
        (versions.sql_version(), versions.parser_version())]

    # A view added to sql/ with an old file time changes the hash all the same.
    monkeypatch.setattr(versions, "sql_version", lambda: "0" * 16)
    assert predates_definitions(warehouse)
    result = run_ingest(raw, warehouse)
    assert result.success
    rebuilt = {m.metadata["rebuilt"].value
               for m in result.asset_materializations_for_node("warehouse_tables")}
    assert rebuilt == {True}
    assert _stored(warehouse, "SELECT sql_version FROM warehouse_build") == [("0" * 16,)]


def test_versions_follow_the_files_that_make_them() -> None:
    # Stable within a process, and 16 hex digits; a change of any listed file changes it
    # (sha256 of every file's path and bytes, in path order).
    assert versions.parser_version() == versions.parser_version()
    assert re.fullmatch("[0-9a-f]{16}", versions.parser_version())
    assert re.fullmatch("[0-9a-f]{16}", versions.sql_version())
    sources = versions.parser_sources()
    assert "pipelines/parsing/vocabulary.py" in sources
    assert "schemas/checks.py" in sources and "pipelines/validation.py" in sources
    assert versions.digest({"a.py": b"1"}) != versions.digest({"a.py": b"2"})
    assert versions.digest({"a.py": b"1"}) != versions.digest({"b.py": b"1"})


# --- overlapping runs ------------------------------------------------------------------------

# `make run`, with the step that plans the parse held until a gate file appears, so that a
# second run can start and finish while the first is between its steps.
_MAKE_RUN = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    gate = os.environ.get("HOLD_UNTIL")
    if gate:
        import pipelines.defs.assets as assets
        planned = assets.plan_ingest
        def held(*args, **kwargs):
            Path(gate + ".waiting").touch()
            while not Path(gate).exists():
                time.sleep(0.1)
            return planned(*args, **kwargs)
        assets.plan_ingest = held
    from dagster._cli import main
    sys.argv = ["dagster", "asset", "materialize", "-m", "pipelines.definitions",
                "--select", "*"]
    sys.exit(main())
    """
)


def _make_run(repo_root: Path, home: Path, raw: Path, warehouse: Path,
              hold_until: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_STORAGE_DIR": str(home / "storage"),
           "RAW_DIR": str(raw), "WAREHOUSE_PATH": str(warehouse),
           "REPORT_PATH": str(warehouse.with_suffix(".html"))}
    env.pop("HOLD_UNTIL", None)
    if hold_until is not None:
        env["HOLD_UNTIL"] = str(hold_until)
    return subprocess.Popen([sys.executable, "-c", _MAKE_RUN], cwd=repo_root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finished(run: subprocess.Popen[str]) -> None:
    output, _ = run.communicate(timeout=600)
    assert run.returncode == 0, output[-3000:]


def _wait_for(path: Path, run: subprocess.Popen[str], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if run.poll() is not None:
            _finished(run)
            pytest.fail(f"the run ended before {path.name} appeared")
        assert time.monotonic() < deadline, f"no {path.name} after {seconds} s"
        time.sleep(0.2)


def _failed_checks(home: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("DAGSTER_STORAGE_DIR", str(home / "storage"))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        failed = []
        for record in instance.get_run_records():
            for entry in instance.all_logs(record.dagster_run.run_id,
                                           of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION):
                evaluation = entry.dagster_event.event_specific_data
                if not evaluation.passed:
                    failed.append(evaluation.check_name)
        return failed


def test_overlapping_runs_each_mirror_their_own_folder(
        tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(repo_root / "dagster.yaml", home / "dagster.yaml")
    first_files = _write_reports(tmp_path / "first", range(0, 3))
    second_files = _write_reports(tmp_path / "second", range(3, 5))
    gate = tmp_path / "gate"

    first = _make_run(repo_root, home, tmp_path / "first", tmp_path / "first.duckdb", gate)
    _wait_for(tmp_path / "gate.waiting", first)
    # The first run has listed its folder and waits; a second run over another folder
    # starts and finishes in the meantime.
    second = _make_run(repo_root, home, tmp_path / "second", tmp_path / "second.duckdb")
    _finished(second)
    gate.touch()
    _finished(first)

    for name, files in (("first", first_files), ("second", second_files)):
        stored = _stored(tmp_path / f"{name}.duckdb",
                         "SELECT source_file, status FROM reports ORDER BY 1")
        assert stored == [(f, "valid") for f in files], name
    assert _failed_checks(home, monkeypatch) == []


# --- a killed run ------------------------------------------------------------------------------

# The `ingest` job on the instance of $DAGSTER_HOME, stopped for good once its parts are
# staged: what a run looks like when its process is killed in the middle.
_STUCK_RUN = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    import dagster as dg
    import pipelines.defs.assets as assets
    from pipelines.definitions import defs
    from pipelines.defs.resources import RawFolder, WarehouseFile
    def stuck(parts, folder):
        print("staged", flush=True)
        time.sleep(600)
    assets.validate_parts = stuck
    with dg.DagsterInstance.get() as instance:
        defs.resolve_job_def("ingest").execute_in_process(
            instance=instance,
            resources={"raw_folder": RawFolder(path=sys.argv[1]),
                       "warehouse": WarehouseFile(path=sys.argv[2])})
    """
)


def test_a_killed_run_does_not_block_the_next_sensor_run(
        raw: Path, tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(repo_root / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    monkeypatch.setenv("DAGSTER_STORAGE_DIR", str(home / "storage"))
    warehouse = tmp_path / "w.duckdb"
    child = subprocess.Popen([sys.executable, "-c", _STUCK_RUN, str(raw), str(warehouse)],
                             cwd=repo_root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    assert line == "staged", child.stderr.read() if child.stderr else ""
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    with dg.DagsterInstance.get() as instance:
        staging = Path(instance.storage_directory()) / "staging"
        (killed,) = instance.get_runs()
        assert killed.status == dg.DagsterRunStatus.STARTED  # nobody told Dagster
        assert killed.tags["dagster/concurrency_key"] == "warehouse"
        assert [p.name for p in staging.iterdir()] == [killed.run_id]

        with dg.build_sensor_context(instance=instance,
                                     resources={"raw_folder": RawFolder(path=str(raw))}
                                     ) as context:
            request = raw_folder_sensor(context)
        assert isinstance(request, dg.RunRequest)
        killed = instance.get_run_by_id(killed.run_id)
        assert killed is not None and killed.status == dg.DagsterRunStatus.FAILURE
        # Nothing holds the one `warehouse` slot of the run queue (dagster.yaml) any more.
        in_progress = instance.get_runs(filters=dg.RunsFilter(
            statuses=[dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING],
            tags={"dagster/concurrency_key": "warehouse"}))
        assert in_progress == []

        result = defs.resolve_job_def("ingest").execute_in_process(
            instance=instance, tags=request.tags,
            resources={"raw_folder": RawFolder(path=str(raw)),
                       "warehouse": WarehouseFile(path=str(warehouse))})
        assert result.success
    assert _stored(warehouse, "SELECT source_file, status FROM reports ORDER BY 1") == [
        (name, "valid") for name in sorted(p.name for p in raw.iterdir())]
    # The dead run's staged parts went with the next run's first step.
    assert sorted(p.name for p in staging.iterdir()) == [result.run_id]


# --- one writer per warehouse ------------------------------------------------------------------

_HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from pipelines.warehouse import writer_lock
    with writer_lock(Path(sys.argv[1])):
        print("locked", flush=True)
        time.sleep(float(sys.argv[2]))
    """
)


@pytest.fixture(scope="module")
def seeds(seed_dir: Path) -> WarehouseTables:
    return validate_batch(parse_folder(seed_dir))


def test_a_second_writer_waits_then_refuses_with_one_line(
        tmp_path: Path, repo_root: Path, seeds: WarehouseTables) -> None:
    target = tmp_path / "w.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(target), "600"],
                              cwd=repo_root, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(WarehouseBusy) as refused, writer_lock(target, wait_seconds=1.0):
            pass
        assert time.monotonic() - started >= 1.0
        assert str(refused.value) == (f"{target}: another load (pid {holder.pid}) is writing "
                                      "it; waited 1 s, nothing written")
        assert not target.exists()
    finally:
        holder.kill()
        holder.wait()
    # The kernel let go of the lock with its process: the next load goes ahead.
    assert build_warehouse(target, seeds).reports_valid == 5


def test_a_second_writer_goes_ahead_once_the_first_is_done(tmp_path: Path,
                                                          repo_root: Path) -> None:
    target = tmp_path / "w.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(target), "2"],
                              cwd=repo_root, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    with writer_lock(target, wait_seconds=120):
        waited = time.monotonic() - started
    assert holder.wait(timeout=60) == 0  # the first writer finished its two seconds
    assert waited >= 1.0


def test_a_load_planned_against_a_replaced_warehouse_writes_nothing(
        tmp_path: Path, seeds: WarehouseTables) -> None:
    target = tmp_path / "w.duckdb"
    build_warehouse(target, seeds)
    planned = dataclasses.replace(seeds, planned_against=warehouse_stamp(target))
    build_warehouse(target, seeds)  # another load swaps in its file meanwhile
    replaced = target.read_bytes()
    with pytest.raises(WarehouseMoved, match="replaced by another load"):
        build_warehouse(target, planned)
    assert target.read_bytes() == replaced
    # Planned against no warehouse at all, while one exists: refused as well.
    with pytest.raises(WarehouseMoved):
        build_warehouse(target, dataclasses.replace(seeds, planned_against=None))
    fresh = dataclasses.replace(seeds, planned_against=warehouse_stamp(target))
    assert build_warehouse(target, fresh).reports_valid == 5


def test_a_warehouse_that_would_not_mirror_the_folder_is_not_swapped_in(
        raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = tmp_path / "w.duckdb"
    assert run_ingest(raw, warehouse).success
    before = warehouse.read_bytes()
    _write_reports(raw, range(2, 3))
    lost = sorted(p.name for p in raw.iterdir())[0]

    # A planning bug that loses one stored file: neither parsed nor reused.
    planned = pipelines.defs.assets.plan_ingest

    def losing(files, *args, **kwargs):
        return planned([f for f in files if f.source_file != lost], *args, **kwargs)

    monkeypatch.setattr(pipelines.defs.assets, "plan_ingest", losing)
    result = defs.resolve_job_def("ingest").execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False,
        resources={"raw_folder": RawFolder(path=str(raw)),
                   "warehouse": WarehouseFile(path=str(warehouse))})
    assert not result.success
    (evaluation,) = [e for e in result.get_asset_check_evaluations()
                     if e.check_name == "every_file_reported"]
    assert not evaluation.passed
    assert evaluation.metadata["missing"].value == lost
    assert result.asset_materializations_for_node("warehouse_tables") == []
    assert warehouse.read_bytes() == before


def test_instance_config_serializes_loads_and_bounds_dead_runs(
        tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAGSTER_STORAGE_DIR", str(tmp_path))
    with dg.DagsterInstance.from_config(str(repo_root)) as instance:
        assert instance.run_monitoring_enabled
        assert instance.run_monitoring_start_timeout_seconds == 180
        assert instance.run_monitoring_cancel_timeout_seconds == 180
        assert instance.run_monitoring_max_runtime_seconds == 3 * 3600
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1
        assert instance.event_log_storage.supports_global_concurrency_limits
    assert warehouse_tables.op.pool == "warehouse"
