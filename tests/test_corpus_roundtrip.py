"""Generated reports of every layout through the whole job: every value, the metadata, the
status and the deliberately broken identity come back from the warehouse exactly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest
from pipeline_runs import run_ingest

from bench.corpus import LAYOUTS, generate_report, read_expected, write_corpus

REPORTS = 300  # 50 of each of the six layouts
SEED = 7
BROKEN_SHARE = 0.1  # more than the default 2 %, so every kind of break occurs

FACT_TABLES = {
    "applications": ("fact_applications", "outcome", "applicant_type", "count"),
    "review_litigation": ("fact_review_litigation", "proceeding", "result", "count"),
    "proactive": ("fact_proactive_disclosure", "item", "measure", "value"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, REPORTS, SEED, broken_share=BROKEN_SHARE)
    return folder


@pytest.fixture(scope="module")
def con(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    target = tmp_path_factory.mktemp("warehouse") / "w.duckdb"
    result = run_ingest(corpus / "raw", target)
    assert result.success
    connection = duckdb.connect(str(target), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def expected(corpus: Path) -> dict[str, dict]:
    return read_expected(corpus)


def test_the_corpus_covers_every_layout_template_and_break(expected: dict[str, dict]) -> None:
    assert len(expected) == REPORTS
    assert Counter(e["layout"] for e in expected.values()) == dict.fromkeys(LAYOUTS, 50)
    assert {e["template"] for e in expected.values()} == {"2019", "2021"}
    kinds = {e["broken"]["check_name"] for e in expected.values() if e["broken"]}
    assert kinds == {"balance", "row_total", "outcome_total", "review_total"}


def test_generation_is_deterministic_and_values_nonzero() -> None:
    first, again = generate_report(3, 11), generate_report(3, 11)
    assert first.text == again.text and first.expected == again.expected
    assert generate_report(4, 11).text != first.text
    table3 = first.expected["applications"]
    assert table3["total_processed"]["total"] > 0
    assert any(v > 0 for v in table3["new_received"].values())
    assert any(row["total"] > 0 for row in first.expected["review_litigation"].values())


def test_every_fact_round_trips(con, expected: dict[str, dict]) -> None:
    for name, (table, row, col, value) in FACT_TABLES.items():
        stored: dict[str, dict] = {}
        for file, r, c, v in con.execute(
            f"SELECT r.source_file, f.{row}, f.{col}, f.{value} FROM {table} f "  # noqa: S608
            "JOIN reports r USING (report_id)"
        ).fetchall():
            stored.setdefault(file, {}).setdefault(r, {})[c] = v
        for file, record in expected.items():
            assert stored.get(file) == record[name], (file, name, record["layout"])


def test_metadata_and_region_round_trip(con, expected: dict[str, dict]) -> None:
    rows = con.execute(
        "SELECT source_file, agency, year, template, script, province, city, county, adcode, "
        "CAST(published_on AS VARCHAR) FROM reports").fetchall()
    assert len(rows) == REPORTS
    for file, agency, year, template, script, province, city, county, adcode, published in rows:
        e = expected[file]
        assert (agency, year, template, script, published) == (
            e["agency"], e["year"], e["template"], e["script"], e["published_on"]), file
        assert {"province": province, "city": city, "county": county, "adcode": adcode} == \
            e["region"], file


def test_status_and_the_broken_identity(con, expected: dict[str, dict]) -> None:
    status = dict(con.execute("SELECT source_file, status FROM reports").fetchall())
    assert status == {file: e["status"] for file, e in expected.items()}
    failed: dict[str, set] = {}
    for file, check, subject in con.execute(
        "SELECT r.source_file, c.check_name, c.subject FROM report_checks c "
        "JOIN reports r USING (report_id) WHERE c.status = 'fail'"
    ).fetchall():
        failed.setdefault(file, set()).add((check, subject))
    wanted = {
        file: {(e["broken"]["check_name"], s) for s in e["broken"]["subjects"]}
        for file, e in expected.items() if e["broken"]
    }
    assert failed == wanted
    # Valid reports were checked, not skipped: every identity ran and passed.
    not_checked = con.execute(
        "SELECT count(*) FROM report_checks WHERE status = 'not_checked'").fetchone()
    assert not_checked == (0,)


def test_one_agency_id_per_agency_across_names_and_years(
        con, expected: dict[str, dict]) -> None:
    ids = dict(con.execute("SELECT source_file, agency_id FROM reports").fetchall())
    by_identity: dict[str, set] = {}
    names: dict[str, set] = {}
    for file, e in expected.items():
        by_identity.setdefault(e["agency_identity"], set()).add(ids[file])
        names.setdefault(e["agency_identity"], set()).add(e["agency"])
    # Each drawn agency has exactly one id, and no two agencies share one.
    assert all(len(found) == 1 and None not in found for found in by_identity.values())
    assert len({next(iter(found)) for found in by_identity.values()}) == len(by_identity)
    # The corpus does test it: agencies under several names (abbreviated, pre-2018) and in
    # several years.
    renamed = [i for i, seen in names.items() if len(seen) > 1]
    assert len(renamed) >= 10
    years = con.execute(
        "SELECT count(*) FROM (SELECT agency_id FROM reports GROUP BY agency_id"
        " HAVING count(DISTINCT year) > 1)").fetchone()
    assert years[0] >= 20
    assert con.execute("SELECT count(*) FROM dim_agency").fetchone() == (len(by_identity),)
    levels = {level for (level,) in con.execute("SELECT DISTINCT level FROM dim_agency").fetchall()}
    kinds = {kind for (kind,) in con.execute("SELECT DISTINCT kind FROM dim_agency").fetchall()}
    sectors = con.execute("SELECT count(DISTINCT sector) FROM dim_agency").fetchone()
    assert levels == {"province", "city", "county", "township"}
    assert kinds == {"government", "general_office", "department", "commission",
                     "dispatched_office"}
    assert sectors[0] >= 20
