"""The comparison report, written from the handmade warehouse of test_views."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest
from test_views import _tables

from pipelines import comparison
from pipelines.comparison import (
    ALL_CHART_IDS,
    CHART_IDS,
    FLAGGED_TABLE_ID,
    is_current,
    write_comparison,
)
from pipelines.warehouse import build_warehouse


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("comparison")
    build_warehouse(folder / "warehouse.duckdb", _tables())
    summary = write_comparison(folder / "warehouse.duckdb", folder / "out" / "comparison.html")
    assert summary.path == folder / "out" / "comparison.html"
    assert (summary.reports, summary.flagged_reports) == (3, 1)
    return summary.path, summary.top_markdown


def _specs(page: str) -> dict[str, dict]:
    block = re.search(r'<script type="application/json" id="chart-specs">(.*?)</script>',
                      page, re.S)
    assert block is not None
    return json.loads(block.group(1))


def _values(spec: dict) -> list[dict]:
    return spec["data"]["values"]


def test_one_chart_per_section_each_drawn_into_its_element(report: tuple[Path, str]) -> None:
    page = report[0].read_text(encoding="utf-8")
    specs = _specs(page)
    assert list(specs) == list(ALL_CHART_IDS) == [*CHART_IDS, "chart-peer-groups",
                                                  "chart-coverage"]
    for chart_id in specs:
        assert page.count(f'id="{chart_id}"') == 1
        assert specs[chart_id]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert [specs[i]["mark"]["type"] for i in CHART_IDS] == ["bar"] * 4


def test_disclosure_rate_by_agency_and_year(report: tuple[Path, str]) -> None:
    spec = _specs(report[0].read_text(encoding="utf-8"))["chart-disclosure-rate"]
    rates = {(v["agency"], v["year"]): v["disclosure_rate"] for v in _values(spec)}
    # (3 + 1) / 10, (4 + 0) / 5, and nothing processed in 2021.
    assert rates == {("甲市卫生健康局", 2020): pytest.approx(0.4),
                     ("乙县统计局", 2019): pytest.approx(0.8),
                     ("甲市卫生健康局", 2021): None}
    assert spec["encoding"]["xOffset"]["field"] == "year"


def test_applicant_mix_denial_reasons_and_outcomes(report: tuple[Path, str]) -> None:
    specs = _specs(report[0].read_text(encoding="utf-8"))
    mix = {(v["report"], v["applicant"]): v["share"] for v in _values(specs["chart-applicant-mix"])
           if v["share"] is not None}
    assert mix == {("甲市卫生健康局 2020", "自然人"): pytest.approx(0.6),
                   ("甲市卫生健康局 2020", "商业企业"): pytest.approx(0.2),
                   ("甲市卫生健康局 2020", "科研机构"): 0.0,
                   ("甲市卫生健康局 2020", "社会公益组织"): 0.0,
                   ("甲市卫生健康局 2020", "法律服务机构"): pytest.approx(0.1),
                   ("甲市卫生健康局 2020", "其他"): pytest.approx(0.1),
                   ("乙县统计局 2019", "自然人"): 1.0}
    denials = {v["reason"]: v["denials"] for v in _values(specs["chart-denial-reasons"])}
    assert len(denials) == 8
    assert denials["（三）1.属于国家秘密"] == 1  # a: 1, b: 0, c: blank
    assert denials["（三）4.保护第三方合法权益"] == 1
    assert sum(denials.values()) == 2
    cases = {(v["proceeding"], v["result"]): v["cases"]
             for v in _values(specs["chart-review-litigation"])}
    assert cases[("admin_reconsideration", "upheld")] == 1  # a: 1, b: 0
    assert cases[("admin_reconsideration", "pending")] == 1
    assert cases[("litigation_after_reconsideration", "pending")] == 1
    assert ("admin_reconsideration", "total") not in cases


def test_flagged_reports_table_and_markdown_preview(report: tuple[Path, str]) -> None:
    page = report[0].read_text(encoding="utf-8")
    table = page[page.index(f'id="{FLAGGED_TABLE_ID}"'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 2  # header + the one error of 乙县统计局
    assert "<td>c1.txt</td><td>乙县统计局</td><td>2019</td><td>outcome_total</td>" in table
    assert report[1].splitlines()[2:] == [
        "| 乙县统计局 | 2019 | 4 | 5 | 80.0% |",
        "| 甲市卫生健康局 | 2020 | 4 | 10 | 40.0% |",
        "| 甲市卫生健康局 | 2021 | 0 | 0 | — |",
    ]


def test_opens_offline(report: tuple[Path, str]) -> None:
    page = report[0].read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", page)
    remote = [t for t in tags if re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", t)]
    assert remote == []
    # Every <script> element of the page itself is inline.
    assert re.findall(r"<script\b[^>]*>", page[page.index("<body>"):]) == [
        '<script type="application/json" id="chart-specs">', "<script>"]
    # The inlined bundle defines vegaEmbed for the page's own script.
    assert len(page) > 500_000 and "vegaEmbed" in page


def test_a_large_corpus_charts_only_its_busiest_reports(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two per-report bars and one flagged row stand for the 40 and 500 of a real corpus.
    monkeypatch.setattr(comparison, "CHART_REPORTS", 2)
    monkeypatch.setattr(comparison, "FLAGGED_ROWS", 0)
    build_warehouse(tmp_path / "w.duckdb", _tables())
    summary = write_comparison(tmp_path / "w.duckdb", tmp_path / "c.html")
    page = summary.path.read_text(encoding="utf-8")
    specs = _specs(page)
    # Processed 10, 5 and 0: the 0 drops out; the rates are those of the full table.
    rates = {(v["agency"], v["year"]): v["disclosure_rate"]
             for v in _values(specs["chart-disclosure-rate"])}
    assert rates == {("甲市卫生健康局", 2020): pytest.approx(0.4),
                     ("乙县统计局", 2019): pytest.approx(0.8)}
    assert "Per-report charts show the 2 reports that handled the most applications" in page
    assert "1 more issue rows: see the view flagged_report_issues." in page
    # Sums still cover every report.
    denials = {v["reason"]: v["denials"] for v in _values(specs["chart-denial-reasons"])}
    assert sum(denials.values()) == 2
    assert summary.reports == 3 and summary.flagged_reports == 1


def test_a_page_knows_whether_it_shows_the_warehouse_as_it_is(tmp_path: Path) -> None:
    warehouse, out = tmp_path / "w.duckdb", tmp_path / "c.html"
    build_warehouse(warehouse, _tables())
    assert not is_current(out, warehouse)  # no page yet
    write_comparison(warehouse, out)
    assert is_current(out, warehouse)
    build_warehouse(warehouse, _tables())  # a new load: the page is stale
    assert not is_current(out, warehouse)
    write_comparison(warehouse, out)
    assert is_current(out, warehouse)
    other = tmp_path / "other.duckdb"
    build_warehouse(other, _tables())
    assert not is_current(out, other)  # drawn from another warehouse file


def test_busiest_reports_are_picked_by_content_not_by_label(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Two reports of 甲市卫生健康局 2020 (printed twice, as HTML and as PDF) and a third:
    # the two busiest are charted, each with its own bar, and nothing of the third.
    monkeypatch.setattr(comparison, "CHART_REPORTS", 2)
    mix = pl.DataFrame({
        "report_id": ["a", "a", "b", "b", "c", "c"],
        "source_file": ["x.html", "x.html", "x.pdf", "x.pdf", "y.txt", "y.txt"],
        "report": ["甲市卫生健康局 2020"] * 4 + ["甲市卫生健康局 2021"] * 2,
        "new_received": [9, 9, 8, 8, 1, 1],
        "applicant_type": ["natural_person", "other_org"] * 3,
        "share": [0.5, 0.5, 1.0, 0.0, 1.0, 0.0],
        "applicant": ["自然人", "其他"] * 3,
    })
    chosen = comparison._most_received(mix)
    assert chosen.columns == ["report", "new_received", "applicant_type", "share", "applicant"]
    assert sorted(set(chosen["report"])) == ["甲市卫生健康局 2020 · x.html",
                                             "甲市卫生健康局 2020 · x.pdf"]
    assert chosen.height == 4
