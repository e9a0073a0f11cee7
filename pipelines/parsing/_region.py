"""Agency name -> administrative division (SPEC §7), via cpca, refusing to guess."""

from __future__ import annotations

import functools
import warnings
from collections import defaultdict
from collections.abc import Sequence

from pipelines.parsing._types import Issue, Region

_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


@functools.cache
def _cpca():  # noqa: ANN202 - third-party module object
    with warnings.catch_warnings():
        # cpca 0.5.5 imports pkg_resources, which warns on import.
        warnings.simplefilter("ignore")
        import cpca
    return cpca


@functools.cache
def _counties_by_name() -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = defaultdict(list)
    for adcode, info in _cpca().ad_2_addr_dict.items():
        if info.rank == 2:
            names[info.name].append(adcode[:6])
    return {name: tuple(sorted(set(codes))) for name, codes in names.items()}


@functools.cache
def _lookup(place: str, umap_items: tuple[tuple[str, str], ...] = ()) -> Region:
    row = _address_of(place, dict(umap_items))

    def clean(value: object) -> str | None:
        return value if isinstance(value, str) and value else None

    province, city, county = clean(row["省"]), clean(row["市"]), clean(row["区"])
    if province in _MUNICIPALITIES and city in ("市辖区", "县", None):
        city = province
    adcode = clean(row["adcode"])
    return Region(province, city, county, adcode[:6] if adcode else None)


def _address_of(place: str, umap: dict[str, str]) -> dict[str, object]:
    """cpca's record for one address: keys 省 市 区 地址 adcode.

    `cpca.transform` returns the same record as one row of a pandas DataFrame, and
    building that frame costs about 2 ms per call, several times the rest of a report's
    parse. `_get_one_addr` is the module-level function `transform` calls per address;
    it is private, but cpca is pinned (0.5.5) in uv.lock, and tests/test_region.py pins
    its behaviour so an upgrade that changes it fails there first.
    """
    return _cpca()._get_one_addr(place, False, umap)


def resolve_region(agency: str | None, lines: Sequence[str]) -> tuple[Region, list[Issue]]:
    """Region of the agency. An ambiguous county name is settled only by another clue in
    the report's `lines` (its province or city named); otherwise it stays NULL and is
    flagged."""
    if not agency:
        return Region(), [Issue("region_unresolved", "warning", "no agency name to locate")]
    region = _lookup(agency)
    if region.adcode is None:
        return Region(), [Issue("region_unresolved", "warning",
                                f"no administrative division found in {agency!r}")]
    if region.county is None:
        return region, []
    candidates = _counties_by_name().get(region.county, ())
    named_parent = region.province is not None and _names_parent(agency, region)
    if len(candidates) <= 1 or named_parent:
        return region, []
    # Only an ambiguous county name needs the whole text, so it is joined here.
    text = "\n".join(lines)
    clued = [code for code in candidates if _parent_named(code, text)]
    if len(clued) == 1:
        return _lookup(agency, ((region.county, clued[0]),)), []
    return Region(), [Issue("region_ambiguous", "warning",
                            f"{region.county} names {len(candidates)} divisions "
                            f"({', '.join(candidates)}) and the text does not say which")]


def _names_parent(agency: str, region: Region) -> bool:
    county_at = agency.find(region.county or "")
    prefix = agency[:county_at] if county_at > 0 else ""
    parents = [p for p in (region.province, region.city) if p]
    return any(_short(p) in prefix for p in parents)


def _parent_named(adcode: str, text: str) -> bool:
    table = _cpca().ad_2_addr_dict
    for parent_code in (adcode[:4] + "00", adcode[:2] + "0000"):
        info = table.get(parent_code.ljust(12, "0"))
        if info is not None and _short(info.name) in text:
            return True
    return False


def _short(name: str) -> str:
    for suffix in ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市",
                   "自治州", "地区", "盟"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name
