"""Tables printed one cell per line, with an empty line after every cell and blanks as
no-break spaces: a lost or moved line must never move a number into another column of a
report that stays valid (hand-made tables, hand-computed values)."""

from __future__ import annotations

from test_table_damage import OUTCOMES_2021, REVIEW, errors, numbers, report_md, values

from pipelines.parsing import parse_text
from pipelines.parsing._lost_cells import fill_lost_cells
from pipelines.parsing._normalize import normalize
from pipelines.parsing._types import Cell

NBSP = "\xa0"
HEADER = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
          "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织",
          "法律服务机构", "其他"]


def spaced_lines(rows: dict[str, list[object]]) -> list[str]:
    """Table 3 one cell a line, an empty line after each; None prints as a no-break space."""
    lines = ["三、收到和处理政府信息公开申请情况", ""]
    for text in HEADER:
        lines += [text, ""]
    for label, code in OUTCOMES_2021:
        lines += [label, ""]
        for value in rows.get(code, numbers(code)):
            lines += [NBSP if value is None else f"{NBSP}{value}", ""]
    return lines


def lose(lines: list[str], label: str, cell: int) -> list[str]:
    """The lines without the `cell`-th cell line (0-based) after `label`; its empty line
    stays, as when a converter drops a paragraph."""
    at = lines.index(label) + 2 + 2 * cell
    return lines[:at] + lines[at + 1:]


def parse(table3: list[str]):  # noqa: ANN201 - ParsedReport
    return parse_text(report_md("\n".join(table3) + "\n"))


def test_lost_blank_line_is_read_as_the_blank_it_was() -> None:
    # One 其他 request by a person, the rest of the row blank; the fourth cell's line is
    # lost. Counted from the label, the total would be the only cell left blank.
    row = [1, None, None, None, None, None, None]
    lines = lose(spaced_lines({"other_misc": row}), "3.其他", 3)
    report = parse(lines)
    assert values(report, "applications", "other_misc") == row
    lost = [i for i in report.issues if i.check_name == "parse_cell_lost"]
    assert [i.severity for i in lost] == ["warning"]
    assert errors(report) == []


def test_lost_line_before_a_number_flags_the_row_and_names_the_number() -> None:
    # 4 persons carried forward, blanks, total 4, and a blank printed after the table:
    # without the lost line the row still had seven cells, and stored 其他 = 4, total NULL.
    row = [4, None, None, None, None, None, 4]
    lines = spaced_lines({"carried_forward": row}) + [NBSP, ""]
    lines = lose(lines, "四、结转下年度继续办理", 2)
    report = parse(lines)
    assert values(report, "applications", "carried_forward") == row
    [lost] = [i for i in report.issues if i.check_name == "parse_cell_lost"]
    text = report_md("\n".join(lines) + "\n").split("\n")
    label = text.index("四、结转下年度继续办理")
    total_line = label + 1 + text[label:].index(f"{NBSP}4", 4)  # 1-based
    assert lost.severity == "error"
    assert "carried_forward" in lost.message and f"line {total_line})" in lost.message


def test_number_line_printed_twice_is_an_error() -> None:
    lines = spaced_lines({})
    at = lines.index("1.本机关不掌握相关政府信息") + 2
    assert lines[at] == f"{NBSP}5"
    lines.insert(at + 1, f"{NBSP}5")
    report = parse(lines)
    assert "parse_cell_crowded" in errors(report)


def test_rows_parted_by_empty_lines_lose_no_cell_between_them() -> None:
    # Seeds 001/002: a row's cells on adjacent lines, an empty line after each row. Two
    # empty lines between rows are no lost cell.
    norm_lines = ["标签一", "1", "2", "", "", "标签二", "3", "4", "", "标签三", "5", "6",
                  "", "标签四", "7", "8"]
    lines = normalize("\n".join(norm_lines))
    cells = [Cell(text, text, n) for n, text in enumerate(norm_lines, 1) if text]
    spaced = fill_lost_cells(lines, 0, len(norm_lines), cells)
    assert spaced.cells == cells and spaced.lost == [] and spaced.crowded == []


def test_blank_after_the_table_does_not_fill_a_lost_total() -> None:
    # Table 4's fifteen cells on adjacent lines, then two empty lines and a blank line of
    # page whitespace. With one number lost, that blank filled the last column and the
    # total of 复议后起诉 was stored as NULL with no word.
    cells = [n for code in REVIEW for n in REVIEW[code]]
    del cells[3]  # the pending reconsiderations
    table4 = "\n".join(["## 四、政府信息公开行政复议、行政诉讼情况", "", "行政复议", "行政诉讼",
                        *(f"\t{n}" for n in cells), "", "", NBSP, ""])
    report = parse_text(report_md(table4=table4))
    assert values(report, "review_litigation", "litigation_after_reconsideration") == [None] * 5
    assert "parse_row_short" in errors(report)


def test_row_short_of_two_cells_with_numbers_is_an_error_not_a_guess() -> None:
    # A blank-printing layout loses one merged label cell at a row's start, never two:
    # aligned right, the 1 of 未经复议直接起诉's total would be read as its pending count.
    cells = [1, 0, 0, 1, 2, "", "", "", "", 1, "", "", "", "", ""]
    del cells[6:8]
    table4 = "\n".join(["## 四、政府信息公开行政复议、行政诉讼情况", "", "| 行政复议 | 行政诉讼 |",
                        "|---|---|", "| " + " | ".join(map(str, cells)) + " |", ""])
    report = parse_text(report_md(table4=table4))
    assert values(report, "review_litigation", "litigation_direct") == [None] * 5
    assert "parse_row_short" in errors(report)


def test_blank_row_under_the_rest_of_a_wrapped_label_is_not_silently_null() -> None:
    # The line holding a label's head and its numbers is lost; what stays is the rest of
    # the label, with the blank cells Word pads a continuation line with.
    rows = []
    for label, code in OUTCOMES_2021:
        if code == "rejected_confirmation":
            rows.append("\t".join(["", "具已获取信息", *[""] * 7]))
            continue
        rows.append("\t".join(["", label, *map(str, numbers(code))]))
    report = parse_text(report_md("\n".join(["三、收到和处理政府信息公开申请情况", *rows, ""])))
    assert values(report, "applications", "rejected_confirmation") == [None] * 7
    assert any(i.check_name == "parse_label_by_position" and "具已获取信息" in i.message
               for i in report.issues)
