"""A row that printed fewer cells than its table's columns is read only where which cell
it lost cannot matter; otherwise its cells are NULL and the report says which row."""

from __future__ import annotations

from test_table_damage import OUTCOMES_2021, errors, numbers, report_md, values

from pipelines.parsing import parse_bytes

FIRST_LEVEL = {"new_received", "carried_over", "carried_forward"}
NEW = [21, 5, None, 0, 0, 0, 26]  # no research institution asked: its cell is blank


def td(value: object) -> str:
    return f"<td>{'' if value is None else value}</td>"


def html_report(new_received: list[object]) -> bytes:
    """Table 3 as a word processor's grid: 一、 二、 四、 span both label columns, so each
    prints an empty cell for the second one before its numbers."""
    rows = ["<tr>" + "".join(map(td, ["（本列数据的勾稽关系）", None, "自然人", "商业企业",
                                      "科研机构", "社会公益组织", "法律服务机构", "其他",
                                      "总计"])) + "</tr>"]
    for label, code in OUTCOMES_2021:
        cells = new_received if code == "new_received" else numbers(code)
        lead = [label, None] if code in FIRST_LEVEL else [None, label]
        rows.append("<tr>" + "".join(map(td, [*lead, *cells])) + "</tr>")
    text = report_md(table3="三、收到和处理政府信息公开申请情况\n")
    head, tail = text.split("三、收到和处理政府信息公开申请情况\n")
    body = "".join(f"<p>{line}</p>" for line in head.split("\n") if line)
    rest = "".join(f"<p>{line}</p>" for line in tail.split("\n") if line)
    return ("<html><body>" + body + "<p>三、收到和处理政府信息公开申请情况</p><table>"
            + "".join(rows) + "</table>" + rest + "</body></html>").encode()


def test_first_level_row_with_all_its_cells_is_read() -> None:
    report = parse_bytes(html_report(NEW), "gutian.html")
    assert values(report, "applications", "new_received") == NEW
    assert errors(report) == []


def test_first_level_row_that_lost_an_empty_cell_is_not_shifted_left() -> None:
    # The content system dropped the empty 科研机构 <td>: with the merged label cell taken
    # for the natural persons, 21 stood under companies and 5 under research institutions,
    # and the row still added up to its total of 26.
    printed = [c for c in NEW if c is not None]
    report = parse_bytes(html_report(printed), "gutian.html")
    # Its six printed cells kept NULL, none for the column it lost (rows_present fails).
    facts = [f for f in report.facts if f.row == "new_received"]
    assert [(f.col, f.value, f.raw_text) for f in facts] == [
        (c, None, r) for c, r in zip(("commercial_enterprise", "research_institution",
                                      "social_welfare_org", "legal_service_org", "other_org",
                                      "total"), ("21", "5", "0", "0", "0", "26"), strict=True)]
    assert errors(report) == ["parse_row_short"]
    [short] = [i.message for i in report.issues if i.check_name == "parse_row_short"]
    assert "new_received: 6 cells for 7 columns" in short and "merged label cell" in short


def test_markdown_row_that_lost_a_number_is_not_read_with_its_padding_as_total() -> None:
    # The grid pads every row with an empty cell after 总计; the 予以公开 row lost its
    # 其他 count. Read as printed, its padding became the total (NULL) and 14 the 其他.
    def pipe_row(*cells: object) -> str:
        return "| " + " | ".join("" if c is None else str(c) for c in cells) + " |"

    rows = []
    for label, code in OUTCOMES_2021:
        cells = numbers(code)
        if code == "granted":
            cells = cells[:5] + cells[6:]  # 9 5 0 0 0 14: the 0 of 其他 lost
        lead = [label, None] if code in FIRST_LEVEL else [None, label]
        rows.append(pipe_row(*lead, *cells, None))
    table3 = "\n".join([
        "## 三、收到和处理政府信息公开申请情况", "",
        pipe_row("（本列数据的勾稽关系）", None, "自然人", "商业企业", "科研机构", "社会公益组织",
                 "法律服务机构", "其他", "总计", None),
        "|---|---|---|---|---|---|---|---|---|---|", *rows, ""])
    report = parse_bytes(report_md(table3).encode(), "gutian.md")
    assert values(report, "applications", "granted") == [None] * 6
    assert errors(report) == ["parse_row_short"]
    assert values(report, "applications", "partly_granted") == numbers("partly_granted")


def test_first_level_row_that_lost_one_of_its_leading_blanks_reads_the_same() -> None:
    # No natural person and no company was carried over: two blank cells after the merged
    # label cell, one of them dropped. Whichever blank was lost, 上年结转 reads the same.
    truth = [None, None, 5, 0, 0, 0, 5]
    printed = truth[1:]
    page = html_report(NEW).decode().replace(
        "".join(map(td, ["二、上年结转政府信息公开申请数量", None, *numbers("carried_over")])),
        "".join(map(td, ["二、上年结转政府信息公开申请数量", None, *printed])))
    report = parse_bytes(page.encode(), "gutian.html")
    assert values(report, "applications", "carried_over") == truth
    assert errors(report) == []
    [aligned] = [i for i in report.issues if i.check_name == "parse_row_aligned"]
    assert "carried_over: 6 cells for 7 columns behind the merged label cell" in aligned.message
    # Opening with a number, the lost blank could have been any: an error, as before.
    page = page.replace("".join(map(td, [None, *printed])),
                        "".join(map(td, [None, 5, None, 0, 0, 0, 5])))
    report = parse_bytes(page.encode(), "gutian.html")
    assert values(report, "applications", "carried_over") == [None] * 6
    assert errors(report) == ["parse_row_short"]
