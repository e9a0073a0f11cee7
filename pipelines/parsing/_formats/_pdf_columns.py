"""Rows of a table printed without ruling lines, placed under their header's columns.

Without lines, cells are told apart by the gaps between words, and a blank cell leaves no
gap of its own: the row simply prints fewer cells, and its numbers would be read into
the columns left of where they stand. The header cells above the row give each column's
horizontal extent; a short row whose every cell stands under exactly one header column,
left to right, gets an explicit empty cell in each column it left blank. A row that
cannot be placed so is left as it was printed (the parser decides what it can trust).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A cell that holds a number (a count, a signed change, an amount): such a line is a data
# row, never part of a header.
_NUMBER = re.compile(r"(?:增加|减少|[增减+\-－])?\s*\d+(?:,\d{3})*(?:\.\d+)?\s*(?:万元|元)?")


@dataclass(frozen=True, slots=True)
class Span:
    """One cell of a line of text: its text and horizontal extent."""

    text: str
    x0: float
    x1: float


def place_short_rows(lines: Sequence[Sequence[Span] | None]) -> list[list[str] | None]:
    """Each line's cell texts, a short data row's with an empty cell in every header
    column it printed nothing under. None in `lines` (a ruled table, which has its own
    grid) ends the header above it; it is None in the result."""
    out: list[list[str] | None] = []
    columns: list[tuple[float, float]] | None = None
    header_open = False  # the line above was a header line: the next one may continue it
    for line in lines:
        if line is None:
            columns, header_open = None, False
            out.append(None)
            continue
        texts = [span.text for span in line]
        numbers = sum(1 for t in texts if _NUMBER.fullmatch(t))
        if numbers == 0:
            if len(line) >= 2:
                extents = [(span.x0, span.x1) for span in line]
                columns = _merge((columns or []) + extents if header_open else extents)
                header_open = True
            else:
                header_open = False  # a heading or a wrapped label: the header stays
            out.append(texts)
            continue
        header_open = False
        placed = _placed(line, columns) if columns and len(line) < len(columns) else None
        out.append(placed if placed is not None else texts)
    return out


def _merge(extents: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The header's columns: the cells' extents, those that overlap (a header wrapped over
    lines, a cell spanning others) as one."""
    columns: list[tuple[float, float]] = []
    for x0, x1 in sorted(extents):
        if columns and x0 < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _placed(line: Sequence[Span], columns: list[tuple[float, float]]) -> list[str] | None:
    """The row on the header's columns, or None when a cell stands under no column or
    under two, or two cells stand under one: then where its blanks were is not known."""
    cells = [""] * len(columns)
    last = -1
    for span in line:
        under = [i for i, (x0, x1) in enumerate(columns)
                 if min(span.x1, x1) - max(span.x0, x0) > 0]
        if len(under) != 1 or under[0] <= last:
            return None
        last = under[0]
        cells[last] = span.text
    return cells
