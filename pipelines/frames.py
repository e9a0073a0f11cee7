"""Many parse outcomes -> one polars frame per contract table (the batch stage).

Frames are built column-wise from plain lists, once per batch, so the cost per report is
a few list appends rather than a DataFrame construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import PurePosixPath

import polars as pl

from pipelines.parsing import Fact, ParsedReport, ReportRejected
from pipelines.staging import Part, read_frames

REPORT_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.String,
    "source_file": pl.String,
    "source_format": pl.String,
    "agency": pl.String,
    "agency_as_written": pl.String,
    "agency_former": pl.String,
    "year": pl.Int32,
    "template": pl.String,
    "script": pl.String,
    "province": pl.String,
    "city": pl.String,
    "county": pl.String,
    "adcode": pl.String,
    "published_on": pl.Date,
    "status": pl.String,
}
APPLICATION_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.String,
    "outcome": pl.String,
    "applicant_type": pl.String,
    "count": pl.Int64,
    "source_line": pl.Int32,
    "raw_text": pl.String,
}
REVIEW_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.String,
    "proceeding": pl.String,
    "result": pl.String,
    "count": pl.Int64,
    "source_line": pl.Int32,
    "raw_text": pl.String,
}
PROACTIVE_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.String,
    "item": pl.String,
    "measure": pl.String,
    "value": pl.Float64,
    "source_line": pl.Int32,
    "raw_text": pl.String,
}
ISSUE_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.String,
    "check_name": pl.String,
    "severity": pl.String,
    "message": pl.String,
}
CLAIM_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.String,
    "table_name": pl.String,
    "row": pl.String,
    "col": pl.String,
    "value": pl.Int64,
    "source_line": pl.Int32,
    "text": pl.String,
}
LINE_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.String,
    "line_no": pl.Int32,
    "text": pl.String,
}
CHECK_SCHEMA: dict[str, pl.DataType] = {
    "report_id": pl.String,
    "check_name": pl.String,
    "subject": pl.String,
    "status": pl.String,
    "lhs": pl.Float64,
    "rhs": pl.Float64,
    "detail": pl.String,
}


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A raw file as the pipeline saw it: identity and location, not content."""

    report_id: str  # sha256 hex of the raw bytes
    source_file: str  # path relative to the raw folder


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    source: SourceDocument
    result: ParsedReport | ReportRejected
    # The text the parser read (a PDF's, page's or document's rendering, or the decoded
    # text file): report_lines, which source_line points into. None if nothing was read.
    rendering: str | None = None
    slow_pages: int = 0  # PDF pages PDFium could not place, read by pdfminer


@dataclass(frozen=True, slots=True)
class Batch:
    """One frame per contract table. `status` in `reports` is provisional until checked."""

    reports: pl.DataFrame
    applications: pl.DataFrame
    review_litigation: pl.DataFrame
    proactive: pl.DataFrame
    issues: pl.DataFrame
    # Figures the prose restates (CLAIM_SCHEMA), compared with the tables in validation.
    claims: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=CLAIM_SCHEMA))
    # Each report's text as read, a row per line (LINE_SCHEMA).
    lines: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=LINE_SCHEMA))


def batch_frames(batch: Batch) -> dict[str, pl.DataFrame]:
    """The batch's frames by field name, as pipelines.staging writes them."""
    return {f.name: getattr(batch, f.name) for f in fields(Batch)}


def read_batch(part: Part) -> Batch:
    """A batch written with `batch_frames` into a staged part."""
    return Batch(**read_frames(part, [f.name for f in fields(Batch)]))


_FACT_KEYS = {
    "applications": ("outcome", "applicant_type", "count"),
    "review_litigation": ("proceeding", "result", "count"),
    "proactive": ("item", "measure", "value"),
}


def build_batch(outcomes: list[ParseOutcome]) -> Batch:
    reports: dict[str, list] = {name: [] for name in REPORT_SCHEMA}
    # Per table: the facts and, in step, their report ids. Columns are built once at the
    # end with one comprehension each: six appends per fact cost ~3x as much.
    facts: dict[str, list[Fact]] = {table: [] for table in _FACT_KEYS}
    fact_ids: dict[str, list[str]] = {table: [] for table in _FACT_KEYS}
    issues: dict[str, list] = {name: [] for name in ISSUE_SCHEMA}
    claims: dict[str, list] = {name: [] for name in CLAIM_SCHEMA}
    renderings: list[tuple[str, list[str]]] = []
    seen: set[str] = set()

    for outcome in outcomes:
        rid = outcome.source.report_id
        result = outcome.result
        # Facts and issues belong to the content: a second file with the same bytes
        # gets its own report row but shares the first one's facts.
        first = rid not in seen
        seen.add(rid)
        if first and outcome.rendering is not None:
            renderings.append((rid, rendered_lines(outcome.rendering)))
        if isinstance(result, ReportRejected):
            row = dict.fromkeys(REPORT_SCHEMA)
            row.update(report_id=rid, source_file=outcome.source.source_file,
                       source_format=source_format_of(outcome.source.source_file),
                       status="rejected")
            if first:
                _append(issues, report_id=rid, check_name="rejected", severity="error",
                        message=_naming(outcome.source.source_file, str(result)))
        else:
            row = {
                "report_id": rid,
                "source_file": outcome.source.source_file,
                "source_format": result.source_format,
                "agency": result.agency,
                "agency_as_written": result.agency_as_written,
                "agency_former": result.agency_former,
                "year": result.year,
                "template": result.template,
                "script": result.script,
                "province": result.region.province,
                "city": result.region.city,
                "county": result.region.county,
                "adcode": result.region.adcode,
                "published_on": result.published_on,
                "status": None,
            }
            for fact in result.facts if first else ():
                facts[fact.table].append(fact)
                fact_ids[fact.table].append(rid)
            for claim in result.claims if first else ():
                _append(claims, report_id=rid, table_name=claim.table, row=claim.row,
                        col=claim.col, value=claim.value, source_line=claim.source_line,
                        text=claim.text)
            for issue in result.issues if first else ():
                _append(issues, report_id=rid, check_name=issue.check_name,
                        severity=issue.severity,
                        message=f"{outcome.source.source_file}: {issue.message}")
        _append(reports, **row)

    return Batch(
        reports=pl.DataFrame(reports, schema=REPORT_SCHEMA),
        applications=_fact_frame(facts, fact_ids, "applications", APPLICATION_SCHEMA),
        review_litigation=_fact_frame(facts, fact_ids, "review_litigation", REVIEW_SCHEMA),
        proactive=_fact_frame(facts, fact_ids, "proactive", PROACTIVE_SCHEMA),
        issues=pl.DataFrame(issues, schema=ISSUE_SCHEMA),
        claims=pl.DataFrame(claims, schema=CLAIM_SCHEMA),
        lines=_line_frame(renderings),
    )


def rendered_lines(text: str) -> list[str]:
    """The lines `source_line` counts (line 1 first), as the parser split them: at each
    newline, a carriage return before it dropped, no empty line after a final newline."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def _line_frame(renderings: list[tuple[str, list[str]]]) -> pl.DataFrame:
    return pl.DataFrame({
        "report_id": [rid for rid, lines in renderings for _ in lines],
        "line_no": [n for _, lines in renderings for n in range(1, len(lines) + 1)],
        "text": [line for _, lines in renderings for line in lines],
    }, schema=LINE_SCHEMA)


# A rejected file was never read as any format: its extension says what it claimed to be.
_FORMAT_BY_SUFFIX = {".txt": "text", ".md": "text", ".text": "text", ".html": "html",
                     ".htm": "html", ".xhtml": "html", ".shtml": "html", ".pdf": "pdf",
                     ".docx": "docx"}


def source_format_of(source_file: str) -> str | None:
    """`reports.source_format` of a file that could not be parsed (None if unknown)."""
    return _FORMAT_BY_SUFFIX.get(PurePosixPath(source_file).suffix.lower())


def _fact_frame(facts: dict[str, list[Fact]], fact_ids: dict[str, list[str]], table: str,
                schema: dict[str, pl.DataType]) -> pl.DataFrame:
    rows = facts[table]
    row_key, col_key, value_key = _FACT_KEYS[table]
    return pl.DataFrame({
        "report_id": fact_ids[table],
        row_key: [f.row for f in rows],
        col_key: [f.col for f in rows],
        value_key: [f.value for f in rows],
        "source_line": [f.source_line for f in rows],
        "raw_text": [f.raw_text for f in rows],
    }, schema=schema)


def _naming(source_file: str, message: str) -> str:
    """Every message names its file; the parser's rejections usually do already."""
    return message if message.startswith(f"{source_file}:") else f"{source_file}: {message}"


def _append(columns: dict[str, list], **values: object) -> None:
    for name, column in columns.items():
        column.append(values[name])
