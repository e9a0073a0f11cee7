"""pandera models for the batch frames, and the SPEC §6 identities they and the checks share.

Two kinds of model live here:

* structural models, one per `pipelines.frames.Batch` frame plus `report_checks`: column
  names, dtypes, code vocabularies, nullability, keys. They never encode arithmetic, so a
  report whose numbers do not add up is still structurally valid (it gets `flagged`, not
  dropped).
* arithmetic models over the wide frames built by `schemas.checks.build_wide_frames`: their
  dataframe checks ARE the §6 identities, defined once below as `Identity` values that
  `schemas.checks.run_checks` turns into `report_checks` rows.
"""

import operator
from dataclasses import dataclass
from functools import reduce

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData
from pandera.errors import SchemaErrors

from pipelines.parsing.vocabulary import (
    APPLICANT_TYPES,
    HANDLED_OUTCOMES_SINGLE_OTHER,
    HANDLED_OUTCOMES_SPLIT_OTHER,
    ITEM_MEASURES,
    OUTCOMES,
    PROCEEDINGS,
    RESULTS,
    TEMPLATES,
)

OUTCOME_CODES = tuple(t.code for t in OUTCOMES)
APPLICANT_CODES = tuple(t.code for t in APPLICANT_TYPES)
PROCEEDING_CODES = tuple(t.code for t in PROCEEDINGS)
RESULT_CODES = tuple(t.code for t in RESULTS)
ITEM_CODES = tuple(dict.fromkeys(m.item for m in ITEM_MEASURES))
MEASURE_CODES = tuple(dict.fromkeys(m.measure for m in ITEM_MEASURES))
# `item/measure` pairs valid in some template; which template is a report-level question.
ITEM_MEASURE_PAIRS = tuple(dict.fromkeys(f"{m.item}/{m.measure}" for m in ITEM_MEASURES))

REPORT_STATUSES = ("valid", "flagged", "rejected")
SOURCE_FORMATS = ("text", "html", "pdf", "docx")
SCRIPTS = ("simplified", "traditional")
SEVERITIES = ("error", "warning")
CHECK_STATUSES = ("pass", "fail", "not_checked")
# Which table-3 row set a report printed (SPEC §2): one （六）其他处理 row or the three （六） rows.
ROW_SETS = ("single_other", "split_other")

APPLICANT_COLUMNS = tuple(c for c in APPLICANT_CODES if c != "total")
REVIEW_PARTS = tuple(c for c in RESULT_CODES if c != "total")

# Sums longer than this are named `first + … + last` in messages and details, which would
# otherwise run to a screenful.
_MAX_LABEL_TERMS = 4


def _sum(terms: tuple[str, ...]) -> pl.Expr:
    # `+` propagates NULL, unlike sum_horizontal: a blank cell must make the sum unknown.
    return reduce(operator.add, (pl.col(t) for t in terms))


def _label(terms: tuple[str, ...]) -> str:
    if len(terms) <= _MAX_LABEL_TERMS:
        return " + ".join(terms)
    return f"{terms[0]} + … + {terms[-1]}"


# eq=False: comparing two identities would compare polars expressions, which builds an
# expression instead of answering.
@dataclass(frozen=True, slots=True, eq=False)
class Identity:
    """One SPEC §6 equation `sum(lhs_terms) = sum(rhs_terms)` over a wide frame's columns.

    `subject` is the wide frame's column that names what one row checks (an applicant
    column, an outcome row, a proceeding); `subject_kind` is how messages call it.
    `applies` restricts the identity to some rows (the outcome total depends on the row
    set a report printed); rows it does not apply to produce no check at all.
    """

    name: str
    subject: str
    subject_kind: str
    lhs_terms: tuple[str, ...]
    rhs_terms: tuple[str, ...]
    applies: pl.Expr | None = None

    @property
    def lhs(self) -> pl.Expr:
        return _sum(self.lhs_terms)

    @property
    def rhs(self) -> pl.Expr:
        return _sum(self.rhs_terms)

    @property
    def lhs_label(self) -> str:
        return _label(self.lhs_terms)

    @property
    def rhs_label(self) -> str:
        return _label(self.rhs_terms)

    def applies_expr(self) -> pl.Expr:
        return pl.lit(True) if self.applies is None else self.applies

    def holds(self) -> pl.Expr:
        """True where the equation holds, does not apply, or cannot be checked (NULL)."""
        return (
            self.applies_expr().not_()
            | self.lhs.is_null()
            | self.rhs.is_null()
            | (self.lhs == self.rhs)
        ).fill_null(True)

    def check(self, data: PolarsData) -> pl.LazyFrame:
        """The identity as a pandera dataframe check: one boolean per row."""
        return data.lazyframe.select(self.holds().alias(self.name))


BALANCE = Identity(
    name="balance",
    subject="applicant_type",
    subject_kind="column",
    lhs_terms=("new_received", "carried_over"),
    rhs_terms=("total_processed", "carried_forward"),
)
OUTCOME_TOTAL_SINGLE_OTHER = Identity(
    name="outcome_total",
    subject="applicant_type",
    subject_kind="column",
    lhs_terms=("total_processed",),
    rhs_terms=HANDLED_OUTCOMES_SINGLE_OTHER,
    applies=pl.col("row_set") == "single_other",
)
OUTCOME_TOTAL_SPLIT_OTHER = Identity(
    name="outcome_total",
    subject="applicant_type",
    subject_kind="column",
    lhs_terms=("total_processed",),
    rhs_terms=HANDLED_OUTCOMES_SPLIT_OTHER,
    applies=pl.col("row_set") == "split_other",
)
ROW_TOTAL = Identity(
    name="row_total",
    subject="outcome",
    subject_kind="row",
    lhs_terms=APPLICANT_COLUMNS,
    rhs_terms=("total",),
)
REVIEW_TOTAL = Identity(
    name="review_total",
    subject="proceeding",
    subject_kind="proceeding",
    lhs_terms=("total",),
    rhs_terms=REVIEW_PARTS,
)

APPLICATION_COLUMN_IDENTITIES = (BALANCE, OUTCOME_TOTAL_SINGLE_OTHER, OUTCOME_TOTAL_SPLIT_OTHER)
APPLICATION_ROW_IDENTITIES = (ROW_TOTAL,)
REVIEW_IDENTITIES = (REVIEW_TOTAL,)


# --- structural models: one per Batch frame -------------------------------------------------

class ReportsModel(pa.DataFrameModel):
    """`reports` as built by the batch stage; `status` is provisional (NULL) until checked."""

    # Two files with the same bytes share a report_id: the file is the key.
    report_id: pl.String
    source_file: pl.String = pa.Field(unique=True)
    # NULL only for a rejected file whose extension names no format.
    source_format: pl.String = pa.Field(nullable=True, isin=SOURCE_FORMATS)
    agency: pl.String = pa.Field(nullable=True)
    agency_as_written: pl.String = pa.Field(nullable=True)
    agency_former: pl.String = pa.Field(nullable=True)
    year: pl.Int32 = pa.Field(nullable=True)
    template: pl.String = pa.Field(nullable=True, isin=TEMPLATES)
    script: pl.String = pa.Field(nullable=True, isin=SCRIPTS)
    province: pl.String = pa.Field(nullable=True)
    city: pl.String = pa.Field(nullable=True)
    county: pl.String = pa.Field(nullable=True)
    adcode: pl.String = pa.Field(nullable=True, str_matches=r"^\d{6}$")
    published_on: pl.Date = pa.Field(nullable=True)
    status: pl.String = pa.Field(nullable=True, isin=REPORT_STATUSES)

    class Config:
        name = "reports"


class FinalReportsModel(ReportsModel):
    """`reports` after `finalize_status`: every report has its status."""

    status: pl.String = pa.Field(isin=REPORT_STATUSES)

    class Config:
        name = "reports (final)"


class FactApplicationsModel(pa.DataFrameModel):
    report_id: pl.String
    outcome: pl.String = pa.Field(isin=OUTCOME_CODES)
    applicant_type: pl.String = pa.Field(isin=APPLICANT_CODES)
    # Non-negativity is a §6 check reported per report, not a structural rule.
    count: pl.Int64 = pa.Field(nullable=True)
    source_line: pl.Int32 = pa.Field(nullable=True, ge=1)
    raw_text: pl.String = pa.Field(nullable=True)

    class Config:
        name = "fact_applications"
        unique = ["report_id", "outcome", "applicant_type"]


class FactReviewLitigationModel(pa.DataFrameModel):
    report_id: pl.String
    proceeding: pl.String = pa.Field(isin=PROCEEDING_CODES)
    result: pl.String = pa.Field(isin=RESULT_CODES)
    count: pl.Int64 = pa.Field(nullable=True)
    source_line: pl.Int32 = pa.Field(nullable=True, ge=1)
    raw_text: pl.String = pa.Field(nullable=True)

    class Config:
        name = "fact_review_litigation"
        unique = ["report_id", "proceeding", "result"]


class FactProactiveModel(pa.DataFrameModel):
    report_id: pl.String
    item: pl.String = pa.Field(isin=ITEM_CODES)
    measure: pl.String = pa.Field(isin=MEASURE_CODES)
    value: pl.Float64 = pa.Field(nullable=True)
    source_line: pl.Int32 = pa.Field(nullable=True, ge=1)
    raw_text: pl.String = pa.Field(nullable=True)

    class Config:
        name = "fact_proactive_disclosure"
        unique = ["report_id", "item", "measure"]

    @pa.dataframe_check
    def known_item_measure(cls, data: PolarsData) -> pl.LazyFrame:
        # Each code alone may be valid while the pair is not (fees/decisions exists nowhere).
        pair = pl.concat_str([pl.col("item"), pl.col("measure")], separator="/")
        return data.lazyframe.select(pair.is_in(ITEM_MEASURE_PAIRS))


class ReportIssuesModel(pa.DataFrameModel):
    report_id: pl.String
    check_name: pl.String
    severity: pl.String = pa.Field(isin=SEVERITIES)
    message: pl.String

    class Config:
        name = "report_issues"


class ReportChecksModel(pa.DataFrameModel):
    report_id: pl.String
    check_name: pl.String
    subject: pl.String
    status: pl.String = pa.Field(isin=CHECK_STATUSES)
    lhs: pl.Float64 = pa.Field(nullable=True)
    rhs: pl.Float64 = pa.Field(nullable=True)
    detail: pl.String = pa.Field(nullable=True)

    class Config:
        name = "report_checks"
        unique = ["report_id", "check_name", "subject"]

    @pa.dataframe_check
    def decided_only_with_both_sides(cls, data: PolarsData) -> pl.LazyFrame:
        # SPEC §6: a NULL operand is "not checked", never a pass and never a fail.
        decided = pl.col("status").is_in(["pass", "fail"])
        both = pl.col("lhs").is_not_null() & pl.col("rhs").is_not_null()
        return data.lazyframe.select(decided.not_() | both)


FRAME_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "reports": ReportsModel,
    "applications": FactApplicationsModel,
    "review_litigation": FactReviewLitigationModel,
    "proactive": FactProactiveModel,
    "issues": ReportIssuesModel,
}


# --- arithmetic models over the wide frames --------------------------------------------------

class ApplicationColumnsModel(pa.DataFrameModel):
    """Table 3 seen column-wise: one row per (report_id, applicant_type), one column per outcome.

    A NULL operand makes a row pass here: it is "not checked", reported by `run_checks`.
    """

    report_id: pl.String
    applicant_type: pl.String = pa.Field(isin=APPLICANT_CODES)
    row_set: pl.String = pa.Field(isin=ROW_SETS)
    new_received: pl.Int64 = pa.Field(nullable=True)
    carried_over: pl.Int64 = pa.Field(nullable=True)
    granted: pl.Int64 = pa.Field(nullable=True)
    partly_granted: pl.Int64 = pa.Field(nullable=True)
    denied_state_secret: pl.Int64 = pa.Field(nullable=True)
    denied_prohibited_by_law: pl.Int64 = pa.Field(nullable=True)
    denied_security_stability: pl.Int64 = pa.Field(nullable=True)
    denied_third_party: pl.Int64 = pa.Field(nullable=True)
    denied_internal_affairs: pl.Int64 = pa.Field(nullable=True)
    denied_process_info: pl.Int64 = pa.Field(nullable=True)
    denied_enforcement_file: pl.Int64 = pa.Field(nullable=True)
    denied_admin_query: pl.Int64 = pa.Field(nullable=True)
    unable_not_held: pl.Int64 = pa.Field(nullable=True)
    unable_needs_creation: pl.Int64 = pa.Field(nullable=True)
    unable_unclear: pl.Int64 = pa.Field(nullable=True)
    rejected_petition: pl.Int64 = pa.Field(nullable=True)
    rejected_duplicate: pl.Int64 = pa.Field(nullable=True)
    rejected_publication: pl.Int64 = pa.Field(nullable=True)
    rejected_excessive: pl.Int64 = pa.Field(nullable=True)
    rejected_confirmation: pl.Int64 = pa.Field(nullable=True)
    other: pl.Int64 = pa.Field(nullable=True)
    other_no_correction: pl.Int64 = pa.Field(nullable=True)
    other_unpaid_fee: pl.Int64 = pa.Field(nullable=True)
    other_misc: pl.Int64 = pa.Field(nullable=True)
    total_processed: pl.Int64 = pa.Field(nullable=True)
    carried_forward: pl.Int64 = pa.Field(nullable=True)

    class Config:
        name = "applications by applicant column"
        unique = ["report_id", "applicant_type"]

    @pa.dataframe_check
    def balance(cls, data: PolarsData) -> pl.LazyFrame:
        return BALANCE.check(data)

    @pa.dataframe_check
    def outcome_total(cls, data: PolarsData) -> pl.LazyFrame:
        # The two row sets never apply to the same row, so both must hold everywhere.
        single, split = OUTCOME_TOTAL_SINGLE_OTHER, OUTCOME_TOTAL_SPLIT_OTHER
        return data.lazyframe.select((single.holds() & split.holds()).alias("outcome_total"))


class ApplicationRowsModel(pa.DataFrameModel):
    """Table 3 seen row-wise: one row per (report_id, outcome), one column per applicant type."""

    report_id: pl.String
    outcome: pl.String = pa.Field(isin=OUTCOME_CODES)
    natural_person: pl.Int64 = pa.Field(nullable=True)
    commercial_enterprise: pl.Int64 = pa.Field(nullable=True)
    research_institution: pl.Int64 = pa.Field(nullable=True)
    social_welfare_org: pl.Int64 = pa.Field(nullable=True)
    legal_service_org: pl.Int64 = pa.Field(nullable=True)
    other_org: pl.Int64 = pa.Field(nullable=True)
    total: pl.Int64 = pa.Field(nullable=True)

    class Config:
        name = "applications by outcome row"
        unique = ["report_id", "outcome"]

    @pa.dataframe_check
    def row_total(cls, data: PolarsData) -> pl.LazyFrame:
        return ROW_TOTAL.check(data)


class ReviewLitigationModel(pa.DataFrameModel):
    """Table 4: one row per (report_id, proceeding), one column per result."""

    report_id: pl.String
    proceeding: pl.String = pa.Field(isin=PROCEEDING_CODES)
    upheld: pl.Int64 = pa.Field(nullable=True)
    corrected: pl.Int64 = pa.Field(nullable=True)
    other: pl.Int64 = pa.Field(nullable=True)
    pending: pl.Int64 = pa.Field(nullable=True)
    total: pl.Int64 = pa.Field(nullable=True)

    class Config:
        name = "review_litigation by proceeding"
        unique = ["report_id", "proceeding"]

    @pa.dataframe_check
    def review_total(cls, data: PolarsData) -> pl.LazyFrame:
        return REVIEW_TOTAL.check(data)


_FAILURE_CASES_SCHEMA = {
    "failure_case": pl.String,
    "schema_context": pl.String,
    "column": pl.String,
    "check": pl.String,
    "check_number": pl.Int32,
    "index": pl.Int32,
}


def failure_cases(model: type[pa.DataFrameModel], frame: pl.DataFrame) -> pl.DataFrame:
    """Validate `frame` lazily and return pandera's failure cases (empty when valid).

    One row per failing cell or row, with the check's name in `check`: the count an asset
    check reports.
    """
    try:
        model.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return errors.failure_cases
    return pl.DataFrame(schema=_FAILURE_CASES_SCHEMA)
