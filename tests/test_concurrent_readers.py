"""A nightly run while analysts query: the load succeeds and no query sees half of it.

Two analyst processes query every contract table's row count in one statement, in a loop,
for the whole Dagster run: one holds a single read-only connection throughout, the other
reconnects for every query (as a dashboard does).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
from pipeline_runs import run_ingest

TAB_SEED = "000_a9a3d7926273398a.txt"
COUNTS = """
    select (select count(*) from reports), (select count(*) from fact_applications),
           (select count(*) from fact_review_litigation),
           (select count(*) from fact_proactive_disclosure),
           (select count(*) from report_checks), (select count(*) from report_issues)
"""

_ANALYST = textwrap.dedent(
    """
    import json, os, sys, time, duckdb
    path, mode, query, stop = sys.argv[1:5]
    held = duckdb.connect(path, read_only=True) if mode == "hold" else None
    seen = []

    def counts():
        if held is not None:
            return held.execute(query).fetchone()
        with duckdb.connect(path, read_only=True) as con:
            return con.execute(query).fetchone()

    seen.append(counts())
    print("ready", flush=True)
    while not os.path.exists(stop):
        seen.append(counts())
        time.sleep(0.02)
    seen.append(counts())  # once more, after the run
    print(json.dumps(seen), flush=True)
    """
)


def _counts(warehouse: Path) -> tuple[int, ...]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(COUNTS).fetchone()


@pytest.fixture()
def loaded(tmp_path: Path, seed_dir: Path) -> tuple[Path, Path]:
    raw = tmp_path / "raw"
    shutil.copytree(seed_dir, raw)
    warehouse = tmp_path / "warehouse.duckdb"
    assert run_ingest(raw, warehouse).success
    return raw, warehouse


def _start(warehouse: Path, mode: str, stop: Path) -> subprocess.Popen[str]:
    analyst = subprocess.Popen(
        [sys.executable, "-c", _ANALYST, str(warehouse), mode, COUNTS, str(stop)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert analyst.stdout is not None
    assert analyst.stdout.readline().strip() == "ready", analyst.stderr.read()
    return analyst


def test_nightly_run_while_analysts_query(loaded: tuple[Path, Path], tmp_path: Path) -> None:
    raw, warehouse = loaded
    old = _counts(warehouse)
    # Five seeds: four 2019-template table 3s (23 x 7 cells) and one 2021 one (25 x 7).
    assert old[:2] == (5, 4 * 161 + 175)

    # Tonight: a flagged edit of the tab seed and a notice that is rejected.
    text = (raw / TAB_SEED).read_text(encoding="utf-8").replace(
        "一、本年新收政府信息公开申请数量\t\t0", "一、本年新收政府信息公开申请数量\t\t4")
    (raw / "edited.txt").write_text(text, encoding="utf-8")
    (raw / "notice.txt").write_text("关于召开会议的通知\n各单位：定于明日开会。\n",
                                    encoding="utf-8")

    stop = tmp_path / "stop"
    analysts = {mode: _start(warehouse, mode, stop) for mode in ("hold", "reconnect")}
    try:
        result = run_ingest(raw, warehouse)
    finally:
        stop.touch()
        outputs = {}
        for mode, analyst in analysts.items():
            out, err = analyst.communicate(timeout=60)
            assert analyst.returncode == 0, err
            outputs[mode] = [tuple(c) for c in json.loads(out)]
    assert result.success

    new = _counts(warehouse)
    assert new[:2] == (7, 4 * 161 + 175 + 161)
    held, reconnected = outputs["hold"], outputs["reconnect"]
    # Both analysts kept querying through the run...
    assert len(held) > 10 and len(reconnected) > 10
    # ...the one holding its connection saw the old warehouse throughout, complete...
    assert set(held) == {old}
    # ...and the one reconnecting saw old, then new, never anything in between.
    assert set(reconnected) <= {old, new}
    assert reconnected[0] == old and reconnected[-1] == new
    first_new = reconnected.index(new)
    assert set(reconnected[first_new:]) == {new}
