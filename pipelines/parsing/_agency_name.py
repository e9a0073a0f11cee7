"""What counts as an agency's name, and the fullest form of it a report prints (SPEC §7).

A title names its agency in many forms: the body's (洪泽区人民政府 for 淮安市洪泽区人民政府), an
abbreviation (卫健局 for 卫生健康局), or only the place or zone the report covers (宿迁市,
平潭综合实验区). The stored name is the fullest form the report itself prints; a string
that does not read as a name at all (a fragment of a sentence) is never stored.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from pipelines.parsing._places import (
    divisions,
    divisions_by_name,
    is_place_name,
    longest_name,
    longest_parent_name,
    parent_name_endings,
    parent_names,
)
from pipelines.parsing._region import (
    VERTICAL_HEADQUARTERS,
    names_same_division,
    same_division,
)

# Endings of agency names; the longer forms come first only for readability (the regex
# tries every alternative at the end of the string).
AGENCY_SUFFIX = re.compile(
    r"(?:局|委员会|委|办公室|研究室|参事室|(?<![主承协督])办|厅|部|院|署|政府|中心|所|(?<!网)站|队|分行|支行|处|街道办事处|街道|镇|乡|馆|"
    r"会|管委会|监狱|银行|公司|集团|法院|检察院|支队|大队|分局|管理局|服务中心|海关|"
    r"(?<!平)台|(?<![互物])联|校|(?<![市现广])场|社|(?<!家)庭)$"
)
# A special zone is run by its 管理委员会 (管委会 for short) rather than by a 人民政府.
ZONE_SUFFIX = re.compile(r"(?:综合实验区|新区|开发区|高新区|园区|试验区|示范区|合作区)$")
# Characters that do not occur in a name but in the sentences around it.
_NOT_IN_NAME = re.compile(r"[\d。，,；;：:！？!?“”\"、<>/|>»]")
# A sentence's first words: 为…, 三是…, 我局…, 本机关…
_SENTENCE_START = re.compile(r"^(?:[一二三四五六七八九十]是|为|我|本(?!溪)|由|对|在|按|根据|依据)")
_MAX_NAME = 40
# The body of the place or zone a report is titled with, followed by its governing body.
_GOVERNING = r"(?:人民政府|管理委员会|管委会|办事处)"
# Their last characters: most names stand after text that ends with none of them.
_HEADQUARTERS_ENDINGS = frozenset(name[-1] for name in VERTICAL_HEADQUARTERS)
# A township's or a street's government, named by its own place only (分水镇人民政府).
_TOWNSHIP = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:镇|乡|街道)(?:人民政府|办事处)?$")


def is_agency_name(text: str | None) -> bool:
    """An agency's name (ends like one) or the name of the place or zone it governs."""
    if not text or not 2 <= len(text) <= _MAX_NAME:
        return False
    if _NOT_IN_NAME.search(text) or _SENTENCE_START.search(text):
        return False
    if len(text) == 2:  # 障局, the tail of a name broken over lines: a place alone, or none
        return is_place_name(text)
    return bool(AGENCY_SUFFIX.search(text) or ZONE_SUFFIX.search(text) or is_place_name(text))


def fullest_name(as_written: str, texts: Iterable[str],
                 is_name_line: Callable[[str], bool] = lambda text: True,
                 lined: str | None = None) -> str:
    """The fullest form of `as_written` among the report's squeezed lines `texts`.

    Three kinds of fuller form, each printed in the report: the name with its parent
    places in front (淮安市 + 洪泽区人民政府); a whole line of which the title's form is an
    abbreviation (安丘市卫健局 -> 安丘市卫生健康局); for a title that names only a place or
    zone, that place's governing body (平潭综合实验区 -> 平潭综合实验区管委会, spelled out as
    管理委员会). `is_name_line` tells a line that holds a name alone (a signature); `lined`,
    when given, is `texts` joined by line breaks.
    """
    texts = tuple(texts)
    # PDF text wraps names over lines (请与淮安市洪 / 泽区人民政府办公室联系): the lines are
    # searched as one text.
    around = ("".join(texts),)
    best = as_written
    if _names_a_place_only(as_written):
        governed = _governing_body(as_written, around)
        if governed:
            best = governed
    if best.endswith(("镇政府", "乡政府")) and best[:-2] + "人民政府" in around[0]:
        # 城关镇政府 is short for 城关镇人民政府; spelled out, the county before it is found.
        best = best[:-2] + "人民政府"
    best = _with_parents(_with_county(best, around), around)
    head, last = best[:2], best[-1]
    if lined is None:
        lined = "\n".join(texts)
    for candidate in (*_starting_with(texts, lined, head), *_after_places(lined, head)):
        # The cheap tests first: most lines are prose that shares nothing with the name.
        # A line that starts with the whole name is a part of that body (某某市财政局某某分局);
        # one that inserts a place names another body (洛阳市西工区人民政府).
        own = candidate[candidate.find(head):]  # without the places printed before it
        if candidate.endswith(last) \
                and len(candidate) > len(best) and _abbreviates(best, own) \
                and not own.startswith(best) and is_name_line(candidate) \
                and same_division(best, candidate):
            best = candidate
    return best


def placed_name(unplaced: str, name: str | None) -> str | None:
    """`name` when it is `unplaced` (a title's 市人社局, 县卫健局: a level and an abbreviated
    body, no place) spelled out after its place (衢州市人力资源和社会保障局); else None."""
    if not name or not name.endswith(unplaced[-1]):
        return None
    for k in range(2, len(name) - len(unplaced) + 2):
        if name[k - 1] == unplaced[0] and is_place_name(name[:k]) \
                and _abbreviates(unplaced, name[k - 1:]):
            return name
    return None


def _starting_with(texts: tuple[str, ...], joined: str, head: str) -> list[str]:
    """The texts that start with `head`, in order. Found by searching `joined`, the texts
    joined by line breaks, rather than by testing each: few of a report's lines qualify."""
    if joined.count("\n") != len(texts) - 1 or not head:
        return [text for text in texts if text.startswith(head)]  # a text holds a break
    mark = "\n" + head
    found = []
    if joined.startswith(head):  # the first text, with no break before it
        end = joined.find("\n")
        found.append(joined if end < 0 else joined[:end])
    start = joined.find(mark)
    while start >= 0:
        end = joined.find("\n", start + 1)
        found.append(joined[start + 1:] if end < 0 else joined[start + 1:end])
        start = joined.find(mark, start + 1)
    return found


def _after_places(joined: str, head: str) -> list[str]:
    """The texts (`joined` by line breaks) in which `head` follows only place names (绍兴市 +
    柯桥区市场监督管理局 for a title's 柯桥区市场监管局): the abbreviation's full form, printed
    with its parents."""
    # Searched in the texts joined, as in _starting_with: few lines hold the head at all.
    found = []
    at = joined.find(head)
    while at >= 0:
        start = joined.rfind("\n", 0, at) + 1
        end = joined.find("\n", at)
        if at - start >= 2 and is_place_name(joined[start:at]):
            found.append(joined[start:] if end < 0 else joined[start:end])
        at = joined.find(head, at + 1 if end < 0 else end)
    return found


def _names_a_place_only(name: str) -> bool:
    if name.endswith(("镇", "乡", "街道")):  # a township or a street, not its government
        return True
    return not AGENCY_SUFFIX.search(name) and (bool(ZONE_SUFFIX.search(name))
                                               or is_place_name(name))


def _governing_body(place: str, texts: tuple[str, ...]) -> str | None:
    pattern = re.compile(re.escape(place) + _GOVERNING)
    found = {m.group(0) for text in texts if place in text for m in pattern.finditer(text)}
    if not found:
        return None
    # 管委会 is the fixed short form of 管理委员会: both name the same body.
    spelled = {name.replace("管委会", "管理委员会") for name in found}
    return max(sorted(spelled), key=len)


def _with_county(name: str, texts: tuple[str, ...]) -> str:
    """A township's or street's name with the county printed right before it (桐庐县 +
    分水镇人民政府): the county it belongs to (SPEC §7), or the city where it has none."""
    names = divisions_by_name()
    if not _TOWNSHIP.match(name) or any(name[:k] in names
                                        for k in range(2, min(len(name), longest_name() + 1))):
        return name
    for text in texts:
        start = text.find(name)
        while start >= 0:
            # The longest name first: 义县 is a county too, but 崇义县上堡乡 is in 崇义县.
            for k in range(min(start, longest_name()), 1, -1):
                county = text[start - k:start]
                if any(d.rank == 2 for d in names.get(county, ())) \
                        or county in _cities_without_counties():
                    return county + name
            start = text.find(name, start + 1)
    return name


@functools.cache
def _cities_without_counties() -> frozenset[str]:
    """Cities whose towns lie under them directly (东莞市长安镇, 中山市小榄镇)."""
    with_counties = {d.adcode[:4] for d in divisions() if d.rank == 2}
    return frozenset(d.name for d in divisions()
                     if d.rank == 1 and d.adcode[:4] not in with_counties)


def _with_parents(name: str, texts: tuple[str, ...]) -> str:
    """`name` with the longest run of parent place names printed right before it, and a
    vertical body's headquarters printed before those (国家税务总局 + 咸阳市 + 永寿县税务局)."""
    parents = parent_names()
    endings = parent_name_endings()
    longest = longest_parent_name()
    # A name that starts with its headquarters takes its places after it.
    head = next((h for h in VERTICAL_HEADQUARTERS if name.startswith(h) and name != h), "")
    core = name[len(head):]
    best = name
    for text in texts:
        start = text.find(core)
        while start >= 0:
            prefix = ""
            while True:
                at = start - len(prefix)
                if at < 2 or text[at - 1] not in endings:  # the cheap test first
                    break
                step = next((text[at - k:at] for k in range(longest, 1, -1)
                             if at >= k and text[at - k:at] in parents), None)
                if step is None:
                    break
                prefix = step + prefix
            if prefix and not names_same_division(core, prefix + core):
                prefix = ""
            # The headquarters adds no place: a split title may keep only the line after
            # it (国家税务总局 / 番禺区税务局), the body prints it whole.
            at = start - len(prefix)
            printed = next((h for h in VERTICAL_HEADQUARTERS
                            if at >= len(h) and text.startswith(h, at - len(h))), "") \
                if at and text[at - 1] in _HEADQUARTERS_ENDINGS else ""
            if not head or printed == head:
                fuller = printed + prefix + core
                if len(fuller) > len(best):
                    best = fuller
            start = text.find(core, start + 1)
    return best


def same_body(one: str, other: str) -> bool:
    """Two names of which one abbreviates the other (卫健局, 卫生健康局), in one place:
    洛阳市人民政府 does not abbreviate 洛阳市西工区人民政府."""
    return (_abbreviates(one, other) or _abbreviates(other, one)) and same_division(one, other)


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
