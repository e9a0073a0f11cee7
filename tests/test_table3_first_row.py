"""Numbers printed before the first row table 3's labels name are never dropped unsaid."""

from __future__ import annotations

from test_lost_cells import parse, spaced_lines
from test_table_damage import OUTCOMES_2021, errors, numbers, report_md, values

from pipelines.parsing import parse_text


def tabbed(rows: list[list[str]]) -> str:
    return "\n".join(["三、收到和处理政府信息公开申请情况",
                      "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计",
                      *("\t".join(row) for row in rows), ""])


def test_numbers_under_a_first_label_damaged_past_matching_are_named() -> None:
    # The first label garbled by OCR, and a row further down too long for the template
    # order to place the numbers: 21, 5 and the total 26 are named, not lost unsaid.
    rows = [[label, *map(str, numbers(code))] for label, code in OUTCOMES_2021]
    rows[0][0] = "一丶木牛亲权"
    rows[5] += ["", "9"]
    report = parse_text(report_md(tabbed(rows)))
    assert values(report, "applications", "new_received") == []
    assert values(report, "applications", "carried_over") == numbers("carried_over")
    [unread] = [i for i in report.issues if i.check_name == "parse_unmatched_row"]
    assert unread.severity == "error"
    assert "numbers 21 5 0 0 0 0 26 before the first row" in unread.message


def test_blank_header_cells_before_the_first_row_are_no_numbers() -> None:
    # Word grids print the header's merged cells as blanks before the first label.
    lines = spaced_lines({})
    at = lines.index("一、本年新收政府信息公开申请数量")
    lines[at:at] = ["\xa0", "", "\xa0", ""]
    report = parse(lines)
    assert values(report, "applications", "new_received") == [21, 5, 0, 0, 0, 0, 26]
    assert errors(report) == []


def test_a_table_one_cell_per_line_is_found_without_its_first_label() -> None:
    # Its first label garbled, table 3 is found from its heading and its last row, which
    # one cell a line stand some 400 lines apart: once, a window of 80 lines lost the
    # whole table ("table 3 not found").
    lines = spaced_lines({})
    lines[lines.index("一、本年新收政府信息公开申请数量")] = "一丶木牛亲权"
    report = parse(lines)
    assert values(report, "applications", "new_received") == []
    assert values(report, "applications", "carried_over") == numbers("carried_over")
    assert values(report, "applications", "carried_forward") == numbers("carried_forward")
    [unread] = [i for i in report.issues if i.check_name == "parse_unmatched_row"]
    assert "numbers 21 5 0 0 0 0 26 before the first row" in unread.message
    assert "parse_table_missing" not in errors(report)


def test_a_first_label_broken_over_lines_is_read_whole() -> None:
    # 一、本年新 | 收政府信息公开申请数量: neither half names the row alone, and before the
    # first row no label had been read that the rest could join.
    lines = spaced_lines({})
    at = lines.index("一、本年新收政府信息公开申请数量")
    lines[at:at + 1] = ["一、本年新", "", "收政府信息公开申请数量"]
    report = parse(lines)
    assert values(report, "applications", "new_received") == [21, 5, 0, 0, 0, 0, 26]
    assert errors(report) == []
    # A head whose rest is not the next cell joins nothing: a number between them.
    tabbed_rows = [[label, *map(str, numbers(code))] for label, code in OUTCOMES_2021]
    tabbed_rows[0][0] = "收政府信息公开申请数量"
    report = parse_text(report_md(tabbed([["一、本年新", "7"], *tabbed_rows])))
    assert values(report, "applications", "new_received") == []
    assert "parse_unmatched_row" in errors(report)
