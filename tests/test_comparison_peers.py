"""The comparison page's peer groups, outliers and coverage, on test_agency_views' corpus:
six valid county health bureaus of 2019 (grant = disclosure rates 0.1 0.2 0.5 0.8 0.9
1.0), a flagged one, a city commission, and one bureau's other years."""

from __future__ import annotations

import json
import re

import pytest
from test_agency_views import _tables

from pipelines.comparison import write_comparison
from pipelines.warehouse import build_warehouse


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("peers")
    build_warehouse(folder / "w.duckdb", _tables())
    return write_comparison(folder / "w.duckdb", folder / "c.html").path.read_text("utf-8")


def _spec(page: str, chart: str) -> dict:
    block = re.search(r'<script type="application/json" id="chart-specs">(.*?)</script>',
                      page, re.S)
    assert block is not None
    return json.loads(block.group(1))[chart]


def test_the_one_large_peer_group_with_its_spread_and_agencies(page: str) -> None:
    rows = _spec(page, "chart-peer-groups")["data"]["values"]
    assert {r["group"] for r in rows} == {"2019 county department health (6 peers)"}
    summary = {r["metric"]: r for r in rows if r["row_kind"] == "summary"}
    disclosure = summary["disclosure_rate"]
    assert (disclosure["n"], disclosure["low"], disclosure["high"]) == (6, pytest.approx(0.1), 1.0)
    assert disclosure["median"] == pytest.approx(0.65)
    # quantile_cont over 6 values: 0.25 at position 1.25 -> 0.2 + 0.25 * 0.3 = 0.275.
    assert disclosure["q1"] == pytest.approx(0.275)
    points = sorted(r["agency"] for r in rows
                    if r["row_kind"] == "point" and r["metric"] == "grant_rate")
    assert points == sorted(["安丘市卫生健康局", "寿光市卫生健康局", "诸城市卫生健康局",
                             "青州市卫生健康局", "昌乐县卫生健康局", "临朐县卫生健康局"])


def test_furthest_from_their_peers_first(page: str) -> None:
    table = page.split('id="table-peer-outliers">', 1)[1].split("</table>", 1)[0]
    agencies = re.findall(r"<tr><td>([^<]+)</td>", table)
    # |rate - 0.65|: 寿光 0.55, 诸城 0.45, 临朐 0.35, 昌乐 0.25, then 安丘 and 青州 0.15.
    assert agencies[:4] == ["寿光市卫生健康局", "诸城市卫生健康局", "临朐县卫生健康局",
                            "昌乐县卫生健康局"]
    assert len(agencies) == 6


def test_coverage_by_level_sector_and_year(page: str) -> None:
    table = page.split('id="table-coverage">', 1)[1].split("</table>", 1)[0]
    rows = [re.findall(r"<td>([^<]*)</td>", row) for row in table.split("<tr>")[2:]]
    assert rows == [
        ["city", "health", "卫生健康", "2019", "1", "1", "0", "0"],
        ["county", "health", "卫生健康", "2018", "1", "1", "0", "0"],
        ["county", "health", "卫生健康", "2019", "7", "6", "1", "0"],
        ["county", "health", "卫生健康", "2021", "1", "1", "0", "0"],
    ]
