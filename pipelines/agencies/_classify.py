"""Agency name (+ the region the parser found) -> canonical name, level, kind, sector.

Pure rules over the tables in `_tables.py`; every decision records the rule that made it.
A name no rule fits is `other` (kind, sector) or level None: never a guess.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pipelines.agencies._places import (
    level_of_division,
    short_division,
    split_known_places,
    township_unit,
    unknown_division,
)
from pipelines.agencies._tables import (
    ABBREVIATIONS,
    MERGERS_2018,
    MUNICIPALITIES,
    PARTY_PREFIXES,
    PROVINCE_SUCCESSORS,
    RENAMES_2018,
    SECTOR_KEYWORDS,
    VERTICAL_PREFIXES,
    ZONE_WORDS,
)
from pipelines.agencies._types import Agency

_LEVEL_BELOW = {"province": "city", "city": "county", "county": "township"}
_SPACE = re.compile(r"\s+")
_ZONE = re.compile(r"^(.*?(?:" + "|".join(ZONE_WORDS) + r"))(.*)$")
_NEW_TOWN = re.compile(r"^(.+?新城)(管理委员会|管委会)$")
# Bodies that make a zone's name its administrative committee.
_ZONE_COMMITTEES = ("管理委员会", "工作委员会", "党工委管委会", "党工委管理委员会")
# A division word at the end of a name not in the division table, and its level.
_SUFFIX_LEVELS = (("自治州", "city"), ("自治县", "county"), ("自治旗", "county"),
                  ("地区", "city"), ("盟", "city"), ("州", "city"), ("县", "county"),
                  ("旗", "county"), ("区", "county"))
_DEPARTMENT_ENDINGS = ("局", "厅", "办公室", "办", "署", "调查队")


def normalize_name(name: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


def classify(name: str, province: str | None = None, city: str | None = None,
             county: str | None = None, adcode: str | None = None) -> Agency:
    """Classify one agency name; the region (as the parser found it) settles the level
    where the name alone cannot (a 市 that may be a prefecture or a county-level city)."""
    return _classify(normalize_name(name), province, city, county, adcode)


@functools.lru_cache(maxsize=65536)
def _classify(name: str, province: str | None, city: str | None, county: str | None,
              adcode: str | None) -> Agency:
    rules: list[str] = []
    rest = name
    if _former_form(rest):
        # 原XX县环境保护局: the report names the body by its former name.
        rest = rest[1:]
        rules.append("former:原")
    vertical = next((p for p in VERTICAL_PREFIXES if rest.startswith(p) and rest != p), "")
    party = next((p for p in PARTY_PREFIXES if rest.startswith(p) and rest != p), "")
    rest = rest[len(vertical) + len(party):]

    places, rest = split_known_places(rest)
    zone = None
    zone_match = _ZONE.match(rest)
    named_after: tuple[str, ...] = ()  # divisions a zone or vertical body may name in short
    new_town = _NEW_TOWN.match(rest)
    if new_town and not (zone_match and zone_match.group(2)):
        # 新城 is too common in place names to be a zone word; with a committee it is one.
        zone_match = new_town
    if zone_match and zone_match.group(2):
        zone, rest = zone_match.group(1), zone_match.group(2)
        named_after = () if places else short_division(zone)
    elif not places and (vertical or party):
        named_after = short_division(rest)
    elif not places:
        unknown = unknown_division(rest)
        if unknown and len(rest) > len(unknown):
            places, rest = [unknown], rest[len(unknown):]
            rules.append(f"place=unlisted:{unknown}")

    rest, expanded = _expand(rest)
    if expanded:
        rules.append(f"abbrev:{expanded}")
    township = township_unit(rest) if zone is None else None
    # A street office named under its district's government (东城区人民政府东华门街道办事处).
    if zone is None and not township and rest.startswith("人民政府"):
        township = township_unit(rest[len("人民政府"):])
        if township:
            rest = rest[len("人民政府"):]
            places.append("人民政府")
    if township:
        rest = rest[len(township):]
    body = rest

    if places or not named_after:
        level, level_rule = _level(places, township, zone, province, city, county, adcode)
    else:
        # A short form shared by several divisions counts only where all agree.
        found = {_level([full], township, zone, province, city, county, adcode)[0]
                 for full in named_after}
        level = found.pop() if len(found) == 1 else None
        level_rule = (f"level=short_name:{','.join(named_after)}" if level
                      else "level=ambiguous:" + ",".join(named_after))

    renamed_from = merged_into = None
    province_forms = level == "province" and not (places and places[-1] in MUNICIPALITIES)
    if body in RENAMES_2018:
        renamed_from, body = body, _successor(RENAMES_2018[body], province_forms)
        rules.append(f"rename_2018:{renamed_from}->{body}")
    elif body in MERGERS_2018:
        merged_into = _successor(MERGERS_2018[body], province_forms)
        rules.append(f"merger_2018:{body}->{merged_into}")

    kind, kind_rule = ("other", f"kind=party:{party}") if party else _kind(body, township, zone)
    sector, sector_rule = _sector(vertical + body, kind)
    rules[:0] = [level_rule, kind_rule, sector_rule]
    canonical = vertical + party + "".join(places) + (zone or "") + (township or "") + body
    return Agency(
        name=name, canonical_name=canonical, body=body, places=tuple(places),
        township=township, zone=zone, level=level, kind=kind, sector=sector,
        classified_by="; ".join(rules), renamed_from=renamed_from, merged_into=merged_into,
    )


def _former_form(name: str) -> bool:
    """原 in front of a division's name, where 原 does not begin one (原阳县, 原平市)."""
    return (name.startswith("原") and not split_known_places(name)[0]
            and bool(split_known_places(name[1:])[0]))


def _successor(body: str, province_forms: bool) -> str:
    return PROVINCE_SUCCESSORS.get(body, body) if province_forms else body


def _expand(rest: str) -> tuple[str, str | None]:
    for short in sorted(ABBREVIATIONS, key=len, reverse=True):
        full = ABBREVIATIONS[short]
        if rest.endswith(short) and not rest.endswith(full):
            return rest[: -len(short)] + full, short
    return rest, None


def _kind(body: str, township: str | None, zone: str | None) -> tuple[str, str]:
    if body in ("人民政府", ""):
        if township and township.endswith("街道"):
            return "dispatched_office", "kind=street_office:" + township
        if body or township:
            return "government", "kind=suffix:人民政府" if body else "kind=township_name"
    if body.endswith(("人民政府办公室", "人民政府办公厅", "行政公署办公室")):
        return "general_office", "kind=suffix:" + body[-7:]
    if township and township.endswith("街道") and body in ("办事处", "工作委员会"):
        return "dispatched_office", "kind=street_office:" + township + body
    if body.endswith("行政公署"):
        return "dispatched_office", "kind=suffix:行政公署"
    if zone and (body in _ZONE_COMMITTEES or body.endswith(_ZONE_COMMITTEES)):
        return "zone_committee", f"kind=zone_committee:{zone}"
    if zone and body == "人民政府":
        return "government", "kind=suffix:人民政府"
    if body.endswith(("委员会", "委")):
        return "commission", "kind=suffix:" + ("委员会" if body.endswith("委员会") else "委")
    for ending in _DEPARTMENT_ENDINGS:
        if body.endswith(ending) and len(body) > len(ending):
            return "department", "kind=suffix:" + ending
    return "other", "kind=no_rule"


def _sector(text: str, kind: str) -> tuple[str, str]:
    if kind in ("government", "general_office", "zone_committee", "dispatched_office"):
        return "general_government", f"sector=kind:{kind}"
    if kind == "other":
        # An institution's name may carry a keyword (卫生健康 in a hospital's), but what it
        # does is not what a department of that sector does: no sector is claimed.
        return "other", "sector=kind:other"
    # 人民政府 holds 民政: a department named after its government (人民政府外事办公室) is
    # not a civil-affairs body.
    text = text.replace("人民政府", "")
    best: tuple[int, int, str, str] | None = None
    for keyword, sector in SECTOR_KEYWORDS.items():
        at = text.find(keyword)
        if at >= 0 and (best is None or (at, -len(keyword)) < (best[0], best[1])):
            best = (at, -len(keyword), keyword, sector)
    if best is None:
        return "other", "sector=no_rule"
    return best[3], f"sector=keyword:{best[2]}"


def _level(places: list[str], township: str | None, zone: str | None,
           province: str | None, city: str | None, county: str | None,
           adcode: str | None) -> tuple[str | None, str]:
    if township:
        return "township", f"level=township_unit:{township}"
    last = places[-1] if places else None
    last_level = _place_level(last, province, city, county) if last else None
    if zone:
        if last_level == "county" and last and not zone.startswith(last):
            # Named after its county in short form (平潭综合实验区): it governs that county.
            return "county", f"level=zone_named_after:{last}"
        if last in MUNICIPALITIES:
            # A municipality's subdivisions are districts, county level.
            return "county", f"level=zone_under:{last}"
        if last_level in _LEVEL_BELOW:
            return _LEVEL_BELOW[last_level], f"level=zone_under:{last}"
        if adcode and len(adcode) == 6 and adcode[4:] != "00":
            return "county", f"level=zone_division:{adcode}"
        return None, "level=unknown"
    if last:
        if last_level:
            return last_level, f"level=place:{last}"
        return None, f"level=unknown:{last}"
    return _region_level(province, city, county)


def _place_level(place: str, province: str | None, city: str | None,
                 county: str | None) -> str | None:
    level = level_of_division(place)
    if level:
        return level
    # A name the table does not settle: the parser's region says which division it is.
    if county and place == county:
        return "county"
    if city and place == city:
        return "province" if place in MUNICIPALITIES else "city"
    if province and place == province:
        return "province"
    if not place.endswith("市"):
        for suffix, suffix_level in _SUFFIX_LEVELS:
            if place.endswith(suffix):
                return suffix_level
    return None


def _region_level(province: str | None, city: str | None,
                  county: str | None) -> tuple[str | None, str]:
    # Only when the name carries no place at all: the region is all that is known.
    if county:
        return "county", f"level=region:{county}"
    if city and city != province:
        return "city", f"level=region:{city}"
    if province:
        return "province", f"level=region:{province}"
    return None, "level=unknown"
