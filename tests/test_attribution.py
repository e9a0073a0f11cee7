"""Which failures are the report's and which may be ours; prose against tables."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.frames import ParseOutcome, SourceDocument, build_batch
from pipelines.parsing import parse_text
from pipelines.validation import validate_batch


def validate(text: str):
    outcome = ParseOutcome(SourceDocument("0" * 64, "r.txt"), parse_text(text))
    return validate_batch(build_batch([outcome]))


@pytest.fixture()
def fixtures(repo_root: Path) -> Path:
    return repo_root / "tests" / "fixtures"


def test_clean_table_failure_is_the_source(fixtures: Path) -> None:
    tables = validate((fixtures / "source_inconsistent_2019.txt").read_text(encoding="utf-8"))
    issues = tables.issues.filter(pl.col("severity") == "error")
    assert sorted(issues["check_name"].to_list()) == ["balance", "balance", "review_total"]
    assert all(m.startswith("r.txt: source inconsistent: ") for m in issues["message"])
    assert tables.reports["status"].to_list() == ["flagged"]


def test_failure_after_a_parser_guess_is_a_possible_misread(fixtures: Path) -> None:
    text = (fixtures / "label_variants_groups_2019.txt").read_text(encoding="utf-8")
    # Print new_received's natural persons blank and drop its other_org cell (0): a row
    # of six that opens with a blank is aligned right, a guess that moves 3 under
    # research_institution and 1 under other_org.
    full = "\t一、本年新收政府信息公开申请数量\t10\t3\t1\t1\t1\t0\t16"
    assert full in text
    text = text.replace(full, "\t一、本年新收政府信息公开申请数量\t/\t3\t1\t1\t1\t16")
    tables = validate(text)
    errors = tables.issues.filter(pl.col("severity") == "error")
    # Research institutions: 3 new + 0 carried over against 1 processed + 0 carried forward.
    assert errors["check_name"].to_list() == ["possible_misread"] * 2
    assert "research_institution" in errors["message"][0]
    assert "= 3 ≠" in errors["message"][0] and "= 1 (the parser had to guess" in errors[
        "message"][0]
    warnings = tables.issues.filter(pl.col("check_name") == "parse_row_aligned")
    assert warnings.height == 1
    assert tables.reports["status"].to_list() == ["flagged"]


def test_prose_that_contradicts_a_cleanly_read_table_is_the_source(fixtures: Path) -> None:
    text = (fixtures / "pdf_spaces_2019.txt").read_text(encoding="utf-8")
    text = text.replace("共收到政府信息公开申请16件", "共收到政府信息公开申请20件")
    tables = validate(text)
    narrative = tables.checks.filter(pl.col("check_name") == "narrative_vs_table").sort("subject")
    assert narrative.select("subject", "status", "lhs", "rhs").rows() == [
        ("carried_forward/total", "pass", 2.0, 2.0),
        ("new_received/total", "fail", 20.0, 16.0),
        ("total_processed/total", "pass", 17.0, 17.0),
    ]
    error = tables.issues.filter(pl.col("check_name") == "narrative_vs_table")
    assert error["severity"].to_list() == ["error"]
    assert error["message"][0].startswith(
        "r.txt: source inconsistent: narrative_vs_table failed for table applications "
        "new_received/total: the text states 20 where the table prints 16 (line ")
    assert tables.reports["status"].to_list() == ["flagged"]
