"""A PDF page's characters and ruling lines read by PDFium (pypdfium2), in compiled code.

It returns the same character boxes and edges as pdfminer (through pdfplumber) would, for
the pages it can place with certainty: unrotated pages whose media box starts at the
origin, with upright text (horizontal, or vertical writing with the default metrics) and a
Unicode value for every character. For any other page it returns None and the caller
reads that page the slow way.

pdfminer's conventions kept here: a character's box runs from its origin across its
advance, and from the font's descent up by the font size; a path is split at every
move-to, a lone segment is a line, a closed axis-aligned four-corner path a rectangle,
anything else a curve whose points are the segments' end points (Bezier control points
left out).

The same rules are written twice: here, through ctypes (several calls per character and
per path segment), and in `pdfpage.c`, one call per page (`_pdf_compiled`), which
read_page uses when `make setup` has built it. Both give the same numbers to the last bit
(tests/test_pdf_compiled.py): a change to one is a change to the other.
"""

from __future__ import annotations

import ctypes
import functools
import re
import struct
from collections.abc import Iterator
from itertools import repeat
from struct import unpack_from

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pypdfium2_raw.bindings as pdfium_bindings

from pipelines.parsing._formats import _pdf_compiled
from pipelines.parsing._formats._pdf_geometry import Edge, PageGeometry

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def open_document(data: bytes) -> pdfium.PdfDocument:
    """Raises pdfium.PdfiumError for a file PDFium cannot open (the caller decides)."""
    return pdfium.PdfDocument(data)


def read_page(document: pdfium.PdfDocument, index: int) -> PageGeometry | None:
    """The page's characters and edges, or None when this reader cannot place them.
    Raises pdfium.PdfiumError for a page PDFium cannot load. Read in one call to the
    compiled library when it is built, else through ctypes: the same result, slower."""
    if _pdf_compiled.reader() is not None:
        return _pdf_compiled.read_page(document, index)
    return read_page_through_ctypes(document, index)


def reader_in_use() -> str:
    """Which reader read_page uses: "compiled" or "ctypes" (the library is missing)."""
    return "ctypes" if _pdf_compiled.reader() is None else "compiled"


def read_page_through_ctypes(document: pdfium.PdfDocument, index: int) -> PageGeometry | None:
    """read_page with a few foreign calls per character and per path segment."""
    # The page and its text through the raw API, closed here: pypdfium2's page and text
    # page objects (finalizers, weak references to their parent) cost ~0.2 ms a report
    # and nothing of them is needed (the document has no form environment to notify).
    page = pdfium_c.FPDF_LoadPage(document.raw, index)
    if not page:
        raise pdfium.PdfiumError("Failed to load page.")
    try:
        return _geometry(page)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _geometry(page) -> PageGeometry | None:
    if pdfium_c.FPDFPage_GetRotation(page) != 0:
        return None
    box = pdfium_c.FS_RECTF()
    if not pdfium_c.FPDF_GetPageBoundingBox(page, box) or (box.left, box.bottom) != (0, 0):
        return None
    # pdfminer measures from the top of the media box, PDFium's box is the crop box: only
    # a page whose own boxes (if any) agree is placed the same way by both.
    for own_box in (pdfium_c.FPDFPage_GetMediaBox, pdfium_c.FPDFPage_GetCropBox):
        own = _own_box(page, own_box)
        if own is not None and own != (0, 0, box.right, box.top):
            return None
    height = float(box.top)
    textpage = pdfium_c.FPDFText_LoadPage(page)
    if not textpage:
        raise pdfium.PdfiumError("Failed to load text page.")
    text_objects: set[int] = set()
    try:
        chars = _chars(textpage, height, text_objects)
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    if chars is None:
        return None
    edges = _edges(page, text_objects, height)
    return PageGeometry(chars=chars, edge_rows=edges, width=float(box.right), height=height)


def _own_box(page, get_box) -> tuple[float, float, float, float] | None:
    """A box the page itself sets (left, bottom, right, top), None if it sets none."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not get_box(page, left, bottom, right, top):
        return None
    return (left.value, bottom.value, right.value, top.value)


def _c_function(name: str, restype):
    """A private prototype of a PDFium function. Its arguments are left undeclared:
    ctypes then passes a c_void_p object as it is and a Python int as a C int, whereas
    declared argument types convert every argument on every call, which costs more than
    the call itself (1.3 -> 0.5 microseconds a call, measured), and a page makes four
    calls per character. So every pointer passed is a c_void_p object (or a _Handle, as
    returned), every other argument a C int. The prototype keeps the GIL through the call
    (PYFUNCTYPE): releasing and taking it back around a call that returns in a fraction of
    a microsecond costs ~10 % of the call (measured), and these functions never call back
    into Python nor wait."""
    return ctypes.PYFUNCTYPE(restype)((name, _LIBRARY))


class _Handle(ctypes.c_void_p):
    """A pointer PDFium returns and is given back: as a subclass of c_void_p it is not
    turned into a Python int on return, so it is passed on as it is."""


_LIBRARY = pdfium_bindings._libs["pdfium"]
_INT, _DOUBLE = ctypes.c_int, ctypes.c_double
# Text objects are compared with each other: returned as plain int addresses.
_text_object = _c_function("FPDFText_GetTextObject", ctypes.c_void_p)
_is_generated = _c_function("FPDFText_IsGenerated", _INT)
_map_error = _c_function("FPDFText_HasUnicodeMapError", _INT)
_origin = _c_function("FPDFText_GetCharOrigin", _INT)
_loose_box = _c_function("FPDFText_GetLooseCharBox", _INT)
_char_matrix = _c_function("FPDFText_GetMatrix", _INT)
_font_size = _c_function("FPDFText_GetFontSize", _DOUBLE)
_font = _c_function("FPDFTextObj_GetFont", ctypes.c_void_p)
_count_page_objects = _c_function("FPDFPage_CountObjects", _INT)
_page_object_address = _c_function("FPDFPage_GetObject", ctypes.c_void_p)
_count_form_objects = _c_function("FPDFFormObj_CountObjects", _INT)
_form_object = _c_function("FPDFFormObj_GetObject", _Handle)  # index: unsigned long
_object_type = _c_function("FPDFPageObj_GetType", _INT)
_object_matrix = _c_function("FPDFPageObj_GetMatrix", _INT)
_count_segments = _c_function("FPDFPath_CountSegments", _INT)
_segment = _c_function("FPDFPath_GetPathSegment", _Handle)
_segment_point = _c_function("FPDFPathSegment_GetPoint", _INT)
_segment_type = _c_function("FPDFPathSegment_GetType", _INT)
_segment_close = _c_function("FPDFPathSegment_GetClose", _INT)


def _chars(textpage, height: float, text_objects: set[int]) -> list[dict] | None:
    """pdfminer's characters of the page, or None if one cannot be placed like it: the
    keys the table and word reading use (text, box, size, upright), no more, since a dict
    per character is a good part of the cost."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    text = _text(textpage, count)
    if text is None:
        return None
    page = ctypes.cast(textpage, ctypes.c_void_p)
    # Out-parameters in one buffer, read back with struct (cheaper than ctypes fields):
    # the origin (two doubles), then the loose box (four floats: left, top, right,
    # bottom), then the matrix (six floats).
    buffer = ctypes.create_string_buffer(56)
    base = ctypes.addressof(buffer)
    x_p, y_p, loose_p, matrix_p = (ctypes.c_void_p(base + offset) for offset in (0, 8, 16, 32))
    chars: list[dict] = []
    append = chars.append
    # Module-level names as locals: this loop runs once per character of the corpus.
    text_object_of, is_generated, map_error, origin, loose_box, char_matrix, font_size = (
        _text_object, _is_generated, _map_error, _origin, _loose_box, _char_matrix,
        _font_size)
    noise = _NOISE
    # Space glyphs PDFium marks as inferred (it does so where word spacing stretches
    # them) have no box: they take the advance and descent of a boxed space of the same
    # font and size.
    spaces: dict[tuple[int, float], tuple[float, float]] = {}
    relabelled: list[tuple[dict, tuple[int, float], float]] = []
    # Matrix, size and font are those of the text object (one per show-text operator);
    # the font is asked only for a space, the one character whose box needs it.
    run, run_x, run_y, size, wide, font, vertical = None, 0.0, 0.0, 0.0, 0.0, None, False
    if "\0" in text:
        return None  # a character without a code point: not placed with certainty
    run_fields, char_fields = _RUN_FIELDS.unpack_from, _CHAR_FIELDS.unpack_from
    for i, char_text in enumerate(text):
        if char_text in " \r\n":  # the only characters PDFium infers
            generated = is_generated(page, i)
            if generated and char_text != " ":
                continue  # a line break PDFium inferred: not in the file
        else:
            generated = False
        text_object = text_object_of(page, i)
        if generated and not text_object:
            continue  # a space PDFium inferred: not in the file
        if map_error(page, i):
            return None
        origin(page, i, x_p, y_p)
        loose_box(page, i, loose_p)
        if text_object != run:
            char_matrix(page, i, matrix_p)
            origin_x, origin_y, right, low, a, b, c, d, e, f = run_fields(buffer)
            if b > 1e-6 or b < -1e-6 or c > 1e-6 or c < -1e-6 or a <= 0 or d <= 0:
                return None  # rotated, skewed or mirrored text
            size = font_size(page, i) * d
            wide = 4 * size
            font = None
            run, run_x, run_y = text_object, origin_x, origin_y
            text_objects.add(text_object)
            # A run starts at its text position; in vertical writing (CJK fonts with
            # Identity-V) PDFium puts the origin at the glyph's corner instead, half an
            # em left and 0.88 em below (the default vertical metrics).
            if -noise <= origin_x - e <= noise and -noise <= origin_y - f <= noise:
                vertical = False
            elif (-noise <= origin_x + size / 2 - e <= noise
                  and -noise <= origin_y + 0.88 * size - f <= noise):
                vertical = True
            else:
                return None  # a run that starts elsewhere: not placed with certainty
        else:
            origin_x, origin_y, right, low = char_fields(buffer)
            if abs(origin_x - run_x) > noise if vertical else abs(origin_y - run_y) > noise:
                return None  # a run leaves its column or its line: not placed with certainty
        if generated:
            # PDFium marks as inferred both a real space glyph after a kerning gap
            # (justified text), which advances the pen by its width, and spaces it inserts
            # for gaps, on the next glyph's origin. Only the first is placed here; the
            # second kind is not always told apart from a zero-width glyph, so such a
            # page goes to the slow reader.
            if i + 1 >= count:
                return None
            origin(page, i + 1, x_p, y_p)
            if abs(unpack_from("<d", buffer)[0] - origin_x) <= noise:
                return None
            if vertical:
                return None  # a space glyph in a column: its box is not known here
            if font is None:
                font = _font(ctypes.c_void_p(text_object)) or 0
            char = {"text": " ", "x0": origin_x, "size": size, "upright": True}
            relabelled.append((char, (font, size), origin_y))
            append(char)
            continue
        if vertical:
            # pdfminer's box of a vertical glyph: one em square above the origin.
            top = height - origin_y - size
            append({"text": char_text, "x0": origin_x, "x1": origin_x + size, "top": top,
                    "bottom": top + size, "size": size, "upright": True})
            continue
        advance, descent = right - origin_x, origin_y - low
        if not (-noise <= advance <= wide and -noise <= descent <= size):
            return None  # a box PDFium could not size
        if char_text == " ":
            if font is None:
                font = _font(ctypes.c_void_p(text_object)) or 0
            spaces.setdefault((font, size), (advance, descent))
        bottom = height - low
        append({"text": char_text, "x0": origin_x, "x1": origin_x + advance,
                "top": bottom - size, "bottom": bottom, "size": size, "upright": True})
    for char, key, origin_y in relabelled:
        if key not in spaces:
            return None
        advance, descent = spaces[key]
        bottom = height - (origin_y - descent)
        char.update(x1=char["x0"] + advance, top=bottom - char["size"], bottom=bottom)
    return chars


# Points by which PDFium's single-precision positions may differ from each other.
_NOISE = 0.01
# The buffer _chars reads: origin x and y, the loose box's right and bottom (its left and
# top are not used), and for a run's first character the matrix.
_CHAR_FIELDS = struct.Struct("<dd8x2f")
_RUN_FIELDS = struct.Struct("<dd8x2f6f")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(textpage, count: int) -> str | None:
    """One character per index, or None if a character lies outside the BMP (PDFium then
    spends two UTF-16 units on it and the indexes no longer line up) or is half of one."""
    # Rounded up to whole pages of 4 kB: ctypes makes (and keeps) an array type for every
    # size it is asked for, ~10 microseconds a new size, and pages differ in length.
    buffer = ctypes.create_string_buffer(-(-2 * (count + 1) // 4096) * 4096)
    pdfium_c.FPDFText_GetText(textpage, 0, count,
                              ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[:2 * count].decode("utf-16-le", errors="surrogatepass")
    if len(text) != count or _SURROGATE.search(text):
        return None
    return text


def _edges(page, text_objects: set[int], height: float) -> list[Edge]:
    """The edges of every painted path of the page, forms included, in page coordinates
    (PDF space). `text_objects`: addresses of objects known to be text (those the
    characters came from), whose type need not be asked: most of a page's objects are
    text."""
    page = ctypes.cast(page, ctypes.c_void_p)
    # (page or form object, its matrix, whether it is the page)
    stack: list[tuple[ctypes.c_void_p, Matrix, bool]] = [(page, _IDENTITY, True)]
    buffer = ctypes.create_string_buffer(32)
    base = ctypes.addressof(buffer)
    matrix_p = ctypes.c_void_p(base)
    path_kind, form_kind = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    move, line_to = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
    in_one_read = _segments_read_in_one()
    object_type, object_matrix, count_segments = _object_type, _object_matrix, _count_segments
    matrix_fields = _MATRIX.unpack_from
    edges: list[Edge] = []
    while stack:
        owner, outer, is_page = stack.pop()
        if is_page:
            # Addresses first: most objects are text, skipped without a handle.
            count = _count_page_objects(owner)
            objects = [ctypes.c_void_p(address) for address in
                       map(_page_object_address, repeat(owner, count), range(count))
                       if address not in text_objects]
        else:
            objects = [_form_object(owner, ctypes.c_ulong(i))
                       for i in range(_count_form_objects(owner))]
        for obj in objects:
            kind = object_type(obj)
            if kind != path_kind and kind != form_kind:
                continue
            object_matrix(obj, matrix_p)
            a, b, c, d, e, f = own = _compose(matrix_fields(buffer), outer)
            if kind == form_kind:
                stack.append((obj, own, False))
                continue
            count = count_segments(obj)
            segments = (_segments_at_once(obj, count) if in_one_read else None) \
                or _segments_one_by_one(obj, count)
            points = [(a * x + c * y + e, b * x + d * y + f) for x, y, _, _ in segments]
            kinds = [kind for _, _, kind, _ in segments]
            if kinds and kinds[0] == move and kinds.count(line_to) == count - 1:
                # One subpath of straight lines (a line, a cell's box): nothing to split.
                edges += _path_edges(points, [close for _, _, _, close in segments], height)
                continue
            closes = [bool(close) for _, _, _, close in segments]
            for subpath, closed in _subpaths(points, closes, kinds):
                edges += _path_edges(subpath, closed, height)
    return edges


_MATRIX = struct.Struct("<6f")


# A path's segments as PDFium keeps them: a vector of points, each two floats (x, y), the
# segment type (one byte, FPDF_SEGMENT_*) and the close flag (one byte), padded to 12
# bytes. Reading them in one go instead of four calls a segment is used only when a path
# built through the public API reads back the same both ways (_segments_read_in_one), and
# only for a path whose last segment's handle lies where the layout puts it.
_SEGMENT = struct.Struct("<2fBBxx")
_SEGMENT_STRIDE = 12


def _segments_one_by_one(obj, count: int) -> list[tuple[float, float, int, int]]:
    buffer = ctypes.create_string_buffer(8)
    base = ctypes.addressof(buffer)
    x_p, y_p = ctypes.c_void_p(base), ctypes.c_void_p(base + 4)
    out = []
    for s in range(count):
        segment = _segment(obj, s)
        _segment_point(segment, x_p, y_p)
        x, y = unpack_from("<2f", buffer)
        out.append((x, y, _segment_type(segment), _segment_close(segment)))
    return out


def _segments_at_once(obj, count: int) -> list[tuple[float, float, int, int]] | None:
    if count < 1:
        return []
    first, last = _segment(obj, 0).value, _segment(obj, count - 1).value
    if not first or last - first != (count - 1) * _SEGMENT_STRIDE:
        return None
    return list(_SEGMENT.iter_unpack(ctypes.string_at(first, count * _SEGMENT_STRIDE)))


@functools.cache
def _segments_read_in_one() -> bool:
    """Whether this PDFium keeps path segments as _SEGMENT says: a path of every kind of
    segment (move, line, Bezier, close) made through the API, read both ways."""
    path = pdfium_c.FPDFPageObj_CreateNewPath(1.5, 2.5)
    try:
        pdfium_c.FPDFPath_LineTo(path, 10.25, 2.5)
        pdfium_c.FPDFPath_BezierTo(path, 11, 3, 12, 4, 13, 5)
        pdfium_c.FPDFPath_Close(path)
        pdfium_c.FPDFPath_MoveTo(path, 20, 21)
        pdfium_c.FPDFPath_LineTo(path, 22, 23)
        handle = ctypes.c_void_p(ctypes.cast(path, ctypes.c_void_p).value)
        count = _count_segments(handle)
        expected = [(1.5, 2.5, pdfium_c.FPDF_SEGMENT_MOVETO, 0),
                    (10.25, 2.5, pdfium_c.FPDF_SEGMENT_LINETO, 0),
                    (11.0, 3.0, pdfium_c.FPDF_SEGMENT_BEZIERTO, 0),
                    (12.0, 4.0, pdfium_c.FPDF_SEGMENT_BEZIERTO, 0),
                    (13.0, 5.0, pdfium_c.FPDF_SEGMENT_BEZIERTO, 1),
                    (20.0, 21.0, pdfium_c.FPDF_SEGMENT_MOVETO, 0),
                    (22.0, 23.0, pdfium_c.FPDF_SEGMENT_LINETO, 0)]
        one_by_one = _segments_one_by_one(handle, count)
        return one_by_one == expected and _segments_at_once(handle, count) == one_by_one
    finally:
        pdfium_c.FPDFPageObj_Destroy(path)


def _subpaths(points, closes, kinds) -> Iterator[tuple[list[tuple[float, float]], list[bool]]]:
    """Split at move-tos; of each Bezier's three points keep the end point, as pdfminer."""
    move, bezier_to = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
    if kinds and kinds[0] == move and kinds.count(move) == 1 and bezier_to not in kinds:
        yield points, closes  # one subpath of straight lines (a line, a cell's box)
        return
    current: list[tuple[float, float]] = []
    closed: list[bool] = []
    bezier = 0
    for point, close, kind in zip(points, closes, kinds, strict=True):
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if current:
                yield current, closed
            current, closed, bezier = [point], [close], 0
            continue
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue
        current.append(point)
        closed.append(close)
    if current:
        yield current, closed


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _path_edges(points: list[tuple[float, float]], closes: list[bool],
                height: float) -> list[Edge]:
    """The edges pdfplumber derives from the line, rectangle or curve pdfminer would make."""
    closed = any(closes)
    # A close returns to the start: pdfminer appends the start point as its own 'h'
    # segment, unless the last line already returned there.
    if closed and not (len(points) >= 3 and points[-1] == points[0]):
        points = [*points, points[0]]
    count = len(points)
    if count < 2:
        return []
    if count == (3 if closed else 2):  # 'ml' or 'mlh': a line
        return [_line_edge(points[0], points[1], height)]
    if count == 5:  # 'mllll' or 'mlllh': a rectangle if its sides are axis-aligned
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
        if points[0] == last and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                  or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            return _rect_edges(points[0], points[2], height)
    return [_segment_edge(p0, p1, height) for p0, p1 in zip(points, points[1:], strict=False)]


def _box(p0: tuple[float, float], p1: tuple[float, float],
         height: float) -> tuple[float, float, float, float]:
    """x0, top, x1, bottom of the box two points span, measured from the page's top."""
    return (min(p0[0], p1[0]), height - max(p0[1], p1[1]), max(p0[0], p1[0]),
            height - min(p0[1], p1[1]))


def _line_edge(p0, p1, height: float) -> Edge:
    x0, top, x1, bottom = _box(p0, p1, height)
    return (x0, top, x1, bottom, x1 - x0, bottom - top, "h" if top == bottom else "v", "line")


def _segment_edge(p0, p1, height: float) -> Edge:
    x0, top, x1, bottom = _box(p0, p1, height)
    orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    return (x0, top, x1, bottom, x1 - x0, bottom - top, orientation, "curve_edge")


def _rect_edges(p0, p2, height: float) -> list[Edge]:
    x0, top, x1, bottom = _box(p0, p2, height)
    width, tall = x1 - x0, bottom - top
    return [(x0, top, x1, top, width, 0.0, "h", "rect_edge"),
            (x0, bottom, x1, bottom, width, 0.0, "h", "rect_edge"),
            (x0, top, x0, bottom, 0.0, tall, "v", "rect_edge"),
            (x1, top, x1, bottom, 0.0, tall, "v", "rect_edge")]
