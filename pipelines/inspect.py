"""One report, looked at closely: `python -m pipelines.inspect FILE` (or `make inspect`).

Parses and checks a single file exactly as the pipeline would, without touching the
warehouse, and prints its metadata, its three tables laid out as the report prints them
(with the template's labels), every check with its status and every issue: how a user
finds out why a report was flagged. Exits 1 when the file is rejected.

With `--line N` (a fact's source_line, or a line a message names) it also prints the lines
around N of the text the parser read: for HTML, PDF and .docx their rendering, the same
lines the warehouse keeps in report_lines.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import polars as pl

from pipelines import versions
from pipelines.frames import ParseOutcome, SourceDocument, build_batch, rendered_lines
from pipelines.parsing import ReportRejected, parse_converted, render_bytes
from pipelines.parsing import vocabulary as vocab
from pipelines.validation import validate_batch
from pipelines.warehouse import WarehouseTables

__all__ = ["inspect_file", "main"]

EXIT_REJECTED = 1
BLANK = "—"  # a cell printed blank or not applicable (NULL)
UNREAD = "?"  # a cell of the template that the parser did not read

_METADATA = ("agency", "agency_as_written", "year", "template", "script", "province", "city",
             "county", "adcode", "published_on", "report_id")


# Lines printed before and after the one asked for with --line.
CONTEXT = 3


def inspect_file(path: Path, out: TextIO | None = None, line: int | None = None) -> int:
    """Print everything about one file (to stdout by default); return the exit code."""
    out = out or sys.stdout
    data = path.read_bytes()
    report_id = hashlib.sha256(data).hexdigest()
    text = None
    try:
        converted = render_bytes(data, path.name)
        text = converted.text
        result = parse_converted(converted, path.name)
    except ReportRejected as exc:
        result = exc
    tables = validate_batch(build_batch([
        ParseOutcome(SourceDocument(report_id, path.name), result)]))
    report = tables.reports.row(0, named=True)
    print(f"{path.name}: {report['status']}", file=out)
    if isinstance(result, ReportRejected):
        print(f"rejected: {result}", file=out)
        _issues(tables, out)
        if line is not None:
            _lines_around(text, line, out)
        return EXIT_REJECTED
    _section("metadata", out)
    width = max(map(len, _METADATA))
    for name in _METADATA:
        value = report[name]
        print(f"  {name:<{width}}  {BLANK if value is None else value}", file=out)
    # The version a warehouse stores with the report (reports.parser_version): equal, and
    # the warehouse holds exactly what is printed here.
    print(f"  {'parser_version':<{width}}  {versions.parser_version()}", file=out)
    _table2(tables.proactive, report["template"], out)
    _table3(tables.applications, report["template"], out)
    _table4(tables.review_litigation, out)
    _checks(tables.checks, out)
    _issues(tables, out)
    if line is not None:
        _lines_around(text, line, out)
    return 0


def _lines_around(text: str | None, line: int, out: TextIO) -> None:
    if text is None:
        _section(f"line {line}: the file could not be read as text", out)
        return
    lines = rendered_lines(text)
    _section(f"lines {max(1, line - CONTEXT)}-{min(len(lines), line + CONTEXT)} of "
             f"{len(lines)} (as read; source_line counts these)", out)
    if not 1 <= line <= len(lines):
        print(f"  no line {line}", file=out)
        return
    for number in range(max(1, line - CONTEXT), min(len(lines), line + CONTEXT) + 1):
        mark = ">" if number == line else " "
        print(f"{mark} {number:>5}  {lines[number - 1]}", file=out)


def _section(title: str, out: TextIO) -> None:
    print(f"\n{title}", file=out)


def _width(text: str) -> int:
    """Columns the text takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _cell(values: dict[tuple[str, str], object], key: tuple[str, str]) -> str:
    if key not in values:
        return UNREAD
    value = values[key]
    if value is None:
        return BLANK
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _grid(header: Sequence[str] | None, rows: Sequence[Sequence[str]], out: TextIO,
          align: str = "") -> None:
    """Columns padded to their widest cell; `align` has an l or r per column (default: the
    first left, the rest right, like the report's number columns)."""
    lines = [header, *rows] if header is not None else list(rows)
    n = len(lines[0])
    align = align or "l" + "r" * (n - 1)
    widths = [max(_width(line[i]) for line in lines) for i in range(n)]
    for line in lines:
        cells = [_pad(text, w, right=a == "r")
                 for text, w, a in zip(line, widths, align, strict=True)]
        print("  " + "  ".join(cells).rstrip(), file=out)


def _values(frame: pl.DataFrame, row: str, col: str, value: str) -> dict[tuple[str, str], object]:
    return {(r, c): v for r, c, v in frame.select(row, col, value).iter_rows()}


def _table2(facts: pl.DataFrame, template: str | None, out: TextIO) -> None:
    _section("表二 主动公开政府信息情况", out)
    if template not in vocab.TEMPLATES:
        print("  (template unknown: table 2 not read)", file=out)
        return
    values = _values(facts, "item", "measure", "value")
    rows: list[list[str]] = []
    for item, measures in vocab.measures_by_item(template).items():
        labels = {m.measure: m for m in vocab.item_measures(template) if m.item == item}
        cells = [f"{labels[m].measure_label} {_cell(values, (item, m))}" for m in measures]
        rows.append([labels[measures[0]].item_label, *cells])
    columns = max(map(len, rows))
    rows = [r + [""] * (columns - len(r)) for r in rows]
    _grid(None, rows, out, align="l" * columns)


def _table3(facts: pl.DataFrame, template: str | None, out: TextIO) -> None:
    _section("表三 收到和处理政府信息公开申请情况", out)
    values = _values(facts, "outcome", "applicant_type", "count")
    printed = {outcome for outcome, _ in values}
    # The row set is the one the report printed (SPEC §2), else the template's.
    single = "other" in printed or (template == "2019" and not printed & {
        "other_no_correction", "other_unpaid_fee", "other_misc"})
    codes = (vocab.OUTCOME_CODES_SINGLE_OTHER if single
             else vocab.OUTCOME_CODES_SPLIT_OTHER)
    labels = {t.code: t.label for t in vocab.OUTCOMES}
    applicants = vocab.APPLICANT_TYPES
    rows = [[labels[o], *[_cell(values, (o, a.code)) for a in applicants]] for o in codes]
    _grid(["", *[a.label for a in applicants]], rows, out)


def _table4(facts: pl.DataFrame, out: TextIO) -> None:
    _section("表四 政府信息公开行政复议、行政诉讼情况", out)
    values = _values(facts, "proceeding", "result", "count")
    rows = [[p.label, *[_cell(values, (p.code, r.code)) for r in vocab.RESULTS]]
            for p in vocab.PROCEEDINGS]
    _grid(["", *[r.label for r in vocab.RESULTS]], rows, out)


def _number(value: float | None) -> str:
    if value is None:
        return BLANK
    return str(int(value)) if float(value).is_integer() else str(value)


def _checks(checks: pl.DataFrame, out: TextIO) -> None:
    counts = dict(checks.group_by("status").len().iter_rows())
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("pass", "fail", "not_checked"))
    _section(f"checks ({summary})", out)
    rows = [[status, name, subject or "", _number(lhs), _number(rhs), detail or ""]
            for name, subject, status, lhs, rhs, detail in checks.select(
                "check_name", "subject", "status", "lhs", "rhs", "detail").iter_rows()]
    _grid(["status", "check", "subject", "lhs", "rhs", "detail"], rows, out, align="lllrrl")


def _issues(tables: WarehouseTables, out: TextIO) -> None:
    issues = tables.issues.select("severity", "check_name", "message")
    _section(f"issues ({issues.height})", out)
    for severity, name, message in issues.iter_rows():
        print(f"  {severity:<7}  {name}: {message}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="inspect-report",
        description="Parse and check one report file without touching the warehouse.")
    parser.add_argument("file", type=Path, help="a raw report file (.txt .html .pdf .docx)")
    parser.add_argument("--line", type=int, metavar="N",
                        help="also print the lines around line N of the text as read "
                             "(a fact's source_line)")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        parser.error(f"no such file: {args.file}")
    try:
        return inspect_file(args.file, line=args.line)
    except BrokenPipeError:
        # The reader (head, less) stopped early; keep Python from failing again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
