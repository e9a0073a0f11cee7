"""Figures the prose restates, against the tables: table 2 too, whose only other witness
the prose is; a contradiction flags the report, a consistent report stays valid."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.frames import ParseOutcome, SourceDocument, build_batch
from pipelines.parsing import parse_text
from pipelines.validation import validate_batch

# The fixture's table 2 (2021): regulations 0 / 1 / 3, normative documents 22 / 2 / 140,
# licensing 1250, penalty 318, enforcement 12; table 3: 16 new, 4 carried over.
FIXTURE = "markdown_pipes_broken_2021.txt"


@pytest.fixture()
def report_text(repo_root: Path) -> str:
    text = (repo_root / "tests" / "fixtures" / FIXTURE).read_text(encoding="utf-8")
    assert "## 一、总体情况\n略。\n" in text
    return text


def validate(text: str, prose: str):
    text = text.replace("## 一、总体情况\n略。\n", f"## 一、总体情况\n{prose}\n")
    outcome = ParseOutcome(SourceDocument("0" * 64, "r.txt"), parse_text(text))
    return validate_batch(build_batch([outcome]))


def narrative(tables) -> list[tuple]:
    checks = tables.checks.filter(pl.col("check_name") == "narrative_vs_table")
    return sorted(checks.select("subject", "status", "lhs", "rhs").rows())


def test_table2_figures_in_the_prose_are_checked(report_text: str) -> None:
    prose = ("本年度制发行政规范性文件22件，废止规范性文件2件，现行有效规范性文件140件；"
             "作出行政许可决定1250件，行政处罚决定318件。")
    tables = validate(report_text, prose)
    assert narrative(tables) == [
        ("licensing/decisions", "pass", 1250.0, 1250.0),
        ("normative_documents/in_force", "pass", 140.0, 140.0),
        ("normative_documents/issued", "pass", 22.0, 22.0),
        ("normative_documents/repealed", "pass", 2.0, 2.0),
        ("penalty/decisions", "pass", 318.0, 318.0),
    ]
    assert tables.reports["status"].to_list() == ["valid"]


def test_a_table2_figure_the_prose_contradicts_flags_the_report(report_text: str) -> None:
    tables = validate(report_text, "本年度制发规章2件，制发行政规范性文件22件。")
    assert narrative(tables) == [
        ("normative_documents/issued", "pass", 22.0, 22.0),
        ("regulations/issued", "fail", 2.0, 0.0),
    ]
    errors = tables.issues.filter(pl.col("severity") == "error")
    assert errors["check_name"].to_list() == ["narrative_vs_table"]
    assert "table proactive regulations/issued: the text states 2 where the table prints 0" \
        in errors["message"][0]
    assert tables.reports["status"].to_list() == ["flagged"]


def test_figures_of_a_wider_circle_are_not_claims(report_text: str) -> None:
    # 全区 counts every department of the district, not the reporting body's table.
    tables = validate(report_text, "全区各部门共制发行政规范性文件97件，行政许可决定5000件。")
    assert narrative(tables) == []
    assert tables.reports["status"].to_list() == ["valid"]


def test_received_may_count_the_carried_over_applications(report_text: str) -> None:
    # 16 new + 4 carried over: some reports state the 20 as received.
    assert narrative(validate(report_text, "全年共受理政府信息公开申请20件。")) == [
        ("new_received/total", "pass", 20.0, 16.0)]
    assert narrative(validate(report_text, "全年共受理政府信息公开申请19件。")) == [
        ("new_received/total", "fail", 19.0, 16.0)]


def test_a_contradiction_in_a_table_read_with_a_guess_is_a_possible_misread(
        report_text: str) -> None:
    # The 2021 licensing row printed without its value column's header: the parser
    # still reads 1250, so make the prose disagree and mark table 2 as guessed.
    text = report_text.replace("| 规章 | 0 | 1 | 3 |", "| 规章 | 0 | 1 |")
    tables = validate(text, "本年度制发行政规范性文件23件。")
    guessed = tables.issues.filter(pl.col("check_name").str.starts_with("parse_"))
    assert any("table 2" in m for m in guessed["message"])
    errors = tables.issues.filter(pl.col("message").str.contains("states 23"))
    assert errors["check_name"].to_list() == ["possible_misread"]
    assert "the parser had to guess in table 2" in errors["message"][0]


@pytest.mark.parametrize("prose", [
    # another year's figure, stated to compare (the fixture reports on 2021)
    "与2020年收到政府信息公开申请31件相比，本年有所减少。",
    "较上年收到政府信息公开申请31件下降。",
    # a part of the body: its office's share, not the table's
    "其中，区政府办代表区政府受理政府信息公开申请9件。",
    # a party body's documents, not the government's normative documents
    "年内制发党内规范性文件5件。",
])
def test_figures_of_another_year_or_body_are_not_claims(report_text: str, prose: str) -> None:
    tables = validate(report_text, prose)
    assert narrative(tables) == []
    assert tables.reports["status"].to_list() == ["valid"]


def test_the_year_s_own_figure_after_a_comparison_is_still_read(report_text: str) -> None:
    # The comparison's sentence is skipped; the next one states the table's figure.
    prose = "与2020年收到政府信息公开申请31件相比有所减少。本年度共收到政府信息公开申请16件。"
    assert narrative(validate(report_text, prose)) == [("new_received/total", "pass", 16.0, 16.0)]
