"""The template of a report whose table 2 headers could not be read, from what else it
prints: table 3's rows and the year the report is on.

Table 2's headers are the template's signature (SPEC §1); the other clues are weaker and
only count together. Table 3's （六）1-3 rows exist only in the 2021 template, but its
single （六）其他处理 row is printed by old-style 2021 reports too, so it says nothing. Table
4 is the same in both. The 2021 template came into use with the reports on 2021: a report
on 2019 or 2020 is on the 2019 one, but a report on a later year may still print the old
tables. A template is taken only when no clue speaks against it.
"""

from __future__ import annotations

from collections.abc import Collection

from pipelines.parsing import vocabulary as vocab

# The rows only the 2021 template prints: its （六） split in three.
_SPLIT_OTHER = frozenset(vocab.OUTCOME_CODES_SPLIT_OTHER) - frozenset(
    vocab.OUTCOME_CODES_SINGLE_OTHER)
_FIRST_2021_YEAR = 2021


def template_from_evidence(year: int | None, table3_rows: Collection[str],
                           ) -> tuple[str | None, str]:
    """The template the year and table 3's rows agree on (None when they say nothing or
    disagree), and the evidence, in words, for the issue that reports it."""
    split = bool(_SPLIT_OTHER.intersection(table3_rows))
    single = "other" in table3_rows
    old_year = year is not None and year < _FIRST_2021_YEAR
    rows = "table 3 prints the rows （六）1-3, which only the 2021 template has"
    if split and old_year:
        return None, (f"{rows}, but the report is on {year}, before the 2021 template: "
                      f"the clues disagree, template left NULL")
    if split:
        on = f", and the report is on {year}" if year is not None else ""
        return "2021", f"template 2021 taken from other evidence: {rows}{on}"
    if old_year:
        also = " and table 3 prints the single （六）其他处理 row" if single else ""
        return "2019", (f"template 2019 taken from other evidence: the report is on {year}, "
                        f"before the 2021 template came into use{also}")
    return None, "no other evidence settles it (table 4 is the same in both), template left NULL"
