"""SPEC §6 checks over a whole batch -> `report_checks` and `report_issues` rows.

Everything is a frame-level polars expression, join or group_by over all reports of the
batch at once: the cost is a few passes over the fact frames whatever the number of
reports (see PLATFORM.md on per-call costs). Report ids and codes are turned into small
integers once (`_prepare`), because joins and group_bys on millions of strings dominate
the cost otherwise.

Check names and subjects (one `report_checks` row each, per report):

* `balance`, `outcome_total`: per applicant column (subject = applicant_type code);
* `row_total`: per outcome row of the report's row set (subject = outcome code);
* `review_total`: per proceeding (subject = proceeding code);
* `non_negative`, `magnitude`, `rows_present`: per table (subject = `applications`,
  `review_litigation` or `proactive`, the batch's names). For the two plausibility checks
  lhs = the number of offending cells and rhs = 0, and the message names the cells; for
  `rows_present` lhs = cells present and rhs = cells the report's template requires.

A report missing a whole table gets a failed `rows_present` for it and no other row for it.
Reports with status `rejected` are not checked.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from pipelines.frames import CHECK_SCHEMA, ISSUE_SCHEMA, Batch
from pipelines.parsing.vocabulary import (
    ITEM_MEASURES,
    OUTCOME_CODES_SINGLE_OTHER,
    OUTCOME_CODES_SPLIT_OTHER,
    TEMPLATES,
    item_measures,
)
from schemas.models import (
    APPLICANT_CODES,
    APPLICATION_COLUMN_IDENTITIES,
    APPLICATION_ROW_IDENTITIES,
    ITEM_CODES,
    MEASURE_CODES,
    OUTCOME_CODES,
    PROCEEDING_CODES,
    RESULT_CODES,
    REVIEW_IDENTITIES,
    Identity,
)

MAGNITUDE_LIMIT = 10**9
_MAGNITUDE_TEXT = "10^9"
# Cells named in one message; the rest are counted, not listed.
_MAX_LISTED_CELLS = 5
# Sums with more terms than this are not spelled out term by term in `detail`.
_MAX_SPELLED_TERMS = 6

_SPLIT_ONLY = tuple(c for c in OUTCOME_CODES_SPLIT_OTHER if c not in OUTCOME_CODES_SINGLE_OTHER)
_SIGNED_MEASURES = tuple(dict.fromkeys(m.measure for m in ITEM_MEASURES if m.is_signed))
_OUT = {**CHECK_SCHEMA, "message": pl.String}


@dataclass(frozen=True, slots=True)
class WideFrames:
    """The fact frames laid out for the arithmetic identities (see schemas.models)."""

    application_columns: pl.DataFrame  # report_id, applicant_type, row_set, <outcome codes>
    application_rows: pl.DataFrame  # report_id, outcome, <applicant codes>
    review: pl.DataFrame  # report_id, proceeding, <result codes>


@dataclass(frozen=True, slots=True)
class CheckResult:
    checks: pl.DataFrame  # CHECK_SCHEMA
    issues: pl.DataFrame  # ISSUE_SCHEMA, one `error` row per failed check
    # The frames the identities were computed on, for the arithmetic pandera models
    # (validating them again would find the same failures: both use the same Identity).
    wide: WideFrames


def _code_index(column: str, codes: tuple[str, ...]) -> pl.Expr:
    """A code's position in `codes`; NULL for a code outside the vocabulary."""
    # A non-strict Enum cast does this ~5x faster than replace_strict on millions of rows.
    return pl.col(column).cast(pl.Enum(codes), strict=False).to_physical().cast(pl.Int64)


@dataclass(frozen=True, slots=True, eq=False)
class _Table:
    """A fact table as the plausibility and presence checks see it."""

    name: str  # the batch's name, used as the check's subject
    row: str
    col: str
    value: str
    row_codes: tuple[str, ...]
    col_codes: tuple[str, ...]
    # cell set -> the (row, col) cells a table of that set must have (SPEC §2-§4)
    cell_sets: dict[str, tuple[tuple[str, str], ...]]
    cell_set: pl.Expr  # over the prepared reports frame: the report's cell set, NULL if unknown
    exempt_from_sign: pl.Expr = pl.lit(False)  # cells whose value may be negative
    exempt_note: str = ""

    def expected(self) -> pl.DataFrame:
        """cell_set, row, col and `key`: every cell each cell set must have.

        key = (set * rows + row) * cols + col with positions in the codes, so that
        presence is counted on one integer column rather than three strings.
        """
        rows = [
            (cell_set, row, col,
             (s * len(self.row_codes) + self.row_codes.index(row)) * len(self.col_codes)
             + self.col_codes.index(col))
            for s, (cell_set, cells) in enumerate(self.cell_sets.items())
            for row, col in cells
        ]
        return pl.DataFrame(
            rows, orient="row",
            schema={"cell_set": pl.String, "row": pl.String, "col": pl.String, "key": pl.Int64},
        )


_APPLICATIONS = _Table(
    "applications", "outcome", "applicant_type", "count", OUTCOME_CODES, APPLICANT_CODES,
    cell_sets={
        "single_other": tuple((o, a) for o in OUTCOME_CODES_SINGLE_OTHER for a in APPLICANT_CODES),
        "split_other": tuple((o, a) for o in OUTCOME_CODES_SPLIT_OTHER for a in APPLICANT_CODES),
    },
    cell_set=pl.col("row_set"),
)
_REVIEW = _Table(
    "review_litigation", "proceeding", "result", "count", PROCEEDING_CODES, RESULT_CODES,
    cell_sets={"table4": tuple((p, r) for p in PROCEEDING_CODES for r in RESULT_CODES)},
    cell_set=pl.lit("table4"),
)
_PROACTIVE = _Table(
    "proactive", "item", "measure", "value", ITEM_CODES, MEASURE_CODES,
    cell_sets={
        template: tuple((m.item, m.measure) for m in item_measures(template))
        for template in TEMPLATES
    },
    cell_set=pl.col("template"),
    exempt_from_sign=pl.col("measure").is_in(_SIGNED_MEASURES),
    exempt_note=f" ({', '.join(_SIGNED_MEASURES)} is signed, not checked)",
)
_TABLES = (_APPLICATIONS, _REVIEW, _PROACTIVE)


# --- preparation: report ids and codes as integers, once per batch -------------------------

@dataclass(frozen=True, slots=True)
class _Prepared:
    # report_id, template, _report (0..n-1, the row number), has_<table> per table, row_set
    reports: pl.DataFrame
    # table name -> the batch's frame restricted to `reports`, plus _report, _row, _col
    facts: dict[str, pl.DataFrame]


def _prepare(batch: Batch) -> _Prepared:
    status = pl.col("status")
    reports = (
        batch.reports.filter(status.is_null() | (status != "rejected"))
        .select("report_id", "template")
        .unique("report_id", keep="first", maintain_order=True)  # a duplicate is structural
        .with_row_index("_report")
    )
    facts = {t.name: _encode(getattr(batch, t.name), reports, t) for t in _TABLES}
    for table in _TABLES:
        with_table = facts[table.name].select(pl.col("_report").unique())
        reports = reports.with_columns(
            pl.col("_report").is_in(with_table["_report"].implode()).alias(f"has_{table.name}")
        )
    split_rows = [OUTCOME_CODES.index(c) for c in _SPLIT_ONLY]
    split = facts["applications"].filter(pl.col("_row").is_in(split_rows))["_report"].unique()
    # Table 3's row set is judged from the report's own rows (SPEC §2); with no table 3 at
    # all, the template is the best guess of what was expected.
    reports = reports.with_columns(
        row_set=pl.when(pl.col("_report").is_in(split.implode())).then(pl.lit("split_other"))
        .when(pl.col("has_applications")).then(pl.lit("single_other"))
        .when(pl.col("template") == "2021").then(pl.lit("split_other"))
        .otherwise(pl.lit("single_other"))
    )
    return _Prepared(reports, facts)


def _encode(facts: pl.DataFrame, reports: pl.DataFrame, table: _Table) -> pl.DataFrame:
    report = (
        facts.select("report_id")
        .join(reports.select("report_id", "_report"), on="report_id", how="left",
              maintain_order="left")
        .get_column("_report")
    )
    encoded = facts.with_columns(
        report,
        _row=_code_index(table.row, table.row_codes),
        _col=_code_index(table.col, table.col_codes),
    )
    if report.null_count():  # facts of rejected or unknown reports are not checked
        encoded = encoded.filter(pl.col("_report").is_not_null())
    return encoded


# --- wide frames -----------------------------------------------------------------------------

def build_wide_frames(batch: Batch) -> WideFrames:
    """Lay the batch's facts (reports not rejected) out as the arithmetic models' frames.

    Every report with any table-3 row gets all 7 applicant columns and every outcome row
    of its row set, and every report with any table-4 row all 3 proceedings: a cell the
    parser did not produce is NULL, so its identities become "not checked".
    """
    return _wide_frames(_prepare(batch))


def _wide_frames(prepared: _Prepared) -> WideFrames:
    reports = prepared.reports
    apps, review = prepared.facts["applications"], prepared.facts["review_litigation"]
    in_row_set = (
        pl.when(pl.col("row_set") == "split_other")
        .then(pl.col("outcome").is_in(OUTCOME_CODES_SPLIT_OTHER))
        .otherwise(pl.col("outcome").is_in(OUTCOME_CODES_SINGLE_OTHER))
    )
    columns = _dense(apps, reports.height, key="applicant_type", key_index="_col",
                     key_codes=APPLICANT_CODES, on_index="_row", on_codes=OUTCOME_CODES)
    rows = _dense(apps, reports.height, key="outcome", key_index="_row",
                  key_codes=OUTCOME_CODES, on_index="_col", on_codes=APPLICANT_CODES)
    by_proceeding = _dense(review, reports.height, key="proceeding", key_index="_row",
                           key_codes=PROCEEDING_CODES, on_index="_col", on_codes=RESULT_CODES)
    return WideFrames(
        application_columns=_attach(
            columns, reports, key="applicant_type", has_table="has_applications",
            columns=["row_set"],
        ),
        application_rows=_attach(
            rows, reports, key="outcome", has_table="has_applications", columns=["row_set"],
        ).filter(in_row_set).drop("row_set"),
        review=_attach(
            by_proceeding, reports, key="proceeding", has_table="has_review_litigation",
            columns=[],
        ),
    )


def _dense(
    facts: pl.DataFrame, n_reports: int, *, key: str, key_index: str,
    key_codes: tuple[str, ...], on_index: str, on_codes: tuple[str, ...],
) -> pl.DataFrame:
    """One row per (report, key code), one Int64 column per `on` code, for every report.

    A pivot done by hand, because polars' pivot costs ~1 s per million facts: each count is
    scattered to its position in a dense report x key x on array, which is read back one
    `on` column at a time. Cells without a fact stay NULL; facts with codes outside the
    vocabulary are ignored. Of duplicated cells (a structural error, see the fact models'
    `unique`) one value is kept.
    """
    n_rows = n_reports * len(key_codes)
    position = (
        pl.col("_report").cast(pl.Int64) * len(key_codes) + pl.col(key_index)
    ) * len(on_codes) + pl.col(on_index)
    cells = facts.select(_pos=position, count="count").drop_nulls("_pos")
    dense = pl.repeat(None, n_rows * len(on_codes), dtype=pl.Int64, eager=True).scatter(
        cells["_pos"], cells["count"]
    )
    row = pl.int_range(0, n_rows, dtype=pl.Int64, eager=True)
    return pl.DataFrame({
        "_report": row // len(key_codes),
        key: pl.Series(key_codes).gather(row % len(key_codes)),
    }).with_columns(
        dense.gather_every(len(on_codes), offset=i).alias(code) for i, code in enumerate(on_codes)
    )


def _attach(
    wide: pl.DataFrame, reports: pl.DataFrame, *, key: str, has_table: str, columns: list[str]
) -> pl.DataFrame:
    """Keep the rows of reports with the table; `_report` -> report_id and `columns`."""
    wide = wide.filter(reports[has_table].gather(wide["_report"]))
    per_row = reports.select("report_id", *columns)[wide["_report"]]
    return pl.DataFrame([
        per_row["report_id"], wide[key], *per_row.select(columns).get_columns(),
        *wide.drop("_report", key).get_columns(),
    ])


# --- the checks ------------------------------------------------------------------------------

def run_checks(batch: Batch) -> CheckResult:
    """All SPEC §6 checks of every report of the batch that is not rejected."""
    prepared = _prepare(batch)
    wide = _wide_frames(prepared)
    parts: list[pl.LazyFrame] = [
        *(_identity_checks(wide.application_columns, i) for i in APPLICATION_COLUMN_IDENTITIES),
        *(_identity_checks(wide.application_rows, i) for i in APPLICATION_ROW_IDENTITIES),
        *(_identity_checks(wide.review, i) for i in REVIEW_IDENTITIES),
    ]
    for table in _TABLES:
        parts.extend(_plausibility(prepared, table))
        parts.append(_presence(prepared, table))

    frame = pl.concat([p.select(list(_OUT)).cast(_OUT) for p in parts]).collect()
    issues = frame.filter(pl.col("status") == "fail").select(
        "report_id", "check_name", severity=pl.lit("error"), message=pl.col("message")
    )
    return CheckResult(
        checks=frame.select(list(CHECK_SCHEMA)),
        issues=issues.cast(ISSUE_SCHEMA),
        wide=wide,
    )


def finalize_status(reports: pl.DataFrame, issues: pl.DataFrame) -> pl.DataFrame:
    """Final report status: rejected stays rejected; any `error` issue flags; else valid.

    `issues` should hold the parse issues and the check issues of the batch together.
    """
    with_error = issues.filter(pl.col("severity") == "error")["report_id"].unique()
    status = (
        pl.when(pl.col("status") == "rejected").then(pl.lit("rejected"))
        .when(pl.col("report_id").is_in(with_error.implode())).then(pl.lit("flagged"))
        .otherwise(pl.lit("valid"))
    )
    return reports.with_columns(status=status)


def _text(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String).fill_null("NULL")


def _side_text(terms: tuple[str, ...], label: str, total: pl.Expr) -> pl.Expr:
    """`a + b = 5 + 0 = 5`, or `a = 5`, or `a + … + z = 9` for long sums."""
    parts: list[pl.Expr] = [pl.lit(f"{label} = ")]
    if 1 < len(terms) <= _MAX_SPELLED_TERMS:
        parts += [pl.concat_str([_text(pl.col(t)) for t in terms], separator=" + "),
                  pl.lit(" = ")]
    return pl.concat_str([*parts, _text(total)])


def _identity_checks(wide: pl.DataFrame, identity: Identity) -> pl.LazyFrame:
    lhs, rhs = identity.lhs, identity.rhs
    status = (
        pl.when(lhs.is_null() | rhs.is_null()).then(pl.lit("not_checked"))
        .when(lhs == rhs).then(pl.lit("pass"))
        .otherwise(pl.lit("fail"))
    )
    detail = pl.concat_str([
        _side_text(identity.lhs_terms, identity.lhs_label, lhs),
        pl.lit("; "),
        _side_text(identity.rhs_terms, identity.rhs_label, rhs),
    ])
    message = pl.concat_str([
        pl.lit(f"{identity.name} failed for {identity.subject_kind} "),
        pl.col(identity.subject),
        pl.lit(f": {identity.lhs_label} = "), _text(lhs),
        pl.lit(f" ≠ {identity.rhs_label} = "), _text(rhs),
    ])
    return wide.lazy().filter(identity.applies_expr()).select(
        "report_id",
        check_name=pl.lit(identity.name),
        subject=pl.col(identity.subject),
        status=status,
        lhs=lhs,
        rhs=rhs,
        detail=detail,
        message=pl.when(status == "fail").then(message),
    )


def _with_report_id(per_report: pl.LazyFrame, prepared: _Prepared) -> pl.LazyFrame:
    ids = prepared.reports.lazy().select("_report", "report_id")
    return per_report.join(ids, on="_report", how="left")


def _cell_list(facts: pl.LazyFrame, table: _Table, condition: pl.Expr) -> pl.LazyFrame:
    """_report -> `row/col = value, …` for the first few cells meeting `condition`."""
    cell = pl.concat_str([
        pl.col(table.row), pl.lit("/"), pl.col(table.col), pl.lit(" = "),
        _text(pl.col(table.value)),
    ])
    return facts.filter(condition).group_by("_report").agg(
        cells=cell.head(_MAX_LISTED_CELLS).str.join(", ")
    )


def _plausibility(prepared: _Prepared, table: _Table) -> list[pl.LazyFrame]:
    """`non_negative` and `magnitude` for one table: one row each per report with the table."""
    facts = prepared.facts[table.name].lazy()
    value = pl.col(table.value)
    sign_checked = value.is_not_null() & table.exempt_from_sign.not_()
    negative = sign_checked & (value < 0)
    too_large = value.abs() >= MAGNITUDE_LIMIT
    stats = _with_report_id(facts.group_by("_report").agg(
        n_sign_checked=sign_checked.sum(),
        n_negative=negative.sum(),
        n_values=value.count(),
        n_null=value.null_count(),
        n_too_large=too_large.sum(),
        largest=value.abs().max(),
    ), prepared)
    subject = pl.lit(table.name)

    n_neg, n_checked = pl.col("n_negative"), pl.col("n_sign_checked")
    non_negative = (
        stats.join(_cell_list(facts, table, negative), on="_report", how="left")
        .select(
            "report_id",
            check_name=pl.lit("non_negative"),
            subject=subject,
            status=_count_status(n_neg, n_checked),
            lhs=pl.when(n_checked > 0).then(n_neg),
            rhs=pl.lit(0),
            detail=pl.format(
                "{} negative of {} values checked, {} NULL" + table.exempt_note,
                n_neg, n_checked, pl.col("n_null"),
            ),
            message=pl.format(
                f"non_negative failed for table {table.name}: negative values = {{}} ≠ 0 ({{}})",
                n_neg, pl.col("cells"),
            ),
        )
    )

    n_big, n_values = pl.col("n_too_large"), pl.col("n_values")
    magnitude = (
        stats.join(_cell_list(facts, table, too_large), on="_report", how="left")
        .select(
            "report_id",
            check_name=pl.lit("magnitude"),
            subject=subject,
            status=_count_status(n_big, n_values),
            lhs=pl.when(n_values > 0).then(n_big),
            rhs=pl.lit(0),
            detail=pl.format(
                f"{{}} of {{}} values >= {_MAGNITUDE_TEXT}, largest |value| = {{}}",
                n_big, n_values, _text(pl.col("largest")),
            ),
            message=pl.format(
                f"magnitude failed for table {table.name}: values >= {_MAGNITUDE_TEXT} = {{}}"
                " ≠ 0 ({})",
                n_big, pl.col("cells"),
            ),
        )
    )
    return [non_negative, magnitude]


def _count_status(offending: pl.Expr, checked: pl.Expr) -> pl.Expr:
    return (
        pl.when(offending > 0).then(pl.lit("fail"))
        .when(checked > 0).then(pl.lit("pass"))
        .otherwise(pl.lit("not_checked"))
    )


def _presence(prepared: _Prepared, table: _Table) -> pl.LazyFrame:
    """`rows_present` for one table, for every checkable report (with the table or not)."""
    expected = table.expected()
    sets = prepared.reports.select(
        "_report", "report_id", has_table=pl.col(f"has_{table.name}"), cell_set=table.cell_set
    )
    # The report's cell set (by position, NULL when unknown) carried to each of its facts.
    set_index = sets.select(_code_index("cell_set", tuple(table.cell_sets)))["cell_set"]
    facts = prepared.facts[table.name]
    n_rows, n_cols = len(table.row_codes), len(table.col_codes)
    cells = (
        facts.select("_report", "_row", "_col")
        .with_columns(_set=set_index.gather(facts["_report"]))
        .select("_report", key=(pl.col("_set") * n_rows + pl.col("_row")) * n_cols + pl.col("_col"))
        .filter(pl.col("key").is_in(expected["key"].implode()))
        .lazy()
    )
    present = cells.group_by("_report").agg(n_present=pl.col("key").n_unique())
    sizes = expected.group_by("cell_set").agg(n_expected=pl.len())
    # With the cell set unknown, a missing table still fails against the smallest set.
    fewest = sizes["n_expected"].min()

    known = pl.col("cell_set").is_not_null()
    has_table = pl.col("has_table")
    lhs = pl.when(has_table.not_()).then(0).when(known).then(pl.col("n_present").fill_null(0))
    rhs = pl.when(known).then(pl.col("n_expected")).when(has_table.not_()).then(fewest)
    status = (
        pl.when(lhs.is_null() | rhs.is_null()).then(pl.lit("not_checked"))
        .when(lhs == rhs).then(pl.lit("pass"))
        .otherwise(pl.lit("fail"))
    )
    checked = (
        sets.lazy()
        .join(present, on="_report", how="left")
        .join(sizes.lazy(), on="cell_set", how="left")
        .with_columns(lhs=lhs, rhs=rhs)
        .with_columns(status=status)
        .collect()
    )
    # Few reports fail: narrow the facts to them before the anti-join, which would
    # otherwise hash every cell of the batch.
    failing = checked.filter((pl.col("status") == "fail") & has_table).select(
        "_report", "cell_set"
    )
    failing_cells = cells.filter(pl.col("_report").is_in(failing["_report"].implode()))
    missing = (
        failing.lazy()
        .join(expected.lazy(), on="cell_set")
        .join(failing_cells, on=["_report", "key"], how="anti")
        .group_by("_report")
        .agg(cells=pl.concat_str(["row", "col"], separator="/").head(_MAX_LISTED_CELLS)
             .str.join(", "))
    )
    set_text = pl.col("cell_set").fill_null("unknown (template not detected), the smallest")
    why = (
        pl.when(has_table.not_()).then(pl.lit("the table is missing"))
        .otherwise(pl.concat_str([pl.lit("missing: "), pl.col("cells")]))
    )
    return checked.lazy().join(missing, on="_report", how="left").select(
        "report_id",
        check_name=pl.lit("rows_present"),
        subject=pl.lit(table.name),
        status="status",
        lhs="lhs",
        rhs="rhs",
        detail=pl.when(known | has_table.not_())
        .then(pl.format("{} of {} cells of set {} present", _text(pl.col("lhs")),
                        _text(pl.col("rhs")), set_text))
        .otherwise(pl.lit("expected cells unknown: template not detected")),
        message=pl.format(
            f"rows_present failed for table {table.name}: cells present = {{}} ≠ "
            "cells expected = {} ({})",
            _text(pl.col("lhs")), _text(pl.col("rhs")), why,
        ),
    )
