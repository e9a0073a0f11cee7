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
