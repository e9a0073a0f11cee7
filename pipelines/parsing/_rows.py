"""Fitting a row's value cells to the number of columns it must have (SPEC §5)."""

from __future__ import annotations

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


def fit_row(values: list[Cell], width: int) -> Fitted:
    """Trailing then leading blank cells go first (merged label columns and trailing tabs
    leave them); a short row is aligned right because the total column is the last one."""
    if len(values) == width:  # most rows: nothing to drop, pad or guess
        return Fitted(tuple(values), None, None)
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
    guess = None
    if len(cells) < width:
        guess = f"{len(cells)} cells for {width} columns, aligned right"
    elif dropped_tail and is_blank(cells[0].text):
        guess = "blank cells at both ends; kept the leading ones"
    elif dropped_head and is_blank(cells[-1].text):
        guess = "blank cells at both ends; kept the trailing ones"
    padded: list[Cell | None] = [None] * (width - len(cells))
    return Fitted((*padded, *cells), guess, None, len(padded))


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
    return None
