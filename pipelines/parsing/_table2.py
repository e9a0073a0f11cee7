"""Table 2 cells -> proactive-disclosure facts (item x measure), and the template."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from itertools import filterfalse
from operator import itemgetter

from pipelines.parsing import vocabulary as vocab
from pipelines.parsing._labels import match_item
from pipelines.parsing._normalize import squeeze
from pipelines.parsing._rows import fit_row, unread_facts, unsure_alignment
from pipelines.parsing._types import Cell, Fact, Issue, new_fact
from pipelines.parsing._values import (
    OCR_SIGN,
    CellValueError,
    is_blank,
    is_value_text,
    parse_change,
    parse_count,
    parse_money,
)

# Header words that only one template prints (SPEC §1), compared on squeezed text.
_SIGNATURES = {
    "2019": ("新制作数量", "新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
             "采购项目数量", "采购总金额", "其他对外管理服务事项"),
    "2021": ("制发件数", "废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
}


# Words of a measure's column header, per template, on squeezed text without punctuation.
_MEASURE_HEADERS = {
    "2019": (("made", ("新制作",)), ("published", ("新公开",)),
             ("total_published", ("公开总数",)), ("prior_items", ("上一年项目", "上年项目")),
             ("change", ("增/减", "增减")), ("decisions", ("处理决定",)),
             ("projects", ("采购项目",)), ("amount_10k_yuan", ("总金额", "采购金额"))),
    "2021": (("issued", ("制发",)), ("repealed", ("废止",)), ("in_force", ("现行有效",)),
             ("decisions", ("处理决定",)), ("amount_10k_yuan", ("收费金额", "金额"))),
}
# The unit a money header states: 采购总金额（元）, 本年收费金额（单位：万元）.
_HEADER_UNIT = re.compile(r"[(（](?:单位[:：])?\s*(万元|亿元|元)\s*[)）]"
                          r"|单位[:：]\s*(万元|亿元|元)")


@dataclass(slots=True)
class _Row:
    item: str
    line: int
    values: list[Cell] = field(default_factory=list)
    # How many of the table's header candidates (label lines naming no item) stand above
    # the row: the last of them that names measures gives its columns (see _Headers).
    headers_above: int = 0
    money_unit: str | None = None  # the unit the amount's header states


def detect_template(cells: list[Cell]) -> str | None:
    # Squeezed once joined: squeezing only deletes, so it is the join of squeezed cells.
    text = squeeze("".join(filterfalse(is_value_text, map(itemgetter(0), cells))))
    scores = {t: sum(1 for word in words if word in text) for t, words in _SIGNATURES.items()}
    best = max(scores, key=lambda t: scores[t])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return None
    return best


def parse_table2(cells: list[Cell], template: str) -> tuple[list[Fact], list[Issue]]:
    rows: dict[str, _Row] = {}
    issues: list[Issue] = []
    current: _Row | None = None
    headers = _Headers(cells, template)
    money_unit: str | None = None
    header_line = None
    for index, cell in enumerate(cells):
        if is_value_text(cell.text):
            if current is not None:
                current.values.append(cell)
            continue
        item = match_item(cell.text)
        if item is None:
            current = None  # headers between items end the row
            if cell.line != header_line:  # a header's cells share one reading
                header_line = cell.line
                headers.starts.append(index)
            if "金额" in cell.text:
                unit = _HEADER_UNIT.search(cell.text)
                money_unit = (unit.group(1) or unit.group(2)) if unit else None
        elif item in rows:
            issues.append(Issue("parse_duplicate_row", "error",
                                f"table 2, line {cell.line}: item {item} printed again"))
            current = None
        else:
            current = rows[item] = _Row(item, cell.line, headers_above=len(headers.starts),
                                        money_unit=money_unit)

    facts: list[Fact] = []
    by_item = _measures_by_item(template)
    for item, measures in by_item.items():
        row = rows.get(item)
        if row is None:
            issues.append(Issue("parse_row_missing", "error", f"table 2: item {item} not found"))
            continue
        placed = _placed_by_header(row, measures, headers)
        if placed is not None:
            fitted = fit_row(placed, len(measures))
        else:
            fitted = fit_row(row.values, len(measures))
        if fitted.error:
            issues.append(Issue("parse_row_too_long", "error",
                                f"table 2, line {row.line}: item {item}: {fitted.error}"))
            continue
        # Table 2 has no arithmetic of its own that could confirm a right alignment. A row
        # printed on its label's line in text that drops blanks (PDF spaces) may have lost
        # any of its cells; one cell per line loses a leading one (the seeds read so).
        # Only a padded row can be unsure of its alignment, and most rows are not padded.
        unsure = fitted.padded and unsure_alignment(fitted)
        if unsure and all(c.line == row.line for c in row.values):
            issues.append(Issue("parse_row_short", "error",
                                f"table 2, line {row.line}: item {item}: "
                                f"{len(measures) - fitted.padded} cells for {len(measures)} "
                                f"columns; {unsure}: which cell is missing is unknown, its "
                                f"cells are left NULL"))
            facts += unread_facts("proactive", [(item, m) for m in measures], fitted.cells)
            continue
        if fitted.guess:
            issues.append(Issue("parse_row_aligned", "warning",
                                f"table 2, line {row.line}: item {item}: {fitted.guess}"))
        for measure, cell in zip(measures, fitted.cells, strict=True):
            facts.append(_fact(template, item, measure, cell, row, issues))
    for item in rows.keys() - by_item.keys():
        issues.append(Issue("parse_unexpected_item", "warning",
                            f"table 2, line {rows[item].line}: item {item} is not in the "
                            f"{template} template"))
    return facts, issues


@functools.cache
def _measures_by_item(template: str) -> dict[str, tuple[str, ...]]:
    """vocab.measures_by_item, built once per template: every table 2 reads it. Shared,
    so only read."""
    return {item: tuple(measures)
            for item, measures in vocab.measures_by_item(template).items()}


class _Headers:
    """The header lines of a table 2, read only for the rows that need their columns:
    one printed cell per line (most layouts) places no row by its header.

    `starts` holds the first label cell of each label line that names no item, in order;
    the columns in force below the first k of them are those of the last one that names
    a measure (None: no header seen)."""

    def __init__(self, cells: list[Cell], template: str) -> None:
        self.cells = cells
        self.template = template
        self.starts: list[int] = []
        self._read: dict[int, tuple[str | None, ...] | None] = {}

    def columns(self, above: int) -> tuple[str | None, ...] | None:
        for k in range(above - 1, -1, -1):
            if k not in self._read:
                texts = tuple(map(itemgetter(0), _line_of(self.cells, self.starts[k])))
                self._read[k] = _header_columns(texts, self.template)
            if self._read[k] is not None:
                return self._read[k]
        return None


def _line_of(cells: list[Cell], index: int) -> list[Cell]:
    """The cells printed on the line of cells[index] (a line's cells are contiguous)."""
    line = cells[index].line
    lo = index
    while lo > 0 and cells[lo - 1].line == line:
        lo -= 1
    hi = index + 1
    while hi < len(cells) and cells[hi].line == line:
        hi += 1
    return cells[lo:hi]


# Keyed by the texts of a line: the same header lines recur in report after report.
@functools.lru_cache(maxsize=4096)
def _header_columns(line: tuple[str, ...], template: str) -> tuple[str | None, ...] | None:
    """The measure of each cell text right of the header's last label cell (信息内容),
    when the line names at least one measure; blank cells are merged columns (None)."""
    named = [_measure_of(text, template) for text in line]
    if not any(named):
        return None
    start = 0
    for i, (text, measure) in enumerate(zip(line, named, strict=True)):
        if measure is None and not is_value_text(text):
            start = i + 1
    return tuple(named[start:])


@functools.lru_cache(maxsize=4096)
def _measure_of(text: str, template: str) -> str | None:
    core = squeeze(text).replace("(", "").replace(")", "")
    return next((code for code, words in _MEASURE_HEADERS[template]
                 if any(w in core for w in words)), None)


def _placed_by_header(row: _Row, measures: tuple[str, ...], headers: _Headers,
                      ) -> list[Cell] | None:
    """A grid row's numbers placed under the header cells of its own table, so that a
    merged or extra column does not shift them: its cells in measure order, or None when
    the row is not a grid row under a header naming every measure."""
    # A row's cells come in line order: on its label's line when its first and last are.
    if not row.values or row.values[0].line != row.line or row.values[-1].line != row.line:
        return None
    columns = headers.columns(row.headers_above)
    if columns is None or len(columns) != len(row.values):
        return None
    if columns == measures:  # most grid rows: one cell under each of its measures, in order
        return list(row.values)
    placed: dict[str, Cell] = {}
    for measure, cell in zip(columns, row.values, strict=True):
        if measure is None or measure in placed:
            if not is_blank(cell.text):
                return None  # a number under no header of its own: not a layout we know
            continue
        placed[measure] = cell
    if not placed.keys() >= set(measures):
        return None
    return [placed[m] for m in measures]


def _fact(template: str, item: str, measure: str, cell: Cell | None, row: _Row,
          issues: list[Issue]) -> Fact:
    if cell is None:
        return new_fact(("proactive", item, measure, None, row.line, None))
    value: float | None
    try:
        if measure == "amount_10k_yuan":
            # The unit its header prints; else the 2021 template's 万元; a 2019 bare
            # number is an assumption.
            unit = row.money_unit or ("万元" if template == "2021" else None)
            parsed = parse_money(cell.text, bare_unit=unit)
            value = parsed.value
            if parsed.unit_assumed:
                issues.append(Issue("parse_unit_assumed", "warning",
                                    f"table 2, line {cell.line}: {item} amount {cell.raw!r} "
                                    f"has no unit; taken as 万元"))
        elif measure == "change":
            count = parse_change(cell.text)
            value = None if count is None else float(count)
            if OCR_SIGN.match(cell.text):
                issues.append(Issue("parse_ocr_sign", "warning",
                                    f"table 2, line {cell.line}: {item} change {cell.raw!r} "
                                    f"read as {count:+d}: 十/一 taken for the sign"))
        else:
            count = parse_count(cell.text)
            value = None if count is None else float(count)
    except CellValueError as exc:
        issues.append(Issue("parse_bad_cell", "error",
                            f"table 2, line {cell.line}: {item}/{measure}: {exc}"))
        value = None
    return new_fact(("proactive", item, measure, value, cell.line, cell.raw))
