"""Synthetic report corpora: N reports in every layout and damage kind, with expected values.

Each report is drawn from its own `random.Random(f"{seed}:{index}")`, so a corpus is fully
determined by (seed, index) and a corpus of 1,000 is the first 1,000 reports of a corpus of
100,000 with the same seed. The values satisfy every SPEC §6 identity and are mostly
nonzero; a configurable share of reports has exactly one identity broken on purpose (one
check name fails, on the subjects listed in the expected record).

A report is printed in one layout (LAYOUTS) and, when the corpus asks for damage kinds
(DAMAGES), with at most one kind of damage: the ways real reports arrive (blank cells,
markdown converters, Word tables, units in headers, places the parser cannot or must not
resolve, pages that are not reports). Each kind keeps exact expected values: the truth the
damaged text still states. Without damage kinds the corpus is the undamaged one the
benchmark measures.

Written layout (see `write_corpus`):

    <folder>/raw/<index>_<layout>[_<damage>].txt   the reports
    <folder>/expected.jsonl             one record per report, in the format of the
                                        golden files, plus `layout`, `damage`, `status`
                                        and `broken`
    <folder>/manifest.json              seed, size, layouts, damages, counts

`python -m bench.corpus FOLDER --reports N [--seed S] [--broken-share 0.02] [--damages all]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import corpus_columns, corpus_kinds, corpus_rows
from bench.agency_names import draw_agency as draw_named_agency
from bench.corpus_print import Draft, not_a_report, printed_from_browser, render
from bench.places import changed_places, county_places
from pipelines.parsing import vocabulary as vocab

__all__ = [
    "DAMAGES",
    "LAYOUTS",
    "GeneratedReport",
    "generate_report",
    "generate_reports",
    "write_corpus",
]

# Every text layout the generator prints; a new layout joins this tuple with its renderer.
LAYOUTS = ("tabs", "cells", "markdown", "traditional", "spaces", "pipes")
# Layouts of other formats, printed only for the damage kinds that name them (the
# undamaged corpus, which the benchmark measures, stays plain text).
FORMAT_LAYOUTS = ("html", "pdf_unruled", "pdf_ruled", "pdf_layout")

_COLUMN_LAYOUTS = (*LAYOUTS, "html")
# Kinds of the prose around the tables are also printed as PDFs (their tables redrawn).
_PDF_LAYOUTS = ("pdf_ruled", "pdf_unruled")
_PROSE_LAYOUTS = (*LAYOUTS, "html", *_PDF_LAYOUTS)
# Damage kinds, each printed in the layouts where it occurs (all layouts when not listed).
DAMAGE_LAYOUTS: dict[str, tuple[str, ...]] = {
    "blank_cells": LAYOUTS,  # blank cells in tables 2, 3 and 4 (NULL, never 0)
    "spaces_every_table": ("spaces",),  # tables 2 and 4 space-separated like table 3
    "pipe_group_cells": ("pipes",),  # every row repeats its group cells: rows of any width
    "pipe_numbers_below": ("pipes",),  # a row's numbers as a second pipe row under ---
    "pipe_label_split": ("pipes",),  # a label broken over two pipe rows
    "pipe_cell_own_line": ("pipes",),  # a row's last cell on a line of its own
    "pipe_label_lost": ("pipes",),  # two rows without their label: the order tells them
    "t3_no_total_column": LAYOUTS,  # table 3 without 总计: only the printed cells exist
    # A blank table-4 cell inside the row vanishes in PDF text: the row cannot be placed,
    # so the report must be flagged; its table-4 numbers are not scored.
    "spaces_blank_lost": ("spaces",),
    "wan_in_numbers": LAYOUTS,  # decisions printed as 1.23万
    "html_page": ("html",),  # a saved web page: site navigation, tables as <table>
    "html_blank_cells": ("html",),  # ... with blank cells in tables 2, 3 and 4
    "table4_three_tables": ("tabs", "pipes", "spaces"),  # one 5-cell table per proceeding
    "invented_header": ("tabs", "markdown", "pipes", "spaces"),  # header row inside table 3
    "signed_change": ("tabs", "spaces", "pipes"),  # 2019 本年增/减 as 增加4, 减少5, +4, －5
    "word_table2": ("tabs",),  # 2019 table 2 from Word: the 第二十条 cell in every item row
    "units_yuan": LAYOUTS,  # amounts counted in 元, the unit only in the header
    "title_split": _PROSE_LAYOUTS,  # the title over two lines
    "title_preamble": _PROSE_LAYOUTS,  # `正文` or a page mark before the title
    "place_ambiguous": LAYOUTS,  # a district name several cities have: region NULL
    "place_unknown": LAYOUTS,  # a county no map knows (or a typo, no clue): region NULL
    # A county's typo, its city named too: the county, or NULL where two fit.
    "place_typo_with_clue": LAYOUTS,
    "special_zone": LAYOUTS,  # 综合实验区 / 新区: the division it governs
    # A district name several cities have, settled by a telephone area code or a postcode.
    "place_contact_clue": _PROSE_LAYOUTS,
    # A division made since the place table of 2016 (临平区, 2021), or one renamed since
    # under its former name in a later year (临安市 in 2020): the division of the year.
    "place_changed": LAYOUTS,
    # The title prints the year of publication; the overview and the date the data's year.
    "title_publication_year": LAYOUTS,
    # The title names no agency; the prose says 本机关 and the signature names it.
    "agency_in_signature": ("tabs", "cells", "traditional", "spaces", "pipes", "html",
                            *_PDF_LAYOUTS),
    # ... or only the page's <title> above the article's heading (a site's page).
    "agency_in_page_title": ("html",),
    # ... or no signature either: the opening sentence names the report it introduces.
    "agency_in_opening": ("tabs", "cells", "traditional", "spaces", "pipes", "html",
                          *_PDF_LAYOUTS),
    "agency_full_in_body": LAYOUTS,  # the title's short name, the full one below
    "narrative_figures": LAYOUTS,  # the prose restates table figures, rightly
    "narrative_contradiction": _PROSE_LAYOUTS,  # ... and one of them wrongly: flagged
    "not_a_report": ("tabs",),  # a notice, a news item, a list of links: rejected
    # One table-3 row damaged (bench/corpus_rows.py says how and what stays known):
    # a cell line deleted, emptied or moved where every cell has an empty line after it;
    "cells_line_lost": ("cells",),
    # a first-level row (一、二、四、) whose blank <td> was dropped: its cells NULL, flagged;
    "html_first_level_lost_td": ("html",),
    # a markdown row with a cell fewer than its rule line: a lost leading blank reads the
    # same (a warning), a lost number leaves its cells NULL (flagged);
    "pipe_row_short": ("pipes",),
    # the first row's label garbled by OCR: placed by the template order, or, its numbers
    # wrapped over two lines as well or printed one cell per line, numbers before the
    # first row a label names (flagged).
    "t3_first_label_garbled": LAYOUTS,
    # the first row's label broken over two lines, its head alone: read whole.
    "t3_first_label_split": LAYOUTS,
    # Table 2's headers misread past telling the template: table 2 is not read (flagged),
    # the template is settled by table 3's （六）1-3 rows or a year before 2021.
    "t2_headers_garbled": LAYOUTS,
    # A PDF whose tables have no ruling lines, blank cells in all three: a blank is only
    # wider spacing, and each cell is placed under the header cell it stands under.
    "pdf_unruled_blanks": ("pdf_unruled",),
    # The same in a PDF whose tables are ruled: a blank is an empty cell of the grid.
    "pdf_ruled_blanks": ("pdf_ruled",),
    # The same PDF as plain text: the spacing is gone, and a blank cell inside a table-2
    # or table-3 row with it (spaces_blank_lost is table 4's): which cell of the row was
    # blank is unknown, so its printed cells are NULL and the report flagged.
    "spaces_blank_lost_rows": ("spaces",),
    # Kinds first met in hand-written fixtures; bench/corpus_kinds.py draws their forms.
    # A browser's header and footer on every page of a printed web page, also inside
    # table 3: dropped.
    "browser_print_marks": ("tabs", "cells", "markdown", "spaces", "pipes", "pdf_unruled",
                            "pdf_ruled"),
    # Table 3 printing its groups' sums (on the heading, or a 小计 row): checked, not stored.
    "group_subtotals": (*LAYOUTS, "html"),
    # 2019 changes printed 十3 / 一2, and letters for digits in tables 3 and 4 (1O, l, S).
    "ocr_misreads": ("tabs", "spaces", "markdown", "pipes", "cells"),
    # Table 2's 第二十条第（N）项 cell on an item's row or a header's, before its label.
    "t2_article_in_rows": ("tabs", "spaces", "pipes", "html"),
    # The three tables printed after the signature, the sections referring to them.
    "tables_in_appendix": (*LAYOUTS, "html"),
    # Amounts in 亿元, 元 or 万元, the unit in the cell or in the header.
    "money_units": (*LAYOUTS, "html"),
    # Table 3's header prints the applicant columns otherwise than the template (bench/
    # corpus_columns.py): in another order (read as printed), 法人或其他组织 as one column
    # or one of its columns left out (only the printed cells exist: flagged), or in
    # another order with a head misprinted past reading (cells NULL, flagged).
    **dict.fromkeys(corpus_columns.COLUMN_KINDS, _COLUMN_LAYOUTS),
    # pdftotext -layout text of a PDF without ruling lines, blank cells inside rows of
    # all three tables: placed by the columns of the full rows or the heads, read exactly.
    "pdf_layout_blanks": ("pdf_layout",),
}
DAMAGES = tuple(DAMAGE_LAYOUTS)
# Kinds that only exist in one template.
_TEMPLATE_OF = {"signed_change": "2019", "word_table2": "2019"}
# Kinds whose reports are never broken on purpose: a blank cell would hide the failure,
# a rejected file has no checks.
_UNBROKEN = {"blank_cells", "html_blank_cells", "not_a_report", "narrative_figures",
             "narrative_contradiction", "t3_no_total_column", "spaces_blank_lost",
             "pdf_unruled_blanks", "pdf_ruled_blanks", "spaces_blank_lost_rows",
             *corpus_rows.ROW_KINDS,
             *corpus_columns.COLUMN_KINDS, "pdf_layout_blanks"}
# Kinds whose report is flagged at its source or because it cannot be read completely.
_FLAGGED = {"narrative_contradiction", "t3_no_total_column", "spaces_blank_lost",
            "t2_headers_garbled", "spaces_blank_lost_rows", "t3_legal_joined",
            "t3_column_absent", "t3_header_unplaceable"}

# Real county-level divisions whose names are unique in the division tables (cpca and the
# changes since), in force in every year of the corpus, with their region (SPEC §7).
PLACES: tuple[tuple[str, str, str, str], ...] = (
    ("山丹县", "甘肃省", "张掖市", "620725"),
    ("泰来县", "黑龙江省", "齐齐哈尔市", "230224"),
    ("古田县", "福建省", "宁德市", "350922"),
    ("玛纳斯县", "新疆维吾尔自治区", "昌吉回族自治州", "652324"),
    ("遂溪县", "广东省", "湛江市", "440823"),
    ("富平县", "陕西省", "渭南市", "610528"),
    ("靖安县", "江西省", "宜春市", "360925"),
    ("荣成市", "山东省", "威海市", "371082"),
    ("平原县", "山东省", "德州市", "371426"),
    ("封开县", "广东省", "肇庆市", "441225"),
    ("扎兰屯市", "内蒙古自治区", "呼伦贝尔市", "150783"),
    ("伊宁市", "新疆维吾尔自治区", "伊犁哈萨克自治州", "654002"),
    ("满洲里市", "内蒙古自治区", "呼伦贝尔市", "150781"),
    ("衡阳县", "湖南省", "衡阳市", "430421"),
    ("吴桥县", "河北省", "沧州市", "130928"),
    ("灵武市", "宁夏回族自治区", "银川市", "640181"),
    ("开平市", "广东省", "江门市", "440783"),
    ("新蔡县", "河南省", "驻马店市", "411729"),
    ("如东县", "江苏省", "南通市", "320623"),
    ("静宁县", "甘肃省", "平凉市", "620826"),
    ("尤溪县", "福建省", "三明市", "350426"),
    ("睢宁县", "江苏省", "徐州市", "320324"),
    ("鲁甸县", "云南省", "昭通市", "530621"),
    ("介休市", "山西省", "晋中市", "140781"),
    ("获嘉县", "河南省", "新乡市", "410724"),
    ("深泽县", "河北省", "石家庄市", "130128"),
    ("潞城区", "山西省", "长治市", "140406"),
    ("叙永县", "四川省", "泸州市", "510524"),
    ("瑞丽市", "云南省", "德宏傣族景颇族自治州", "533102"),
    ("蕉岭县", "广东省", "梅州市", "441427"),
    ("上蔡县", "河南省", "驻马店市", "411722"),
    ("侯马市", "山西省", "临汾市", "141081"),
)
# District names several cities have (朝阳区: 北京市 and 长春市): with no other clue in the
# text the region is unknown, never one of them (SPEC §7).
AMBIGUOUS_PLACES = ("朝阳区", "鼓楼区", "西湖区", "普陀区", "铁西区", "新华区")
# The same names, each settled by a telephone number or a postcode of one of its cities:
# (district, contact line, province, city (None: a municipality), adcode).
CONTACT_CLUED_PLACES: tuple[tuple[str, str, str, str | None, str], ...] = (
    ("朝阳区", "联系电话：010-6509{n:04d}", "北京市", None, "110105"),
    ("朝阳区", "联系电话：（0431）8876{n:04d}", "吉林省", "长春市", "220104"),
    ("鼓楼区", "咨询电话：025-8360{n:04d}", "江苏省", "南京市", "320106"),
    ("鼓楼区", "联系电话：0516-8580{n:04d}", "江苏省", "徐州市", "320302"),
    ("鼓楼区", "邮政编码：3500{n:02d}", "福建省", "福州市", "350102"),
    ("西湖区", "联系电话：0571-8701{n:04d}", "浙江省", "杭州市", "330106"),
    ("西湖区", "联系电话：0791-8652{n:04d}", "江西省", "南昌市", "360103"),
    ("普陀区", "邮编：2000{n:02d}", "上海市", None, "310107"),
    ("普陀区", "联系电话：0580-3021{n:04d}", "浙江省", "舟山市", "330903"),
    ("新华区", "联系电话：0311-8706{n:04d}", "河北省", "石家庄市", "130105"),
    ("新华区", "联系电话：0375-2922{n:04d}", "河南省", "平顶山市", "410402"),
)
# Typos of rare characters (as OCR makes them) that no map has, or that a loose match takes
# to another province: (county, as mistyped, province, city, adcode).
TYPO_PLACES: tuple[tuple[str, str, str, str, str], ...] = (
    ("睢宁县", "雎宁县", "江苏省", "徐州市", "320324"),
    ("涿州市", "琢州市", "河北省", "保定市", "130681"),
    ("滦南县", "栾南县", "河北省", "唐山市", "130224"),
    ("郯城县", "剡城县", "山东省", "临沂市", "371322"),
    ("浉河区", "狮河区", "河南省", "信阳市", "411502"),
    # Misprints of other kinds (a homophone, a radical lost): the only county of the named
    # city a character away.
    ("邳州市", "丕州市", "江苏省", "徐州市", "320382"),
    ("泗洪县", "四洪县", "江苏省", "宿迁市", "321324"),
    ("盱眙县", "盱怡县", "江苏省", "淮安市", "320830"),
    ("涡阳县", "锅阳县", "安徽省", "亳州市", "341621"),
    ("蕲春县", "祈春县", "湖北省", "黄冈市", "421126"),
)
# Misprints a character away from two counties of the city the text names (述阳县: 沭阳县
# and 泗阳县 of 宿迁市): the clue does not say which, so the region is unknown and the name
# stays as printed (SPEC §7): (as mistyped, province, city).
AMBIGUOUS_TYPOS: tuple[tuple[str, str, str], ...] = (
    ("述阳县", "江苏省", "宿迁市"),
    ("朗溪县", "安徽省", "宣城市"),
    ("伯乡县", "河北省", "邢台市"),
    ("番阳县", "江西省", "上饶市"),
)
# County names no map has: invented, or a typo that no other clue in the text confirms.
UNKNOWN_PLACES = ("望川县", "白石岭县", "桐江县", "某某县", *(t[1] for t in TYPO_PLACES))
# Special zones and the county-level division whose territory they govern (SPEC §7), or
# the city where the zone is a whole city (no county); a municipality's city is left NULL
# (the municipality itself is accepted too).
SPECIAL_ZONES: tuple[tuple[str, str, str | None, str | None, str], ...] = (
    ("平潭综合实验区", "福建省", "福州市", "平潭县", "350128"),
    ("浦东新区", "上海市", None, "浦东新区", "310115"),
    ("滨海新区", "天津市", None, "滨海新区", "120116"),
    ("南沙新区", "广东省", "广州市", "南沙区", "440115"),
    ("青岛西海岸新区", "山东省", "青岛市", "黄岛区", "370211"),
    ("舟山群岛新区", "浙江省", "舟山市", None, "330900"),
)
AGENCY_SUFFIXES = ("卫生健康局", "教育局", "人民政府办公室", "财政局", "自然资源局",
                   "市场监督管理局", "医疗保障局", "住房和城乡建设局")
_NO_REGION = {"province": None, "city": None, "county": None, "adcode": None}

APPLICANTS = tuple(t.code for t in vocab.APPLICANT_TYPES)
_PEOPLE = APPLICANTS[:-1]  # the six columns that add up to `total`
BROKEN_CHECKS = ("balance", "row_total", "outcome_total", "review_total")
_YEARS = {"2019": (2019, 2020), "2021": (2021, 2022, 2023, 2024)}


@dataclass(frozen=True, slots=True)
class GeneratedReport:
    """One synthetic report: its file name, its text, and what the warehouse must hold."""

    file_name: str
    text: str  # for a PDF, the text it was drawn from
    expected: dict  # golden-file format + layout, damage, status and broken
    data: bytes = b""  # the file's bytes where they are not `text` (a PDF)


# --- who publishes it --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Publisher:
    """Who publishes a report, how the report names it, and what the warehouse must hold."""

    agency: str  # expected `agency`
    place: str  # the place named in it, as printed
    region: dict  # expected province, city, county, adcode
    title: str  # the agency as the title prints it ("" when the title names none)
    signature: str = ""  # as the prose and the signature print it, when not the title's
    prose: str = ""  # how the prose names it, when not as the signature does
    clue: str = ""  # a sentence that names the parent city
    identity: str = ""  # the same for every name of one agency ("" where it has no region)
    page_title: str = ""  # an HTML page's <title>, when not the article's heading


def draw_agency(rng: random.Random, damage: str, seed: int, index: int,
                year: int) -> Publisher:
    """The agency of a report with `damage`, and its region.

    The one place agencies and regions are drawn: damage to the place or to where the
    name is printed draws a county body; every other report an agency of any level, kind
    and sector, under one of its names (bench/agency_names.py)."""
    if damage in ("place_ambiguous", "place_unknown"):
        place = rng.choice(AMBIGUOUS_PLACES if damage == "place_ambiguous" else UNKNOWN_PLACES)
        agency = place + rng.choice(AGENCY_SUFFIXES)
        return Publisher(agency, place, dict(_NO_REGION), agency)
    if damage == "place_typo_with_clue":
        county, typo, province, city, adcode = rng.choice(
            TYPO_PLACES + tuple((None, t, p, c, None) for t, p, c in AMBIGUOUS_TYPOS))
        suffix = rng.choice(AGENCY_SUFFIXES)
        clue = rng.choice((f"在{city}委、{city}政府的坚强领导下，各项工作有序推进。",
                           f"地址：{province}{city}{typo}人民路{rng.randint(1, 99)}号。"))
        if county is None:
            return Publisher(typo + suffix, typo, dict(_NO_REGION), typo + suffix, clue=clue)
        region = {"province": province, "city": city, "county": county, "adcode": adcode}
        return Publisher(county + suffix, typo, region, typo + suffix, clue=clue)
    if damage == "place_contact_clue":
        place, contact, province, city, adcode = rng.choice(CONTACT_CLUED_PLACES)
        agency = place + rng.choice(AGENCY_SUFFIXES)
        region = {"province": province, "city": city, "county": place, "adcode": adcode}
        clue = f"如对本报告有疑问，请与本机关联系，{contact.format(n=rng.randint(0, 99))}。"
        return Publisher(agency, place, region, agency, clue=clue)
    if damage == "place_changed":
        place, province, city, county, adcode = rng.choice(changed_places(year))
        agency = place + rng.choice(AGENCY_SUFFIXES)
        region = {"province": province, "city": city, "county": county, "adcode": adcode}
        return Publisher(agency, place, region, agency)
    if damage == "special_zone":
        zone, province, city, county, adcode = rng.choice(SPECIAL_ZONES)
        agency = zone + rng.choice(("管理委员会", *AGENCY_SUFFIXES))
        region = {"province": province, "city": city, "county": county, "adcode": adcode}
        return Publisher(agency, zone, region, agency)
    if damage in ("agency_in_signature", "agency_in_opening", "agency_in_page_title",
                  "agency_full_in_body"):
        place, province, city, adcode = rng.choice(PLACES)
        suffix = rng.choice(AGENCY_SUFFIXES)
        agency = place + suffix
        region = {"province": province, "city": city, "county": place, "adcode": adcode}
        identity = f"{adcode}/{suffix}"
        if damage == "agency_in_signature":
            return Publisher(agency, place, region, "", signature=agency, prose="本机关",
                             identity=identity)
        if damage == "agency_in_page_title":
            site = rng.choice((f"{city}人民政府", f"{place}人民政府门户网站"))
            page = f"{agency}{year}年政府信息公开工作年度报告{rng.choice(('_', ' - ', '|'))}{site}"
            return Publisher(agency, place, region, "", prose="本机关", page_title=page,
                             identity=identity)
        if damage == "agency_in_opening":
            opening = (f"根据《中华人民共和国政府信息公开条例》规定，编制{agency}{year}年度政府"
                       "信息公开工作年度报告。")
            return Publisher(agency, place, region, "", prose="本机关", clue=opening,
                             identity=identity)
        # The fullest form the report prints anywhere is the agency (SPEC §7).
        return Publisher(city + agency, place, region, agency, signature=city + agency,
                         identity=identity)
    drawn = draw_named_agency(seed, index, year, min(_YEARS["2019"]), rng,
                              county_places())
    province, city, county, adcode = drawn.region
    region = {"province": province, "city": city, "county": county, "adcode": adcode}
    return Publisher(drawn.name, county or city or province, region, drawn.name,
                     identity=drawn.identity)


def _figures(rng: random.Random, t3: dict, t4: dict, wrong: bool) -> tuple[str, ...]:
    """Sentences restating table figures; with `wrong`, one of them off by a little."""
    figures = {"received": t3["new_received"]["total"], "done": t3["total_processed"]["total"],
               "forward": t3["carried_forward"]["total"],
               "review": t4["admin_reconsideration"]["total"]}
    if wrong:
        key = rng.choice(sorted(figures))
        figures[key] += rng.choice((1, 2, 3, 10))
    return (f"全年共收到政府信息公开申请{figures['received']}件，办结{figures['done']}件，"
            f"结转下年度继续办理{figures['forward']}件。",
            f"本年度被申请行政复议{figures['review']}件。")


# --- values ------------------------------------------------------------------------------------

def _outcomes(template: str) -> tuple[str, ...]:
    return (vocab.OUTCOME_CODES_SINGLE_OTHER if template == "2019"
            else vocab.OUTCOME_CODES_SPLIT_OTHER)


def _handled(template: str) -> tuple[str, ...]:
    return (vocab.HANDLED_OUTCOMES_SINGLE_OTHER if template == "2019"
            else vocab.HANDLED_OUTCOMES_SPLIT_OTHER)


def _table3(rng: random.Random, template: str) -> dict[str, dict[str, int | None]]:
    """Every column balances (勾稽关系), every row adds up, every outcome total holds."""
    handled = _handled(template)
    table: dict[str, dict[str, int | None]] = {code: {} for code in _outcomes(template)}
    for column in _PEOPLE:
        scale = 40 if column == "natural_person" else rng.choice((0, 2, 5, 12))
        for code in handled:
            table[code][column] = rng.randint(1, scale) if scale and rng.random() < 0.6 else 0
        if column == "natural_person" and not table["granted"][column]:
            table["granted"][column] = rng.randint(1, 30)  # no column of all zeros
        processed = sum(table[code][column] for code in handled)
        forward = rng.randint(0, max(1, processed // 5))
        carried = rng.randint(0, processed + forward)
        table["total_processed"][column] = processed
        table["carried_forward"][column] = forward
        table["carried_over"][column] = carried
        table["new_received"][column] = processed + forward - carried
    for row in table.values():
        row["total"] = sum(row[c] for c in _PEOPLE)
    return table


def _table4(rng: random.Random) -> dict[str, dict[str, int | None]]:
    out = {}
    for term in vocab.PROCEEDINGS:
        parts = [rng.randint(0, 6) for _ in range(4)]
        if not any(parts):
            parts[rng.randrange(4)] = rng.randint(1, 4)
        out[term.code] = {**dict(zip(("upheld", "corrected", "other", "pending"), parts,
                                     strict=True)), "total": sum(parts)}
    return out


def _table2(rng: random.Random, template: str) -> dict[str, dict[str, int | float | None]]:
    out: dict[str, dict[str, int | float | None]] = {}
    for item, measures in vocab.measures_by_item(template).items():
        row: dict[str, int | float | None] = {}
        for measure in measures:
            if measure == "change":
                row[measure] = rng.randint(-20, 20)
            elif measure == "amount_10k_yuan":
                row[measure] = round(rng.uniform(0.5, 900.0), 2)
            else:
                row[measure] = rng.randint(1, 300)
        out[item] = row
    return out


def _break(rng: random.Random, kind: str, template: str, t3: dict, t4: dict) -> list[str]:
    """Break exactly one identity kind; return the subjects whose check must fail."""
    handled = _handled(template)
    if kind == "review_total":
        proceeding = rng.choice([t.code for t in vocab.PROCEEDINGS])
        t4[proceeding]["total"] += 1
        return [proceeding]
    column = "natural_person"
    if kind == "balance":
        # Both the column and the total column stop balancing; no row or outcome sum moves.
        t3["carried_forward"][column] += 1
        t3["carried_forward"]["total"] += 1
        return sorted([column, "total"])
    if kind == "outcome_total":
        row = rng.choice(handled)
        t3[row][column] += 1
        t3[row]["total"] += 1
        return sorted([column, "total"])
    # row_total: move one application between two handled rows of one column; the column's
    # sums stay the same, the two rows' totals no longer add up.
    donor = next(code for code in handled if t3[code][column] > 0)
    taker = rng.choice([code for code in handled if code != donor])
    t3[donor][column] -= 1
    t3[taker][column] += 1
    return sorted([donor, taker])


def _blank_table2(rng: random.Random, t2: dict, count: int) -> None:
    # Only in rows of several measures: a row's only cell left blank reads as missing.
    for item in rng.sample(sorted(i for i in t2 if len(t2[i]) > 1), count):
        t2[item][rng.choice(sorted(t2[item]))] = None


def _blank_cells(rng: random.Random, layout: str, t2: dict, t3: dict, t4: dict,
                 ) -> list[str]:
    """Blank cells (NULL) in all three tables; the table-3 rows that lost a cell without a
    trace. Space-separated text keeps no trace of a blank cell: a row that printed one
    number fewer than its columns cannot say which one it lost, so its printed cells are
    NULL and the report flagged. There the blank is a row's first cell, never printed,
    so no fact."""
    _blank_table2(rng, t2, 2)
    rows = sorted(t3)
    lost = []
    if layout == "spaces":
        lost = rng.sample(rows, 2)
        for row in lost:
            t3[row][APPLICANTS[0]] = None
    else:
        for _ in range(3):
            t3[rng.choice(rows)][rng.choice(APPLICANTS)] = None
    t4[rng.choice(sorted(t4))][rng.choice(("upheld", "corrected", "other", "pending",
                                           "total"))] = None
    return lost


def _in_yuan(rng: random.Random, t2: dict) -> dict[str, tuple[str, str]]:
    """Amounts counted in 元, the unit only in the header: expected in 万元 (SPEC §5)."""
    printed = {}
    for item, row in t2.items():
        if "amount_10k_yuan" in row:
            yuan = rng.randint(1_000, 9_000_000)
            row["amount_10k_yuan"] = yuan / 10_000
            printed[item] = (str(yuan), corpus_kinds.UNIT_HEADERS[item][1])
    return printed


# --- reports -----------------------------------------------------------------------------------

def variant(index: int, layouts: Sequence[str], damages: Sequence[str]) -> tuple[str, str]:
    """(layout, damage) of report `index`: kinds take turns (with undamaged reports among
    them), and each kind cycles through the layouts it is printed in."""
    kinds = ("none", *damages)
    damage = kinds[index % len(kinds)]
    if damage == "none":
        return layouts[(index // len(kinds)) % len(layouts)], damage
    allowed = [layout for layout in DAMAGE_LAYOUTS[damage]
               if layout in layouts or layout in FORMAT_LAYOUTS]
    if not allowed:
        raise ValueError(f"damage {damage!r} is printed in none of the layouts {layouts}")
    return allowed[(index // len(kinds)) % len(allowed)], damage


def generate_report(seed: int, index: int, *, broken_share: float = 0.02,
                    layouts: Sequence[str] = LAYOUTS,
                    damages: Sequence[str] = ()) -> GeneratedReport:
    """Report number `index` of the corpus drawn with `seed` (independent of the others)."""
    rng = random.Random(f"{seed}:{index}")
    layout, damage = variant(index, layouts, damages)
    template = rng.choice(vocab.TEMPLATES)
    template = _TEMPLATE_OF.get(damage, template)
    year = rng.choice(_YEARS[template])
    publisher = draw_agency(rng, damage, seed, index, year)
    published = dt.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
    suffix = {"html": ".html", "pdf_unruled": ".pdf", "pdf_ruled": ".pdf"}.get(layout, ".txt")
    file_name = f"{index:06d}_{layout}{'' if damage == 'none' else '_' + damage}{suffix}"
    if damage == "not_a_report":
        return _rejected(file_name, not_a_report(publisher.place, year, rng), layout, damage)
    t2, t3, t4 = _table2(rng, template), _table3(rng, template), _table4(rng)
    broken = None
    if damage not in _UNBROKEN and rng.random() < broken_share:
        kind = rng.choice(BROKEN_CHECKS)
        broken = {"check_name": kind, "subjects": _break(rng, kind, template, t3, t4)}
    if layout == "traditional":
        # Blank cells printed as a no-break space (seed 004) are NULL, never 0.
        _blank_table2(rng, t2, 2)
    lost: list[str] = []
    if damage in ("blank_cells", "html_blank_cells", "pdf_unruled_blanks", "pdf_ruled_blanks"):
        lost = _blank_cells(rng, layout, t2, t3, t4)
    form = corpus_kinds.draw_form(rng, damage, layout)
    money = _in_yuan(rng, t2) if damage == "units_yuan" else {}
    if damage == "money_units":
        money = corpus_kinds.money(rng, t2, form)
    ocr = (corpus_kinds.ocr_cells(rng, template, form, t2, t3, t4)
           if damage == "ocr_misreads" else None)
    wan: tuple[str, ...] = ()
    if damage == "wan_in_numbers":
        wan = ("licensing", "penalty")
        for item in wan:
            t2[item]["decisions"] = rng.randint(11, 999) * 100
    if damage == "spaces_blank_lost":
        proceeding = rng.choice([p.code for p in vocab.PROCEEDINGS])
        t4[proceeding][rng.choice(("corrected", "other", "pending"))] = None
    unread: tuple[str, str] = ("", "")  # the table-2 item and table-3 row that lost a blank
    if damage == "spaces_blank_lost_rows":
        # Inside the row, neither first nor last: no layout rule tells where it was.
        item = rng.choice(sorted(i for i in t2 if len(t2[i]) > 2))
        t2[item][list(t2[item])[1]] = None
        row = rng.choice(sorted(t3))
        t3[row][APPLICANTS[rng.randrange(1, len(APPLICANTS) - 1)]] = None
        unread = (item, row)
    if damage == "pdf_layout_blanks":
        corpus_columns.blank_inside(rng, t2, t3, t4)
    columns: list[str] = []
    if damage in corpus_columns.COLUMN_KINDS:
        columns = corpus_columns.choose_columns(rng, damage)
        corpus_columns.prepare_values(damage, columns, t3)
    spot = None
    if damage in corpus_rows.ROW_KINDS:
        spot = corpus_rows.choose(rng, damage, _outcomes(template), t3, layout)
    prose = (publisher.clue,) if publisher.clue else ()
    if damage in ("narrative_figures", "narrative_contradiction"):
        prose = _figures(rng, t3, t4, wrong=damage == "narrative_contradiction")
    draft = Draft(publisher.title, year, template, published, t2, t3, t4, index, damage, money,
                  publisher.signature, publisher.prose, prose, wan, spot, form,
                  ocr.cells if ocr else {}, tuple(columns), publisher.page_title)
    pdf = layout in ("pdf_unruled", "pdf_ruled")
    text = render("tabs" if pdf else layout, draft, rng, marks=not pdf)
    expected = {
        "file": file_name,
        "agency": publisher.agency,
        "year": year,
        "template": template,
        "script": "traditional" if layout == "traditional" else "simplified",
        "region": publisher.region,
        "agency_identity": publisher.identity,
        "published_on": published.isoformat(),
        "applications": t3,
        "review_litigation": t4,
        "proactive": t2,
        "layout": layout,
        "damage": damage,
        "status": "flagged" if broken or lost or damage in _FLAGGED else "valid",
        "broken": broken,
        "form": form,
        # Issue codes the warehouse must hold for the report (beside any a break causes).
        "issues": corpus_kinds.expected_issues(damage, ocr),
    }
    if ocr is not None:
        expected["status"] = "flagged" if broken or ocr.flagged else "valid"
        for item, measure in ocr.nulls:
            expected["proactive"][item][measure] = None
        # A misread the checks refute is stored as read, in a flagged report: not scored.
        expected["unscored"] = [["applications", row, col] for row, col in ocr.unscored]
    if damage == "t3_no_total_column":
        expected["applications"] = {row: {c: v for c, v in cells.items() if c != "total"}
                                    for row, cells in t3.items()}
    if lost:
        expected["applications"] = {
            row: {c: None for c in APPLICANTS[1:]} if row in lost else cells
            for row, cells in t3.items()}
    if damage == "spaces_blank_lost":
        expected["unplaceable"] = ["review_litigation"]
    if damage == "t2_headers_garbled":
        expected["proactive"] = {}
    if unread[0]:
        # A short row's printed cells stand, NULL, under its last columns (aligned right).
        item, row = unread
        expected["proactive"][item] = dict.fromkeys(list(t2[item])[1:])
        expected["applications"][row] = dict.fromkeys(APPLICANTS[1:])
    if spot is not None:
        expected["applications"], flagged = corpus_rows.expected(spot, t3)
        expected["status"] = "flagged" if flagged else "valid"
    if columns:
        expected["applications"], flagged = corpus_columns.expected(damage, columns, t3)
        expected["status"] = "flagged" if flagged else "valid"
    if pdf:
        # A browser's header and footer are drawn on the PDF's pages, not in its text.
        chrome = printed_from_browser(draft, rng) if damage == "browser_print_marks" else None
        return GeneratedReport(file_name, text, expected, _pdf(layout, text, expected, chrome))
    return GeneratedReport(file_name, text, expected)


def _pdf(layout: str, text: str, expected: dict, browser: tuple[str, str, bool] | None
         ) -> bytes:
    # Imported here: the PDF renderer (bench.documents) needs the test fixtures' fonts
    # and fpdf, which the undamaged corpus and most kinds never use.
    from bench.documents import render as publish

    # The font's bitmap table cannot be subset and is dropped: harmless, said per file.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    return publish(layout, text, expected, browser=browser)


def _rejected(file_name: str, text: str, layout: str, damage: str) -> GeneratedReport:
    expected = {
        "file": file_name, "agency": None, "year": None, "template": None, "script": None,
        "region": dict(_NO_REGION), "published_on": None,
        "applications": {}, "review_litigation": {}, "proactive": {},
        "layout": layout, "damage": damage, "status": "rejected", "broken": None,
    }
    return GeneratedReport(file_name, text, expected)


def generate_reports(n: int, seed: int = 0, *, broken_share: float = 0.02,
                     layouts: Sequence[str] = LAYOUTS, damages: Sequence[str] = (),
                     start: int = 0) -> Iterator[GeneratedReport]:
    for index in range(start, start + n):
        yield generate_report(seed, index, broken_share=broken_share, layouts=layouts,
                              damages=damages)


def write_corpus(folder: Path, n: int, seed: int = 0, *, broken_share: float = 0.02,
                 layouts: Sequence[str] = LAYOUTS, damages: Sequence[str] = ()) -> Path:
    """Write `n` reports to `folder/raw` and their expected values; return the raw folder."""
    folder = Path(folder)
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with (folder / "expected.jsonl").open("w", encoding="utf-8") as expected:
        for report in generate_reports(n, seed, broken_share=broken_share, layouts=layouts,
                                       damages=damages):
            if report.data:
                (raw / report.file_name).write_bytes(report.data)
            else:
                (raw / report.file_name).write_text(report.text, encoding="utf-8")
            expected.write(json.dumps(report.expected, ensure_ascii=False) + "\n")
            counts[report.expected["status"]] = counts.get(report.expected["status"], 0) + 1
    manifest = {"reports": n, "seed": seed, "broken_share": broken_share,
                "layouts": list(layouts), "damages": list(damages), "status_counts": counts}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return raw


def read_expected(folder: Path) -> dict[str, dict]:
    """file name -> expected record, as written by `write_corpus`."""
    lines = (Path(folder) / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    records = (json.loads(line) for line in lines if line)
    return {record["file"]: record for record in records}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--reports", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--broken-share", type=float, default=0.02)
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--damages", default="",
                        help="comma-separated damage kinds, or `all` (default: none)")
    args = parser.parse_args(argv)
    damages = DAMAGES if args.damages == "all" else tuple(filter(None, args.damages.split(",")))
    write_corpus(args.folder, args.reports, args.seed, broken_share=args.broken_share,
                 layouts=tuple(args.layouts.split(",")), damages=damages)


if __name__ == "__main__":
    main()
