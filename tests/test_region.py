"""Agency name -> administrative division, called directly.

The region stage reads cpca through its private `_get_one_addr` (the public `transform`
builds a pandas frame per call and dominated the parse). These cases pin what that
function returns, so a cpca upgrade that removes or changes it fails here, by name.
"""

from __future__ import annotations

import pytest

from pipelines.parsing import Region
from pipelines.parsing._region import _address_of, locate, resolve_region


@pytest.mark.parametrize(("agency", "expected"), [
    # county of a prefecture-level city
    ("山丹县人民政府", Region("甘肃省", "张掖市", "山丹县", "620725")),
    # county-level cities
    ("汾阳市卫生健康和体育局", Region("山西省", "吕梁市", "汾阳市", "141182")),
    ("义乌市市场监督管理局", Region("浙江省", "金华市", "义乌市", "330782")),
    # districts and a county of municipalities: the city is the municipality itself
    ("北京市海淀区教育委员会", Region("北京市", "北京市", "海淀区", "110108")),
    ("上海市浦东新区民政局", Region("上海市", "上海市", "浦东新区", "310115")),
    ("重庆市城口县财政局", Region("重庆市", "重庆市", "城口县", "500229")),
    # a province alone
    ("广东省人民政府", Region("广东省", None, None, "440000")),
])
def test_known_agencies_resolve_to_their_division(agency: str, expected: Region) -> None:
    assert resolve_region(agency, [agency]) == (expected, [])


def test_cpca_record_has_the_keys_the_region_stage_reads() -> None:
    record = _address_of("北京市海淀区教育委员会", {})
    assert record == {"省": "北京市", "市": "市辖区", "区": "海淀区", "地址": "教育委员会",
                      "adcode": "110108"}


def test_unknown_place_has_no_division() -> None:
    region, issues = resolve_region("某某市交通运输局", ["某某市交通运输局"])
    assert region == Region()
    assert [i.check_name for i in issues] == ["region_unresolved"]


def test_ambiguous_county_is_settled_only_by_a_clue_in_the_text() -> None:
    # 朝阳区 is a district of Beijing and of Changchun.
    region, issues = resolve_region("朝阳区人民政府", ["朝阳区人民政府", "2021年度报告"])
    assert region == Region()
    assert [i.check_name for i in issues] == ["region_ambiguous"]
    assert "110105" in issues[0].message and "220104" in issues[0].message

    region, issues = resolve_region("朝阳区人民政府", ["朝阳区人民政府", "长春市人民政府办公厅"])
    assert (region, issues) == (Region("吉林省", "长春市", "朝阳区", "220104"), [])

    region, issues = resolve_region("朝阳区人民政府", ["朝阳区人民政府", "北京市", "政务公开"])
    assert (region, issues) == (Region("北京市", "北京市", "朝阳区", "110105"), [])


@pytest.mark.parametrize("agency", ["某某县人民政府", "沐阳县人民政府", "某某县财政局"])
def test_a_county_cpca_does_not_know_is_never_chongqing(agency: str) -> None:
    # cpca answers these with 重庆市's placeholder 县 (500200); the name prints no 重庆.
    assert _address_of(agency, {})["adcode"] == "500200"
    region, issues = resolve_region(agency, [agency])
    assert region == Region()
    assert [i.check_name for i in issues] == ["region_unresolved"]


def test_a_county_name_inside_another_word_is_not_that_county() -> None:
    # 宁县 (甘肃 庆阳) inside 雎宁县, an OCR form of 睢宁县: no clue, so no region.
    region, issues = resolve_region("雎宁县教育局", ["雎宁县教育局"])
    assert region == Region()
    assert "睢宁县 320324" in issues[0].message


def test_a_look_alike_is_read_when_the_city_is_named() -> None:
    located = locate("毫州市财政局", ["毫州市财政局", "安徽省某某路"])
    assert located.region == Region("安徽省", "亳州市", None, "341600")
    assert located.corrected_agency == "亳州市财政局"
    assert [i.check_name for i in located.issues] == ["region_corrected"]
    # A look-alike under the city printed in the name itself.
    located = locate("宿迁市沐阳县人民政府", ["宿迁市沐阳县人民政府"])
    assert located.region == Region("江苏省", "宿迁市", "沭阳县", "321322")


@pytest.mark.parametrize(("agency", "expected"), [
    ("平潭综合实验区管理委员会", Region("福建省", "福州市", "平潭县", "350128")),
    ("南沙新区管委会", Region("广东省", "广州市", "南沙区", "440115")),
    ("舟山群岛新区管理委员会", Region("浙江省", "舟山市", None, "330900")),
    # Named after its city, but governing one district: the district, not the city.
    ("青岛西海岸新区管理委员会", Region("山东省", "青岛市", "黄岛区", "370211")),
    ("青岛西海岸新区教育和体育局", Region("山东省", "青岛市", "黄岛区", "370211")),
])
def test_special_zones_take_the_division_they_govern(agency: str, expected: Region) -> None:
    assert resolve_region(agency, [agency]) == (expected, [])


def test_a_street_named_like_a_city_is_not_in_that_city() -> None:
    # cpca reads 朝阳 as 朝阳市 (辽宁, 211300); a 朝阳街道 may lie in any county.
    assert _address_of("朝阳街道办事处", {})["adcode"] == "211300"
    region, issues = resolve_region("朝阳街道办事处", ["朝阳街道办事处"])
    assert region == Region()
    assert [i.check_name for i in issues] == ["region_unresolved"]
    assert resolve_region("朝阳市人民政府", [])[0] == Region("辽宁省", "朝阳市", None, "211300")


def test_a_vertical_body_is_placed_by_the_place_after_its_headquarters() -> None:
    located = locate("国家税务总局平原县税务局", [])
    assert located.region == Region("山东省", "德州市", "平原县", "371426")
    assert located.issues == []


def test_city_management_is_a_bureau_not_a_division_called_城市() -> None:
    assert locate("封开县城市管理局", []).region == Region("广东省", "肇庆市", "封开县", "441225")
    assert locate("衡阳市城市管理局", []).region == Region("湖南省", "衡阳市", None, "430400")


def test_one_look_alike_is_read_only_when_the_report_speaks_at_its_level() -> None:
    speaks = ["2023年，我县认真贯彻落实条例，全县共主动公开信息1203条。"]
    corrected = locate("雎宁县人民政府", speaks)
    assert corrected.region == Region("江苏省", "徐州市", "睢宁县", "320324")
    assert corrected.corrected_agency == "睢宁县人民政府"
    assert [i.check_name for i in corrected.issues] == ["region_corrected"]
    silent = locate("雎宁县人民政府", ["本机关认真贯彻落实条例。"])
    assert silent.region == Region()
    assert silent.corrected_agency is None
    assert [i.check_name for i in silent.issues] == ["region_unresolved"]


def test_a_misprint_a_character_away_is_read_only_under_the_city_the_text_names() -> None:
    # 务 for 婺 is no OCR look-alike; 上饶市 has one county a character from 务源县.
    named = locate("务源县财政局", ["在上饶市委、市政府的领导下，本局依法公开信息。"])
    assert named.region == Region("江西省", "上饶市", "婺源县", "361130")
    assert named.corrected_agency == "婺源县财政局"
    assert [i.check_name for i in named.issues] == ["region_corrected"]
    assert "上饶市" in named.issues[0].message
    # The city's short name alone is no clue: it is printed inside other words.
    assert locate("务源县财政局", ["上饶高铁站附近"]).region == Region()
    # No city named: twenty counties are a character from 务源县, none is read.
    unnamed = locate("务源县财政局", ["全县各项工作有序推进。"])
    assert (unnamed.region, unnamed.corrected_agency) == (Region(), None)
    assert [i.check_name for i in unnamed.issues] == ["region_unresolved"]
    # 黄山市 has two counties a character from 翕县 (歙县, 黟县), and a one-character
    # name shares nothing but its ending with them: never read.
    assert locate("翕县财政局", ["黄山市某某路1号"]).region == Region()
    # 宿迁市 has two counties a character from 述阳县: 沭阳县 and 泗阳县.
    two = locate("述阳县教育局", ["宿迁市某某路1号"])
    assert (two.region, two.corrected_agency) == (Region(), None)
    assert [i.check_name for i in two.issues] == ["region_unresolved"]
    assert "沭阳县 321322" in two.issues[0].message and "泗阳县 321323" in two.issues[0].message


def test_a_body_named_as_abolished_is_placed_where_it_was() -> None:
    # A report a reformed-away body publishes under 原…; places that start with 原 stay.
    assert locate("原南漳县环境保护局", []).region == Region("湖北省", "襄阳市", "南漳县", "420624")
    assert locate("原江苏省环境保护厅", []).region == Region("江苏省", None, None, "320000")
    assert locate("原阳县卫生局", []).region == Region("河南省", "新乡市", "原阳县", "410725")
    assert locate("原州区卫生健康局", []).region == Region("宁夏回族自治区", "固原市", "原州区",
                                                   "640402")
