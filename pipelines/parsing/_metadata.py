"""Report metadata (SPEC §7): agency, year, publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from itertools import islice

import cn2an

from pipelines.parsing._agency_name import AGENCY_SUFFIX, fullest_name, is_agency_name
from pipelines.parsing._normalize import Lines, squeeze
from pipelines.parsing._places import divisions_by_name, longest_name

_CN_DIGITS = "〇零一二三四五六七八九"
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = rf"(?:\d{{4}}|[{_CN_DIGITS}]{{4}})"
_TITLE = re.compile(
    rf"^(?P<before>.*?)(?P<year>{_YEAR})\s*年度?(?P<after>.*?)"
    r"(?:年度报告|年报|工作报告|(?<=\d年度)报告|(?<=\d年)报告)(?P<tail>.*)$")
# …政府信息公开工作年度报告（2022年度）: the year in brackets after the title.
_TITLE_YEAR_LAST = re.compile(
    rf"^(?P<before>.*?)(?P<after>)(?:政府信息公开|信息公开|政务公开)(?:工作)?(?:年度报告|年报)"
    rf"[(\[【〔](?P<year>{_YEAR})年?度?[)\]】〕](?P<tail>.*)$")
# What may follow 年度报告 in a report's own title: nothing, or a bracketed remark (（全文）).
_TITLE_TAIL = re.compile(r"^(?:[(\[【〔][^)\]】〕]{0,10}[)\]】〕]|全文|正文)?[。.:：]?$")
# A notice that publishes the report (关于公布…年度报告的通知) is the report's own title.
_PUBLISHING = re.compile(r"^关于(?:公布|发布|印发|公开)")
_PUBLISHING_TAIL = re.compile(r"^的(?:通知|公告)$")
# Sentence punctuation: a line with it is prose that happens to hold a year and 年度报告.
_SENTENCE = re.compile(r"[。；;，,！？]")
# A title broken over lines is joined with at most this many following lines.
_TITLE_JOIN = 2
_DATE = re.compile(
    rf"^(?P<y>{_YEAR})年(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月"
    rf"(?P<d>\d{{1,3}}|[一二三四五六七八九十]{{1,3}})日$"
    r"|^(?P<y2>\d{4})[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2})$"
)
# The statistics period names the year the data covers when the title does not.
_PERIOD = re.compile(r"(?:统计期限|统计时限|统计期间|数据统计)[^。]{0,6}?自?(?P<y>\d{4})年1月1日")
# Words a title puts around the agency: 关于… / …的.
_AGENCY_NOISE = re.compile(r"^(?:关于(?:公布|发布|印发|公开)?)|(?:关于|的|发布|公布)$")
_TITLE_NOISE = re.compile(r"^[#\s*]+|[《》\s]")
_AFTER_AGENCY = re.compile(r"^(?P<agency>.*?)(?:政府信息公开|信息公开|政务公开)")
_TITLE_SCAN = 15
# How near the top another document's title must stand to make the text that document.
_OTHER_SCAN = 3
# Lines a conversion or a site puts above the title: never part of it.
_MARKER_LINES = frozenset({"正文", "全文", "目录", "附件", "文字版", "图文版"})
_YEAR_IN_LINE = re.compile(_YEAR)
# A title broken inside the agency's name (驻马 / 店市卫生健康委员会2022年…): its first line
# is a short run of name characters with no year and no word of the title's topic.
_NAME_FRAGMENT = re.compile(r"^[\u4e00-\u9fff]{1,20}$")
_TOPIC_WORDS = re.compile(r"报告|年报|公开|政务")


class Titles:
    """What the top of a text reads like: the report's title, and the first title-like line
    of another kind of document (a notice or news item about the reports)."""

    __slots__ = ("other", "report")

    def __init__(self) -> None:
        self.report: tuple[int, str] | None = None
        self.other: tuple[int, str] | None = None


def scan_titles(lines: Lines) -> Titles:
    """The report's title near the top (its first line and its text, joined when the
    title is printed over two or three lines), or the title of another document."""
    found = Titles()
    # Read line by line as far as the scan gets: most titles are the first line.
    texts = islice(_title_lines(lines.norm), _TITLE_SCAN + _TITLE_JOIN)
    nonblank = list(islice(texts, _TITLE_JOIN))
    for position in range(_TITLE_SCAN):
        nonblank += islice(texts, 1)  # the last line a title at `position` may join
        if position >= len(nonblank):
            break
        index, text = nonblank[position]
        following = nonblank[position + 1: position + 1 + _TITLE_JOIN]
        for joined in _head_joined(text, following) or _joins(text, following):
            match = _title_match(joined)
            if match is None or len(joined) > 80 or _SENTENCE.search(
                    joined[:match.start("tail")]):
                continue
            if _own_title(match):
                found.report = (index, joined)
                return found
            # Another document's title stands alone at the top: a sentence that cites a
            # notice (根据《关于做好…的通知》要求，…) is not one.
            if found.other is None and position < _OTHER_SCAN and not _SENTENCE.search(joined):
                found.other = (index, joined)
            break
    return found


def _title_lines(norm: Sequence[str]) -> Iterator[tuple[int, str]]:
    """The lines that may hold a title, with their indexes, as the title reads them."""
    for index, line in enumerate(norm):
        if not line or line.isspace():
            continue
        text = _TITLE_NOISE.sub("", line)
        if text and text not in _MARKER_LINES:
            yield index, text


def report_titles(lines: Lines) -> set[str]:
    """Every distinct line that reads as a report's title (a page of links holds many)."""
    found = set()
    for line in lines.norm:
        text = _TITLE_NOISE.sub("", line)
        if "报" not in text or len(text) > 80:
            continue
        match = _title_match(text)
        if match and _own_title(match) and not _SENTENCE.search(text[:match.start("tail")]):
            found.add(text)
    return found


def _title_match(text: str) -> re.Match[str] | None:
    return _TITLE.search(text) or _TITLE_YEAR_LAST.search(text)


def _own_title(match: re.Match[str]) -> bool:
    tail = match.group("tail")
    return bool(_TITLE_TAIL.match(tail) or (
        _PUBLISHING_TAIL.match(tail) and _PUBLISHING.match(match.group("before"))))


def _joins(text: str, following: list[tuple[int, str]]) -> list[str]:
    """The line alone, then joined with the next lines while the title is unfinished."""
    joined = [text]
    if not _YEAR_IN_LINE.search(text):
        return joined
    for _, more in following:
        if _title_match(joined[-1]) or _SENTENCE.search(joined[-1]):
            break
        joined.append(joined[-1] + more)
    return joined


def _head_joined(text: str, following: list[tuple[int, str]]) -> list[str]:
    """The title whose first line is the start of the agency's name, joined; none when
    the line is not such a fragment.

    A title whose own name starts with a place is whole: the line above it is a heading or
    a site's navigation (首页, 工作动态), never the start of the name. So is a whole agency
    name above a title that repeats its start, and a line above a title that begins with
    its year (the agency stands alone above it: `_nearby_agency`)."""
    if not following or not _NAME_FRAGMENT.match(text) or _TOPIC_WORDS.search(text):
        return []
    rest = following[0][1]
    match = _title_match(rest)
    if match is None or not match.group("before").strip() or not _own_title(match):
        return []
    before = match.group("before").strip()
    if _starts_with_place(before) or (_is_agency_line(text) and before.startswith(text[:2])):
        return []
    joined = text + rest
    match = _title_match(joined)
    return [joined] if match is not None and _own_title(match) else []


def _starts_with_place(text: str) -> bool:
    names = divisions_by_name()
    return any(text[:k] in names for k in range(2, longest_name() + 1))


def period_year(lines: Lines) -> int | None:
    """The year of the statistics period (自2020年1月1日起至…), if the report states one."""
    for line in lines.norm[:80]:
        match = _PERIOD.search(squeeze(line))
        if match:
            return int(match.group("y"))
    return None


def year_and_agency(lines: Lines, titles: Titles | None = None
                    ) -> tuple[int | None, str | None]:
    """The year and the agency as the title prints them; the agency None where the title
    holds no agency name (then a line just above or below it may)."""
    title = (titles or scan_titles(lines)).report
    if title is None:
        return None, None
    index, text = title
    match = _title_match(text)
    assert match is not None
    year = _to_int(match.group("year"))
    agency = _AGENCY_NOISE.sub("", match.group("before").strip()) or None
    if agency is not None:  # …局政府信息公开工作2022年度报告: the agency is before the topic
        topic = _AFTER_AGENCY.match(agency)
        agency = (topic.group("agency") or None) if topic else agency
    if agency is None:
        after = _AFTER_AGENCY.match(match.group("after"))
        if after and after.group("agency"):
            agency = _AGENCY_NOISE.sub("", after.group("agency")) or None
    if agency is None:
        agency = _nearby_agency(lines, index)
    return year, agency if is_agency_name(agency) else None


def _nearby_agency(lines: Lines, index: int) -> str | None:
    """An agency printed on its own line just above or below the title."""
    order = [index - 1, index - 2, index + 1, index + 2, index - 3, index + 3]
    for i in order:
        if 0 <= i < len(lines.norm):
            text = _TITLE_NOISE.sub("", lines.norm[i])
            if _is_agency_line(text):
                return text
    return None


def full_agency_name(lines: Lines, as_written: str | None, closing: int,
                     end: int | None = None) -> str | None:
    """The agency's full name where the report spells it out (SPEC §7): see
    `_agency_name.fullest_name`; without a name in the title, the signature's."""
    if as_written is None:
        return signature(lines, closing, end)
    return fullest_name(as_written, lines.squeezed, _is_agency_line)


def signature(lines: Lines, closing: int, end: int | None = None) -> str | None:
    last = len(lines.norm) if end is None else end
    for i in range(last - 1, max(closing, 0) - 1, -1):
        text = squeeze(lines.norm[i])
        if _is_agency_line(text):
            return text
    return None


def _is_agency_line(text: str) -> bool:
    """A line that holds an agency's name alone (a signature, a heading), not a place."""
    return 2 < len(text) <= 30 and bool(AGENCY_SUFFIX.search(text)) and is_agency_name(text)


def published_on(lines: Lines, closing: int, end: int | None = None) -> dt.date | None:
    """The date printed on its own line at the end of the report."""
    last = len(lines.norm) if end is None else end
    start = max(closing, last - 40)
    for i in range(last - 1, start - 1, -1):
        text = squeeze(lines.norm[i])
        match = _DATE.match(text)
        if match:
            parts = ("y", "m", "d") if match.group("y") else ("y2", "m2", "d2")
            try:
                return dt.date(*(_to_int(match.group(p)) for p in parts))
            except ValueError:
                return None
    return None


def _to_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if all(ch in _CN_DIGITS for ch in text):  # a year is read digit by digit
        return int(text.translate(_YEAR_DIGITS))
    return int(cn2an.cn2an(text, "smart"))
