"""The text of each cell of a table pdfplumber found: what `Table.extract()` returns,
without testing every character of the page against every cell.

`Table.extract()` tests each character against each row and cell (quadratic in a page
of tables) and groups each cell's characters into words and lines with a full word
extractor. Here the characters are looked up by their vertical middle in sorted order,
and a cell whose characters sit on one line, left to right with no gap or space, is
joined directly: the extractor's own answer for such a cell. Anything else goes through
pdfplumber's extractor, so the result is the same text.
"""

from __future__ import annotations

from bisect import bisect_left

from pdfplumber.table import Table
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, LIGATURES, extract_text


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
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            cx0, ctop, cx1, cbottom = cell
            mine = [c for c in row_chars
                    if cx0 <= (c["x0"] + c["x1"]) / 2 < cx1
                    and ctop <= (c["top"] + c["bottom"]) / 2 < cbottom]
            cells.append(_text(mine))
        out.append(cells)
    return out


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
    return extract_text(chars)
