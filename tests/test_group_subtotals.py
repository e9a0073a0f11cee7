"""Group headings printed with their rows' subtotals (tests/fixtures/
tabs_group_subtotals_2021.txt): not rows of the template, so not stored; checked
against the rows they sum, since numbers out of place would look the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.parsing import parse_text

FIXTURE = "tabs_group_subtotals_2021.txt"
# The fixture's （三）不予公开 row: the sums of its eight rows, column by column.
DENIED = "\t（三）不予公开\t\t51\t2\t3\t7\t8\t5\t76"


@pytest.fixture()
def text(repo_root: Path) -> str:
    text = (repo_root / "tests" / "fixtures" / FIXTURE).read_text(encoding="utf-8")
    assert DENIED in text
    return text


def test_subtotals_that_add_up_are_a_warning_and_not_stored(text: str) -> None:
    report = parse_text(text)
    assert [i for i in report.issues if i.severity == "error"] == []
    notes = [i.message for i in report.issues if i.check_name == "parse_group_subtotal"]
    assert len(notes) == 4  # （三） （四） （五） and the 2021 （六）
    assert "51 2 3 7 8 5 76" in notes[0]
    denied = sum(f.value for f in report.facts
                 if f.row.startswith("denied_") and f.col == "total")
    assert denied == 76
    assert len(report.facts) == 25 * 7 + 15 + 10


def test_a_subtotal_that_is_not_the_sum_is_an_error(text: str) -> None:
    report = parse_text(text.replace(DENIED, DENIED.replace("\t51\t", "\t52\t")))
    errors = [i for i in report.issues if i.severity == "error"]
    assert [i.check_name for i in errors] == ["parse_unmatched_row"]
    assert "52 2 3 7 8 5 76" in errors[0].message
    assert "（三）不予公开" in errors[0].message or "(三)不予公开" in errors[0].message


# The fixture's （四）无法提供 group: its heading with the sums, its three rows after it.
UNABLE = "\t（四）无法提供\t\t13\t3\t1\t2\t0\t0\t19"
UNABLE_LAST = "\t\t3.补正后申请内容仍不明确\t12\t2\t1\t0\t0\t0\t15\n"


@pytest.mark.parametrize("label", ["小计", "无法提供小计", "（四）小计"])
def test_a_subtotal_row_under_the_groups_rows_is_a_warning_and_not_stored(
        text: str, label: str) -> None:
    assert UNABLE in text and UNABLE_LAST in text
    # The heading prints no numbers; a 小计 row after the group's last row does.
    moved = text.replace(UNABLE, "\t（四）无法提供\t\t\t\t\t\t\t\t").replace(
        UNABLE_LAST, UNABLE_LAST + f"\t\t{label}\t13\t3\t1\t2\t0\t0\t19\n")
    report = parse_text(moved)
    assert [i for i in report.issues if i.severity == "error"] == []
    notes = [i.message for i in report.issues if i.check_name == "parse_group_subtotal"]
    assert len(notes) == 4
    printed = label.replace("（", "(").replace("）", ")")  # as normalized
    assert any(printed in note and "13 3 1 2 0 0 19" in note for note in notes)
    assert len(report.facts) == 25 * 7 + 15 + 10


def test_a_subtotal_row_that_is_not_the_sum_is_an_error(text: str) -> None:
    moved = text.replace(UNABLE_LAST, UNABLE_LAST + "\t\t小计\t14\t3\t1\t2\t0\t0\t20\n")
    errors = [i for i in parse_text(moved).issues if i.severity == "error"]
    assert [i.check_name for i in errors] == ["parse_unmatched_row"]
    assert "14 3 1 2 0 0 20" in errors[0].message


def _table4_as_small_tables(text: str, fourth: list[str]) -> str:
    """The fixture with its table 4 printed as three small tables and `fourth` after them."""
    start = text.index("四、政府信息公开行政复议、行政诉讼情况")
    end = text.index("五、存在的主要问题及改进情况")
    header = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
    small = ["四、政府信息公开行政复议、行政诉讼情况",
             "行政复议", header, "1\t0\t2\t0\t3",
             "行政诉讼（未经复议直接起诉）", header, "3\t0\t0\t0\t3",
             "行政诉讼（复议后起诉）", header, "0\t3\t0\t0\t3", *fourth, ""]
    return text[:start] + "\n".join(small) + text[end:]


@pytest.mark.parametrize(("heading", "sums", "of"), [
    ("行政诉讼合计", "3\t3\t0\t0\t6", "litigation_direct + litigation_after_reconsideration"),
    ("合计", "4\t3\t2\t0\t9",
     "admin_reconsideration + litigation_direct + litigation_after_reconsideration"),
])
def test_a_table4_of_sums_after_the_three_is_a_warning_and_not_stored(
        text: str, heading: str, sums: str, of: str) -> None:
    report = parse_text(_table4_as_small_tables(
        text, [heading, "结果维持\t结果纠正\t其他结果\t尚未审结\t总计", sums]))
    assert [i for i in report.issues if i.severity == "error"] == []
    notes = [i.message for i in report.issues
             if i.check_name == "parse_group_subtotal" and "table 4" in i.message]
    assert len(notes) == 1 and sums.replace("\t", " ") in notes[0] and of in notes[0]
    table4 = {(f.row, f.col): f.value for f in report.facts if f.table == "review_litigation"}
    assert len(table4) == 15
    assert [table4[("litigation_after_reconsideration", r)]
            for r in ("upheld", "corrected", "other", "pending", "total")] == [0, 3, 0, 0, 3]


def test_a_table4_of_numbers_that_are_no_sums_is_not_read_as_one() -> None:
    from pipelines.parsing._cells import region_cells
    from pipelines.parsing._normalize import normalize
    from pipelines.parsing._table4 import parse_table4

    header = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
    lines = normalize("\n".join(["行政复议", header, "1\t0\t2\t0\t3",
                                 "行政诉讼（未经复议直接起诉）", header, "3\t0\t0\t0\t3",
                                 "行政诉讼（复议后起诉）", header, "0\t3\t0\t0\t3",
                                 "合计", header, "4\t3\t2\t0\t8"]))
    facts, issues = parse_table4(region_cells(lines, 0, len(lines.norm)))
    assert [i.severity for i in issues] == ["error"]
    assert all(f.value is None for f in facts)
