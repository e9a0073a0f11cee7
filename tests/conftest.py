from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def repo_root(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.rootpath)


@pytest.fixture(scope="session")
def golden_dir(repo_root: Path) -> Path:
    """Hand-read values of the bundled seeds: facts about data/raw/, kept with the tests so
    that a clone with nothing beside it can check them."""
    return repo_root / "tests" / "golden"


@pytest.fixture(scope="session")
def realworld_dir(repo_root: Path) -> Path:
    """The real development set, read in place and never copied here (no licence): beside
    the checkout as ../shared/realworld, or under $SHARED_DIR. Absent: the test skips."""
    shared = Path(os.environ.get("SHARED_DIR") or repo_root.parent / "shared")
    path = shared / "realworld"
    if not (path / "golden").is_dir():
        pytest.skip(f"real reports not found at {path} (set SHARED_DIR): skipped")
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
