"""Synthetic report corpora: N reports in every layout the parser reads, with expected values.

Each report is drawn from its own `random.Random(f"{seed}:{index}")`, so a corpus is fully
determined by (seed, index) and a corpus of 1,000 is the first 1,000 reports of a corpus of
100,000 with the same seed. The values satisfy every SPEC §6 identity and are mostly
nonzero; a configurable share of reports has exactly one identity broken on purpose (one
check name fails, on the subjects listed in the expected record).

Written layout (see `write_corpus`):

    <folder>/raw/<index>_<layout>.txt   the reports
    <folder>/expected.jsonl             one record per report, in the format of the
                                        golden files, plus `status` and `broken`
    <folder>/manifest.json              seed, size, layouts, counts

`python -m bench.corpus FOLDER --reports N [--seed S] [--broken-share 0.02]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.agency_names import draw_agency
from pipelines.parsing import vocabulary as vocab

__all__ = [
    "LAYOUTS",
    "GeneratedReport",
    "generate_report",
    "generate_reports",
    "write_corpus",
]

# Every layout the parser reads today (all of them round-trip exactly, see
# tests/test_corpus_roundtrip.py); a new layout joins this tuple with its renderer.
LAYOUTS = ("tabs", "cells", "markdown", "traditional", "spaces", "pipes")

# Real county-level divisions whose names are unique in cpca, with their region (SPEC §7).
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
    ("潞城市", "山西省", "长治市", "140481"),
    ("叙永县", "四川省", "泸州市", "510524"),
    ("瑞丽市", "云南省", "德宏傣族景颇族自治州", "533102"),
    ("蕉岭县", "广东省", "梅州市", "441427"),
    ("上蔡县", "河南省", "驻马店市", "411722"),
    ("侯马市", "山西省", "临汾市", "141081"),
)

APPLICANTS = tuple(t.code for t in vocab.APPLICANT_TYPES)
_PEOPLE = APPLICANTS[:-1]  # the six columns that add up to `total`
BROKEN_CHECKS = ("balance", "row_total", "outcome_total", "review_total")

# Printed labels, with the group cells the tab layouts put in front of them (seed 000).
_T3_LABELS = {
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
_T3_HEADER = [
    ["(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)", "", "申请人情况",
     "", "", "", "", "", "", "总计"],
    ["", "", "自然人", "法人或其他组织", "", "", "", "", ""],
    ["", "", "", "商业企业", "科研机构", "社会组织", "法律服务机构", "其他", ""],
]
_RESULT_HEADER = ["结果 维持", "结果 纠正", "其他 结果", "尚未 审结", "总计"]
_T4_HEADER = [
    ["行政复议", "", "", "", "", "行政诉讼"],
    [*_RESULT_HEADER, "未经复议直接起诉", "", "", "", "", "复议后起诉"],
    ["", "", "", "", "", *_RESULT_HEADER, *_RESULT_HEADER],
]
# Table 2 as printed: (anchor, header measures, [(item code, label)]) per block.
_T2_BLOCKS = {
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
_YEARS = {"2019": (2019, 2020), "2021": (2021, 2022, 2023, 2024)}
_NBSP = "\u00a0"


@dataclass(frozen=True, slots=True)
class GeneratedReport:
    """One synthetic report: its file name, its text, and what the warehouse must hold."""

    file_name: str
    text: str
    expected: dict  # golden-file format + layout, status and broken


# --- values ----------------------------------------------------------------------------------

def _outcomes(template: str) -> tuple[str, ...]:
    return (vocab.OUTCOME_CODES_SINGLE_OTHER if template == "2019"
            else vocab.OUTCOME_CODES_SPLIT_OTHER)


def _handled(template: str) -> tuple[str, ...]:
    return (vocab.HANDLED_OUTCOMES_SINGLE_OTHER if template == "2019"
            else vocab.HANDLED_OUTCOMES_SPLIT_OTHER)


def _table3(rng: random.Random, template: str) -> dict[str, dict[str, int]]:
    """Every column balances (勾稽关系), every row adds up, every outcome total holds."""
    handled = _handled(template)
    table: dict[str, dict[str, int]] = {code: {} for code in _outcomes(template)}
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


def _table4(rng: random.Random) -> dict[str, dict[str, int]]:
    out = {}
    for term in vocab.PROCEEDINGS:
        parts = [rng.randint(0, 6) for _ in range(4)]
        if not any(parts):
            parts[rng.randrange(4)] = rng.randint(1, 4)
        out[term.code] = {**dict(zip(("upheld", "corrected", "other", "pending"), parts,
                                     strict=True)), "total": sum(parts)}
    return out


def _table2(rng: random.Random, template: str) -> dict[str, dict[str, int | float]]:
    out: dict[str, dict[str, int | float]] = {}
    for item, measures in vocab.measures_by_item(template).items():
        row: dict[str, int | float] = {}
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


# --- printing --------------------------------------------------------------------------------

def _number(value: int | float | None, measure: str = "") -> str:
    if value is None:
        return ""
    if measure == "change":
        if value > 0:
            return f"增 {value}"
        return f"减 {-value}" if value < 0 else "0"
    if measure == "amount_10k_yuan":
        return f"{value:.2f} 万元"
    return str(value)


def _rows_table2(template: str, t2: dict, blank: str = "") -> list[list[str]]:
    rows: list[list[str]] = []
    for anchor, headers, items in _T2_BLOCKS[template]:
        rows.append([anchor, "", "", ""])
        rows.append(["信息内容", *headers])
        for item, label in items:
            measures = vocab.measures_by_item(template)[item]
            rows.append([label, *(_number(t2[item][m], m) or blank for m in measures)])
    return rows


def _rows_table3(template: str, t3: dict) -> list[list[str]]:
    rows = [list(r) for r in _T3_HEADER]
    for code in _outcomes(template):
        rows.append([*_T3_LABELS[code], *(str(t3[code][c]) for c in APPLICANTS)])
    return rows


def _rows_table4(t4: dict) -> list[list[str]]:
    numbers = [str(t4[p.code][r.code]) for p in vocab.PROCEEDINGS for r in vocab.RESULTS]
    return [list(r) for r in _T4_HEADER] + [numbers]


def _tab_line(row: list[str], trailing: bool) -> str:
    return "\t".join(row) + ("\t" if trailing else "")


def _space_line(row: list[str]) -> str:
    """PDF text: label words, then the values separated by single spaces."""
    return " ".join(cell for cell in row if cell)


def _pipe_line(row: list[str], width: int) -> str:
    cells = [*row, *[""] * (width - len(row))]
    return "| " + " | ".join(cells) + " |"


def _pipe_table(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    return [_pipe_line(rows[0], width), "|" + "---|" * width,
            *(_pipe_line(r, width) for r in rows[1:]), ""]


@dataclass(frozen=True, slots=True)
class _Draft:
    agency: str
    year: int
    template: str
    published_on: dt.date
    t2: dict
    t3: dict
    t4: dict
    index: int


def _narrative(draft: _Draft) -> list[str]:
    return [
        "一、总体情况",
        f"{draft.year}年，{draft.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"主动公开各类信息{draft.index % 997 + 3}条，"
        "持续提升政府信息公开工作质量。",
        "",
    ]


def _closing(draft: _Draft) -> list[str]:
    d = draft.published_on
    return [
        "五、存在的主要问题及改进情况",
        "公开内容还不够全面，下一步将进一步规范公开流程。",
        "六、其他需要报告的事项",
        "无。",
        "",
        draft.agency,
        f"{d.year}年{d.month}月{d.day}日",
        "",
    ]


def _render_tabbed(draft: _Draft, page_break_at: str | None = None,
                   markdown: bool = False, blank: str = "") -> str:
    """The tab layout of seeds 000/003; with `markdown`, headings and a page break."""
    head = "## " if markdown else ""
    t3_lines = []
    for row in _rows_table3(draft.template, draft.t3)[3:]:
        t3_lines.append(_tab_line(row, trailing=True))
    if page_break_at is not None:
        # A page break inside table 3 that repeats the group labels in front of a row (003).
        label = _T3_LABELS[page_break_at]
        group = {"denied": "(三) 不予公开", "unable": "(四) 无法提供"}[page_break_at.split("_")[0]]
        position = next(i for i, line in enumerate(t3_lines) if label[-1] in line)
        repeated = ["三、本年度办理结果", group, label[-1],
                    *(str(draft.t3[page_break_at][c]) for c in APPLICANTS)]
        t3_lines[position:position + 1] = ["", "---", "", _tab_line(repeated, trailing=True)]
    lines = [
        *([f"# {draft.agency}", "", "---", ""] if markdown else []),
        f"{head}{draft.agency}{draft.year}年政府信息公开工作年度报告", "",
        *(head + line if line.startswith("一、") else line for line in _narrative(draft)),
        f"{head}二、主动公开政府信息情况",
        *(_tab_line(r, trailing=False) for r in _rows_table2(draft.template, draft.t2, blank)),
        "",
        f"{head}三、收到和处理政府信息公开申请情况",
        *(_tab_line(r, trailing=False) for r in _T3_HEADER),
        *t3_lines,
        "",
        f"{head}四、政府信息公开行政复议、行政诉讼情况",
        *(_tab_line(r, trailing=False) for r in _rows_table4(draft.t4)),
        *(head + line if line[:2] in ("五、", "六、") else line for line in _closing(draft)),
    ]
    return "\n".join(lines)


def _one_cell_per_line(text: str, indent: str = "\t") -> str:
    """Seeds 001/002: every cell on its own line, a blank line after each row."""
    out = []
    for line in text.split("\n"):
        if "\t" not in line:
            out.append(line)
            continue
        # Without an indent an empty cell would be an empty line, which separates rows:
        # seed 004 prints it as a no-break space.
        out.extend(indent + (cell or (_NBSP if not indent else ""))
                   for cell in line.rstrip("\t").split("\t"))
        out.append("")
    return "\n".join(out)


def _render_spaces(draft: _Draft) -> str:
    """PDF-like text: table 3 and table 4 rows with values separated by spaces."""
    text = _render_tabbed(draft)
    for row in _rows_table3(draft.template, draft.t3)[3:]:
        text = text.replace(_tab_line(row, trailing=True), _space_line(row), 1)
    return text


def _render_pipes(draft: _Draft) -> str:
    lines = [
        f"# {draft.agency}{draft.year}年政府信息公开工作年度报告", "",
        *_narrative(draft),
        "## 二、主动公开政府信息情况", "",
        *_pipe_table(_rows_table2(draft.template, draft.t2)),
        "## 三、收到和处理政府信息公开申请情况", "",
        *_pipe_table([*_T3_HEADER, *_rows_table3(draft.template, draft.t3)[3:]]),
        "## 四、政府信息公开行政复议、行政诉讼情况", "",
        *_pipe_table(_rows_table4(draft.t4)),
        *_closing(draft),
    ]
    return "\n".join(lines)


@functools.cache
def _s2t():  # noqa: ANN202 - third-party converter object
    import opencc

    return opencc.OpenCC("s2t")


def _render(layout: str, draft: _Draft, rng: random.Random) -> str:
    if layout == "tabs":
        return _render_tabbed(draft)
    if layout == "cells":
        return _one_cell_per_line(_render_tabbed(draft))
    if layout == "markdown":
        at = rng.choice([c for c in _outcomes(draft.template)
                         if c.startswith(("denied_", "unable_")) and not c.endswith(
                             ("state_secret", "not_held"))])
        return _render_tabbed(draft, page_break_at=at, markdown=True)
    if layout == "traditional":
        tabbed = _render_tabbed(draft, blank=_NBSP)
        return _s2t().convert(_one_cell_per_line(tabbed, indent=""))
    if layout == "spaces":
        return _render_spaces(draft)
    if layout == "pipes":
        return _render_pipes(draft)
    raise ValueError(f"unknown layout {layout!r}")


# --- reports ---------------------------------------------------------------------------------

def generate_report(seed: int, index: int, *, broken_share: float = 0.02,
                    layouts: Sequence[str] = LAYOUTS) -> GeneratedReport:
    """Report number `index` of the corpus drawn with `seed` (independent of the others)."""
    rng = random.Random(f"{seed}:{index}")
    layout = layouts[index % len(layouts)]
    template = rng.choice(vocab.TEMPLATES)
    year = rng.choice(_YEARS[template])
    agency, (province, city, place, adcode), identity = draw_agency(
        seed, index, year, min(_YEARS["2019"]), rng, PLACES)
    published = dt.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
    t2, t3, t4 = _table2(rng, template), _table3(rng, template), _table4(rng)
    broken = None
    if rng.random() < broken_share:
        kind = rng.choice(BROKEN_CHECKS)
        broken = {"check_name": kind, "subjects": _break(rng, kind, template, t3, t4)}
    if layout == "traditional":
        # Blank cells printed as a no-break space (seed 004) are NULL, never 0.
        # Only in rows of several columns: a row's only cell left blank reads as missing.
        for item in rng.sample(sorted(i for i in t2 if len(t2[i]) > 1), 2):
            measure = rng.choice(sorted(t2[item]))
            t2[item][measure] = None
    draft = _Draft(agency, year, template, published, t2, t3, t4, index)
    text = _render(layout, draft, rng)
    file_name = f"{index:06d}_{layout}.txt"
    expected = {
        "file": file_name,
        "agency": agency,
        "year": year,
        "template": template,
        "script": "traditional" if layout == "traditional" else "simplified",
        "region": {"province": province, "city": city, "county": place, "adcode": adcode},
        "agency_identity": identity,
        "published_on": published.isoformat(),
        "applications": t3,
        "review_litigation": t4,
        "proactive": t2,
        "layout": layout,
        "status": "flagged" if broken else "valid",
        "broken": broken,
    }
    return GeneratedReport(file_name, text, expected)


def generate_reports(n: int, seed: int = 0, *, broken_share: float = 0.02,
                     layouts: Sequence[str] = LAYOUTS, start: int = 0
                     ) -> Iterator[GeneratedReport]:
    for index in range(start, start + n):
        yield generate_report(seed, index, broken_share=broken_share, layouts=layouts)


def write_corpus(folder: Path, n: int, seed: int = 0, *, broken_share: float = 0.02,
                 layouts: Sequence[str] = LAYOUTS) -> Path:
    """Write `n` reports to `folder/raw` and their expected values; return the raw folder."""
    folder = Path(folder)
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with (folder / "expected.jsonl").open("w", encoding="utf-8") as expected:
        for report in generate_reports(n, seed, broken_share=broken_share, layouts=layouts):
            (raw / report.file_name).write_text(report.text, encoding="utf-8")
            expected.write(json.dumps(report.expected, ensure_ascii=False) + "\n")
            counts[report.expected["status"]] = counts.get(report.expected["status"], 0) + 1
    manifest = {"reports": n, "seed": seed, "broken_share": broken_share,
                "layouts": list(layouts), "status_counts": counts}
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
    args = parser.parse_args(argv)
    write_corpus(args.folder, args.reports, args.seed, broken_share=args.broken_share,
                 layouts=tuple(args.layouts.split(",")))


if __name__ == "__main__":
    main()
