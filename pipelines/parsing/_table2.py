"""Table 2 cells -> proactive-disclosure facts (item x measure), and the template."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.parsing import vocabulary as vocab
from pipelines.parsing._labels import match_item
from pipelines.parsing._normalize import squeeze
from pipelines.parsing._rows import fit_row
from pipelines.parsing._types import Cell, Fact, Issue, new_fact
from pipelines.parsing._values import CellValueError, is_value_text, parse_count, parse_money

# Header words that only one template prints (SPEC §1), compared on squeezed text.
_SIGNATURES = {
    "2019": ("新制作数量", "新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
             "采购项目数量", "采购总金额", "其他对外管理服务事项"),
    "2021": ("制发件数", "废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
}


@dataclass(slots=True)
class _Row:
    item: str
    line: int
    values: list[Cell] = field(default_factory=list)


def detect_template(cells: list[Cell]) -> str | None:
    # Squeezed once joined: squeezing only deletes, so it is the join of squeezed cells.
    text = squeeze("".join(c.text for c in cells if not is_value_text(c.text)))
    scores = {t: sum(1 for word in words if word in text) for t, words in _SIGNATURES.items()}
    best = max(scores, key=lambda t: scores[t])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return None
    return best


def parse_table2(cells: list[Cell], template: str) -> tuple[list[Fact], list[Issue]]:
    rows: dict[str, _Row] = {}
    issues: list[Issue] = []
    current: _Row | None = None
    for cell in cells:
        if is_value_text(cell.text):
            if current is not None:
                current.values.append(cell)
            continue
        item = match_item(cell.text)
        if item is None:
            current = None  # headers between items end the row
        elif item in rows:
            issues.append(Issue("parse_duplicate_row", "error",
                                f"table 2, line {cell.line}: item {item} printed again"))
            current = None
        else:
            current = rows[item] = _Row(item, cell.line)

    facts: list[Fact] = []
    for item, measures in vocab.measures_by_item(template).items():
        row = rows.get(item)
        if row is None:
            issues.append(Issue("parse_row_missing", "error", f"table 2: item {item} not found"))
            continue
        fitted = fit_row(row.values, len(measures))
        if fitted.error:
            issues.append(Issue("parse_row_too_long", "error",
                                f"table 2, line {row.line}: item {item}: {fitted.error}"))
            continue
        if fitted.guess:
            issues.append(Issue("parse_row_aligned", "warning",
                                f"table 2, line {row.line}: item {item}: {fitted.guess}"))
        for measure, cell in zip(measures, fitted.cells, strict=True):
            facts.append(_fact(template, item, measure, cell, row.line, issues))
    for item in rows.keys() - vocab.measures_by_item(template).keys():
        issues.append(Issue("parse_unexpected_item", "warning",
                            f"table 2, line {rows[item].line}: item {item} is not in the "
                            f"{template} template"))
    return facts, issues


def _fact(template: str, item: str, measure: str, cell: Cell | None, line: int,
          issues: list[Issue]) -> Fact:
    if cell is None:
        return new_fact(("proactive", item, measure, None, line, None))
    value: float | None
    try:
        if measure == "amount_10k_yuan":
            # The 2021 header states 万元; a 2019 bare number is an assumption.
            parsed = parse_money(cell.text, bare_unit_is_10k=template == "2021")
            value = parsed.value
            if parsed.unit_assumed:
                issues.append(Issue("parse_unit_assumed", "warning",
                                    f"table 2, line {cell.line}: {item} amount {cell.raw!r} "
                                    f"has no unit; taken as 万元"))
        else:
            count = parse_count(cell.text)
            value = None if count is None else float(count)
    except CellValueError as exc:
        issues.append(Issue("parse_bad_cell", "error",
                            f"table 2, line {cell.line}: {item}/{measure}: {exc}"))
        value = None
    return new_fact(("proactive", item, measure, value, cell.line, cell.raw))
