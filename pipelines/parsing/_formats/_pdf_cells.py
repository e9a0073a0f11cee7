"""The text of each cell of a table pdfplumber found: what `Table.extract()` returns,
without testing every character of the page against every cell.

`Table.extract()` tests each character against each row and cell (quadratic in a page
of tables) and groups each cell's characters into words and lines with a full word
extractor. Here the characters are looked up by their vertical middle in sorted order,
each character is given to the one cell of its row its middle falls in, and a cell whose
characters sit on one line, left to right with no gap or space, is joined directly: the
extractor's own answer for such a cell. A cell of upright text over several lines goes
through the same steps as pdfplumber's extractor written for upright text (`_pdf_words`),
anything else through pdfplumber's own, so the result is the same text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from math import inf
from operator import itemgetter

from pdfplumber.table import Table
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, LIGATURES, extract_text

from pipelines.parsing._formats._pdf_words import extract_text as extract_upright_text


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
    across, order, keys = index.across, index.order, index.keys
    out: list[list[str | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        lo, hi = bisect_left(keys, top), bisect_left(keys, bottom)
        in_row = [i for i in order[lo:hi] if x0 <= across[i] < x1]
        in_row.sort()
        out.append(_row_cells(row.cells, in_row, index))
    return out


def _row_cells(cells: list, in_row: list[int], index: CharIndex) -> list[str | None]:
    """Each cell's text; a character belongs to the cell its middle falls in. The cells of
    a row stand side by side, so the cell a character may fall in is found by bisection
    on their left edges, each character looked at once (in page order, as Table.extract
    keeps it)."""
    chars, across, down = index.chars, index.across, index.down
    placed = [(cell[0], k) for k, cell in enumerate(cells) if cell is not None]
    lefts = [left for left, _ in placed]
    if any(cells[k][2] > right for (_, k), right in zip(placed, lefts[1:], strict=False)):
        row_chars = [chars[i] for i in in_row]
        return [None if cell is None else _text(_in_cell(cell, row_chars))
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
    return [None if cell is None else _text(chars) for cell, chars in zip(cells, mine, strict=True)]


def _in_cell(cell: tuple, row_chars: list[dict]) -> list[dict]:
    cx0, ctop, cx1, cbottom = cell
    return [c for c in row_chars
            if cx0 <= (c["x0"] + c["x1"]) / 2 < cx1
            and ctop <= (c["top"] + c["bottom"]) / 2 < cbottom]


def _text(chars: list[dict]) -> str:
    if not chars:
        return ""
    if len(chars) == 1:  # most cells of a table: a digit, a blank mark
        text = chars[0]["text"]
        if not (text.isspace() or text in LIGATURES):
            return text  # the loop below would return it, after a sort of one
    line = sorted(chars, key=_LEFT_RIGHT)
    top = line[0]["top"]
    reach = inf  # where the character before ends, give or take pdfplumber's tolerance
    for c in line:
        # pdfplumber starts a new word where a character leaves a gap (one that steps
        # back is ruled out by the sort), at a blank, and a new line where the top moves.
        text = c["text"]
        if c["top"] != top or c["x0"] > reach or text.isspace() or text in LIGATURES:
            break
        reach = c["x1"] + DEFAULT_X_TOLERANCE
    else:
        return "".join([c["text"] for c in line])
    if all(c["upright"] for c in chars):
        return extract_upright_text(chars)
    return extract_text(chars)


_LEFT_RIGHT = itemgetter("x0", "x1")
