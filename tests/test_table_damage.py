"""Kinds of table damage seen in real downloads, each on a small hand-made report with
hand-computed values: the kind is what is tested, never a particular file."""

from __future__ import annotations

import pytest

from pipelines.parsing import ParsedReport, parse_bytes, parse_text

OUTCOMES_2021 = [
    ("一、本年新收政府信息公开申请数量", "new_received"),
    ("二、上年结转政府信息公开申请数量", "carried_over"),
    ("（一）予以公开", "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partly_granted"),
    ("1.属于国家秘密", "denied_state_secret"),
    ("2.其他法律行政法规禁止公开", "denied_prohibited_by_law"),
    ("3.危及“三安全一稳定”", "denied_security_stability"),
    ("4.保护第三方合法权益", "denied_third_party"),
    ("5.属于三类内部事务信息", "denied_internal_affairs"),
    ("6.属于四类过程性信息", "denied_process_info"),
    ("7.属于行政执法案卷", "denied_enforcement_file"),
    ("8.属于行政查询事项", "denied_admin_query"),
    ("1.本机关不掌握相关政府信息", "unable_not_held"),
    ("2.没有现成信息需要另行制作", "unable_needs_creation"),
    ("3.补正后申请内容仍不明确", "unable_unclear"),
    ("1.信访举报投诉类申请", "rejected_petition"),
    ("2.重复申请", "rejected_duplicate"),
    ("3.要求提供公开出版物", "rejected_publication"),
    ("4.无正当理由大量反复申请", "rejected_excessive"),
    ("5.要求行政机关确认或重新出具已获取信息", "rejected_confirmation"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     "other_unpaid_fee"),
    ("3.其他", "other_misc"),
    ("（七）总计", "total_processed"),
    ("四、结转下年度继续办理", "carried_forward"),
]
# Consistent: 21 new + 3 carried = 20 processed + 4 carried forward (natural persons);
# 5 new companies all granted. Processed: 9 + 2 + 1 + 5 + 2 + 1 = 20 persons.
NUMBERS = {
    "new_received": [21, 5, 0, 0, 0, 0, 26],
    "carried_over": [3, 0, 0, 0, 0, 0, 3],
    "granted": [9, 5, 0, 0, 0, 0, 14],
    "partly_granted": [2, 0, 0, 0, 0, 0, 2],
    "denied_third_party": [1, 0, 0, 0, 0, 0, 1],
    "unable_not_held": [5, 0, 0, 0, 0, 0, 5],
    "rejected_duplicate": [2, 0, 0, 0, 0, 0, 2],
    "other_misc": [1, 0, 0, 0, 0, 0, 1],
    "total_processed": [20, 5, 0, 0, 0, 0, 25],
    "carried_forward": [4, 0, 0, 0, 0, 0, 4],
}
REVIEW = {"admin_reconsideration": [3, 1, 0, 2, 6],
          "litigation_direct": [0, 0, 1, 1, 2],
          "litigation_after_reconsideration": [1, 0, 0, 0, 1]}

TABLE2_MD = """## 二、主动公开政府信息情况

### 第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 2 |
| 行政规范性文件 | 4 | 1 | 37 |

### 第二十条第（五）项
| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政许可 | 880 |

### 第二十条第（六）项
| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政处罚 | 41 |
| 行政强制 | 6 |

### 第二十条第（八）项
| 信息内容 | 本年收费金额（单位：万元） |
|---|---|
| 行政事业性收费 | 12.5 |
"""


def numbers(code: str) -> list[int]:
    return NUMBERS.get(code, [0] * 7)


def pipe(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def table3_md(rows: list[str] | None = None) -> str:
    if rows is None:
        rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    return "\n".join([
        "## 三、收到和处理政府信息公开申请情况", "",
        pipe("本列数据的勾稽关系", "自然人", "商业企业", "科研机构", "社会公益组织",
             "法律服务机构", "其他", "总计"),
        "|---|---|---|---|---|---|---|---|",
        *rows, ""])


def table4_md() -> str:
    cells = [n for code in REVIEW for n in REVIEW[code]]
    return "\n".join([
        "## 四、政府信息公开行政复议、行政诉讼情况", "",
        "| 行政复议 | 行政诉讼 |", "|---|---|",
        pipe(*cells), ""])


def report_md(table3: str | None = None, table4: str | None = None) -> str:
    return "\n".join([
        "# 古田县水利局2024年政府信息公开工作年度报告", "",
        "## 一、总体情况", "本年度依法做好公开工作。", "",
        TABLE2_MD,
        table3 if table3 is not None else table3_md(),
        table4 if table4 is not None else table4_md(),
        "## 五、存在的主要问题及改进情况", "无。", ""])


def values(report: ParsedReport, table: str, row: str) -> list:
    return [f.value for f in report.facts if f.table == table and f.row == row]


def errors(report: ParsedReport) -> list[str]:
    return [i.check_name for i in report.issues if i.severity == "error"]


def test_clean_markdown_report_reads_every_cell() -> None:
    report = parse_text(report_md())
    assert report.template == "2021"
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code), code
    for code, expected in REVIEW.items():
        assert values(report, "review_litigation", code) == expected
    assert report.issues == []


def test_invented_header_row_inside_table3_names_no_row() -> None:
    # OCR invents a header whose words (本年新收, 予以公开, 结转下年度, 总计) are row labels,
    # and prints each group under a heading that repeats its first row's label.
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    rows.insert(0, "### 一、本年新收政府信息公开申请数量")
    rows.insert(1, pipe("类别", "数据1", "数据2", "数据3", "数据4", "数据5", "数据6", "总计"))
    rows.insert(23, pipe("项目", "本年新收件数", "予以公开", "部分公开", "结转下年度", "总计"))
    report = parse_text(report_md(table3_md(rows)))
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code), code
    assert errors(report) == []


def test_table4_as_three_small_tables_each_placed_by_its_heading() -> None:
    header = pipe("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    parts = ["## 四、政府信息公开行政复议、行政诉讼情况", ""]
    # Printed in another order than the template's: the heading, not the order, decides.
    for heading, code in (("### 行政诉讼（复议后起诉）", "litigation_after_reconsideration"),
                          ("### 行政复议", "admin_reconsideration"),
                          ("### 行政诉讼（未经复议直接起诉）", "litigation_direct")):
        parts += [heading, header, "|---|---|---|---|---|", pipe(*REVIEW[code]), ""]
    report = parse_text(report_md(table4="\n".join(parts)))
    for code, expected in REVIEW.items():
        assert values(report, "review_litigation", code) == expected, code
    assert errors(report) == []
    assert not [i for i in report.issues if i.check_name == "parse_row_aligned"]


def test_table2_without_article_rows_is_found_and_tells_the_template() -> None:
    # An excerpt prints only the first block of table 2, with no 第二十条 row above it.
    excerpt = "\n".join(line for line in TABLE2_MD.split("\n")[:7] if "第二十条" not in line)
    report = parse_text(report_md().replace(TABLE2_MD, excerpt + "\n"))
    assert report.template == "2021"
    assert values(report, "proactive", "regulations") == [0, 0, 2]
    assert values(report, "proactive", "normative_documents") == [4, 1, 37]
    missing = sorted(i.message for i in report.issues if i.check_name == "parse_row_missing")
    assert missing == [f"table 2: item {item} not found"
                       for item in ("enforcement", "fees", "licensing", "penalty")]


def tr(*cells: str) -> str:
    return "<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells) + "</tr>"


def rows_2019() -> list[tuple[str, list[int]]]:
    """Table 3 rows of the 2019 template: the single （六）其他处理 row takes the numbers
    the split rows hold in 2021."""
    rows = [(label, numbers(code)) for label, code in OUTCOMES_2021
            if not code.startswith("other_")]
    rows.insert(-2, ("（六）其他处理", numbers("other_misc")))
    return rows


def html_2019_report() -> bytes:
    """A 2019 table 2 exported from a word processor: each block under its own 第二十条
    row, one header cell spanning two columns, so every item row has a blank cell more
    than it has measures; the procurement amount is in 元, said only by its header."""
    blank = "<td></td>"
    wide = '<td colspan="2">{}</td>'
    rows = [
        tr('<td colspan="5">第二十条第（一）项</td>'),
        tr("信息内容", "本年新制作数量", wide.format("本年新公开数量"), "对外公开总数量"),
        tr("规章", "1", "1", blank, "4"),
        tr("规范性文件", "2", "2", blank, "31"),
        tr('<td colspan="5">第二十条第（五）项</td>'),
        tr("信息内容", "上一年项目数量", wide.format("本年增/减"), "处理决定数量"),
        tr("行政许可", "57", "增加3", blank, "1.2万件"),
        tr("其他对外管理服务事项", "4", "－1", blank, "9"),
        tr("行政处罚", "12", "减少2", blank, "77"),
        tr("行政强制", "0", "0", blank, "0"),
        tr('<td colspan="5">第二十条第（八）项</td>'),
        tr("信息内容", "上一年项目数量", wide.format("本年增/减"), blank),
        tr("行政事业性收费", "3", "+1", blank, blank),
        tr('<td colspan="5">第二十条第（九）项</td>'),
        tr("信息内容", "采购项目数量", blank, "采购总金额（元）", blank),
        tr("政府集中采购", "5", blank, "265000", blank),
    ]
    table3 = [tr("", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
                 "总计")]
    table3 += [tr(label, *map(str, cells)) for label, cells in rows_2019()]
    table4 = [tr('<td colspan="5">行政复议</td>', '<td colspan="10">行政诉讼</td>'),
              tr(*[str(n) for code in REVIEW for n in REVIEW[code]])]
    return "".join([
        "<html><head><meta charset='utf-8'></head><body>",
        "<p>靖安县文化和旅游局2019年政府信息公开工作年度报告</p>",
        "<p>一、总体情况</p><p>本年度依法做好公开工作。</p>",
        "<p>二、主动公开政府信息情况</p><table>", *rows, "</table>",
        "<p>三、收到和处理政府信息公开申请情况</p><table>", *table3, "</table>",
        "<p>四、政府信息公开行政复议、行政诉讼情况</p><table>", *table4, "</table>",
        "<p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>"]).encode()


def test_html_table2_placed_by_its_own_headers_with_signed_changes_and_units() -> None:
    report = parse_bytes(html_2019_report(), "baishi.html")
    assert report.template == "2019"
    assert values(report, "proactive", "regulations") == [1, 1, 4]
    assert values(report, "proactive", "normative_documents") == [2, 2, 31]
    assert values(report, "proactive", "licensing") == [57, 3, 12000]
    assert values(report, "proactive", "other_services") == [4, -1, 9]
    assert values(report, "proactive", "penalty") == [12, -2, 77]
    assert values(report, "proactive", "enforcement") == [0, 0, 0]
    assert values(report, "proactive", "fees") == [3, 1]
    # 265000 元 under a header in 元 is 26.5 万元, and no unit was assumed.
    assert values(report, "proactive", "procurement") == [5, 26.5]
    assert values(report, "applications", "other") == numbers("other_misc")
    assert report.issues == []


def test_fee_amount_in_yuan_by_its_header_is_stored_in_10k_yuan() -> None:
    text = report_md().replace("本年收费金额（单位：万元） |", "本年收费金额（单位：元） |")
    report = parse_text(text.replace("| 行政事业性收费 | 12.5 |", "| 行政事业性收费 | 125000 |"))
    assert values(report, "proactive", "fees") == [12.5]
    assert report.issues == []


def test_pdf_text_signed_change_keeps_its_sign_and_the_prior_count() -> None:
    from pipelines.parsing._cells import region_cells
    from pipelines.parsing._normalize import normalize
    from pipelines.parsing._table2 import parse_table2

    lines = normalize("\n".join([
        "信息内容 上一年项目数量 本年增/减 处理决定数量",
        "行政许可 57 增 3 140",
        "其他对外管理服务事项 4 减少 1 9",
        "行政处罚 12 减 2 77",
        "行政强制 6 增加 4 0",
    ]))
    facts, _ = parse_table2(region_cells(lines, 0, len(lines.norm)), "2019")
    got = {(f.row, f.col): (f.value, f.raw_text) for f in facts}
    assert got[("licensing", "prior_items")] == (57, "57")
    assert got[("licensing", "change")] == (3, "增 3")
    assert got[("other_services", "change")] == (-1, "减少 1")
    assert got[("penalty", "change")] == (-2, "减 2")
    assert got[("enforcement", "change")] == (4, "增加 4")
    assert got[("enforcement", "decisions")] == (0, "0")


def test_pdf_text_change_with_a_unit_or_read_by_ocr_keeps_its_sign() -> None:
    from pipelines.parsing._cells import region_cells
    from pipelines.parsing._normalize import normalize
    from pipelines.parsing._table2 import parse_table2

    lines = normalize("\n".join([
        "信息内容 上一年项目数量 本年增/减 处理决定数量",
        "行政许可 31 增 5 项 260",
        "其他对外管理服务事项 8 新增2项 14",
        "行政处罚 19 十3 51",  # OCR: +3
        "行政强制 7 一4 2",  # OCR: -4
    ]))
    facts, issues = parse_table2(region_cells(lines, 0, len(lines.norm)), "2019")
    got = {(f.row, f.col): (f.value, f.raw_text) for f in facts}
    assert got[("licensing", "prior_items")] == (31, "31")
    assert got[("licensing", "change")] == (5, "增 5 项")
    assert got[("licensing", "decisions")] == (260, "260")
    assert got[("other_services", "change")] == (2, "新增2项")
    assert got[("penalty", "change")] == (3, "十3")
    assert got[("enforcement", "change")] == (-4, "一4")
    assert got[("enforcement", "decisions")] == (2, "2")
    # The other items are not in this excerpt of the table.
    assert [i.check_name for i in issues if i.check_name != "parse_row_missing"] == [
        "parse_ocr_sign", "parse_ocr_sign"]


def torn_markdown_table3() -> str:
    """Table 3 as a PDF-to-markdown tool prints it: a group cell in front of a label, the
    numbers of a row as a pipe row of their own under `---`, wrapped labels moved away
    from their numbers, and the total of the last row on a line of its own."""
    rows = dict((code, label) for label, code in OUTCOMES_2021)
    lines = []
    for k, (label, code) in enumerate(OUTCOMES_2021):
        cells = numbers(code)
        if code == "carried_forward":
            lines += ["4", pipe(label, *cells[:-1], "")]
        elif code == "granted":
            lines.append(pipe("三、", label, *cells))
        elif k % 3 == 1 and 3 < k < 22:
            # The label went elsewhere as wrapped text; its numbers stand alone.
            lines += ["", rows[code][:5], rows[code][5:], pipe(*cells), "|---|---|---|"]
        else:
            lines += [pipe(label, *cells), "|---|---|---|---|---|---|---|---|"]
    return table3_md(lines)


def test_torn_markdown_table3_is_read_by_template_order() -> None:
    report = parse_text(report_md(torn_markdown_table3()))
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code), code
    assert errors(report) == []
    guesses = [i for i in report.issues if i.severity == "warning"]
    assert {i.check_name for i in guesses} == {"parse_label_by_position",
                                               "parse_cell_displaced"}
    displaced = next(i for i in guesses if i.check_name == "parse_cell_displaced")
    assert "carried_forward/total" in displaced.message
    total = next(f for f in report.facts
                 if (f.row, f.col) == ("carried_forward", "total"))
    assert total.raw_text == "4"


def test_torn_table3_with_a_label_naming_another_row_is_not_forced() -> None:
    # One labelled line moved out of order: the order no longer agrees with the words,
    # so nothing is placed by order and the table stays an error.
    text = torn_markdown_table3().replace("| 3.危及“三安全一稳定” |", "| 1.信访举报投诉类申请 |")
    report = parse_text(report_md(text))
    assert not [i for i in report.issues if "template order" in i.message]
    assert "parse_duplicate_row" in errors(report)


def test_pdf_table4_whose_blank_cell_vanished_is_an_error_not_a_shift() -> None:
    # Printed in PDF text with 结果纠正 of the reconsiderations blank: the blank left no
    # trace, and aligned right every number before it would move one column.
    table4 = "\n".join([
        "## 四、政府信息公开行政复议、行政诉讼情况", "",
        "行政复议 行政诉讼",
        "4 0 1 5 0 0 1 1 2 1 0 0 0 1", ""])
    report = parse_text(report_md(table4=table4))
    facts = [f for f in report.facts if f.table == "review_litigation"]
    assert [f.value for f in facts] == [None] * 14
    assert [f.raw_text for f in facts][:4] == ["4", "0", "1", "5"]
    assert errors(report) == ["parse_row_short"]


def test_pdf_table3_row_whose_blank_cell_vanished_is_an_error() -> None:
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    rows[2] = "（一）予以公开 9 5 0 0 0 14"  # the blank 科研机构 cell left no trace
    report = parse_text(report_md(table3_md(rows)))
    assert values(report, "applications", "granted") == [None] * 6
    assert errors(report) == ["parse_row_short"]
    assert values(report, "applications", "partly_granted") == numbers("partly_granted")


def test_table3_without_its_total_column_is_placed_by_its_header() -> None:
    rows = [pipe(label, *numbers(code)[:6]) for label, code in OUTCOMES_2021]
    text = table3_md(rows).replace(" | 其他 | 总计 |", " | 其他 |")
    report = parse_text(report_md(text))
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code)[:6], code
    assert not [f for f in report.facts if f.table == "applications" and f.col == "total"]
    assert errors(report) == ["parse_column_missing"]


def test_table3_rows_that_lost_their_label_keep_their_label_cells_empty() -> None:
    # A converter drops two labels but keeps their (now empty) label cells: the rows are
    # wider than their numbers, and only their place in the template names them.
    rows = [pipe("", label, *numbers(code)) for label, code in OUTCOMES_2021]
    lost = [k for k, (_, code) in enumerate(OUTCOMES_2021)
            if code in ("partly_granted", "unable_not_held")]
    for k in lost:
        rows[k] = pipe("", "", *numbers(OUTCOMES_2021[k][1]))
    report = parse_text(report_md(table3_md(rows)))
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code), code
    assert values(report, "applications", "unable_not_held") == [5, 0, 0, 0, 0, 0, 5]
    assert errors(report) == []
    guesses = [i.message for i in report.issues if i.check_name == "parse_label_by_position"]
    assert len(guesses) == 2
    assert "partly_granted" in guesses[0] and "unable_not_held" in guesses[1]


def test_table3_first_label_wrapped_below_its_numbers_is_not_an_empty_row() -> None:
    # The converter kept only the label's first words beside the numbers and printed the
    # rest on a pipe row of its own, which alone names the row: read as the row, it had
    # no cell at all, and seven NULLs passed for the numbers one line above.
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    rows[0:1] = [pipe("一、本年", *numbers("new_received")), pipe("新收政府信息公开申请数量")]
    report = parse_text(report_md(table3_md(rows)))
    assert values(report, "applications", "new_received") == [21, 5, 0, 0, 0, 0, 26]
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code), code
    assert errors(report) == []
    # Placed by the template order, which its words alone do not confirm: a warning.
    warnings = [i.message for i in report.issues if i.severity == "warning"]
    assert len(warnings) == 1 and "'一、本年' taken as new_received" in warnings[0]


def test_table3_label_wrapped_before_its_numbers_whose_rest_resembles_another_row() -> None:
    # 4.无正当理由大量 | 反复申请 + numbers: the rest alone looks like 重复申请 (row 2),
    # and the head, left without numbers, was missing; whole, the label names row 4.
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    codes = [code for _, code in OUTCOMES_2021]
    # A numbered label after a label-only group row is a row of its own, not a rest.
    at = codes.index("other_no_correction")
    rows[at:at + 1] = [pipe("（六）其他处理"), pipe("1.申请人无", *numbers("other_no_correction")),
                       pipe("正当理由逾期不补正、行政机关不再处理其申请")]
    at = codes.index("rejected_excessive")
    nums = [3, 0, 0, 0, 0, 0, 3]
    rows[at:at + 1] = [pipe("4.无正当理由大量"), pipe("反复申请", *nums)]
    report = parse_text(report_md(table3_md(rows)))
    assert values(report, "applications", "rejected_excessive") == nums
    assert values(report, "applications", "rejected_duplicate") == numbers("rejected_duplicate")
    assert values(report, "applications", "other_no_correction") == [0] * 7
    assert errors(report) == [] and not values(report, "applications", "other")


def test_table3_by_order_takes_a_group_cell_and_a_wrapped_head_as_the_heads_row() -> None:
    # （二） | 部分公开… below its numbers names no row, so the order places the lines;
    # （六）其他处理 | 1.申请 then reads, whole, as the group's own row 其他处理 and had
    # the order refused.
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    codes = [code for _, code in OUTCOMES_2021]
    at = codes.index("other_no_correction")
    rows[at:at + 1] = [pipe("（六）其他处理", "1.申请", *numbers("other_no_correction")),
                       pipe("", "人无正当理由逾期不补正、行政机关不再处理其申请")]
    at = codes.index("partly_granted")
    rows[at:at + 1] = [pipe("（二）", *numbers("partly_granted")),
                       pipe("部分公开（区分处理的，只计这一情形，不计其他情形）")]
    report = parse_text(report_md(table3_md(rows)))
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code), code
    assert errors(report) == []
    placed = [i.message for i in report.issues if i.check_name == "parse_label_by_position"]
    assert any("'(二)' taken as partly_granted" in m for m in placed)


def test_table3_by_order_ignores_a_wrapped_rest_that_only_resembles_another_row() -> None:
    # Placed by order (（一） below its numbers names no row), 反复申请, the rest of
    # row 4's label, resembles 重复申请 without naming it: no reason to refuse the order.
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    codes = [code for _, code in OUTCOMES_2021]
    at = codes.index("rejected_excessive")
    nums = [3, 0, 0, 0, 0, 0, 3]
    rows[at:at + 1] = [pipe("4.无正当理由大量"), pipe("反复申请", *nums)]
    at = codes.index("granted")
    rows[at:at + 1] = [pipe("三、本年度办理结果", "（一）", *numbers("granted")), pipe("予以公开")]
    report = parse_text(report_md(table3_md(rows)))
    assert values(report, "applications", "rejected_excessive") == nums
    for _, code in OUTCOMES_2021:
        if code != "rejected_excessive":
            assert values(report, "applications", code) == numbers(code), code
    assert errors(report) == []


def test_table3_found_under_its_heading_when_its_first_label_is_broken() -> None:
    # 一、本年新 | 收政府信息公开申请数量: no line names 本年新收 any more.
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    rows[0:1] = [pipe("一、本年新"), pipe("收政府信息公开申请数量", *numbers("new_received"))]
    report = parse_text(report_md(table3_md(rows)))
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code), code
    assert errors(report) == []


def test_table3_without_its_total_column_keeps_blank_cells_at_both_ends_of_its_rows() -> None:
    # Exported from Word: the merged label column leaves an empty cell before the numbers
    # and the grid keeps the width of its widest header row, an empty cell after them.
    # Seven cells for seven columns would put every number one column right.
    rows = ["\t".join([label, "", *map(str, numbers(code)[:6]), ""])
            for label, code in OUTCOMES_2021]
    text = "\n".join([
        "三、收到和处理政府信息公开申请情况",
        "\t".join(["（本列数据的勾稽关系）", "", "申请人情况", "", "", "", "", "", ""]),
        "\t".join(["", "", "自然人", "法人或其他组织", "", "", "", "", ""]),
        "\t".join(["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
                   ""]),
        *rows, ""])
    report = parse_text(report_md(text))
    for _, code in OUTCOMES_2021:
        assert values(report, "applications", code) == numbers(code)[:6], code
    assert values(report, "applications", "new_received") == [21, 5, 0, 0, 0, 0]
    assert not [f for f in report.facts if f.table == "applications" and f.col == "total"]
    assert errors(report) == ["parse_column_missing"]


def test_table3_whose_every_row_is_short_under_a_full_header_is_left_null() -> None:
    rows = [pipe(label, *numbers(code)[1:]) for label, code in OUTCOMES_2021]
    report = parse_text(report_md(table3_md(rows)))
    facts = [f for f in report.facts if f.table == "applications"]
    assert len(facts) == 25 * 6
    assert {f.value for f in facts} == {None}
    assert errors(report) == ["parse_table_short"]


def test_short_row_that_prints_blanks_is_aligned_right_unless_its_total_disagrees() -> None:
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021]
    # Tab-like layouts print blanks: a lost leading cell is aligned right, a guess, when
    # the row opens with a blank (a cell lost anywhere among its leading blanks reads
    # the same).
    rows[2] = pipe("（一）予以公开", "", 9, 0, 0, 0, 14)
    report = parse_text(report_md(table3_md(rows)))
    assert values(report, "applications", "granted") == [None, None, 9, 0, 0, 0, 14]
    assert errors(report) == []
    assert [i.check_name for i in report.issues] == ["parse_row_aligned"]
    # Opening with a number, only a lost first cell would leave the 5 companies in place.
    rows[2] = pipe("（一）予以公开", 5, "", 0, 0, 0, 14)
    report = parse_text(report_md(table3_md(rows)))
    assert values(report, "applications", "granted") == [None] * 6
    assert errors(report) == ["parse_row_short"]
    # Aligned right, 9 + 7 companies would exceed the total of 14: not a lost first cell.
    rows[2] = pipe("（一）予以公开", "", 9, 7, 0, 0, 14)
    report = parse_text(report_md(table3_md(rows)))
    assert values(report, "applications", "granted") == [None] * 6
    assert errors(report) == ["parse_row_short"]


def test_tabbed_row_with_blanks_at_both_ends_keeps_the_end_its_total_allows() -> None:
    # Word grids pad each row with a trailing tab, and a first-level row keeps an empty
    # merged label cell: a row whose total is blank ends with two blanks, and dropping
    # both moved every number one column right (the 其他 count stored as the total).
    header = [["（本列数据的勾稽关系）", "", "申请人情况", "", "", "", "", "", "", "总计"],
              ["", "", "", "自然人", "法人或其他组织", "", "", "", "", ""],
              ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
    first_level = {"new_received", "carried_over", "carried_forward"}
    rows = []
    for label, code in OUTCOMES_2021:
        cells = [str(n) for n in numbers(code)]
        if code == "new_received":
            cells[-1] = ""  # the total left blank
        if code == "granted":
            cells[0] = ""  # the natural persons left blank, the total printed
        lead = [label, ""] if code in first_level else ["", label]
        rows.append([*lead, *cells, ""])
    text = "\n".join(["三、收到和处理政府信息公开申请情况",
                      *("\t".join(r) for r in header + rows), ""])
    report = parse_text(report_md(text))
    assert values(report, "applications", "new_received") == [21, 5, 0, 0, 0, 0, None]
    assert values(report, "applications", "granted") == [None, 5, 0, 0, 0, 0, 14]
    assert values(report, "applications", "carried_over") == numbers("carried_over")
    assert errors(report) == []
    aligned = [i.message for i in report.issues if i.check_name == "parse_row_aligned"]
    # Every full row ends with one padding cell: granted's trailing blank is that, no guess.
    assert len(aligned) == 1 and "new_received" in aligned[0] and "exceed its total" in aligned[0]


def test_one_cell_per_line_row_blank_at_both_ends_is_read_by_the_tables_own_rows() -> None:
    # Rows parted by empty lines, one cell a line; a first-level row prints an empty
    # merged label cell, a second-level row an empty group cell before its label. No row
    # pads its end, so a row ending in a blank ends in its own blank 总计, even when its
    # applicants, moved one column right, would still fit under the total.
    first_level = {"new_received", "carried_over", "carried_forward"}
    blocks = []
    for label, code in OUTCOMES_2021:
        cells = [str(n) for n in numbers(code)]
        if code == "new_received":  # natural persons and the total left blank
            cells = ["", "2", "0", "0", "0", "3", ""]
        lead = [label, ""] if code in first_level else ["", label]
        blocks.append("\n".join(f"\t{c}" for c in [*lead, *cells]))
    header = "\n".join(f"\t{c}" for c in ["（本列数据的勾稽关系）", "自然人", "商业企业",
                                           "科研机构", "社会公益组织", "法律服务机构", "其他",
                                           "总计"])
    text = "\n\n".join(["三、收到和处理政府信息公开申请情况", header, *blocks]) + "\n"
    report = parse_text(report_md(text))
    assert values(report, "applications", "new_received") == [None, 2, 0, 0, 0, 3, None]
    assert values(report, "applications", "granted") == numbers("granted")
    for _, code in OUTCOMES_2021[1:]:
        assert values(report, "applications", code) == numbers(code), code
    assert errors(report) == []


def test_html_row_that_lost_its_empty_cells_is_not_padded_at_its_end() -> None:
    # The content system dropped the row's empty 科研机构 <td>: its numbers stand one
    # column left, and padding the row's end with a blank passed them off as a full row.
    page = html_2019_report().decode()
    full = tr("（一）予以公开", *map(str, numbers("granted")))
    assert full in page
    page = page.replace(full, tr("（一）予以公开", "9", "5", "0", "0", "0", "14"))
    report = parse_bytes(page.encode(), "baishi.html")
    assert values(report, "applications", "granted") == [None] * 6
    assert errors(report) == ["parse_row_short"]
    # With a blank <td> kept in front, the lost cell may be a leading one: aligned right.
    page = page.replace(tr("（一）予以公开", "9", "5", "0", "0", "0", "14"),
                        tr("（一）予以公开", "", "5", "0", "0", "0", "5"))
    report = parse_bytes(page.encode(), "baishi.html")
    assert values(report, "applications", "granted") == [None, None, 5, 0, 0, 0, 5]
    assert [i.check_name for i in report.issues] == ["parse_row_aligned"]


def test_excerpt_without_other_rows_expects_the_row_set_of_table2s_template() -> None:
    rows = [pipe(label, *numbers(code)) for label, code in OUTCOMES_2021[:2]]
    report = parse_text(report_md(table3_md(rows)))
    missing = {i.message for i in report.issues if i.check_name == "parse_row_missing"}
    assert "table 3: row other_misc not found" in missing
    assert "table 3: row other not found" not in missing
    assert len(missing) == 23


@pytest.mark.parametrize(("text", "header_unit", "want"), [
    ("3.5亿元", None, 35000.0),
    ("2", "亿元", 20000.0),
    ("12345.50元", None, 1.23455),
    ("1,234,500", "元", 123.45),
    ("26.23万元", "元", 26.23),  # the cell's own unit before the header's
    # 万 or 亿 alone is the amount's unit, not a multiplier of the header's
    ("26.23万", None, 26.23),
    ("26.23万", "万元", 26.23),
    ("26.23万", "元", 26.23),
    ("0.0325亿", None, 325.0),
    ("3.5 亿", "元", 35000.0),
])
def test_money_in_every_unit_is_stored_in_10k_yuan(text: str, header_unit: str | None,
                                                   want: float) -> None:
    from pipelines.parsing._values import parse_money

    parsed = parse_money(text, bare_unit=header_unit)
    assert parsed.value == pytest.approx(want)
    assert not parsed.unit_assumed


def test_a_fee_header_in_100m_yuan_scales_its_bare_amount() -> None:
    from pipelines.parsing._cells import region_cells
    from pipelines.parsing._normalize import normalize
    from pipelines.parsing._table2 import parse_table2

    lines = normalize("\n".join(["信息内容\t本年收费金额（单位：亿元）", "行政事业性收费\t1.25"]))
    facts, _ = parse_table2(region_cells(lines, 0, len(lines.norm)), "2021")
    assert [f.value for f in facts if f.row == "fees"] == [12500.0]


@pytest.mark.parametrize(("fixture", "template"), [
    ("tabs_group_subtotals_2021.txt", "2021"),  # table 3's split （六） rows tell it
    ("pdf_spaces_2019.txt", None),  # a single （六） row is printed under both templates
])
def test_without_table2_the_template_is_told_by_table3_only_where_it_can_be(
        repo_root, fixture: str, template: str | None) -> None:
    text = (repo_root / "tests" / "fixtures" / fixture).read_text(encoding="utf-8")
    start = text.index("二、主动公开政府信息情况")
    end = text.index("三、收到和处理政府信息公开申请情况")
    report = parse_text(text[:start] + "二、主动公开政府信息情况\n（表格略）\n" + text[end:])
    assert report.template == template
    assert "parse_table_missing" in {i.check_name for i in report.issues if i.severity == "error"}
    assert {f.table for f in report.facts} == {"applications", "review_litigation"}


def test_table4_columns_follow_its_header_when_the_litigation_groups_are_swapped(
        repo_root) -> None:
    # The fixture's table 4: 行政复议 1 1 0 1 3, 直接起诉 2 0 1 0 3, 复议后起诉 0 1 0 1 2.
    text = (repo_root / "tests" / "fixtures" / "pdf_spaces_2019.txt").read_text(
        encoding="utf-8")
    header = "结果 结果 其他 尚未 总计 未经复议直接起诉 复议后起诉"
    numbers = "1 1 0 1 3 2 0 1 0 3 0 1 0 1 2"
    assert header in text and numbers in text
    swapped = text.replace(header, "结果 结果 其他 尚未 总计 复议后起诉 未经复议直接起诉").replace(
        numbers, "1 1 0 1 3 0 1 0 1 2 2 0 1 0 3")
    for report in (parse_text(text), parse_text(swapped)):
        assert values(report, "review_litigation", "litigation_direct") == [2, 0, 1, 0, 3]
        assert values(report, "review_litigation",
                      "litigation_after_reconsideration") == [0, 1, 0, 1, 2]
        assert values(report, "review_litigation", "admin_reconsideration") == [1, 1, 0, 1, 3]


def test_ocr_letters_for_digits_in_table3_are_read_and_checked(repo_root) -> None:
    from pipelines.frames import ParseOutcome, SourceDocument, build_batch
    from pipelines.validation import validate_batch

    text = (repo_root / "tests" / "fixtures" / "ocr_markdown_signs_2019.txt").read_text(
        encoding="utf-8")
    row = "| （一）予以公开 |  | 8 | 0 | 0 | 0 | 0 | 0 | 8 |"
    assert row in text

    def checked(printed: str):
        report = parse_text(text.replace(row, printed))
        outcome = ParseOutcome(SourceDocument("0" * 64, "r.md"), report)
        return report, validate_batch(build_batch([outcome]))

    # 0 printed as O, 8 as itself: read as 0, a warning, and the report stays valid.
    report, tables = checked("| （一）予以公开 |  | 8 | O | 0 | 0 | 0 | 0 | 8 |")
    assert values(report, "applications", "granted") == [8, 0, 0, 0, 0, 0, 8]
    assert [i.check_name for i in report.issues if "line 47" in i.message] == [
        "parse_ocr_digit"]
    assert tables.reports["status"].to_list() == ["valid"]
    # An 8 printed as l is read as 1: the row no longer adds up, and since the cell was a
    # guess the failure is a possible misread, not the source's.
    report, tables = checked("| （一）予以公开 |  | l | 0 | 0 | 0 | 0 | 0 | 8 |")
    assert values(report, "applications", "granted")[0] == 1
    errors = tables.issues.filter(tables.issues["severity"] == "error")
    assert "possible_misread" in errors["check_name"].to_list()
    assert tables.reports["status"].to_list() == ["flagged"]


@pytest.mark.parametrize(("printed", "read"), [
    ("1O", 10), ("l", 1), ("I2", 12), ("S", 5), ("1S", 15), ("B", 8), ("2B0", 280),
    ("SO", 50), ("〇", 0),
])
def test_letters_ocr_prints_for_digits_are_read_as_those_digits(printed: str,
                                                                   read: int) -> None:
    from pipelines.parsing._values import ocr_count

    assert ocr_count(printed) == read


@pytest.mark.parametrize("printed", ["Z", "1b", "x", "1.5", "SB元", "b"])
def test_other_letters_are_no_ocr_digits(printed: str) -> None:
    from pipelines.parsing._values import ocr_count

    assert ocr_count(printed) is None


def test_ocr_s_and_b_in_table3_are_read_as_5_and_8_and_checked(repo_root) -> None:
    from pipelines.frames import ParseOutcome, SourceDocument, build_batch
    from pipelines.validation import validate_batch

    text = (repo_root / "tests" / "fixtures" / "ocr_markdown_signs_2019.txt").read_text(
        encoding="utf-8")
    row = "| （一）予以公开 |  | 8 | 0 | 0 | 0 | 0 | 0 | 8 |"
    assert row in text
    report = parse_text(text.replace(row, "| （一）予以公开 |  | B | 0 | 0 | 0 | 0 | O | B |"))
    assert values(report, "applications", "granted") == [8, 0, 0, 0, 0, 0, 8]
    assert [i.check_name for i in report.issues if "line 47" in i.message] == [
        "parse_ocr_digit"] * 3
    outcome = ParseOutcome(SourceDocument("0" * 64, "r.md"), report)
    assert validate_batch(build_batch([outcome])).reports["status"].to_list() == ["valid"]


@pytest.mark.parametrize(("printed", "want"), [
    ("88.79万", 88.79),  # 万 alone under a header in 万元: not 887,900 万元
    ("0.8879亿", 8879.0),
    ("887,900元", 88.79),
])
def test_a_fee_printed_with_a_unit_of_its_own_is_stored_in_10k_yuan(
        repo_root, printed: str, want: float) -> None:
    text = (repo_root / "tests" / "fixtures" / "browser_printed_page_2021.txt").read_text(
        encoding="utf-8")
    assert "本年收费金额（单位：万元）\n行政事业性收费 88.79\n" in text
    report = parse_text(text.replace("行政事业性收费 88.79", f"行政事业性收费 {printed}"))
    fees = [f.value for f in report.facts if f.row == "fees"]
    assert fees == [pytest.approx(want)]
    assert [i for i in report.issues if "fees" in i.message] == []
