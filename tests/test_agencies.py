"""Agency classification on real names (tests/data/agency_names.tsv) and its rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.agencies import KINDS, LEVELS, SECTORS, classify

NAMES = Path(__file__).parent / "data" / "agency_names.tsv"


def _cases() -> list[tuple[str, str | None, str, str, str]]:
    cases = []
    for line in NAMES.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, level, kind, sector, *canonical = line.split("\t")
        cases.append((name, None if level == "-" else level, kind, sector,
                      canonical[0] if canonical and canonical[0] else name))
    return cases


CASES = _cases()


def test_the_list_covers_every_level_kind_and_many_sectors() -> None:
    assert len(CASES) >= 200
    assert {c[1] for c in CASES} >= set(LEVELS)
    assert {c[2] for c in CASES} == set(KINDS)
    assert len({c[3] for c in CASES}) == len(SECTORS)


def test_every_real_name_is_classified_exactly() -> None:
    wrong = []
    for name, level, kind, sector, canonical in CASES:
        got = classify(name)
        if (got.level, got.kind, got.sector, got.canonical_name) != (level, kind, sector,
                                                                       canonical):
            wrong.append(f"{name}: expected {(level, kind, sector, canonical)}, got "
                         f"{(got.level, got.kind, got.sector, got.canonical_name)} "
                         f"[{got.classified_by}]")
    assert not wrong, f"{len(wrong)}/{len(CASES)} wrong:\n" + "\n".join(wrong)


def test_the_deciding_rule_is_kept_beside_the_result() -> None:
    got = classify("安丘市卫计局")
    assert got.classified_by == ("level=place:安丘市; kind=suffix:局; sector=keyword:卫生健康; "
                                 "abbrev:卫计局; rename_2018:卫生和计划生育局->卫生健康局")
    assert got.renamed_from == "卫生和计划生育局"


def test_a_name_no_rule_fits_is_other_not_a_guess() -> None:
    got = classify("某某协会")
    assert (got.level, got.kind, got.sector) == (None, "other", "other")
    assert got.classified_by == "level=unknown; kind=no_rule; sector=kind:other"


@pytest.mark.parametrize(("name", "level", "places"), [
    # Divisions made since cpca's table: a district of 2021 and a city of 2017.
    ("杭州市临平区卫生健康局", "county", ("杭州市", "临平区")),
    ("那曲市生态环境局", "city", ("那曲市",)),
])
def test_divisions_made_since_the_table_are_places(name: str, level: str,
                                                   places: tuple[str, ...]) -> None:
    got = classify(name)
    assert (got.level, got.places) == (level, places)


def test_a_merged_body_keeps_its_name_and_names_its_successor() -> None:
    got = classify("安丘市工商行政管理局")
    assert got.canonical_name == "安丘市工商行政管理局"
    assert got.merged_into == "市场监督管理局"


@pytest.mark.parametrize(
    ("name", "region", "level"),
    [
        # Not in the division table: the parser's region says what the 市 is.
        ("新设市卫生健康局", ("某省", "新设市", None, "990100"), "city"),
        ("新设市卫生健康局", ("某省", "某市", "新设市", "990102"), "county"),
        # No place in the name at all: the region is all there is.
        ("卫生健康局", ("山东省", "潍坊市", "安丘市", "370784"), "county"),
        ("卫生健康局", ("北京市", "北京市", None, "110000"), "province"),
        # A zone without a place in its name takes the county it governs.
        ("某某综合实验区管理委员会", ("福建省", "福州市", "平潭县", "350128"), "county"),
    ],
)
def test_the_region_settles_what_the_name_cannot(
        name: str, region: tuple[str | None, ...], level: str) -> None:
    assert classify(name, *region).level == level
