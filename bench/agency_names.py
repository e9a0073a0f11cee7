"""Agencies for the synthetic corpus: every level, kind and sector, written under their
full names, their abbreviations and (in the first year) their pre-2018 names.

A corpus report picks one agency from a pool that grows with the corpus (so agencies
report in several years at every size), and one form of its name for that report. The
agency's identity is returned beside it, for the round-trip test of agency_id.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import NamedTuple


class Body(NamedTuple):
    sector: str
    county: str  # the body's name at county level (and city level unless `city` is set)
    province: str  # at province level
    city: str = ""  # at city level, when it differs from the county's
    short: tuple[tuple[str, str], ...] = ()  # (full name, its abbreviation)
    old: str = ""  # the pre-2018 county/city name the reform renamed one to one
    old_province: str = ""
    merged: tuple[str, ...] = ()  # county/city bodies the 2018 reform merged into this one


BODIES: tuple[Body, ...] = (
    Body("health", "卫生健康局", "卫生健康委员会", "卫生健康委员会",
         (("卫生健康局", "卫健局"), ("卫生健康委员会", "卫健委")),
         "卫生和计划生育局", "卫生和计划生育委员会"),
    Body("education", "教育局", "教育厅"),
    Body("public_security", "公安局", "公安厅"),
    Body("natural_resources", "自然资源局", "自然资源厅", old="国土资源局",
         old_province="国土资源厅"),
    Body("ecology_environment", "生态环境局", "生态环境厅", old="环境保护局",
         old_province="环境保护厅"),
    Body("housing_construction", "住房和城乡建设局", "住房和城乡建设厅",
         short=(("住房和城乡建设局", "住建局"), ("住房和城乡建设厅", "住建厅"))),
    Body("transport", "交通运输局", "交通运输厅"),
    Body("market_regulation", "市场监督管理局", "市场监督管理局",
         short=(("市场监督管理局", "市场监管局"),),
         merged=("工商行政管理局", "食品药品监督管理局", "质量技术监督局")),
    Body("human_resources_social_security", "人力资源和社会保障局", "人力资源和社会保障厅",
         short=(("人力资源和社会保障局", "人社局"), ("人力资源和社会保障厅", "人社厅"))),
    Body("civil_affairs", "民政局", "民政厅"),
    Body("finance", "财政局", "财政厅"),
    Body("emergency_management", "应急管理局", "应急管理厅", short=(("应急管理局", "应急局"),),
         old="安全生产监督管理局"),
    Body("agriculture_rural", "农业农村局", "农业农村厅", old="农业局", old_province="农业厅"),
    Body("water_resources", "水利局", "水利厅"),
    Body("culture_tourism", "文化和旅游局", "文化和旅游厅",
         short=(("文化和旅游局", "文旅局"), ("文化和旅游厅", "文旅厅")),
         merged=("文化局", "旅游局")),
    Body("development_reform", "发展和改革局", "发展和改革委员会", "发展和改革委员会",
         (("发展和改革局", "发改局"), ("发展和改革委员会", "发改委"))),
    Body("justice", "司法局", "司法厅"),
    Body("audit", "审计局", "审计厅"),
    Body("medical_security", "医疗保障局", "医疗保障局", short=(("医疗保障局", "医保局"),)),
    Body("veterans_affairs", "退役军人事务局", "退役军人事务厅",
         short=(("退役军人事务局", "退役军人局"),)),
    Body("statistics", "统计局", "统计局"),
    Body("commerce", "商务局", "商务厅"),
    Body("urban_management", "城市管理局", "住房和城乡建设厅", short=(("城市管理局", "城管局"),)),
    Body("other", "工业和信息化局", "工业和信息化厅"),
    Body("general_government", "人民政府", "人民政府"),
    Body("general_government", "人民政府办公室", "人民政府办公厅",
         short=(("人民政府办公室", "政府办公室"),)),
)
# Taxation is a vertical body: 国家税务总局 in front of the place.
TAX_HEADQUARTERS = "国家税务总局"
TOWNSHIPS = ("城关镇", "城东街道", "城西街道", "新华街道", "河东乡")
TOWNSHIP_BODIES = ("人民政府", "办事处")  # a 镇/乡's government, a 街道's office
# Special zones whose administrative committee reports (the parser's zone table places
# them): zone, (province, city, county, adcode) of the division it governs.
ZONE_COMMITTEES = (
    ("平潭综合实验区", ("福建省", "福州市", "平潭县", "350128")),
    ("青岛西海岸新区", ("山东省", "青岛市", "黄岛区", "370211")),
    ("南沙新区", ("广东省", "广州市", "南沙区", "440115")),
)
ZONE_SHARE = 0.015
# Share of agencies per level, roughly the country's (31 provinces, 333 prefectures, 2,800
# counties of some 30 bodies each, 38,000 townships), with provinces and cities raised so
# that a corpus of a few hundred reports still has some.
LEVEL_WEIGHTS = (3, 10, 60, 27)


class DrawnAgency(NamedTuple):
    name: str  # as the report writes it
    region: tuple[str, str | None, str | None, str]  # province, city, county, adcode
    identity: str  # the same for every name of one agency, different between agencies


def draw_agency(seed: int, index: int, year: int, first_year: int, rng: random.Random,
                places: Sequence[tuple[str, str, str, str]]) -> DrawnAgency:
    """The agency of report `index`: from a pool of index // 4 + 40 agencies, so that a
    small corpus is a prefix of a large one and an agency has about four reports."""
    slot = rng.randrange(index // 4 + 40)
    pick = random.Random(f"{seed}:agency:{slot}")
    county, province, city, adcode = pick.choice(places)
    level = pick.choices(("province", "city", "county", "township"), LEVEL_WEIGHTS)[0]
    body = pick.choice(BODIES)
    taxation = pick.random() < 1 / (len(BODIES) + 1)
    if level == "province":
        place, region = province, (province, None, None, adcode[:2] + "0000")
    elif level == "city":
        place, region = city, (province, city, None, adcode[:4] + "00")
    else:
        place, region = county, (province, city, county, adcode)
    if pick.random() < ZONE_SHARE:
        zone, zone_region = pick.choice(ZONE_COMMITTEES)
        return DrawnAgency(zone + "管理委员会", zone_region, f"{zone_region[3]}/{zone}")
    if level == "township":
        township = pick.choice(TOWNSHIPS)
        unit = TOWNSHIP_BODIES[township.endswith("街道")]
        return DrawnAgency(place + township + unit, region, f"{adcode}/{township}")
    if taxation:
        return DrawnAgency(TAX_HEADQUARTERS + place + "税务局", region, f"{region[3]}/税务局")
    top = level == "province"
    full = body.province if top else body.city or body.county
    # The old name of the same body: a city's commission was a commission before, too.
    old = body.old_province if top or body.city else body.old
    identity = f"{region[3]}/{full}"
    if body.merged and not top and year == first_year and pick.random() < 0.3:
        # One of the bodies merged into it reported that year: another agency (its own
        # agency_id, linked to the successor by dim_agency.merged_into_id).
        merged = pick.choice(body.merged)
        return DrawnAgency(place + merged, region, f"{region[3]}/{merged}")
    shorts = [short for long, short in body.short if long == full]
    # The report's own form of the name: the old one in the corpus's first year (half the
    # time), else an abbreviation a quarter of the time, else the full name.
    if old and year == first_year and rng.random() < 0.5:
        return DrawnAgency(place + old, region, identity)
    if shorts and rng.random() < 0.25:
        return DrawnAgency(place + rng.choice(shorts), region, identity)
    return DrawnAgency(place + full, region, identity)
