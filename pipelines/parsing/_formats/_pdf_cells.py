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

from pdfplumber.table import Table
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, LIGATURES, extract_text

from pipelines.parsing._formats._pdf_words import extract_text as extract_upright_text


class CharIndex:
    """A page's characters sorted by their vertical middle, built once per page."""

    def __init__(self, chars: list[dict]) -> None:
        self.chars = chars
        self.middles = sorted(((c["top"] + c["bottom"]) / 2, i) for i, c in enumerate(chars))
        self.keys = [m for m, _ in self.middles]


def table_rows(table: Table, index: CharIndex) -> list[list[str | None]]:
    chars, middles, keys = index.chars, index.middles, index.keys
    out: list[list[str | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        lo, hi = bisect_left(keys, top), bisect_left(keys, bottom)
        in_row = sorted(i for _, i in middles[lo:hi]
                        if x0 <= (chars[i]["x0"] + chars[i]["x1"]) / 2 < x1)
        row_chars = [chars[i] for i in in_row]
        out.append(_row_cells(row.cells, row_chars))
    return out


def _row_cells(cells: list, row_chars: list[dict]) -> list[str | None]:
    """Each cell's text; a character belongs to the cell its middle falls in. The cells of
    a row stand side by side, so the cell a character may fall in is found by bisection
    on their left edges, each character looked at once (in page order, as Table.extract
    keeps it)."""
    placed = [(cell[0], k) for k, cell in enumerate(cells) if cell is not None]
    lefts = [left for left, _ in placed]
    if any(cells[k][2] > right for (_, k), right in zip(placed, lefts[1:], strict=False)):
        return [None if cell is None else _text(_in_cell(cell, row_chars))
                for cell in cells]  # overlapping cells: each one tested on its own
    mine: list[list[dict]] = [[] for _ in cells]
    for c in row_chars:
        middle = (c["x0"] + c["x1"]) / 2
        slot = bisect_right(lefts, middle) - 1
        if slot < 0:
            continue
        k = placed[slot][1]
        _, ctop, cx1, cbottom = cells[k]
        if middle < cx1 and ctop <= (c["top"] + c["bottom"]) / 2 < cbottom:
            mine[k].append(c)
    return [None if cell is None else _text(chars) for cell, chars in zip(cells, mine, strict=True)]


def _in_cell(cell: tuple, row_chars: list[dict]) -> list[dict]:
    cx0, ctop, cx1, cbottom = cell
    return [c for c in row_chars
            if cx0 <= (c["x0"] + c["x1"]) / 2 < cx1
            and ctop <= (c["top"] + c["bottom"]) / 2 < cbottom]


def _text(chars: list[dict]) -> str:
    if not chars:
        return ""
    line = sorted(chars, key=lambda c: (c["x0"], c["x1"]))
    top = line[0]["top"]
    simple = all(c["top"] == top and not c["text"].isspace() and c["text"] not in LIGATURES
                 for c in line)
    if simple:
        for before, after in zip(line, line[1:], strict=False):
            # pdfplumber starts a new word where a character steps back or leaves a gap.
            if after["x0"] < before["x0"] or after["x0"] > before["x1"] + DEFAULT_X_TOLERANCE:
                simple = False
                break
    if simple:
        return "".join(c["text"] for c in line)
    if all(c["upright"] for c in chars):
        return extract_upright_text(chars)
    return extract_text(chars)
