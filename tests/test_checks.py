"""SPEC §6 checks and the pandera models, on small hand-made batches.

Expected values are computed by hand from the tables below, not by the code under test.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
import pytest
from pandera.errors import SchemaErrors

from pipelines.frames import (
    CHECK_SCHEMA,
    ISSUE_SCHEMA,
    ParseOutcome,
    SourceDocument,
    build_batch,
)
from pipelines.parsing import Fact, Issue, ParsedReport, Region, ReportRejected
from pipelines.parsing.vocabulary import (
    OUTCOME_CODES_SINGLE_OTHER,
    OUTCOME_CODES_SPLIT_OTHER,
    item_measures,
)
from schemas.checks import build_wide_frames, finalize_status, run_checks
from schemas.models import (
    APPLICANT_CODES,
    FRAME_MODELS,
    OUTCOME_CODES,
    ApplicationColumnsModel,
    ApplicationRowsModel,
    FactApplicationsModel,
    FinalReportsModel,
    ReportChecksModel,
    ReportIssuesModel,
    ReviewLitigationModel,
    failure_cases,
)

# Table 3, non-zero cells; every other cell of the row set is 0.
#   natural_person:        5 new + 1 carried over = 5 processed + 1 carried forward;
#                          handled 2 granted + 1 partly + 1 not held + 1 duplicate = 5
#   commercial_enterprise: 2 new = 2 processed = 2 granted
#   total:                 the row sums of the two columns above
TABLE3_SINGLE = {
    ("new_received", "natural_person"): 5, ("new_received", "commercial_enterprise"): 2,
    ("new_received", "total"): 7,
    ("carried_over", "natural_person"): 1, ("carried_over", "total"): 1,
    ("granted", "natural_person"): 2, ("granted", "commercial_enterprise"): 2,
    ("granted", "total"): 4,
    ("partly_granted", "natural_person"): 1, ("partly_granted", "total"): 1,
    ("unable_not_held", "natural_person"): 1, ("unable_not_held", "total"): 1,
    ("rejected_duplicate", "natural_person"): 1, ("rejected_duplicate", "total"): 1,
    ("total_processed", "natural_person"): 5, ("total_processed", "commercial_enterprise"): 2,
    ("total_processed", "total"): 7,
    ("carried_forward", "natural_person"): 1, ("carried_forward", "total"): 1,
}
# 2021 split rows, natural_person and total columns alike (every other cell 0):
#   5 new + 1 carried over = 5 processed + 1 carried forward;
#   handled 2 granted + 1 partly + 1 no-correction + 0 unpaid fee + 1 misc = 5
_SPLIT_COLUMN = {
    "new_received": 5, "carried_over": 1, "granted": 2, "partly_granted": 1,
    "other_no_correction": 1, "other_misc": 1, "total_processed": 5, "carried_forward": 1,
}
TABLE3_SPLIT = {
    (row, col): value for row, value in _SPLIT_COLUMN.items() for col in ("natural_person", "total")
}
# Table 4: reconsideration 1 upheld + 1 corrected + 0 other + 1 pending = 3; the rest 0.
TABLE4 = {
    ("admin_reconsideration", "upheld"): 1, ("admin_reconsideration", "corrected"): 1,
    ("admin_reconsideration", "pending"): 1, ("admin_reconsideration", "total"): 3,
}
RESULTS = ("upheld", "corrected", "other", "pending", "total")
PROCEEDINGS = ("admin_reconsideration", "litigation_direct", "litigation_after_reconsideration")

Cell = tuple[str, str, str]  # (table, row, col)


def make_report(
    rid: str,
    *,
    template: str | None = "2019",
    split: bool = False,
    edits: dict[Cell, float | None] | None = None,
    drop: set[Cell] | frozenset[Cell] = frozenset(),
    tables: tuple[str, ...] = ("applications", "review_litigation", "proactive"),
    issues: tuple[Issue, ...] = (),
) -> ParseOutcome:
    """A consistent report, then `edits` applied and `drop` cells removed."""
    values: dict[Cell, float | None] = {}
    outcomes = OUTCOME_CODES_SPLIT_OTHER if split else OUTCOME_CODES_SINGLE_OTHER
    table3 = TABLE3_SPLIT if split else TABLE3_SINGLE
    for row in outcomes:
        for col in APPLICANT_CODES:
            values["applications", row, col] = table3.get((row, col), 0)
    for row in PROCEEDINGS:
        for col in RESULTS:
            values["review_litigation", row, col] = TABLE4.get((row, col), 0)
    for m in item_measures(template or "2019"):  # an undetected template prints some table 2
        values["proactive", m.item, m.measure] = -2.0 if m.measure == "change" else 1.0
    values.update(edits or {})
    facts = [
        Fact(table, row, col, value, line, None if value is None else str(value))
        for line, ((table, row, col), value) in enumerate(values.items(), start=1)
        if table in tables and (table, row, col) not in drop
    ]
    parsed = ParsedReport(
        agency="某市某局", agency_as_written="某市某局", year=2020, template=template,
        script="simplified", region=Region(province="山东省", adcode="370784"),
        published_on=None, facts=facts, issues=list(issues),
    )
    return ParseOutcome(SourceDocument(rid, f"{rid}.txt"), parsed)


def rejected(rid: str) -> ParseOutcome:
    return ParseOutcome(SourceDocument(rid, f"{rid}.pdf"), ReportRejected("no tables", 3))


def check(checks: pl.DataFrame, rid: str, name: str, subject: str) -> dict:
    rows = checks.filter(
        (pl.col("report_id") == rid) & (pl.col("check_name") == name)
        & (pl.col("subject") == subject)
    )
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def statuses(checks: pl.DataFrame, rid: str) -> dict[tuple[str, str], int]:
    grouped = checks.filter(pl.col("report_id") == rid).group_by("check_name", "status").len()
    return {(r["check_name"], r["status"]): r["len"] for r in grouped.iter_rows(named=True)}


def test_consistent_2019_report_passes_every_check() -> None:
    result = run_checks(build_batch([make_report("r1")]))

    assert statuses(result.checks, "r1") == {
        ("balance", "pass"): 7, ("outcome_total", "pass"): 7, ("row_total", "pass"): 23,
        ("review_total", "pass"): 3, ("non_negative", "pass"): 3, ("magnitude", "pass"): 3,
        ("rows_present", "pass"): 3,
    }
    assert result.checks.height == 49
    assert result.issues.height == 0
    balance = check(result.checks, "r1", "balance", "natural_person")
    assert (balance["lhs"], balance["rhs"]) == (6.0, 6.0)
    assert balance["detail"] == (
        "new_received + carried_over = 5 + 1 = 6; total_processed + carried_forward = 5 + 1 = 6"
    )
    outcome_total = check(result.checks, "r1", "outcome_total", "total")
    assert (outcome_total["lhs"], outcome_total["rhs"]) == (7.0, 7.0)
    assert outcome_total["detail"] == "total_processed = 7; granted + … + other = 7"
    row_total = check(result.checks, "r1", "row_total", "granted")
    assert (row_total["lhs"], row_total["rhs"]) == (4.0, 4.0)
    review = check(result.checks, "r1", "review_total", "admin_reconsideration")
    assert (review["lhs"], review["rhs"]) == (3.0, 3.0)
    present = {
        table: (check(result.checks, "r1", "rows_present", table)["lhs"],
                check(result.checks, "r1", "rows_present", table)["rhs"])
        for table in ("applications", "review_litigation", "proactive")
    }
    assert present == {"applications": (161.0, 161.0), "review_litigation": (15.0, 15.0),
                       "proactive": (22.0, 22.0)}


def test_edited_number_fails_balance_for_that_column_only() -> None:
    edited = make_report("r1", edits={("applications", "new_received", "natural_person"): 6})
    result = run_checks(build_batch([edited]))

    failed = result.checks.filter(pl.col("status") == "fail")
    assert sorted(zip(failed["check_name"], failed["subject"], strict=True)) == [
        ("balance", "natural_person"), ("row_total", "new_received"),
    ]
    balance = check(result.checks, "r1", "balance", "natural_person")
    assert (balance["lhs"], balance["rhs"]) == (7.0, 6.0)
    row_total = check(result.checks, "r1", "row_total", "new_received")
    assert (row_total["lhs"], row_total["rhs"]) == (8.0, 7.0)

    assert result.issues.height == 2
    issue = result.issues.filter(pl.col("check_name") == "balance").row(0, named=True)
    assert issue["severity"] == "error"
    assert issue["message"] == (
        "balance failed for column natural_person: new_received + carried_over = 7 "
        "≠ total_processed + carried_forward = 6"
    )


def test_null_cell_is_not_checked_never_pass_or_fail() -> None:
    blank = make_report("r1", edits={("applications", "granted", "natural_person"): None,
                                     ("applications", "carried_over", "total"): None})
    result = run_checks(build_batch([blank]))

    outcome_total = check(result.checks, "r1", "outcome_total", "natural_person")
    assert outcome_total["status"] == "not_checked"
    assert (outcome_total["lhs"], outcome_total["rhs"]) == (5.0, None)
    row_total = check(result.checks, "r1", "row_total", "granted")
    assert row_total["status"] == "not_checked"
    assert (row_total["lhs"], row_total["rhs"]) == (None, 4.0)
    balance = check(result.checks, "r1", "balance", "total")
    assert balance["status"] == "not_checked"
    assert balance["detail"] == (
        "new_received + carried_over = 7 + NULL = NULL; "
        "total_processed + carried_forward = 7 + 1 = 8"
    )
    # granted is not an operand of the balance identity.
    assert check(result.checks, "r1", "balance", "natural_person")["status"] == "pass"
    assert statuses(result.checks, "r1")[("row_total", "not_checked")] == 2
    assert statuses(result.checks, "r1")[("row_total", "pass")] == 21
    non_negative = check(result.checks, "r1", "non_negative", "applications")
    assert non_negative["status"] == "pass"
    assert non_negative["detail"] == "0 negative of 159 values checked, 2 NULL"
    assert result.issues.height == 0


def test_split_other_rows_use_the_25_row_sum() -> None:
    split = make_report("r1", template="2021", split=True)
    result = run_checks(build_batch([split]))

    assert statuses(result.checks, "r1") == {
        ("balance", "pass"): 7, ("outcome_total", "pass"): 7, ("row_total", "pass"): 25,
        ("review_total", "pass"): 3, ("non_negative", "pass"): 3, ("magnitude", "pass"): 3,
        ("rows_present", "pass"): 3,
    }
    outcome_total = check(result.checks, "r1", "outcome_total", "natural_person")
    assert (outcome_total["lhs"], outcome_total["rhs"]) == (5.0, 5.0)
    assert outcome_total["detail"] == "total_processed = 5; granted + … + other_misc = 5"
    assert check(result.checks, "r1", "rows_present", "applications")["rhs"] == 175.0
    assert check(result.checks, "r1", "rows_present", "proactive")["rhs"] == 10.0

    # other_misc 1 -> 2 in both columns keeps the row total but breaks the outcome totals.
    edited = make_report("r2", template="2021", split=True, edits={
        ("applications", "other_misc", "natural_person"): 2,
        ("applications", "other_misc", "total"): 2,
    })
    result = run_checks(build_batch([edited]))
    failed = result.checks.filter(pl.col("status") == "fail")
    assert sorted(zip(failed["check_name"], failed["subject"], failed["lhs"], failed["rhs"],
                      strict=True)) == [
        ("outcome_total", "natural_person", 5.0, 6.0), ("outcome_total", "total", 5.0, 6.0),
    ]


def test_2021_report_printing_the_single_other_row_uses_the_23_row_sum() -> None:
    result = run_checks(build_batch([make_report("r1", template="2021")]))

    assert statuses(result.checks, "r1")[("row_total", "pass")] == 23
    assert statuses(result.checks, "r1")[("outcome_total", "pass")] == 7
    assert check(result.checks, "r1", "rows_present", "applications")["rhs"] == 161.0


def test_table4_total_zero_beside_results_fails_review_total() -> None:
    report = make_report("r1", edits={("review_litigation", "admin_reconsideration", "total"): 0})
    result = run_checks(build_batch([report]))

    review = check(result.checks, "r1", "review_total", "admin_reconsideration")
    assert review["status"] == "fail"
    assert (review["lhs"], review["rhs"]) == (0.0, 3.0)
    assert statuses(result.checks, "r1")[("review_total", "pass")] == 2
    assert result.issues["message"].to_list() == [
        "review_total failed for proceeding admin_reconsideration: total = 0 "
        "≠ upheld + corrected + other + pending = 3"
    ]


def test_missing_table_fails_rows_present_and_has_no_arithmetic_rows() -> None:
    report = make_report("r1", tables=("review_litigation", "proactive"))
    result = run_checks(build_batch([report]))

    present = check(result.checks, "r1", "rows_present", "applications")
    assert present["status"] == "fail"
    assert (present["lhs"], present["rhs"]) == (0.0, 161.0)
    names = set(result.checks["check_name"])
    assert not names & {"balance", "row_total", "outcome_total"}
    assert result.checks.filter(pl.col("subject") == "applications").height == 1
    assert result.issues["message"].to_list() == [
        "rows_present failed for table applications: cells present = 0 ≠ cells expected = 161 "
        "(the table is missing)"
    ]


def test_missing_cell_fails_rows_present_and_names_it() -> None:
    report = make_report("r1", drop={("applications", "granted", "natural_person")})
    result = run_checks(build_batch([report]))

    present = check(result.checks, "r1", "rows_present", "applications")
    assert (present["status"], present["lhs"], present["rhs"]) == ("fail", 160.0, 161.0)
    assert result.issues["message"].to_list() == [
        "rows_present failed for table applications: cells present = 160 ≠ cells expected = 161 "
        "(missing: granted/natural_person)"
    ]
    # The missing cell is a NULL operand for the identities that use it.
    assert check(result.checks, "r1", "outcome_total", "natural_person")["status"] == "not_checked"
    assert check(result.checks, "r1", "row_total", "granted")["status"] == "not_checked"


def test_negative_counts_and_huge_values_fail_plausibility() -> None:
    report = make_report("r1", edits={
        # Consistent arithmetic, but a count cannot be negative.
        ("review_litigation", "litigation_direct", "upheld"): -1,
        ("review_litigation", "litigation_direct", "total"): -1,
        ("proactive", "procurement", "amount_10k_yuan"): 1e9,
    })
    result = run_checks(build_batch([report]))

    non_negative = check(result.checks, "r1", "non_negative", "review_litigation")
    assert (non_negative["status"], non_negative["lhs"], non_negative["rhs"]) == ("fail", 2.0, 0.0)
    assert check(result.checks, "r1", "review_total", "litigation_direct")["status"] == "pass"
    # licensing/change = -2 is signed: proactive stays non-negative.
    assert check(result.checks, "r1", "non_negative", "proactive")["status"] == "pass"
    magnitude = check(result.checks, "r1", "magnitude", "proactive")
    assert (magnitude["status"], magnitude["lhs"]) == ("fail", 1.0)
    assert sorted(result.issues["message"]) == [
        "magnitude failed for table proactive: values >= 10^9 = 1 ≠ 0 "
        "(procurement/amount_10k_yuan = 1000000000.0)",
        "non_negative failed for table review_litigation: negative values = 2 ≠ 0 "
        "(litigation_direct/upheld = -1, litigation_direct/total = -1)",
    ]


def test_unknown_template_leaves_proactive_presence_not_checked() -> None:
    result = run_checks(build_batch([make_report("r1", template=None)]))

    present = check(result.checks, "r1", "rows_present", "proactive")
    assert (present["status"], present["lhs"], present["rhs"]) == ("not_checked", None, None)
    assert check(result.checks, "r1", "rows_present", "applications")["status"] == "pass"
    assert result.issues.height == 0


def test_rejected_reports_are_not_checked() -> None:
    result = run_checks(build_batch([rejected("bad"), make_report("r1")]))

    assert set(result.checks["report_id"]) == {"r1"}
    assert result.checks.height == 49


def test_output_frames_follow_the_contract() -> None:
    batch = build_batch([
        make_report("r1"),
        make_report("r2", edits={("applications", "granted", "natural_person"): None}),
        make_report("r3", edits={("applications", "carried_forward", "total"): 0}),
        make_report("r4", template=None, tables=("applications",)),
        rejected("r5"),
    ])
    result = run_checks(batch)

    assert result.checks.schema == pl.Schema(CHECK_SCHEMA)
    assert result.issues.schema == pl.Schema(ISSUE_SCHEMA)
    ReportChecksModel.validate(result.checks)
    ReportIssuesModel.validate(result.issues)
    # r4: table 3 complete; tables 2 and 4 missing (table 2 with its template unknown).
    assert check(result.checks, "r4", "rows_present", "review_litigation")["rhs"] == 15.0
    proactive = check(result.checks, "r4", "rows_present", "proactive")
    assert (proactive["status"], proactive["lhs"], proactive["rhs"]) == ("fail", 0.0, 10.0)
    assert result.issues.group_by("report_id").len().sort("report_id").rows() == [
        ("r3", 2), ("r4", 2),
    ]


def test_empty_batch_gives_empty_frames() -> None:
    result = run_checks(build_batch([]))

    assert result.checks.height == 0 and result.issues.height == 0
    assert result.checks.schema == pl.Schema(CHECK_SCHEMA)


def test_wide_frames_have_every_cell_of_the_row_set() -> None:
    wide = build_wide_frames(build_batch([
        make_report("r1"), make_report("r2", template="2021", split=True), rejected("r3"),
    ]))

    for frame, model in ((wide.application_columns, ApplicationColumnsModel),
                         (wide.application_rows, ApplicationRowsModel),
                         (wide.review, ReviewLitigationModel)):
        assert frame.columns == list(model.to_schema().columns), model
    assert wide.application_columns.columns[3:] == list(OUTCOME_CODES)
    assert wide.application_rows.columns[2:] == list(APPLICANT_CODES)
    assert wide.application_columns.height == 14
    assert wide.application_rows.height == 23 + 25
    assert wide.review.height == 6
    row = wide.application_columns.filter(
        (pl.col("report_id") == "r2") & (pl.col("applicant_type") == "natural_person")
    ).row(0, named=True)
    assert (row["row_set"], row["other"], row["other_misc"], row["granted"]) == (
        "split_other", None, 1, 2,
    )


def test_arithmetic_models_flag_exactly_the_violating_rows() -> None:
    batch = build_batch([
        make_report("r1"),
        make_report("r2", edits={
            ("applications", "new_received", "natural_person"): 6,
            ("applications", "carried_over", "commercial_enterprise"): 1,
            ("review_litigation", "admin_reconsideration", "total"): 0,
        }),
        # NULL operands are not failures in the models either.
        make_report("r3", edits={("applications", "carried_over", "natural_person"): None,
                                 ("review_litigation", "litigation_direct", "total"): None}),
    ])
    wide = build_wide_frames(batch)

    with pytest.raises(SchemaErrors) as caught:
        ApplicationColumnsModel.validate(wide.application_columns, lazy=True)
    cases = caught.value.failure_cases
    assert cases.group_by("check").len().sort("check").rows() == [("balance", 2)]
    rows = wide.application_columns[cases["index"].to_list()]
    assert sorted(zip(rows["report_id"], rows["applicant_type"], strict=True)) == [
        ("r2", "commercial_enterprise"), ("r2", "natural_person"),
    ]

    row_cases = failure_cases(ApplicationRowsModel, wide.application_rows)
    assert row_cases["check"].to_list() == ["row_total", "row_total"]
    assert sorted(wide.application_rows[row_cases["index"].to_list()]["outcome"]) == [
        "carried_over", "new_received",
    ]
    review_cases = failure_cases(ReviewLitigationModel, wide.review)
    assert review_cases["check"].to_list() == ["review_total"]

    # The same identities give the same failures in report_checks.
    fails = run_checks(batch).checks.filter(pl.col("status") == "fail")
    assert fails.group_by("check_name").len().sort("check_name").rows() == [
        ("balance", 2), ("review_total", 1), ("row_total", 2),
    ]


def test_arithmetic_models_accept_consistent_and_null_rows() -> None:
    wide = build_wide_frames(build_batch([
        make_report("r1"),
        make_report("r2", template="2021", split=True),
        make_report("r3", edits={("applications", "granted", "total"): None}),
    ]))

    assert failure_cases(ApplicationColumnsModel, wide.application_columns).height == 0
    assert failure_cases(ApplicationRowsModel, wide.application_rows).height == 0
    assert failure_cases(ReviewLitigationModel, wide.review).height == 0


def test_structural_models_accept_a_valid_batch_and_ignore_arithmetic() -> None:
    batch = build_batch([
        make_report("r1", edits={("applications", "granted", "natural_person"): -7}),
        rejected("r2"),
    ])

    for name, model in FRAME_MODELS.items():
        assert failure_cases(model, getattr(batch, name)).height == 0, name


def test_structural_models_reject_unknown_codes_and_wrong_types() -> None:
    batch = build_batch([make_report("r1")])
    apps = batch.applications
    bogus = apps.with_columns(
        outcome=pl.when(pl.col("outcome") == "granted").then(pl.lit("bogus"))
        .otherwise(pl.col("outcome"))
    )
    cases = failure_cases(FactApplicationsModel, bogus)
    assert cases.filter(pl.col("column") == "outcome")["failure_case"].to_list() == ["bogus"] * 7
    # The checks ignore the unknown row: to them the granted row is missing.
    checks = run_checks(replace(batch, applications=bogus)).checks
    present = check(checks, "r1", "rows_present", "applications")
    assert (present["status"], present["lhs"], present["rhs"]) == ("fail", 154.0, 161.0)
    assert check(checks, "r1", "row_total", "granted")["status"] == "not_checked"

    floats = apps.with_columns(pl.col("count").cast(pl.Float64))
    with pytest.raises(SchemaErrors):
        FactApplicationsModel.validate(floats, lazy=True)
    duplicated = pl.concat([apps, apps.head(1)])
    assert failure_cases(FactApplicationsModel, duplicated).height == 2


def test_models_match_the_frame_schemas() -> None:
    batch = build_batch([])
    for name, model in FRAME_MODELS.items():
        columns = model.to_schema().columns
        expected = getattr(batch, name).schema
        assert {c: columns[c].dtype.type for c in columns} == dict(expected), name
    columns = ReportChecksModel.to_schema().columns
    assert {c: columns[c].dtype.type for c in columns} == CHECK_SCHEMA


def test_finalize_status() -> None:
    batch = build_batch([
        make_report("ok"),
        make_report("warned", issues=(Issue("unit_assumed", "warning", "万元 assumed"),)),
        make_report("unreadable", issues=(Issue("table_missing", "error", "no table 4"),)),
        make_report("inconsistent", edits={("applications", "carried_forward", "total"): 0}),
        rejected("rejected"),
    ])
    result = run_checks(batch)
    final = finalize_status(batch.reports, pl.concat([batch.issues, result.issues]))

    assert dict(zip(final["report_id"], final["status"], strict=True)) == {
        "ok": "valid", "warned": "valid", "unreadable": "flagged", "inconsistent": "flagged",
        "rejected": "rejected",
    }
    assert final.columns == batch.reports.columns
    FinalReportsModel.validate(final)
