"""Cells a one-cell-per-line table lost or gained: where the empty line after each cell
doubles, or is missing between two numbers.

Some converters print every cell of a table on a line of its own with an empty line after
it (seed 004), so that a table's rows are told apart only by their labels. There, a cell
line that went missing (deleted, moved, or printed as nothing) leaves two or more empty
lines in a row, and every cell after it in its row would slide one column left: into the
neighbour's column, or the blank kept at the row's end taken for its total. Read as a
blank cell where it was lost, the row keeps its columns; the cell is NULL, with a warning.
Two value cells with no empty line between them are a line printed twice or moved in
from elsewhere: which of them belongs to the row is unknown, so that is an error.
"""

from __future__ import annotations

import re
from itertools import pairwise
from operator import sub
from typing import NamedTuple

from pipelines.parsing._normalize import Lines
from pipelines.parsing._types import Cell, Fact, Issue, new_cell
from pipelines.parsing._values import is_blank, is_value_text

# A table is printed this way when nearly every pair of neighbouring cell lines has one
# empty line between them, over enough lines to tell (a wrapped label breaks a few).
_MIN_PAIRS = 10
_MIN_SHARE = 0.9


class SpacedCells(NamedTuple):
    cells: list[Cell]  # with a blank cell for each lost one
    lost: list[int]  # the (1-based) empty lines those blank cells stand on
    crowded: list[int]  # lines of value cells printed right under another value cell


def fill_lost_cells(lines: Lines, start: int, end: int, cells: list[Cell]) -> SpacedCells:
    """`cells` of lines[start:end], with what the empty lines between them say of lost
    and extra cells; unchanged for any other layout than one cell and one empty line."""
    unchanged = SpacedCells(cells, [], [])
    if len(cells) <= _MIN_PAIRS:
        return unchanged
    # Cheapest first: cells come in line order, so the lines they span hold every step
    # between neighbours; too few lines for most steps to be two rule the layout out
    # without a look at each cell (every layout with several cells on a line).
    if cells[-1].line - cells[0].line < 2 * _MIN_SHARE * (len(cells) - 1):
        return unchanged
    lines_of_cells = [cell.line for cell in cells]
    # Cheap first: one cell a line, and most neighbouring cells two lines apart.
    if (len(set(lines_of_cells)) < _MIN_SHARE * len(cells)
            or list(map(sub, lines_of_cells[1:], lines_of_cells)).count(2)
            < _MIN_SHARE * (len(cells) - 1)):
        return unchanged
    # Empty lines only: a page mark dropped by normalization is empty but was printed.
    empty = [not lines.norm[i] and not lines.raw[i].strip() for i in range(start, end)]
    gaps = [_longest_run(empty, a - start, b - start - 1)
            for a, b in pairwise(lines_of_cells)]
    if sum(length == 1 for length, _ in gaps) < _MIN_SHARE * len(gaps):
        return unchanged
    filled: list[Cell] = [cells[0]]
    lost: list[int] = []
    crowded: list[int] = []
    for (before, after), (length, first) in zip(pairwise(cells), gaps, strict=True):
        value = is_value_text(after.text)
        if value and after.line == before.line + 1 and is_value_text(before.text):
            crowded.append(after.line)
        # One lost cell line leaves two empty lines (deleted) or three (emptied). Before
        # a label, the lines lost may as well have been a heading or the label itself:
        # a cell inferred there would slide a short row's numbers left.
        for k in range(length // 2 if value else 0):
            line = start + first + 2 * k + 1
            lost.append(line)
            filled.append(new_cell(("", "", line)))
        filled.append(after)
    return SpacedCells(filled, lost, crowded)


def spacing_issues(table: int, spaced: SpacedCells, facts: list[Fact]) -> list[Issue]:
    """What the reader must know of the cells found lost or crowded in a table read from
    `spaced`, given the table's `facts`. A lost cell read as blank is a guess about where
    the line was: harmless when only blanks follow it in its row, an error when a number
    after it stands in the column that guess gave it (table 4 prints one row)."""
    if not spaced.lost and not spaced.crowded:
        return []  # most tables
    issues = [Issue("parse_cell_crowded", "error",
                    f"table {table}, line {line}: a value printed right under another, where "
                    f"an empty line parts every other cell: a line printed twice or moved "
                    f"here, so the cells after it may stand in the wrong columns")
              for line in spaced.crowded]
    at = {fact.source_line: fact for fact in facts if fact.raw_text == ""}
    for line in spaced.lost:
        lost = at.get(line)
        after = [] if lost is None else [
            f for f in facts if (f.row == lost.row or table == 4) and f.value is not None
            and f.source_line is not None and f.source_line > line]
        if after:
            issues.append(Issue(
                "parse_cell_lost", "error",
                f"table {table}, line {line}: a run of empty lines where one parts the "
                f"cells: a cell line was lost here, so the numbers after it in row {lost.row} "
                f"(line {', '.join(str(f.source_line) for f in after)}) may stand one column "
                f"off"))
        else:
            issues.append(Issue(
                "parse_cell_lost", "warning",
                f"table {table}, line {line}: a run of empty lines where one parts the "
                f"cells: a cell line was lost here, read as a blank cell (NULL)"))
    return issues


def drop_stray_blanks(lines: Lines, cells: list[Cell]) -> list[Cell]:
    """`cells` without the blank cells that end the region on lines of their own, set
    apart from the table by two or more empty lines: whitespace printed after the table,
    which would otherwise fill the last column of a row that lost a cell."""
    end = len(cells)
    while end and is_blank(cells[end - 1].text):
        end -= 1
    if end in (0, len(cells)):
        return cells
    stray = cells[end:]
    last = cells[end - 1].line
    first = stray[0].line
    if (len({cell.line for cell in stray}) != len(stray) or last == first
            or sum(not lines.norm[i] and not lines.raw[i].strip()
                   for i in range(last, first - 1)) < 2):
        return cells
    return cells[:end]


def _longest_run(empty: list[bool], lo: int, hi: int) -> tuple[int, int]:
    """The length and start of the longest run of empty lines in empty[lo:hi]."""
    best = (0, lo)
    run = 0
    for i in range(lo, hi):
        run = run + 1 if empty[i] else 0
        if run > best[0]:
            best = (run, i - run + 1)
    return best



def trim_short_pipe_rows(lines: Lines, start: int, end: int, cells: list[Cell]) -> list[Cell]:
    """`cells` without the trailing blanks of a markdown row that prints fewer cells than
    the rule line above it (`|---|---|`) has columns. Such a row lost a cell; the blanks at
    its end are then the grid's padding as much as its own last cells, and taken for its
    total they would move its numbers one column left in silence. Without them the row is
    short, and what a short row may be read as is decided where rows are fitted."""
    if "|" not in "".join(lines.norm[start:end]):
        return cells
    width = 0
    short: set[int] = set()
    for i in range(start, end):
        if "|" not in lines.norm[i]:
            continue
        text = lines.norm[i].strip()
        count = text.strip("|").count("|") + 1
        if "-" in text and _PIPE_RULE.fullmatch(text):
            width = count
        elif width and count < width:
            short.add(i + 1)
    if not short:
        return cells
    drop: set[int] = set()
    ended: set[int] = set()  # short lines whose last filled cell was met, walking back
    for k in range(len(cells) - 1, -1, -1):
        line = cells[k].line
        if line in short and line not in ended:
            if is_blank(cells[k].text):
                drop.add(k)
            else:
                ended.add(line)
    return [cell for k, cell in enumerate(cells) if k not in drop]


_PIPE_RULE = re.compile(r"\|?[\s:|-]+\|?")
