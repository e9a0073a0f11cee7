"""Fitting a row's value cells to the number of columns it must have (SPEC §5)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

from pipelines.parsing._types import Cell, Fact, TableName, new_fact
from pipelines.parsing._values import is_blank


# A tuple, not a frozen dataclass: every row of every table makes one, and a frozen
# dataclass's __init__ sets each field through object.__setattr__ in Python.
class Fitted(NamedTuple):
    cells: tuple[Cell | None, ...]  # None: no cell printed for that column
    guess: str | None  # what had to be assumed, for a warning
    error: str | None  # the row could not be fitted at all
    padded: int = 0  # cells added in front because the row printed fewer than its columns
    # With blank cells at both ends, the cells kept had the other end's blanks been the
    # extra ones; None when only one end was blank.
    other: tuple[Cell, ...] | None = None


# Fitted(...) runs the generated __new__ in Python; most rows take the C constructor.
new_fitted = functools.partial(tuple.__new__, Fitted)


def fit_row(values: list[Cell], width: int) -> Fitted:
    """Trailing then leading blank cells go first (merged label columns and trailing tabs
    leave them); a short row is aligned right because the total column is the last one."""
    if len(values) == width:  # most rows: nothing to drop, pad or guess
        return new_fitted((tuple(values), None, None, 0, None))
    cells = list(values)
    dropped_tail = dropped_head = 0
    while len(cells) > width and is_blank(cells[-1].text):
        cells.pop()
        dropped_tail += 1
    while len(cells) > width and is_blank(cells[0].text):
        cells.pop(0)
        dropped_head += 1
    if len(cells) > width:
        return Fitted((), None, f"{len(cells)} filled cells for {width} columns")
    guess = other = None
    if len(cells) < width:
        guess = f"{len(cells)} cells for {width} columns, aligned right"
    elif dropped_tail and is_blank(cells[0].text):
        guess = "blank cells at both ends; kept the leading ones"
        other = _head_dropped_first(values, width)
    elif dropped_head and is_blank(cells[-1].text):
        guess = "blank cells at both ends; kept the trailing ones"
    elif dropped_tail and is_blank(cells[-1].text):
        # Its last cell is one of a run of blanks past its columns: had the row lost a
        # cell, that blank would be padding standing in for it.
        guess = "blank cells past its columns; kept the first of them as its last cell"
    padded: list[Cell | None] = [None] * (width - len(cells))
    return Fitted((*padded, *cells), guess, None, len(padded), other)


def _head_dropped_first(values: list[Cell], width: int) -> tuple[Cell, ...] | None:
    """The cells left when leading blank cells are dropped before trailing ones."""
    cells = list(values)
    while len(cells) > width and is_blank(cells[0].text):
        cells.pop(0)
    while len(cells) > width and is_blank(cells[-1].text):
        cells.pop()
    return tuple(cells) if len(cells) == width else None


def unread_facts(table: TableName, keys: Sequence[tuple[str, str]],
                 cells: tuple[Cell | None, ...]) -> list[Fact]:
    """The printed cells of a row whose columns are unknown, under their (row, column)
    `keys`: NULL, with where they were printed and as what, so that no number lands in a
    column it may not belong to. A cell not printed is no fact: `rows_present` counts only
    what the row printed."""
    return [new_fact((table, row, col, None, cell.line, cell.raw))
            for (row, col), cell in zip(keys, cells, strict=True) if cell is not None]


def unsure_alignment(fitted: Fitted) -> str | None:
    """Why aligning a short row right would be a guess the row itself contradicts.

    A layout that prints blank cells (tabs, pipes, one cell per line, <td>) loses a cell
    only where merged label columns were, at the row's start: aligned right is the guess.
    A short row with no blank among its printed cells is text that drops blanks (PDF
    spaces): the lost blank could have been in any column, and aligning right would move
    every number left of it into its neighbour's column.
    """
    printed = fitted.cells[fitted.padded:]
    if fitted.padded and printed and not any(is_blank(c.text) for c in printed):
        return "no blank among its printed cells, so a blank cell vanished"
    # Merged label columns cost a row one cell; more lost cells are lost lines, which
    # can have stood anywhere in the row. All blank, the row reads the same either way.
    if fitted.padded >= 2 and not all(is_blank(c.text) for c in printed):
        return f"{fitted.padded} cells missing, more than a merged label cell"
    # Aligned right, the lost cell is taken to be the first: when the row opens with
    # blanks, any of them reads the same. Opening with a number, only the first does.
    if fitted.padded and printed and not is_blank(printed[0].text):
        return "it opens with a number, so only a lost first cell would leave it in place"
    return None
