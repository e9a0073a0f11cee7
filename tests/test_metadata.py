"""Report metadata on small hand-written texts: the title, the agency's fullest printed
name, never a fragment of a sentence, and what is not a report at all.

The texts hold no tables (they load flagged for that); only the metadata is asserted.
"""

from __future__ import annotations

import pytest

from pipelines.parsing import Region, ReportRejected, parse_text
from pipelines.parsing._agency_name import is_agency_name
from pipelines.parsing._metadata import year_and_agency
from pipelines.parsing._normalize import normalize

BODY = """
一、总体情况
本年度，我们认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开。

五、存在的主要问题及改进情况
公开内容还不够全面。
"""


def warnings_of(text: str) -> dict[str, str]:
    report = parse_text(text)
    return {i.check_name: i.message for i in report.issues if i.severity == "warning"}


def test_title_over_two_lines_after_a_marker_line() -> None:
    report = parse_text("- 1 -\n正文\n2022 年天津市教委政府信息公开工作\n年度报告\n" + BODY)
    assert (report.agency, report.agency_as_written, report.year) == (
        "天津市教委", "天津市教委", 2022)
    # An agency of the municipality itself: no city, no county.
    assert report.region == Region("天津市", None, None, "120000")


@pytest.mark.parametrize(("head", "rest"), [
    ("宜宾", "市住房和城乡建设局2023年政府信息公开工作年度报告"),
    ("宜宾市住房和城乡建", "设局2023年政府信息公开工作年度报告"),
    ("宜宾市住房和城乡建设局", "2023年政府信息公开工作年度报告"),
    ("宜宾市住房和城乡建设局2023年政府信息公", "开工作年度报告"),
    # A long name broken past its twentieth character.
    ("双江拉祜族佤族布朗族傣族自治县人力资源和社会保", "障局2023年政府信息公开工作年度报告"),
    # Broken right after an ending an agency may have (办): still one name.
    ("宜宾市住房和城乡建设局信访办", "公室2023年政府信息公开工作年度报告"),
])
def test_a_title_broken_anywhere_outside_its_year(head: str, rest: str) -> None:
    year, agency = year_and_agency(normalize(f"{head}\n{rest}\n" + BODY))
    assert (year, agency) == (2023, (head + rest).split("2023")[0])


@pytest.mark.parametrize("heading", ["宜宾市人民政府", "宜宾市住房和城乡建设局", "首页",
                                     "工作动态"])
def test_a_whole_name_above_a_title_that_names_its_own_agency_is_a_heading(
        heading: str) -> None:
    text = f"# {heading}\n\n## 宜宾市住房和城乡建设局2023年政府信息公开工作年度报告\n" + BODY
    assert year_and_agency(normalize(text)) == (2023, "宜宾市住房和城乡建设局")


def test_a_heading_repeating_a_name_no_map_knows_is_not_joined_to_the_title() -> None:
    text = "# 青溪县教育局\n\n## 青溪县教育局2023年政府信息公开工作年度报告\n" + BODY
    assert year_and_agency(normalize(text)) == (2023, "青溪县教育局")


def test_a_sentence_with_a_year_and_年度报告_is_not_the_title() -> None:
    text = ("正文\n根据条例，本机关编制了本报告，数据统计周期\n"
            "为 2022 年 1 月 1 日至 12 月 31 日。年度报告电子版可在网站下载。\n" + BODY)
    assert year_and_agency(normalize(text)) == (None, None)


@pytest.mark.parametrize("name", ["为", "三是提高依申请公开办理质量", "做好", "我局", "本机关",
                                  "2022年某局", "某局，某办", "首页>政务公开>某某局",
                                  # the tail of a name broken over two lines
                                  "障局", "政府"])
def test_fragments_are_not_agency_names(name: str) -> None:
    assert not is_agency_name(name)


@pytest.mark.parametrize("name", ["天津市教委", "南京市鼓楼区人民政府", "义乌市", "雄安新区",
                                  "本溪市人民政府", "某某街道办事处", "某某县水务局", "某某海关",
                                  "某某市气象台", "某某市妇联", "某某国有林场"])
def test_agency_names(name: str) -> None:
    assert is_agency_name(name)


def test_the_body_prints_the_name_with_its_city() -> None:
    text = ("鼓楼区人民政府\n2022年政府信息公开工作年度报告\n"
            "本报告由南京市鼓楼区人民政府办公室编制。\n" + BODY)
    report = parse_text(text)
    assert report.agency_as_written == "鼓楼区人民政府"
    assert report.agency == "南京市鼓楼区人民政府"
    # 鼓楼区 names several districts: the city in the fuller name settles it.
    assert report.region == Region("江苏省", "南京市", "鼓楼区", "320106")


def test_a_long_autonomous_prefecture_before_the_name_is_part_of_it() -> None:
    # 黔西南布依族苗族自治州: eleven characters before the county's name.
    text = ("兴义市自然资源局2021年政府信息公开工作年度报告\n"
            "本报告由黔西南布依族苗族自治州兴义市自然资源局编制。\n" + BODY)
    report = parse_text(text)
    assert report.agency_as_written == "兴义市自然资源局"
    assert report.agency == "黔西南布依族苗族自治州兴义市自然资源局"
    assert report.region == Region("贵州省", "黔西南布依族苗族自治州", "兴义市", "522301")
    assert is_agency_name("黔西南布依族苗族自治州兴义市")


def test_a_fuller_name_wrapped_over_two_lines() -> None:
    text = ("鼓楼区人民政府\n2022年政府信息公开工作年度报告\n"
            "如对本报告有疑问，请与福州市鼓\n楼区人民政府办公室联系。\n" + BODY)
    report = parse_text(text)
    assert report.agency == "福州市鼓楼区人民政府"
    assert report.region == Region("福建省", "福州市", "鼓楼区", "350102")


def test_a_parent_place_is_added_only_to_a_name_of_its_own_division() -> None:
    text = ("财政局2022年政府信息公开工作年度报告\n"
            "按照上海市财政局的要求编制本报告。\n" + BODY)
    assert parse_text(text).agency == "财政局"


def test_a_zone_title_takes_its_governing_body_and_the_division_it_covers() -> None:
    text = ("雄安新区2021年度政府信息公开工作年度报告\n"
            "本报告由雄安新区管委会办公室编制。\n" + BODY)
    report = parse_text(text)
    assert report.agency_as_written == "雄安新区"
    assert report.agency == "雄安新区管理委员会"
    assert report.region == Region("河北省", "保定市", None, "130600")


def test_a_department_of_a_zone_is_located_in_the_zone() -> None:
    report = parse_text("平潭综合实验区财政金融局2020年度政府信息公开工作年度报告\n" + BODY)
    assert report.agency == "平潭综合实验区财政金融局"
    assert report.region == Region("福建省", "福州市", "平潭县", "350128")


def test_a_place_title_takes_the_government_the_body_names() -> None:
    text = "义乌市2021年政府信息公开工作年度报告\n义乌市人民政府办公室负责编制本报告。\n" + BODY
    assert parse_text(text).agency == "义乌市人民政府"
    # Without a fuller form printed, the place stands as the title prints it.
    assert parse_text("义乌市2021年政府信息公开工作年度报告\n" + BODY).agency == "义乌市"


def test_a_look_alike_county_is_corrected_only_when_the_text_agrees() -> None:
    title = "雎宁县交通运输局2022年政府信息公开工作年度报告\n"
    clued = parse_text(title + "地址：徐州市某某路1号。\n" + BODY)
    assert clued.agency == "睢宁县交通运输局"
    assert clued.agency_as_written == "雎宁县交通运输局"
    assert clued.region == Region("江苏省", "徐州市", "睢宁县", "320324")
    assert "雎宁县" in warnings_of(title + "地址：徐州市某某路1号。\n" + BODY)["region_corrected"]

    alone = parse_text(title + BODY)
    assert alone.agency == "雎宁县交通运输局"  # as printed, with a warning
    assert alone.region == Region()
    message = warnings_of(title + BODY)["region_unresolved"]
    assert "睢宁县 320324" in message and "no clue" in message


def test_an_unknown_county_never_lands_in_another_province() -> None:
    report = parse_text("某某县交通运输局2022年政府信息公开工作年度报告\n" + BODY)
    assert report.agency == "某某县交通运输局"
    assert report.region == Region()
    assert "某某县" in warnings_of(
        "某某县交通运输局2022年政府信息公开工作年度报告\n" + BODY)["region_unresolved"]


@pytest.mark.parametrize("text", [
    "关于做好2022年度政府信息公开工作年度报告编制发布工作的通知\n各区县人民政府：\n"
    "请按要求编制年度报告。\n某某市人民政府办公室\n2023年1月5日\n",
    "某某市2022年度政府信息公开工作年度报告发布会召开\n1月20日，某某市召开发布会。\n",
])
def test_notices_and_news_about_the_reports_are_rejected(text: str) -> None:
    with pytest.raises(ReportRejected, match="^not an annual report: the title is that of "
                                             "another document"):
        parse_text(text)


def test_a_notice_that_publishes_the_report_is_its_title() -> None:
    report = parse_text("关于公布某某县水务局2021年政府信息公开工作年度报告的通知\n" + BODY)
    assert (report.agency, report.year) == ("某某县水务局", 2021)


def test_the_year_may_follow_the_title_in_brackets() -> None:
    report = parse_text("某某县水务局政府信息公开工作年度报告（2021年度）\n" + BODY)
    assert (report.agency, report.year) == ("某某县水务局", 2021)


def test_the_year_may_stand_just_before_报告() -> None:
    report = parse_text("某某县水务局政府信息公开工作2021年度报告\n" + BODY)
    assert (report.agency, report.year) == ("某某县水务局", 2021)


def test_a_sentence_citing_a_notice_does_not_make_the_text_a_notice(repo_root) -> None:
    text = (repo_root / "tests" / "fixtures" / "markdown_pipes_broken_2021.txt").read_text(
        encoding="utf-8")
    title = text.splitlines()[0]
    cited = ("根据《关于做好2021年度政府信息公开工作年度报告编制发布工作的通知》要求，"
             "编制本报告。")
    report = parse_text(text.replace(title, cited))
    # Loaded: no title, so the agency is the signature's and the year unknown.
    assert (report.agency, report.year, len(report.facts)) == ("成都市武侯区民政局", None, 200)


def test_a_list_of_links_is_rejected() -> None:
    text = "\n".join(f"某某县{suffix}2022年政府信息公开工作年度报告"
                     for suffix in ("财政局", "教育局", "水务局", "民政局"))
    with pytest.raises(ReportRejected, match="a list of report titles"):
        parse_text(text)


def test_a_notice_that_carries_the_tables_is_still_rejected(repo_root) -> None:
    # Notices about the reports attach the template's tables; they name no agency.
    text = (repo_root / "tests" / "fixtures" / "markdown_pipes_broken_2021.txt").read_text(
        encoding="utf-8")
    title = text.splitlines()[0]
    notice = "# 关于做好2021年度政府信息公开工作年度报告编制发布工作的通知"
    with pytest.raises(ReportRejected, match="another document") as raised:
        parse_text(text.replace(title, notice))
    assert raised.value.line == 1


@pytest.mark.parametrize("above", [
    # A site's list of other bodies' reports, and of the same body's other years.
    "热点信息\n龙泉市财政局2022年政府信息公开工作年度报告\n龙泉市教育局2022年政府信息公开工作年度报告\n正文",
    "龙泉市林业局2020年政府信息公开工作年度报告\n龙泉市林业局2021年政府信息公开工作年度报告",
])
def test_of_titles_one_under_the_other_the_last_is_the_reports(above: str) -> None:
    lines = normalize(above + "\n龙泉市林业局2022年政府信息公开\n工作年度报告\n"
                      "本报告根据条例编制。\n龙泉市民政局2022年政府信息公开工作年度报告\n")
    assert year_and_agency(lines) == (2022, "龙泉市林业局")


@pytest.mark.parametrize("text", [
    "龙泉市林业局2022年政府信息公开工作年度报告\n2022年政府信息公开工作年度报告\n",
    "2022年政府信息公开工作年度报告\n龙泉市林业局2022年政府信息公开工作年度报告\n",
])
def test_a_title_printed_again_without_its_agency_keeps_the_agency(text: str) -> None:
    assert year_and_agency(normalize(text + "本报告根据条例编制。\n")) == (2022, "龙泉市林业局")
