"""Agency name -> administrative division, called directly.

The region stage reads cpca through its private `_get_one_addr` (the public `transform`
builds a pandas frame per call and dominated the parse). These cases pin what that
function returns, so a cpca upgrade that removes or changes it fails here, by name.
"""

from __future__ import annotations

import pytest

from pipelines.parsing import Region
from pipelines.parsing._region import _address_of, resolve_region


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
