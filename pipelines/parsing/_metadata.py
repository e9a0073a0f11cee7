"""Report metadata (SPEC §7): agency, year, publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from itertools import islice

import cn2an

from pipelines.parsing._agency_name import (
    AGENCY_SUFFIX,
    fullest_name,
    is_agency_name,
    placed_name,
    same_body,
)
from pipelines.parsing._normalize import Lines
from pipelines.parsing._places import divisions_by_name, is_place_name, longest_name
from pipelines.parsing._types import Issue

# 二○二三年: a year's zero is often printed as the white circle ○ (U+25CB), not 〇.
_CN_DIGITS = "〇○零一二三四五六七八九"
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
# 2023, 二〇二三, and the two mixed (二0二三), as typists print it.
_YEAR = rf"[\d{_CN_DIGITS}]{{4}}"
_TITLE = re.compile(
    rf"^(?P<before>.*?)(?P<year>{_YEAR})\s*年度?(?P<after>.*?)"
    r"(?:年度报告|年报|工作报告|(?<=\d年度)报告|(?<=\d年)报告)(?P<tail>.*)$")
# …政府信息公开工作年度报告（2022年度）: the year in brackets after the title.
_TITLE_YEAR_LAST = re.compile(
    rf"^(?P<before>.*?)(?P<after>)(?:政府信息公开|信息公开|政务公开)(?:工作)?(?:年度报告|年报)"
    rf"[(\[【〔](?P<year>{_YEAR})年?度?[)\]】〕](?P<tail>.*)$")
# What may follow 年度报告 in a report's own title: nothing, or a bracketed remark (（全文）).
_TITLE_TAIL = re.compile(r"^(?:[(\[【〔][^)\]】〕]{0,10}[)\]】〕]|全文|正文)?[。.:：]?"
                         # a file's name (….pdf), or a page's title with its site's name
                         r"(?:\.(?:pdf|docx?|wps|ofd|html?|txt)"
                         r"|[_|\-—–]+.{0,30}?(?:网站|网|平台|政府|局|委员会|委|办公室|厅))?"
                         r"(?:(?:发布|更新|成文)?(?:日期|时间)[:：].*|来源[:：].*)?$",
                         re.IGNORECASE)
# A notice that publishes the report (关于公布…年度报告的通知) is the report's own title.
# The publisher may name itself first (某某县人民政府办公室关于印发某某县…年度报告的通知).
_PUBLISHING = re.compile(r"^[\u4e00-\u9fff]{0,30}?关于(?:公布|发布|印发|公开)")
_PUBLISHING_TAIL = re.compile(r"^的(?:通知|公告)$")
# Sentence punctuation: a line with it is prose that happens to hold a year and 年度报告.
_SENTENCE = re.compile(r"[。；;，,！？]")
# What a signature line does not hold: a sentence's or a label's punctuation (主办：…), digits.
_NOT_A_SIGNATURE = re.compile(r"[\d。；;，,！？!?、:：]")
# A line of prose, or a section's heading (一、总体情况): no title starts there.
_NO_TITLE_AFTER = re.compile(r"[。；;，,！？]|^[一二三四五六七八九十]+、")
# A title broken over lines is joined with at most this many following lines.
_TITLE_JOIN = 2
# A date on its own line (in brackets or not), or after the signature on the same line
# (某某局 2024年1月15日).
# The date may be labelled (日期：, 成文日期：; a site's 发布日期 is the page's) and followed
# by what was done that day (印发) or a remark in brackets (（此件公开发布）).
_DATE = re.compile(
    rf"^(?P<signer>.*?)(?:(?:成文|印发)?日期[:：])?\(?"
    rf"(?:(?P<y>{_YEAR})年(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,2}}|元)月"
    rf"(?P<d>\d{{1,3}}|[一二三四五六七八九十]{{1,3}})日"
    r"|(?P<y2>\d{4})[-./](?P<m2>\d{1,2})[-./](?P<d2>\d{1,2}))\)?"
    r"(?:印发|[(（][^()（）]{1,12}[)）])?$"
)
# How a line with a date may end: 日, a bracket, 印发, or the day of 2024-01-15 (a table's
# row of numbers ends in a digit too, but with no separator before its last ones).
_DATE_ENDS = frozenset("日)）发")
_DATE_SEPARATORS = re.compile(r"[-./]\d")
# Lines under a title's first line where its date may stand (the title's own lines first).
_UNDER_TITLE = 4
# The statistics period names the year the data covers when the title does not.
_PERIOD = re.compile(r"(?:统计期限|统计时限|统计期间|统计时段|统计时间|统计周期|数据统计)"
                     r"[^。]{0,6}?自?(?P<y>\d{4})年1月1日")
# The year the overview's first sentence opens with (2022年，本局…; 2022年以来，…).
_BODY_YEAR = re.compile(r"^(?:[一1][、.]?总体情况)?(?P<y>\d{4})年度?(?:[，,]|以来|全|我|本)")
# Lines after the title in which the overview's first sentence is looked for.
_BODY_SCAN = 40
# Words a title puts around the agency: 关于… / …的.
_AGENCY_NOISE = re.compile(r"^(?:[\u4e00-\u9fff]*?关于(?:公布|发布|印发|公开)|关于)|"
                           r"(?:关于|的|发布|公布)$")
_TITLE_NOISE = re.compile(r"^(?:[#\s*]+|(?:标题|题目|附件\d*)[:：])|[《》【】\s]")
_BRACKETED_YEAR = re.compile(rf"^[(\[【〔]{_YEAR}年度?[)\]】〕]$")
_LABEL = re.compile(r"[:：]")
_BREADCRUMBS = re.compile(r"^.*[>»›]")
# A site's label for the body that published a page (发布机构：某某局).
_PUBLISHER_LABEL = re.compile(r"^(?:发布机构|发文机关|发布单位|发文单位)[:：]")
# A body's second name in brackets after its first (合署办公: two names, one office).
_SECOND_NAME = re.compile(r"[(（][^)）]{2,30}[)）]$")
_PARTY = ("中共", "中国共产党")
# A Party body's name: 中共…, …县委宣传部, …党史研究室.
_PARTY_BODY = re.compile(r"^(?:中共|中国共产党)|[省市县区州旗盟]委(?!员)|党")
_AFTER_AGENCY = re.compile(r"^(?P<agency>.*?)(?:政府信息公开|信息公开|政务公开)")
_TITLE_SCAN = 15
# The body that says it compiled the report: 本报告由某某县卫生健康局（办公室）编制, 本年度报告是由…
# 根据《条例》要求编制的.
_COMPILED_BY = re.compile(r"本(?:年度)?报告[^。由]{0,30}?由(?P<name>[\u4e00-\u9fff]{4,40}?)"
                          r"(?:(?:根据|依据|按照|依照)[^。]{0,60}?|负责|组织)?(?:编制|编写)")
# What a line _COMPILED_BY matches in holds, found in all lines joined at once: most
# reports say nothing of who compiled them, and are done without a look at each line.
_COMPILED_HINT = re.compile(r"本(?:年度)?报告[^。由\n]{0,30}?由")
# The opening sentence that names the report it introduces: 编制某某局2020年度政府信息公开
# 工作年度报告, 现将某某县人民政府2022年政府信息公开工作年度报告公布如下.
_REPORT_NAMED = re.compile(r"(?:编制|编写|现将|发布|公布)(?:了|完成)?"
                           r"(?P<name>[\u4e00-\u9fff（）()]{4,40}?)(?:19|20)\d\d年度?"
                           r"(?:政府信息公开|政务公开|信息公开)")
# The office that drafts a body's report (某某局办公室, 某某县人民政府办公室) is not the body.
_DRAFTING_OFFICE = re.compile(r"(?<=[局府会委厅院署])(?:办公室|办公厅)$")
# A name that starts with a level alone (市政府, 县卫健局) names no body on its own.
_LEVEL_ONLY = re.compile(r"^[省市县区镇乡]")
# How near the top another document's title must stand to make the text that document.
_OTHER_SCAN = 3
# Lines a conversion or a site puts above the title: never part of it.
_MARKER_LINES = frozenset({"正文", "全文", "目录", "附件", "文字版", "图文版"})
# A document number on its own line above the title (某某发〔2021〕14号): its year is the
# issuing year, and it is never part of the title it stands above.
_DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［(（](?:19|20)\d\d[〕\]］)）]"
                              r"第?\d{1,5}号$")
_YEAR_IN_LINE = re.compile(_YEAR)
# A title broken inside the agency's name (驻马 / 店市卫生健康委员会2022年…): its first line
# is a short run of name characters with no year and no word of the title's topic.
_NAME_FRAGMENT = re.compile(r"^[\u4e00-\u9fff]{1,40}$")
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
    title is printed over two or three lines), or the title of another document.

    Of titles printed one under the other (a site's list of reports above the article),
    the last is the report's own."""
    found = Titles()
    # Read line by line as far as the scan gets: most titles are the first line.
    texts = islice(_title_lines(lines.norm), _TITLE_SCAN + _TITLE_JOIN)
    nonblank = list(islice(texts, _TITLE_JOIN))
    after = 0  # the position of the first line after the title found
    for position in range(_TITLE_SCAN):
        nonblank += islice(texts, 1)  # the last line a title at `position` may join
        if position >= len(nonblank):
            break
        if found.report is not None and position < after:
            continue  # a line of the title found
        index, text = nonblank[position]
        if found.report is not None and (len(text) > 80 or _NO_TITLE_AFTER.search(text)):
            return found  # prose or a heading after the title: no other title follows
        own, joined = _title_at(text, nonblank[position + 1: position + 1 + _TITLE_JOIN])
        if found.report is not None and (not own or (
                _names_no_body(joined) and not _names_no_body(found.report[1]))):
            return found  # the title printed again without its agency is the same title
        if own:
            found.report = (index, joined)
            after = position + _line_count(joined, nonblank, position)
        # Another document's title stands alone at the top: a sentence that cites a
        # notice (根据《关于做好…的通知》要求，…) is not one.
        elif joined and found.other is None and position < _OTHER_SCAN \
                and not _SENTENCE.search(joined):
            found.other = (index, joined)
    return found


def _names_no_body(title: str) -> bool:
    """A title with nothing before or after its year that may be the agency's name."""
    match = _title_match(title)
    assert match is not None
    after = _AFTER_AGENCY.match(match.group("after"))
    return not match.group("before").strip() and not (after and after.group("agency"))


def _title_at(text: str, following: list[tuple[int, str]]) -> tuple[bool, str | None]:
    """Whether a report's own title starts at `text` (joined with the lines it runs on
    to), or else another document's title, or none (False, None)."""
    for joined in _head_joined(text, following) or _joins(text, following):
        match = _title_match(joined)
        if match is None or len(joined) > 80 or _SENTENCE.search(joined[:match.start("tail")]):
            continue
        return _own_title(match), joined
    return False, None


def _line_count(joined: str, nonblank: list[tuple[int, str]], position: int) -> int:
    """How many of the lines from `position` on a joined title is made of."""
    count, length = 0, 0
    while length < len(joined) and position + count < len(nonblank):
        length += len(nonblank[position + count][1])
        count += 1
    return max(count, 1)


def _title_lines(norm: Sequence[str]) -> Iterator[tuple[int, str]]:
    """The lines that may hold a title, with their indexes, as the title reads them."""
    for index, line in enumerate(norm):
        if not line or line.isspace():
            continue
        text = _TITLE_NOISE.sub("", line)
        if text and text not in _MARKER_LINES and not (
                text[-1] == "号" and _DOCUMENT_NUMBER.match(text)):
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
        # …政府信息公开工作年度报告 / （2023年度）: the year in brackets on the next line.
        if following and _BRACKETED_YEAR.match(following[0][1]):
            joined.append(text + following[0][1])
        return joined
    for _, more in following:
        # A page's label line (信息来源：…发布时间：2024-01-15) is no part of a title.
        if _title_match(joined[-1]) or _SENTENCE.search(joined[-1]) or _LABEL.search(
                joined[-1]):
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
    if (match is None or not _own_title(match)) and len(following) > 1:
        # The rest may itself be broken over lines (洛阳市生态 / 环境局2023年政府 / 信息公开…).
        rest = next((r for r in _joins(rest, following[1:])[1:]
                     if (m := _title_match(r)) is not None and _own_title(m)), rest)
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
    for line in lines.squeezed[:80]:
        # Every wording of the period says 统计: most lines are not searched at all.
        match = _PERIOD.search(line) if "统计" in line else None
        if match:
            return int(match.group("y"))
    return None


def untitled_year(lines: Lines, titles: Titles) -> tuple[int | None, str]:
    """The year of a report whose title names none: its statistics period's, else the year
    its overview opens with; and where it was read."""
    period = period_year(lines)
    if period is not None:
        return period, "the statistics period"
    return _overview_year(lines, titles.report[0] if titles.report else -1), "the overview"


def checked_year(year: int, lines: Lines, titles: Titles, published: dt.date | None
                 ) -> tuple[int | None, list[Issue]]:
    """The title's year, checked against the statistics period, the year the overview
    opens with and the publication date (a report on year N is dated in N+1).

    When the period (or, without one, the overview) names another year, the date decides
    which of the two the data covers; without a date that decides, the year is NULL."""
    title_at = titles.report[0] if titles.report else 0
    stated = period_year(lines)
    source = "the statistics period"
    if stated is None:
        stated, source = _overview_year(lines, title_at), "the overview's first sentence"
    if stated is not None and stated != year:
        told = f"the title names {year} but {source} {stated}"
        if published is not None and _dated_as_report_on(published, stated):
            return stated, [Issue("year_conflict", "warning",
                                  f"{told}; took {stated}, as the report is dated {published}")]
        if published is not None and _dated_as_report_on(published, year):
            return year, [Issue("year_conflict", "warning",
                                f"{told}; kept {year}, as the report is dated {published}")]
        dated = f"the date {published} decides nothing" if published else "no date decides"
        return None, [Issue("year_conflict", "warning", f"{told} and {dated}: year left NULL")]
    # Some reports are dated on the last day of their year, when their figures close.
    if published is not None and published < dt.date(year, 12, 31):
        return year, [Issue("year_conflict", "warning",
                            f"the report on {year} is dated {published}, before that year "
                            f"ended: one of the two is misprinted")]
    return year, []


def _dated_as_report_on(published: dt.date, year: int) -> bool:
    """A report on `year` is dated early the next year, or on its last day."""
    return published.year == year + 1 or published == dt.date(year, 12, 31)


def _overview_year(lines: Lines, after: int) -> int | None:
    for line in lines.squeezed[after + 1: after + 1 + _BODY_SCAN]:
        match = _BODY_YEAR.match(line)
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
    # A site's breadcrumbs before the title (首页>政务公开>…) are no part of the name.
    agency = _AGENCY_NOISE.sub("", _BREADCRUMBS.sub("", match.group("before").strip())) or None
    if agency is not None:  # …局政府信息公开工作2022年度报告: the agency is before the topic
        topic = _AFTER_AGENCY.match(agency)
        agency = (topic.group("agency") or None) if topic else agency
    if agency is None:
        after = _AFTER_AGENCY.match(match.group("after"))
        if after and after.group("agency"):
            agency = _AGENCY_NOISE.sub("", after.group("agency")) or None
    if agency is None:
        agency = _nearby_agency(lines, index)
    if agency is not None:  # 某某市教育局（某某市语言文字工作委员会办公室）: its other name
        agency = _government_name(agency)
    return year, agency if is_agency_name(agency) else None


def _government_name(agency: str) -> str:
    """Of a body's two names (合署办公), the first; but the other where the first is the
    Party's and the other not (中共某某县委办公室（某某县人民政府办公室）): the 条例 binds the
    government body, and its reports are filed under that name."""
    second = _SECOND_NAME.search(agency)
    if second is None:
        return agency
    first, other = agency[:second.start()], second.group()[1:-1]
    if first.startswith(_PARTY) and not _PARTY_BODY.search(other):
        return other
    return first or agency


def _nearby_agency(lines: Lines, index: int) -> str | None:
    """An agency printed on its own line just above or below the title."""
    order = [index - 1, index - 2, index + 1, index + 2, index - 3, index + 3]
    for i in order:
        if 0 <= i < len(lines.norm):
            text = _PUBLISHER_LABEL.sub("", _TITLE_NOISE.sub("", lines.norm[i]))
            if _SECOND_NAME.fullmatch(text) and i > 0 and _is_agency_line(text[1:-1]):
                # A body's second name on a line of its own under its first.
                first = _TITLE_NOISE.sub("", lines.norm[i - 1])
                if _is_agency_line(first):
                    return first + text
            if _is_agency_line(text):
                # 洛阳市 / 生态环境局 / 2023年…: the place on the line above is the name's.
                above = _TITLE_NOISE.sub("", lines.norm[i - 1]) if 0 < i < index else ""
                return above + text if above and is_place_name(above) else text
    return None


def full_agency_name(lines: Lines, as_written: str | None, closing: int,
                     end: int | None = None) -> str | None:
    """The agency's full name where the report spells it out (SPEC §7): see
    `_agency_name.fullest_name`; without a name in the title, the signature's."""
    if as_written is None:
        return signature(lines, closing, end)
    # The body that compiled the report may spell out what the title abbreviates (title
    # 某某县卫健局, 本报告由某某县卫生健康局办公室编制).
    compiled = compiled_by(lines, end)
    texts, lined = (lines.squeezed, lines.squeezed_text) if compiled is None \
        else ((*lines.squeezed, compiled), None)
    if _LEVEL_ONLY.match(as_written) and not _starts_with_place(as_written):
        # 市人社局 names no place: the signature may spell it out (衢州市人力资源和社会保障局).
        placed = placed_name(as_written, signature(lines, closing, end))
        if placed is not None:
            return placed
    return fullest_name(as_written, texts, _is_agency_line, lined)


def signed_otherwise(lines: Lines, as_written: str | None, titles: Titles, closing: int,
                     end: int | None = None) -> str | None:
    """The signature, when it names another body than the line by the title that gave the
    agency (a site's or a letterhead's name above a title without one); else None."""
    if as_written is None or titles.report is None or as_written in titles.report[1]:
        return None
    signed = signature(lines, closing, end)
    if signed is None or as_written in signed or signed in as_written \
            or same_body(as_written, signed):
        return None
    return signed


def compiled_by(lines: Lines, end: int | None = None) -> str | None:
    """The body the report says compiled it, in its fullest printed form: the agency of a
    report whose title and signature name none. The drafting office is dropped (本报告由某某
    县卫生健康局办公室编制: the report is the 局's)."""
    text = lines.squeezed_text if end is None or end >= len(lines.squeezed) \
        else "\n".join(lines.squeezed[:end])
    if not _COMPILED_HINT.search(text):
        return None
    for line in lines.squeezed[:end]:
        if "由" not in line or "报告" not in line:
            continue
        match = _COMPILED_BY.search(line)
        if match is None:
            continue
        name = _DRAFTING_OFFICE.sub("", match.group("name"))
        if _names_a_body(name):
            return fullest_name(name, lines.squeezed, _is_agency_line)
    return None


def named_report(lines: Lines, end: int | None = None) -> str | None:
    """The agency the body names as the report's own (编制某某局2020年度政府信息公开工作
    年度报告): for a report whose title, signature and compiler name none, such as a web
    page whose heading leaves the agency to the site around it."""
    # The lines joined without a break: PDF text wraps the sentence anywhere, even inside
    # the name. Only reports without an agency so far come here.
    for match in _REPORT_NAMED.finditer("".join(lines.squeezed[:end])):
        if _names_a_body(match.group("name")):
            return fullest_name(match.group("name"), lines.squeezed, _is_agency_line)
    return None


def _names_a_body(name: str) -> bool:
    """A name that stands for one body on its own: not 本机关, not 市政府 without a place."""
    return not _LEVEL_ONLY.match(name) and bool(AGENCY_SUFFIX.search(name)) \
        and is_agency_name(name)


def signature(lines: Lines, closing: int, end: int | None = None) -> str | None:
    """The agency signed at the end: the name beside the date first (a footer below it, a
    site's name, is not the signature), else the last name on a line of its own."""
    last = len(lines.norm) if end is None else end
    dated = _dated_line(lines, closing, end)
    if dated is not None:
        index, match = dated
        if match.group("signer"):
            return match.group("signer")
        for i in (index - 1, index - 2, index + 1):
            if max(closing, 0) <= i < last and _is_agency_line(lines.squeezed[i]):
                return lines.squeezed[i]
    for i in range(last - 1, max(closing, 0) - 1, -1):
        text = lines.squeezed[i]
        if _is_agency_line(text):
            return text
    return None


def _is_agency_line(text: str) -> bool:
    """A line that holds an agency's name alone (a signature, a heading), not a place."""
    return 2 < len(text) <= 30 and bool(AGENCY_SUFFIX.search(text)) and is_agency_name(text)


def published_on(lines: Lines, closing: int, end: int | None = None, *,
                 unsigned: bool = True) -> dt.date | None:
    """The date printed on its own line (or after the signature) at the end of the report;
    `unsigned`: also one with no name near it (else only a signed one)."""
    dated = _dated_line(lines, closing, end, unsigned)
    return None if dated is None else _date_of(dated[1])


def dated_under_title(lines: Lines, title_at: int) -> dt.date | None:
    """The date printed alone just under the title (（2024年1月15日）), as a 公文 prints it."""
    for text in lines.squeezed[title_at + 1: title_at + 1 + _UNDER_TITLE]:
        match = _date_line(text)
        if match and not match.group("signer"):
            return _date_of(match)
    return None


def _date_line(text: str) -> re.Match[str] | None:
    # A line that ends otherwise (prose ends in 。) holds no date: it is not searched, as
    # the date's pattern is tried at every place a signer may end.
    last = text[-1:]
    if last in _DATE_ENDS or (last.isdigit() and _DATE_SEPARATORS.search(text[-3:])):
        return _DATE.match(text)
    return None


def _date_of(match: re.Match[str]) -> dt.date | None:
    parts = ("y", "m", "d") if match.group("y") else ("y2", "m2", "d2")
    try:
        return dt.date(*(_to_int(match.group(p)) for p in parts))
    except ValueError:
        return None


def _dated_line(lines: Lines, closing: int, end: int | None, unsigned: bool = True
                ) -> tuple[int, re.Match[str]] | None:
    """The last line near the end that holds a signature and a date, or a date under a
    signature; else the last that holds a date alone (a site's footer may print the page's
    date below the report's)."""
    last = len(lines.norm) if end is None else end
    first = max(closing, last - 40)
    alone = None
    for i in range(last - 1, first - 1, -1):
        match = _date_line(lines.squeezed[i])
        if match is None:
            continue
        if match.group("signer"):
            if _is_agency_line(match.group("signer")):
                return i, match
        elif any(_is_signature_line(lines.squeezed[j]) for j in (i - 1, i - 2)
                 if j >= first):
            return i, match
        elif alone is None and unsigned:
            alone = i, match
    return alone


def _is_signature_line(text: str) -> bool:
    """A line that ends like a name and is no sentence: a signature, also of a body's two
    names (中共某某县委办公室（某某县人民政府办公室）). Looser than `_is_agency_line`, as it
    only tells a signed date from a page's: it is asked of the line above every date."""
    if text.endswith((")", "）")):
        second = _SECOND_NAME.search(text)
        text = text if second is None else text[:second.start()]
    return 2 < len(text) <= 30 and AGENCY_SUFFIX.search(text) is not None \
        and _NOT_A_SIGNATURE.search(text) is None


def _to_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "元":  # 元月: the first month
        return 1
    if all(ch in _CN_DIGITS or ch.isdigit() for ch in text):  # a year, digit by digit
        return int(text.translate(_YEAR_DIGITS))
    return int(cn2an.cn2an(text, "smart"))
