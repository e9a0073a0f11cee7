"""The PDFium reader's page in one call to our own C library (`pdfpage.c`), built by
`make setup` beside its source: the same characters and edges as `_pdf_fast`'s reading
through ctypes, which made several foreign calls per character and per path segment.

The library is refused, and `_pdf_fast` reads through ctypes, when it is missing, fails
to load, or was built from another version of `pdfpage.c`: a stale build would read by
other rules than the source says.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import sys
import warnings
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipelines.parsing._formats._pdf_geometry import PageGeometry

SOURCE = Path(__file__).with_name("pdfpage.c")
LIBRARY = SOURCE.with_name("libpdfpage.so")
_ABI = 1

# The PDFium functions the library calls, in the order of its `pdfium` struct.
_FUNCTIONS = (
    "FPDF_LoadPage", "FPDF_ClosePage", "FPDFPage_GetRotation", "FPDF_GetPageBoundingBox",
    "FPDFPage_GetMediaBox", "FPDFPage_GetCropBox", "FPDFText_LoadPage", "FPDFText_ClosePage",
    "FPDFText_CountChars", "FPDFText_GetText", "FPDFText_GetTextObject",
    "FPDFText_IsGenerated", "FPDFText_HasUnicodeMapError", "FPDFText_GetCharOrigin",
    "FPDFText_GetLooseCharBox", "FPDFText_GetMatrix", "FPDFText_GetFontSize",
    "FPDFTextObj_GetFont", "FPDFPage_CountObjects", "FPDFPage_GetObject",
    "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", "FPDFPageObj_GetType",
    "FPDFPageObj_GetMatrix", "FPDFPath_CountSegments", "FPDFPath_GetPathSegment",
    "FPDFPathSegment_GetPoint", "FPDFPathSegment_GetType", "FPDFPathSegment_GetClose",
)


class _PageOut(ctypes.Structure):
    _fields_ = (("width", ctypes.c_double), ("height", ctypes.c_double),
                ("chars", ctypes.c_void_p), ("text", ctypes.c_void_p),
                ("relabelled", ctypes.c_void_p), ("edges", ctypes.c_void_p),
                ("codes", ctypes.c_void_p), ("n_chars", ctypes.c_int),
                ("n_relabelled", ctypes.c_int), ("n_edges", ctypes.c_int))


_PLACED, _NOT_PLACED, _NO_PAGE, _NO_TEXT_PAGE = 0, 1, -1, -2
_ORIENTATIONS = (None, "h", "v")
_KINDS = ("line", "curve_edge", "rect_edge")
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"


def source_digest() -> str:
    """What `make setup` compiles into the library (PDFPAGE_SOURCE), to tell a stale build."""
    return hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:16]


@functools.cache
def reader() -> tuple[ctypes._CFuncPtr, _PageOut] | None:
    """The library's read function and its output struct, or None (with one warning) when
    the library cannot be used."""
    try:
        # PyDLL keeps the GIL through the call: PDFium must not run in two threads at once.
        library = ctypes.PyDLL(str(LIBRARY))
        library.pdfpage_abi.restype = ctypes.c_int
        library.pdfpage_source.restype = ctypes.c_char_p
        if library.pdfpage_abi() != _ABI or library.pdfpage_source() != source_digest().encode():
            raise OSError("built from another version of pdfpage.c")
        addresses = (ctypes.c_void_p * len(_FUNCTIONS))(
            *(ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
              for name in _FUNCTIONS))
        if library.pdfpage_init(addresses, len(_FUNCTIONS)) != 0:
            raise OSError("its PDFium function table does not match this module's")
    except OSError as exc:
        warnings.warn(f"PDF pages are read through ctypes, slower: the compiled page reader "
                      f"is not usable ({exc}); `make setup` builds it", RuntimeWarning,
                      stacklevel=2)
        return None
    read = library.pdfpage_read
    read.argtypes = (ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(_PageOut))
    read.restype = ctypes.c_int
    return read, _PageOut()


def read_page(document: pdfium.PdfDocument, index: int) -> PageGeometry | None:
    """As `_pdf_fast.read_page`; only when `reader()` is not None."""
    read, out = reader()
    status = read(document.raw, index, out)
    if status != _PLACED:
        if status == _NOT_PLACED:
            return None
        if status == _NO_PAGE:
            raise pdfium.PdfiumError("Failed to load page.")
        if status == _NO_TEXT_PAGE:
            raise pdfium.PdfiumError("Failed to load text page.")
        raise MemoryError(f"PDF page {index}: out of memory")
    return PageGeometry(chars=_chars(out), edge_rows=_edges(out), width=out.width,
                        height=out.height)


def _chars(out: _PageOut) -> list[dict]:
    count = out.n_chars
    if not count:
        return []
    # Strided views of one copy of the buffer: no list of every value made first.
    values = memoryview(ctypes.string_at(out.chars, 40 * count)).cast("d")
    text = ctypes.string_at(out.text, 2 * count).decode(_UTF16)
    columns = (values[::5], values[1::5], values[2::5], values[3::5], values[4::5])
    chars = [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size,
              "upright": True}
             for t, x0, x1, top, bottom, size in zip(text, *columns, strict=True)]
    if out.n_relabelled:
        # A space sized after another one: its keys in the order _pdf_fast gives them.
        indexes = memoryview(ctypes.string_at(out.relabelled, 4 * out.n_relabelled))
        for i in indexes.cast("i").tolist():
            c = chars[i]
            chars[i] = {"text": " ", "x0": c["x0"], "size": c["size"], "upright": True,
                        "x1": c["x1"], "top": c["top"], "bottom": c["bottom"]}
    return chars


def _edges(out: _PageOut) -> list[tuple]:
    count = out.n_edges
    if not count:
        return []
    v = memoryview(ctypes.string_at(out.edges, 48 * count)).cast("d")
    codes = ctypes.string_at(out.codes, 2 * count)
    return list(zip(v[::6], v[1::6], v[2::6], v[3::6], v[4::6], v[5::6],
                    map(_ORIENTATIONS.__getitem__, codes[::2]),
                    map(_KINDS.__getitem__, codes[1::2]), strict=True))
