"""Generated reports of every layout, and of the damage kinds the parser reads, through the
whole job: every value, the metadata, the status and the deliberately broken identity come
back from the warehouse exactly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest
from pipeline_runs import run_ingest

from bench.corpus import DAMAGES, LAYOUTS, generate_report, read_expected, write_corpus
from pipelines.parsing.vocabulary import APPLICANT_TYPES

# Damage kinds read exactly today. The others are measured per kind by `make accuracy`
# and join this tuple once the parser reads them: spaces_every_table, signed_change,
# word_table2, units_yuan, invented_header, table4_three_tables, title_split,
# place_unknown, place_typo_with_clue, special_zone, agency_full_in_body,
# narrative_contradiction, t3_no_total_column, spaces_blank_lost, wan_in_numbers,
# not_a_report, cells_line_lost, html_first_level_lost_td, pipe_row_short,
# t3_first_label_garbled, t3_first_label_split, t2_headers_garbled, pdf_unruled_blanks,
# spaces_blank_lost_rows, browser_print_marks, group_subtotals, ocr_misreads,
# t2_article_in_rows, tables_in_appendix, money_units.
READ = ("pipe_group_cells", "pipe_numbers_below", "pipe_cell_own_line", "title_preamble",
        "place_ambiguous", "agency_in_signature", "narrative_figures", "html_page",
        "pipe_label_split", "pipe_label_lost", "blank_cells", "html_blank_cells")
REPORTS = 624  # 48 of each kind; the undamaged ones 8 in each of the six layouts
SEED = 7
BROKEN_SHARE = 0.1  # more than the default 2 %, so every kind of break occurs
# Rows of the 勾稽关系 and rows outside the outcome total (SPEC §6).
_BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")
_NOT_HANDLED = ("new_received", "carried_over", "carried_forward")
APPLICANT_CODES = tuple(t.code for t in APPLICANT_TYPES)

FACT_TABLES = {
    "applications": ("fact_applications", "outcome", "applicant_type", "count"),
    "review_litigation": ("fact_review_litigation", "proceeding", "result", "count"),
    "proactive": ("fact_proactive_disclosure", "item", "measure", "value"),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, REPORTS, SEED, broken_share=BROKEN_SHARE, damages=READ)
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
    assert set(READ) <= set(DAMAGES)
    per_kind = REPORTS // (len(READ) + 1)
    assert Counter(e["damage"] for e in expected.values()) == dict.fromkeys(("none", *READ),
                                                                            per_kind)
    undamaged = [e["layout"] for e in expected.values() if e["damage"] == "none"]
    assert Counter(undamaged) == dict.fromkeys(LAYOUTS, 8)
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


def unchecked(record: dict) -> set[tuple[str, str]]:
    """(check, subject) of every SPEC §6 identity with a blank operand in `record`; a cell
    the record leaves out (a row whose cell vanished is read only where it printed) is
    no operand either."""
    out = set()
    for row, cells in record["applications"].items():
        for column in APPLICANT_CODES:
            if cells.get(column) is not None:
                continue
            out.add(("row_total", row))
            if row in _BALANCE_ROWS:
                out.add(("balance", column))
            if row not in _NOT_HANDLED:
                out.add(("outcome_total", column))
    for proceeding, cells in record["review_litigation"].items():
        if None in cells.values():
            out.add(("review_total", proceeding))
    return out


def test_unchecked_names_the_identities_of_a_blank_cell() -> None:
    def row(**cells: int | None) -> dict[str, int | None]:
        return {**dict.fromkeys(APPLICANT_CODES, 0), **cells}

    record = {"applications": {"granted": row(natural_person=None, total=3),
                               "carried_over": row(natural_person=1, total=None),
                               # A row read only where it printed: no research institutions.
                               "new_received": {c: 0 for c in APPLICANT_CODES[:-1]
                                                if c != "research_institution"}},
              "review_litigation": {"litigation_direct": {"upheld": None, "total": 2},
                                    "admin_reconsideration": {"upheld": 0, "total": 0}}}
    assert unchecked(record) == {
        ("row_total", "granted"), ("outcome_total", "natural_person"),
        ("row_total", "carried_over"), ("balance", "total"),
        ("row_total", "new_received"), ("balance", "research_institution"),
        ("review_total", "litigation_direct"),
    }


def test_status_and_the_broken_identity(con, expected: dict[str, dict]) -> None:
    status = dict(con.execute("SELECT source_file, status FROM reports").fetchall())
    assert status == {file: e["status"] for file, e in expected.items()}
    checks: dict[str, dict[str, set]] = {}
    for file, check, subject, state in con.execute(
        "SELECT r.source_file, c.check_name, c.subject, c.status FROM report_checks c "
        "JOIN reports r USING (report_id) "
        "WHERE c.check_name IN ('balance', 'row_total', 'outcome_total', 'review_total')"
    ).fetchall():
        checks.setdefault(file, {}).setdefault(state, set()).add((check, subject))
    for file, e in expected.items():
        broken = e["broken"]
        wanted = {(broken["check_name"], s) for s in broken["subjects"]} if broken else set()
        assert checks[file].get("fail", set()) == wanted, file
        # Identities with a blank operand are reported as not checked; all others ran.
        assert checks[file].get("not_checked", set()) == unchecked(e), file


def test_one_agency_id_per_agency_across_names_and_years(
        con, expected: dict[str, dict]) -> None:
    ids = dict(con.execute("SELECT source_file, agency_id FROM reports").fetchall())
    by_identity: dict[str, set] = {}
    names: dict[str, set] = {}
    for file, e in expected.items():
        if not e.get("agency_identity"):
            continue  # no region in the text, so nothing to place the agency by
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
    levels = {level for (level,) in con.execute("SELECT DISTINCT level FROM dim_agency").fetchall()}
    kinds = {kind for (kind,) in con.execute("SELECT DISTINCT kind FROM dim_agency").fetchall()}
    sectors = con.execute("SELECT count(DISTINCT sector) FROM dim_agency").fetchone()
    assert levels == {"province", "city", "county", "township"}
    assert kinds == {"government", "general_office", "department", "commission",
                     "dispatched_office", "zone_committee"}
    assert sectors[0] >= 20
