"""Text laid out by character positions (pdftotext -layout): a blank cell is only a wider
gap; the columns of the full rows, or the header's heads, place a short row's numbers
(tests/fixtures/pdf_layout_*: reports drawn as PDFs without ruling lines and extracted
with pdftotext -layout)."""

from __future__ import annotations

from pipelines.parsing._cells import region_cells
from pipelines.parsing._normalize import normalize


def _rows(text: str) -> list[list[str]]:
    lines = normalize(text)
    rows: dict[int, list[str]] = {}
    for cell in region_cells(lines, 0, len(lines.norm)):
        rows.setdefault(cell.line, []).append(cell.text)
    return list(rows.values())


def test_a_short_row_is_placed_by_the_full_rows_even_when_its_label_moves_it() -> None:
    # The second row's label is two characters longer: its numbers stand two to the right.
    rows = _rows("\n".join([
        "甲乙丙丁            5      12       3      20",
        "甲乙丙丁戊己          7               1       8",
        "甲乙             4       0       0       4",
    ]))
    assert rows[1] == ["甲乙丙丁戊己", "7", "", "1", "8"]
    assert rows[2] == ["甲乙", "4", "0", "0", "4"]


def test_a_number_between_two_columns_leaves_the_row_short() -> None:
    rows = _rows("\n".join([
        "甲乙丙丁            5      12       3      20",
        "甲乙丙丁            5          2           7",
        "甲乙丙丁            1       1       1       3",
    ]))
    assert rows[1] == ["甲乙丙丁", "5", "2", "7"]


def test_a_table_of_one_row_is_placed_under_its_heads() -> None:
    rows = _rows("\n".join([
        "维持   纠正   结果   审结   总计",
        "2    1         1    4",
        "",
        "注：   本表数据来源于年度统计",
    ]))
    assert rows[1] == ["2", "1", "", "1", "4"]


def test_single_spaced_text_is_left_as_it_was() -> None:
    rows = _rows("规章 1 2 3\n规范性文件 4 6\n行政许可 5 6 7\n")
    assert rows[1] == ["规范性文件", "4", "6"]
