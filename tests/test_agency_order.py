"""dim_agency does not depend on the order reports arrive in: parse steps finish in any
order (on processes or on Celery workers), and polars' group_by keeps no order."""

from __future__ import annotations

from itertools import permutations

import polars as pl

from pipelines.agencies import agency_frames

_REGION = ("山东省", "济宁市", "曲阜市", "370881")


def _reports(rows: list[tuple[str, str, int, tuple[str | None, ...]]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(f"r{i}.txt", agency, written, year, *region)
         for i, (agency, written, year, region) in enumerate(rows)],
        schema=["source_file", "agency", "agency_as_written", "year", "province", "city",
                "county", "adcode"],
        orient="row")


def test_one_agency_under_two_forms_in_one_year_gives_one_row_whatever_the_order() -> None:
    rows = [
        ("曲阜市卫健局", "曲阜市卫健局", 2021, _REGION),
        ("曲阜市卫生健康局", "曲阜市卫生健康局", 2021, _REGION),
        # The same body with its county only: the same identity needs the adcode, so this
        # one is another agency; it must not change the first one's row either.
        ("曲阜市卫生健康局", "曲阜市卫生健康局", 2020, ("山东省", "济宁市", "曲阜市", None)),
    ]
    results = set()
    for order in permutations(rows):
        frames = agency_frames(_reports(list(order)))
        results.add((tuple(frames.agencies.iter_rows()), tuple(frames.aliases.iter_rows())))
    assert len(results) == 1
    agencies = agency_frames(_reports(rows)).agencies.filter(pl.col("adcode") == "370881")
    # The name written out wins over its abbreviation: its rules have no abbrev step.
    assert agencies.select("canonical_name", "first_year", "last_year", "reports",
                           "classified_by").rows() == [
        ("曲阜市卫生健康局", 2021, 2021, 2,
         "level=place:曲阜市; kind=suffix:局; sector=keyword:卫生健康")]
