"""Find the three tables in a report's lines.

Tables are found from their own content (the first row label, the header words) with the
section headings as bounds, because section numbers are often missing or renumbered.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

from pipelines.parsing._normalize import Lines

_HEADING_MAX = 40
_S2 = re.compile(r"主动公开政府信息|主动公开情况")
_S3 = re.compile(r"收到和处理政府信息公开申请|收到和处理政府信息公开申请情况")
_S5 = re.compile(r"存在的?主要问题|主要问题及|改进情况|改进措施")
_S6 = re.compile(r"其[他它]需要报告的事项")
_T2_ANCHOR = re.compile(r"第二十条第")
_T2_HEADER = re.compile(r"信息内容|制发件数|新制作数量|处理决定数量|采购项目数量")
_T3_FIRST_ROW = re.compile(r"本年新收|新收政府信息公开申请")
_T3_LAST_ROW = re.compile(r"结转下年|下年度继续办理")
_T4_ANCHOR = re.compile(r"复议")
_TITLE_WORDS = re.compile(r"\d{4}年度?.*(?:年度报告|年报)")


@dataclass(frozen=True, slots=True)
class Segments:
    """0-based [start, end) line ranges; None where a table was not found."""

    table2: tuple[int, int] | None
    table3: tuple[int, int] | None
    table4: tuple[int, int] | None
    closing: int  # first line after the tables (sections 五/六, signature, date)
    end: int  # end of the report: the file's end, or where a second report starts
    # Tables printed as an appendix after the signature (附表): sections 五/六 to the first
    # table, where the signature and the date are.
    signed_before_tables: tuple[int, int] | None = None


_STRIP_HASHES = operator.methodcaller("lstrip", "#")


def _headings(squeezed: tuple[str, ...], joined: str) -> list[str | None]:
    """Each line's text without markdown's #, where it is short enough to be a heading;
    `joined` is the lines joined."""
    # One comprehension over C calls: a Python call per line cost more than the test.
    # Most reports print no # at all: their lines need no stripping.
    return [text if 0 < len(text) <= _HEADING_MAX else None
            for text in (map(_STRIP_HASHES, squeezed) if "#" in joined else squeezed)]


def segment(lines: Lines) -> Segments:
    squeezed = lines.squeezed
    # The row and anchor patterns are words without a line break: each is looked for in
    # the joined lines at once, rather than line by line in Python.
    joined = lines.squeezed_text
    headings = _headings(squeezed, joined)
    n = len(squeezed)

    first_row = _first_short_line(_T3_FIRST_ROW, squeezed, joined, 0, 80)
    if first_row is None:
        # Its first label broken over lines (一、本年新 | 收政府…): the section heading,
        # when table 3's last row follows it before table 4, starts the table. Counted in
        # lines, a table printed one cell per line runs to hundreds.
        t3_start = first_row = next(
            (i for i in range(n) if headings[i] and _S3.search(headings[i])
             and _last_row_before_table4(squeezed, i + 1)), None)
    else:
        t3_start = next((i for i in range(first_row, -1, -1)
                         if headings[i] and _S3.search(headings[i])), None)
        if t3_start is None:
            t3_start = max(0, first_row - 30)

    search_from = first_row if first_row is not None else 0
    last_row = _first_short_line(_T3_LAST_ROW, squeezed, joined, search_from, 80)
    t4_from = last_row + 1 if last_row is not None else search_from
    t4_start = _first_short_line(_T4_ANCHOR, squeezed, joined, t4_from, 200)
    closing_from = t4_start if t4_start is not None else t4_from
    closing = next((i for i in range(closing_from + 1, n) if headings[i]
                    and (_S5.search(headings[i]) or _S6.search(headings[i]))), n)

    table3 = None
    if t3_start is not None:
        t3_end = t4_start if t4_start is not None else (last_row + 1 if last_row else closing)
        table3 = (t3_start, t3_end)
    table4 = (t4_start, closing) if t4_start is not None else None

    table2 = None
    t2_end = t3_start if t3_start is not None else closing
    anchor = next((i for i in range(0, t2_end) if headings[i] and _T2_ANCHOR.search(headings[i])),
                  None)
    if anchor is not None:
        heading = next((i for i in range(anchor, -1, -1) if headings[i]
                        and _S2.search(headings[i]) and not _S3.search(headings[i])), None)
        table2 = (heading if heading is not None else anchor, t2_end)
    else:
        # An excerpt or a converted table may print no 第二十条 row: the last section-二
        # heading before table 3 starts it (the first may be a sub-heading of 一、总体情况).
        heading = next((i for i in range(t2_end - 1, -1, -1) if headings[i]
                        and _S2.search(headings[i]) and not _S3.search(headings[i])), None)
        # Only with a table-2 header under it: prose reports print the heading too.
        if heading is not None and any(_T2_HEADER.search(squeezed[i])
                                       for i in range(heading, t2_end)):
            table2 = (heading, t2_end)
    # A file holding two reports: a second table 3 after the first one's table 4.
    after = (t4_start if t4_start is not None else (last_row or 0)) + 1
    second = _first_short_line(_T3_FIRST_ROW, squeezed, joined, after, 80) \
        if first_row is not None else None
    end = n
    if second is not None:
        end = next((i for i in range(second, closing - 1, -1) if headings[i]
                    and _S3.search(headings[i])), second)
        end = max(closing, _title_before(headings, closing, end))
        if table4 is not None and table4[1] > end:
            table4 = (table4[0], end)
    return Segments(table2, table3, table4, min(closing, end), end,
                    _closing_before(headings, closing, end, (table2, table3, table4)))


def _closing_before(headings: list[str | None], closing: int, end: int,
                    tables: tuple[tuple[int, int] | None, ...]) -> tuple[int, int] | None:
    """Sections 五/六 printed before the tables, none after them: the tables are an
    appendix, and the report closes before the first of them."""
    starts = [t[0] for t in tables if t is not None]
    if closing < end or not starts:
        return None
    first = min(starts)
    heading = next((i for i in range(first - 1, -1, -1) if headings[i]
                    and (_S5.search(headings[i]) or _S6.search(headings[i]))), None)
    return None if heading is None else (heading, first)


def _last_row_before_table4(squeezed: tuple[str, ...], start: int) -> bool:
    """Whether table 3's last row stands after line `start` before table 4 begins."""
    for text in squeezed[start:]:
        if _T3_LAST_ROW.search(text) and len(text) <= 80:
            return True
        if _T4_ANCHOR.search(text):
            return False
    return False


def _first_short_line(pattern: re.Pattern[str], squeezed: tuple[str, ...], joined: str,
                      start: int, max_len: int) -> int | None:
    """The first line from `start` on in which `pattern` finds something and that is at most
    `max_len` long; `joined` is `squeezed` joined by line breaks, which the pattern never
    spans."""
    origin = pos = sum(map(len, squeezed[:start])) + start  # where line `start` begins
    while (match := pattern.search(joined, pos)) is not None:
        begin = joined.rfind("\n", 0, match.start()) + 1
        end = joined.find("\n", match.end())
        if end == -1:
            end = len(joined)
        if end - begin <= max_len:
            return start + joined.count("\n", origin, begin)
        pos = end + 1  # a longer line is prose: on to the next line
    return None


def _title_before(headings: list[str | None], start: int, end: int) -> int:
    """The first line of the second report: its title, if one stands before its table 3."""
    for i in range(start, end):
        if headings[i] and _TITLE_WORDS.search(headings[i]):
            return i
    return end
