"""The text of each cell of a table pdfplumber found: what `Table.extract()` returns,
without testing every character of the page against every cell.

`Table.extract()` tests each character against each row and cell (quadratic in a page
of tables) and groups each cell's characters into words and lines with a full word
extractor. Here the characters are looked up by their vertical middle in sorted order,
each character is given to the one cell its middle falls in (the table cut into slots by
its cells' edges, where no two cells overlap; row by row otherwise), and a cell whose
characters sit on lines apart, each left to right with no gap or space, is joined
directly: the extractor's own answer for such a cell. Any other cell of upright text
goes through the same steps as pdfplumber's extractor written for upright text
(`_pdf_words`), anything else through pdfplumber's own, so the result is the same text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter

from pdfplumber.table import Table
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES
from pdfplumber.utils.text import extract_text as extract_any_text

from pipelines.parsing._formats._pdf_words import extract_text as extract_upright_text
from pipelines.parsing._formats._text import clean, join_fragments

Bbox = tuple[float, float, float, float]


class CharIndex:
    """A page's characters sorted by their vertical middle, built once per page, with each
    character's middles computed once (as Table.extract computes them)."""

    def __init__(self, chars: list[dict]) -> None:
        self.chars = chars
        self.across = [(c["x0"] + c["x1"]) / 2 for c in chars]
        self.down = down = [(c["top"] + c["bottom"]) / 2 for c in chars]
        # Stable: characters with the same middle stay in page order.
        self.order = sorted(range(len(chars)), key=down.__getitem__)
        self.keys = [down[i] for i in self.order]


def table_rows(table: Table, index: CharIndex) -> list[list[str | None]]:
    """Each cell's text as `table.extract()` gives it (None where no cell starts)."""
    return _rows_of(table.cells, index, _text)


def table_cells(table: Table, index: CharIndex) -> list[list[str]]:
    """Each cell's text as one clean line, as `join_fragments` makes of the lines of
    `table_rows` ("" where no cell starts)."""
    return _rows_of(table.cells, index, _line)


def _rows_of(cells: list[Bbox], index: CharIndex,
             text: Callable[[list[dict]], str]) -> list[list]:
    if not cells:
        return []
    # pdfplumber's Table.rows: cells grouped by top, each row on the x0s of all cells,
    # with None where no cell of the row starts.
    xs = sorted({cell[0] for cell in cells})
    rows = []
    for _, same_top in groupby(sorted(cells, key=_TOP_LEFT), _TOP):
        by_x = {cell[0]: cell for cell in same_top}
        rows.append([by_x.get(x) for x in xs])
    own = _chars_by_cell(cells, index)
    if own is None:  # cells that overlap, or one inside out: row by row, as pdfplumber
        return [_row_chars(row, index, text) for row in rows]
    empty = None if text is _text else ""
    number = {cell: k for k, cell in enumerate(cells)}
    return [[empty if cell is None else text(own[number[cell]]) for cell in row]
            for row in rows]


def _chars_by_cell(cells: list[Bbox], index: CharIndex) -> list[list[dict]] | None:
    """Each cell's characters in page order, a character in the cell its middle falls
    in; None when two cells overlap (a character may then be in both) or one is turned
    inside out.

    The table is cut into slots by every edge of its cells; a cell covers whole slots,
    so the slot a character's middle falls in (found by bisection) names its one cell."""
    xs = sorted({*map(_X0, cells), *map(_X1, cells)})
    ys = sorted({*map(_TOP, cells), *map(_BOTTOM, cells)})
    column_at = dict(zip(xs, range(len(xs)), strict=True))
    row_at = dict(zip(ys, range(len(ys)), strict=True))
    own: list[list[dict]] = [[] for _ in cells]
    slots: list[list[list[dict] | None]] = [[None] * len(xs) for _ in ys]
    # Two cells overlap where one fills a slot the other filled: then fewer slots are
    # filled than the cells cover.
    covered = 0
    for (x0, top, x1, bottom), chars_in in zip(cells, own, strict=True):
        first, last = column_at[x0], column_at[x1]
        start, end = row_at[top], row_at[bottom]
        if end - start == 1 and last - first == 1:  # most cells: one slot
            slots[start][first] = chars_in
            covered += 1
        elif last < first or end < start:
            return None  # a cell turned inside out: row by row, as pdfplumber reads it
        else:
            span = [chars_in] * (last - first)
            for line in slots[start:end]:
                line[first:last] = span
            covered += (last - first) * (end - start)
    if covered != sum(len(line) - line.count(None) for line in slots):
        return None
    chars, across, down, keys = index.chars, index.across, index.down, index.keys
    left, right = xs[0], xs[-1]
    inside = [i for i in index.order[bisect_left(keys, ys[0]):bisect_left(keys, ys[-1])]
              if left <= across[i] < right]
    inside.sort()  # page order
    for i in inside:
        # Within the table's box: a slot (the last edge to the left and above).
        chars_in = slots[bisect_right(ys, down[i]) - 1][bisect_right(xs, across[i]) - 1]
        if chars_in is not None:
            chars_in.append(chars[i])
    return own


def _row_chars(row: list[Bbox | None], index: CharIndex,
               text: Callable[[list[dict]], str]) -> list:
    across, order, keys = index.across, index.order, index.keys
    placed = [cell for cell in row if cell is not None]
    x0 = min(map(_X0, placed))
    x1 = max(map(_X1, placed))
    top = placed[0][1]
    bottom = max(map(_BOTTOM, placed))
    in_row = [i for i in order[bisect_left(keys, top):bisect_left(keys, bottom)]
              if x0 <= across[i] < x1]
    in_row.sort()
    return _row_cells(row, in_row, index, text)


_TOP_LEFT = itemgetter(1, 0)
_X0, _TOP, _X1, _BOTTOM = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(3)


def _row_cells(cells: list, in_row: list[int], index: CharIndex,
               text: Callable[[list[dict]], str]) -> list:
    """Each cell's text; a character belongs to the cell its middle falls in. The cells of
    a row stand side by side, so the cell a character may fall in is found by bisection
    on their left edges, each character looked at once (in page order, as Table.extract
    keeps it)."""
    chars, across, down = index.chars, index.across, index.down
    empty = None if text is _text else ""
    placed = [(cell[0], k) for k, cell in enumerate(cells) if cell is not None]
    lefts = [left for left, _ in placed]
    if any(cells[k][2] > right for (_, k), right in zip(placed, lefts[1:], strict=False)):
        row_chars = [chars[i] for i in in_row]
        return [empty if cell is None else text(_in_cell(cell, row_chars))
                for cell in cells]  # overlapping cells: each one tested on its own
    mine: list[list[dict]] = [[] for _ in cells]
    # Per cell in left-edge order: where its characters go, its top, right and bottom.
    slots = [(mine[k], cells[k][1], cells[k][2], cells[k][3]) for _, k in placed]
    for i in in_row:
        middle = across[i]
        slot = bisect_right(lefts, middle) - 1
        if slot < 0:
            continue
        own, ctop, cx1, cbottom = slots[slot]
        if middle < cx1 and ctop <= down[i] < cbottom:
            own.append(chars[i])
    return [empty if cell is None else text(chars)
            for cell, chars in zip(cells, mine, strict=True)]


def _in_cell(cell: tuple, row_chars: list[dict]) -> list[dict]:
    cx0, ctop, cx1, cbottom = cell
    return [c for c in row_chars
            if cx0 <= (c["x0"] + c["x1"]) / 2 < cx1
            and ctop <= (c["top"] + c["bottom"]) / 2 < cbottom]


def _text(chars: list[dict]) -> str:
    """pdfplumber's extract_text of a cell's characters."""
    if not chars:
        return ""
    if len(chars) == 1:  # most cells of a table: a digit, a blank mark
        text = chars[0]["text"]
        if not (text.isspace() or text in LIGATURES):
            return text  # what the extractor returns, after a sort of one
    lines = _plain_lines(chars)
    if lines is not None:
        return "\n".join(lines)
    if all(c["upright"] for c in chars):
        return extract_upright_text(chars)
    return extract_any_text(chars)


def _line(chars: list[dict]) -> str:
    """join_fragments of the lines of `_text`: the cell as one clean line."""
    if not chars:
        return ""
    if len(chars) == 1:
        text = chars[0]["text"]
        if len(text) == 1 and not (text.isspace() or text in LIGATURES):
            return text  # one code point that is not blank: clean already
    lines = _plain_lines(chars)
    if lines is not None and "\n".join(lines).split() == lines:
        # Each line clean already (no blank inside, none empty): only the joins are left.
        return lines[0] if len(lines) == 1 else join_fragments(lines)
    text = _text(chars)
    return clean(text) if "\n" not in text else join_fragments(text.split("\n"))


def _plain_lines(chars: list[dict]) -> list[str] | None:
    """The lines of a cell whose characters stand on lines apart, one top a line (more
    than the extractor's tolerance from the next), each line left to right without a
    gap or a blank: pdfplumber's words are then the lines themselves and its lines of
    words the same lines. None for any other cell.

    The characters are read in page order, which is nearly always the order the
    extractor sorts them in (top, then left); where it is not, they are sorted first."""
    lines = _lines_in_order(chars)
    if lines == []:
        lines = _lines_in_order(sorted(chars, key=_TOP_LEFT_RIGHT), ordered=True)
    return lines


def _lines_in_order(chars: list[dict], ordered: bool = False) -> list[str] | None:
    """_plain_lines of characters in the extractor's order; or, unless `ordered`, []
    where they may not be in that order (a top that goes back up, a left edge that does
    not move right). None where they are not plain (or, in page order, a gap that
    characters further on might fill: the extractor decides)."""
    first = chars[0]
    text = first["text"]
    if text.isspace() or text in LIGATURES:
        return None
    top, left, reach = first["top"], first["x0"], first["x1"] + DEFAULT_X_TOLERANCE
    line = [text]
    lines = []
    for c in chars[1:]:
        text = c["text"]
        if text.isspace() or text in LIGATURES:
            return None
        x0 = c["x0"]
        if c["top"] != top:
            if c["top"] <= top + DEFAULT_Y_TOLERANCE:
                # Words and lines of words cluster tops within the tolerance: lines this
                # close are not plain; a top above the line's is out of order.
                return None if ordered or c["top"] > top else []
            lines.append("".join(line))
            line = [text]
            top = c["top"]
        elif not ordered and x0 <= left:
            return []  # a step back, or two characters at one left edge: sort them
        elif x0 > reach:  # a gap: a new word
            return None
        else:
            line.append(text)
        left, reach = x0, c["x1"] + DEFAULT_X_TOLERANCE
    lines.append("".join(line))
    return lines


_TOP_LEFT_RIGHT = itemgetter("top", "x0", "x1")
