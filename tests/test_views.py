"""The analyst views of sql/views.sql (SPEC §9) on a small handmade warehouse.

Three agencies' reports are written out cell by cell below; every expected value is
computed by hand from those cells in the comment beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade_warehouse import tables_with_status

from pipelines.frames import ParseOutcome, SourceDocument
from pipelines.parsing import Fact, Issue, ParsedReport, Region, ReportRejected
from pipelines.warehouse import WarehouseTables, build_warehouse, connect_readonly

RID_A = "a" * 64  # 甲市卫生健康局 2020: every metric has a value
RID_B = "b" * 64  # 甲市卫生健康局 2021: nothing processed (zero denominators), a blank cell
RID_C = "c" * 64  # 乙县统计局 2019, two files: one blank denial cell, flagged
RID_D = "d" * 64  # rejected: no numbers, in no view

DENIED = ("denied_state_secret", "denied_prohibited_by_law", "denied_security_stability",
          "denied_third_party", "denied_internal_affairs", "denied_process_info",
          "denied_enforcement_file", "denied_admin_query")
UNABLE = ("unable_not_held", "unable_needs_creation", "unable_unclear")
REJECTED = ("rejected_petition", "rejected_duplicate", "rejected_publication",
            "rejected_excessive", "rejected_confirmation")


def _total_column(cells: dict[str, int | None]) -> list[Fact]:
    return [Fact("applications", outcome, "total", value, 100 + n, str(value))
            for n, (outcome, value) in enumerate(cells.items())]


def _column(applicant: str, cells: dict[str, int | None]) -> list[Fact]:
    return [Fact("applications", outcome, applicant, value, 100 + n, str(value))
            for n, (outcome, value) in enumerate(cells.items())]


def _table4(proceeding: str, upheld: int, corrected: int, other: int, pending: int,
            total: int) -> list[Fact]:
    values = {"upheld": upheld, "corrected": corrected, "other": other, "pending": pending,
              "total": total}
    return [Fact("review_litigation", proceeding, result, value, 200, str(value))
            for result, value in values.items()]


def _report(agency: str, year: int, region: Region, facts: list[Fact],
            issues: list[Issue] | None = None) -> ParsedReport:
    return ParsedReport(agency=agency, agency_as_written=agency, year=year, template="2019",
                        script="simplified", region=region, published_on=None, facts=facts,
                        issues=issues or [])


JIA = Region("山东省", "甲市", None, "370100")
YI = Region("河北省", "丙市", "乙县", "130101")


def _report_a() -> ParsedReport:
    # new 10 + carried over 2 = processed 10 + carried forward 2.
    # processed 10 = granted 3 + partly 1 + denied 2 + unable 2 + not processed 2 + other 0.
    total = {
        "new_received": 10, "carried_over": 2, "granted": 3, "partly_granted": 1,
        **dict.fromkeys(DENIED, 0), "denied_state_secret": 1, "denied_third_party": 1,
        **dict.fromkeys(UNABLE, 0), "unable_not_held": 2,
        **dict.fromkeys(REJECTED, 0), "rejected_petition": 1, "rejected_duplicate": 1,
        "other": 0, "total_processed": 10, "carried_forward": 2,
    }  # fmt: skip
    new = {"natural_person": 6, "commercial_enterprise": 2, "research_institution": 0,
           "social_welfare_org": 0, "legal_service_org": 1, "other_org": 1}
    facts = _total_column(total)
    facts += [Fact("applications", "new_received", col, n, 99, str(n)) for col, n in new.items()]
    facts += _column("natural_person", {"carried_forward": 1})
    facts += _column("commercial_enterprise", {"carried_forward": 1})
    facts += _table4("admin_reconsideration", 1, 1, 0, 1, 3)
    facts += _table4("litigation_direct", 0, 0, 0, 0, 0)
    facts += _table4("litigation_after_reconsideration", 0, 0, 0, 1, 1)
    return _report("甲市卫生健康局", 2020, JIA, facts)


def _report_b() -> ParsedReport:
    # Nothing new, nothing processed; the total of carried_over is blank.
    total = {"new_received": 0, "carried_over": None, "granted": 0, "partly_granted": 0,
             **dict.fromkeys(DENIED, 0), **dict.fromkeys(UNABLE, 0),
             **dict.fromkeys(REJECTED, 0), "other": 0, "total_processed": 0,
             "carried_forward": 1}
    facts = _total_column(total)
    facts += _column("natural_person", {"new_received": 0, "carried_over": 1})
    facts += _column("commercial_enterprise", {"new_received": 0, "carried_over": 0})
    facts += _table4("admin_reconsideration", 0, 0, 0, 0, 0)
    return _report("甲市卫生健康局", 2021, JIA, facts)


def _report_c() -> ParsedReport:
    # granted 4 of 5 processed; one denial cell blank, so every denial sum is unknown.
    total = {"new_received": 5, "carried_over": 0, "granted": 4, "partly_granted": 0,
             **dict.fromkeys(DENIED, 0), "denied_state_secret": None,
             **dict.fromkeys(UNABLE, 0), **dict.fromkeys(REJECTED, 0), "other": 0,
             "total_processed": 5, "carried_forward": 0}
    facts = _total_column(total)
    facts += _column("natural_person", {"new_received": 5})
    return _report("乙县统计局", 2019, YI, facts,
                   [Issue("outcome_total", "error", "processed 5 != 4 + blank")])


def _tables() -> WarehouseTables:
    return tables_with_status([
        ParseOutcome(SourceDocument(RID_A, "a.txt"), _report_a()),
        ParseOutcome(SourceDocument(RID_B, "b.txt"), _report_b()),
        ParseOutcome(SourceDocument(RID_C, "c2.txt"), _report_c()),
        ParseOutcome(SourceDocument(RID_C, "c1.txt"), _report_c()),
        ParseOutcome(SourceDocument(RID_D, "d.pdf"), ReportRejected("no table 3", 3)),
    ], {"a.txt": "valid", "b.txt": "valid", "c1.txt": "flagged", "c2.txt": "flagged",
        "d.pdf": "rejected"})


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("views") / "warehouse.duckdb"
    build_warehouse(target, _tables())
    return target


def _by_report(db: Path, view: str, columns: str) -> dict[str, tuple]:
    with connect_readonly(db) as con:
        rows = con.execute(f"SELECT report_id, {columns} FROM {view}").fetchall()
    return {row[0][0]: row[1:] for row in rows}


def _approx(rows: dict[str, tuple]) -> dict[str, tuple]:
    return {k: tuple(v if v is None or isinstance(v, str) else pytest.approx(v) for v in row)
            for k, row in rows.items()}


def test_one_row_per_loaded_report_with_its_place(db: Path) -> None:
    with connect_readonly(db) as con:
        rows = con.execute(
            "SELECT report_id, source_file, files, agency, year, province, city, county,"
            " adcode, template, status FROM report_metadata ORDER BY report_id").fetchall()
    assert rows == [
        (RID_A, "a.txt", 1, "甲市卫生健康局", 2020, "山东省", "甲市", None, "370100", "2019",
         "valid"),
        (RID_B, "b.txt", 1, "甲市卫生健康局", 2021, "山东省", "甲市", None, "370100", "2019",
         "valid"),
        (RID_C, "c1.txt", 2, "乙县统计局", 2019, "河北省", "丙市", "乙县", "130101", "2019",
         "flagged"),
    ]  # fmt: skip


def test_applicant_mix(db: Path) -> None:
    got = _by_report(db, "metric_applicant_mix",
                     "new_received, share_natural_person, share_commercial_enterprise,"
                     " share_research_institution, share_social_welfare_org,"
                     " share_legal_service_org, share_other_org")
    assert got == _approx({
        "a": (10, 0.6, 0.2, 0.0, 0.0, 0.1, 0.1),  # 6, 2, 0, 0, 1, 1 of 10
        "b": (0, None, None, None, None, None, None),  # 0 new: no mix, not a mix of zeros
        "c": (5, 1.0, None, None, None, None, None),  # only 自然人 printed
    })


def test_grant_and_disclosure_rates(db: Path) -> None:
    assert _by_report(db, "metric_grant_rate", "granted, total_processed, grant_rate") == \
        _approx({"a": (3, 10, 0.3), "b": (0, 0, None), "c": (4, 5, 0.8)})
    assert _by_report(db, "metric_disclosure_rate", "disclosure_rate") == \
        _approx({"a": (0.4,), "b": (None,), "c": (0.8,)})  # (3 + 1) / 10, 0/0, (4 + 0) / 5


def test_substantive_disclosure_rate(db: Path) -> None:
    got = _by_report(db, "metric_substantive_disclosure_rate",
                     "denied, unable, substantive_disclosure_rate")
    # a: (3 + 1) / (3 + 1 + 2 + 2); b: 0 / 0; c: a blank denial makes the denominator unknown
    assert got == _approx({"a": (2, 2, 0.5), "b": (0, 0, None), "c": (None, 0, None)})


def test_denial_rate_and_reasons(db: Path) -> None:
    assert _by_report(db, "metric_denial_rate", "denied, denial_rate") == \
        _approx({"a": (2, 0.2), "b": (0, None), "c": (None, None)})
    got = _by_report(db, "metric_denial_reasons",
                     "denied, share_state_secret, share_third_party, share_process_info")
    assert got == _approx({
        "a": (2, 0.5, 0.5, 0.0),  # 1 state secret and 1 third party of 2 denials
        "b": (0, None, None, None),  # no denials: no mix
        "c": (None, None, None, None),
    })


def test_not_held_not_processed_and_carry_over_rates(db: Path) -> None:
    assert _by_report(db, "metric_not_held_rate", "not_held_rate") == \
        _approx({"a": (0.2,), "b": (None,), "c": (0.0,)})  # 2 / 10, 0 / 0, 0 / 5
    assert _by_report(db, "metric_not_processed_rate", "not_processed, not_processed_rate") == \
        _approx({"a": (2, 0.2), "b": (0, None), "c": (0, 0.0)})
    # a: 2 / (10 + 2); b: carried_over is blank; c: 0 / (5 + 0)
    assert _by_report(db, "metric_carry_over_rate", "carry_over_rate") == \
        _approx({"a": (2 / 12,), "b": (None,), "c": (0.0,)})


def test_review_and_litigation_per_100_handled(db: Path) -> None:
    got = _by_report(db, "metric_review_litigation_per_100",
                     "reconsiderations, litigations, reconsiderations_per_100,"
                     " litigations_per_100")
    assert got == _approx({
        "a": (3, 1, 30.0, 10.0),  # 100 * 3 / 10, 100 * (0 + 1) / 10
        "b": (0, None, None, None),  # no litigation printed; nothing processed
        "c": (None, None, None, None),  # no table 4
    })


def test_correction_rates(db: Path) -> None:
    got = _by_report(db, "metric_correction_rate",
                     "reconsideration_correction_rate, litigation_direct_correction_rate,"
                     " litigation_after_reconsideration_correction_rate")
    assert got == _approx({
        "a": (0.5, None, None),  # 1 / (3 - 1); 0 / (0 - 0); 0 / (1 - 1)
        "b": (None, None, None),
        "c": (None, None, None),
    })


def test_summary_lines_up_every_ratio(db: Path) -> None:
    got = _by_report(db, "metric_summary",
                     "grant_rate, disclosure_rate, substantive_disclosure_rate, denial_rate,"
                     " not_held_rate, not_processed_rate, carry_over_rate,"
                     " reconsiderations_per_100, litigations_per_100,"
                     " reconsideration_correction_rate")
    assert got["a"] == pytest.approx((0.3, 0.4, 0.5, 0.2, 0.2, 0.2, 2 / 12, 30.0, 10.0, 0.5))
    assert got["b"] == (None,) * 10


def test_cross_year_check_per_applicant_column(db: Path) -> None:
    with connect_readonly(db) as con:
        rows = con.execute(
            "SELECT agency, year, applicant_type, previous_report_id, report_id,"
            " previous_carried_forward, carried_over, status FROM check_cross_year"
            " ORDER BY applicant_type").fetchall()
    a, b = RID_A, RID_B
    assert rows == [
        ("甲市卫生健康局", 2021, "commercial_enterprise", a, b, 1, 0, "fail"),
        ("甲市卫生健康局", 2021, "natural_person", a, b, 1, 1, "pass"),
        ("甲市卫生健康局", 2021, "total", a, b, 2, None, "not_checked"),
    ]


def test_flagged_report_issues(db: Path) -> None:
    with connect_readonly(db) as con:
        rows = con.execute("SELECT source_file, files, agency, check_name, message"
                           " FROM flagged_report_issues").fetchall()
    assert rows == [("c1.txt", 2, "乙县统计局", "outcome_total",
                     "c2.txt: processed 5 != 4 + blank")]


def test_every_view_and_column_explains_itself(db: Path) -> None:
    with connect_readonly(db) as con:
        views = dict(con.execute(
            "SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
        metric_columns_without_comment = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns()"
            " WHERE table_name LIKE 'metric_%' AND column_name LIKE '%rate%'"
            " AND comment IS NULL AND table_name <> 'metric_summary'").fetchall()
    assert set(views) == {
        "report_metadata", "report_applications_wide", "report_review_litigation_wide",
        "metric_applicant_mix", "metric_grant_rate", "metric_disclosure_rate",
        "metric_substantive_disclosure_rate", "metric_denial_rate", "metric_denial_reasons",
        "metric_not_held_rate", "metric_not_processed_rate", "metric_carry_over_rate",
        "metric_review_litigation_per_100", "metric_correction_rate", "metric_summary",
        "check_cross_year", "flagged_report_issues",
        # sql/agency_views.sql
        "report_agency", "agency_years", "report_agency_metrics", "metric_peer_rank",
        "metric_yoy", "report_peer_rank_pivot", "report_yoy_pivot",
    }
    assert all(comment and len(comment) > 20 for comment in views.values())
    assert metric_columns_without_comment == []


def test_summary_agrees_with_each_metric_view(db: Path) -> None:
    pairs = [("metric_grant_rate", "grant_rate"), ("metric_disclosure_rate", "disclosure_rate"),
             ("metric_substantive_disclosure_rate", "substantive_disclosure_rate"),
             ("metric_denial_rate", "denial_rate"), ("metric_not_held_rate", "not_held_rate"),
             ("metric_not_processed_rate", "not_processed_rate"),
             ("metric_carry_over_rate", "carry_over_rate"),
             ("metric_review_litigation_per_100", "reconsiderations_per_100"),
             ("metric_review_litigation_per_100", "litigations_per_100"),
             ("metric_correction_rate", "reconsideration_correction_rate"),
             ("metric_correction_rate", "litigation_direct_correction_rate"),
             ("metric_correction_rate", "litigation_after_reconsideration_correction_rate")]
    summary = _by_report(db, "metric_summary", ", ".join(column for _, column in pairs))
    for i, (view, column) in enumerate(pairs):
        alone = _by_report(db, view, column)
        assert {k: row[i] for k, row in summary.items()} == {k: v[0] for k, v in alone.items()}
