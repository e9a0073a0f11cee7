"""Damage to one row of table 3, and what a careful reader can still know of it.

Each kind here damages a single row (or a single cell line) the way a converter does; the
values are decided before printing, and so is the damage: `choose` picks the row, the cell
and the way it is lost, `expected` says what the warehouse must then hold. A cell whose
value the damaged text no longer states is NULL; a row whose columns the text cannot tell
is left out of the expected values, so that any number stored for it counts as wrong.

* `cells_line_lost`: table 3 printed one cell per line with an empty line after each; one
  cell line deleted (its empty line stays), printed empty, or moved under another row's
  number. Read as a blank where it was lost: NULL. A number after it in its row stands
  where that guess put it, which the report must flag; a moved line crowds the row it
  lands in, whose numbers then have no known columns.
* `html_first_level_lost_td`: a first-level row (一、二、四、) whose empty cell's <td> the
  content system dropped: its numbers stand one column left of the merged label cell its
  sibling rows print, so which cell it lost is unknown.
* `pipe_row_short`: a markdown row with fewer cells than its rule line. Opening with blank
  cells, one of which was lost, it reads the same whichever it was (aligned right, a
  warning); having lost a number, its printed cells are NULL and the report flagged.
* `t3_first_label_garbled`: OCR garbled the first row's label past reading. Where the rows
  still make one line of numbers each, the template order places them (a warning);
  where the row's numbers also wrapped over two lines, or the table prints one cell per
  line (no line of numbers to count), nothing places them: those numbers stand before
  the first row a label names and the report is flagged.
* `t3_first_label_split`: the first row's label broken over two lines, its head alone
  on the first: read whole, exactly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pipelines.parsing import vocabulary as vocab

APPLICANTS = tuple(t.code for t in vocab.APPLICANT_TYPES)
FIRST_LEVEL = ("new_received", "carried_over", "carried_forward")
ROW_KINDS = ("cells_line_lost", "html_first_level_lost_td", "pipe_row_short",
             "t3_first_label_garbled", "t3_first_label_split")
# Layouts that print every cell on a line of its own: no row is a line of numbers.
ONE_CELL_LAYOUTS = ("cells", "traditional")
# The first row's label as OCR garbles it past matching (other characters, same length).
GARBLED_FIRST_LABELS = ("一丶木乍靳收攻府信悤公幵串请致量", "ー、夲年新妆玫府伩息厶幵申靑数是",
                        "一丶卒牛新收敀俯信息公丌申渭数暈")


@dataclass(frozen=True, slots=True)
class RowDamage:
    """Where one row of table 3 is damaged and how."""

    row: str  # the outcome code of the damaged row
    cell: int  # the column (index into APPLICANTS) whose cell is lost; `split`: where
    how: str  # deleted emptied moved / lead inside / ordered wrapped unplaced split / td
    to: str | None = None  # a moved cell line: the row under whose number it lands


def choose(rng: random.Random, damage: str, outcomes: tuple[str, ...],
           t3: dict, layout: str = "tabs") -> RowDamage:
    """The damaged row and cell; sets the cells the damage prints as blanks to None."""
    if damage == "cells_line_lost":
        how = rng.choice(("deleted", "emptied", "moved", "blank_tail"))
        # Blanks ending the table's last row stand where page whitespace after the table
        # does, which is not read as cells: that row is left to the other ways.
        row = rng.choice(outcomes[:-1] if how == "blank_tail" else outcomes)
        cell = rng.randrange(len(APPLICANTS))
        if how == "blank_tail":
            # The row's cells from the lost one on are blanks: nothing after the lost line
            # depends on where it was, so the reading is no guess (a warning, NULL).
            for column in APPLICANTS[cell:]:
                t3[row][column] = None
            return RowDamage(row, cell, "deleted")
        if how == "moved":
            # Right under a number of a row further down, without its empty line.
            later = outcomes[outcomes.index(row) + 1:]
            if later:
                return RowDamage(row, cell, how, rng.choice(later))
            how = "deleted"
        return RowDamage(row, cell, how)
    if damage == "html_first_level_lost_td":
        row = rng.choice(FIRST_LEVEL)
        cell = rng.randrange(len(APPLICANTS) - 1)
        t3[row][APPLICANTS[cell]] = None
        return RowDamage(row, cell, "td")
    if damage == "pipe_row_short":
        how = rng.choice(("lead", "inside"))
        if how == "lead":
            # Behind a first-level row's merged label cell too, any lost blank reads the same.
            row = rng.choice(outcomes)
            t3[row][APPLICANTS[0]] = t3[row][APPLICANTS[1]] = None
            return RowDamage(row, rng.randrange(2), how)
        return RowDamage(rng.choice(outcomes), rng.randrange(len(APPLICANTS)), how)
    if damage == "t3_first_label_garbled":
        how = rng.choice(("ordered", "wrapped"))
        return RowDamage("new_received", rng.randrange(1, len(APPLICANTS) - 1),
                         "unplaced" if layout in ONE_CELL_LAYOUTS else how)
    if damage == "t3_first_label_split":
        # Where the label breaks: anywhere after its number 一、 and before its last word.
        return RowDamage("new_received", rng.randrange(3, 14), "split")
    raise ValueError(f"not a row damage: {damage!r}")


def expected(spot: RowDamage, t3: dict) -> tuple[dict, bool]:
    """Table 3 as the warehouse must hold it, and whether the report must be flagged."""
    out = {row: dict(cells) for row, cells in t3.items()}
    unread = {column: None for column in APPLICANTS[1:]}
    if spot.how in ("deleted", "emptied", "moved"):
        numbers_after = any(t3[spot.row][c] is not None for c in APPLICANTS[spot.cell + 1:])
        if spot.cell == len(APPLICANTS) - 1:
            # The total's line lost before the next label: the empty lines may as well
            # have been a heading, so the row is short by a cell it cannot place.
            out[spot.row] = dict(unread)
            flagged = True
        else:
            out[spot.row][APPLICANTS[spot.cell]] = None
            flagged = numbers_after
        if spot.to is not None:
            del out[spot.to]
            flagged = True
        return out, flagged
    if spot.how in ("td", "inside"):
        out[spot.row] = dict(unread)
        return out, True
    if spot.how in ("lead", "split"):
        return out, False
    if spot.how in ("wrapped", "unplaced"):
        del out[spot.row]
        return out, True
    return out, False  # ordered: placed by the template order
