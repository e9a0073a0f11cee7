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
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

# A cell that holds a number (a count, a signed change, an amount): such a line is a data
# row, never part of a header.
_NUMBER = re.compile(r"(?:增加|减少|[增减+\-－])?\s*\d+(?:,\d{3})*(?:\.\d+)?\s*(?:万元|元)?")


class Span(NamedTuple):
    """One cell of a line of text: its text and horizontal extent (a tuple: a page makes
    one for every cell of every line, and a frozen dataclass costs three times more)."""

    text: str
    x0: float
    x1: float


def place_short_rows(lines: Sequence[Sequence[Span] | None]) -> list[list[str] | None]:
    """Each line's cell texts, a short data row's with an empty cell in every header
    column it printed nothing under. None in `lines` (a ruled table, which has its own
    grid) ends the header above it; it is None in the result."""
    out: list[list[str] | None] = []
    header: list[tuple[float, float]] = []
    columns: list[tuple[float, float]] | None = None
    # The header's columns are worked out at the first data row under it, not again
    # for every line a wrapped header adds.
    stale = False
    header_open = False  # the line above was a header line: the next one may continue it
    values_from: float | None = None  # where the last data row's first value stands
    for line in lines:
        if line is None:
            columns, header, header_open, values_from = None, [], False, None
            stale = False
            out.append(None)
            continue
        texts = [span.text for span in line]
        if not any(map(_NUMBER.fullmatch, texts)):
            extents = [(span.x0, span.x1) for span in line]
            if values_from is not None and all(x1 <= values_from for _, x1 in extents):
                # The rest of a group label and a row label wrapped side by side (（四）无法 |
                # 1.本机关不掌握 over 提供 | 信息): two cells, but left of every number, so
                # no header of columns; taken for one, it hid the table's own.
                header_open = False
                out.append(texts)
                continue
            if len(line) >= 2 or (header_open and line):
                # A header cell too narrow for its words wraps them over lines, one line
                # holding a single piece of it: still the same header.
                header = header + extents if header_open else extents
                stale, header_open, values_from = True, True, None
            else:
                header_open = False  # a heading or a wrapped label: the header stays
            out.append(texts)
            continue
        header_open = False
        # A line with a number has a value (a number is one): the first one.
        first = next(i for i, span in enumerate(line) if _is_value(span.text))
        values_from = line[first].x0
        if stale:
            columns, stale = _columns(header), False
        placed = _placed(line, first, columns) if columns else None
        out.append(placed if placed is not None else texts)
    return out


def _columns(extents: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The header's columns: its cells' extents without the group headings (a cell over
    two or more cells side by side, such as 法人或其他组织 over its five kinds), those
    that overlap (a header wrapped over lines) as one."""
    leaves = []
    # Only a narrower cell can be under another: by width, those are a prefix (and never
    # the cell itself). The order of `under` does not matter below.
    by_width = sorted(extents, key=_width)
    widths = [o[1] - o[0] for o in by_width]
    for cell in extents:
        # Two extents overlap by the least of their right edges minus the greatest of
        # their left ones, computed inline (this runs for every pair of a header's cells,
        # on every line that extends the header).
        x0, x1 = cell
        under = [o for o in by_width[:bisect_left(widths, x1 - x0)]
                 if (o[1] if o[1] < x1 else x1) - (o[0] if o[0] > x0 else x0) > 0]
        if len(under) < 2 or not any(
                (a[1] if a[1] < b[1] else b[1]) - (a[0] if a[0] > b[0] else b[0]) <= 0
                for i, a in enumerate(under) for b in under[i + 1:]):
            leaves.append(cell)
    return _merge(leaves)


def _width(extent: tuple[float, float]) -> float:
    return extent[1] - extent[0]


def _merge(extents: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Extents that overlap as one."""
    columns: list[tuple[float, float]] = []
    for x0, x1 in sorted(extents):
        if columns and x0 < columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _placed(line: Sequence[Span], first: int,
            columns: list[tuple[float, float]]) -> list[str] | None:
    """The row on the header's columns, or None when it fills them all, or a cell stands
    under no column or under two, or two cells stand under one: then where its blanks were
    is not known. The label cells it opens with (one or several: a group label beside its
    row's) keep their place; the cells after them fill the columns right of the labels
    (`first` is the first of those)."""
    labels, values = line[:first], line[first:]
    # Overlaps computed inline, as in _columns: this runs for every column of every
    # data row.
    taken = [(s.x0, s.x1) for s in labels]
    free = []
    for c0, c1 in columns:
        for x0, x1 in taken:
            if (c1 if c1 < x1 else x1) - (c0 if c0 > x0 else x0) > 0:
                break
        else:
            free.append((c0, c1))
    if len(values) >= len(free):
        return None
    cells = [""] * len(free)
    last = -1
    for span in values:
        x0, x1 = span.x0, span.x1
        under = [i for i, (c0, c1) in enumerate(free)
                 if (c1 if c1 < x1 else x1) - (c0 if c0 > x0 else x0) > 0]
        if len(under) != 1 or under[0] <= last:
            return None
        last = under[0]
        cells[last] = span.text
    return [span.text for span in labels] + cells


# Not-applicable marks stand in number columns, as numbers do.
_MARKS = frozenset({"/", "-", "—", "－", "——", "无"})


def _is_value(text: str) -> bool:
    return text in _MARKS or _NUMBER.fullmatch(text) is not None
