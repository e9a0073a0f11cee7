"""Each seed layout quirk on a small inline text, with hand-computed values."""

from __future__ import annotations

import opencc
import pytest

from pipelines.parsing import ParsedReport, ReportRejected, parse_bytes, parse_text

APPLICANTS = ["natural_person", "commercial_enterprise", "research_institution",
              "social_welfare_org", "legal_service_org", "other_org", "total"]


def values(report: ParsedReport, table: str, row: str) -> list:
    facts = [f for f in report.facts if f.table == table and f.row == row]
    return [f.value for f in facts]


def fact(report: ParsedReport, table: str, row: str, col: str):
    return next(f for f in report.facts if f.table == table and f.row == row and f.col == col)


T3_ROWS_2019 = [
    ("一、本年新收政府信息公开申请数量", "new_received"),
    ("二、上年结转政府信息公开申请数量", "carried_over"),
    ("三、本年度办理结果\t(一) 予以公开", "granted"),
    ("\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "partly_granted"),
    ("\t(三) 不予公开\t1.属于国家秘密", "denied_state_secret"),
    ("\t\t2.其他法律行政法规禁止公开", "denied_prohibited_by_law"),
    ("\t\t3.危及“三安全一稳定”", "denied_security_stability"),
    ("\t\t4.保护第三方合法权益", "denied_third_party"),
    ("\t\t5.属于三类内部事务信息", "denied_internal_affairs"),
    ("\t\t6.属于四类过程性信息", "denied_process_info"),
    ("\t\t7.属于行政执法案卷", "denied_enforcement_file"),
    ("\t\t8.属于行政查询事项", "denied_admin_query"),
    ("\t(四) 无法提供\t1.本机关不掌握相关政府信息", "unable_not_held"),
    ("\t\t2.没有现成信息需要另行制作", "unable_needs_creation"),
    ("\t\t3.补正后申请内容仍不明确", "unable_unclear"),
    ("\t(五) 不予处理\t1.信访举报投诉类申请", "rejected_petition"),
    ("\t\t2.重复申请", "rejected_duplicate"),
    ("\t\t3.要求提供公开出版物", "rejected_publication"),
    ("\t\t4.无正当理由大量反复申请", "rejected_excessive"),
    ("\t\t5.要求行政机关确认或重新出具已获取信息", "rejected_confirmation"),
    ("\t(六) 其他处理", "other"),
    ("\t(七) 总计", "total_processed"),
    ("四、结转下年度继续办理", "carried_forward"),
]

# Nonzero and consistent: natural persons 6 new + 1 carried = 3 granted + 1 partly
# + 1 not held + 1 duplicate = 6 processed, 1 carried forward; one company: 2 new, 2 granted.
T3_NUMBERS = {
    "new_received": [6, 2, 0, 0, 0, 0, 8],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "granted": [3, 2, 0, 0, 0, 0, 5],
    "partly_granted": [1, 0, 0, 0, 0, 0, 1],
    "unable_not_held": [1, 0, 0, 0, 0, 0, 1],
    "rejected_duplicate": [1, 0, 0, 0, 0, 0, 1],
    "total_processed": [6, 2, 0, 0, 0, 0, 8],
    "carried_forward": [1, 0, 0, 0, 0, 0, 1],
}

TABLE2_2019_TABS = """二、主动公开政府信息情况
第二十条第（一）项\t\t\t
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t1\t1\t5
规范性文件\t3\t3\t20
第二十条第（五）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t6\t增 2\t103
其他对外管理服务事项\t0\t0\t0
第二十条第（六）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t605\t-73\t13
行政强制\t4\t减 1\t2
第二十条第（八）项\t\t\t
信息内容\t上一年项目数量\t本年增/减\t
行政事业性收费\t2\t0\t
第二十条第（九）项\t\t\t
信息内容\t采购项目数量\t采购总金额\t
政府集中采购\t2\t26.23 万元\t
"""

RESULT_HEADER = "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计"
TABLE4_TABS = f"""四、政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼
{RESULT_HEADER}\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t{RESULT_HEADER}\t{RESULT_HEADER}
2\t1\t0\t1\t4\t1\t0\t0\t1\t2\t0\t0\t0\t0\t0
五、存在的主要问题及改进情况
无
"""


def tab_report(title: str = "某某县卫生健康局2019年政府信息公开工作年度报告") -> str:
    rows = []
    for label, code in T3_ROWS_2019:
        numbers = T3_NUMBERS.get(code, [0] * 7)
        rows.append(label + "\t" + "\t".join(str(n) for n in numbers) + "\t")
    return "\n".join([
        title, "", "一、总体情况", "本年度工作正常开展。", "",
        TABLE2_2019_TABS,
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)\t\t申请人情况\t\t\t"
        "\t\t\t总计\t",
        "\t\t自然人\t法人或其他组织\t\t\t\t\t\t",
        "\t\t\t商业企业\t科研机构\t社会组织\t法律服务机构\t其他\t\t",
        *rows, "", TABLE4_TABS,
    ])


def test_tab_rows_all_cells() -> None:
    report = parse_text(tab_report())
    assert report.template == "2019"
    for code, numbers in T3_NUMBERS.items():
        assert values(report, "applications", code) == numbers, code
    assert values(report, "applications", "denied_state_secret") == [0] * 7
    assert len([f for f in report.facts if f.table == "applications"]) == 23 * 7
    # 某某县 is no real county: its region stays NULL, said in a warning (never 重庆市).
    assert [(i.check_name, i.severity) for i in report.issues] == [
        ("region_unresolved", "warning")]
    assert report.region.adcode is None


def test_table2_signed_changes_and_money() -> None:
    report = parse_text(tab_report())
    assert values(report, "proactive", "licensing") == [6, 2, 103]
    assert values(report, "proactive", "penalty") == [605, -73, 13]
    assert values(report, "proactive", "enforcement") == [4, -1, 2]
    assert values(report, "proactive", "procurement") == [2, 26.23]
    assert values(report, "proactive", "fees") == [2, 0]
    assert len([f for f in report.facts if f.table == "proactive"]) == 22


def test_table4_single_row_after_header() -> None:
    report = parse_text(tab_report())
    assert values(report, "review_litigation", "admin_reconsideration") == [2, 1, 0, 1, 4]
    assert values(report, "review_litigation", "litigation_direct") == [1, 0, 0, 1, 2]
    assert values(report, "review_litigation", "litigation_after_reconsideration") == [0] * 5


def test_provenance_points_at_the_printed_cell() -> None:
    text = tab_report()
    report = parse_text(text)
    lines = text.split("\n")
    cell = fact(report, "proactive", "licensing", "change")
    assert cell.raw_text == "增 2"
    assert cell.raw_text in lines[cell.source_line - 1]
    cell = fact(report, "applications", "new_received", "total")
    assert lines[cell.source_line - 1].startswith("一、本年新收")
    assert cell.raw_text == "8"


def test_blank_cells_are_null_not_zero() -> None:
    text = tab_report().replace("二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\t",
                                "二、上年结转政府信息公开申请数量\t1\t\t/\t—\t0\t0\t1\t")
    report = parse_text(text)
    assert values(report, "applications", "carried_over") == [1, None, None, None, 0, 0, 1]


def one_cell_per_line(text: str) -> str:
    """The 001/002 layout: every cell on its own line, indented by a tab."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        for cell in line.rstrip("\t").split("\t"):
            out.append("\t" + cell)
        out.append("")
    return "\n".join(out)


def test_one_cell_per_line_with_wrapped_label() -> None:
    text = one_cell_per_line(tab_report())
    text = text.replace("\t5.要求行政机关确认或重新出具已获取信息\n",
                        "\t5.要求行政机关确认或重新\n\n出具已获取信息\n")
    report = parse_text(text)
    for code, numbers in T3_NUMBERS.items():
        assert values(report, "applications", code) == numbers, code
    assert values(report, "applications", "rejected_confirmation") == [0] * 7
    assert values(report, "review_litigation", "admin_reconsideration") == [2, 1, 0, 1, 4]
    assert values(report, "proactive", "penalty") == [605, -73, 13]


def test_markdown_page_break_repeats_group_labels() -> None:
    text = tab_report().replace(
        "\t\t4.保护第三方合法权益",
        "\n---\n\n三、本年度办理结果\t(三) 不予公开\t4.保护第三方合法权益")
    text = "# 某某县卫生健康局\n\n" + text
    report = parse_text(text)
    assert values(report, "applications", "denied_third_party") == [0] * 7
    assert values(report, "applications", "granted") == [3, 2, 0, 0, 0, 0, 5]
    assert not [i for i in report.issues if i.severity == "error"]


def test_traditional_script_and_dropped_cells() -> None:
    text = one_cell_per_line(tab_report("某某县医疗保障局2019年政府信息公开工作年度报告"))
    # A dropped cell: the natural-person cell of new_received is missing entirely.
    label = "\t一、本年新收政府信息公开申请数量\n"
    text = text.replace(label + "\t6\n", label)
    report = parse_text(opencc.OpenCC("s2t").convert(text))
    assert report.script == "traditional"
    assert report.agency == "某某县医疗保障局"
    # No blank among the six cells printed: which column lost its cell is unknown, so
    # the six are kept as printed (raw text) but NULL, and the row is an error.
    assert values(report, "applications", "new_received") == [None] * 6
    assert [f.raw_text for f in report.facts if f.row == "new_received"] == [
        "2", "0", "0", "0", "0", "8"]
    assert values(report, "applications", "granted") == [3, 2, 0, 0, 0, 0, 5]
    assert [i.check_name for i in report.issues] == ["parse_row_short", "region_unresolved"]


def test_nbsp_blank_cells_are_null() -> None:
    text = one_cell_per_line(tab_report()).replace(
        "\t二、上年结转政府信息公开申请数量\n\t1\n\t0\n",
        "\t二、上年结转政府信息公开申请数量\n\u00a0\n\u00a0\n")
    report = parse_text(text)
    assert values(report, "applications", "carried_over") == [None, None, 0, 0, 0, 0, 1]


def test_2021_template_and_split_other_rows() -> None:
    text = tab_report("某某区教育局2023年政府信息公开工作年度报告")
    text = text.replace("\t(六) 其他处理\t0\t0\t0\t0\t0\t0\t0\t", "\n".join([
        "\t(六) 其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        "\t0\t0\t0\t0\t0\t0\t0",
        "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        "\t0\t0\t0\t0\t0\t0\t0",
        "\t\t3.其他\t0\t0\t0\t0\t0\t0\t0",
    ]))
    text = text.replace(TABLE2_2019_TABS, """二、主动公开政府信息情况
第二十条第（一）项\t\t\t
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t2\t1\t9
第二十条第（五）项\t\t\t
信息内容\t本年处理决定数量
行政许可\t116
第二十条第（六）项
信息内容\t本年处理决定数量
行政处罚\t7
行政强制\t0
第二十条第（八）项
信息内容\t本年收费金额（单位：万元）
行政事业性收费\t1.5
""")
    report = parse_text(text)
    assert report.template == "2021"
    assert report.year == 2023
    codes = {f.row for f in report.facts if f.table == "applications"}
    assert len(codes) == 25
    assert "other" not in codes
    assert values(report, "proactive", "normative_documents") == [2, 1, 9]
    assert values(report, "proactive", "fees") == [1.5]
    assert not [i for i in report.issues if i.check_name == "parse_unit_assumed"]


def test_space_separated_pdf_rows() -> None:
    text = tab_report().replace("\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\t",
                                "3.危及“三安全一稳定” 0 0 0 0 0 0 0")
    report = parse_text(text)
    assert values(report, "applications", "denied_security_stability") == [0] * 7


def test_not_a_report_is_rejected_with_reason() -> None:
    with pytest.raises(ReportRejected, match="notice.txt: not an annual report"):
        parse_bytes("关于召开会议的通知\n各单位：定于明日开会。".encode(), "notice.txt")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_encodings_decode_to_the_same_values(encoding: str) -> None:
    report = parse_bytes(tab_report().encode(encoding), "x.txt")
    assert values(report, "applications", "new_received") == [6, 2, 0, 0, 0, 0, 8]
    assert report.agency == "某某县卫生健康局"


def test_empty_and_binary_files_are_rejected() -> None:
    with pytest.raises(ReportRejected, match="empty file"):
        parse_bytes(b"", "empty.txt")
    with pytest.raises(ReportRejected, match="PDF"):
        parse_bytes(b"%PDF-1.7\n...", "scan.txt")
