"""A report whose table 2 headers are damaged past reading takes its template from table 3's
rows and its year, only where they agree, and says which evidence it used."""

from __future__ import annotations

from test_metadata_variants import damaged, fixture_text

from pipelines.parsing import parse_text
from pipelines.parsing._template_evidence import template_from_evidence

SPLIT = {"granted", "other_no_correction", "other_unpaid_fee", "other_misc"}
SINGLE = {"granted", "other"}
# Every header word of the 2021 table 2, misread (the fixture's items are 2021's).
HEADERS_2021 = [("本年制发件数", "本年制友件数"), ("本年废止件数", "本年废上件数"),
                ("现行有效件数", "现行有郊件数"), ("本年处理决定数量", "本年处埋决定数量"),
                ("本年收费金额", "本年收费金頟")]
HEADERS_2019 = [("制作数量", "制乍数量"), ("公开数量", "公幵数量"), ("总数量", "总教量"),
                ("项目数量", "项日数量"), ("增/减", "增/咸"), ("采购", "釆购"),
                ("其他对外管理服务事项", "其他对外管埋服务事项")]


def test_the_2021_rows_and_a_later_year_agree() -> None:
    assert template_from_evidence(2023, SPLIT)[0] == "2021"
    assert template_from_evidence(None, SPLIT)[0] == "2021"  # only the 2021 template has them


def test_a_report_on_2019_or_2020_is_on_the_2019_template() -> None:
    assert template_from_evidence(2020, SINGLE)[0] == "2019"
    assert template_from_evidence(2019, {"granted"})[0] == "2019"


def test_clues_that_disagree_or_say_nothing_leave_it_null() -> None:
    template, evidence = template_from_evidence(2020, SPLIT)
    assert template is None and "disagree" in evidence
    # Old-style 2021 reports print the single row too: a later year settles nothing.
    assert template_from_evidence(2022, SINGLE)[0] is None
    assert template_from_evidence(None, SINGLE)[0] is None
    assert template_from_evidence(None, set())[0] is None


def _unknown(parsed) -> str:  # noqa: ANN001 - ParsedReport
    [issue] = [i for i in parsed.issues if i.check_name == "parse_template_unknown"]
    assert issue.severity == "error"  # table 2 itself stays unread
    return issue.message


def test_a_2021_report_with_its_table_2_headers_damaged(repo_root) -> None:
    parsed = parse_text(damaged(fixture_text(repo_root, "markdown_pipes_broken_2021.txt"),
                                HEADERS_2021))
    assert (parsed.template, parsed.year) == ("2021", 2021)
    assert "（六）1-3" in _unknown(parsed) and "the report is on 2021" in _unknown(parsed)
    assert not [f for f in parsed.facts if f.table == "proactive"]


def test_the_2021_rows_in_a_report_on_2020_leave_the_template_null(repo_root) -> None:
    text = damaged(fixture_text(repo_root, "markdown_pipes_broken_2021.txt"),
                   [*HEADERS_2021, ("民政局2021年", "民政局2020年"),
                    ("2022年1月25日", "2021年1月25日")])
    parsed = parse_text(text)
    assert (parsed.template, parsed.year) == (None, 2020)
    assert "the clues disagree" in _unknown(parsed)


def test_a_2019_report_with_its_table_2_headers_damaged(repo_root) -> None:
    parsed = parse_text(damaged(fixture_text(repo_root, "pdf_spaces_2019.txt"), HEADERS_2019))
    assert (parsed.template, parsed.year) == ("2019", 2020)
    assert "the report is on 2020" in _unknown(parsed)
    assert "single （六）其他处理 row" in _unknown(parsed)
