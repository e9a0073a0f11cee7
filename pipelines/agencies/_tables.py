"""The fixed vocabularies agency classification reads: sectors and their keywords,
abbreviations, the 2018 reform's renames and mergers, and the words that mark a kind.

Data only; the rules that apply them are in `_classify.py`.
"""

from __future__ import annotations

from typing import NamedTuple

from pipelines.parsing._region import VERTICAL_HEADQUARTERS


class Sector(NamedTuple):
    code: str
    label: str
    sort_order: int


# The fixed sector vocabulary (dim_sector). Departments outside it are `other`.
SECTORS: tuple[Sector, ...] = tuple(
    Sector(code, label, order)
    for order, (code, label) in enumerate(
        (
            ("general_government", "综合政务"),
            ("health", "卫生健康"),
            ("education", "教育"),
            ("public_security", "公安"),
            ("natural_resources", "自然资源"),
            ("ecology_environment", "生态环境"),
            ("housing_construction", "住房和城乡建设"),
            ("transport", "交通运输"),
            ("market_regulation", "市场监督管理"),
            ("human_resources_social_security", "人力资源和社会保障"),
            ("civil_affairs", "民政"),
            ("finance", "财政"),
            ("emergency_management", "应急管理"),
            ("agriculture_rural", "农业农村"),
            ("water_resources", "水利"),
            ("culture_tourism", "文化和旅游"),
            ("development_reform", "发展和改革"),
            ("justice", "司法"),
            ("audit", "审计"),
            ("medical_security", "医疗保障"),
            ("veterans_affairs", "退役军人事务"),
            ("statistics", "统计"),
            ("taxation", "税务"),
            ("commerce", "商务"),
            ("urban_management", "城市管理"),
            ("other", "其他"),
        ),
        start=1,
    )
)
SECTOR_CODES = frozenset(s.code for s in SECTORS)

# Keyword -> sector, for the body of a department's name (place removed, abbreviations
# expanded). The keyword found earliest in the body decides, so a merged bureau
# (农业农村和水利局) takes its first-named sector; among keywords at the same position the
# longer wins. Predecessor names of the 2018 reform are listed with their successor.
SECTOR_KEYWORDS: dict[str, str] = {
    "卫生健康": "health",
    "卫生和计划生育": "health",
    "卫生计生": "health",
    "卫生局": "health",
    "教育": "education",
    "公安": "public_security",
    "自然资源": "natural_resources",
    "国土资源": "natural_resources",
    "规划和自然资源": "natural_resources",
    "生态环境": "ecology_environment",
    "环境保护": "ecology_environment",
    "住房和城乡建设": "housing_construction",
    "住房城乡建设": "housing_construction",
    "城乡建设": "housing_construction",
    "建设局": "housing_construction",
    "交通运输": "transport",
    "交通局": "transport",
    "市场监督管理": "market_regulation",
    "工商行政管理": "market_regulation",
    "食品药品监督管理": "market_regulation",
    "质量技术监督": "market_regulation",
    "人力资源和社会保障": "human_resources_social_security",
    "人力资源社会保障": "human_resources_social_security",
    "民政": "civil_affairs",
    "财政": "finance",
    "应急管理": "emergency_management",
    "安全生产监督管理": "emergency_management",
    "农业农村": "agriculture_rural",
    "农业和农村": "agriculture_rural",
    "农业局": "agriculture_rural",
    "农牧": "agriculture_rural",
    "水利": "water_resources",
    "水务": "water_resources",
    "文化和旅游": "culture_tourism",
    "文化广电和旅游": "culture_tourism",
    "文化广电旅游": "culture_tourism",
    "文化广电体育和旅游": "culture_tourism",
    "文化体育和旅游": "culture_tourism",
    "文化旅游": "culture_tourism",
    "文化广电新闻出版": "culture_tourism",
    "旅游": "culture_tourism",
    "文化局": "culture_tourism",
    "文化厅": "culture_tourism",
    "文化广电": "culture_tourism",
    "发展和改革": "development_reform",
    "发展改革": "development_reform",
    "司法": "justice",
    "审计": "audit",
    "医疗保障": "medical_security",
    "退役军人事务": "veterans_affairs",
    "统计": "statistics",
    "税务": "taxation",
    "商务": "commerce",
    "城市管理": "urban_management",
    "综合行政执法": "urban_management",
    "城乡规划": "natural_resources",
    "住房和城乡规划建设": "housing_construction",
    "规划局": "natural_resources",
    "法制办": "justice",
}

# Short form -> full form, applied to the end of a name's body (after the place), longest
# first. Only forms that name one body unambiguously.
ABBREVIATIONS: dict[str, str] = {
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "卫计委": "卫生和计划生育委员会",
    "卫计局": "卫生和计划生育局",
    "卫生计生委": "卫生和计划生育委员会",
    "卫生计生局": "卫生和计划生育局",
    "发改委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "发展改革委": "发展和改革委员会",
    "市监局": "市场监督管理局",
    "市场监管局": "市场监督管理局",
    "人社局": "人力资源和社会保障局",
    "人社厅": "人力资源和社会保障厅",
    "人力社保局": "人力资源和社会保障局",
    "住建局": "住房和城乡建设局",
    "住建厅": "住房和城乡建设厅",
    "住建委": "住房和城乡建设委员会",
    "环保局": "环境保护局",
    "文旅局": "文化和旅游局",
    "文旅厅": "文化和旅游厅",
    "文广旅局": "文化广电和旅游局",
    "自规局": "自然资源和规划局",
    "应急局": "应急管理局",
    "安监局": "安全生产监督管理局",
    "工商局": "工商行政管理局",
    "食药监局": "食品药品监督管理局",
    "质监局": "质量技术监督局",
    "国土局": "国土资源局",
    "文广新局": "文化广电新闻出版局",
    "法制办": "法制办公室",
    "国税局": "国家税务局",
    "地税局": "地方税务局",
    "医保局": "医疗保障局",
    "退役军人局": "退役军人事务局",
    "城管局": "城市管理局",
    "综合执法局": "综合行政执法局",
    "教体局": "教育和体育局",
    "工信局": "工业和信息化局",
    "科技局": "科学技术局",
    "国资委": "国有资产监督管理委员会",
    "人防办": "人民防空办公室",
    "管委会": "管理委员会",
    "街道办": "街道办事处",
    "政府办公室": "人民政府办公室",
    "政府办公厅": "人民政府办公厅",
    "政府办": "人民政府办公室",
    "政府": "人民政府",
}

# The 2018 reform's one-to-one renames: the old body and its successor are one agency
# (one agency_id); the old name stays visible as an alias with its years. A body matches
# as a whole (after the place), so 自然资源和规划局 is never read as an old 规划局.
RENAMES_2018: dict[str, str] = {
    "卫生和计划生育委员会": "卫生健康委员会",
    "卫生和计划生育局": "卫生健康局",
    "环境保护局": "生态环境局",
    "环境保护厅": "生态环境厅",
    "国土资源局": "自然资源局",
    "国土资源厅": "自然资源厅",
    "国土资源和规划局": "自然资源和规划局",
    "规划和国土资源局": "规划和自然资源局",
    "规划和国土资源管理委员会": "规划和自然资源委员会",
    "农业局": "农业农村局",
    "农业厅": "农业农村厅",
    "农业委员会": "农业农村委员会",
    "安全生产监督管理局": "应急管理局",
    "粮食局": "粮食和物资储备局",
    # A province's forestry department became its 林业和草原局; a county's 林业局 went
    # into the 自然资源局 in some places and stayed in others, so it is not linked.
    "林业厅": "林业和草原局",
}

# Where a division named the successor otherwise, the renamed body is that one: an old
# name links to an alternative only when the division has reports under it and none
# under the usual successor (pipelines/agencies/_identity.py).
RENAME_ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "自然资源局": ("自然资源和规划局", "规划和自然资源局"),
    "卫生健康局": ("卫生健康委员会",),
    "农业农村局": ("农业农村委员会",),
}

# Mergers of the same reform: several old bodies became one. Each old body keeps its own
# agency_id (two of them may report for the same year), linked to the successor
# (dim_agency.merged_into_id) only when both are of one sector.
MERGERS_2018: dict[str, str] = {
    "工商行政管理局": "市场监督管理局",
    "食品药品监督管理局": "市场监督管理局",
    "质量技术监督局": "市场监督管理局",
    "文化局": "文化和旅游局",
    "旅游局": "文化和旅游局",
    "文化厅": "文化和旅游局",
    "旅游发展委员会": "文化和旅游局",
    "文化广电新闻出版局": "文化和旅游局",
    "城乡规划局": "自然资源和规划局",
    "规划局": "自然资源和规划局",
    "人民政府法制办公室": "司法局",
    "法制办公室": "司法局",
    "国家税务局": "税务局",
    "地方税务局": "税务局",
}

# A province (not a municipality, whose departments are 局 and 委员会) names these
# successors 厅: 河北省安全生产监督管理局 became 河北省应急管理厅.
PROVINCE_SUCCESSORS: dict[str, str] = {
    "应急管理局": "应急管理厅",
    "文化和旅游局": "文化和旅游厅",
    "司法局": "司法厅",
}

# Headquarters named in front of the place by vertically managed bodies
# (国家税务总局潍坊市税务局): the place and the body follow. One list with the parser's.
VERTICAL_PREFIXES = VERTICAL_HEADQUARTERS
# Party bodies are not government agencies: their place is read, no kind or sector is.
PARTY_PREFIXES = ("中国共产党", "中共")

MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})

# A township-level unit at the end of the place: the unit word, in the order tried.
TOWNSHIP_UNITS = ("街道", "民族乡", "镇", "乡", "苏木")
# Words that make a name a special zone (when its body is a 管理委员会 or 工作委员会).
ZONE_WORDS = ("开发区", "高新区", "新区", "实验区", "试验区", "示范区", "园区", "保税区",
              "合作区", "自贸区", "度假区", "风景区", "管理区", "经济区")
