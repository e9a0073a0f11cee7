"""What `make run` checks before it starts Dagster: each problem a new user meets first,
in one line that names the path and the fix, with a non-zero exit.

`python -m pipelines.preflight` checks the paths the run's resources will use.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pipelines.defs.resources import RawFolder, WarehouseFile
from pipelines.warehouse import held_by_another_writer, other_writer

__all__ = ["PreflightError", "check_raw_folder", "check_warehouse", "main"]


class PreflightError(Exception):
    """A problem that stops a run before it starts; the message is the whole report."""


def check_raw_folder(root: Path) -> None:
    if not root.exists():
        raise PreflightError(f"raw folder {root} does not exist: create it and put reports "
                             "there, or set RAW_DIR=/path/to/reports")
    if not root.is_dir():
        raise PreflightError(f"raw folder {root} is not a folder: set RAW_DIR to the folder "
                             "that holds the reports")
    if not _has_visible_file(root):
        raise PreflightError(f"raw folder {root} holds no reports: put report files there "
                             "(.txt .md .html .pdf .docx), or set RAW_DIR")


def _has_visible_file(root: Path) -> bool:
    # Hidden files and folders are not reports (the scan skips them too).
    for _dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        if any(not name.startswith(".") for name in filenames):
            return True
    return False


def check_warehouse(target: Path) -> None:
    if target.is_dir():
        raise PreflightError(f"warehouse path {target} is a folder: set WAREHOUSE_PATH to a "
                             "file name such as data/warehouse.duckdb")
    folder = _existing_ancestor(target.parent)
    if not folder.is_dir():
        raise PreflightError(f"cannot write the warehouse {target}: {folder} is not a folder; "
                             "set WAREHOUSE_PATH to a writable place")
    try:
        # The load builds a new file beside the target: try what it will do (os.access
        # says yes to root even on a read-only mount).
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise PreflightError(f"cannot write the warehouse {target}: {folder} is not writable "
                             f"({exc.strerror}); set WAREHOUSE_PATH to a writable place"
                             ) from exc
    holder = other_writer(target)
    if holder is not None:
        raise PreflightError(held_by_another_writer(target, holder))


def _existing_ancestor(path: Path) -> Path:
    # The load creates missing folders, so the first one that exists must be writable.
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def main(argv: Sequence[str] | None = None) -> int:
    del argv  # the paths come from the environment, as the run's resources read them
    try:
        check_raw_folder(RawFolder().resolved())
        check_warehouse(WarehouseFile().resolved())
    except PreflightError as exc:
        print(f"make run: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
