"""PDF with a text layer -> lines: ruled tables as cell grids, running headers and page
numbers dropped, a table that continues on the next page joined to its first part.

Table reading needs every character with its box and the ruling lines. PDFium
(`_pdf_fast`) reads them in compiled code; pdfminer through pdfplumber (`_pdf_slow`) reads
a page PDFium cannot place, and a file PDFium cannot open (its refusal messages are the
ones reported). Either way pdfplumber's table finder and word grouping turn them into
cells, so both give the same lines.
"""

from __future__ import annotations

import contextlib
import io
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.table import Table, TableFinder
from pdfplumber.utils.exceptions import PdfminerException

from pipelines.parsing._formats import _pdf_fast, _pdf_slow
from pipelines.parsing._formats._pdf_cells import CharIndex, table_cells
from pipelines.parsing._formats._pdf_columns import Span, place_short_rows
from pipelines.parsing._formats._pdf_geometry import PageGeometry
from pipelines.parsing._formats._pdf_tables import find_tables
from pipelines.parsing._formats._pdf_words import extract_words
from pipelines.parsing._formats._text import clean, join_fragments
from pipelines.parsing._types import ReportRejected

# Share of the page height at the top and bottom where running headers and footers live.
_BAND = 0.08
_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页"
    r"|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?|\d+)[-—–\s]*$",
    re.IGNORECASE)
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# A gap wider than this many font sizes, with no space character in it, separates two
# cells of a table printed without ruling lines.
_CELL_GAP = 1.0


@dataclass(slots=True)
class _Item:
    top: float
    bottom: float
    text: str | None = None  # a line of text, or
    rows: list[list[str]] = field(default_factory=list)  # a table,
    columns: list[float] = field(default_factory=list)  # with the left edge of each column
    spans: list[Span] = field(default_factory=list)  # a line's cells, where they stand
    left: float = 0.0
    right: float = 0.0
    last_on_page: bool = False


@dataclass(frozen=True, slots=True)
class PdfText:
    text: str
    pages: int
    slow_pages: int  # pages PDFium could not place, read by pdfminer instead


def read_pdf(data: bytes, *, fast: bool = True, pdfplumber_steps: bool = False) -> PdfText:
    """The PDF's lines, and how many of its pages needed the slow reader (all of them
    with fast=False, which the tests compare against). pdfplumber_steps=True (with
    fast=False) also finds tables, cells and words with pdfplumber's own code: the reading
    as it was before PDFium, kept to measure against and to compare with."""
    geometries: list[PageGeometry] | None = None
    # A file PDFium cannot open goes to pdfminer, which reads it or says why it cannot.
    if fast:
        with contextlib.suppress(pdfium.PdfiumError):
            geometries, slow = _read_fast(data)
    if geometries is None:
        geometries = _read_slow(data)
        slow = len(geometries)
    return PdfText(_render(geometries, own_steps=not pdfplumber_steps), len(geometries), slow)


def _render(geometries: list[PageGeometry], own_steps: bool = True) -> str:
    """The lines of the pages, from their characters and ruling lines on."""
    pages = [_read_page(geometry, own_steps) for geometry in geometries]
    if not pages:
        raise ReportRejected("corrupt PDF: no pages")
    if not any(items for items, _ in pages):
        raise ReportRejected("scanned PDF: no text layer")
    items = _join_continued_tables(_without_running_lines(pages))
    placed = place_short_rows([item.spans if item.text is not None else None
                               for item in items])
    lines: list[str] = []
    for item, cells in zip(items, placed, strict=True):
        if cells is not None:
            lines.append("\t".join(cells))
        else:
            # table_lines of a grid whose cells are clean already (each one line, as
            # _read_page made it), so not cleaned again.
            lines.extend("\t".join(row) for row in item.rows if any(row))
    return "\n".join(lines) + "\n"


def _read_fast(data: bytes) -> tuple[list[PageGeometry], int]:
    document = _pdf_fast.open_document(data)
    try:
        geometries = [_pdf_fast.read_page(document, i) for i in range(len(document))]
    finally:
        document.close()
    missing = [i for i, geometry in enumerate(geometries) if geometry is None]
    if missing:
        slow = _read_slow(data, missing)
        for i, geometry in zip(missing, slow, strict=True):
            geometries[i] = geometry
    return geometries, len(missing)


def _read_slow(data: bytes, indexes: list[int] | None = None) -> list[PageGeometry]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PDFPasswordIncorrect) as exc:
        raise _rejection(exc) from None
    except Exception as exc:  # pdfminer raises many kinds on malformed files
        raise ReportRejected(f"corrupt PDF ({type(exc).__name__}: {exc})") from None
    with pdf:
        try:
            pages = pdf.pages if indexes is None else [pdf.pages[i] for i in indexes]
            return [_pdf_slow.read_page(page) for page in pages]
        except (PdfminerException, PDFPasswordIncorrect) as exc:
            raise _rejection(exc) from None
        except Exception as exc:
            raise ReportRejected(f"corrupt PDF ({type(exc).__name__}: {exc})") from None


def _rejection(exc: Exception) -> ReportRejected:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
        return ReportRejected("password-protected PDF: cannot be read without its password")
    return ReportRejected(f"corrupt PDF ({type(cause).__name__}: {cause})")


_UPRIGHT = itemgetter("upright")


def _read_page(page: PageGeometry, own_steps: bool = True) -> tuple[list[_Item], float]:
    """Text lines and tables of one page, top to bottom, and the page height."""
    if not page.chars:
        return [], page.height
    items: list[_Item] = []
    boxes = []
    upright = own_steps and all(map(_UPRIGHT, page.chars))
    tables = _tables(page, upright)
    index = CharIndex(page.chars) if tables and own_steps else None
    for table in tables:
        if own_steps:
            rows = table_cells(table, index)
        else:
            # A cell on one line (most of them) is that line cleaned, as join_fragments
            # gives.
            rows = [[clean(cell) if cell and "\n" not in cell
                     else join_fragments((cell or "").split("\n")) for cell in row]
                    for row in table.extract()]
        # Rounded once for each left edge, not once for each cell.
        columns = sorted({round(x, 1) for x in {cell[0] for cell in table.cells}})
        if any(any(row) for row in rows) and len(columns) == len(rows[0]):
            bbox = table.bbox
            items.append(_Item(bbox[1], bbox[3], rows=rows, columns=columns,
                               left=bbox[0], right=bbox[2]))
            boxes.append(bbox)
    words = _words(page, upright, boxes)
    if boxes:
        words = [w for w in words if not any(_inside(w, box) for box in boxes)]
    items += _text_lines(words, _Spaces(page.chars))
    items.sort(key=lambda item: item.top)
    return items, page.height


# pdfplumber's tables and words; for upright text (nearly every report) from the same
# steps written for speed, otherwise from pdfplumber itself.

def _tables(page: PageGeometry, upright: bool) -> list[Table]:
    if upright:
        return [Table(page, cells) for cells in find_tables(page.edge_rows)]
    return TableFinder(page, _TABLE_SETTINGS).tables


def _words(page: PageGeometry, upright: bool, tables: list[tuple]) -> list[dict]:
    """The words of the page; those of a line that lies in a table can be left out."""
    if upright:
        return extract_words(page.chars, skip=tables)
    return page.extract_words(extra_attrs=["size"])


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _text_lines(words: list[dict], spaces: _Spaces) -> list[_Item]:
    """Words on the same baseline as one line; a wide gap (an unruled table) as a tab.

    A gap that holds a space character is a stretched space of justified text, not a
    gap between cells.
    """
    items: list[_Item] = []
    line: list[dict] = []
    line_top = 0.0
    for word in sorted(words, key=_TOP_LEFT):
        if line and abs(word["top"] - line_top) <= 0.4 * word["size"]:
            line.append(word)
        else:
            if line:
                items.append(_line_item(line, spaces))
            line = [word]
            line_top = word["top"]
    if line:
        items.append(_line_item(line, spaces))
    return items


def _line_item(line: list[dict], spaces: _Spaces) -> _Item:
    line.sort(key=_LEFT)
    top = min(map(_TOP, line))
    # The spaces a gap of this line may hold (none on most lines of an unruled table,
    # and no gap on a line of one word).
    near = (spaces.near(top, max(map(_TOP, line)), max(map(_SIZE, line)))
            if len(line) > 1 and spaces.spaces else [])
    spans = []
    before = line[0]
    cell = [before]
    for word in line[1:]:
        if (word["x0"] - before["x1"] > _CELL_GAP * word["size"]
                and not (near and _space_between(before, word, near))):
            spans.append(_span(cell))
            cell = [word]
        else:
            cell.append(word)
        before = word
    spans.append(_span(cell))
    return _Item(top, max(map(_BOTTOM, line)),
                 text="\t".join([span.text for span in spans]), spans=spans)


def _span(cell: list[dict]) -> Span:
    # A cell of one word (most of them) is that word cleaned, as join_fragments gives.
    first = cell[0]
    if len(cell) == 1:
        return Span(clean(first["text"]), first["x0"], first["x1"])
    return Span(join_fragments([w["text"] for w in cell]), first["x0"], cell[-1]["x1"])


def _space_between(left: dict, right: dict, spaces: list[dict]) -> bool:
    """A space on `right`'s line that lies within the gap (a point of play each side)."""
    top, reach = right["top"], 0.4 * right["size"]
    x0, x1 = left["x1"] - 1, right["x0"] + 1
    return any(abs(c["top"] - top) <= reach and x0 <= c["x0"] and c["x1"] <= x1
               for c in spaces)


_TOP_LEFT = itemgetter("top", "x0")
_LEFT = itemgetter("x0")
_TOP = itemgetter("top")
_BOTTOM = itemgetter("bottom")
_SIZE = itemgetter("size")


class _Spaces:
    """A page's space characters sorted by top, so that the spaces near a line are found
    by bisection rather than by testing every space of the page."""

    def __init__(self, chars: list[dict]) -> None:
        self.spaces = sorted([c for c in chars if c["text"] == " "], key=_TOP)
        self.tops = [c["top"] for c in self.spaces]

    def near(self, top: float, bottom_top: float, size: float) -> list[dict]:
        """The spaces whose top is within 0.4 `size` of a top from `top` to `bottom_top`,
        and a little more: the test of each gap decides."""
        reach = 0.4 * size
        play = reach * 1e-9 + 1e-9
        return self.spaces[bisect_left(self.tops, top - reach - play):
                           bisect_right(self.tops, bottom_top + reach + play)]


def _without_running_lines(pages: list[tuple[list[_Item], float]]) -> list[list[_Item]]:
    """Drop page numbers and the lines repeated in the top or bottom band of the pages."""

    def in_band(item: _Item, height: float) -> bool:
        return item.text is not None and (item.top < _BAND * height
                                          or item.bottom > (1 - _BAND) * height)

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))

    seen = Counter(key(item.text) for items, height in pages for item in items
                   if in_band(item, height))
    repeated = {k for k, n in seen.items() if n >= 2}
    return [[item for item in items
             if not (in_band(item, height)
                     and (key(item.text) in repeated or _PAGE_NUMBER.match(item.text)))]
            for items, height in pages]


def _join_continued_tables(pages: list[list[_Item]]) -> list[_Item]:
    """A table that ends one page and one that starts the next with the same left and
    right edges are one table; a header row the continuation repeats is read once."""
    out: list[_Item] = []
    for items in pages:
        for index, item in enumerate(items):
            previous = out[-1] if out else None
            if (index == 0 and item.text is None and previous is not None
                    and previous.text is None and previous.last_on_page
                    and abs(previous.left - item.left) <= _EDGE
                    and abs(previous.right - item.right) <= _EDGE):
                _append_rows(previous, item)
            else:
                out.append(item)
            out[-1].last_on_page = index == len(items) - 1
    return out


# Points two ruling lines may differ by and still be the same column edge.
_EDGE = 2.0


def _append_rows(table: _Item, continuation: _Item) -> None:
    """Rows of `continuation` under those of `table`, on the union of their column edges:
    a page part that lacks an edge (no cell starts there) gets an empty cell."""
    union: list[float] = []
    for x in sorted(table.columns + continuation.columns):
        if not union or x - union[-1] > _EDGE:
            union.append(x)

    def regrid(item: _Item) -> list[list[str]]:
        slots = [min(range(len(union)), key=lambda i, x=x: abs(union[i] - x))
                 for x in item.columns]
        rows = []
        for row in item.rows:
            cells = [""] * len(union)
            for slot, text in zip(slots, row, strict=True):
                cells[slot] = text
            rows.append(cells)
        return rows

    rows = regrid(continuation)
    table.rows = regrid(table)
    if rows and rows[0] == table.rows[0]:
        rows = rows[1:]
    table.rows += rows
    table.columns = union
