"""Hand-written reports in the layouts and quirks real reports show (tests/fixtures/),
through the whole pipeline into DuckDB, compared with their expected JSON.

Each fixture's JSON has the golden format of tests/golden plus `expected_status` and
`expected_issues` (check names that must be reported; no other error may be)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from pipeline_runs import run_ingest

TABLES = {
    "applications": ("fact_applications", "outcome", "applicant_type", "count"),
    "review_litigation": ("fact_review_litigation", "proceeding", "result", "count"),
    "proactive": ("fact_proactive_disclosure", "item", "measure", "value"),
}


def fixture_dir(root: Path) -> Path:
    return root / "tests" / "fixtures"


def expectations(root: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(fixture_dir(root).glob("*.json"))]


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory, repo_root: Path):
    raw = tmp_path_factory.mktemp("raw")
    for path in fixture_dir(repo_root).glob("*.txt"):
        shutil.copy(path, raw / path.name)
    target = tmp_path_factory.mktemp("warehouse") / "w.duckdb"
    result = run_ingest(raw, target)
    assert result.success
    connection = duckdb.connect(str(target), read_only=True)
    yield connection
    connection.close()


def test_at_least_one_fixture_per_layout(repo_root: Path) -> None:
    names = {e["file"] for e in expectations(repo_root)}
    assert len(names) >= 6


def test_metadata(con, repo_root: Path) -> None:
    for e in expectations(repo_root):
        row = con.execute(
            "select agency, year, template, script, province, city, county, adcode, "
            "published_on, status from reports where source_file = ?", [e["file"]]).fetchone()
        region = e["region"]
        published = dt.date.fromisoformat(e["published_on"]) if e["published_on"] else None
        assert row == (e["agency"], e["year"], e["template"], e["script"], region["province"],
                       region["city"], region["county"], region["adcode"], published,
                       e["expected_status"]), e["file"]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_cell(con, repo_root: Path, table: str) -> None:
    name, row_key, col_key, value_key = TABLES[table]
    for e in expectations(repo_root):
        rows = con.execute(
            f"select f.{row_key}, f.{col_key}, f.{value_key} from {name} f "  # noqa: S608
            "join reports r using (report_id) where r.source_file = ?", [e["file"]]).fetchall()
        expected = {(r, c): v for r, cols in e[table].items() for c, v in cols.items()}
        assert {(r, c): v for r, c, v in rows} == expected, e["file"]
        assert len(rows) == len(expected), e["file"]


def test_issues(con, repo_root: Path) -> None:
    for e in expectations(repo_root):
        names = {n for (n,) in con.execute(
            "select distinct i.check_name from report_issues i join reports r using (report_id) "
            "where r.source_file = ?", [e["file"]]).fetchall()}
        errors = {n for (n,) in con.execute(
            "select distinct i.check_name from report_issues i join reports r using (report_id) "
            "where r.source_file = ? and i.severity = 'error'", [e["file"]]).fetchall()}
        assert set(e["expected_issues"]) <= names, e["file"]
        assert errors <= set(e["expected_issues"]), e["file"]


def test_raw_text_is_on_its_source_line(con, repo_root: Path) -> None:
    for name, *_ in TABLES.values():
        rows = con.execute(
            f"select r.source_file, f.source_line, f.raw_text from {name} f "  # noqa: S608
            "join reports r using (report_id) where f.raw_text is not null").fetchall()
        for source_file, line, raw in rows:
            text = (fixture_dir(repo_root) / source_file).read_text(encoding="utf-8")
            assert raw in text.split("\n")[line - 1], (source_file, line, raw)
