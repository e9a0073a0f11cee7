"""`make sql` on the seeds' warehouse: the README's SQL examples run there as written."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from pipeline_runs import run_ingest

SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.S)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory, seed_dir: Path) -> Path:
    target = tmp_path_factory.mktemp("sql_shell") / "warehouse.duckdb"
    assert run_ingest(seed_dir, target).success
    return target


def _readme_examples(repo_root: Path) -> list[str]:
    return SQL_BLOCK.findall((repo_root / "README.md").read_text(encoding="utf-8"))


def _make_sql(repo_root: Path, warehouse: Path, sql: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "--no-print-directory", "-C", str(repo_root), "sql"], input=sql,
        env={**os.environ, "WAREHOUSE_PATH": str(warehouse)}, capture_output=True,
        text=True, timeout=120)


def test_readme_has_sql_examples(repo_root: Path) -> None:
    assert len(_readme_examples(repo_root)) >= 10


def test_every_readme_example_runs_in_make_sql(repo_root: Path, warehouse: Path) -> None:
    failed = {}
    for sql in _readme_examples(repo_root):
        result = _make_sql(repo_root, warehouse, sql)
        if result.returncode != 0 or "Error" in result.stderr:
            failed[sql[:60]] = result.stderr.strip()[-300:]
    assert failed == {}


def test_shell_is_read_only_and_says_how_to_list_views(repo_root: Path,
                                                      warehouse: Path) -> None:
    result = _make_sql(repo_root, warehouse, ".mode csv\nSELECT status, count(*) AS n "
                       "FROM reports GROUP BY status;\nCREATE TABLE x (a INTEGER);\n")
    assert ("  SELECT view_name, comment FROM duckdb_views() WHERE NOT internal ORDER BY 1;"
            in result.stdout.splitlines())
    assert "status,n\nvalid,5\n" in result.stdout
    assert "read-only" in result.stderr
    assert result.returncode != 0


def test_first_readme_example_prints_table_3_of_one_report(repo_root: Path,
                                                         warehouse: Path) -> None:
    (example,) = [sql for sql in _readme_examples(repo_root)
                  if "JOIN dim_applicant_type" in sql and "r.year = 2020" in sql]
    sql = ".mode csv\n" + example
    rows = _make_sql(repo_root, warehouse, sql).stdout.splitlines()
    header = rows.index("label,applicant,count,source_line,raw_text")
    # 安丘市卫生健康局 2020: the first cell of table 3, on line 147 of its file.
    assert rows[header + 1] == '"一、本年新收政府信息公开申请数量","自然人",5,147,5'
