"""A table 3 whose rows are all printed whole is read in one go (`_clean_facts`): it must
give exactly what the row-by-row reading gives, and leave every other table to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_table_damage import OUTCOMES_2021

from pipelines.parsing import ReportRejected, parse_bytes
from pipelines.parsing import _table3 as table3

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.txt"))


def _parse_all() -> list[object]:
    out: list[object] = []
    for path in FIXTURES:
        try:
            out.append(parse_bytes(path.read_bytes(), path.name))
        except ReportRejected as exc:
            out.append(exc.reason)
    return out


def test_fixtures_read_the_same_with_and_without_the_one_go(monkeypatch) -> None:
    taken = []
    clean_facts = table3._clean_facts

    def counted(*args):
        facts = clean_facts(*args)
        taken.append(facts is not None)
        return facts

    monkeypatch.setattr(table3, "_clean_facts", counted)
    at_once = _parse_all()
    monkeypatch.setattr(table3, "_clean_facts", lambda *args: None)
    row_by_row = _parse_all()
    assert at_once == row_by_row
    # Both kinds of table are among the fixtures: the comparison tests something.
    assert any(taken) and not all(taken)


def _cells(bad: str | None = None) -> list[table3.Cell]:
    """A whole 2021 table 3, one row a line; `bad` printed in row 2's fourth cell."""
    cells = []
    for line, (label, code) in enumerate(OUTCOMES_2021, 1):
        texts = ["1", "0", "0", "0", "0", "0", "1"]
        if code == "new_received":
            texts = ["4", "1", "0", "0", "0", "0", "5"]
        if bad is not None and line == 2:
            texts[3] = bad
        cells += [table3.Cell(label, label, line)] + [table3.Cell(t, t, line) for t in texts]
    return cells


@pytest.mark.parametrize("bad", [None, "3a"])
def test_a_bad_cell_is_named_as_the_row_by_row_reading_names_it(monkeypatch, bad) -> None:
    taken = []
    clean_facts = table3._clean_facts
    monkeypatch.setattr(table3, "_clean_facts",
                        lambda *args: taken.append(clean_facts(*args)) or taken[-1])
    facts, issues = table3.parse_table3(_cells(bad), "2021")
    # The first reading: in one go, unless a cell is bad.
    assert (taken[0] is not None) == (bad is None)
    monkeypatch.setattr(table3, "_clean_facts", lambda *args: None)
    assert (facts, issues) == table3.parse_table3(_cells(bad), "2021")
    new_received = [f.value for f in facts if f.row == "new_received"]
    assert new_received == [4, 1, 0, 0, 0, 0, 5]
    bad_cells = [i.message for i in issues if i.check_name == "parse_bad_cell"]
    if bad is None:
        assert bad_cells == []
    else:
        [message] = bad_cells
        assert "line 2: carried_over/social_welfare_org" in message
