"""Names of China's administrative divisions and their level, from the division table
that ships with cpca (GB/T 2260 codes down to county level) and the divisions made since
(pipelines/parsing/division_changes.tsv).

The table is read as data, without importing cpca (which pulls in pkg_resources and
pandas): only names and codes are needed here.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from collections import defaultdict
from pathlib import Path

from pipelines.agencies._tables import MUNICIPALITIES, TOWNSHIP_UNITS
from pipelines.parsing._division_changes import made

LEVELS = ("province", "city", "county", "township")

# Names that are placeholders in the table, not places.
_NOT_PLACES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def _level_of_code(adcode: str) -> str:
    if adcode[2:6] == "0000":
        return "province"
    if adcode[4:6] == "00":
        return "city"
    return "county"


def division_table() -> Path:
    """cpca's division table (columns adcode, name, ...), located, not imported: importing
    cpca would import pkg_resources and pandas."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("cpca's division table is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@functools.cache
def division_levels() -> dict[str, frozenset[str]]:
    """Division name -> the levels it has somewhere in China (鼓楼区 is one name for
    several counties, all of level county)."""
    levels: dict[str, set[str]] = defaultdict(set)
    with division_table().open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"]
            if name and name not in _NOT_PLACES:
                levels[name].add(_level_of_code(row["adcode"]))
    # The divisions made since the table (临平区, 那曲市): their bodies report today.
    for change in made():
        levels[change.name].add(_level_of_code(change.adcode))
    return {name: frozenset(found) for name, found in levels.items()}


@functools.cache
def _longest_first() -> tuple[str, ...]:
    return tuple(sorted(division_levels(), key=len, reverse=True))


def level_of_division(name: str) -> str | None:
    """The level of a division by its full name, or None when unknown or not one level.
    A municipality (北京市) is a province."""
    if name in MUNICIPALITIES:
        return "province"
    found = division_levels().get(name)
    if found and len(found) == 1:
        return next(iter(found))
    return None


def split_known_places(name: str) -> tuple[list[str], str]:
    """Leading division names of `name` (longest match first, repeatedly), and the rest."""
    places: list[str] = []
    rest = name
    while rest:
        for candidate in _by_first_char().get(rest[0], ()):
            # A division name that is all of the rest is the agency's own name, not a
            # prefix (a name like 安丘市 alone has no body).
            if rest.startswith(candidate) and len(rest) > len(candidate):
                places.append(candidate)
                rest = rest[len(candidate):]
                break
        else:
            break
    return places, rest


@functools.cache
def _by_first_char() -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for name in _longest_first():
        grouped[name[0]].append(name)
    return {char: tuple(names) for char, names in grouped.items()}


# A division not in the table (renamed since, or written without its parent): a few
# characters ending in a division word. Tried only at the start of a name and only when
# no known division matched there.
_UNKNOWN_DIVISION = re.compile(r"^(.{1,6}?(?:自治县|自治旗|自治州|县|旗|区|市|州|盟))")
_TOWNSHIP = re.compile(
    r"^(.{1,8}?(?:" + "|".join(TOWNSHIP_UNITS) + r"))(?=人民政府|政府|办事处|工作委员会|$)"
)


@functools.cache
def _short_names() -> dict[str, tuple[str, ...]]:
    """Short form -> the full names it may stand for (潍坊 -> 潍坊市; 长沙 -> 长沙市, 长沙县)."""
    found: dict[str, set[str]] = defaultdict(set)
    for name in division_levels():
        for suffix in ("自治县", "自治州", "市", "县", "区", "省"):
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                found[name[: -len(suffix)]].add(name)
                break
    return {short: tuple(sorted(full)) for short, full in found.items()}


def short_division(text: str) -> tuple[str, ...]:
    """The full names a short form at the start of `text` may stand for (潍坊高新区 ->
    潍坊市). Only for names that customarily drop the division word: zones and vertical
    bodies. Several when the short form is shared (长沙: the city and the county)."""
    shorts = _short_names()
    for length in (4, 3, 2):
        full = shorts.get(text[:length])
        if full and len(text) > length:
            return full
    return ()


def unknown_division(rest: str) -> str | None:
    match = _UNKNOWN_DIVISION.match(rest)
    return match.group(1) if match else None


def township_unit(rest: str) -> str | None:
    """A township, town or street office's own name at the start of `rest`
    (景芝镇人民政府 -> 景芝镇), when what follows it is what such a unit issues under."""
    match = _TOWNSHIP.match(rest)
    return match.group(1) if match else None
