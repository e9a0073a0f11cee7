from __future__ import annotations

import os
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
