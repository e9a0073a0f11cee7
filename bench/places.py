"""Real county-level divisions for the synthetic corpus's agencies, read from the division
table that ships with cpca (GB/T 2260, the table the parser resolves regions with).

A national corpus needs as many places as the country has: with a few dozen counties,
25,000 agencies a year collapse onto a few thousand identities, each reporting many times a
year, and a province's peer group holds one or two counties. Every county-level division is
taken whose own name, city and province each name one division only (so the name alone
places it, as SPEC §7 asks), outside the four municipalities (whose districts have no
prefecture-level city) and the county-level cities a province governs directly.

The corpus's reports are on 2019-2024: its places are the divisions of those years (cpca's
table with the changes since, pipelines/parsing/division_changes.tsv), each in force in all
of them, so that an agency keeps its place from year to year.
"""

from __future__ import annotations

import csv
import functools
from collections import Counter

from pipelines.agencies._places import division_table
from pipelines.parsing._division_changes import changes, continuations, in_force, made

# Placeholders of the table, not places.
_PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_MUNICIPALITIES = ("11", "12", "31", "50")  # 北京, 天津, 上海, 重庆
_NOT_MAINLAND = ("71", "81", "82")
# Names in which the parser reads another division first (五大连池市 holds 大连; 梅县区 is
# also the older 梅县): a corpus of them would measure that, not the agencies.
_MISREAD = frozenset({"五大连池市", "梅县区"})
# The first and the last year the corpus's reports are on (bench/corpus.py).
_CORPUS_YEARS = (2019, 2024)


@functools.cache
def _table() -> tuple[tuple[str, str], ...]:
    """(adcode, name) of cpca's divisions, then of those made since."""
    with division_table().open(encoding="utf-8") as handle:
        table = [(row["adcode"][:6], row["name"]) for row in csv.DictReader(handle)]
    return (*table, *((change.adcode, change.name) for change in made()))


@functools.cache
def county_places() -> tuple[tuple[str, str, str, str], ...]:
    """(county, province, city, adcode) of every county-level division whose name, city and
    province are unique in the table, in adcode order."""
    names = {code: name for code, name in _table()
             if all(in_force(code, name, year) for year in _CORPUS_YEARS)}
    # A name another division takes for some of the years (三沙市南沙区 from 2020) is not
    # the only one of its report's year.
    years = range(_CORPUS_YEARS[0], _CORPUS_YEARS[1] + 1)
    uses = Counter(name for code, name in set(_table())
                   if any(in_force(code, name, year) for year in years))
    places = []
    for code, name in sorted(names.items()):
        if code[4:] == "00" or code.startswith(_MUNICIPALITIES + _NOT_MAINLAND):
            continue
        city, province = names.get(code[:4] + "00"), names.get(code[:2] + "0000")
        if (not city or not province or city in _PLACEHOLDERS or name in _PLACEHOLDERS
                or name in _MISREAD or not name.endswith(("县", "市", "区", "旗"))):
            continue
        if uses[name] == uses[city] == uses[province] == 1:
            places.append((name, province, city, code))
    return tuple(places)


@functools.cache
def changed_places(year: int) -> tuple[tuple[str, str, str | None, str, str], ...]:
    """(name as printed, province, city, county, adcode) of the county-level divisions made
    since cpca's table that exist in `year` (临平区 from 2021), and of those renamed since,
    printed under their former name in a later year (临安市 for 临安区): the division of the
    report's year either way. A name several divisions of the year have is printed after
    its city's (深圳市龙华区)."""
    names = {code: name for code, name in _table() if in_force(code, name, year)}
    uses = Counter(names.values())
    found = []
    for change in made():
        if change.adcode[4:] == "00" or names.get(change.adcode) != change.name:
            continue
        province, city = _parents(change.adcode, names)
        alone = uses[change.name] == 1
        if alone or (city and city != change.name):
            printed = change.name if alone else f"{city}{change.name}"
            found.append((printed, province, city, change.name, change.adcode))
    every_year = Counter(name for _, name in _table())
    for change in changes():
        if not change.same_body or change.year >= year or change.former[0][1] == change.name:
            continue
        code, name = change.former[0]
        became = next((c for c in continuations(code, name)
                       if in_force(c.adcode, c.name, year)), None)
        old_city = dict(_table()).get(code[:4] + "00")
        if became is None or became.adcode[4:] == "00" or (
                every_year[name] > 1 and (not old_city or old_city in _PLACEHOLDERS)):
            continue
        province, city = _parents(became.adcode, names)
        printed = name if every_year[name] == 1 else f"{old_city}{name}"
        found.append((printed, province, city, became.name, became.adcode))
    return tuple(found)


def _parents(adcode: str, names: dict[str, str]) -> tuple[str, str | None]:
    province = names[adcode[:2] + "0000"]
    if adcode.startswith(_MUNICIPALITIES):
        return province, province  # a municipality is its districts' city
    city = names.get(adcode[:4] + "00")
    return province, None if city in _PLACEHOLDERS else city
