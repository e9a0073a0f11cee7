"""Damage to one row of table 3 in the synthetic corpus: the damaged text says what the
expected values say (read back here by hand, not by the parser), and what it no longer
says is NULL or left unscored."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

from test_corpus import reports

from bench.corpus_print import T3_LABELS, outcomes
from bench.corpus_rows import GARBLED_FIRST_LABELS, RowDamage, choose, expected
from pipelines.parsing import vocabulary as vocab

APPLICANTS = [t.code for t in vocab.APPLICANT_TYPES]
NBSP = "\xa0"
# Four rows of a small hand-made table 3: 4 + 1 = 3 + 2 for the natural persons.
T3 = {
    "new_received": dict(zip(APPLICANTS, [4, 2, 0, 0, 0, 0, 6], strict=True)),
    "carried_over": dict(zip(APPLICANTS, [1, 0, 0, 0, 0, 0, 1], strict=True)),
    "granted": dict(zip(APPLICANTS, [3, 1, 0, 0, 0, 1, 5], strict=True)),
    "carried_forward": dict(zip(APPLICANTS, [2, 0, 0, 0, 0, 0, 2], strict=True)),
}
UNREAD = dict.fromkeys(APPLICANTS[1:])


def _copy() -> dict:
    return {row: dict(cells) for row, cells in T3.items()}


def test_a_lost_cell_line_is_null_and_flagged_when_a_number_follows() -> None:
    t3, status = expected(RowDamage("granted", 2, "deleted"), T3)
    assert t3["granted"] == {**T3["granted"], "research_institution": None}
    assert t3["new_received"] == T3["new_received"] and status is True


def test_a_lost_cell_line_before_blanks_only_is_null_and_valid() -> None:
    table = _copy()
    table["granted"].update(legal_service_org=None, other_org=None, total=None)
    t3, flagged = expected(RowDamage("granted", 4, "emptied"), table)
    assert t3["granted"] == {"natural_person": 3, "commercial_enterprise": 1,
                             "research_institution": 0, "social_welfare_org": 0,
                             "legal_service_org": None, "other_org": None, "total": None}
    assert flagged is False


def test_a_lost_total_line_leaves_the_rows_printed_cells_null() -> None:
    t3, flagged = expected(RowDamage("granted", 6, "deleted"), T3)
    assert t3["granted"] == UNREAD and flagged is True


def test_a_moved_line_leaves_the_row_it_lands_in_unscored() -> None:
    t3, flagged = expected(RowDamage("new_received", 0, "moved", "carried_forward"), T3)
    assert t3["new_received"] == {**T3["new_received"], "natural_person": None}
    assert "carried_forward" not in t3 and flagged is True


def test_a_row_short_of_a_td_or_a_number_is_null_and_flagged() -> None:
    for how in ("td", "inside"):
        t3, flagged = expected(RowDamage("carried_forward", 3, how), T3)
        assert t3["carried_forward"] == UNREAD and flagged is True
        assert t3["granted"] == T3["granted"]


def test_a_row_short_of_a_leading_blank_reads_the_same() -> None:
    table = _copy()
    table["granted"].update(natural_person=None, commercial_enterprise=None)
    assert expected(RowDamage("granted", 1, "lead"), table) == (table, False)


def test_a_garbled_first_label_is_read_by_order_unless_its_numbers_wrapped() -> None:
    assert expected(RowDamage("new_received", 3, "ordered"), T3) == (T3, False)
    t3, flagged = expected(RowDamage("new_received", 3, "wrapped"), T3)
    assert set(t3) == {"carried_over", "granted", "carried_forward"} and flagged is True


def test_one_cell_per_line_gives_the_order_no_line_of_numbers_to_count() -> None:
    for seed in range(10):
        spot = choose(random.Random(seed), "t3_first_label_garbled", tuple(T3), _copy(), "cells")
        assert spot.how == "unplaced"
    t3, flagged = expected(RowDamage("new_received", 2, "unplaced"), T3)
    assert "new_received" not in t3 and t3["granted"] == T3["granted"] and flagged is True


def test_choose_blanks_only_what_the_damage_prints_blank() -> None:
    outcomes = tuple(T3)
    for seed in range(40):
        table = _copy()
        spot = choose(random.Random(seed), "pipe_row_short", outcomes, table)
        blanks = {(row, c) for row, cells in table.items() for c, v in cells.items()
                  if v is None}
        if spot.how == "lead":
            assert blanks == {(spot.row, "natural_person"), (spot.row, "commercial_enterprise")}
        else:
            assert blanks == set()
        table = _copy()
        spot = choose(random.Random(seed), "html_first_level_lost_td", outcomes, table)
        assert spot.row in T3 and spot.how == "td"
        assert table[spot.row][APPLICANTS[spot.cell]] is None


def _label(code: str) -> str:
    return [cell for cell in T3_LABELS[code] if cell][-1]


def _table3_lines(text: str) -> list[str]:
    return text[text.index("三、收到和处理"):text.index("四、政府信息公开行政复议")].split("\n")


def test_cells_line_lost_prints_every_cell_but_the_lost_one() -> None:
    seen = set()
    for report in reports("cells_line_lost", n=12):
        lines = _table3_lines(report.text)
        t3 = report.expected["applications"]
        # The table's other rows: seven cell lines after the label, an empty line after each.
        label = lines.index("\t" + _label("granted"))
        cells = lines[label + 2:label + 16:2]
        if "granted" in t3 and None not in t3["granted"].values() and lines[
                label + 1:label + 16:2] == [""] * 7:
            assert [c.strip() for c in cells] == [str(t3["granted"][c]) for c in APPLICANTS]
        runs = [len(m) for m in re.findall(r"\n{3,}", "\n".join(lines[2:]))]
        # A deleted line leaves two empty lines in a row, an emptied one three.
        assert runs and set(runs) <= {3, 4}, runs
        crowded = [i for i in range(1, len(lines))
                   if re.fullmatch(r"\t\d+", lines[i]) and re.fullmatch(r"\t\d+", lines[i - 1])]
        # A moved line lands right under another row's number, which is then unscored.
        moved = len(t3) < len(outcomes(report.expected["template"]))
        assert bool(crowded) == moved
        seen.add((max(runs), moved))
    assert seen == {(3, False), (4, False), (3, True)}


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append("")

    def handle_data(self, data: str) -> None:
        if self.rows and self.rows[-1]:
            self.rows[-1][-1] += data.replace(NBSP, "")


def test_html_first_level_row_prints_a_td_fewer_than_its_siblings() -> None:
    for report in reports("html_first_level_lost_td", n=6):
        parser = _Rows()
        parser.feed(report.text)
        first_level = {code: next(r for r in parser.rows if r and r[0] == T3_LABELS[code][0])
                       for code in ("new_received", "carried_over", "carried_forward")}
        [damaged] = [code for code, row in first_level.items() if len(row) == 8]
        assert {len(r) for c, r in first_level.items() if c != damaged} == {9}
        assert report.expected["applications"][damaged] == UNREAD
        assert report.expected["status"] == "flagged"
        # Its printed numbers are the row's own, the blank one not printed.
        assert "" not in first_level[damaged][2:]


def test_pipe_row_short_prints_one_cell_fewer_without_padding() -> None:
    for report in reports("pipe_row_short", n=8):
        lines = _table3_lines(report.text)
        width = len(next(ln for ln in lines if ln.startswith("|---")).split("|")) - 2
        short = [ln for ln in lines if ln.startswith("|") and len(ln.split("|")) - 2 < width
                 and re.search(r"\d", ln)]
        assert len(short) == 1
        cells = [c.strip() for c in short[0].strip("|").split("|")]
        numbers = [c for c in cells if re.fullmatch(r"\d+", c)]
        e = report.expected
        if e["status"] == "valid":
            # A leading blank lost: the row's truth opens with two blanks, one printed.
            code = next(c for c in T3_LABELS if c in e["applications"] and _label(c) in cells)
            assert numbers == [str(e["applications"][code][c]) for c in APPLICANTS[2:]]
            assert cells[cells.index(_label(code)) + 1] == ""
        else:
            assert len(numbers) == 6
            assert list(e["applications"].values()).count(UNREAD) == 1


def test_a_garbled_first_label_replaces_the_label_and_may_wrap_the_numbers() -> None:
    for report in reports("t3_first_label_garbled", "tabs", n=8):
        lines = _table3_lines(report.text)
        assert "一、本年新收政府信息公开申请数量" not in report.text
        [at] = [i for i, ln in enumerate(lines) if ln.split("\t")[0] in GARBLED_FIRST_LABELS]
        printed = [c for c in lines[at].split("\t")[1:] if c]
        if report.expected["status"] == "flagged":
            assert "new_received" not in report.expected["applications"]
            rest = [c for c in lines[at + 1].split("\t") if c]
            assert 1 <= len(printed) < 7 and len(printed) + len(rest) == 7
        else:
            assert [int(c) for c in printed] == list(
                report.expected["applications"]["new_received"].values())


def test_a_split_first_label_prints_its_head_alone_and_is_expected_exactly() -> None:
    label = "一、本年新收政府信息公开申请数量"
    assert expected(RowDamage("new_received", 5, "split"), T3) == (T3, False)
    for report in reports("t3_first_label_split", "tabs", n=6):
        lines = _table3_lines(report.text)
        assert label not in report.text
        [at] = [i for i, ln in enumerate(lines) if ln and label.startswith(ln)]
        rest = lines[at + 1].split("\t")
        assert lines[at] + rest[0] == label
        printed = [int(c) for c in rest[1:] if c]
        assert printed == list(report.expected["applications"]["new_received"].values())
        assert report.expected["status"] == "valid"
