"""Agency name -> administrative division (SPEC §7), via cpca, refusing to guess.

cpca matches loosely: a county name it does not know (沐阳县, an OCR typo of 沭阳县, or
某某县) comes back as 重庆市's placeholder 县 (500200), with no sign that anything is amiss.
So a division counts only when its name is printed in the agency's name; a name printed
with a character OCR confuses is read as the division it resembles only when a clue in the
text (its city or province named) agrees; anything else is NULL with a warning.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipelines.parsing._contact_clues import city_contact_clue, contact_clue
from pipelines.parsing._division_changes import continuations, ended_by, in_force, names_of
from pipelines.parsing._places import (
    PLACEHOLDERS,
    ZONES,
    Division,
    cpca,
    division,
    divisions,
    divisions_by_name,
    is_place_name,
    look_alike_divisions,
    one_character_off,
    prefecture_short_forms,
    short_name,
)
from pipelines.parsing._types import Issue, Region

_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
# A division's name at the start of what cpca left unmatched: a county-level name it did
# not recognise. Zones and parks end like districts but are not divisions.
_UNKNOWN_DIVISION = re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,4}?(?:县|旗|市|区))")
# What may follow a division's short name inside the name of something else: a street or a
# town (朝阳街道, 南京东路街道: not 朝阳市, 南京市), an autonomous prefecture's short name
# (海南州 is 青海's 海南藏族自治州, not 海南省; 恩施州 is not 恩施市), a bay (杭州湾 is in 宁波),
# a district or county of its own (莱芜区, made of 莱芜市 in 2019, is not that city).
_LOCAL = re.compile(r"[东南西北中]?(?:街道|镇|乡|村|社区|路|大道|大街|街)|州|湾|区|县")
_RENAMED = re.compile(r"区")
_NOT_A_DIVISION = re.compile(r"(?:园区|新区|开发区|高新区|工业区|试验区|示范区|合作区|城区|景区|"
                             r"片区|社区|辖区|街区|林区|矿区|库区|自贸区|保税区|功能区)$|^城市$")
# Vertical bodies print their national headquarters before the place they serve
# (国家税务总局荣成市税务局): the place is what follows.
VERTICAL_HEADQUARTERS = ("国家税务总局", "国家统计局", "中国人民银行", "国家金融监督管理总局",
                         "国家外汇管理局", "中国证券监督管理委员会")
_HEADQUARTERS = re.compile(
    "^(?:" + "|".join((*VERTICAL_HEADQUARTERS, "中华人民共和国", "中共", "中国共产党")) + ")")
# A city department's branch for one district (杭州市公安局西湖区分局, 洛阳市公安局西工分局,
# 深圳市规划和自然资源局南山管理局) serves that district, named whole or by its short form.
_BRANCH = re.compile(r"^(?P<city>.+?(?:市|州|盟|地区))(?:[\u4e00-\u9fff]{1,14}?局)"
                     r"(?P<branch>[\u4e00-\u9fff]{2,5}?)(?:区|县|市)?(?:分局|管理局)$")


@dataclass(frozen=True, slots=True)
class Located:
    region: Region
    issues: list[Issue] = field(default_factory=list)
    # The agency's name with a look-alike character corrected, when the region was
    # corrected; otherwise None (the name stands as printed).
    corrected_agency: str | None = None


def _address_of(place: str, umap: dict[str, str]) -> dict[str, object]:
    """cpca's record for one address: keys 省 市 区 地址 adcode.

    `cpca.transform` returns the same record as one row of a pandas DataFrame, and
    building that frame costs about 2 ms per call, several times the rest of a report's
    parse. `_get_one_addr` is the module-level function `transform` calls per address;
    it is private, but cpca is pinned (0.5.5) in uv.lock, and tests/test_region.py pins
    its behaviour so an upgrade that changes it fails there first.
    """
    return cpca()._get_one_addr(place, False, umap)


@functools.cache
def _counties_by_name() -> dict[str, tuple[str, ...]]:
    return {name: tuple(d.adcode for d in found if d.rank == 2)
            for name, found in divisions_by_name().items()}


@functools.cache
def _cpca_record(place: str) -> tuple[Region, str]:
    row = _address_of(place, {})

    def clean(value: object) -> str | None:
        return value if isinstance(value, str) and value else None

    province, city, county = clean(row["省"]), clean(row["市"]), clean(row["区"])
    if city in PLACEHOLDERS:
        city = None
    if province in _MUNICIPALITIES and county is not None:
        city = province  # a municipality's district: the municipality is its city
    adcode = clean(row["adcode"])
    if adcode and county and county not in place:
        # cpca names a code by its 2016 name; a code renamed since (130502, 桥东区 then
        # 襄都区) is the division under the name the place prints.
        county = next((name for name in names_of(adcode[:6]) if name in place), county)
    return Region(province, city, county, adcode[:6] if adcode else None), clean(row["地址"]) or ""


def region_of(adcode: str) -> Region:
    """The Region of a 6-digit code, its parents filled in."""
    found = division(adcode)
    if found is None:
        return Region()
    province = division(adcode[:2] + "0000")
    city = division(adcode[:4] + "00") if found.rank >= 1 else None
    province_name = province.name if province else None
    city_name = city.name if city and city.rank == 1 else None
    if found.rank == 2 and city_name is None and province_name in _MUNICIPALITIES:
        city_name = province_name
    return Region(province_name, city_name, found.name if found.rank == 2 else None, adcode)


def names_same_division(name: str, fuller: str) -> bool:
    """`fuller` (a name with parent places in front) names the division `name` names
    itself: 南京市鼓楼区人民政府 for 鼓楼区人民政府, not 上海市财政局 for 财政局."""
    region, _ = _cpca_record(name)
    if region.adcode is None or not _named(region, name):
        return False
    wider, _ = _cpca_record(fuller)
    return _named(wider, fuller) and _most_specific(wider) == _most_specific(region)


def same_division(one: str, other: str) -> bool:
    """Two names that place their bodies in the same division (or in none cpca knows)."""
    return _cpca_record(one)[0] == _cpca_record(other)[0]


def resolve_region(agency: str | None, lines: Sequence[str], year: int | None = None
                   ) -> tuple[Region, list[Issue]]:
    located = locate(agency, lines, year)
    return located.region, located.issues


def locate(agency: str | None, lines: Sequence[str], year: int | None = None) -> Located:
    """Region of the agency in the report's `year` (None: today). A name cpca matched only
    loosely, or a county name it does not know, counts only through a look-alike that a
    clue in `lines` confirms; an ambiguous county name is settled only by another clue (its
    province or city named); a division is given only for a year it was in force."""
    return _in_force_then(_located(agency, lines, year), year)


def _located(agency: str | None, lines: Sequence[str], year: int | None) -> Located:
    if not agency:
        return Located(Region(), [Issue("region_unresolved", "warning",
                                        "no agency name to locate")])
    for zone, code in ZONES.items():
        if zone in agency:
            return Located(region_of(code))
    expanded = _expand_prefecture(agency)
    if expanded != agency:
        located = _located(expanded, lines, year)
        corrected = located.corrected_agency
        return Located(located.region, located.issues,
                       _shorten_prefecture(corrected, agency) if corrected else None)
    branch = _branch_region(agency, lines, year)
    if branch is not None:
        return branch
    served = _HEADQUARTERS.sub("", agency)
    if served != agency and served:
        located = _located(served, lines, year)
        corrected = located.corrected_agency
        return Located(located.region, located.issues,
                       agency.replace(served, corrected) if corrected else None)
    region, rest = _cpca_record(agency)
    if region.adcode is not None and not _named(region, agency):
        # A loose match: cpca's region is not the agency's; only a look-alike may be.
        return _corrected(agency, _loosely_matched(agency, region, rest), Region(), lines)
    unknown = _unknown_division(rest if region.adcode is not None else agency)
    if unknown is not None:
        return _corrected(agency, unknown, region, lines)
    if region.adcode is None:
        return Located(Region(), [Issue("region_unresolved", "warning",
                                        f"no administrative division found in {agency!r}")])
    misplaced = _misplaced_division(rest, region)
    if misplaced is not None:
        # 洛阳市鼓楼区: one of the two names is misprinted, and nothing says which.
        return Located(Region(), [Issue(
            "region_unresolved", "warning",
            f"{misplaced} in {agency!r} is no division of {_most_specific(region)}")])
    return _settled(agency, region, lines, year)


def _in_force_then(located: Located, year: int | None) -> Located:
    """The division in force in `year` for the one the name printed: itself, or what it
    became under a new name or code (临安市 -> 临安区 in 2017, 莱芜市钢城区 -> 济南市钢城区 in
    2018); a division abolished before `year`, or made after it, is no region at all."""
    region = located.region
    name = _most_specific(region)
    if region.adcode is None or name is None or in_force(region.adcode, name, year):
        return located
    chain = continuations(region.adcode, name)
    became = next((c for c in chain if in_force(c.adcode, c.name, year)), None)
    if became is None:
        when = "today" if year is None else f"in {year}, the report's year"
        last = chain[-1] if chain else None
        end = ended_by(last.adcode, last.name) if last else ended_by(region.adcode, name)
        how = f": {end.kind} {end.name} ({end.adcode}) in {end.year}" if end else ""
        return Located(Region(), [*located.issues, Issue(
            "region_unresolved", "warning",
            f"{name} ({region.adcode}) is no division {when}{how}")])
    issues = list(located.issues)
    if became.name != name:
        issues.append(Issue("region_renamed", "warning",
                            f"{name} ({region.adcode}) became {became.name} ({became.adcode}) "
                            f"in {became.year} ({became.kind}): read as {became.name}"))
    return Located(region_of(became.adcode), issues, located.corrected_agency)


# A function of the name alone, asked again for every report of the same agency (and for
# every name a report's agency is compared with): computed once per name.
@functools.lru_cache(maxsize=4096)
def _expand_prefecture(agency: str) -> str:
    """恩施州人民政府 -> 恩施土家族苗族自治州人民政府, the short form at the start of the name or
    after its parents' names (宜昌市长阳县)."""
    forms = prefecture_short_forms()
    # Every short form ends in 州, 县 or 旗 after two to five characters: only the few
    # strings that end so are looked up.
    for end, ch in enumerate(agency, 1):
        if ch not in "州县旗":
            continue
        for at in range(max(0, end - 6), end - 2):
            full = forms.get(agency[at:end])
            if full is not None and (at == 0 or is_place_name(agency[:at])):
                return agency[:at] + full + agency[end:]
    return agency


def _shorten_prefecture(corrected: str, agency: str) -> str:
    for short, full in prefecture_short_forms().items():
        if short in agency:
            return corrected.replace(full, short, 1)
    return corrected


def _branch_region(agency: str, lines: Sequence[str], year: int | None) -> Located | None:
    """A department's district branch: the one district of the department's city that the
    branch names; None when it names none (a zone's or an area's branch), so that the name
    is located as a whole."""
    branch = _BRANCH.match(agency)
    if branch is None:
        return None
    city = _located(branch.group("city"), lines, year)
    code = city.region.adcode
    if code is None or city.region.county is not None:
        return None
    stem = branch.group("branch")
    under = code[:2] if city.region.city is None else code[:4]
    found = [d for d in divisions() if d.rank == 2 and d.adcode.startswith(under)
             and stem in (d.name, d.name[:-1], d.name.removesuffix("新区"))
             and in_force(d.adcode, d.name, year)]
    return Located(region_of(found[0].adcode), city.issues) if len(found) == 1 else None


def _loosely_matched(agency: str, region: Region, rest: str) -> str:
    """What cpca took for a division: the part of `agency` before what it left over."""
    consumed = agency[: len(agency) - len(rest)] if rest and agency.endswith(rest) else agency
    for parent in (region.province, region.city):
        if parent and _printed(parent, consumed) and consumed.startswith(short_name(parent)):
            consumed = consumed[consumed.find(parent) + len(parent):] if parent in consumed \
                else consumed[len(short_name(parent)):]
    return consumed or agency


def _unknown_division(rest: str) -> str | None:
    """A county-level name at the start of what cpca left unmatched (宿迁市 + 沐阳县…)."""
    match = _UNKNOWN_DIVISION.match(rest)
    if match and not _NOT_A_DIVISION.search(match.group("name")) \
            and match.group("name") not in divisions_by_name():
        return match.group("name")
    return None


def _misplaced_division(rest: str, region: Region) -> str | None:
    """A county-level name after a city's that is a division of another city only."""
    match = _UNKNOWN_DIVISION.match(rest)
    if region.county is not None or match is None or _NOT_A_DIVISION.search(match.group("name")):
        return None
    found = divisions_by_name().get(match.group("name"), ())
    if found and not any(d.adcode.startswith(_prefix(region)) for d in found):
        return match.group("name")
    return None


# Of the name and its region alone, as `_expand_prefecture`.
@functools.lru_cache(maxsize=4096)
def _named(region: Region, agency: str) -> bool:
    """The region's most specific division is printed in `agency` as a whole name: at its
    start or right after a parent's name (宁县 inside 雎宁县 is not 宁县)."""
    name = _most_specific(region)
    if not _printed(name, agency):
        return False
    assert name is not None
    forms = [f for f in (name, short_name(name), name[:-1] if len(name) >= 3 else "") if f]
    # A short form followed by 街道, 镇, 州, … is part of another name (`_LOCAL`); a county
    # followed by 区 is the district it became (赣县区 since 2016, not 赣县's old code).
    starts = [agency.find(f) for f in forms if f in agency
              and not (_RENAMED if f == name else _LOCAL).match(agency, agency.find(f) + len(f))]
    parents = [p for p in (region.province, region.city) if p and p != name]
    # 原XX县环境保护局: a body the 2018 reform abolished, named by its own report as such.
    ends = {0, int(agency.startswith("原"))} | {agency.find(f) + len(f) for p in parents
                  for f in (p, short_name(p)) if f in agency}
    return any(start in ends for start in starts)


def _most_specific(region: Region) -> str | None:
    return region.county or region.city or region.province


def _printed(name: str | None, agency: str) -> bool:
    if not name:
        return False
    return name in agency or short_name(name) in agency or (len(name) >= 3 and name[:-1] in agency)


def _corrected(agency: str, unknown: str, region: Region, lines: Sequence[str]) -> Located:
    """A division name cpca does not know: read as the one look-alike the text confirms."""
    # `region` is what the agency's name does print (宿迁市 of 宿迁市沐阳县), if anything.
    candidates = [d for d in look_alike_divisions(unknown)
                  if region.adcode is None or d.adcode.startswith(_prefix(region))]
    text = "\n".join([agency, *lines])
    clued = [d for d in candidates if _parent_clue(d.adcode, text) is not None]
    if len(clued) == 1:
        return _read_as(agency, unknown, clued[0], "a look-alike name that the text confirms "
                        f"by {_parent_clue(clued[0].adcode, text)}")
    if not candidates:
        # No OCR look-alike: a misprint of another kind (狮河区 for 浉河区) counts only when
        # the text names the city of exactly one county a character away.
        near = [d for d in one_character_off(unknown)
                if (region.adcode is None or d.adcode.startswith(_prefix(region)))
                and _city_clue(d.adcode, text) is not None]
        if len(near) == 1:
            return _read_as(agency, unknown, near[0], "the only county one character away "
                            f"in {_city_clue(near[0].adcode, text)}")
        if near:
            names = ", ".join(f"{d.name} {d.adcode}" for d in near)
            return Located(Region(), [Issue(
                "region_unresolved", "warning",
                f"{unknown} in {agency!r} is not a division; the cities the text names have "
                f"several counties a character away ({names}), so none is taken")])
    if len(candidates) == 1 and not clued and _speaks_as(unknown[-1], text):
        # OCR of a rare character with one real division a look-alike away, in a report
        # that speaks of itself at that division's level (我县, 全县): no other reading of
        # the name is left. Still a correction, so it is named in a warning.
        return _read_as(agency, unknown, candidates[0], "the only division a look-alike "
                        "character away; the text names no city or province, only its level "
                        f"({unknown[-1]})")
    if candidates:
        names = ", ".join(f"{d.name} {d.adcode}" for d in candidates)
        why = (f"{unknown} in {agency!r} is not a division; it may be a misprint of {names}, "
               f"but no clue in the text (its city or province) says which; the name is kept "
               f"as printed" if not clued else
               f"{unknown} in {agency!r} is not a division; the text fits several look-alikes "
               f"({names})")
    else:
        why = f"{unknown} in {agency!r} is not a known division"
    return Located(Region(), [Issue("region_unresolved", "warning", why)])


def _read_as(agency: str, unknown: str, found: Division, why: str) -> Located:
    """`unknown` corrected to `found`, the correction named in a warning."""
    return Located(region_of(found.adcode), [Issue(
        "region_corrected", "warning",
        f"{unknown} is not a division; read as {found.name} ({found.adcode}), {why}")],
        corrected_agency=agency.replace(unknown, found.name, 1))


def _speaks_as(level: str, text: str) -> bool:
    """The report speaks of its own division at `level` (县, 市, 区, 旗): 我县, 全县, 县政府."""
    return any(f"{word}{level}" in text for word in ("我", "全")) or f"{level}政府" in text


def _prefix(region: Region) -> str:
    code = region.adcode or ""
    if region.county:
        return code
    if region.city:
        return code[:4]
    return code[:2]


def _parent_clue(adcode: str, text: str, *, in_full: bool = False) -> str | None:
    """How the text points at the city or province of `adcode`, if it does: by naming it,
    or by a telephone area code or postcode of it. `in_full`: only the parent's full name
    (北京市, 吉林省) names it, as among same-named divisions a short name is printed in too
    many other words (赴北京学习, 南京东路, 浙江大学 in a report of 长春's or 福州's district)."""
    for parent_code in (adcode[:4] + "00", adcode[:2] + "0000"):
        parent = division(parent_code)
        if parent is not None and parent_code != adcode and (
                _full_name_printed(parent.name, text) if in_full
                else short_name(parent.name) in text):
            return f"naming {parent.name}"
    contact = contact_clue(adcode, text)
    return f"printing {contact}" if contact else None


def _full_name_printed(name: str, text: str) -> bool:
    """`name` printed as itself: 北京市场 is a market, not 北京市."""
    at = text.find(name)
    while at >= 0:
        if not text.startswith("场", at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


def _city_named(adcode: str, text: str) -> bool:
    city = division(adcode[:4] + "00")
    return city is not None and city.rank == 1 and short_name(city.name) in text


def _city_clue(adcode: str, text: str) -> str | None:
    """The city of `adcode` if the text prints its full name or its telephone area code. A
    province is too wide a clue for a name a character away (many of its counties are),
    and a city's short name too loose (吉林 is printed in every 吉林省)."""
    city = division(adcode[:4] + "00")
    if city is None or city.rank != 1:
        city = division(adcode[:2] + "0000")  # a municipality is its districts' city
        if city is None or city.name not in _MUNICIPALITIES:
            return None
    if city.adcode == adcode:
        return None
    if city.name in text:
        return f"{city.name}, which the text names"
    contact = city_contact_clue(adcode, text)
    return f"{city.name}, whose {contact} the text prints" if contact else None


def _settled(agency: str, region: Region, lines: Sequence[str], year: int | None) -> Located:
    if region.county is None:
        return Located(region)
    candidates = _counties_by_name().get(region.county, ())
    at = agency.find(region.county)
    if len(candidates) > 1 and at > 0:
        # The parents the name prints narrow the candidates: 北京朝阳区 is one, but 江苏省
        # 鼓楼区 may be 南京's or 徐州's.
        prefix = agency[:at]
        in_city = [code for code in candidates if _city_named(code, prefix)]
        named = in_city or [code for code in candidates if _parent_clue(code, prefix)]
        candidates = tuple(named) or candidates
    if len(candidates) > 1:
        candidates = _of_the_year(candidates, region.county, year)
    if len(candidates) <= 1:
        return Located(_as_named(candidates[0], region) if candidates else region)
    # Only an ambiguous county name needs the whole text, so it is joined here.
    text = "\n".join(lines)
    clued = [code for code in candidates
             if _parent_clue(code, text, in_full=True) is not None]
    # The one clued, unless another's city or province is printed even in short (a 福州
    # district's report that was taught 赴南京市学习 still prints 福州 somewhere).
    if len(clued) == 1 and not any(_parent_clue(code, text) for code in candidates
                                   if code != clued[0]):
        return Located(_as_named(clued[0], region))
    return Located(Region(), [Issue("region_ambiguous", "warning",
                                    f"{region.county} names {len(candidates)} divisions "
                                    f"({', '.join(candidates)}) and the text does not say "
                                    f"which")])


def _of_the_year(codes: Sequence[str], name: str, year: int | None) -> tuple[str, ...]:
    """Of the divisions of one name, those in force in the report's year (钢城区: 莱芜市's to
    2018, 济南市's since); in the year one got a new code under the same name (三元区 in
    2021), the new code. None in force leaves them all to `_in_force_then`."""
    found = tuple(c for c in codes if in_force(c, name, year)) or tuple(codes)
    return tuple(c for c in found if not any(
        change.adcode in found and change.adcode != c and change.name == name
        for change in continuations(c, name)))


def _as_named(code: str, region: Region) -> Region:
    """The region of `code` under the name printed. cpca, given the parent printed, takes
    the first division of the name under it, whatever code was settled on."""
    if code == region.adcode:
        return region
    return replace(region_of(code), county=region.county)
