"""dim_agency, its aliases and the like-for-like views (sql/agency_views.sql) on a small
handmade warehouse: one county health bureau under three names over four years, and its
peers. Every expected value is worked out by hand beside it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest
from handmade_warehouse import tables_with_status

from pipelines.frames import CHECK_SCHEMA, ParseOutcome, SourceDocument, build_batch
from pipelines.parsing import Fact, ParsedReport, Region
from pipelines.warehouse import WarehouseTables, build_warehouse, connect_readonly

ANQIU = Region("山东省", "潍坊市", "安丘市", "370784")
# The bureau's id: its division's adcode, no township or zone, its canonical body.
ANQIU_HEALTH = hashlib.sha256("adcode:370784|||卫生健康局".encode()).hexdigest()[:16]

# file, agency, as written, year, region, granted, processed, carried over, forward, status
REPORTS = [
    ("aq2018.txt", "安丘市卫生和计划生育局", "安丘市卫生和计划生育局", 2018, ANQIU, 1, 2, 0, 3,
     "valid"),
    ("aq2019.txt", "安丘市卫生健康局", "安丘市卫健局", 2019, ANQIU, 4, 5, 3, 1, "valid"),
    ("aq2021.txt", "安丘市卫生健康局", "安丘市卫生健康局", 2021, ANQIU, 3, 4, 1, 0, "valid"),
    ("sg2019.txt", "寿光市卫生健康局", "寿光市卫生健康局", 2019,
     Region("山东省", "潍坊市", "寿光市", "370783"), 1, 10, 0, 0, "valid"),
    ("zc2019.txt", "诸城市卫生健康局", "诸城市卫健局", 2019,
     Region("山东省", "潍坊市", "诸城市", "370782"), 2, 10, 0, 0, "valid"),
    ("qz2019.txt", "青州市卫生健康局", "青州市卫生健康局", 2019,
     Region("山东省", "潍坊市", "青州市", "370781"), 5, 10, 0, 0, "valid"),
    ("cl2019.txt", "昌乐县卫生健康局", "昌乐县卫生健康局", 2019,
     Region("山东省", "潍坊市", "昌乐县", "370725"), 9, 10, 0, 0, "valid"),
    ("lq2019.txt", "临朐县卫生健康局", "临朐县卫生健康局", 2019,
     Region("山东省", "潍坊市", "临朐县", "370724"), 10, 10, 0, 0, "valid"),
    ("gm2019.txt", "高密市卫生健康局", "高密市卫生健康局", 2019,
     Region("山东省", "潍坊市", "高密市", "370785"), 0, 10, 0, 0, "flagged"),
    ("wf2019.txt", "潍坊市卫生健康委员会", "潍坊市卫健委", 2019,
     Region("山东省", "潍坊市", None, "370700"), 6, 8, 0, 0, "valid"),
]


def _report(agency: str, written: str, year: int, region: Region, granted: int,
            processed: int, carried_over: int, forward: int) -> ParsedReport:
    total = {"new_received": processed + forward - carried_over, "carried_over": carried_over,
             "granted": granted, "partly_granted": 0, "total_processed": processed,
             "carried_forward": forward}
    facts = [Fact("applications", outcome, "total", value, 10 + n, str(value))
             for n, (outcome, value) in enumerate(total.items())]
    return ParsedReport(agency=agency, agency_as_written=written, year=year, template="2019",
                        script="simplified", region=region, published_on=None, facts=facts,
                        issues=[])


def _tables(order: slice = slice(None)) -> WarehouseTables:
    rows = REPORTS[order]
    return tables_with_status([
        ParseOutcome(SourceDocument(hashlib.sha256(row[0].encode()).hexdigest(), row[0]),
                     _report(*row[1:9]))
        for row in rows
    ], {r[0]: r[9] for r in rows})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("agencies") / "warehouse.duckdb"
    build_warehouse(target, _tables())
    return target


def _rows(db: Path, query: str) -> list[tuple]:
    with connect_readonly(db) as con:
        return con.execute(query).fetchall()


def test_three_names_over_four_years_are_one_agency(db: Path) -> None:
    assert _rows(db, "SELECT agency_id, canonical_name, province, city, county, adcode, level,"
                     " kind, sector, first_year, last_year, reports FROM dim_agency"
                     " WHERE county = '安丘市'") == [
        (ANQIU_HEALTH, "安丘市卫生健康局", "山东省", "潍坊市", "安丘市", "370784", "county",
         "department", "health", 2018, 2021, 3)]
    assert _rows(db, "SELECT alias, first_year, last_year, reports, as_written, renamed_from"
                     " FROM dim_agency_alias WHERE agency_id = '" + ANQIU_HEALTH + "'"
                     " ORDER BY first_year, alias") == [
        ("安丘市卫生和计划生育局", 2018, 2018, 1, False, "卫生和计划生育局"),
        ("安丘市卫健局", 2019, 2019, 1, True, None),
        ("安丘市卫生健康局", 2019, 2021, 2, False, None),
    ]
    assert _rows(db, "SELECT source_file FROM reports WHERE agency_id = '" + ANQIU_HEALTH
                     + "' ORDER BY 1") == [("aq2018.txt",), ("aq2019.txt",), ("aq2021.txt",)]


def test_every_report_points_at_a_classified_agency(db: Path) -> None:
    assert _rows(db, "SELECT count(*), count(agency_id) FROM reports") == [(10, 10)]
    assert _rows(db, "SELECT level, kind, sector, count(*) FROM dim_agency GROUP BY ALL"
                     " ORDER BY ALL") == [("city", "commission", "health", 1),
                                          ("county", "department", "health", 7)]
    assert _rows(db, "SELECT label FROM dim_sector WHERE code = 'health'") == [("卫生健康",)]


def test_ids_do_not_depend_on_load_order(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "reversed.duckdb"
    build_warehouse(other, _tables(slice(None, None, -1)))
    query = "SELECT * FROM dim_agency ORDER BY agency_id"
    assert _rows(other, query) == _rows(db, query)
    query = "SELECT source_file, agency_id FROM reports ORDER BY 1"
    assert _rows(other, query) == _rows(db, query)


def test_agency_years_shows_the_missing_year(db: Path) -> None:
    assert _rows(db, "SELECT year, source_file, status, reports, missing FROM agency_years"
                     " WHERE agency_id = '" + ANQIU_HEALTH + "' ORDER BY year") == [
        (2018, "aq2018.txt", "valid", 1, False),
        (2019, "aq2019.txt", "valid", 1, False),
        (2020, None, None, 0, True),
        (2021, "aq2021.txt", "valid", 1, False),
    ]


def test_peer_rank_among_county_health_bureaus(db: Path) -> None:
    rows = _rows(db, "SELECT r.source_file, grant_rate, peer_count, grant_rate_peer_median,"
                     " grant_rate_percentile_rank, grant_rate_province_percentile_rank,"
                     " rank_note FROM metric_peer_rank JOIN report_agency r USING (report_id)"
                     " WHERE r.year = 2019 ORDER BY r.source_file")
    # Valid county health bureaus of 2019: 0.1 0.2 0.5 0.8 0.9 1.0 (高密 is flagged), all
    # in one province. Median (0.5 + 0.8) / 2 = 0.65; 安丘's 0.8 is 4th of 6:
    # (4 - 1) / (6 - 1) = 0.6.
    assert rows == [
        ("aq2019.txt", pytest.approx(0.8), 6, pytest.approx(0.65), pytest.approx(0.6),
         pytest.approx(0.6), "ranked"),
        ("cl2019.txt", pytest.approx(0.9), 6, pytest.approx(0.65), pytest.approx(0.8),
         pytest.approx(0.8), "ranked"),
        ("gm2019.txt", 0.0, None, None, None, None, "not ranked: report flagged"),
        ("lq2019.txt", 1.0, 6, pytest.approx(0.65), 1.0, 1.0, "ranked"),
        ("qz2019.txt", 0.5, 6, pytest.approx(0.65), pytest.approx(0.4), pytest.approx(0.4),
         "ranked"),
        ("sg2019.txt", pytest.approx(0.1), 6, pytest.approx(0.65), 0.0, 0.0, "ranked"),
        ("wf2019.txt", 0.75, 1, 0.75, None, None, "not ranked: peer group of 1 < 5"),
        ("zc2019.txt", pytest.approx(0.2), 6, pytest.approx(0.65), pytest.approx(0.2),
         pytest.approx(0.2), "ranked"),
    ]


def test_year_over_year_follows_the_agency_across_names(db: Path) -> None:
    rows = _rows(db, "SELECT year, grant_rate, previous_year, grant_rate_change FROM metric_yoy"
                     " WHERE agency_id = '" + ANQIU_HEALTH + "' ORDER BY year")
    assert rows == [
        (2018, 0.5, None, None),
        (2019, pytest.approx(0.8), 2018, pytest.approx(0.3)),
        (2021, 0.75, 2019, pytest.approx(-0.05)),
    ]


def test_cross_year_check_follows_the_renamed_agency(db: Path) -> None:
    # 2018's carried_forward 3 (as 卫生和计划生育局) = 2019's carried_over 3 (as 卫生健康局).
    assert _rows(db, "SELECT agency, year, applicant_type, previous_carried_forward,"
                     " carried_over, status, agency_id FROM check_cross_year") == [
        ("安丘市卫生健康局", 2019, "total", 3, 3, "pass", ANQIU_HEALTH)]


def test_an_agency_nothing_places_gets_no_id_and_a_warning(tmp_path: Path) -> None:
    nowhere = Region(None, None, None, None)
    batch = build_batch([
        ParseOutcome(SourceDocument("e" * 64, "bare.txt"),
                     _report("卫生健康局", "卫健局", 2020, nowhere, 1, 2, 0, 0)),
        ParseOutcome(SourceDocument("f" * 64, "placed.txt"),
                     _report("安丘市卫生健康局", "安丘市卫生健康局", 2020, nowhere, 1, 2, 0, 0)),
    ])
    target = tmp_path / "w.duckdb"
    build_warehouse(target, WarehouseTables(
        reports=batch.reports.with_columns(status=pl.lit("valid")),
        applications=batch.applications, review_litigation=batch.review_litigation,
        proactive=batch.proactive, checks=pl.DataFrame(schema=CHECK_SCHEMA),
        issues=batch.issues))
    # 安丘市 in the name places the second one even without a region.
    assert _rows(target, "SELECT source_file, agency_id IS NULL FROM reports ORDER BY 1") == [
        ("bare.txt", True), ("placed.txt", False)]
    assert _rows(target, "SELECT report_id, check_name, severity, message FROM report_issues"
                         " WHERE check_name = 'agency_unplaced'") == [
        ("e" * 64, "agency_unplaced", "warning",
         "bare.txt: agency 卫生健康局 names no division and the report gives no region:"
         " no agency_id")]
    assert _rows(target, "SELECT status FROM reports ORDER BY source_file") == [
        ("valid",), ("valid",)]
