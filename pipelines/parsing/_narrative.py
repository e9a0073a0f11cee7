"""Figures restated in the report's prose (本年度共收到政府信息公开申请 N 件, …).

They are independent evidence that a table was read right: each one names the table cell
it restates, and validation compares the two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipelines.parsing._normalize import Lines
from pipelines.parsing._types import Claim

_COUNT = r"(?P<n>\d{1,7})(?:件|条|个|份|起|宗|次)"
# (table, row, col, word, pattern) on squeezed text. Each pattern requires the unit so that
# a year or a date is never taken for a count, and holds `word`: a line without it is not
# searched (most lines hold none of them, and a search scans the whole line).
_PATTERNS: tuple[tuple[str, str, str, str, re.Pattern[str]], ...] = (
    ("applications", "new_received", "total", "政府信息公开申请", re.compile(
        rf"(?:共|总共|累计|全年|本年度?)?(?:新)?(?:收到|受理|接收)(?:各类|群众|公民)?"
        rf"(?:的)?政府信息公开申请(?:共|总计|合计)?{_COUNT}")),
    ("applications", "total_processed", "total", "办结", re.compile(
        rf"(?:共|已|全部|累计)?办结(?:政府信息公开申请|申请)?(?:共)?{_COUNT}")),
    ("applications", "carried_forward", "total", "结转", re.compile(
        rf"结转(?:至)?下(?:一)?年度?(?:继续办理)?(?:的申请)?(?:共)?{_COUNT}")),
    ("review_litigation", "admin_reconsideration", "total", "行政复议", re.compile(
        rf"(?:被申请|申请|提起)?行政复议(?:案件)?(?:共)?{_COUNT}")),
)
# Table 2 has no arithmetic of its own: the prose is the only other witness of its cells.
# (item, measure by template, word, pattern); the measure None where the template has no
# such column. Only 件 counts: 条 counts published items, another measure.
_MAKE = r"(?:新制作|制发|制定|出台|印发)了?"
# A party body's documents (党内规范性文件, 党组文件) are not the government's.
_SOME = r"(?:(?!党)[^,，。;；、:：\d]){0,8}?"
_DOCS = r"(?:行政)?规范性文件"
_PIECES = r"(?:共|合计)?(?P<n>\d{1,7})件"
_TABLE2: tuple[tuple[str, dict[str, str], str, re.Pattern[str]], ...] = (
    ("regulations", {"2019": "made", "2021": "issued"}, "规章",
     re.compile(rf"{_MAKE}{_SOME}规章{_PIECES}")),
    ("normative_documents", {"2019": "made", "2021": "issued"}, "规范性文件",
     re.compile(rf"{_MAKE}{_SOME}{_DOCS}{_PIECES}")),
    ("normative_documents", {"2021": "repealed"}, "废止",
     re.compile(rf"废止了?{_SOME}{_DOCS}{_PIECES}")),
    ("normative_documents", {"2021": "in_force"}, "现行有效",
     re.compile(rf"现行有效的?{_SOME}{_DOCS}{_PIECES}")),
    ("regulations", {"2021": "in_force"}, "现行有效",
     re.compile(rf"现行有效的?{_SOME}规章{_PIECES}")),
    ("licensing", {"2019": "decisions", "2021": "decisions"}, "行政许可",
     re.compile(rf"行政许可(?:处理)?决定(?:书)?{_PIECES}")),
    ("penalty", {"2019": "decisions", "2021": "decisions"}, "行政处罚",
     re.compile(rf"行政处罚(?:处理)?决定(?:书)?{_PIECES}")),
    ("enforcement", {"2019": "decisions", "2021": "decisions"}, "行政强制",
     re.compile(rf"行政强制(?:处理)?决定(?:书)?{_PIECES}")),
)
_TABLE2_WORDS = re.compile(r"规章|规范性文件|决定")
# A sentence about a wider circle than the reporting body (全县 …, 各部门 …) may state a
# figure its table does not hold.
_WIDER = re.compile(r"全(?:省|市|州|盟|县|区|旗)|各(?:地|级|部门|单位|乡镇|街道)|系统内")
# Nor is one about a part of it (其中 …, 本级, 区政府办代表区政府), or about another year
# (与上年…相比, 较2022年…): those figures are not the table's either.
_PART_OR_PAST = re.compile(r"其中|本级|代表|上一?年|去年|同比|同期|往年")
_YEAR = re.compile(r"(\d{4})年")
_SENTENCE_END = re.compile(r"[。;；！？!?]")


def narrative_claims(lines: Lines, skip: list[tuple[int, int]],
                     template: str | None = None, year: int | None = None) -> list[Claim]:
    """Claims from every line outside the table regions `skip` (0-based, end exclusive);
    the first statement of each figure wins. Table-2 figures need the `template`, which
    decides what a column measures; a sentence naming another year than `year` is not
    read."""
    claims: dict[tuple[str, str, str], Claim] = {}
    squeezed = lines.squeezed
    for index in _outside(len(squeezed), skip):
        text = squeezed[index]
        if not text:
            continue
        for table, row, col, word, pattern in _PATTERNS:
            if word not in text or (table, row, col) in claims:
                continue
            for match in pattern.finditer(text):
                if not _elsewhere(_sentence(text, match.start()), year):
                    claims[(table, row, col)] = Claim(table, row, col, int(match.group("n")),
                                                      index + 1, match.group(0))
                    break
        if template is None or not _TABLE2_WORDS.search(text):
            continue
        for item, measures, word, pattern in _TABLE2:
            measure = measures.get(template)
            if measure is None or word not in text or ("proactive", item, measure) in claims:
                continue
            for match in pattern.finditer(text):
                if not _elsewhere(_sentence(text, match.start()), year):
                    claims[("proactive", item, measure)] = Claim(
                        "proactive", item, measure, int(match.group("n")), index + 1,
                        match.group(0))
                    break
    return list(claims.values())


def _elsewhere(sentence: str, year: int | None) -> bool:
    """The sentence leading to a figure speaks of another body or another year."""
    if _WIDER.search(sentence) or _PART_OR_PAST.search(sentence):
        return True
    return year is not None and any(int(y) != year for y in _YEAR.findall(sentence))


def _outside(count: int, skip: list[tuple[int, int]]) -> Iterator[int]:
    """The indexes below `count` outside every range of `skip`, in order: the tables are
    most of a report's lines, and are passed over a range at a time."""
    at = 0
    for start, end in sorted(skip):
        yield from range(at, min(start, count))
        at = max(at, end)
    yield from range(at, count)


def _sentence(text: str, end: int) -> str:
    """The sentence of `text` up to `end`: from the last full stop before it."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, end)]
    return text[starts[-1] if starts else 0:end]
