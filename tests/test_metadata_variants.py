"""Metadata read from hand-written variants of a report's head and foot, at every level of
government and in the ways titles, names, places and dates are printed.

Each case is a short text with no tables (it loads flagged for that): only the metadata is
asserted. A value the text does not settle must come out NULL with a warning.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.parsing import Region, ReportRejected, parse_text

BODY = """
一、总体情况
{year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开。

五、存在的主要问题及改进情况
公开内容还不够全面。
"""
TITLE = "2023年政府信息公开工作年度报告"

NONE = Region()
BEIJING_CHAOYANG = Region("北京市", "北京市", "朝阳区", "110105")
CHANGCHUN_CHAOYANG = Region("吉林省", "长春市", "朝阳区", "220104")


def report(head: str, body: str = "", foot: str = "", year: int = 2023):
    return parse_text(head + "\n" + body + BODY.format(year=year) + foot)


def warnings_of(parsed) -> dict[str, str]:
    return {i.check_name: i.message for i in parsed.issues if i.severity == "warning"}


# (title line(s), text after the title, agency, region)
LEVELS = [
    # 国务院部门: national, no division
    ("国家税务总局" + TITLE, "", "国家税务总局", NONE),
    ("生态环境部" + TITLE, "", "生态环境部", NONE),
    ("浙江省人民政府办公厅" + TITLE, "", "浙江省人民政府办公厅",
     Region("浙江省", None, None, "330000")),
    ("洛阳市生态环境局" + TITLE, "", "洛阳市生态环境局",
     Region("河南省", "洛阳市", None, "410300")),
    ("桐庐县人民政府" + TITLE, "", "桐庐县人民政府",
     Region("浙江省", "杭州市", "桐庐县", "330122")),
    ("桐庐县分水镇人民政府" + TITLE, "", "桐庐县分水镇人民政府",
     Region("浙江省", "杭州市", "桐庐县", "330122")),
    ("上海市黄浦区南京东路街道办事处" + TITLE, "", "上海市黄浦区南京东路街道办事处",
     Region("上海市", "上海市", "黄浦区", "310101")),
    ("国家税务总局洛阳市西工区税务局" + TITLE, "", "国家税务总局洛阳市西工区税务局",
     Region("河南省", "洛阳市", "西工区", "410303")),
    # A title split after the headquarters keeps the branch's line; the body prints the
    # whole name, with or without the city.
    ("国家税务总局\n西工区税务局" + TITLE, "2023年，国家税务总局西工区税务局推进公开。\n",
     "国家税务总局西工区税务局", Region("河南省", "洛阳市", "西工区", "410303")),
    ("国家税务总局\n永寿县税务局" + TITLE, "国家税务总局咸阳市永寿县税务局推进公开。\n",
     "国家税务总局咸阳市永寿县税务局", Region("陕西省", "咸阳市", "永寿县", "610426")),
    ("国家税务总局永寿县税务局" + TITLE, "国家税务总局咸阳市永寿县税务局推进公开。\n",
     "国家税务总局咸阳市永寿县税务局", Region("陕西省", "咸阳市", "永寿县", "610426")),
    # A city printed before the branch but not after the headquarters is no form of it.
    ("国家税务总局永寿县税务局" + TITLE, "咸阳市永寿县税务局推进公开。\n",
     "国家税务总局永寿县税务局", Region("陕西省", "咸阳市", "永寿县", "610426")),
    # Bodies whose names end in 研究室 or 分行 (the central bank's city branch).
    ("洛阳市人民政府研究室" + TITLE, "", "洛阳市人民政府研究室",
     Region("河南省", "洛阳市", None, "410300")),
    ("中国人民银行洛阳市分行" + TITLE, "", "中国人民银行洛阳市分行",
     Region("河南省", "洛阳市", None, "410300")),
    # A city department's district branch serves that district, named whole or short.
    ("杭州市公安局西湖区分局" + TITLE, "", "杭州市公安局西湖区分局",
     Region("浙江省", "杭州市", "西湖区", "330106")),
    ("厦门市公安局思明分局" + TITLE, "", "厦门市公安局思明分局",
     Region("福建省", "厦门市", "思明区", "350203")),
    ("北京市公安局朝阳分局" + TITLE, "", "北京市公安局朝阳分局", BEIJING_CHAOYANG),
    ("长春市公安局朝阳区分局" + TITLE, "", "长春市公安局朝阳区分局", CHANGCHUN_CHAOYANG),
    ("上海市公安局浦东分局" + TITLE, "", "上海市公安局浦东分局",
     Region("上海市", "上海市", "浦东新区", "310115")),
    ("深圳市规划和自然资源局南山管理局" + TITLE, "", "深圳市规划和自然资源局南山管理局",
     Region("广东省", "深圳市", "南山区", "440305")),
    # A branch named after no district of its city stays with the city; a branch of a
    # district's bureau keeps the district.
    ("洛阳市公安局交通管理局" + TITLE, "", "洛阳市公安局交通管理局",
     Region("河南省", "洛阳市", None, "410300")),
    ("洛阳市西工区市场监督管理局王城分局" + TITLE, "", "洛阳市西工区市场监督管理局王城分局",
     Region("河南省", "洛阳市", "西工区", "410303")),
    # Autonomous prefectures by their short name: not 海南省, not 恩施市.
    ("海南州人民政府" + TITLE, "", "海南州人民政府",
     Region("青海省", "海南藏族自治州", None, "632500")),
    ("恩施州人民政府" + TITLE, "", "恩施州人民政府",
     Region("湖北省", "恩施土家族苗族自治州", None, "422800")),
    ("黔东南州财政局" + TITLE, "", "黔东南州财政局",
     Region("贵州省", "黔东南苗族侗族自治州", None, "522600")),
    ("德州市人民政府" + TITLE, "", "德州市人民政府", Region("山东省", "德州市", None, "371400")),
    # Autonomous counties and banners by their place's name alone.
    ("长阳县人民政府" + TITLE, "", "长阳县人民政府",
     Region("湖北省", "宜昌市", "长阳土家族自治县", "420528")),
    ("宜昌市五峰县教育局" + TITLE, "", "宜昌市五峰县教育局",
     Region("湖北省", "宜昌市", "五峰土家族自治县", "420529")),
    ("鄂温克旗人民政府" + TITLE, "", "鄂温克旗人民政府",
     Region("内蒙古自治区", "呼伦贝尔市", "鄂温克族自治旗", "150724")),
    # A street or a zone that starts with a city's short name is not in that city.
    ("南京东路街道办事处" + TITLE, "", "南京东路街道办事处", NONE),
    ("北京路街道办事处" + TITLE, "", "北京路街道办事处", NONE),
    ("杭州湾新区管理委员会" + TITLE, "", "杭州湾新区管理委员会", NONE),
    ("中华人民共和国拱北海关" + TITLE, "", "中华人民共和国拱北海关", NONE),
    # Ambiguous district names, settled only by a clue.
    ("朝阳区人民政府" + TITLE, "", "朝阳区人民政府", NONE),
    ("朝阳区人民政府" + TITLE, "地址：北京市朝阳区某某北路33号\n", "朝阳区人民政府",
     BEIJING_CHAOYANG),
    ("朝阳区人民政府" + TITLE, "我区认真贯彻北京市委部署，学习吉林省经验。\n", "朝阳区人民政府",
     NONE),
    ("鼓楼区教育局" + TITLE, "", "鼓楼区教育局", NONE),
    # A city's or province's short name inside other words settles nothing: a trip to the
    # capital, a street named after a city, a university; the full name does.
    ("朝阳区人民政府" + TITLE, "选派业务骨干赴北京参加政务公开培训。\n", "朝阳区人民政府", NONE),
    ("鼓楼区人民政府" + TITLE, "学习借鉴南京东路街道的做法。\n", "鼓楼区人民政府", NONE),
    ("普陀区人民政府" + TITLE, "集约化平台由浙江大学团队承建。\n", "普陀区人民政府", NONE),
    ("鼓楼区人民政府" + TITLE, "依托徐州市政府信息公开平台发布信息。\n", "鼓楼区人民政府",
     Region("江苏省", "徐州市", "鼓楼区", "320302")),
    # ... unless another's city is printed too, even in short.
    ("鼓楼区人民政府" + TITLE, "赴徐州市学习。福州经验值得借鉴。\n", "鼓楼区人民政府", NONE),
    ("新华区人民政府" + TITLE, "石家庄市新华区\n", "新华区人民政府",
     Region("河北省", "石家庄市", "新华区", "130105")),
    ("江北区人民政府" + TITLE, "", "江北区人民政府", NONE),
    # A province does not settle a name two of its cities have; a city does.
    ("江苏省鼓楼区人民政府" + TITLE, "", "江苏省鼓楼区人民政府", NONE),
    ("江苏省徐州市鼓楼区人民政府" + TITLE, "", "江苏省徐州市鼓楼区人民政府",
     Region("江苏省", "徐州市", "鼓楼区", "320302")),
    ("北京朝阳区卫健委" + TITLE, "", "北京朝阳区卫健委", BEIJING_CHAOYANG),
    # A district printed under a city it is not in: one of them is misprinted.
    ("洛阳市鼓楼区人民政府" + TITLE, "", "洛阳市鼓楼区人民政府", NONE),
    # County-level cities under the province directly: no prefecture, not a placeholder.
    ("仙桃市人民政府" + TITLE, "", "仙桃市人民政府", Region("湖北省", None, "仙桃市", "429004")),
    ("神农架林区人民政府" + TITLE, "", "神农架林区人民政府",
     Region("湖北省", None, "神农架林区", "429021")),
    # Districts made after cpca's table out of a city or a county of the same name: the
    # district's own code from the table of changes, never the old division's.
    ("莱芜区人民政府" + TITLE, "", "莱芜区人民政府",
     Region("山东省", "济南市", "莱芜区", "370116")),
    ("赣州市赣县区人民政府" + TITLE, "", "赣州市赣县区人民政府",
     Region("江西省", "赣州市", "赣县区", "360704")),
    ("宁波市奉化区人民政府" + TITLE, "", "宁波市奉化区人民政府",
     Region("浙江省", "宁波市", "奉化区", "330213")),
    # A town of a city without counties takes the city printed before it.
    ("小榄镇人民政府" + TITLE, "本报告由中山市小榄镇人民政府编制。\n", "中山市小榄镇人民政府",
     Region("广东省", "中山市", None, "442000")),
    # Names no place table knows.
    ("青溪县人民政府" + TITLE, "", "青溪县人民政府", NONE),
    ("分水镇人民政府" + TITLE, "", "分水镇人民政府", NONE),
]


@pytest.mark.parametrize(("head", "body", "agency", "region"), LEVELS,
                         ids=[case[0].removesuffix(TITLE) for case in LEVELS])
def test_agency_and_region_at_every_level(head: str, body: str, agency: str,
                                          region: Region) -> None:
    parsed = report(head, body)
    assert (parsed.agency, parsed.year, parsed.region) == (agency, 2023, region)
    if region == NONE:  # never silently empty
        assert {"region_unresolved", "region_ambiguous"} & warnings_of(parsed).keys()


# Telephone area codes and postcodes confirm one of the divisions a name may be.
CONTACT_CLUES = [
    ("朝阳区人民政府", "联系电话：（010）65090000", BEIJING_CHAOYANG),
    ("朝阳区人民政府", "联系电话：0431-88880000", CHANGCHUN_CHAOYANG),
    ("朝阳区人民政府", "邮政编码：130000", CHANGCHUN_CHAOYANG),
    ("朝阳区人民政府", "邮编：100020", BEIJING_CHAOYANG),
    ("鼓楼区人民政府", "咨询电话：025-83600000", Region("江苏省", "南京市", "鼓楼区", "320106")),
    ("鼓楼区人民政府", "电话：0516 85800000", Region("江苏省", "徐州市", "鼓楼区", "320302")),
    ("鼓楼区人民政府", "通信地址：某某路1号，邮编：350001",
     Region("福建省", "福州市", "鼓楼区", "350102")),
    # Both 南京 and 徐州 are in 江苏: a postcode cannot tell them apart.
    ("鼓楼区人民政府", "邮编：210009", NONE),
    # Clues that disagree settle nothing.
    ("朝阳区人民政府", "联系电话：010-65090000，邮编：130000", NONE),
    # A number that is not a telephone number, and a postcode without its label.
    ("朝阳区人民政府", "共收到申请0431件，编号130000", NONE),
    # An OCR look-alike of a county, confirmed by the area code or postcode of its city.
    ("沐阳县人民政府", "联系电话：0527-83500000", Region("江苏省", "宿迁市", "沭阳县", "321322")),
    ("沐阳县人民政府", "邮编：223600", Region("江苏省", "宿迁市", "沭阳县", "321322")),
    ("沐阳县人民政府", "联系电话：0371-60000000", NONE),
    # A misprint of another kind (务 for 婺): only a city-wide clue may pick the one county
    # a character away; a postcode names a whole province.
    ("务源县财政局", "联系电话：0793-7300000", Region("江西省", "上饶市", "婺源县", "361130")),
    ("务源县财政局", "邮编：333200", NONE),
]


@pytest.mark.parametrize(("agency", "contact", "region"), CONTACT_CLUES)
def test_telephone_and_postcode_confirm_a_division(agency: str, contact: str,
                                                   region: Region) -> None:
    parsed = report(agency + TITLE, contact + "\n")
    assert parsed.region == region
    if region == NONE:
        assert {"region_unresolved", "region_ambiguous"} & warnings_of(parsed).keys()


def test_a_corrected_name_says_which_clue_confirmed_it() -> None:
    parsed = report("沐阳县人民政府" + TITLE, "联系电话：0527-83500000\n")
    assert parsed.agency == "沭阳县人民政府"
    assert "telephone area code 0527" in warnings_of(parsed)["region_corrected"]


# (title line(s), text after the title, text at the end, agency, agency as written)
AGENCY_NAMES = [
    # No agency in the title: the signature's, else the body that says it compiled the
    # report (its drafting office dropped).
    (TITLE, "", "\n洛阳市西工区人民政府\n2024年1月15日\n", "洛阳市西工区人民政府", None),
    (TITLE, "本报告由洛阳市生态环境局编制。\n", "", "洛阳市生态环境局", None),
    (TITLE, "本报告是根据《条例》要求，由洛阳市生态环境局编制的。\n", "", "洛阳市生态环境局", None),
    (TITLE, "本年度报告由洛阳市西工区人民政府办公室根据条例编制。\n", "", "洛阳市西工区人民政府",
     None),
    (TITLE, "本报告由桐庐县卫生健康局办公室负责编制。\n", "", "桐庐县卫生健康局", None),
    # 市政府 names no body on its own; a page's own header is no agency.
    (TITLE, "本报告由市政府办公室编制。\n", "", None, None),
    ("洛阳市人民政府门户网站\n首页 > 政务公开 > 年报\n" + TITLE, "", "", None, None),
    # The compiling body spells out what the title abbreviates.
    ("桐庐县卫健局" + TITLE, "本报告由桐庐县卫生健康局办公室编制。\n", "", "桐庐县卫生健康局",
     "桐庐县卫健局"),
    # A title with a level but no place (市人社局): the signature that spells it out after
    # its place; another body's signature is not it.
    ("市人社局" + TITLE, "", "\n洛阳市人力资源和社会保障局\n2024年1月15日\n",
     "洛阳市人力资源和社会保障局", "市人社局"),
    ("县卫健局" + TITLE, "", "\n洛阳市人力资源和社会保障局\n2024年1月15日\n", "县卫健局",
     "县卫健局"),
    # A line naming a part of the body (its branch) is not a fuller form of its name.
    ("洛阳市财政局" + TITLE, "洛阳市财政局西工分局\n", "", "洛阳市财政局", "洛阳市财政局"),
    # A line that inserts a place names another body: a district's government listed in a
    # city's report is not the city's full name.
    ("洛阳市人民政府" + TITLE, "洛阳市西工区人民政府\n", "", "洛阳市人民政府", "洛阳市人民政府"),
    # A township's or a street's name takes the county and city printed before it.
    ("分水镇人民政府" + TITLE, "本报告由桐庐县分水镇人民政府编制。\n", "", "桐庐县分水镇人民政府",
     "分水镇人民政府"),
    ("分水镇" + TITLE, "本报告由杭州市桐庐县分水镇人民政府编制。\n", "",
     "杭州市桐庐县分水镇人民政府", "分水镇"),
    ("分水镇政府" + TITLE, "", "\n桐庐县分水镇人民政府\n2024年1月15日\n", "桐庐县分水镇人民政府",
     "分水镇政府"),
    ("南京东路街道办事处" + TITLE, "", "\n上海市黄浦区南京东路街道办事处\n2024年1月15日\n",
     "上海市黄浦区南京东路街道办事处", "南京东路街道办事处"),
    ("大兴安岭地区行政公署" + TITLE, "", "", "大兴安岭地区行政公署", "大兴安岭地区行政公署"),
    # The name beside the date signs the report, not a site's footer below it.
    (TITLE, "", "\n洛阳市西工区人民政府\n2024年1月15日\n\n洛阳市人民政府\n网站标识码：4103000001\n",
     "洛阳市西工区人民政府", None),
    (TITLE, "", "\n洛阳市西工区人民政府\n（洛阳市西工区人民政府办公室代章）\n2024年1月15日\n",
     "洛阳市西工区人民政府", None),
    # A site's footer (…主办) is no signature.
    (TITLE, "", "\n洛阳市西工区人民政府\n\n洛阳市人民政府办公室主办\n", "洛阳市西工区人民政府",
     None),
    # A date with no name beside it, and none anywhere: no agency.
    (TITLE, "", "\n2024年1月15日\n", None, None),
]


@pytest.mark.parametrize(("head", "body", "foot", "agency", "as_written"), AGENCY_NAMES)
def test_the_agency_from_title_body_or_signature(head: str, body: str, foot: str,
                                                  agency: str | None,
                                                  as_written: str | None) -> None:
    parsed = report(head, body, foot)
    assert (parsed.agency, parsed.agency_as_written) == (agency, as_written)
    warnings = warnings_of(parsed)
    if agency is None:
        assert warnings["metadata_missing"] == "agency name not found"
    elif as_written is None and "本" in body:
        assert agency in warnings["agency_from_body"]


@pytest.mark.parametrize("head", [
    "洛环〔2024〕3号\n洛阳市生态环境局" + TITLE,
    "洛阳市生态环境局\n洛环〔2024〕3号\n" + TITLE,
    "洛阳市生态环境局\n洛环[2024]第3号\n" + TITLE,
])
def test_a_document_number_above_the_title_is_no_part_of_it(head: str) -> None:
    parsed = report(head)
    assert (parsed.agency, parsed.year) == ("洛阳市生态环境局", 2023)
    assert "metadata_missing" not in warnings_of(parsed)


@pytest.mark.parametrize(("body", "agency"), [
    ("根据《条例》规定，编制洛阳市生态环境局2023年度政府信息公开工作年度报告。\n",
     "洛阳市生态环境局"),
    ("现将洛阳市西工区人民政府2023年政府信息公开工作年度报告公布如下。\n", "洛阳市西工区人民政府"),
    # Wrapped as PDF text wraps it, inside the name.
    ("根据《条例》规定，编制洛阳市生态\n环境局2023年度政府信息公开工作\n年度报告。\n",
     "洛阳市生态环境局"),
    # Names that stand for no one body: none taken.
    ("根据《条例》规定，编制本机关2023年度政府信息公开工作年度报告。\n", None),
    ("现将市政府办公室2023年政府信息公开工作年度报告公布如下。\n", None),
])
def test_the_agency_from_the_sentence_that_names_the_report(body: str,
                                                            agency: str | None) -> None:
    parsed = report(TITLE, body)
    assert parsed.agency == agency
    warnings = warnings_of(parsed)
    if agency is None:
        assert warnings["metadata_missing"] == "agency name not found"
    else:
        assert warnings["agency_from_body"].endswith(
            f"took {agency}, whose report the text says this is")


def test_a_township_is_placed_in_the_county_printed_before_it() -> None:
    parsed = report("分水镇人民政府" + TITLE, "本报告由桐庐县分水镇人民政府编制。\n")
    assert parsed.region == Region("浙江省", "杭州市", "桐庐县", "330122")


AGENCY = "洛阳市西工区人民政府"
SIGNED = "\n" + AGENCY + "\n{date}\n"

# (title, text after the title, text at the end, overview year, year, published_on)
YEARS = [
    # The title's year in Chinese numerals (〇 or the white circle ○) or full-width digits.
    (AGENCY + "二〇二三年政府信息公开工作年度报告", "", "", 2023, 2023, None),
    (AGENCY + "二○二三年度政府信息公开工作报告", "", "", 2023, 2023, None),
    ("２０２３年" + AGENCY + "政府信息公开工作年度报告", "", "", 2023, 2023, None),
    (AGENCY + "二0二三年政府信息公开工作年度报告", "", SIGNED.format(date="二0二四年一月十五日"),
     2023, 2023, dt.date(2024, 1, 15)),
    # A report on year N dated in N+1, in every way a date is printed.
    (AGENCY + TITLE, "", SIGNED.format(date="2024年1月15日"), 2023, 2023, dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "", SIGNED.format(date="2024 年 01 月 15 日"), 2023, 2023,
     dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "", SIGNED.format(date="2024-01-15"), 2023, 2023, dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "", SIGNED.format(date="2024.1.15"), 2023, 2023, dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "", SIGNED.format(date="（2024年1月15日）"), 2023, 2023,
     dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "", SIGNED.format(date="二〇二四年一月十五日"), 2023, 2023,
     dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "", SIGNED.format(date="二○二四年一月十五日"), 2023, 2023,
     dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "", SIGNED.format(date="２０２４年１月１５日"), 2023, 2023,
     dt.date(2024, 1, 15)),
    # The signature and the date on one line.
    (TITLE, "", "\n" + AGENCY + " 2024年1月15日\n", 2023, 2023, dt.date(2024, 1, 15)),
    # A label before the date, what was done that day or a remark after it; 元月 is the
    # first month.
    *[(AGENCY + TITLE, "", SIGNED.format(date=date), 2023, 2023, dt.date(2024, 1, 15))
      for date in ("成文日期：2024年1月15日", "2024年1月15日印发", "2024年1月15日（此件公开发布）",
                   "2024年元月15日")],
    # A month without its day is no date; a page's own date above the title is not the
    # report's.
    (AGENCY + TITLE, "", SIGNED.format(date="二〇二四年一月"), 2023, 2023, None),
    ("发布时间：2024-01-15 10:20\n" + AGENCY + TITLE, "", "", 2023, 2023, None),
    # Dated under the title, as a 公文 is, and not at the end; the date at the end wins.
    (AGENCY + TITLE, "（2024年1月15日）\n", "", 2023, 2023, dt.date(2024, 1, 15)),
    (AGENCY + "\n" + TITLE, "2024年1月15日\n", "", 2023, 2023, dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "（2024年1月15日）\n", SIGNED.format(date="2024年1月20日"), 2023, 2023,
     dt.date(2024, 1, 20)),
    # A date under the title outranks a date alone at the end that no signature is by; a
    # body's two names sign like one.
    (AGENCY + TITLE, "（2024年1月15日）\n", "\n主办：洛阳市人民政府办公室\n2024-02-03\n", 2023,
     2023, dt.date(2024, 1, 15)),
    (AGENCY + TITLE, "（2024年1月15日）\n",
     "\n中共洛阳市委办公室（洛阳市人民政府办公室）\n2024-01-20\n", 2023, 2023,
     dt.date(2024, 1, 20)),
    # A site's footer below the signed date may print the page's date: the signed one is
    # the report's.
    (AGENCY + TITLE, "", SIGNED.format(date="2024年1月15日")
     + "主办：洛阳市人民政府办公室\n网站标识码：4103000001\n2024-01-25\n", 2023, 2023,
     dt.date(2024, 1, 15)),
    # Dated on the last day of its year, when the figures close.
    (AGENCY + TITLE, "", SIGNED.format(date="2023年12月31日"), 2023, 2023, dt.date(2023, 12, 31)),
]


@pytest.mark.parametrize(("head", "body", "foot", "overview", "year", "published"), YEARS)
def test_year_and_publication_date(head: str, body: str, foot: str, overview: int,
                                   year: int, published: dt.date | None) -> None:
    parsed = report(head, body, foot, year=overview)
    assert (parsed.year, parsed.published_on) == (year, published)
    assert "year_conflict" not in warnings_of(parsed)


PERIOD_2022 = "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n"

# The title against the statistics period (or the overview's first sentence) and the date:
# (title, text after the title, text at the end, overview year, year)
YEAR_CONFLICTS = [
    # The period names the year before the title's, the date confirms the period: a title
    # printed with its publication year.
    (AGENCY + TITLE, PERIOD_2022, SIGNED.format(date="2023年1月20日"), 2022, 2022),
    (AGENCY + "2024年政府信息公开工作年度报告", "", SIGNED.format(date="2024年1月20日"), 2023,
     2023),
    # The date confirms the title: a period sentence left over from last year's report.
    (AGENCY + TITLE, PERIOD_2022, SIGNED.format(date="2024年1月20日"), 2023, 2023),
    # Nothing decides: NULL, never a guess.
    (AGENCY + TITLE, PERIOD_2022, "", 2022, None),
    (AGENCY + TITLE, "", "", 2022, None),
    (AGENCY + TITLE, PERIOD_2022, SIGNED.format(date="2025年3月1日"), 2022, None),
]


@pytest.mark.parametrize(("head", "body", "foot", "overview", "year"), YEAR_CONFLICTS)
def test_a_title_year_the_text_contradicts(head: str, body: str, foot: str, overview: int,
                                           year: int | None) -> None:
    parsed = report(head, body, foot, year=overview)
    assert parsed.year == year
    message = warnings_of(parsed)["year_conflict"]
    assert ("year left NULL" in message) == (year is None)


def test_the_period_outweighs_the_overview() -> None:
    parsed = report(AGENCY + TITLE, "统计期限自2023年1月1日起至2023年12月31日止。\n", year=2022)
    assert parsed.year == 2023
    assert "year_conflict" not in warnings_of(parsed)


def test_a_date_before_the_year_ended_is_named_but_kept() -> None:
    parsed = report(AGENCY + TITLE, "", SIGNED.format(date="2023年1月20日"))
    assert (parsed.year, parsed.published_on) == (2023, dt.date(2023, 1, 20))
    assert "before that year ended" in warnings_of(parsed)["year_conflict"]


def fixture_text(repo_root, name: str) -> str:
    return (repo_root / "tests" / "fixtures" / name).read_text(encoding="utf-8")


def damaged(text: str, pairs: list[tuple[str, str]]) -> str:
    for printed, misread in pairs:
        assert printed in text
        text = text.replace(printed, misread)
    return text


def test_the_template_comes_from_table_2_not_from_the_year(repo_root) -> None:
    text = fixture_text(repo_root, "pdf_spaces_2019.txt")
    # A 2019-template report on 2021 and one citing the 2021 notice stay 2019.
    later = damaged(text, [("2020年", "2021年"), ("2021年1月20日", "2022年1月20日")])
    assert (parse_text(later).template, parse_text(later).year) == ("2019", 2021)
    cited = text.replace("一、总体情况\n", "一、总体情况\n按照国办公开办函〔2021〕30号编制。\n", 1)
    assert (parse_text(cited).template, parse_text(cited).year) == ("2019", 2020)


def test_a_title_printed_with_the_publication_year(repo_root) -> None:
    # The fixture is a report on 2020 dated 2021-01-20; its title now says 2021.
    text = fixture_text(repo_root, "pdf_spaces_2019.txt").replace(
        "2020年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告", 1)
    parsed = parse_text(text)
    assert parsed.year == 2020
    assert "took 2020, as the report is dated 2021-01-20" in warnings_of(parsed)["year_conflict"]


def test_a_2019_table_2_with_damaged_headers_is_still_2019(repo_root) -> None:
    text = damaged(fixture_text(repo_root, "pdf_spaces_2019.txt"), [
        ("制作数量", "制乍数量"), ("公开数量", "公幵数量"), ("项目数量", "项日数量"),
        ("采购总金额", "釆购总金额")])
    parsed = parse_text(text)
    assert parsed.template == "2019"
    assert not [i for i in parsed.issues if i.check_name == "parse_template_unknown"]


def test_a_2019_table_2_without_its_header_lines_is_told_by_its_items(repo_root) -> None:
    # 其他对外管理服务事项 and 政府集中采购 are rows of the 2019 table 2 only.
    text = "\n".join(line for line in fixture_text(repo_root, "pdf_spaces_2019.txt").splitlines()
                     if not line.startswith(("信息内容", "制作数量", "项目数量")))
    assert parse_text(text).template == "2019"


ECOLOGY = "洛阳市生态环境局"

# Titles as sites, converters and editors print them: (text above the body, agency)
TITLES = [
    (ECOLOGY + "关于2023年政府信息公开工作年度报告", ECOLOGY),
    (ECOLOGY + "2023年度政府信息公开年报", ECOLOGY),
    ("2023年度" + ECOLOGY + "政府信息公开工作年度报告", ECOLOGY),
    ("《" + ECOLOGY + "2023年政府信息公开工作年度报告》", ECOLOGY),
    ("【" + ECOLOGY + "】2023年政府信息公开工作年度报告", ECOLOGY),
    (ECOLOGY + "2023年政府信息公开工作年度报告（全文）", ECOLOGY),
    ("标题：" + ECOLOGY + TITLE, ECOLOGY),
    # The page's date on the title's line.
    (ECOLOGY + TITLE + " 发布日期：2024-01-20", ECOLOGY),
    # Breadcrumbs before the title, a site's label lines above it.
    ("您当前的位置：首页 > 政务公开 > " + ECOLOGY + TITLE, ECOLOGY),
    ("首页>信息公开>年度报告>" + ECOLOGY + TITLE, ECOLOGY),
    ("信息来源：" + ECOLOGY + " 发布时间：2024-01-15\n" + ECOLOGY + TITLE, ECOLOGY),
    ("索引号：11410300MB0000000X/2024-00012\n发布机构：" + ECOLOGY + "\n" + TITLE, ECOLOGY),
    # Broken over lines, inside the name and inside the topic; spaced out.
    ("洛阳市\n生态环境局\n" + TITLE, ECOLOGY),
    ("洛阳市生态\n环境局2023年政府\n信息公开工作年度报告", ECOLOGY),
    ("洛 阳 市 生 态 环 境 局\n" + TITLE, ECOLOGY),
    (ECOLOGY + "政府信息公开工作年度报告\n（2023年度）", ECOLOGY),
    # A body with two names (合署办公) is stored under its first.
    ("洛阳市教育局（洛阳市语言文字工作委员会办公室）" + TITLE, "洛阳市教育局"),
    # ... unless the first is the Party's and the second the government's: the 条例 binds
    # the government body.
    ("中共洛阳市委办公室（洛阳市人民政府办公室）" + TITLE, "洛阳市人民政府办公室"),
    ("中共洛阳市委办公室\n（洛阳市人民政府办公室）\n" + TITLE, "洛阳市人民政府办公室"),
    ("中共洛阳市委网络安全和信息化委员会办公室（洛阳市互联网信息办公室）" + TITLE,
     "洛阳市互联网信息办公室"),
    ("中共洛阳市委机构编制委员会办公室（洛阳市委编办）" + TITLE,
     "中共洛阳市委机构编制委员会办公室"),
    # An office publishing its government's report: the report is the government's.
    ("洛阳市西工区人民政府办公室关于印发洛阳市西工区2023年政府信息公开工作年度报告的通知\n"
     "本报告由洛阳市西工区人民政府办公室编制。", "洛阳市西工区人民政府"),
    ("关于公布《" + ECOLOGY + "2023年政府信息公开工作年度报告》的公告", ECOLOGY),
    # A party body that discloses like an agency is placed by its city.
    ("中共洛阳市委机构编制委员会办公室" + TITLE, "中共洛阳市委机构编制委员会办公室"),
]


@pytest.mark.parametrize(("head", "agency"), TITLES)
def test_titles_as_they_are_printed(head: str, agency: str) -> None:
    parsed = report(head)
    assert (parsed.agency, parsed.year) == (agency, 2023)
    assert parsed.region == Region("河南省", "洛阳市", "西工区" if "西工区" in agency else None,
                                   "410303" if "西工区" in agency else "410300")


def test_a_name_above_the_title_that_the_signature_contradicts_is_not_taken() -> None:
    # A site's or letterhead's name above a title without an agency, another body signing.
    parsed = report("洛阳市人民政府\n" + TITLE, "", SIGNED.format(date="2024年1月15日"))
    assert (parsed.agency, parsed.agency_as_written, parsed.region) == (None, None, NONE)
    assert "signed 洛阳市西工区人民政府" in warnings_of(parsed)["agency_conflict"]
    # The same body signing, in a fuller or shorter form, confirms the line.
    for signed in (AGENCY, "洛阳市西工区人民政府办公室"):
        parsed = report("西工区人民政府\n" + TITLE, "", f"\n{signed}\n2024年1月15日\n")
        assert parsed.agency == AGENCY
        assert "agency_conflict" not in warnings_of(parsed)


def test_a_report_without_a_title_year_takes_the_period_then_the_overview(repo_root) -> None:
    text = fixture_text(repo_root, "pdf_spaces_2019.txt").replace(
        "教育局2020年政府信息公开", "教育局政府信息公开", 1)
    parsed = parse_text(text)
    assert parsed.year == 2020  # the overview opens 2020年，我局…
    assert warnings_of(parsed)["metadata_missing"].endswith("took 2020 from the overview")
    parsed = parse_text(text.replace("一、总体情况\n", "一、总体情况\n" + PERIOD_2022, 1))
    assert parsed.year == 2022
    assert warnings_of(parsed)["metadata_missing"].endswith("took 2022 from the statistics period")


@pytest.mark.parametrize("printed", [
    "{title}.pdf", "{title}.DOCX", "附件：{title}.pdf", "{title}_洛阳市人民政府",
    "{title} - 洛阳市人民政府门户网站", "{title}（修订版）"])
def test_a_title_printed_as_a_file_or_page_name_is_still_the_report(repo_root,
                                                                     printed: str) -> None:
    text = fixture_text(repo_root, "pdf_spaces_2019.txt")
    title = text.splitlines()[0]
    parsed = parse_text(text.replace(title, printed.format(title=title), 1))
    assert (parsed.agency, parsed.year, len(parsed.facts)) == ("杭州市西湖区教育局", 2020, 198)


def test_an_interpretation_of_a_report_is_another_document(repo_root) -> None:
    text = fixture_text(repo_root, "pdf_spaces_2019.txt")
    title = text.splitlines()[0]
    with pytest.raises(ReportRejected, match="another document"):
        parse_text(text.replace(title, title + "解读", 1))


@pytest.mark.parametrize(("head", "agency", "region"), [
    ("乾安县人民政府" + TITLE, "乾安县人民政府", Region("吉林省", "松原市", "乾安县", "220723")),
    ("陕西省乾县财政局" + TITLE, "陕西省乾县财政局", Region("陕西省", "咸阳市", "乾县", "610424")),
    ("濬縣人民政府2023年政府資訊公開工作年度報告", "浚县人民政府",
     Region("河南省", "鹤壁市", "浚县", "410621")),
])
def test_county_names_the_simplified_conversion_used_to_change(
        head: str, agency: str, region: Region) -> None:
    parsed = report(head)
    assert (parsed.agency, parsed.region) == (agency, region)
