"""Divisions made, renamed, merged and abolished since cpca's table (division_changes.tsv),
and the region a report gets from them in its own year.

Every report here is hand-written: a title with the agency and the year, and a line of
prose. Only the metadata is asserted.
"""

from __future__ import annotations

import csv

import pytest

from pipelines.agencies._places import division_table
from pipelines.parsing import Region, parse_text
from pipelines.parsing._division_changes import (
    changes,
    continuations,
    in_force,
    names_of,
    parse_changes,
)
from pipelines.parsing._places import division, divisions
from pipelines.parsing._region import _address_of, same_division

NONE = Region()
TEXT = """{agency}{year}年政府信息公开工作年度报告

一、总体情况
{year}年，本单位依照条例要求，做好主动公开和依申请公开工作。
"""


def parsed(agency: str, year: int):
    return parse_text(TEXT.format(agency=agency, year=year))


def region_issues(report) -> dict[str, str]:
    return {i.check_name: i.message for i in report.issues if i.check_name.startswith("region")}


# (agency, year of the report, region)
CASES = [
    # Districts made in 2021 out of parts of others (杭州市钱塘区, 临平区), by their bodies
    # of later years, named with or without their city.
    ("杭州市钱塘区人民政府", 2023, Region("浙江省", "杭州市", "钱塘区", "330114")),
    ("临平区卫生健康局", 2022, Region("浙江省", "杭州市", "临平区", "330113")),
    ("杭州市临平区南苑街道办事处", 2024, Region("浙江省", "杭州市", "临平区", "330113")),
    ("国家税务总局临平区税务局", 2021, Region("浙江省", "杭州市", "临平区", "330113")),
    ("杭州市公安局钱塘分局", 2022, Region("浙江省", "杭州市", "钱塘区", "330114")),
    # A county made a county-level city in 2021: its old name to 2021, its new one since.
    ("祁阳县人民政府", 2020, Region("湖南省", "永州市", "祁阳县", "431121")),
    ("祁阳市农业农村局", 2022, Region("湖南省", "永州市", "祁阳市", "431181")),
    ("祁阳市人民政府", 2021, Region("湖南省", "永州市", "祁阳市", "431181")),
    ("祁阳县人民政府", 2021, Region("湖南省", "永州市", "祁阳县", "431121")),
    # A district renamed under its own code (邢台市桥西区 -> 信都区, 2020).
    ("邢台市桥西区人民政府", 2019, Region("河北省", "邢台市", "桥西区", "130503")),
    ("邢台市信都区人民政府", 2022, Region("河北省", "邢台市", "信都区", "130503")),
    # A county and a district merged into a new district (孟津县 + 吉利区 -> 孟津区, 2021).
    ("吉利区人民政府", 2019, Region("河南省", "洛阳市", "吉利区", "410306")),
    ("孟津县教育局", 2020, Region("河南省", "洛阳市", "孟津县", "410322")),
    ("洛阳市孟津区人民政府", 2022, Region("河南省", "洛阳市", "孟津区", "410308")),
    # Two districts merged under one of their names and a new code (三元区, 2021).
    ("三元区人民政府", 2020, Region("福建省", "三明市", "三元区", "350403")),
    ("三明市三元区人民政府", 2021, Region("福建省", "三明市", "三元区", "350404")),
    ("三元区人民政府", 2023, Region("福建省", "三明市", "三元区", "350404")),
    ("梅列区人民政府", 2020, Region("福建省", "三明市", "梅列区", "350402")),
    # A prefecture-level city abolished and its districts given to another (莱芜市 ->
    # 济南市, 2018): 钢城区 keeps its name under a new code.
    ("莱芜市人民政府", 2017, Region("山东省", "莱芜市", None, "371200")),
    ("莱芜市钢城区人民政府", 2017, Region("山东省", "莱芜市", "钢城区", "371203")),
    ("钢城区人民政府", 2019, Region("山东省", "济南市", "钢城区", "370117")),
    ("济南市莱芜区人民政府", 2020, Region("山东省", "济南市", "莱芜区", "370116")),
    # A 地区 made a city: its counties under new codes (那曲, 2017).
    ("那曲市人民政府", 2019, Region("西藏自治区", "那曲市", None, "540600")),
    ("双湖县人民政府", 2020, Region("西藏自治区", "那曲市", "双湖县", "540630")),
    # A county-level city moved to another prefecture (公主岭市: 四平 -> 长春, 2020).
    ("公主岭市人民政府", 2019, Region("吉林省", "四平市", "公主岭市", "220381")),
    ("公主岭市人民政府", 2021, Region("吉林省", "长春市", "公主岭市", "220184")),
    # Made in 2024 and governed by the region directly (no prefecture) in 2021.
    ("和安县人民政府", 2024, Region("新疆维吾尔自治区", "和田地区", "和安县", "653229")),
    ("新星市人民政府", 2022, Region("新疆维吾尔自治区", None, "新星市", "659011")),
]


@pytest.mark.parametrize(("agency", "year", "region"), CASES,
                         ids=[f"{a}{y}" for a, y, _ in CASES])
def test_the_division_of_the_reports_year(agency: str, year: int, region: Region) -> None:
    report = parsed(agency, year)
    assert (report.agency, report.year, report.region) == (agency, year, region)
    assert region_issues(report) == {}


@pytest.mark.parametrize(("agency", "year", "reason"), [
    # Abolished before the report's year: merged into a new one, or given to others.
    ("吉利区人民政府", 2022, "吉利区 (410306) is no division in 2022, the report's year: "
                            "合并 孟津区 (410308) in 2021"),
    ("梅列区人民政府", 2023, "梅列区 (350402) is no division in 2023, the report's year: "
                            "合并 三元区 (350404) in 2021"),
    ("莱芜市人民政府", 2020, "莱芜市 (371200) is no division in 2020, the report's year: "
                            "撤销 莱芜市 (371200) in 2018"),
    # Abolished in 2014 and still in cpca's table of 2016.
    ("开封市金明区人民政府", 2019, "金明区 (410211) is no division in 2019, the report's "
                               "year: 撤销 金明区 (410211) in 2014"),
    ("杭州市下城区人民政府", 2022, "下城区 (330103) is no division in 2022, the report's "
                               "year: 撤销 下城区 (330103) in 2021"),
    # Made after the report's year: a misread year or a misprinted name, not this district.
    ("钱塘区人民政府", 2020, "钱塘区 (330114) is no division in 2020, the report's year"),
    ("和安县人民政府", 2023, "和安县 (653229) is no division in 2023, the report's year"),
])
def test_no_division_outside_the_years_it_existed(agency: str, year: int,
                                                  reason: str) -> None:
    report = parsed(agency, year)
    assert report.region == NONE
    assert region_issues(report) == {"region_unresolved": reason}


@pytest.mark.parametrize(("agency", "year", "region", "reason"), [
    ("临安市财政局", 2020, Region("浙江省", "杭州市", "临安区", "330112"),
     "临安市 (330185) became 临安区 (330112) in 2017 (撤市设区): read as 临安区"),
    ("邢台市桥西区人民政府", 2022, Region("河北省", "邢台市", "信都区", "130503"),
     "桥西区 (130503) became 信都区 (130503) in 2020 (更名): read as 信都区"),
    ("祁阳县人民政府", 2023, Region("湖南省", "永州市", "祁阳市", "431181"),
     "祁阳县 (431121) became 祁阳市 (431181) in 2021 (撤县设市): read as 祁阳市"),
])
def test_a_former_name_of_a_later_year_is_the_division_it_became(
        agency: str, year: int, region: Region, reason: str) -> None:
    report = parsed(agency, year)
    assert report.region == region
    assert region_issues(report) == {"region_renamed": reason}


def test_one_name_two_divisions_in_the_year_is_still_settled_by_the_text() -> None:
    # 南沙区: 广州市's, and 三沙市's since 2020.
    assert parsed("南沙区人民政府", 2019).region == Region("广东省", "广州市", "南沙区", "440115")
    ambiguous = parsed("南沙区人民政府", 2021)
    assert ambiguous.region == NONE
    assert "440115" in region_issues(ambiguous)["region_ambiguous"]
    clued = parse_text(TEXT.format(agency="南沙区人民政府", year=2021) + "地址：三沙市永兴岛\n")
    assert clued.region == Region("海南省", "三沙市", "南沙区", "460303")


def test_a_new_short_form_is_not_matched_inside_a_prefectures() -> None:
    # 黔西 (of 黔西市, 2021) starts 黔西南州, which cpca knows only in full: the short form
    # is not learnt, the full name is.
    assert _address_of("黔西南州财政局", {})["adcode"] is None
    assert not same_division("黔西南州财政局", "黔西市财政局")
    assert parsed("黔西南州财政局", 2022).region == Region(
        "贵州省", "黔西南布依族苗族自治州", None, "522300")
    assert parsed("黔西市财政局", 2022).region == Region("贵州省", "毕节市", "黔西市", "520581")


def test_the_table_rows() -> None:
    rows = changes()
    assert len(rows) == 146
    assert len({(c.adcode, c.name) for c in rows}) == len(rows)
    by_code = {(c.adcode, c.name): c for c in rows}
    linping = by_code[("330113", "临平区")]
    assert (linping.parent, linping.year, linping.kind, linping.former) == (
        "330100", 2021, "新设", ())
    mengjin = by_code[("410308", "孟津区")]
    assert mengjin.former == (("410322", "孟津县"), ("410306", "吉利区"))
    assert not mengjin.same_body
    assert by_code[("330112", "临安区")].same_body
    # Every parent is a division of the merged tables.
    assert all(division(c.parent) is not None for c in rows)
    assert {c.kind for c in rows} == {"新设", "撤县设区", "撤市设区", "撤县设市", "撤区设县",
                                      "撤地设市", "更名", "改隶", "合并", "撤销"}


def test_every_row_joins_cpca_table() -> None:
    # What a row replaces or abolishes is a division of cpca's table or of an earlier row,
    # under that code and name; what it makes is not in cpca's table yet. A mistyped code
    # would leave the old division in force for ever.
    with division_table().open(encoding="utf-8") as handle:
        known = {(row["adcode"][:6], row["name"]) for row in csv.DictReader(handle)}
    made_so_far: set[tuple[str, str]] = set()
    for change in sorted(changes(), key=lambda c: c.year):
        if change.abolishes_itself:
            assert (change.adcode, change.name) in known, change
            continue
        assert (change.adcode, change.name) not in known, change
        assert all(former in known | made_so_far for former in change.former), change
        made_so_far.add((change.adcode, change.name))


def test_years_in_force() -> None:
    assert in_force("330185", "临安市", 2017) and not in_force("330185", "临安市", 2018)
    assert in_force("330112", "临安区", 2017) and not in_force("330112", "临安区", 2016)
    assert in_force("330106", "西湖区", 2010) and in_force("330106", "西湖区", None)
    assert not in_force("371200", "莱芜市", None)
    assert names_of("130502") == ("襄都区", "桥东区")
    assert [(c.adcode, c.name) for c in continuations("542422", "嘉黎县")] == [
        ("540621", "嘉黎县")]
    assert continuations("410306", "吉利区") == ()  # merged: no one division carries it on


def test_the_merged_tables_keep_a_renamed_code_under_both_names() -> None:
    names = {d.name for d in divisions() if d.adcode == "130503"}
    assert names == {"桥西区", "信都区"}
    assert division("130503").name == "信都区"  # a code by its latest name


@pytest.mark.parametrize(("text", "line"), [
    ("adcode\tname\n330113\t临平区\t330100\t2021\t新设\t\n", 2),  # six cells
    ("adcode\n# note\n330113\t临平区\t330100\t2021\t分设\t\t\n", 3),  # unknown kind
    ("adcode\n330113\t临平区\t330100\t2021\t合并\t余杭区\t\n", 2),  # a name without a code
])
def test_a_malformed_row_names_its_line(text: str, line: int) -> None:
    with pytest.raises(ValueError, match=f"line {line}:"):
        parse_changes(text)
