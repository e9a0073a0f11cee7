"""Runs that overlap, die or come back: the warehouse stays whole and current."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from bench.corpus import generate_report
from pipelines.defs.resources import RawFolder
from pipelines.defs.sensors import raw_folder_sensor

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
