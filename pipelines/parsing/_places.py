"""Names of administrative divisions (cpca's table of 2016 and the changes since, from
division_changes.tsv), special zones, OCR look-alikes.

Data and look-ups only; deciding an agency's region is `_region`'s job.
"""

from __future__ import annotations

import functools
import warnings
from collections import defaultdict
from typing import NamedTuple

from pipelines.parsing._division_changes import made


class Division(NamedTuple):
    adcode: str  # 6 digits
    name: str
    rank: int  # 0 province, 1 city, 2 county


@functools.cache
def cpca():  # noqa: ANN201 - third-party module object
    with warnings.catch_warnings():
        # cpca 0.5.5 imports pkg_resources, which warns on import.
        warnings.simplefilter("ignore")
        import cpca as module
    _add_changes(module)
    return module


def _add_changes(module) -> None:  # noqa: ANN001 - third-party module object
    """Teach cpca's matcher the divisions made since its table: their names are matched
    like its own, and a code's parents are found by its name table. Its own entries stay
    first, so what it matched before it still matches."""
    automaton = module.matcher.ac
    # An autonomous prefecture is printed by a short form cpca does not know (黔西南州), and
    # a new short form at its start (黔西, of 黔西市 since 2021) would be matched in it.
    prefectures = [i.name for i in module.ad_2_addr_dict.values() if i.name.endswith("自治州")]
    for change in made():
        info = module.AddrInfo(change.name, change.adcode + "000000", "", "")
        short = module.matcher._abbr_name(change.name)
        if change.name not in automaton and short != change.name and (
                short in automaton or any(p.startswith(short) for p in prefectures)):
            # The short form is another division's word (none so far: guarded so that its
            # entries are never replaced) or starts a prefecture's: only the full name.
            automaton.add_word(change.name, (change.name, [info]))
        else:
            module.matcher.add_addr_info(info)
        # A renamed code (130502: 桥东区, then 襄都区) keeps cpca's name here; the name the
        # report prints is chosen in `_region`.
        module.ad_2_addr_dict.setdefault(change.adcode + "000000", info)
    module.matcher.complete_add()


# Names in cpca's table that are placeholders, not places (仙桃市 has no prefecture: its
# "city" is 省直辖县级行政区划).
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@functools.cache
def divisions() -> tuple[Division, ...]:
    """cpca's divisions, then those made since (a code renamed since is there under both
    names: 130502 桥东区 and 襄都区)."""
    seen: dict[tuple[str, str], Division] = {}
    for code, info in cpca().ad_2_addr_dict.items():
        if info.name in PLACEHOLDERS:
            continue
        seen.setdefault((code[:6], info.name), Division(code[:6], info.name, info.rank))
    for change in made():
        seen.setdefault((change.adcode, change.name),
                        Division(change.adcode, change.name, _rank(change.adcode)))
    return tuple(seen.values())


def _rank(adcode: str) -> int:
    return 0 if adcode.endswith("0000") else 1 if adcode.endswith("00") else 2


@functools.cache
def divisions_by_name() -> dict[str, tuple[Division, ...]]:
    names: dict[str, list[Division]] = defaultdict(list)
    for division in divisions():
        names[division.name].append(division)
    return {name: tuple(sorted(found)) for name, found in names.items()}


@functools.cache
def parent_names() -> frozenset[str]:
    """Full names of provinces and cities: what may stand before a county's name."""
    return frozenset(d.name for d in divisions() if d.rank < 2)


@functools.cache
def parent_name_endings() -> frozenset[str]:
    """The last characters of parent_names: a text whose character before a point is none
    of them has no parent's name ending there."""
    return frozenset(name[-1] for name in parent_names())


@functools.cache
def longest_parent_name() -> int:
    """Autonomous prefectures have long names (德宏傣族景颇族自治州: 10 characters)."""
    return max(map(len, parent_names()))


@functools.cache
def longest_name() -> int:
    return max(map(len, divisions_by_name()))


def is_place_name(text: str) -> bool:
    """A division's full name, optionally after its parents' (江苏省宿迁市)."""
    names = divisions_by_name()
    if text in names:
        return True
    parents = parent_names()
    for k in range(2, min(len(text) - 1, longest_parent_name() + 1)):
        if text[:k] in parents and is_place_name(text[k:]):
            return True
    return False


def division(adcode: str) -> Division | None:
    """The division of a code, under its latest name."""
    return _by_code().get(adcode)


@functools.cache
def _by_code() -> dict[str, Division]:
    return {d.adcode: d for d in divisions()}  # the later entry is the later name


@functools.cache
def short_name(name: str) -> str:
    """江苏省 -> 江苏, 宿迁市 -> 宿迁, 昌吉回族自治州 -> 昌吉回族 (as printed in running text)."""
    for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市",
                   "自治州", "地区", "盟"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


# The peoples an autonomous prefecture's name carries after its place (黔东南苗族侗族自治州):
# what comes before the first of them is the short form printed with 州 (黔东南州).
_PEOPLES = ("藏族", "羌族", "土家族", "苗族", "彝族", "朝鲜族", "蒙古", "布依族", "傈僳族",
            "回族", "柯尔克孜", "白族", "壮族", "哈萨克", "傣族", "哈尼族", "侗族", "景颇族")


@functools.cache
def prefecture_short_forms() -> dict[str, str]:
    """海南州 -> 海南藏族自治州, 恩施州 -> 恩施土家族苗族自治州, 峨边县 -> 峨边彝族自治县: the
    short form of every autonomous prefecture, county and banner that no division's own
    name starts with."""
    full_names = [d.name for d in divisions() if d.name.endswith("自治州")]
    found: dict[str, str] = {}
    for name in full_names:
        cut = min((name.find(p) for p in _PEOPLES if p in name), default=-1)
        if cut >= 2:
            found[name[:cut] + "州"] = name
    # Autonomous counties and banners are printed by their place's name too (峨边县 for
    # 峨边彝族自治县): its first two to four characters, whichever it is.
    counties = [d.name for d in divisions() if d.name.endswith(("自治县", "自治旗"))]
    seen: dict[str, set[str]] = defaultdict(set)
    for name in counties:
        for k in range(2, 5):
            seen[name[:k] + name[-1]].add(name)
    found.update({short: names.pop() for short, names in seen.items() if len(names) == 1})
    return {short: name for short, name in found.items()
            if not any(d.name.startswith(short) for d in divisions())}


# Special zones whose territory is one division (SPEC §7: 平潭综合实验区 is 平潭县). A zone
# not listed here, or one spread over several divisions, gets no region from this table.
ZONES: dict[str, str] = {
    "平潭综合实验区": "350128",  # 福建省 福州市 平潭县
    "舟山群岛新区": "330900",  # 舟山市, the whole city
    "南沙新区": "440115",  # 广东省 广州市 南沙区
    "青岛西海岸新区": "370211",  # 山东省 青岛市 黄岛区: one territory, one government
    "雄安新区": "130600",  # 保定市 (雄县, 容城县, 安新县)
    "金普新区": "210200",  # 大连市 (金州区, 普兰店区)
    "江北新区": "320100",  # 南京市
    "兰州新区": "620100",  # 兰州市 (永登县, 皋兰县)
}

# Characters OCR takes for one another (they differ by a dot or a stroke), in place names.
# A name off by one of these may be the other; only a clue in the text decides.
_LOOK_ALIKE_GROUPS = ("沭沐", "亳毫", "睢雎", "荥荣荧", "弋戈", "沁泌", "柘拓", "郏郊", "滦栾",
                      "茌荏", "盱旴", "己已巳", "戊戍戌", "汩汨", "未末", "土士", "大太", "日曰",
                      "汶汉", "泸沪", "邛邙", "鄄甄", "涞莱", "崇祟")


@functools.cache
def _look_alikes() -> dict[str, str]:
    found: dict[str, str] = {}
    for group in _LOOK_ALIKE_GROUPS:
        for ch in group:
            found[ch] = found.get(ch, "") + group.replace(ch, "")
    return found


def look_alike_divisions(name: str) -> tuple[Division, ...]:
    """Divisions whose name differs from `name` in one character that OCR confuses."""
    table = _look_alikes()
    names = divisions_by_name()
    found: list[Division] = []
    for i, ch in enumerate(name):
        for other in table.get(ch, ""):
            found.extend(names.get(name[:i] + other + name[i + 1:], ()))
    return tuple(sorted(set(found)))


def one_character_off(name: str) -> tuple[Division, ...]:
    """Counties whose name differs from `name` in one character before the same ending
    (狮河区 -> 浉河区, 琢州市 -> 涿州市): misprints of any kind, not only OCR's look-alikes.
    Many names are one character apart, so only a clue in the text may pick one. A name
    of one character before its ending (歙县) shares nothing else with its neighbours: none."""
    if len(name) < 3:
        return ()
    return tuple(d for d in _counties_by_shape().get((len(name), name[-1]), ())
                 if sum(a != b for a, b in zip(d.name, name, strict=True)) == 1)


@functools.cache
def _counties_by_shape() -> dict[tuple[int, str], tuple[Division, ...]]:
    shapes: dict[tuple[int, str], list[Division]] = defaultdict(list)
    for found in divisions():
        if found.rank == 2:
            shapes[(len(found.name), found.name[-1])].append(found)
    return {shape: tuple(sorted(found)) for shape, found in shapes.items()}
