"""Table 3 cells -> application facts (outcome x applicant type)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import itemgetter
from typing import TypeVar

from pipelines.parsing import vocabulary as vocab
from pipelines.parsing._labels import match_outcome, opens_with_number
from pipelines.parsing._normalize import squeeze
from pipelines.parsing._rows import (
    Fitted,
    fit_row,
    new_fitted,
    unread_facts,
    unsure_alignment,
)
from pipelines.parsing._table3_columns import Columns, column_notes, header_columns
from pipelines.parsing._table3_order import rows_by_order
from pipelines.parsing._types import Cell, Fact, Issue, new_fact
from pipelines.parsing._values import (
    NULL_MARKS,
    CellValueError,
    is_blank,
    is_value_text,
    parse_count,
    read_count,
)

_APPLICANTS = tuple(t.code for t in vocab.APPLICANT_TYPES)
_SPLIT_OTHER = {"other_no_correction", "other_unpaid_fee", "other_misc"}
# Rows whose label spans the template's two label columns (一、 二、 四、).
_FIRST_LEVEL = frozenset({"new_received", "carried_over", "carried_forward"})
_T = TypeVar("_T")
_TEXT = itemgetter(0)  # a cell's text
# The rows table 3 opens with (an excerpt may start at the second).
_OPENING = frozenset({"new_received", "carried_over"})


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
    # Columns are placed by the header's own cells: a header that names the applicants
    # and no 总计 takes that column away, one in another order moves them.
    columns = header_columns(cells, first)
    facts, issues = _read(rows, columns, template)
    if any(issue.severity == "error" for issue in issues):
        # Found only when the plain reading failed: most tables have no header inside.
        headers = _header_lines(cells)
        if headers:
            facts, issues = _read(_assemble(cells, headers), columns, template)
    if any(issue.severity == "error" for issue in issues):
        ordered = rows_by_order(cells)
        if ordered is not None:
            # The order drops the merged label cells whose print tells a row short.
            merged = _merged_label_cell({r.code: r for r in rows if r.code},
                                        len(columns.slots))
            rows, notes = ordered
            by_order = [_Row(r.code, r.label, r.line, r.values, by_order=not r.named)
                        for r in rows]
            order_facts, order_issues = _read(by_order, columns, template, merged)
            if not any(issue.severity == "error" for issue in order_issues):
                return order_facts, notes + order_issues
    return facts, issues


def _read(rows: list[_Row], header: Columns, template: str | None,
          merged_label: bool | None = None) -> tuple[list[Fact], list[Issue]]:
    """Facts of the rows found; `header`: the columns the table prints, left to right;
    `merged_label`: whether its first-level rows print a merged label cell, when the rows
    can no longer tell."""
    issues: list[Issue] = []
    found: dict[str, _Row] = {}
    subtotals: list[tuple[str, _Row]] = []
    previous = None  # the code of the last row found
    for row in rows:
        if row.code is None:
            printed = [c.text for c in row.values if not _blank(c)]
            group = _subtotal_group(row.label, previous) if printed else None
            if group is not None:
                subtotals.append((group, row))
            elif printed:
                where = (f"under an unrecognised label {row.label!r}" if row.label
                         else "before the first row its labels name")
                issues.append(Issue("parse_unmatched_row", "error",
                                    f"table 3, line {row.line}: numbers {' '.join(printed)} "
                                    f"{where}: not read"))
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
        previous = row.code

    split = bool(_SPLIT_OTHER & found.keys()) or (template == "2021" and "other" not in found)
    if split and "other" in found:
        other = found.pop("other")
        if any(not _blank(c) for c in other.values):
            subtotals.append(("other_", other))
    expected = vocab.OUTCOME_CODES_SPLIT_OTHER if split else vocab.OUTCOME_CODES_SINGLE_OTHER

    # Columns are placed by the header: one that names the applicants but no 总计 was
    # printed without it, and every row's cells stand under the applicants alone.
    columns = header.slots
    has_total = "total" in columns
    # Right alignment (the total last) means something only in the template's order.
    usual = columns in (_APPLICANTS, _APPLICANTS[:-1])
    if not has_total:
        issues.append(Issue("parse_column_missing", "error",
                            "table 3: printed without its 总计 column; the totals are NULL"))
    if not usual or header.problem:
        issues += column_notes(header)
    # Most tables need no padding to fit their rows: counted once, when a row asks.
    pads = _once(_padding, list(found.values()), len(columns))
    width = len(columns)
    fits = {}
    for code in expected:
        row = found.get(code)
        if row is None:
            continue
        values = row.values
        # Most rows: as many cells as columns, the last one filled, or followed by the one
        # blank cell a grid pads every row with (what _fit makes of them).
        if len(values) == width and not is_blank(values[-1].text):
            fits[code] = new_fitted((tuple(values), None, None, 0, None))
        elif len(values) == width + 1 and is_blank(values[-1].text) and pads() == 1:
            fits[code] = new_fitted((tuple(values[:-1]), None, None, 0, None))
        else:
            fits[code] = _fit(values, width, has_total and usual, pads)
    short = header.problem or _every_row_short(fits, len(columns), issues)
    merged = (_once(_merged_label_cell, found, len(columns))
              if merged_label is None else lambda: merged_label)
    clean = _clean_facts(found, expected, fits, columns, merged) \
        if usual and not short else None
    if clean is not None:
        expected = ()  # every row read at once; the subtotals remain
    facts: list[Fact] = clean or []
    for code in expected:
        row = found.get(code)
        if row is None:
            issues.append(Issue("parse_row_missing", "error", f"table 3: row {code} not found"))
            continue
        if row.by_order:
            issues.append(Issue("parse_label_by_position", "warning",
                                f"table 3, line {row.line}: numbers under "
                                f"{row.label or 'no label'!r} taken as {code} by their "
                                f"place in the template order"))
        elif row.by_position:
            issues.append(Issue("parse_label_by_position", "warning",
                                f"table 3, line {row.line}: {row.label!r} matched to {code} "
                                f"by its numbered position or likeness, not its words"))
        elif row.values and _wrapped_label_rest(row):
            issues.append(Issue("parse_label_by_position", "warning",
                                f"table 3, line {row.line}: {row.label!r} taken as {code}: "
                                f"a label without its number over blank cells only, which "
                                f"may be the rest of a wrapped label"))
        fitted = fits[code]
        if fitted.error:
            issues.append(Issue("parse_row_too_long", "error",
                                f"table 3, line {row.line}: row {code}: {fitted.error}"))
            continue
        if fitted.padded == len(columns):
            # Its numbers went elsewhere (a label wrapped away from them): absent, not NULL.
            issues.append(Issue("parse_row_missing", "error",
                                f"table 3, line {row.line}: row {code}: its label stands "
                                f"without any cell"))
            continue
        merged_first = _behind_merged_label(code, row, fitted, merged)
        if merged_first:
            # Behind that cell it is a row a cell short, read as any short row is: aligned
            # right where it opens with a blank, which any lost blank reads the same as.
            fitted = fitted._replace(cells=(None, *fitted.cells[1:]), padded=1,
                                     guess=f"{len(columns) - 1} cells for {len(columns)} "
                                     f"columns behind the merged label cell the other "
                                     f"first-level rows print, aligned right")
        # Otherwise only a padded row can be unsure of its alignment; most rows are not.
        unsure = short or fitted.padded and (unsure_alignment(fitted) or (
            has_total and usual and not _fits_total(fitted.cells)
            and "aligned right, its applicants would exceed its total") or (
            not usual and "its header prints the columns in another order than the "
            "template, so which cell it lost is unknown"))
        if merged_first and unsure:
            unsure = (f"its first cell is a blank like the merged label cell the other "
                      f"first-level rows print before their numbers, so it printed one cell "
                      f"fewer, and {unsure}")
        if unsure:
            printed = fitted.cells
            if not short:
                issues.append(Issue("parse_row_short", "error",
                                    f"table 3, line {row.line}: row {code}: "
                                    f"{sum(c is not None for c in printed)} cells for "
                                    f"{len(columns)} columns; {unsure}: which cell is "
                                    f"missing is unknown, its cells are left NULL"))
            facts += unread_facts("applications", [(code, a) for a in columns], printed)
            continue
        if fitted.guess:
            issues.append(Issue("parse_row_aligned", "warning",
                                f"table 3, line {row.line}: row {code}: {fitted.guess}"))
        facts += _row_facts(code, columns, fitted.cells, row.line, issues)
    if not usual:
        facts = [f for f in facts if f.col is not None]  # joined columns: stored nowhere
    for group, row in subtotals:
        issues.append(_subtotal_issue(group, row, columns, facts))
    return facts, issues


def _clean_facts(found: dict[str, _Row], expected: tuple[str, ...], fits: dict[str, Fitted],
                 columns: tuple[str | None, ...], merged: Callable[[], bool],
                 ) -> list[Fact] | None:
    """The facts of a table whose every row the template expects is printed whole, under
    its own label, with a number in every cell (most tables), read in one go: what the
    row-by-row reading in `_read` gives them, without its questions for each row. None
    when any row needs them (a guess, a blank, a bad cell, a row missing)."""
    cells: list[Cell] = []
    for code in expected:
        row = found.get(code)
        if row is None or row.by_order or row.by_position:
            return None
        fitted = fits[code]
        if fitted.error or fitted.padded or fitted.guess:
            return None
        if _wrapped_label_rest(row) or _behind_merged_label(code, row, fitted, merged):
            return None
        cells += fitted.cells
    texts, raws, lines = zip(*cells, strict=False)
    try:
        counts = list(map(parse_count, texts))
    except CellValueError:
        return None  # the bad cell is named where its row is read
    width = len(columns)
    codes = [code for code in expected for _ in range(width)]
    return list(map(new_fact, zip(repeat("applications"), codes, columns * len(expected),
                                  counts, lines, raws)))


def _wrapped_label_rest(row: _Row) -> bool:
    """A label without its number over blank cells only: maybe the rest of a wrapped label
    whose own line was lost, the blank cells the layout's padding, not the row's cells."""
    return (is_blank(row.values[-1].text) and not opens_with_number(row.label)
            and all(_blank(c) for c in row.values))


def _behind_merged_label(code: str, row: _Row, fitted: Fitted, merged: Callable[[], bool]
                         ) -> bool:
    """Whether a first-level row's first cell is the merged label cell its sibling rows
    print, not a cell of its own."""
    return (code in _FIRST_LEVEL and fitted.cells[0] is row.values[0]
            and is_blank(row.values[0].text) and merged())


# A group's heading, its parentheses folded to ASCII -> the codes of its rows.
_GROUP_HEADINGS = {"(三)不予公开": "denied_", "(四)无法提供": "unable_",
                   "(五)不予处理": "rejected_", "(六)其他处理": "other_"}


def _subtotal_group(label: str, previous: str | None) -> str | None:
    """The rows a group's heading (（三）不予公开, …) stands for, when the label is one; or
    those of the group whose row `previous` is, under a 小计 row that ends them."""
    key = squeeze(label).replace("（", "(").replace("）", ")")
    group = _GROUP_HEADINGS.get(key)
    if group is None and key.endswith("小计") and previous is not None:
        group = previous.split("_")[0] + "_"
        return group if group in _GROUP_HEADINGS.values() else None
    return group


def _subtotal_issue(group: str, row: _Row, columns: tuple[str | None, ...],
                    facts: list[Fact]) -> Issue:
    """A group heading printed with numbers: some tables add the group's subtotal. Not a
    row of the template, so not stored; a subtotal that is not its rows' sum may be a
    row read out of place, and is an error."""
    printed = [c for c in row.values if not _blank(c)]
    sums: dict[str | None, int | None] = dict.fromkeys(columns, 0)
    for fact in facts:
        if fact.row.startswith(group) and fact.row != "other":
            total = sums[fact.col]
            sums[fact.col] = None if total is None or fact.value is None \
                else total + int(fact.value)
    try:
        values = [parse_count(c.text) for c in printed]
    except CellValueError:
        values = []
    numbers = " ".join(c.text for c in printed)
    if len(values) == len(columns) and all(
            v == sums[c] for v, c in zip(values, columns, strict=True) if c is not None):
        return Issue("parse_group_subtotal", "warning",
                     f"table 3, line {row.line}: {row.label!r} prints its rows' subtotals "
                     f"{numbers}: they add up, not stored")
    return Issue("parse_unmatched_row", "error",
                 f"table 3, line {row.line}: numbers {numbers} under the group heading "
                 f"{row.label!r}, not the sums of its rows: not read")


def _once(function: Callable[..., _T], *args: object) -> Callable[[], _T]:
    """`function(*args)`, computed at the first call only. Lighter than functools.cache
    over a partial, whose wrapper copies the function's attributes: two are made for
    every table, and most tables never call them."""
    memo: list[_T] = []

    def value() -> _T:
        if not memo:
            memo.append(function(*args))
        return memo[0]
    return value


def _row_facts(code: str, columns: tuple[str | None, ...], cells: tuple[Cell | None, ...],
               label_line: int, issues: list[Issue]) -> list[Fact]:
    if None not in cells:
        # Most rows: every cell printed and a number. Read them all at once; a row with
        # a bad cell is read again cell by cell to say which.
        # The fields, column by column (every cell has all three: nothing to check).
        texts, raws, lines = zip(*cells, strict=False)
        try:
            counts = list(map(parse_count, texts))
        except CellValueError:
            pass
        else:
            return list(map(new_fact, zip(
                repeat("applications"), repeat(code), columns, counts, lines, raws)))
    return [_fact(code, applicant, cell, label_line, issues)
            for applicant, cell in zip(columns, cells, strict=True)]


def _fact(code: str, applicant: str, cell: Cell | None, label_line: int,
          issues: list[Issue]) -> Fact:
    if cell is None:
        return new_fact(("applications", code, applicant, None, label_line, None))
    value = read_count(cell, 3, code, applicant, issues)
    return new_fact(("applications", code, applicant, value, cell.line, cell.raw))


def _assemble(cells: list[Cell], headers: frozenset[int]) -> list[_Row]:
    """Walk the cells: a label opens a row, value cells after it belong to it; the cells
    of `headers` lines are skipped."""
    rows: list[_Row] = []
    current: _Row | None = None
    group: str | None = None
    started = False
    head, head_at = "", -1  # before the first row: a label that may be its label's head
    # This loop runs once per cell of every table 3: the fields are unpacked once, the
    # line of the cell before is carried rather than looked up again, and a row's blank
    # label cells are skipped by advancing the loop itself.
    line = 0
    walk = enumerate(cells)
    for index, cell in walk:
        before = line
        text, _, line = cell
        if headers and line in headers:
            continue
        if is_value_text(text):
            # Only a blank cell after an empty line can open a row's blank label cells.
            if index and line > before + 1 and is_blank(text):
                skip_to = _blanks_leading_a_label(cells, index)
                if skip_to:
                    skipped = skip_to - index - 1
                    next(islice(walk, skipped, skipped), None)
                    line = cells[skip_to - 1].line
                    continue
            if current is None:
                # Numbers before the first row a label names (its label damaged past
                # matching): kept under no label, so that they are not lost unsaid.
                current = _Row(None, "", line)
                rows.append(current)
            current.values.append(cell)
            continue
        match = match_outcome(text, group)
        if not started:
            if match.code not in _OPENING:
                # The first label broken over lines (一、本年新 | 收政府信息公开申请数量)
                # names its row once whole: its head opens with its number, and the rest
                # is the very next cell.
                joined = (match_outcome(head + text, group) if head and index == head_at + 1
                          else match)
                if joined.code not in _OPENING:
                    head, head_at = (text, index) if opens_with_number(text) else ("", -1)
                    continue
                match, text = joined, head + text
            started = True
        if match.group:
            group = match.group
        if match.code is None:
            if current is not None and not current.values:
                # A label wrapped over lines (or printed one character per line): the
                # rest of it, before its numbers. Text that matched nothing may match
                # once whole.
                current.label += text
                if current.code is None:
                    whole = match_outcome(current.label, group)
                    current.code, current.by_position = whole.code, whole.by_position
                    group = whole.group or group
                continue
            current = _Row(None, text, line)
            rows.append(current)
            continue
        if current is not None and current.code == match.code and not current.values:
            current.label += text
            continue
        if (current is not None and current.code is not None and not current.values
                and match.by_position and not opens_with_number(text)):
            # The rest of a wrapped label, which alone only resembles another row
            # (大量 | 反复申请): kept with its head when the whole names the head's row.
            # A label of its own opens with its number (1. or （六）).
            whole = match_outcome(current.label + text, group)
            if whole.code == current.code and not whole.by_position:
                current.label += text
                current.by_position = False
                continue
        current = _Row(match.code, text, line, by_position=match.by_position)
        rows.append(current)
        if match.code == "carried_forward":
            group = None
    return rows


def _blanks_leading_a_label(cells: list[Cell], start: int) -> int:
    """Where the blank cells opening at `start`, after an empty line, end (exclusive) when
    each stands on a line of its own and a label follows them: in a table printed one cell
    per line with rows parted by empty lines, the merged label columns of the row they
    open, not trailing cells of the row above (tab and pipe rows drop them where they are
    cut); 0 when they are not such cells. The cell at `start` follows an empty line (the
    only place it is called), so the cells it walks, each on the line after the one
    before, stand each on a line of its own."""
    line = cells[start].line
    for run in range(start + 1, len(cells)):
        text, _, after = cells[run]
        if after != line + 1:
            return 0
        if not is_blank(text):
            return 0 if is_value_text(text) else run
        line = after
    return 0


def _padding(rows: list[_Row], width: int) -> int | None:
    """How many blank cells the table prints after a row's last column: the same number
    after every row whose columns are all filled, else None (rows of several kinds)."""
    ends = set()
    for row in rows:
        if len(row.values) < width:  # too few cells to fill every column
            continue
        blank = list(map(is_blank, map(_TEXT, row.values)))
        if blank.count(False) == width:
            ends.add(blank[::-1].index(False))  # the blank cells after its last filled one
            if len(ends) > 1:
                return None
    return ends.pop() if len(ends) == 1 else None


def _fit(values: list[Cell], width: int, has_total: bool,
         padding: Callable[[], int | None]) -> Fitted:
    """A row with blank cells at both ends lost either its leading cells (merged label
    columns) or its trailing ones (a grid's padding); kept in front, they are read as its
    first applicant and its last applicant as the total. In a table that pads no row's
    end, or when that puts more applicants than the total, the trailing blank was the
    row's own blank cell."""
    # A row no longer than the columns that ends in the table's padding lost a cell: the
    # padding is not its total.
    if len(values) >= width and is_blank(values[-1].text) and (pads := padding()) and (
            pads == 1 or all(is_blank(c.text) for c in values[-pads:])):
        values = values[:-pads]  # the table's padding, whatever the row's own blanks
    fitted = fit_row(values, width)
    if fitted.other is None:
        return fitted
    if padding() == 0:
        return fitted._replace(cells=fitted.other, guess=(
            "blank cells at both ends; kept the trailing one: no row of the table pads "
            "its end"))
    if not has_total or _fits_total(fitted.cells):
        return fitted
    return fitted._replace(cells=fitted.other, guess=(
        "blank cells at both ends; kept the trailing one: aligned after the leading ones, "
        "its applicants would exceed its total"))


def _merged_label_cell(found: dict[str, _Row], width: int) -> bool:
    """Whether the table's first-level rows (一、 二、 四、) print an empty cell for the
    label column merged over them, before their numbers: a full one of them prints one
    blank cell more than the columns, first. A first-level row that then fits the columns
    exactly with a blank first lost a cell of its own (an empty <td> dropped by a content
    system), and reading that blank as its first column would move every number left."""
    for code in _FIRST_LEVEL & found.keys():
        values = list(found[code].values)
        while len(values) > width + 1 and is_blank(values[-1].text):
            values.pop()  # the table's padding after the last column
        if (len(values) == width + 1 and is_blank(values[0].text)
                and not any(is_blank(c.text) for c in values[1:])):
            return True
    return False


def _every_row_short(fits: dict[str, Fitted], width: int, issues: list[Issue]) -> str | None:
    """When every row printed fewer cells than the columns, right alignment is no longer
    a guess about one row but about the whole table: the reason, reported once, and every
    cell is left NULL."""
    rows = [f for f in fits.values() if not f.error]
    if not rows or not all(f.padded for f in rows):
        return None
    issues.append(Issue("parse_table_short", "error",
                        f"table 3: every row has fewer cells than the {width} columns, so "
                        f"which column each number is in is unknown; its cells are left NULL"))
    return "every row is short"


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
