"""The whole parse of one report: decode, normalize, segment, read tables and metadata."""

from __future__ import annotations

from pipelines.parsing._cells import region_cells
from pipelines.parsing._formats import Converted, convert
from pipelines.parsing._former_name import former_agency_name
from pipelines.parsing._lost_cells import (
    SpacedCells,
    drop_stray_blanks,
    fill_lost_cells,
    spacing_issues,
    trim_short_pipe_rows,
)
from pipelines.parsing._metadata import (
    checked_year,
    compiled_by,
    dated_under_title,
    full_agency_name,
    named_report,
    published_on,
    scan_titles,
    signed_otherwise,
    untitled_year,
    year_and_agency,
)
from pipelines.parsing._narrative import narrative_claims
from pipelines.parsing._normalize import Lines, normalize
from pipelines.parsing._region import locate
from pipelines.parsing._rejection import reject_if_not_a_report
from pipelines.parsing._segment import segment
from pipelines.parsing._table2 import detect_template, parse_table2
from pipelines.parsing._table3 import parse_table3
from pipelines.parsing._table4 import parse_table4
from pipelines.parsing._template_evidence import template_from_evidence
from pipelines.parsing._types import Fact, Issue, ParsedReport, ReportRejected

# Where the body names the agency of a report whose title and signature do not, in the
# order they are trusted, and what the warning says of each.
_AGENCY_IN_BODY = ((compiled_by, "which the text says compiled the report"),
                   (named_report, "whose report the text says this is"))


def parse_bytes(data: bytes, name: str) -> ParsedReport:
    """Parse a report file's bytes: text, HTML, PDF or .docx, told apart by content and
    the extension of `name` (otherwise only used in messages)."""
    return parse_converted(render_bytes(data, name), name)


def render_bytes(data: bytes, name: str) -> Converted:
    """The line-oriented text of a file in any supported format (the conversion stage
    alone, so a pipeline can run and keep it as its own step)."""
    try:
        return convert(data, name)
    except ReportRejected as exc:
        raise ReportRejected(f"{name}: {exc.reason}", exc.line) from None


def parse_converted(converted: Converted, name: str) -> ParsedReport:
    try:
        report = parse_text(converted.text)
    except ReportRejected as exc:
        raise ReportRejected(f"{name}: {exc.reason}", exc.line) from None
    report.source_format = converted.source_format
    return report


def parse_text(text: str) -> ParsedReport:
    lines = normalize(text)
    return parse_lines(lines)


def _table_cells(lines: Lines, region: tuple[int, int]) -> SpacedCells:
    cells = trim_short_pipe_rows(lines, *region, region_cells(lines, *region))
    return fill_lost_cells(lines, *region, drop_stray_blanks(lines, cells))


def parse_lines(lines: Lines) -> ParsedReport:
    segments = segment(lines)
    titles = scan_titles(lines)
    reject_if_not_a_report(lines, titles, segments.table2 is None and segments.table3 is None)

    facts: list[Fact] = []
    issues: list[Issue] = []
    if segments.end < len(lines.norm):
        issues.append(Issue("parse_multiple_reports", "error",
                            f"line {segments.end + 1}: a second report starts here; only the "
                            f"first one was read"))

    template = None
    unknown = False  # table 2 printed, its headers naming neither template
    if segments.table2 is None:
        issues.append(Issue("parse_table_missing", "error", "table 2 (主动公开) not found"))
    else:
        spaced = _table_cells(lines, segments.table2)
        template = detect_template(spaced.cells)
        unknown = template is None
        if not unknown:
            table_facts, table_issues = parse_table2(spaced.cells, template)
            facts += table_facts
            issues += table_issues + spacing_issues(2, spaced, table_facts)

    if segments.table3 is None:
        issues.append(Issue("parse_table_missing", "error", "table 3 (依申请) not found"))
    else:
        spaced = _table_cells(lines, segments.table3)
        table_facts, table_issues = parse_table3(spaced.cells, template)
        facts += table_facts
        issues += table_issues + spacing_issues(3, spaced, table_facts)

    if segments.table4 is None:
        issues.append(Issue("parse_table_missing", "error", "table 4 (复议诉讼) not found"))
    else:
        spaced = _table_cells(lines, segments.table4)
        table_facts, table_issues = parse_table4(spaced.cells)
        facts += table_facts
        issues += table_issues + spacing_issues(4, spaced, table_facts)

    year, as_written = year_and_agency(lines, titles)
    # A date under the title outranks one at the end with no signature by it (a site's
    # footer may print the page's own date there). Most reports sign the date at the end:
    # it is looked for first, and alone.
    published = published_on(lines, segments.closing, segments.end, unsigned=False)
    if published is None:
        under_title = dated_under_title(lines, titles.report[0]) if titles.report else None
        unsigned = under_title is None
        if unsigned:
            published = published_on(lines, segments.closing, segments.end)
        if published is None and segments.signed_before_tables is not None:
            published = published_on(lines, *segments.signed_before_tables, unsigned=unsigned)
        if published is None:
            published = under_title
    if year is None:
        year, source = untitled_year(lines, titles)
        issues.append(Issue("metadata_missing", "warning",
                            "no title with the report's year" + (
                                f"; took {year} from {source}" if year else "")))
    else:
        year, year_issues = checked_year(year, lines, titles, published)
        issues += year_issues
    if template is None:
        # Table 2 missing (an image, an excerpt) or its headers unreadable: table 3 was
        # read without a template, only its printed rows set its row set, and they may
        # still tell the template; the year is weighed only beside headers printed but
        # unreadable.
        template, evidence = template_from_evidence(
            year if unknown else None, {f.row for f in facts if f.table == "applications"})
        if unknown:
            issues.append(Issue("parse_template_unknown", "error",
                                f"table 2 headers match neither the 2019 nor the 2021 "
                                f"template, so table 2 was not read; {evidence}"))
    signed = signed_otherwise(lines, as_written, titles, segments.closing, segments.end)
    if signed is not None:
        issues.append(Issue("agency_conflict", "warning",
                            f"the title names no agency; the line by it names {as_written} "
                            f"but the report is signed {signed}: agency left NULL"))
        as_written = None
    agency = full_agency_name(lines, as_written, segments.closing, segments.end) \
        if signed is None else None
    for find, said in _AGENCY_IN_BODY:
        if agency is not None or signed is not None:
            break
        agency = find(lines, segments.end)
        if agency is not None:
            issues.append(Issue("agency_from_body", "warning",
                                f"neither the title nor a signature names the agency; took "
                                f"{agency}, {said}"))
    if agency is None and signed is None:
        issues.append(Issue("metadata_missing", "warning", "agency name not found"))
    located = locate(agency, lines.norm, year)
    issues += located.issues
    region = located.region
    agency = located.corrected_agency or agency
    tables = [t for t in (segments.table2, segments.table3, segments.table4) if t]

    return ParsedReport(
        agency=agency,
        agency_as_written=as_written,
        agency_former=former_agency_name(lines.norm, titles.report[0] if titles.report else 0),
        year=year,
        template=template,
        script=lines.script,
        region=region,
        published_on=published,
        facts=facts,
        issues=issues,
        # A second report's prose is not this one's.
        claims=narrative_claims(lines, [*tables, (segments.end, len(lines.norm))], template,
                                year),
    )
