"""Table 4 cells -> review and litigation facts (proceeding x result)."""

from __future__ import annotations

import functools

from pipelines.parsing import vocabulary as vocab
from pipelines.parsing._normalize import squeeze
from pipelines.parsing._rows import fit_row, unread_facts, unsure_alignment
from pipelines.parsing._types import Cell, Fact, Issue, new_fact
from pipelines.parsing._values import (
    CellValueError,
    is_blank,
    is_value_text,
    parse_count,
    read_count,
)

_PROCEEDINGS = tuple(t.code for t in vocab.PROCEEDINGS)
_RESULTS = tuple(t.code for t in vocab.RESULTS)
_KEYS = tuple((p, r) for p in _PROCEEDINGS for r in _RESULTS)
_WIDTH = len(_KEYS)
# A label that names one proceeding, for tables printed as three labelled groups.
_PROCEEDING_WORDS = (
    ("litigation_after_reconsideration", "复议后起诉"),
    ("litigation_direct", "直接起诉"),
    ("admin_reconsideration", "行政复议"),
)


def parse_table4(cells: list[Cell]) -> tuple[list[Fact], list[Issue]]:
    runs = _value_runs(cells)
    grouped = _grouped(runs)
    if grouped is not None:
        return grouped
    filled = [(sum(1 for c in run if not is_blank(c.text)), i) for i, (_, run) in enumerate(runs)]
    if not filled or max(filled)[0] == 0:
        return [], [Issue("parse_table_missing", "error", "table 4: no numbers found")]
    best = max(filled)[0]
    _, index = max((count, i) for count, i in filled if count == best)
    run = runs[index][1]
    issues: list[Issue] = []
    fitted = fit_row(run, _WIDTH)
    if fitted.error:
        return [], [Issue("parse_row_too_long", "error", f"table 4, line {run[0].line}: "
                                                         f"{fitted.error}")]
    unsure = unsure_alignment(fitted)
    if unsure:
        return unread_facts("review_litigation", _KEYS, fitted.cells), [
            Issue("parse_row_short", "error",
                  f"table 4, line {run[0].line}: {len(run)} cells for {_WIDTH} columns; "
                  f"{unsure}: which cell is missing is unknown, its cells are left NULL")]
    if fitted.guess:
        issues.append(Issue("parse_row_aligned", "warning",
                            f"table 4, line {run[0].line}: {fitted.guess}"))
    facts = []
    order = _printed_order(cells, run[0])
    for i, cell in enumerate(fitted.cells):
        proceeding = order[i // len(_RESULTS)]
        result = _RESULTS[i % len(_RESULTS)]
        facts.append(_fact(proceeding, result, cell, run[0].line, issues))
    return facts, issues


def _printed_order(cells: list[Cell], first_value: Cell) -> tuple[str, ...]:
    """The proceedings in the order the header above the numbers prints them: the
    template's, unless 复议后起诉 stands before 未经复议直接起诉."""
    seen: dict[str, tuple[int, int]] = {}
    for index, cell in enumerate(cells):
        if cell is first_value:
            break
        if "诉" not in cell.text:  # most cells: numbers and result headers
            continue
        words = squeeze(cell.text)
        for code, word in _PROCEEDING_WORDS[:2]:
            if word in words:  # PDF text may print both in one cell: where in it counts
                seen.setdefault(code, (index, words.index(word)))
    if len(seen) == 2 and seen["litigation_after_reconsideration"] < seen["litigation_direct"]:
        return ("admin_reconsideration", "litigation_after_reconsideration",
                "litigation_direct")
    return _PROCEEDINGS


def _value_runs(cells: list[Cell]) -> list[tuple[Cell | None, list[Cell]]]:
    """Maximal runs of value cells, each with the label that precedes it: the last text
    cell before the run that names a proceeding (a heading above a small table, with the
    table's own result headers between them), else the last text cell."""
    runs: list[tuple[Cell | None, list[Cell]]] = []
    label: Cell | None = None
    named = False
    current: list[Cell] = []
    for cell in cells:
        if is_value_text(cell.text):
            current.append(cell)
            continue
        if current:
            runs.append((label, current))
            current = []
            named = False
        names = _proceeding(cell.text) is not None
        if not named or names:
            label = cell
            named = names
    if current:
        runs.append((label, current))
    return runs


# Every text cell of the table asks, and the same headings recur across reports.
@functools.lru_cache(maxsize=4096)
def _proceeding(text: str) -> str | None:
    words = squeeze(text)
    return next((code for code, word in _PROCEEDING_WORDS if word in words), None)


def _grouped(runs: list[tuple[Cell | None, list[Cell]]]) -> tuple[list[Fact], list[Issue]] | None:
    """Three runs of five, each after a label naming its proceeding; and any other run of
    five, a subtotal of some of them (行政诉讼合计), when it is their sum."""
    found: dict[str, list[Cell]] = {}
    others: list[list[Cell]] = []
    for label, run in runs:
        if label is None or not any(not is_blank(c.text) for c in run):
            continue
        code = _proceeding(label.text)
        if len(run) > len(_RESULTS) + 2:
            return None
        if code is None:
            others.append(run)
        else:
            found[code] = run
    if len(found) != len(_PROCEEDINGS):
        return None
    subtotals = [_subtotal(run, found) for run in others]
    if None in subtotals:
        return None
    facts: list[Fact] = []
    issues: list[Issue] = []
    for proceeding in _PROCEEDINGS:
        run = found[proceeding]
        fitted = fit_row(run, len(_RESULTS))
        if fitted.error:
            return None
        unsure = unsure_alignment(fitted)
        if unsure:
            issues.append(Issue("parse_row_short", "error",
                                f"table 4, line {run[0].line}: {proceeding}: {len(run)} cells "
                                f"for {len(_RESULTS)} columns; {unsure}: which cell is "
                                f"missing is unknown, its cells are left NULL"))
            facts += unread_facts("review_litigation",
                                  [(proceeding, r) for r in _RESULTS], fitted.cells)
            continue
        if fitted.guess:
            issues.append(Issue("parse_row_aligned", "warning",
                                f"table 4, line {run[0].line}: {proceeding}: {fitted.guess}"))
        for result, cell in zip(_RESULTS, fitted.cells, strict=True):
            facts.append(_fact(proceeding, result, cell, run[0].line, issues))
    return facts, issues + [issue for issue in subtotals if issue is not None]


# The proceedings a subtotal of table 4 may add up: litigation, or all three.
_SUBTOTALS = (("litigation_direct", "litigation_after_reconsideration"), _PROCEEDINGS)


def _subtotal(run: list[Cell], found: dict[str, list[Cell]]) -> Issue | None:
    """A run of five under no proceeding's heading that prints the sums of some of the
    three (a 合计 table after them): a warning, not stored; None when it is no such sum."""
    def counts(cells: list[Cell]) -> list[int | None] | None:
        try:
            values = [parse_count(c.text) for c in cells]
        except CellValueError:
            return None
        return values if len(values) == len(_RESULTS) else None

    printed = counts(run)
    if printed is None or None in printed:
        return None
    for proceedings in _SUBTOTALS:
        parts = [counts(found[p]) for p in proceedings]
        if all(part is not None and None not in part for part in parts) and printed == [
                sum(column) for column in zip(*parts, strict=True)]:  # type: ignore[arg-type]
            return Issue("parse_group_subtotal", "warning",
                         f"table 4, line {run[0].line}: numbers "
                         f"{' '.join(c.text for c in run)} are the sums of "
                         f"{' + '.join(proceedings)}: not stored")
    return None


def _fact(proceeding: str, result: str, cell: Cell | None, line: int,
          issues: list[Issue]) -> Fact:
    if cell is None:
        return new_fact(("review_litigation", proceeding, result, None, line, None))
    value = read_count(cell, 4, proceeding, result, issues)
    return new_fact(("review_litigation", proceeding, result, value, cell.line, cell.raw))
