"""The bad-input corpus through the real Dagster job: every file ends as SPEC says.

All cases share one run (the way a night's folder arrives), so a case that crashed the
run or stopped another file from loading fails every test here.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from bad_inputs import SEEDS, Case, corpus_cases, write_cases
from pipeline_runs import run_ingest

CASES = corpus_cases()
SHARED = CASES


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name, marks=marks)


@dataclass(frozen=True)
class Outcome:
    status: str
    report_id: str
    errors: list[tuple[str, str]]  # (check_name, message) of severity error


def _outcomes(warehouse: Path) -> dict[str, Outcome]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reports = con.execute("select source_file, status, report_id from reports").fetchall()
        errors = con.execute("select report_id, check_name, message from report_issues "
                             "where severity = 'error' order by all").fetchall()
    by_report: dict[str, list[tuple[str, str]]] = {}
    for report_id, check_name, message in errors:
        by_report.setdefault(report_id, []).append((check_name, message))
    return {name: Outcome(status, rid, by_report.get(rid, [])) for name, status, rid in reports}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory,
               seed_dir: Path) -> tuple[Path, dict[str, Outcome]]:
    root = tmp_path_factory.mktemp("corpus")
    write_cases(SHARED, root / "raw", root / "outside", seed_dir)
    warehouse = root / "warehouse.duckdb"
    result = run_ingest(root / "raw", warehouse)
    assert result.success
    return warehouse, _outcomes(warehouse)


def test_corpus_holds_at_least_fifty_bad_or_odd_files() -> None:
    assert len({case.name for case in CASES}) == len(CASES)
    assert len([case for case in CASES if case.name not in SEEDS]) >= 50


def test_every_file_has_exactly_one_report_row(corpus_run) -> None:
    warehouse, outcomes = corpus_run
    assert sorted(outcomes) == sorted(case.name for case in SHARED)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) = count(distinct source_file) from reports"
                           ).fetchone() == (True,)


@pytest.mark.parametrize("case", [_param(case) for case in SHARED])
def test_case_ends_as_specified(case: Case, corpus_run) -> None:
    _, outcomes = corpus_run
    _assert_outcome(case, outcomes[case.name])


def _assert_outcome(case: Case, outcome: Outcome) -> None:
    names = {name for name, _ in outcome.errors}
    assert outcome.status == case.status, outcome.errors
    if case.errors is None:
        assert names
    else:
        assert names == case.errors
    if case.fragment is not None:
        assert any(case.fragment in message for _, message in outcome.errors), outcome.errors


@pytest.mark.parametrize("case", [case for case in SHARED if case.status != "valid"],
                         ids=lambda case: case.name)
def test_parse_and_rejection_messages_name_the_file(case: Case, corpus_run) -> None:
    _, outcomes = corpus_run
    own = [m for name, m in outcomes[case.name].errors
           if name == "rejected" or name.startswith("parse_")]
    assert all(m.startswith(f"{case.name}: ") for m in own), own


def test_check_messages_name_the_file(corpus_run) -> None:
    _, outcomes = corpus_run
    case = next(c for c in SHARED if c.name == "balance-broken.txt")
    messages = [m for name, m in outcomes[case.name].errors if name == "balance"]
    assert messages and all(case.name in m for m in messages)


@pytest.mark.parametrize(
    "case", [_param(case) for case in SHARED if case.same_values_as and case.status == "valid"])
def test_loaded_copies_have_the_seed_values(case: Case, corpus_run) -> None:
    """Re-encoded, renamed, linked and padded copies: every cell, line and raw text equal."""
    warehouse, outcomes = corpus_run
    assert outcomes[case.name].status == "valid"
    assert _facts(warehouse, case.name) == _facts(warehouse, case.same_values_as)
    assert _metadata(warehouse, case.name) == _metadata(warehouse, case.same_values_as)


def _facts(warehouse: Path, source_file: str) -> dict[str, list[tuple]]:
    queries = {
        "applications": "select outcome, applicant_type, count, source_line, raw_text "
                        "from fact_applications",
        "review": "select proceeding, result, count, source_line, raw_text "
                  "from fact_review_litigation",
        "proactive": "select item, measure, value, source_line, raw_text "
                     "from fact_proactive_disclosure",
    }
    with duckdb.connect(str(warehouse), read_only=True) as con:
        out = {}
        for table, sql in queries.items():
            out[table] = con.execute(
                f"{sql} where report_id = (select report_id from reports "  # noqa: S608
                "where source_file = ?) order by all", [source_file]).fetchall()
        return out


def _metadata(warehouse: Path, source_file: str) -> tuple:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select agency, agency_as_written, year, template, script, province, city, "
            "county, adcode, published_on from reports where source_file = ?", [source_file]
        ).fetchone()


def test_seed_copies_carry_real_numbers(corpus_run) -> None:
    """The comparisons above are only as strong as the seeds: 002 has 5 granted requests."""
    warehouse, _ = corpus_run
    facts = _facts(warehouse, "report with spaces.txt")["applications"]
    assert ("granted", "natural_person", 5, 166, "5") in facts
    assert len(facts) == 161


def _dump(warehouse: Path) -> dict[str, list[tuple]]:
    """Every base table's rows in a fixed order, load times left out."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [t for (t,) in con.execute(
            "select table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' order by table_name").fetchall()]
        out = {}
        for table in tables:
            relation = con.table(table)
            columns = [c for c in relation.columns if c != "loaded_at"]
            rows = relation.select(*map(duckdb.ColumnExpression, columns)).fetchall()
            out[table] = sorted(rows, key=repr)
        return out


def test_a_second_run_over_the_corpus_changes_nothing(corpus_run, tmp_path: Path) -> None:
    """Idempotence over every kind of file: the same rows and ids (load times aside), also
    when the second run reuses the first one's rows for content it has seen."""
    warehouse, _ = corpus_run
    again = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse, again)
    assert run_ingest(warehouse.parent / "raw", again).success
    first, second = _dump(warehouse), _dump(again)
    assert len(first["reports"]) == len(CASES)
    assert second == first
