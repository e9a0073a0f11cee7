from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def repo_root(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.rootpath)


@pytest.fixture(scope="session")
def shared_dir(repo_root: Path) -> Path:
    """The team's shared folder (golden values), beside the checkout unless $SHARED_DIR."""
    path = Path(os.environ.get("SHARED_DIR") or repo_root.parent / "shared")
    if not (path / "golden").is_dir():
        pytest.fail(f"golden files not found under {path}; set SHARED_DIR")
    return path


@pytest.fixture(scope="session")
def seed_dir(repo_root: Path) -> Path:
    return repo_root / "data" / "raw"


@pytest.fixture(scope="session", autouse=True)
def report_path_outside_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Job runs in tests write the comparison report to a temporary folder, never into
    the working copy's reports/."""
    previous = os.environ.get("REPORT_PATH")
    os.environ["REPORT_PATH"] = str(tmp_path_factory.mktemp("report") / "comparison.html")
    yield
    if previous is None:
        os.environ.pop("REPORT_PATH", None)
    else:
        os.environ["REPORT_PATH"] = previous
