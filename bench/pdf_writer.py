"""The benchmark's PDFs, written directly: the page layout of the format tests' fpdf2
renderer (tests/format_fixtures.py: running header, page numbers, ruled or unruled tables
with merged cells that break across pages), at a few milliseconds per document.

Text is drawn with BT/Tf/Td/Tj in a Type0 font (Identity-H, a ToUnicode CMap) whose
embedded TrueType holds only the document's glyphs (bench/pdf_font.py); rules are `re S`
rectangles, as fpdf2 draws them. The positions follow fpdf2's: a line of text sits at
`top + h/2 + 0.3 * font size` inside its cell, one cell margin (1 mm) from the left.
Lines are broken by width at the last space of the line, else between characters.
The fonts differ from fpdf2's output (a subset file of our own, other object numbers),
so reading times of these PDFs compare only with PDFs made the same way.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from format_fixtures import Document, Table, table_layout

from bench.pdf_font import CjkFont, cjk_font

PRODUCER = "bench/pdf_writer.py"
_K = 72 / 25.4  # points per millimetre
_PAGE_W, _PAGE_H, _MARGIN = 210.0, 297.0, 20.0
_LINE, _CELL_LINE, _PAD = 6.0, 4.6, 1.0
_C_MARGIN = 1.0  # fpdf2's cell margin with millimetre units
_BODY, _TABLE, _SMALL = 10.5, 8.5, 8.0  # font sizes, points
_TOP = _MARGIN + 2  # where the body starts under the running header
_BOTTOM = _PAGE_H - _MARGIN


@dataclass(slots=True)
class _Page:
    texts: list[tuple[float, float, float, str]] = field(default_factory=list)
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)


class _Layout:
    """Pages of text lines and rectangles in millimetres from the top left."""

    def __init__(self, font: CjkFont) -> None:
        self.font = font
        self.pages: list[_Page] = []
        self.y = _TOP
        self._widths: dict[str, int] = {}

    def new_page(self) -> None:
        self.pages.append(_Page())
        self.y = _TOP

    def _units(self, char: str) -> int:
        units = self._widths.get(char)
        if units is None:
            units = self._widths[char] = self.font.width(char)
        return units

    def width(self, text: str, size: float) -> float:
        """The text's width in millimetres at `size` points."""
        return sum(map(self._units, text)) * size / 1000 / _K

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """fpdf2's multi_cell breaking: at the last space that fits, else before the
        character that does not fit."""
        limit = (width - 2 * _C_MARGIN) * 1000 * _K / size  # in 1/1000 em
        lines: list[str] = []
        start, used, space = 0, 0, -1
        i = 0
        while i < len(text):
            char = text[i]
            units = self._units(char)
            if char == " ":
                space = i
            if used + units > limit and i > start:
                if space > start:
                    lines.append(text[start:space])
                    start = i = space + 1
                else:
                    lines.append(text[start:i])
                    start = i
                used, space = 0, -1
                continue
            used += units
            i += 1
        lines.append(text[start:])
        return lines

    def text(self, x: float, top: float, h: float, size: float, line: str) -> None:
        if line:
            baseline = top + 0.5 * h + 0.3 * size / _K
            self.pages[-1].texts.append((x + _C_MARGIN, baseline, size, line))

    def paragraph(self, text: str) -> None:
        for line in self.wrap(text, _PAGE_W - 2 * _MARGIN, _BODY):
            if self.y + _LINE > _BOTTOM:
                self.new_page()
            self.text(_MARGIN, self.y, _LINE, _BODY, line)
            self.y += _LINE

    def table(self, table: Table, ruled: bool) -> bool:
        """The table from the current position, laid out as the fpdf2 renderer lays it
        out (format_fixtures.table_layout); whether it breaks across pages."""
        layout = table_layout(
            table, lambda text: self.width(text, _TABLE),
            lambda text, width: len(self.wrap(text, width, _TABLE)), len(self.pages), self.y)
        for cell in layout.cells:
            if len(self.pages) != cell.page:
                self.new_page()
            if ruled:
                self.pages[-1].rects.append((cell.x, cell.top, cell.width, cell.height))
            if cell.text:
                top = cell.top + _PAD
                for line in self.wrap(cell.text, cell.width - 2 * _PAD, _TABLE):
                    self.text(cell.x + _PAD, top, _CELL_LINE, _TABLE, line)
                    top += _CELL_LINE
        self.y = layout.bottom
        return layout.split

    def running_lines(self, site: str) -> None:
        """The site's name at the top of every page, its number at the bottom."""
        total = len(self.pages)
        for number, page in enumerate(self.pages, 1):
            page.texts.insert(0, (_MARGIN + _C_MARGIN, 8 + 2.5 + 0.3 * _SMALL / _K,
                                  _SMALL, site))
            folio = f"第 {number} 页 共 {total} 页"
            x = _MARGIN + (_PAGE_W - 2 * _MARGIN - self.width(folio, _SMALL)) / 2
            page.texts.append((x, _PAGE_H - 12 + 2.5 + 0.3 * _SMALL / _K, _SMALL, folio))

    def browser_lines(self, header: str, address: str, counter: bool) -> None:
        """A browser's print of a web page: the clock and the page's title at the top left
        of every page, its address at the bottom left and `n/total` at the bottom right
        (each left out where empty or not `counter`)."""
        total = len(self.pages)
        baseline = _PAGE_H - 8 + 2.5 + 0.3 * _SMALL / _K
        for number, page in enumerate(self.pages, 1):
            if header:
                page.texts.insert(0, (_MARGIN / 2, 6 + 2.5 + 0.3 * _SMALL / _K, _SMALL,
                                      header))
            if address:
                page.texts.append((_MARGIN / 2, baseline, _SMALL, address))
            if counter:
                folio = f"{number}/{total}"
                x = _PAGE_W - _MARGIN / 2 - self.width(folio, _SMALL)
                page.texts.append((x, baseline, _SMALL, folio))


def render_pdf(document: Document, *, site: str = "某某市人民政府门户网站 政府信息公开专栏",
               ruled: bool = True, browser: tuple[str, str, bool] | None = None,
               ) -> tuple[bytes, list[int]]:
    """The document as format_fixtures.render_pdf lays it out: the bytes, and the indexes
    of the tables that break across pages. The same document gives the same bytes."""
    layout = _Layout(cjk_font())
    layout.new_page()
    split: list[int] = []
    tables = 0
    for block in document.blocks:
        if isinstance(block, str):
            layout.paragraph(block)
            continue
        if layout.table(block, ruled):
            split.append(tables)
        tables += 1
        layout.y += 3
    if browser is None:
        layout.running_lines(site)
    else:  # (header, address, page counter): printed from a browser, not by the site
        layout.browser_lines(*browser)
    return _write(layout.pages, layout.font), split


def _write(pages: list[_Page], font: CjkFont) -> bytes:
    chars = {c for page in pages for *_, line in page.texts for c in line}
    subset = font.subset(chars)
    missing = sorted(chars - subset.ids.keys())
    if missing:
        raise ValueError(f"characters not in {font.name}: {''.join(missing)!r}")
    ids = subset.ids
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: bytes = b"") -> bytes:
        packed = zlib.compress(data)
        return (b"<</Filter /FlateDecode /Length %d%s>>\nstream\n" % (len(packed), extra)
                + packed + b"\nendstream")

    catalog = add(b"<</Type /Catalog /Pages 2 0 R>>")
    add(b"")  # the page tree, written once the pages' numbers are known
    info = add(b"<</Producer (%s)>>" % PRODUCER.encode("ascii"))
    count = len(subset.widths)
    widths = b" ".join(b"%d" % subset.widths[i] for i in range(1, count + 1))
    base = b"/SUBSET+" + font.name.encode("ascii")
    descriptor = add(
        b"<</Type /FontDescriptor /FontName %s /Flags 4 /FontBBox [%d %d %d %d] "
        b"/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 109 "
        b"/MissingWidth %d /FontFile2 %d 0 R>>"
        % (base, *font.bbox, font.ascent, font.descent, font.ascent, font.missing_width,
           len(objects) + 2))
    font_file = add(stream(subset.ttf, b" /Length1 %d" % len(subset.ttf)))
    assert font_file == descriptor + 1
    cid_font = add(
        b"<</Type /Font /Subtype /CIDFontType2 /BaseFont %s "
        b"/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> "
        b"/FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW %d /W [1 [%s]]>>"
        % (base, descriptor, font.missing_width, widths))
    to_unicode = add(stream(_to_unicode(ids)))
    type0 = add(b"<</Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H "
                b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>"
                % (base, cid_font, to_unicode))
    kids = []
    for page in pages:
        ops = [b"2 J\n0.57 w"]
        for x, baseline, size, line in page.texts:
            glyphs = "".join(f"{ids[c]:04X}" for c in line).encode("ascii")
            ops.append(b"BT /F1 %.2f Tf %.2f %.2f Td <%s> Tj ET"
                       % (size, x * _K, (_PAGE_H - baseline) * _K, glyphs))
        for x, top, w, h in page.rects:
            ops.append(b"%.2f %.2f %.2f %.2f re S"
                       % (x * _K, (_PAGE_H - top) * _K, w * _K, -h * _K))
        content = add(stream(b"\n".join(ops)))
        kids.append(add(
            b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
            b"/Resources <</Font <</F1 %d 0 R>>>> /Contents %d 0 R>>"
            % (_PAGE_W * _K, _PAGE_H * _K, type0, content)))
    objects[1] = b"<</Type /Pages /Count %d /Kids [%s]>>" % (
        len(kids), b" ".join(b"%d 0 R" % k for k in kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, xref))
    return bytes(out)


def _to_unicode(ids: dict[str, int]) -> bytes:
    pairs = sorted((cid, char) for char, cid in ids.items())
    blocks = []
    for start in range(0, len(pairs), 100):  # at most 100 entries a block
        chunk = pairs[start:start + 100]
        entries = "\n".join(f"<{cid:04X}> <{char.encode('utf-16-be').hex().upper()}>"
                            for cid, char in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{entries}\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + "\n".join(blocks)
            + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
            ).encode("ascii")
