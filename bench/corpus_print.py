"""Printing a synthetic report: its tables as grids of cells, each layout's way of turning
grids into lines, and the damage that text extraction and hand editing do to them.

A document is a list of blocks: a plain line (`str`) or a grid (`Grid`, one table or a part
of one). Values are decided before printing (bench.corpus); printing only chooses how they
look, so every damage kind keeps the expected values of the report it damages.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import random
from dataclasses import dataclass, field

from bench import corpus_columns
from bench.corpus_pages import arrange, browser_chrome, browser_marks
from bench.corpus_rows import GARBLED_FIRST_LABELS, RowDamage
from pipelines.parsing import vocabulary as vocab

APPLICANTS = tuple(t.code for t in vocab.APPLICANT_TYPES)
NBSP = "\u00a0"
# A blank data cell until one_cell_per_line prints it: a row's trailing empty cells are
# dropped there, a blank cell must stay a line of its own.
_BLANK = "\x00"

# Printed labels, with the group cells the tab layouts put in front of them (seed 000).
T3_LABELS = {
    "new_received": ["一、本年新收政府信息公开申请数量", ""],
    "carried_over": ["二、上年结转政府信息公开申请数量", ""],
    "granted": ["三、本年度办理结果", "(一) 予以公开"],
    "partly_granted": ["", "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"],
    "denied_state_secret": ["", "(三) 不予公开", "1.属于国家秘密"],
    "denied_prohibited_by_law": ["", "", "2.其他法律行政法规禁止公开"],
    "denied_security_stability": ["", "", "3.危及“三安全一稳定”"],
    "denied_third_party": ["", "", "4.保护第三方合法权益"],
    "denied_internal_affairs": ["", "", "5.属于三类内部事务信息"],
    "denied_process_info": ["", "", "6.属于四类过程性信息"],
    "denied_enforcement_file": ["", "", "7.属于行政执法案卷"],
    "denied_admin_query": ["", "", "8.属于行政查询事项"],
    "unable_not_held": ["", "(四) 无法提供", "1.本机关不掌握相关政府信息"],
    "unable_needs_creation": ["", "", "2.没有现成信息需要另行制作"],
    "unable_unclear": ["", "", "3.补正后申请内容仍不明确"],
    "rejected_petition": ["", "(五) 不予处理", "1.信访举报投诉类申请"],
    "rejected_duplicate": ["", "", "2.重复申请"],
    "rejected_publication": ["", "", "3.要求提供公开出版物"],
    "rejected_excessive": ["", "", "4.无正当理由大量反复申请"],
    "rejected_confirmation": ["", "", "5.要求行政机关确认或重新出具已获取信息"],
    "other": ["", "(六) 其他处理"],
    "other_no_correction": ["", "(六) 其他处理",
                            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
    "other_unpaid_fee": ["", "",
                         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    "other_misc": ["", "", "3.其他"],
    "total_processed": ["", "(七) 总计"],
    "carried_forward": ["四、结转下年度继续办理", ""],
}
# The group cells every row of a group carries when a converter repeats them (markdown).
_T3_GROUPS = {
    "granted": ["三、", "(一) 予以公开"],
    "partly_granted": ["三、", "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)"],
    "total_processed": ["三、", "(七) 总计"],
    "other": ["三、", "(六) 其他处理"],
}
_T3_SUBGROUPS = {"denied": "(三) 不予公开", "unable": "(四) 无法提供",
                 "rejected": "(五) 不予处理", "other": "(六) 其他处理"}
T3_HEADER = [
    ["(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)", "", "申请人情况",
     "", "", "", "", "", "", "总计"],
    ["", "", "自然人", "法人或其他组织", "", "", "", "", ""],
    ["", "", "", "商业企业", "科研机构", "社会组织", "法律服务机构", "其他", ""],
]
_COLUMN_NAMES = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
RESULT_HEADER = ["结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计"]
_T4_HEADER = [
    ["行政复议", "", "", "", "", "行政诉讼"],
    [*RESULT_HEADER, "未经复议直接起诉", "", "", "", "", "复议后起诉"],
    ["", "", "", "", "", *RESULT_HEADER, *RESULT_HEADER],
]
_T4_HEADINGS = {
    "admin_reconsideration": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_reconsideration": "行政诉讼（复议后起诉）",
}
# Table 2 as printed: (anchor, header measures, [(item code, label)]) per block.
T2_BLOCKS = {
    "2019": [
        ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
         [("regulations", "规章"), ("normative_documents", "规范性文件")]),
        ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
        ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
        ("第二十条第（八）项", ["上一年项目数量", "本年增/减"],
         [("fees", "行政事业性收费")]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"],
         [("procurement", "政府集中采购")]),
    ],
    "2021": [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
         [("regulations", "规章"), ("normative_documents", "行政规范性文件")]),
        ("第二十条第（五）项", ["本年处理决定数量"], [("licensing", "行政许可")]),
        ("第二十条第（六）项", ["本年处理决定数量"],
         [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", "行政事业性收费")]),
    ],
}
# The header of each item's amount as the templates print it; damage kinds that count in
# 元 or 亿元 print another (units_yuan, money_units).
AMOUNT_HEADERS = {"procurement": "采购总金额", "fees": "本年收费金额（单位：万元）"}
# Table 2's header words and the one item only the 2019 template has, as OCR misreads
# them past telling the template (damage `t2_headers_garbled`).
_GARBLED_T2 = {
    "本年新制作数量": "本年新制乍数量", "本年新公开数量": "本年新公幵数量",
    "对外公开总数量": "对外公幵总教量", "上一年项目数量": "上一年项日数量",
    "本年增/减": "本年増/咸", "处理决定数量": "处埋决定数量", "采购项目数量": "釆购项日数量",
    "采购总金额": "釆购总金頟", "其他对外管理服务事项": "其他对外管埋服务事项",
    "本年制发件数": "本年制友件数", "本年废止件数": "本年废上件数",
    "现行有效件数": "现行有郊件数", "本年处理决定数量": "本年处埋决定数量",
    "本年收费金额（单位：万元）": "本年收费金頟（单位：万元）",
}
# Ways a signed change is printed (damage `signed_change`); SPEC §5.
_GAINS = ("增 {}", "增加{}", "+{}", "增{}")
_LOSSES = ("减 {}", "减少{}", "-{}", "－{}")
_PAGE_MARKS = ("- 1 -", "— 1 —", "第 1 页")


@dataclass(frozen=True, slots=True)
class Draft:
    """Everything a report says, decided before it is printed."""

    agency: str  # as the title prints it ("" when the title names no agency)
    year: int
    template: str
    published_on: dt.date
    t2: dict
    t3: dict
    t4: dict
    index: int
    damage: str = "none"
    # item -> (its amount as printed, the amount's header when not the template's): money
    # counted in 元 or 亿元, in the header or in the cell (damages units_yuan, money_units)
    money: dict = field(default_factory=dict)
    signature: str = ""  # the agency as the prose and the signature print it (default: title's)
    prose_agency: str = ""  # how the prose names the agency (default: the signature's)
    extra_prose: tuple[str, ...] = ()  # more sentences of 总体情况 (figures, clues)
    wan: tuple[str, ...] = ()  # items whose decisions are printed in 万 (1.23万)
    spot: RowDamage | None = None  # the table-3 row a row damage strikes (bench.corpus_rows)
    form: str = ""  # which variant of its damage kind the report prints
    # (table, row, column) -> the cell as OCR printed it (damage `ocr_misreads`)
    ocr: dict = field(default_factory=dict)
    # Table 3's applicant columns as printed, for the column kinds (bench.corpus_columns).
    columns: tuple[str, ...] = ()
    # The page's <title> when it says more than the article's heading (an HTML page).
    page_title: str = ""

    @property
    def signed_by(self) -> str:
        return self.signature or self.agency

    @property
    def named_in_prose(self) -> str:
        return self.prose_agency or self.signed_by


@dataclass(frozen=True, slots=True)
class Grid:
    """One table, or one part of a table printed on its own; `data` marks the rows that
    carry numbers (the others are headers)."""

    table: str
    rows: list[list[str]]
    data: list[bool]
    # Rows printed with the cells they have, not padded to the grid's width (a markdown
    # row that lost a cell).
    short: frozenset[int] = frozenset()
    # (row, column, rows) of cells merged down over rows: the rows below print no cell
    # there (HTML's rowspan)
    rowspans: tuple[tuple[int, int, int], ...] = ()


# --- values as printed -------------------------------------------------------------------------

def number(value: int | float | None, measure: str = "", rng: random.Random | None = None,
           ) -> str:
    if value is None:
        return ""
    if measure == "change":
        if value == 0:
            return "0"
        forms = _GAINS if value > 0 else _LOSSES
        form = rng.choice(forms) if rng is not None else forms[0]
        return form.format(abs(value))
    if measure == "amount_10k_yuan":
        return f"{value:.2f} 万元"
    return str(value)


def _t2_cell(draft: Draft, item: str, measure: str, rng: random.Random, blank: str) -> str:
    if measure == "amount_10k_yuan" and item in draft.money:
        return draft.money[item][0]
    if ("t2", item, measure) in draft.ocr:
        return draft.ocr[("t2", item, measure)]
    if measure == "decisions" and item in draft.wan:
        return f"{draft.t2[item][measure] / 10_000:g}万"
    signed = rng if draft.damage == "signed_change" else None
    return number(draft.t2[item][measure], measure, signed) or blank


def _t2_headers(draft: Draft, headers: list[str]) -> list[str]:
    if draft.damage == "t2_headers_garbled":
        return [_GARBLED_T2[h] for h in headers]
    units = {AMOUNT_HEADERS[item]: header for item, (_, header) in draft.money.items()
             if header}
    return [units.get(h, h) for h in headers] if units else headers


# --- the three tables as grids -----------------------------------------------------------------

def table2(draft: Draft, rng: random.Random, blank: str = "") -> list[Grid]:
    rows: list[list[str]] = []
    data: list[bool] = []
    spans: list[tuple[int, int, int]] = []
    word = rng.choice(("anchor_column", "spacer_column")) if draft.damage == "word_table2" else ""
    for anchor, headers, items in T2_BLOCKS[draft.template]:
        headers = _t2_headers(draft, headers)
        measures = [vocab.measures_by_item(draft.template)[item] for item, _ in items]
        cells = [[_t2_cell(draft, item, m, rng, blank) for m in ms]
                 for (item, _), ms in zip(items, measures, strict=True)]
        labels = [label for _, label in items]
        if draft.damage == "t2_headers_garbled":
            labels = [_GARBLED_T2.get(label, label) for label in labels]
        if word == "anchor_column":
            # Exported from Word with the anchor as a column of its own (merged down the
            # block, so printed once) and the header merged over two rows: every item row
            # has one cell more than its measures.
            rows += [[anchor, "信息内容", *headers], ["", "", *[""] * len(headers)]]
            rows += [["", label, *c] for label, c in zip(labels, cells, strict=True)]
        elif draft.form == "rowspan":
            # Word's HTML: the article cell merged down the block, its rows without it.
            spans.append((len(rows), 0, len(items) + 1))
            rows += [[anchor, "信息内容", *headers]]
            rows += [[label, *c] for label, c in zip(labels, cells, strict=True)]
        elif draft.damage == "t2_article_in_rows":
            rows += _article_in_rows(anchor, headers, labels, cells, draft.form)
        elif word == "spacer_column":
            # Exported from Word with a header cell merged over two grid columns: an empty
            # cell in the header and in every item row, at the same place.
            at = rng.randint(1, len(headers) + 1)
            rows += [[anchor, "", "", "", ""], _spaced(["信息内容", *headers], at)]
            rows += [_spaced([label, *c], at) for label, c in zip(labels, cells, strict=True)]
        else:
            rows += [[anchor, "", "", ""], ["信息内容", *headers]]
            rows += [[label, *c] for label, c in zip(labels, cells, strict=True)]
        data += [False] * (len(rows) - len(data) - len(items)) + [True] * len(items)
    return [Grid("t2", rows, data, rowspans=tuple(spans))]


def _article_in_rows(anchor: str, headers: list[str], labels: list[str],
                     cells: list[list[str]], form: str) -> list[list[str]]:
    """A block of table 2 whose article cell Word merged down its left and centred: in the
    text its words stand on the block's first item row, or on the header row of a block
    of one item (`centred`); with `lead_blank` the rows without them open with a blank."""
    lead = [""] if form.endswith("lead_blank") else []
    rows = [[*lead, "信息内容", *headers]]
    rows += [[*lead, label, *c] for label, c in zip(labels, cells, strict=True)]
    at = 0 if form.startswith("centred") and len(labels) == 1 else 1
    rows[at] = [anchor, *rows[at][len(lead):]]
    return rows


def _spaced(row: list[str], at: int) -> list[str]:
    return [*row[:at], "", *row[at:]]


def columns(draft: Draft) -> tuple[str, ...]:
    """The applicant columns table 3 prints."""
    return APPLICANTS[:-1] if draft.damage == "t3_no_total_column" else APPLICANTS


def t3_cells(draft: Draft, code: str, blank: str = "") -> list[str]:
    """Row `code` of table 3's cells as printed: in the header's columns for the column
    kinds (bench.corpus_columns), OCR's letters included."""
    if draft.columns:
        return [number(corpus_columns.printed_value(c, draft.t3[code])) or blank
                for c in draft.columns]
    return [draft.ocr.get(("t3", code, c)) or number(draft.t3[code][c]) or blank
            for c in columns(draft)]


def table3(draft: Draft, rng: random.Random, blank: str = "") -> list[Grid]:
    if draft.damage in corpus_columns.COLUMN_KINDS:
        return [_table3_by_header(draft, rng, blank)]
    rows = [list(r) for r in T3_HEADER]
    if draft.damage == "t3_no_total_column":
        rows[0] = rows[0][:-1]
    data = [False] * len(rows)
    for code in outcomes(draft.template):
        rows.append([*T3_LABELS[code], *t3_cells(draft, code, blank)])
        data.append(True)
    if draft.damage == "group_subtotals" and not draft.form.startswith("t4_"):
        _group_subtotals(draft, rows, data)
    if draft.damage == "invented_header":
        # A header row printed again inside the table (an OCR or a page break invents it).
        at = rng.randrange(len(T3_HEADER) + 3, len(rows) - 2)
        rows.insert(at, ["", "", *_COLUMN_NAMES])
        data.insert(at, False)
    if draft.spot is None or draft.damage == "cells_line_lost":
        return [Grid("t3", rows, data)]
    return [_damage_row(draft, rows, data, rng)]


# Table 3's groups of numbered rows, by the prefix of their codes, and their headings.
_T3_GROUP_HEADINGS = {"denied_": "(三) 不予公开", "unable_": "(四) 无法提供",
                      "rejected_": "(五) 不予处理", "other_": "(六) 其他处理"}


def _group_subtotals(draft: Draft, rows: list[list[str]], data: list[bool]) -> None:
    """The sums of each group's rows printed on the group's heading (`heading`: a row of its
    own above the first numbered row) or on a row of their own under the group's last
    row (`小计`; `group_小计`: 不予公开小计): rows the template does not have."""
    codes = outcomes(draft.template)
    for prefix, heading in reversed(_T3_GROUP_HEADINGS.items()):
        members = [c for c in codes if c.startswith(prefix)]
        if not members:
            continue  # the 2019 template's （六） is one row
        sums = [str(sum(draft.t3[c][col] for c in members)) for col in columns(draft)]
        first = len(T3_HEADER) + codes.index(members[0])
        if draft.form == "heading":
            rows[first] = ["", "", *rows[first][2:]]
            rows.insert(first, ["", heading, "", *sums])
            data.insert(first, True)
        else:
            # 小计 alone, or after the group's name (不予公开小计)
            label = "小计" if draft.form == "小计" else heading.split(" ")[1] + "小计"
            after = first + len(members)
            rows.insert(after, ["", "", label, *sums])
            data.insert(after, True)


def _table3_by_header(draft: Draft, rng: random.Random, blank: str) -> Grid:
    """Table 3 whose header prints the applicant columns otherwise than the template
    (bench.corpus_columns), every row in the same order."""
    printed = draft.columns
    rows = corpus_columns.header_rows(draft.damage, printed, rng)
    data = [False] * len(rows)
    for code in outcomes(draft.template):
        rows.append([*T3_LABELS[code], *t3_cells(draft, code, blank)])
        data.append(True)
    return Grid("t3", rows, data)


def _laid_out(draft: Draft, rng: random.Random) -> str:
    """The report as pdftotext -layout prints its PDF without ruling lines: each table's
    cells at character positions (bench.corpus_columns)."""
    lines = []
    for grid in table2(draft, rng):
        heads: list[str] = []
        block: list[tuple[str, list[str]]] = []
        for row, is_data in zip(grid.rows, grid.data, strict=True):
            if is_data:
                block.append((row[0], row[1:1 + len(heads)]))
                continue
            if block:
                lines += corpus_columns.laid_out_lines(block, [heads], 24)[1:]
                block = []
            if row[0] == "信息内容":
                heads = row[1:]
                lines += corpus_columns.laid_out_lines([], [heads], 24)
                lines[-1] = "信息内容" + lines[-1][4:]
            else:
                lines.append(row[0])
        if block:
            lines += corpus_columns.laid_out_lines(block, [heads], 24)[1:]
    t3 = [("   ".join(c for c in T3_LABELS[code] if c),
           [number(draft.t3[code][c]) for c in APPLICANTS]) for code in outcomes(draft.template)]
    heads3 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    t4_heads = [h.replace(" ", "") for h in RESULT_HEADER] * 3
    t4_row = [number(draft.t4[p.code][r.code]) for p in vocab.PROCEEDINGS for r in vocab.RESULTS]
    before, title = title_lines(draft, rng)
    return "\n".join([
        *before, *title, "", *narrative(draft), "二、主动公开政府信息情况", *lines, "",
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)        申请人情况",
        *corpus_columns.laid_out_lines(t3, [heads3], 40), "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议                          行政诉讼",
        *corpus_columns.laid_out_lines([("", t4_row)], [t4_heads], 0), "",
        *closing(draft),
    ])


def _damage_row(draft: Draft, rows: list[list[str]], data: list[bool],
                rng: random.Random) -> Grid:
    """Table 3 with its damaged row (bench.corpus_rows) printed as the damage left it."""
    spot = draft.spot
    assert spot is not None
    at = len(T3_HEADER) + outcomes(draft.template).index(spot.row)
    labels = len(T3_LABELS[spot.row])
    row = rows[at]
    if spot.how in ("td", "lead", "inside"):
        # The lost cell's <td> or pipe cell is not printed at all.
        rows[at] = [*row[:labels + spot.cell], *row[labels + spot.cell + 1:]]
        return Grid("t3", rows, data, frozenset({at}) if spot.how != "td" else frozenset())
    if spot.how == "split":
        # The label's head on a line of its own, the rest before the row's numbers.
        rows[at:at + 1] = [[row[0][:spot.cell]], [row[0][spot.cell:], *row[1:]]]
        data.insert(at, False)
        return Grid("t3", rows, data)
    rows[at] = [rng.choice(GARBLED_FIRST_LABELS), *row[1:]]
    if spot.how == "wrapped":
        # The row's numbers wrapped: the rest on a line of their own under the label cells.
        cut = labels + spot.cell + 1
        rows[at:at + 1] = [rows[at][:cut], [""] * labels + rows[at][cut:]]
        data.insert(at, True)
    return Grid("t3", rows, data)


def table4(draft: Draft, blank: str = "") -> list[str | Grid]:
    numbers = {p.code: [draft.ocr.get(("t4", p.code, r.code))
                        or number(draft.t4[p.code][r.code]) or blank for r in vocab.RESULTS]
               for p in vocab.PROCEEDINGS}
    if draft.damage == "table4_three_tables" or draft.form.startswith("t4_"):
        blocks: list[str | Grid] = []
        for proceeding, heading in _T4_HEADINGS.items():
            blocks += [heading, Grid("t4", [list(RESULT_HEADER), numbers[proceeding]],
                                     [False, True])]
        if draft.form.startswith("t4_"):
            # A fourth table of sums: the litigation's (行政诉讼合计) or all three's (合计).
            summed = [p.code for p in vocab.PROCEEDINGS
                      if draft.form == "t4_合计" or p.code.startswith("litigation")]
            sums = [str(sum(draft.t4[p][r.code] for p in summed)) for r in vocab.RESULTS]
            blocks += [draft.form[3:], Grid("t4", [list(RESULT_HEADER), sums], [False, True])]
        return blocks
    row = [n for p in vocab.PROCEEDINGS for n in numbers[p.code]]
    return [Grid("t4", [*(list(r) for r in _T4_HEADER), row], [False, False, False, True])]


def outcomes(template: str) -> tuple[str, ...]:
    return (vocab.OUTCOME_CODES_SINGLE_OTHER if template == "2019"
            else vocab.OUTCOME_CODES_SPLIT_OTHER)


# --- prose -------------------------------------------------------------------------------------

def title_lines(draft: Draft, rng: random.Random) -> tuple[list[str], list[str]]:
    """What is printed before the title (a page mark, `正文`), and the title's lines."""
    # A title printed with the year of publication (the overview and the date tell).
    printed_year = draft.year + 1 if draft.damage == "title_publication_year" else draft.year
    title = f"{draft.agency}{printed_year}年政府信息公开工作年度报告"
    if draft.damage == "title_split":
        # Broken anywhere outside the year: after the agency, or inside either half.
        cut = rng.choice([len(draft.agency), rng.randrange(2, len(draft.agency)),
                          len(title) - rng.randrange(2, 6)])
        return [], [title[:cut], title[cut:]]
    if draft.damage == "title_preamble":
        # A document number (某某发〔2024〕3号) carries a year of its own, never the title's.
        number = (f"{rng.choice('洛汾桐豫浙')}{rng.choice(('政发', '办函', '便函'))}"
                  f"〔{draft.year + 1}〕{rng.randint(1, 99)}号")
        marks = ["正文", rng.choice(_PAGE_MARKS), number]
        return rng.sample(marks, rng.randint(1, 2)), [title]
    return [], [title]


def narrative(draft: Draft) -> list[str]:
    return [
        "一、总体情况",
        f"{draft.year}年，{draft.named_in_prose}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"主动公开各类信息{draft.index % 997 + 3}条，"
        "持续提升政府信息公开工作质量。",
        *draft.extra_prose,
        "",
    ]


def closing(draft: Draft) -> list[str]:
    d = draft.published_on
    return [
        "五、存在的主要问题及改进情况",
        "公开内容还不够全面，下一步将进一步规范公开流程。",
        "六、其他需要报告的事项",
        "无。",
        "",
        draft.signed_by,
        f"{d.year}年{d.month}月{d.day}日",
        "",
    ]


def not_a_report(place: str, year: int, rng: random.Random) -> str:
    """Pages found beside the reports: a notice about them, a news item, a list of links."""
    form = rng.choice(("notice", "news", "links"))
    if form == "notice":
        return "\n".join([
            f"关于做好{year}年度政府信息公开工作年度报告编制发布工作的通知",
            "各乡镇人民政府、各部门：",
            f"根据《中华人民共和国政府信息公开条例》规定，现就做好{year}年度政府信息公开工作"
            "年度报告编制和发布工作通知如下。",
            "一、按照统一格式编制年度报告，如实填报主动公开、依申请公开等数据。",
            f"二、于{year + 1}年1月31日前在本单位门户网站公开。",
            f"{place}人民政府办公室",
            f"{year}年12月{rng.randint(1, 28)}日",
        ])
    if form == "news":
        return "\n".join([
            f"{place}召开{year}年度政务公开工作推进会",
            f"{year}年{rng.randint(3, 11)}月{rng.randint(1, 28)}日，{place}召开政务公开工作推进会，"
            "通报政府信息公开工作年度报告编制情况，部署下一阶段重点任务。",
            "会议要求，各单位要规范依申请公开办理流程，提高答复质量。",
        ])
    units = ("教育局", "财政局", "卫生健康局", "自然资源局")
    return "\n".join([
        "政府信息公开年报",
        *(f"{place}{unit}{year}年政府信息公开工作年度报告\t{year + 1}-01-{i + 10:02d}"
          for i, unit in enumerate(rng.sample(units, 3))),
        "共3条 首页 上一页 下一页 尾页",
    ])


# --- layouts -----------------------------------------------------------------------------------

def tab_line(row: list[str], trailing: bool = False) -> str:
    return "\t".join(row) + ("\t" if trailing else "")


def space_line(row: list[str]) -> str:
    """PDF text: the words of the label, then the values, separated by single spaces; a
    blank cell leaves no trace."""
    return " ".join(cell for cell in row if cell)


def _pipe_line(row: list[str], width: int | None = None) -> str:
    cells = [*row, *[""] * ((width or len(row)) - len(row))]
    return "| " + " | ".join(cells) + " |"


def _pipe_grid(grid: Grid, damage: str, rng: random.Random) -> list[str]:
    width = max(len(r) for r in grid.rows)
    rows = grid.rows
    if grid.table == "t3" and damage == "pipe_group_cells":
        rows = [_with_group_cells(r) if d else r
                for r, d in zip(grid.rows, grid.data, strict=True)]
    lines = [_pipe_line(rows[0], width), "|" + "---|" * width]
    damaged = _damaged_rows(grid, damage, rng)
    short = {id(grid.rows[i]) for i in grid.short}
    for row, is_data in zip(rows[1:], grid.data[1:], strict=True):
        if not (is_data and id(row) in damaged):
            unpadded = damage == "pipe_group_cells" or id(row) in short
            lines.append(_pipe_line(row, None if unpadded else width))
            continue
        labels = row[:-len(APPLICANTS)]
        numbers = row[-len(APPLICANTS):]
        if damage == "pipe_label_lost":
            lines.append(_pipe_line([*[""] * len(labels), *numbers], width))
        elif damage == "pipe_numbers_below":
            # The row's numbers as a second pipe row under a separator of their own.
            lines += [_pipe_line(labels), "|" + "---|" * len(numbers), _pipe_line(numbers)]
        elif damage == "pipe_label_split":
            at = max(i for i, cell in enumerate(labels) if cell)
            cut = rng.randrange(2, len(labels[at]) - 1)
            head, tail = labels[at][:cut], labels[at][cut:]
            first = [*labels[:at], head, *labels[at + 1:]]
            if rng.random() < 0.5:  # the rest of the label under its numbers, or above them
                lines += [_pipe_line([*first, *numbers]), _pipe_line([*[""] * at, tail])]
            else:
                lines += [_pipe_line(first), _pipe_line([*[""] * at, tail, *numbers])]
        elif damage == "pipe_cell_own_line":
            lines += [_pipe_line(row[:-1]), _pipe_line(row[-1:])]
    return [*lines, ""]


def _damaged_rows(grid: Grid, damage: str, rng: random.Random) -> set[int]:
    if grid.table != "t3" or damage not in ("pipe_numbers_below", "pipe_label_split",
                                            "pipe_cell_own_line", "pipe_label_lost"):
        return set()
    data_rows = [r for r, d in zip(grid.rows, grid.data, strict=True) if d]
    if damage == "pipe_label_lost":  # two rows apart, each between rows with labels
        first = rng.randrange(1, len(data_rows) // 2 - 1)
        second = rng.randrange(len(data_rows) // 2, len(data_rows) - 1)
        return {id(data_rows[first]), id(data_rows[second])}
    if damage == "pipe_label_split":  # long labels are the ones a converter wraps
        data_rows = [r for r in data_rows
                     if len([c for c in r[:-len(APPLICANTS)] if c][-1]) >= 8]
    return {id(r) for r in rng.sample(data_rows, min(2, len(data_rows)))}


def _with_group_cells(row: list[str]) -> list[str]:
    """A table-3 row with every group cell it belongs to filled in (converters repeat
    merged cells), so rows of one table have different numbers of cells."""
    label = [c for c in row[:-len(APPLICANTS)] if c]
    numbers = row[-len(APPLICANTS):]
    code = next(k for k, v in T3_LABELS.items() if v[-1] == label[-1] or v[0] == label[-1])
    if code in _T3_GROUPS:
        return [*_T3_GROUPS[code], *numbers]
    group = code.split("_")[0]
    if group in _T3_SUBGROUPS and T3_LABELS[code][-1] not in _T3_SUBGROUPS.values():
        return ["三、", _T3_SUBGROUPS[group], T3_LABELS[code][-1], *numbers]
    return [*label, *numbers]


@functools.cache
def _s2t():  # noqa: ANN202 - third-party converter object
    import opencc

    return opencc.OpenCC("s2t")


def one_cell_per_line(text: str, indent: str = "\t") -> str:
    """Seeds 001/002: every cell on its own line, a blank line after each row."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        # Without an indent an empty cell would be an empty line, which separates rows:
        # seed 004 prints it as a no-break space.
        out.extend(indent + (cell.replace(_BLANK, "") or (NBSP if not indent else ""))
                   for cell in line.rstrip("\t").split("\t"))
        out.append("")
    return "\n".join(out)


def render(layout: str, draft: Draft, rng: random.Random, marks: bool = True) -> str:
    """The report's text in `layout`; `marks`: with a browser's header and footer where
    its damage prints them (a PDF draws them on its pages instead)."""
    text = _render(layout, draft, rng)
    if draft.damage != "browser_print_marks" or not marks:
        return text
    return browser_marks(text, layout, printed_from_browser(draft, rng), draft.form, rng)


def printed_from_browser(draft: Draft, rng: random.Random) -> tuple[str, str, bool]:
    """The header, address and page counter a browser prints the report's web page with,
    some days after it was published (bench.corpus_pages.browser_chrome)."""
    printed = dt.datetime.combine(draft.published_on, dt.time(rng.randint(8, 21),
                                                               rng.randint(0, 59)))
    printed += dt.timedelta(days=rng.randint(0, 300))
    title = f"{draft.agency}{draft.year}年政府信息公开工作年度报告"
    return browser_chrome(title, printed, draft.form, rng)


def _render(layout: str, draft: Draft, rng: random.Random) -> str:
    if layout == "cells":
        if draft.damage == "cells_line_lost":
            return _spaced_cells(draft, rng)
        return one_cell_per_line(_tabbed(draft, rng, blank=_BLANK))
    if layout == "markdown":
        at = rng.choice([c for c in outcomes(draft.template)
                         if c.startswith(("denied_", "unable_")) and not c.endswith(
                             ("state_secret", "not_held"))])
        return _tabbed(draft, rng, page_break_at=at, markdown=True)
    if layout == "traditional":
        return _s2t().convert(one_cell_per_line(_tabbed(draft, rng, blank=NBSP), indent=""))
    if layout == "tabs":
        return _tabbed(draft, rng)
    if layout == "spaces":
        spaced = {"t3"}
        if draft.damage in ("spaces_every_table", "signed_change", "ocr_misreads",
                            "t2_article_in_rows"):
            spaced = {"t2", "t3", "t4"}
        elif draft.damage == "spaces_blank_lost":
            spaced = {"t3", "t4"}
        elif draft.damage == "spaces_blank_lost_rows":
            spaced = {"t2", "t3"}
        return _tabbed(draft, rng, spaced=spaced)
    if layout == "pipes":
        return _piped(draft, rng)
    if layout == "html":
        return _html_page(draft, rng)
    if layout == "pdf_layout":
        return _laid_out(draft, rng)
    raise ValueError(f"unknown layout {layout!r}")


def _spaced_cells(draft: Draft, rng: random.Random) -> str:
    """Seed 004's way: every cell on a line of its own with an empty line after it (and
    after every other line), merged cells not printed, a blank cell a no-break space; one
    cell line of table 3 lost as `draft.spot` says."""
    out: list[str] = []
    for line in _tabbed(draft, rng, blank=_BLANK).split("\n"):
        cells = line.rstrip("\t").split("\t") if "\t" in line else [line]
        for cell in cells:
            if cell:
                out += [NBSP if cell == _BLANK else "\t" + cell if "\t" in line else cell, ""]
    spot = draft.spot
    assert spot is not None
    at = _cell_line(out, spot.row, spot.cell)
    if spot.how == "emptied":
        out[at] = ""
        return "\n".join(out)
    moved = out.pop(at)
    if spot.to is not None:
        # Right under a number of another row, where only an empty line belongs.
        out.insert(_cell_line(out, spot.to, rng.randrange(len(APPLICANTS) - 1)) + 1,
                   moved)
    return "\n".join(out)


def _cell_line(lines: list[str], code: str, cell: int) -> int:
    """The index of table 3's line of row `code`, cell `cell`, in `_spaced_cells`' lines."""
    heading = lines.index("三、收到和处理政府信息公开申请情况")
    label = "\t" + next(c for c in reversed(T3_LABELS[code]) if c)
    return lines.index(label, heading) + 2 + 2 * cell


def _html_page(draft: Draft, rng: random.Random) -> str:
    """A government site's page: navigation around the article, the tables as <table>
    with a blank cell as an empty <td> (or one holding only &nbsp;)."""
    def table(grid: Grid) -> str:
        rows = []
        spans = {(r, c): n for r, c, n in grid.rowspans}
        for i, row in enumerate(grid.rows):
            cells = "".join(
                (f"<td rowspan=\"{spans[(i, j)]}\">" if (i, j) in spans else "<td>")
                + f"{html.escape(c) if c else rng.choice(('', '&nbsp;'))}</td>"
                for j, c in enumerate(row))
            rows.append(f"<tr>{cells}</tr>")
        return "<table border=\"1\">" + "".join(rows) + "</table>"

    def blocks(items: list[str | Grid]) -> list[str]:
        return [f"<p>{html.escape(b)}</p>" if isinstance(b, str) else table(b) for b in items]

    _, title = title_lines(draft, rng)
    return "\n".join([
        "<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\">",
        f"<title>{html.escape(draft.page_title or title[0])}</title></head><body>",
        "<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; "
        "<a href=\"/zwgk/ndbg/\">政府信息公开年报</a></div>",
        "<div class=\"article\">", f"<h1>{html.escape(title[0])}</h1>",
        *blocks([line for line in narrative(draft) if line]),
        *arrange(draft.damage, draft.form, [
            ("二、主动公开政府信息情况", blocks(table2(draft, rng))),
            ("三、收到和处理政府信息公开申请情况", blocks(table3(draft, rng))),
            ("四、政府信息公开行政复议、行政诉讼情况", blocks(table4(draft)))],
            blocks([line for line in closing(draft) if line]),
            heading=lambda title: blocks([title]), paragraph=lambda text: blocks([text])),
        "</div>", "<div class=\"footer\">版权所有 网站标识码 0000000000</div>",
        "</body></html>", "",
    ])


def _tabbed(draft: Draft, rng: random.Random, page_break_at: str | None = None,
            markdown: bool = False, blank: str = "", spaced: frozenset | set = frozenset(),
            ) -> str:
    """The tab layout of seeds 000/003; with `markdown`, headings and a page break inside
    table 3 that repeats the group labels (003); `spaced` tables as PDF text."""
    head = "## " if markdown else ""

    def grid_lines(grid: Grid) -> list[str]:
        out = []
        for i, (row, is_data) in enumerate(zip(grid.rows, grid.data, strict=True)):
            # Table 3's own header keeps its tabs (seed 002 prints it so); an invented one
            # inside the table is spaced like its rows.
            if grid.table in spaced and (is_data or grid.table != "t3" or i >= len(T3_HEADER)):
                out.append(space_line(row))
            else:
                out.append(tab_line(row, trailing=grid.table == "t3" and is_data))
        return out

    def blocks(items: list[str | Grid]) -> list[str]:
        return [line for b in items for line in ([b] if isinstance(b, str) else grid_lines(b))]

    t3_lines = blocks(table3(draft, rng, blank))
    if page_break_at is not None:
        label = T3_LABELS[page_break_at]
        group = {"denied": "(三) 不予公开", "unable": "(四) 无法提供"}[page_break_at.split("_")[0]]
        position = next(i for i, line in enumerate(t3_lines) if label[-1] in line)
        repeated = ["三、本年度办理结果", group, label[-1], *t3_cells(draft, page_break_at, blank)]
        t3_lines[position:position + 1] = ["", "---", "", tab_line(repeated, trailing=True)]
    before, title = title_lines(draft, rng)
    lines = [
        *before,
        *([f"# {draft.agency}", "", "---", ""] if markdown else []),
        head + title[0], *title[1:], "",
        *(head + line if line.startswith("一、") else line for line in narrative(draft)),
        *arrange(draft.damage, draft.form, [
            ("二、主动公开政府信息情况", [*blocks(table2(draft, rng, blank)), ""]),
            ("三、收到和处理政府信息公开申请情况", [*t3_lines, ""]),
            ("四、政府信息公开行政复议、行政诉讼情况", blocks(table4(draft, blank)))],
            [head + line if line[:2] in ("五、", "六、") else line for line in closing(draft)],
            heading=lambda title: [head + title], paragraph=lambda text: [text]),
    ]
    return "\n".join(lines)


def _piped(draft: Draft, rng: random.Random) -> str:
    def blocks(items: list[str | Grid]) -> list[str]:
        out: list[str] = []
        for b in items:
            out += [b, ""] if isinstance(b, str) else _pipe_grid(b, draft.damage, rng)
        return out

    before, title = title_lines(draft, rng)
    lines = [
        *before,
        f"# {title[0]}", *title[1:], "",
        *narrative(draft),
        *arrange(draft.damage, draft.form, [
            ("二、主动公开政府信息情况", blocks(table2(draft, rng))),
            ("三、收到和处理政府信息公开申请情况", blocks(table3(draft, rng))),
            ("四、政府信息公开行政复议、行政诉讼情况", blocks(table4(draft)))],
            closing(draft), heading=lambda title: [f"## {title}", ""],
            paragraph=lambda text: [text, ""]),
    ]
    return "\n".join(lines)
