"""Table rows printed without ruling lines that leave a cell blank: the blank is placed
under its header column, and a row that cannot be placed is an error, never shifted."""

from __future__ import annotations

import copy

import pytest
from format_fixtures import CJK_FONT, Document, Span, render_pdf, seed_document

from bench.corpus import generate_report
from pipelines.parsing import ParsedReport, parse_bytes
from pipelines.parsing._formats import convert
from pipelines.parsing._formats._pdf_columns import Span as Cell
from pipelines.parsing._formats._pdf_columns import place_short_rows

# 其他对外管理服务事项 with its 本年增/减 left blank, 行政强制 with its 上一年项目数量 blank.
BLANKS = {"other_services": {"prior_items": 57, "change": None, "decisions": 312},
          "enforcement": {"prior_items": None, "change": -3, "decisions": 41}}


@pytest.fixture(scope="module")
def report_2019(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Document]:
    """A generated 2019-template report whose table 2 has the blanks above."""
    if not CJK_FONT.exists():
        pytest.fail(f"{CJK_FONT} is missing: `make setup` installs fonts-wqy-zenhei")
    index = next(i for i in range(100)
                 if generate_report(5, i, broken_share=0.0).expected["template"] == "2019")
    generated = generate_report(5, index, broken_share=0.0)
    expected = copy.deepcopy(generated.expected)
    expected["proactive"].update(copy.deepcopy(BLANKS))
    source = tmp_path_factory.mktemp("unruled") / "report.txt"
    source.write_text(generated.text, encoding="utf-8")
    return expected, seed_document(source, expected)


def _cells(report: ParsedReport, table: str) -> dict[tuple[str, str], object]:
    return {(f.row, f.col): f.value for f in report.facts if f.table == table}


def _expected(expected: dict, table: str) -> dict[tuple[str, str], object]:
    return {(row, col): value for row, cols in expected[table].items()
            for col, value in cols.items()}


def test_a_blank_cell_is_placed_under_its_header_column(report_2019) -> None:
    expected, document = report_2019
    data, _ = render_pdf(document, ruled=False)
    lines = convert(data, "unruled.pdf").text.split("\n")
    assert "其他对外管理服务事项\t57\t\t312" in lines
    assert "行政强制\t\t-3\t41" in lines
    report = parse_bytes(data, "unruled.pdf")
    assert [i for i in report.issues if i.severity == "error"] == []
    assert not any(i.check_name == "parse_row_aligned" for i in report.issues)
    for table in ("proactive", "applications", "review_litigation"):
        assert _cells(report, table) == _expected(expected, table), table


def test_a_row_that_cannot_be_placed_is_an_error_with_its_cells_null(report_2019) -> None:
    # The licensing block's measure names printed in one merged header cell: its columns
    # cannot be told apart, so the short row stays short and which cell it lost is unknown.
    expected, document = report_2019
    blocks = copy.deepcopy(document.blocks)
    table2 = next(b for b in blocks if isinstance(b, list))
    header = next(i for i, row in enumerate(table2)
                  if row[0].text == "信息内容" and "上一年项目数量" in row[1].text)
    table2[header] = [Span("信息内容"), Span("上一年项目数量 本年增/减 处理决定数量", colspan=3)]
    data, _ = render_pdf(Document(blocks), ruled=False)
    assert "其他对外管理服务事项\t57\t312" in convert(data, "merged.pdf").text.split("\n")
    report = parse_bytes(data, "merged.pdf")
    errors = [i for i in report.issues if i.severity == "error"]
    assert [i.check_name for i in errors] == ["parse_row_short"]
    assert "item other_services: 2 cells for 3 columns" in errors[0].message
    assert "left NULL" in errors[0].message
    facts = [f for f in report.facts if (f.table, f.row) == ("proactive", "other_services")]
    # The printed cells kept as printed, NULL; no fact for the cell that vanished.
    assert [(f.col, f.value, f.raw_text) for f in facts] == [
        ("change", None, "57"), ("decisions", None, "312")]
    # The other rows of the block are read in full.
    assert _cells(report, "proactive")[("licensing", "decisions")] == (
        expected["proactive"]["licensing"]["decisions"])


def test_placement_only_where_every_cell_stands_under_one_column() -> None:
    header = [Cell("信息内容", 10, 30), Cell("甲数量", 50, 62), Cell("乙数量", 80, 92),
              Cell("丙数量", 110, 122)]
    rows = [
        [Cell("规章", 10, 18), Cell("7", 50, 53), Cell("9", 110, 113)],  # placed
        [Cell("规章", 10, 18), Cell("7", 64, 67), Cell("9", 110, 113)],  # 7 under no column
        [Cell("规章", 10, 18), Cell("7", 60, 85), Cell("9", 110, 113)],  # 7 under two
        [Cell("规章", 10, 18), Cell("7", 50, 53), Cell("8", 55, 58)],  # two under one
        [Cell("规章", 10, 18), Cell("7", 50, 53), Cell("8", 80, 83), Cell("9", 110, 113)],
    ]
    assert place_short_rows([header, *rows]) == [
        ["信息内容", "甲数量", "乙数量", "丙数量"],
        ["规章", "7", "", "9"],
        ["规章", "7", "9"],
        ["规章", "7", "9"],
        ["规章", "7", "8"],
        ["规章", "7", "8", "9"],
    ]
    # A ruled table in between ends the header: the row below it is left as printed.
    assert place_short_rows([header, None, rows[0]])[2] == ["规章", "7", "9"]


def test_a_header_wrapped_over_two_lines_gives_one_set_of_columns() -> None:
    lines = [[Cell("信息内容", 10, 30), Cell("本年新制作", 50, 70), Cell("本年新公", 80, 96)],
             [Cell("数量", 50, 58), Cell("开数量", 80, 92)],
             [Cell("规章", 10, 18), Cell("5", 82, 85)]]
    assert place_short_rows(lines)[2] == ["规章", "", "5"]



# Table 3 with blanks: 上年结转's research institutions, 予以公开's companies and legal
# service organisations.
T3_BLANKS = {"carried_over": ("research_institution",),
             "granted": ("commercial_enterprise", "legal_service_org")}


def test_table3_blank_cells_are_placed_under_its_applicant_columns(
        report_2019, tmp_path_factory: pytest.TempPathFactory) -> None:
    # 法人或其他组织 spans its five kinds, and the narrow columns wrap their names over
    # lines (自 / 然 / 人): the columns are the cells no other header cell stands under.
    expected, _ = report_2019
    expected = copy.deepcopy(expected)
    for row, columns in T3_BLANKS.items():
        for column in columns:
            expected["applications"][row][column] = None
    source = tmp_path_factory.mktemp("unruled3") / "report.txt"
    index = next(i for i in range(100)
                 if generate_report(5, i, broken_share=0.0).expected["template"] == "2019")
    source.write_text(generate_report(5, index, broken_share=0.0).text, encoding="utf-8")
    data, _ = render_pdf(seed_document(source, expected), ruled=False)
    lines = convert(data, "unruled.pdf").text.split("\n")
    granted = next(line for line in lines if "（一）予以公开" in line)
    assert granted.split("\t")[2:] == [
        "" if v is None else str(v) for v in expected["applications"]["granted"].values()]
    report = parse_bytes(data, "unruled.pdf")
    assert [i for i in report.issues if i.severity == "error"] == []
    assert _cells(report, "applications") == _expected(expected, "applications")


def test_group_headings_give_way_to_the_columns_under_them() -> None:
    header = [
        [Cell("（本列数据的勾稽关系）", 10, 60), Cell("申请人情况", 70, 190)],
        [Cell("自", 70, 76), Cell("法人或其他组织", 90, 160), Cell("总", 170, 176)],
        [Cell("然", 70, 76), Cell("商业", 90, 100), Cell("科研", 105, 115),
         Cell("公益", 120, 130), Cell("法律", 135, 145), Cell("其", 150, 156),
         Cell("计", 170, 176)],
        [Cell("人", 70, 76)],
    ]
    # A group label and the row's own beside it, then six numbers: research left blank.
    row = [Cell("三、本年度办", 10, 30), Cell("（一）予以公开", 32, 60), Cell("9", 70, 73),
           Cell("5", 90, 93), Cell("0", 120, 123), Cell("0", 135, 138), Cell("1", 150, 153),
           Cell("15", 170, 176)]
    assert place_short_rows([*header, row])[-1] == [
        "三、本年度办", "（一）予以公开", "9", "5", "", "0", "0", "1", "15"]


def test_a_wrapped_group_and_row_label_side_by_side_is_no_new_header() -> None:
    # （四）无法 | 1.本机关不掌握相关政府 wrap to 提供 | 信息: two cells on a line without
    # numbers, left of every number. Taken for a header, they replaced the table's
    # columns, and the next row's blank was lost (its cells NULL, the report flagged).
    header = [Cell("自然人", 100, 120), Cell("商业企业", 130, 150), Cell("总计", 160, 180)]
    lines = [
        header,
        [Cell("（四）无法", 10, 40), Cell("1.本机关不掌握", 45, 90), Cell("3", 105, 110),
         Cell("1", 135, 140), Cell("4", 165, 170)],
        [Cell("提供", 10, 25), Cell("信息", 45, 60)],
        [Cell("2.没有现成信息", 45, 90), Cell("2", 105, 110), Cell("2", 165, 170)],
    ]
    assert place_short_rows(lines)[3] == ["2.没有现成信息", "2", "", "2"]
    # A header that spans the number columns after data rows is a new table's: it counts.
    lines += [[Cell("甲", 100, 112), Cell("乙", 160, 172)],
              [Cell("规章", 10, 30), Cell("5", 165, 170)]]
    assert place_short_rows(lines)[5] == ["规章", "", "5"]
