"""Table 3 cells -> application facts (outcome x applicant type)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat

from pipelines.parsing import vocabulary as vocab
from pipelines.parsing._labels import match_outcome
from pipelines.parsing._normalize import squeeze
from pipelines.parsing._rows import Fitted, fit_row, unread_facts, unsure_alignment
from pipelines.parsing._table3_order import rows_by_order
from pipelines.parsing._types import Cell, Fact, Issue, new_fact
from pipelines.parsing._values import NULL_MARKS, CellValueError, is_value_text, parse_count

_APPLICANTS = tuple(t.code for t in vocab.APPLICANT_TYPES)
_SPLIT_OTHER = {"other_no_correction", "other_unpaid_fee", "other_misc"}


@dataclass(slots=True)
class _Row:
    code: str | None  # None: text that matched no row
    label: str
    line: int
    values: list[Cell] = field(default_factory=list)
    by_position: bool = False
    by_order: bool = False  # its label was lost: placed by its place in the template


def parse_table3(cells: list[Cell], template: str | None = None,
                 ) -> tuple[list[Fact], list[Issue]]:
    """`template`, from table 2, decides the row set only when neither （六）其他处理 nor
    its sub-rows are printed (an excerpt); otherwise the rows themselves do."""
    rows = _assemble(cells, frozenset())
    first = next((row.line for row in rows if row.code is not None), None)
    # Read only when every row is short: the header is not looked at otherwise.
    total_column = functools.partial(_total_column, cells, first)
    facts, issues = _read(rows, total_column, template)
    if any(issue.severity == "error" for issue in issues):
        # Found only when the plain reading failed: most tables have no header inside.
        headers = _header_lines(cells)
        if headers:
            facts, issues = _read(_assemble(cells, headers), total_column, template)
    if any(issue.severity == "error" for issue in issues):
        ordered = rows_by_order(cells)
        if ordered is not None:
            rows, notes = ordered
            by_order = [_Row(r.code, r.label, r.line, r.values, by_order=not r.label)
                        for r in rows]
            order_facts, order_issues = _read(by_order, total_column, template)
            if not any(issue.severity == "error" for issue in order_issues):
                return order_facts, notes + order_issues
    return facts, issues


def _read(rows: list[_Row], total_column: Callable[[], bool | None], template: str | None,
          ) -> tuple[list[Fact], list[Issue]]:
    """Facts of the rows found; `total_column()`: whether the header prints 总计 (None:
    no header seen)."""
    issues: list[Issue] = []
    found: dict[str, _Row] = {}
    for row in rows:
        if row.code is None:
            if any(not _blank(c) for c in row.values):
                issues.append(Issue("parse_unmatched_row", "error",
                                    f"table 3, line {row.line}: numbers under an unrecognised "
                                    f"label {row.label!r}"))
            continue
        if row.code in found:
            if not any(not _blank(c) for c in found[row.code].values):
                # The first was a heading or a header cell naming the row, not the row.
                found[row.code] = row
            elif any(not _blank(c) for c in row.values):
                issues.append(Issue("parse_duplicate_row", "error",
                                    f"table 3, line {row.line}: row {row.code} printed again; "
                                    f"kept the first one (line {found[row.code].line})"))
            continue
        found[row.code] = row

    split = bool(_SPLIT_OTHER & found.keys()) or (template == "2021" and "other" not in found)
    if split and "other" in found:
        other = found.pop("other")
        if any(not _blank(c) for c in other.values):
            issues.append(Issue("parse_unmatched_row", "error",
                                f"table 3, line {other.line}: numbers in （六）其他处理 beside "
                                f"its numbered sub-rows"))
    expected = vocab.OUTCOME_CODES_SPLIT_OTHER if split else vocab.OUTCOME_CODES_SINGLE_OTHER

    fits = {code: fit_row(found[code].values, len(_APPLICANTS))
            for code in expected if code in found}
    short = _every_row_short(fits, total_column, issues)
    facts: list[Fact] = []
    for code in expected:
        row = found.get(code)
        if row is None:
            issues.append(Issue("parse_row_missing", "error", f"table 3: row {code} not found"))
            continue
        if row.by_order:
            issues.append(Issue("parse_label_by_position", "warning",
                                f"table 3, line {row.line}: numbers without a label taken as "
                                f"{code} by their place in the template order"))
        elif row.by_position:
            issues.append(Issue("parse_label_by_position", "warning",
                                f"table 3, line {row.line}: {row.label!r} matched to {code} "
                                f"by its numbered position or likeness, not its words"))
        fitted = fits[code]
        if fitted.error:
            issues.append(Issue("parse_row_too_long", "error",
                                f"table 3, line {row.line}: row {code}: {fitted.error}"))
            continue
        if short == "no_total":
            # Printed without the 总计 column: the cells stand where the header puts them.
            cells = (*fitted.cells[fitted.padded:], *fitted.cells[:fitted.padded])
            facts += [f for f in _row_facts(code, cells, row.line, issues)
                      if f.raw_text is not None]  # the unprinted total is no fact
            continue
        unsure = short == "unknown" or unsure_alignment(fitted) or (
            fitted.padded and not _fits_total(fitted.cells)
            and "aligned right, its applicants would exceed its total")
        if unsure:
            if short != "unknown":
                issues.append(Issue("parse_row_short", "error",
                                    f"table 3, line {row.line}: row {code}: "
                                    f"{len(_APPLICANTS) - fitted.padded} cells for "
                                    f"{len(_APPLICANTS)} columns; {unsure}: which cell is "
                                    f"missing is unknown, its cells are left NULL"))
            facts += unread_facts("applications", [(code, a) for a in _APPLICANTS],
                                  fitted.cells)
            continue
        if fitted.guess:
            issues.append(Issue("parse_row_aligned", "warning",
                                f"table 3, line {row.line}: row {code}: {fitted.guess}"))
        facts += _row_facts(code, fitted.cells, row.line, issues)
    return facts, issues


def _row_facts(code: str, cells: tuple[Cell | None, ...], label_line: int,
               issues: list[Issue]) -> list[Fact]:
    if None not in cells:
        # Most rows: every cell printed and a number. Read them all at once; a row with
        # a bad cell is read again cell by cell to say which.
        try:
            counts = list(map(parse_count, [cell.text for cell in cells]))
        except CellValueError:
            pass
        else:
            return list(map(new_fact, zip(
                repeat("applications"), repeat(code), _APPLICANTS, counts,
                [cell.line for cell in cells], [cell.raw for cell in cells])))
    return [_fact(code, applicant, cell, label_line, issues)
            for applicant, cell in zip(_APPLICANTS, cells, strict=True)]


def _fact(code: str, applicant: str, cell: Cell | None, label_line: int,
          issues: list[Issue]) -> Fact:
    if cell is None:
        return new_fact(("applications", code, applicant, None, label_line, None))
    try:
        value = parse_count(cell.text)
    except CellValueError as exc:
        issues.append(Issue("parse_bad_cell", "error",
                            f"table 3, line {cell.line}: {code}/{applicant}: {exc}"))
        value = None
    return new_fact(("applications", code, applicant, value, cell.line, cell.raw))


def _assemble(cells: list[Cell], headers: frozenset[int]) -> list[_Row]:
    """Walk the cells: a label opens a row, value cells after it belong to it; the cells
    of `headers` lines are skipped."""
    rows: list[_Row] = []
    current: _Row | None = None
    group: str | None = None
    started = False
    for cell in cells:
        if cell.line in headers:
            continue
        if is_value_text(cell.text):
            if current is not None:
                current.values.append(cell)
            continue
        match = match_outcome(cell.text, group)
        if not started:
            if match.code not in ("new_received", "carried_over"):
                continue
            started = True
        if match.group:
            group = match.group
        if match.code is None:
            if current is not None and not current.values:
                # A label wrapped over lines (or printed one character per line): the
                # rest of it, before its numbers. Text that matched nothing may match
                # once whole.
                current.label += cell.text
                if current.code is None:
                    whole = match_outcome(current.label, group)
                    current.code, current.by_position = whole.code, whole.by_position
                    group = whole.group or group
                continue
            current = _Row(None, cell.text, cell.line)
            rows.append(current)
            continue
        if current is not None and current.code == match.code and not current.values:
            current.label += cell.text
            continue
        current = _Row(match.code, cell.text, cell.line, by_position=match.by_position)
        rows.append(current)
        if match.code == "carried_forward":
            group = None
    return rows


def _every_row_short(fits: dict[str, Fitted], total_column: Callable[[], bool | None],
                     issues: list[Issue]) -> str | None:
    """When every row printed fewer cells than the columns, right alignment is no longer
    a guess about one row but about the whole table: "no_total" when each row lacks one
    cell and the header prints no 总计 column, else "unknown" (reported, left NULL)."""
    rows = [f for f in fits.values() if not f.error]
    if not rows or not all(f.padded for f in rows):
        return None
    if all(f.padded == 1 for f in rows) and total_column() is False:
        issues.append(Issue("parse_column_missing", "error",
                            "table 3: printed without its 总计 column; the totals are NULL"))
        return "no_total"
    issues.append(Issue("parse_table_short", "error",
                        "table 3: every row has fewer cells than the 7 columns, so which "
                        "column each number is in is unknown; its cells are left NULL"))
    return "unknown"


def _fits_total(cells: tuple[Cell | None, ...]) -> bool:
    """Aligned right, a short row's printed applicant cells cannot add up to more than
    its total (the missing ones were at its start); otherwise they were not."""
    try:
        counts = [parse_count(c.text) for c in cells if c is not None]
    except CellValueError:
        return True  # the bad cell is reported where it is read
    if not counts or counts[-1] is None:
        return True
    # A blank applicant cell is NULL, at least 0: the known ones alone may not exceed.
    return sum(c for c in counts[:-1] if c is not None) <= counts[-1]


def _total_column(cells: list[Cell], first_line: int | None) -> bool | None:
    """Whether the header above the first row names a 总计 column; None without a header
    naming the applicants."""
    if first_line is None:
        return None
    text = squeeze("".join(c.text for c in cells
                           if c.line < first_line and not is_value_text(c.text)))
    if "总计" in text or "合计" in text:
        return True
    return False if "自然人" in text or "商业企业" in text else None


def _header_lines(cells: list[Cell]) -> frozenset[int]:
    """Lines of several label cells and no number: a column header, printed again inside
    the table or invented by OCR; its words (总计, 予以公开, 结转下年度) name no row."""
    labels: dict[int, int] = {}
    numbered: set[int] = set()
    for text, _, line in cells:
        if not is_value_text(text):
            labels[line] = labels.get(line, 0) + 1
        elif text not in NULL_MARKS:  # cell texts are stripped
            numbered.add(line)
    return frozenset(line for line, count in labels.items()
                     if count >= _HEADER_MIN_LABELS and line not in numbered)


# A row holds at most a group cell and its label; a header names the columns.
_HEADER_MIN_LABELS = 3


def _blank(cell: Cell) -> bool:
    return not cell.text.strip() or cell.text.strip() in {"/", "-", "—", "－"}
