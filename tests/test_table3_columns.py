"""Table 3's columns placed by its own header cells (tests/fixtures/columns_*): another
order, 总计 first, 法人或其他组织 as one column, a column left out, and a header that
cannot place them; the same tables published as HTML (rowspan/colspan) and PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from format_fixtures import CJK_FONT, render_pdf, seed_document, to_html

from pipelines.parsing import parse_bytes
from pipelines.parsing._table3_columns import APPLICANTS, SUBS, header_columns
from pipelines.parsing._types import new_cell

TABLES = ("applications", "review_litigation", "proactive")
TEMPLATE_SUBS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
# fixture -> table 3's columns as it prints them (format_fixtures.table3's `columns`)
PRINTED = {
    "columns_reordered_pipes_2021": ["natural_person", "research_institution",
                                     "commercial_enterprise", "legal_service_org",
                                     "social_welfare_org", "other_org", "total"],
    "columns_total_first_cells_2019": ["total", *APPLICANTS[:-1]],
    "columns_legal_joined_spaces_2021": ["natural_person", "legal", "total"],
}


def _header(*lines: str | list[str]) -> list:
    """Cells of header lines (a list: the cells of one line), then a first row on the
    line after them."""
    cells = []
    for number, line in enumerate(lines, start=1):
        for text in [line] if isinstance(line, str) else line:
            cells.append(new_cell((text, text, number)))
    return cells


def test_the_template_header_in_any_usual_print_is_the_template() -> None:
    one_row = _header(["自然人", *TEMPLATE_SUBS, "总计"])
    assert header_columns(one_row, 2).slots == APPLICANTS
    # 总计 merged down the header rows, printed on the first with 申请人情况.
    rows = _header(["申请人情况", "", "总计"], ["自然人", "法人或其他组织"],
                   ["商业企业", "科研机构", "社会组织", "法律服务机构", "其他"])
    assert header_columns(rows, 4).slots == APPLICANTS
    # One character per line, the words of a head parted over lines.
    vertical = _header("自然人", "法人或其他组织", "总计", "商业", "企业", "科研", "机构", "社会",
                       "公益", "组织", "法律", "服务", "机构", "其他")
    assert header_columns(vertical, 15).slots == APPLICANTS


def test_heads_in_another_order_move_their_columns() -> None:
    cells = _header(["自然人", "法人或其他组织", "", "", "", "", "总计"],
                    ["", "其他", "商业企业", "社会公益组织", "科研机构", "法律服务机构", ""])
    assert header_columns(cells, 3).slots == (
        "natural_person", "other_org", "commercial_enterprise", "social_welfare_org",
        "research_institution", "legal_service_org", "total")
    # 总计 first in the same row as 自然人: it stands first.
    first = _header(["总计", "自然人", "法人或其他组织"], " ".join(["商业企业", "科研机构",
                    "社会公益组织", "法律服务机构", "其他"]))
    assert header_columns(first, 3).slots == ("total", *APPLICANTS[:-1])


def test_a_header_of_spaced_pdf_text_lines() -> None:
    # Each header row one line of words parted by spaces, the five in another order.
    cells = _header("自然人 法人或其他组织 总计",
                    "科研机构 商业企业 社会公益组织 法律服务机构 其他")
    assert header_columns(cells, 3).slots == (
        "natural_person", "research_institution", "commercial_enterprise",
        "social_welfare_org", "legal_service_org", "other_org", "total")
    # pdftotext -layout breaks the heads over two lines and 其他 into 其 | 他: in another
    # order, the missing head could stand anywhere.
    broken = _header("自 法人或其他组织 总", "科研 商业 社会公益 法律服务 其", "人",
                     "机构 企业 组织 机构 他")
    assert "cannot place" in header_columns(broken, 5).problem


def test_joined_and_absent_heads() -> None:
    joined = header_columns(_header("自然人 法人或其他组织 总计"), 2)
    assert joined.slots == ("natural_person", None, "total")
    assert joined.joined == SUBS
    two = header_columns(_header(["自然人", "商业企业", "科研机构/社会公益组织", "法律服务机构",
                                  "其他", "总计"]), 2)
    assert two.slots == ("natural_person", "commercial_enterprise", None,
                         "legal_service_org", "other_org", "total")
    assert two.joined == ("research_institution", "social_welfare_org")
    absent = header_columns(_header(["自然人", *TEMPLATE_SUBS[:3], "其他", "总计"]), 2)
    assert absent.absent == ("legal_service_org",) and absent.problem is None


def test_a_header_that_cannot_place_its_columns_says_so() -> None:
    # Another order, and one head misprinted past reading: where it stands is unknown.
    garbled = _header(["自然人", "科研机构", "商业企业", "社会公▲组织", "法律服务机构", "其他",
                       "总计"])
    assert "cannot place" in header_columns(garbled, 2).problem
    twice = _header(["自然人", "商业企业", *TEMPLATE_SUBS[:-1], "总计"])
    assert "twice" in header_columns(twice, 2).problem
    # Heads glued to other words that stay in the template's order place nothing new.
    glued = _header("（本列数据的勾稽关系为：第一项加第二项法人或其他组织", "之和）", "自然人总计",
                    "商业企科研机社会公法律服", "其他")
    assert header_columns(glued, 6).slots == APPLICANTS


@pytest.mark.parametrize("stem", sorted(PRINTED))
@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_published_tables_follow_their_header(fmt: str, stem: str, repo_root: Path) -> None:
    folder = repo_root / "tests" / "fixtures"
    expected = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    full = dict(expected, applications={
        row: {c: cells.get(c, 0) for c in APPLICANTS}
        for row, cells in expected["applications"].items()})
    if stem == "columns_legal_joined_spaces_2021":
        # The text prints the sum of the five; drawn again from one of them with the rest 0.
        full["applications"] = {row: {**cells, "commercial_enterprise": cells["total"]
                                      - cells["natural_person"]}
                                for row, cells in full["applications"].items()}
    document = seed_document(folder / f"{stem}.txt", full, PRINTED[stem])
    if fmt == "html":
        data = to_html(document)
    else:
        if not CJK_FONT.exists():
            pytest.fail(f"{CJK_FONT} is missing: `make setup` installs fonts-wqy-zenhei")
        data = render_pdf(document)[0]
    report = parse_bytes(data, f"{stem}.{fmt}")
    got = {(f.table, f.row, f.col): f.value for f in report.facts}
    want = {(table, row, col): value for table in TABLES
            for row, cols in expected[table].items() for col, value in cols.items()}
    assert got == want
    names = {i.check_name for i in report.issues}
    assert set(expected["expected_issues"]) - {"rows_present"} <= names
    assert not [i for i in report.issues if i.severity == "error"]
