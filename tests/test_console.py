"""What `make run` prints: a line per stage and a summary whose numbers are read from the
warehouse, on a folder with one valid, one flagged and one rejected file."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.console_text import RunFacts, stage_details, stage_line, summary_lines
from pipelines.definitions import defs
from pipelines.run_summary import WarehouseSummary, summarize_warehouse

SEED = "002_ff0ada4805145011.txt"  # valid: 5 new applications, 5 granted


@pytest.fixture(scope="module")
def run_output(tmp_path_factory: pytest.TempPathFactory, seed_dir: Path,
               ) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("console")
    raw = folder / "raw"
    raw.mkdir()
    shutil.copy(seed_dir / SEED, raw / SEED)
    lines = (seed_dir / SEED).read_text(encoding="utf-8").split("\n")
    assert lines[146] == "\t5"  # new_received / natural_person
    lines[146] = "\t6"  # breaks the balance and the row total of new_received
    (raw / "edited.txt").write_text("\n".join(lines), encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    warehouse = folder / "warehouse.duckdb"
    env = pytest.MonkeyPatch()
    # `make run` uses the resources' defaults, which come from these.
    env.setenv("RAW_DIR", str(raw))
    env.setenv("WAREHOUSE_PATH", str(warehouse))
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            result = defs.resolve_implicit_global_asset_job_def().execute_in_process(
                instance=dg.DagsterInstance.ephemeral(),
                run_config={"loggers": {"console": {"config": {"summary": True}}}})
        assert result.success
    finally:
        env.undo()
    return raw, warehouse, out.getvalue()


def test_summary_numbers_come_from_the_warehouse(run_output: tuple[Path, Path, str]) -> None:
    _raw, warehouse, _ = run_output
    summary = summarize_warehouse(warehouse)
    assert summary.files == 3
    assert summary.by_status == {"valid": 1, "flagged": 1, "rejected": 1}
    assert summary.reasons == {"flagged": [("balance", 1), ("row_total", 1)],
                               "rejected": [("empty file", 1)]}
    assert summary.size_bytes == warehouse.stat().st_size
    assert summary.first_unsound == "edited.txt"


def test_console_shows_stages_and_summary_not_the_event_log(
        run_output: tuple[Path, Path, str]) -> None:
    raw, warehouse, printed = run_output
    lines = printed.splitlines()
    assert not [line for line in lines if "STEP_START" in line or "DEBUG" in line]
    stages = [line.split()[0] for line in lines if line.startswith("  ") and
              line.rstrip().endswith(" s")]
    assert stages[0] == "raw_files"
    assert {"merge_buckets", "validated_reports", "warehouse_tables"} <= set(stages)
    raw_line = next(line for line in lines if line.startswith("  raw_files "))
    assert "files 3, bytes" in raw_line and "unreadable 0" in raw_line
    assert f"  files      3 found in {raw}, 3 parsed, 0 reused from the last load, " \
           "0 removed" in lines
    assert "  reports    1 valid, 1 flagged, 1 rejected" in lines
    assert "             flagged: balance (1); row_total (1)" in lines
    assert "             rejected: empty file (1)" in lines
    assert f"  warehouse  {warehouse} (" in printed
    assert f"  make inspect FILE={raw}/edited.txt  " in printed
    # The flagged report fails table 3's arithmetic, a check that warns.
    assert "  checks     4 asset checks passed, 1 failed: applications_arithmetic" in lines
    assert len(lines) <= 30  # a screenful


def test_summary_lines_wording() -> None:
    summary = WarehouseSummary(
        path=Path("data/w.duckdb"), size_bytes=2_500_000, files=12,
        by_status={"valid": 8, "flagged": 3, "rejected": 1},
        reasons={"flagged": [("balance", 2), ("possible_misread", 1), ("row_total", 1),
                             ("rows_present", 1)],
                 "rejected": [("scanned PDF: no text layer", 1)]})
    run = RunFacts(seconds=75.2, reused=9, removed=2, raw_folder=Path("data/raw"),
                   comparison=Path("reports/comparison.html"), checks_passed=4,
                   checks_failed=("applications_arithmetic",))
    assert summary_lines(summary, run)[1] == "Run finished in 1 min 15 s."
    run = dataclasses.replace(run, command_seconds=88.0)
    lines = summary_lines(summary, run)
    assert lines[1:7] == [
        "Done in 1 min 28 s: the run 1 min 15 s, loading Dagster and the definitions the rest.",
        "  files      12 found in data/raw, 3 parsed, 9 reused from the last load, 2 removed",
        "  reports    8 valid, 3 flagged, 1 rejected",
        "             flagged: balance (2); possible_misread (1); row_total (1); 1 more",
        "             rejected: scanned PDF: no text layer (1)",
        "  checks     4 asset checks passed, 1 failed: applications_arithmetic",
    ]
    assert lines[7] == "  warehouse  data/w.duckdb (2.5 MB)"
    assert "  make sql" in "\n".join(lines)
    assert "  make inspect FILE=data/raw/<file>  " in "\n".join(lines)


def test_stage_details_from_metadata() -> None:
    assert stage_details({"raw_files": {"files": 1200, "bytes": 3_400_000, "unreadable": 0,
                                        "raw_folder": "data/raw"}}) == (
        "files 1,200, bytes 3.4 MB, unreadable 0")
    assert stage_details({"reports": {"rows": 5, "rebuilt": True},
                          "fact_applications": {"rows": 819, "path": "x"}}) == (
        "2 assets, 824 rows")
    line = stage_line("validated_reports", "x" * 200, 1.25)
    assert len(line) == 100 and line.endswith("…    1.2 s")



def test_a_failing_stage_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a schedule or sensor run meets when the folder goes away (make run checks first).
    monkeypatch.setenv("RAW_DIR", str(tmp_path / "gone"))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "w.duckdb"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = defs.resolve_implicit_global_asset_job_def().execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"summary": True}}}})
    assert not result.success
    assert out.getvalue().splitlines() == [
        f"error in raw_files: FileNotFoundError: raw folder does not exist: {tmp_path / 'gone'}",
        "run failed; `make ui` shows its full event log",
    ]


def test_verbose_adds_dagsters_event_log_on_stderr() -> None:
    from pipelines.defs.console import stage_console

    def handlers(verbose: bool) -> list[str]:
        logger = stage_console.logger_fn(dg.build_init_logger_context(
            logger_config={"verbose": verbose, "summary": False}))
        return [type(h).__name__ for h in logger.handlers]

    assert handlers(False) == ["_StageHandler"]
    assert handlers(True) == ["StandardErrorHandler", "_StageHandler"]
