"""Report metadata (SPEC §7): agency, year, publication date."""

from __future__ import annotations

import datetime as dt
import re

import cn2an

from pipelines.parsing._normalize import Lines, squeeze

_AGENCY_SUFFIX = re.compile(
    r"(?:局|委员会|委|办公室|办|厅|部|院|署|政府|中心|所|站|队|处|街道办事处|街道|镇|乡|馆|"
    r"会|管委会|监狱|银行|公司|集团|法院|检察院|支队|大队|分局|管理局|服务中心)$"
)
_CN_DIGITS = "〇零一二三四五六七八九"
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_YEAR = rf"(?:\d{{4}}|[{_CN_DIGITS}]{{4}})"
_TITLE = re.compile(
    rf"^(?P<before>.*?)(?P<year>{_YEAR})\s*年度?(?P<after>.*?)(?:年度报告|年报|工作报告)")
_DATE = re.compile(
    rf"^(?P<y>{_YEAR})年(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})月"
    rf"(?P<d>\d{{1,3}}|[一二三四五六七八九十]{{1,3}})日$"
    r"|^(?P<y2>\d{4})[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2})$"
)
# The statistics period names the year the data covers when the title does not.
_PERIOD = re.compile(r"(?:统计期限|统计时限|统计期间|数据统计)[^。]{0,6}?自?(?P<y>\d{4})年1月1日")
# Words a title puts around the agency: 关于… / …的.
_AGENCY_NOISE = re.compile(r"^(?:关于)|(?:关于|的|发布|公布)$")
_TITLE_NOISE = re.compile(r"^[#\s*]+|[《》\s]")
_AFTER_AGENCY = re.compile(r"^(?P<agency>.*?)(?:政府信息公开|信息公开|政务公开)")
_TITLE_SCAN = 15


def find_title(lines: Lines) -> tuple[int, str] | None:
    """First line, near the top, that reads like the report's title."""
    seen = 0
    for index, line in enumerate(lines.norm):
        text = _TITLE_NOISE.sub("", line)
        if not text:
            continue
        seen += 1
        if _TITLE.search(text) and len(text) <= 80:
            return index, text
        if seen >= _TITLE_SCAN:
            break
    return None


def period_year(lines: Lines) -> int | None:
    """The year of the statistics period (自2020年1月1日起至…), if the report states one."""
    for line in lines.norm[:80]:
        match = _PERIOD.search(squeeze(line))
        if match:
            return int(match.group("y"))
    return None


def year_and_agency(lines: Lines) -> tuple[int | None, str | None]:
    title = find_title(lines)
    if title is None:
        return None, None
    index, text = title
    match = _TITLE.search(text)
    assert match is not None
    year = _to_int(match.group("year"))
    agency = _AGENCY_NOISE.sub("", match.group("before").strip()) or None
    if agency is None:
        after = _AFTER_AGENCY.match(match.group("after"))
        if after and after.group("agency"):
            agency = _AGENCY_NOISE.sub("", after.group("agency")) or None
    if agency is None:
        agency = _nearby_agency(lines, index)
    return year, agency


def _nearby_agency(lines: Lines, index: int) -> str | None:
    """An agency printed on its own line just above or below the title."""
    order = [index - 1, index - 2, index + 1, index + 2, index - 3, index + 3]
    for i in order:
        if 0 <= i < len(lines.norm):
            text = _TITLE_NOISE.sub("", lines.norm[i])
            if 2 < len(text) <= 30 and _AGENCY_SUFFIX.search(text) and not re.search(r"\d", text):
                return text
    return None


def full_agency_name(lines: Lines, as_written: str | None, closing: int,
                     end: int | None = None) -> str | None:
    """The agency's full name where the report spells it out (SPEC §7): a longer name
    of which the title's form is an abbreviation, e.g. 卫健局 for 卫生健康局."""
    if as_written is None:
        return signature(lines, closing, end)
    best = as_written
    for candidate in _agency_mentions(lines):
        if len(candidate) > len(best) and _abbreviates(as_written, candidate):
            best = candidate
    return best


def signature(lines: Lines, closing: int, end: int | None = None) -> str | None:
    last = len(lines.norm) if end is None else end
    for i in range(last - 1, max(closing, 0) - 1, -1):
        text = squeeze(lines.norm[i])
        if 2 < len(text) <= 30 and _AGENCY_SUFFIX.search(text) and not re.search(r"\d", text):
            return text
    return None


def _agency_mentions(lines: Lines) -> set[str]:
    found: set[str] = set()
    for text in lines.squeezed:
        if 2 < len(text) <= 30 and _AGENCY_SUFFIX.search(text) and not re.search(r"\d", text):
            found.add(text)
    return found


def _abbreviates(short: str, full: str) -> bool:
    if short[:2] != full[:2] or short[-1] != full[-1]:
        return False
    position = 0
    for ch in short:
        position = full.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


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
