"""The problems a new user meets first, each in one line with a non-zero exit: through
`make run` for the paths, through the Makefile's first step for the interpreter."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.warehouse import held_by_another_writer

MAKE_TRAILER = re.compile(r"make(\[\d+\])?: \*\*\* ")


def _make(repo_root: Path, target: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", "--no-print-directory", "-C", str(repo_root), target],
                          env={**os.environ, **env}, capture_output=True, text=True,
                          timeout=120)


def _first_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    # make's own trailer ("make: *** [Makefile:..: run] Error 2", "make[1]: ***" under
    # another make) is not counted.
    lines = [line for line in result.stderr.splitlines() if not MAKE_TRAILER.match(line)]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_missing_raw_folder(repo_root: Path, tmp_path: Path) -> None:
    line = _first_error_line(_make(repo_root, "run", RAW_DIR=str(tmp_path / "absent")))
    assert line == (f"make run: raw folder {tmp_path / 'absent'} does not exist: create it "
                    "and put reports there, or set RAW_DIR=/path/to/reports")


def test_empty_raw_folder(repo_root: Path, tmp_path: Path) -> None:
    (tmp_path / ".hidden").write_text("not a report")  # hidden files do not count
    line = _first_error_line(_make(repo_root, "run", RAW_DIR=str(tmp_path)))
    assert line == (f"make run: raw folder {tmp_path} holds no reports: put report files "
                    "there (.txt .md .html .pdf .docx), or set RAW_DIR")


def test_unwritable_warehouse_path(repo_root: Path, seed_dir: Path, tmp_path: Path) -> None:
    # A file where a folder should be: refused whoever runs the test, root included.
    (tmp_path / "blocker").write_text("")
    target = tmp_path / "blocker" / "sub" / "w.duckdb"
    line = _first_error_line(_make(repo_root, "run", RAW_DIR=str(seed_dir),
                                   WAREHOUSE_PATH=str(target)))
    assert line == (f"make run: cannot write the warehouse {target}: {tmp_path / 'blocker'} "
                    "is not a folder; set WAREHOUSE_PATH to a writable place")


def test_warehouse_held_by_another_writer(repo_root: Path, seed_dir: Path,
                                          tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    # Another process holds a read-write connection: DuckDB's own lock.
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
         "print('open', flush=True); time.sleep(120)", str(target)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        line = _first_error_line(_make(repo_root, "run", RAW_DIR=str(seed_dir),
                                       WAREHOUSE_PATH=str(target)))
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert line == "make run: " + held_by_another_writer(target, f"process {holder.pid}")
    assert line.startswith(f"make run: warehouse {target} is held by another writer (process ")


def _fake_python(folder: Path, version: str, has_ensurepip: bool) -> Path:
    script = folder / "python-fake"
    script.write_text(
        "#!/bin/sh\n"
        'case "$*" in\n'
        f'  *ensurepip*) exit {0 if has_ensurepip else 1} ;;\n'
        f'  *version_info*) echo {version} ;;\n'
        "  *) exit 3 ;;\n"
        "esac\n")
    script.chmod(0o755)
    return script


@pytest.fixture()
def bare_checkout(repo_root: Path, tmp_path: Path) -> Path:
    """The Makefile and the lock, as on a machine where nothing has been set up."""
    folder = tmp_path / "checkout"
    folder.mkdir()
    for name in ("Makefile", "pyproject.toml", "uv.lock"):
        shutil.copy(repo_root / name, folder / name)
    return folder


def test_python_that_is_not_3_11(bare_checkout: Path, tmp_path: Path) -> None:
    fake = _fake_python(tmp_path, "3.12", has_ensurepip=True)
    line = _first_error_line(_make(bare_checkout, "setup", PYTHON=str(fake)))
    assert line == (f"{fake} is Python 3.12; this project needs 3.11: install it and run "
                    "make PYTHON=python3.11 ...")
    assert not (bare_checkout / ".tools").exists()


def test_missing_venv_system_package(bare_checkout: Path, tmp_path: Path) -> None:
    fake = _fake_python(tmp_path, "3.11", has_ensurepip=False)
    line = _first_error_line(_make(bare_checkout, "setup", PYTHON=str(fake)))
    assert line == (f"{fake} cannot create environments: install the system package "
                    "python3.11-venv (apt-get install python3.11-venv)")


def test_missing_python(bare_checkout: Path, tmp_path: Path) -> None:
    absent = tmp_path / "no-such-python"
    line = _first_error_line(_make(bare_checkout, "setup", PYTHON=str(absent)))
    assert line == f"{absent} not found: install Python 3.11, or make PYTHON=/path/to/python3.11"


def test_dg_check_defs_loads_the_project(repo_root: Path, tmp_path: Path) -> None:
    shutil.copy(repo_root / "dagster.yaml", tmp_path / "dagster.yaml")
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        [str(venv / "bin" / "dg"), "check", "defs"], cwd=repo_root, capture_output=True,
        text=True, timeout=300,
        env={**os.environ, "DAGSTER_HOME": str(tmp_path), "VIRTUAL_ENV": str(venv),
             "DAGSTER_STORAGE_DIR": str(tmp_path / "storage")})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "All definitions loaded successfully." in result.stdout + result.stderr


def test_python_that_does_not_run(bare_checkout: Path, tmp_path: Path) -> None:
    # e.g. a pyenv shim for a version that is installed but not selected
    broken = tmp_path / "python-shim"
    broken.write_text("#!/bin/sh\necho 'pyenv: python3.11: command not found' >&2\nexit 127\n")
    broken.chmod(0o755)
    line = _first_error_line(_make(bare_checkout, "setup", PYTHON=str(broken)))
    assert line == (f"{broken} does not run: install Python 3.11, or make "
                    "PYTHON=/path/to/python3.11")


def test_make_run_prints_a_screenful_and_no_warnings(repo_root: Path, seed_dir: Path,
                                                     tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(seed_dir / "002_ff0ada4805145011.txt", raw / "one.txt")
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(repo_root / "dagster.yaml", home / "dagster.yaml")
    # Variables on make's command line override the Makefile's: the instance goes here.
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "-C", str(repo_root), "run",
         f"DAGSTER_HOME={home}", f"DAGSTER_STORAGE_DIR={home / 'storage'}"],
        env={**os.environ, "RAW_DIR": str(raw), "WAREHOUSE_PATH": str(tmp_path / "w.duckdb"),
             "REPORT_PATH": str(tmp_path / "comparison.html")},
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert result.stderr == ""
    # dg's own messages, warnings included, would be here.
    assert (home / "storage" / "run.stderr").read_text() == ""
    assert len(lines) <= 25
    assert lines[0].split()[:3] == ["raw_files", "files", "1,"]
    assert f"  files      1 found in {raw}, 1 parsed, 0 reused from the last load, " \
           "0 removed" in lines
    assert "  reports    1 valid, 0 flagged, 0 rejected" in lines
    assert lines[-1].split()[:3] == ["make", "export", "FORMAT=xlsx"]
