"""Texts that are not annual reports: rejected with the reason, never loaded with an
invented agency."""

from __future__ import annotations

from pipelines.parsing._metadata import Titles, report_titles
from pipelines.parsing._normalize import Lines
from pipelines.parsing._types import ReportRejected


def reject_if_not_a_report(lines: Lines, titles: Titles, without_tables: bool) -> None:
    """A notice or news item about the reports, or a text without a report's title or its
    main tables, is not a report (a report from before the 2019 template has a title but
    no tables: it loads, flagged)."""
    if titles.report is None and titles.other is not None:
        raise ReportRejected(f"not an annual report: the title is that of another document "
                             f"({titles.other[1]})", titles.other[0] + 1)
    if without_tables and titles.report is None:
        # A stray 行政复议 line does not make a report.
        raise ReportRejected("not an annual report: no annual-report title and no "
                             "statistical tables found")
    if without_tables and len(report_titles(lines)) > 2:
        raise ReportRejected("not an annual report: a list of report titles (links) without "
                             "statistical tables")
