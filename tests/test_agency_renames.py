"""Renames across years (issue 18): linked only by an explicit rule, the 2018 reform's
rename and merger tables or a report's own 原…, and the link visible in dim_agency_alias
or dim_agency.merged_into_id. Names and places are made up for these tests or real
divisions with bodies of our choosing."""

from __future__ import annotations

import hashlib

import polars as pl

from pipelines.agencies import agency_frames
from pipelines.parsing._former_name import former_agency_name

JIASHAN = ("浙江省", "嘉兴市", "嘉善县", "330421")
TONGXIANG = ("浙江省", "嘉兴市", "桐乡市", "330483")


def _id(adcode: str, body: str) -> str:
    return hashlib.sha256(f"adcode:{adcode}|||{body}".encode()).hexdigest()[:16]


def _frames(rows: list[tuple[str, str, int, tuple[str, str, str, str]]]):
    return agency_frames(pl.DataFrame(
        [{"source_file": f, "agency": a, "agency_as_written": a, "year": y,
          "province": r[0], "city": r[1], "county": r[2], "adcode": r[3]}
         for f, a, y, r in rows],
        schema={"source_file": pl.String, "agency": pl.String, "agency_as_written": pl.String,
                "year": pl.Int32, "province": pl.String, "city": pl.String,
                "county": pl.String, "adcode": pl.String}))


def _ids(frames) -> dict[str, str]:
    return dict(frames.report_agencies.iter_rows())


def test_an_old_name_follows_the_successor_its_division_named() -> None:
    # 桐乡市 named its successor 自然资源和规划局; 嘉善县 the usual 自然资源局.
    frames = _frames([
        ("tx2018.txt", "桐乡市国土资源局", 2018, TONGXIANG),
        ("tx2019.txt", "桐乡市自然资源和规划局", 2019, TONGXIANG),
        ("tx2020.txt", "桐乡市自然资源和规划局", 2020, TONGXIANG),
        ("js2018.txt", "嘉善县国土资源局", 2018, JIASHAN),
        ("js2019.txt", "嘉善县自然资源局", 2019, JIASHAN),
    ])
    ids = _ids(frames)
    assert ids["tx2018.txt"] == ids["tx2019.txt"] == _id("330483", "自然资源和规划局")
    assert ids["js2018.txt"] == ids["js2019.txt"] == _id("330421", "自然资源局")
    agencies = {r["agency_id"]: r for r in frames.agencies.iter_rows(named=True)}
    assert len(agencies) == 2
    tongxiang = agencies[_id("330483", "自然资源和规划局")]
    assert (tongxiang["canonical_name"], tongxiang["first_year"], tongxiang["last_year"],
            tongxiang["reports"]) == ("桐乡市自然资源和规划局", 2018, 2020, 3)
    old = frames.aliases.filter(pl.col("alias") == "桐乡市国土资源局").row(0, named=True)
    assert (old["first_year"], old["last_year"], old["renamed_from"]) == (2018, 2018, "国土资源局")
    assert old["classified_by"].endswith(
        "rename_2018:国土资源局->自然资源局; rename_2018_as_named:自然资源和规划局")


def test_an_old_name_alone_takes_the_usual_successor() -> None:
    # Two alternatives named in one division: neither is chosen by likeness.
    frames = _frames([
        ("tx2018.txt", "桐乡市国土资源局", 2018, TONGXIANG),
        ("tx2019a.txt", "桐乡市自然资源和规划局", 2019, TONGXIANG),
        ("tx2019b.txt", "桐乡市规划和自然资源局", 2019, TONGXIANG),
    ])
    assert _ids(frames)["tx2018.txt"] == _id("330483", "自然资源局")
    assert frames.agencies.height == 3


def test_a_province_renamed_body_takes_the_provinces_form() -> None:
    jiangxi = ("江西省", None, None, "360000")
    tianjin = ("天津市", "天津市", None, "120000")
    frames = _frames([
        ("jx2018.txt", "江西省安全生产监督管理局", 2018, jiangxi),
        ("jx2019.txt", "江西省应急管理厅", 2019, jiangxi),
        ("tj2018.txt", "天津市安全生产监督管理局", 2018, tianjin),
        ("tj2019.txt", "天津市应急管理局", 2019, tianjin),
    ])
    ids = _ids(frames)
    assert ids["jx2018.txt"] == ids["jx2019.txt"] == _id("360000", "应急管理厅")
    assert ids["tj2018.txt"] == ids["tj2019.txt"] == _id("120000", "应急管理局")


def test_merged_bodies_keep_their_ids_and_name_their_successor() -> None:
    frames = _frames([
        ("gs2017.txt", "嘉善县工商局", 2017, JIASHAN),
        ("sp2017.txt", "嘉善县食品药品监督管理局", 2017, JIASHAN),
        ("gh2018.txt", "嘉善县城乡规划局", 2018, JIASHAN),
        ("fz2018.txt", "嘉善县人民政府法制办公室", 2018, JIASHAN),
        ("sc2019.txt", "嘉善县市场监督管理局", 2019, JIASHAN),
        ("zg2019.txt", "嘉善县自然资源和规划局", 2019, JIASHAN),
    ])
    ids = _ids(frames)
    assert len(set(ids.values())) == 6
    merged = dict(frames.agencies.select("canonical_name", "merged_into_id").iter_rows())
    market = _id("330421", "市场监督管理局")
    assert merged == {
        "嘉善县工商行政管理局": market,
        "嘉善县食品药品监督管理局": market,
        "嘉善县城乡规划局": _id("330421", "自然资源和规划局"),
        # No 司法局 reports here: the link would point at nothing.
        "嘉善县人民政府法制办公室": None,
        "嘉善县市场监督管理局": None,
        "嘉善县自然资源和规划局": None,
    }


def test_a_report_under_its_former_name_with_yuan_is_the_successor() -> None:
    frames = _frames([
        ("js2018.txt", "原嘉善县环境保护局", 2018, JIASHAN),
        ("js2019.txt", "嘉善县生态环境局", 2019, JIASHAN),
    ])
    ids = _ids(frames)
    assert ids["js2018.txt"] == ids["js2019.txt"] == _id("330421", "生态环境局")
    old = frames.aliases.filter(pl.col("alias") == "原嘉善县环境保护局").row(0, named=True)
    assert (old["first_year"], old["last_year"], old["renamed_from"]) == (2018, 2018, "环境保护局")
    assert "former:原" in old["classified_by"]


def test_the_former_name_a_report_states_is_read_from_its_opening() -> None:
    title = "嘉善县卫生健康局（原嘉善县卫生和计划生育局）2019年政府信息公开工作年度报告"
    assert former_agency_name([title, "", "一、总体情况"]) == "嘉善县卫生和计划生育局"
    opening = ["嘉善县卫生健康局2019年政府信息公开工作年度报告", "一、总体情况",
               "2019年，嘉善县卫生健康局(原卫生和计划生育局)认真贯彻落实《条例》。"]
    assert former_agency_name(opening) == "卫生和计划生育局"
    # Not an agency's name, or past the opening: nothing is stated.
    assert former_agency_name(["（原定于三月）", "一、总体情况"]) is None
    late = [opening[0], *[f"第{n}行" for n in range(12)], "（原嘉善县卫生和计划生育局）"]
    assert former_agency_name(late) is None


def _stated(rows: list[tuple[str, str, str | None, int]]):
    return agency_frames(pl.DataFrame(
        [{"source_file": f, "agency": a, "agency_as_written": a, "agency_former": former,
          "year": y, "province": JIASHAN[0], "city": JIASHAN[1], "county": JIASHAN[2],
          "adcode": JIASHAN[3]} for f, a, former, y in rows],
        schema={"source_file": pl.String, "agency": pl.String, "agency_as_written": pl.String,
                "agency_former": pl.String, "year": pl.Int32, "province": pl.String,
                "city": pl.String, "county": pl.String, "adcode": pl.String}))


def test_a_stated_former_name_links_that_bodys_reports_to_the_agency() -> None:
    frames = _stated([
        ("gh2018.txt", "嘉善县规划局", None, 2018),
        ("zg2019.txt", "嘉善县自然资源和规划局", "规划局", 2019),
        ("zg2020.txt", "嘉善县自然资源和规划局", None, 2020),
        # Not of one sector: the statement is kept as an alias, the bodies stay apart.
        ("ty2018.txt", "嘉善县体育局", None, 2018),
        ("wl2019.txt", "嘉善县文化和旅游局", "嘉善县体育局", 2019),
    ])
    ids = _ids(frames)
    planning = _id("330421", "自然资源和规划局")
    assert ids["gh2018.txt"] == ids["zg2019.txt"] == ids["zg2020.txt"] == planning
    assert ids["ty2018.txt"] == _id("330421", "体育局")
    assert ids["wl2019.txt"] == _id("330421", "文化和旅游局")
    aliases = {(r["agency_id"], r["alias"]): r for r in frames.aliases.iter_rows(named=True)}
    old = aliases[(planning, "嘉善县规划局")]
    # Seen as an agency in 2018 and stated as the former name in 2019.
    assert (old["first_year"], old["last_year"], old["reports"]) == (2018, 2019, 2)
    assert "former_name_stated:（原规划局）" in old["classified_by"]
    stated = aliases[(_id("330421", "文化和旅游局"), "嘉善县体育局")]
    assert (stated["first_year"], stated["last_year"], stated["as_written"]) == (2019, 2019, True)
    assert frames.agencies.height == 3
    merged = dict(frames.agencies.select("canonical_name", "merged_into_id").iter_rows())
    assert merged == {"嘉善县自然资源和规划局": None, "嘉善县体育局": None,
                      "嘉善县文化和旅游局": None}
