"""The compiled page reader (pdfpage.c) against the one through ctypes: the same
characters (keys in the same order), edges and page sizes to the last bit, on every PDF the
tests render and on shapes the reports rarely hold (curves, turned paths, forms within
forms, justified text, turned text); and the ctypes reader taking over, with one warning,
when the library is missing or was built from another source."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from format_fixtures import CJK_FONT, rendered_seeds, rotated_pdf

from pipelines.parsing._formats import _pdf_compiled, _pdf_fast
from pipelines.parsing._formats._pdf import read_pdf

SEEDS = ("000_a9a3d7926273398a", "002_ff0ada4805145011", "004_070aa7a08bb6abec")


@pytest.fixture(scope="module")
def compiled() -> None:
    if _pdf_compiled.reader() is None:
        pytest.skip(f"{_pdf_compiled.LIBRARY.name} not built (`make setup` builds it)")


def _drawing() -> bytes:
    """Every kind of path and text the reader handles: curves (Bezier end points only),
    polygons open and closed, rectangles plain, rounded and turned, lines in a transformed
    frame; justified text (spaces PDFium marks as generated) in three sizes; a second
    font size in one line."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.add_page()
    pdf.set_font("cjk", size=10.5)
    pdf.ellipse(40, 40, 60, 30)
    pdf.circle(150, 60, 12)
    pdf.polygon([(200, 40), (260, 45), (230, 90)])
    pdf.polyline([(280, 40), (330, 80), (300, 95), (350, 99)])
    pdf.rect(380, 40, 50, 25)
    pdf.rect(450, 40, 50, 25, round_corners=True, style="D")
    with pdf.rotation(30, x=100, y=200):
        pdf.rect(60, 180, 80, 30)
        pdf.line(60, 180, 160, 180)
    for k in range(6):
        pdf.line(40, 300 + 12 * k, 300, 300 + 12 * k)
        pdf.line(40 + 52 * k, 300, 40 + 52 * k, 360)
    pdf.set_xy(40, 400)
    for size in (9, 10.5, 12):
        pdf.set_font("cjk", size=size)
        words = " ".join(("公开", "report", "申请", "2021", "of", "信息", "the", "处理")[i % 8]
                         for i in range(90))
        pdf.multi_cell(480, size * 1.4, words, align="J")
    pdf.add_page()
    pdf.set_font("cjk", size=10)
    pdf.text(50, 50, "第二页：一行文字")
    return bytes(pdf.output())


def _forms(page_source: bytes) -> bytes:
    """The pages of `page_source` placed, scaled and moved, as forms on one page, and
    that page placed again as a form in a form on a second page."""
    source = pdfium.PdfDocument(page_source)
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    for index in range(len(source)):
        form = source.page_as_xobject(index, document).as_pageobject()
        form.transform(pdfium.PdfMatrix().scale(0.5, 0.5).translate(20 + 280 * index, 90))
        page.insert_obj(form)
    page.gen_content()
    outer = document.new_page(595, 842)
    form = document.page_as_xobject(0, document).as_pageobject()
    form.transform(pdfium.PdfMatrix().scale(0.7, 0.6).translate(30, 40))
    outer.insert_obj(form)
    outer.gen_content()
    return _saved(document)


@pytest.fixture(scope="module")
def pdfs(golden_dir: Path, seed_dir: Path) -> dict[str, bytes]:
    if not CJK_FONT.exists():
        pytest.fail(f"{CJK_FONT} is missing: `make setup` installs fonts-wqy-zenhei")
    out = rendered_seeds(golden_dir, seed_dir, SEEDS)
    out["drawing"] = _drawing()
    out["forms"] = _forms(out["drawing"])
    return out


def _saved(document: pdfium.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _both(data: bytes) -> list[tuple[object, object]]:
    document = _pdf_fast.open_document(data)
    try:
        return [(_pdf_compiled.read_page(document, i),
                 _pdf_fast.read_page_through_ctypes(document, i))
                for i in range(len(document))]
    finally:
        document.close()


def test_both_readers_give_the_same_geometry_to_the_last_bit(compiled: None,
                                                             pdfs: dict) -> None:
    seen = {"curve_edge": 0, "rect_edge": 0, "line": 0, "sized spaces": 0, "pages": 0}
    for name, data in pdfs.items():
        for mine, theirs in _both(data):
            assert mine is not None and theirs is not None, name
            assert mine.chars == theirs.chars, name
            assert [list(c) for c in mine.chars] == [list(c) for c in theirs.chars], name
            assert mine.edge_rows == theirs.edge_rows, name
            assert (mine.width, mine.height) == (theirs.width, theirs.height), name
            for row in mine.edge_rows:
                seen[row[7]] += 1
            # a space sized after another: its keys come in the order x0, size, ..., x1
            seen["sized spaces"] += sum(1 for c in mine.chars if list(c)[2] == "size")
            seen["pages"] += 1
    # what the comparison covered: a drawing with no curve, a text without a justified
    # line, or no page at all would compare nothing of them
    assert all(seen.values()), seen


def test_the_forms_edges_are_the_drawings_scaled_and_moved(compiled: None,
                                                           pdfs: dict) -> None:
    """The first page of `forms` holds the drawing's pages at half size, 90 points up (its
    second page, without paths, 280 points right): the edges of the drawing's first page,
    each where the form's matrix puts it."""
    drawing = _both(pdfs["drawing"])[0][0]
    forms = _both(pdfs["forms"])[0][0]

    def moved(row: tuple) -> tuple:
        x0, top, x1, bottom = row[:4]
        # to PDF space (y up), halved and moved, back to top-down on the forms' page
        low, high = drawing.height - bottom, drawing.height - top
        return (x0 / 2 + 20, forms.height - (high / 2 + 90), x1 / 2 + 20,
                forms.height - (low / 2 + 90), *row[6:])

    def key(row: tuple) -> tuple:
        return (str(row[4]), row[5], *(round(v) for v in row[:4]))

    expected = sorted((moved(row) for row in drawing.edge_rows), key=key)
    got = sorted(((*row[:4], *row[6:]) for row in forms.edge_rows), key=key)
    assert len(got) == len(expected) > 40
    for mine, theirs in zip(got, expected, strict=True):
        assert mine[4:] == theirs[4:]
        assert mine[:4] == pytest.approx(theirs[:4], abs=0.01)


def test_turned_pages_are_left_to_the_slow_reader_by_both(compiled: None) -> None:
    document = pdfium.PdfDocument(rotated_pdf())  # its second page holds turned text
    document[0].set_rotation(90)
    placed = [(mine is None, theirs is None) for mine, theirs in _both(_saved(document))]
    assert placed == [(True, True), (True, True)]


@pytest.fixture
def unusable(monkeypatch: pytest.MonkeyPatch) -> None:
    _pdf_compiled.reader.cache_clear()
    yield
    _pdf_compiled.reader.cache_clear()


def test_a_missing_library_leaves_the_reading_to_ctypes_with_one_warning(
        unusable: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pdfs: dict) -> None:
    data = pdfs[f"{SEEDS[0]}_ruled"]
    compiled_text = read_pdf(data).text
    _pdf_compiled.reader.cache_clear()
    monkeypatch.setattr(_pdf_compiled, "LIBRARY", tmp_path / "libpdfpage.so")
    with pytest.warns(RuntimeWarning, match="read through ctypes.*libpdfpage.so"):
        assert _pdf_fast.reader_in_use() == "ctypes"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once, not per page
        result = read_pdf(data)
    assert (result.text, result.slow_pages) == (compiled_text, 0)


def test_a_library_built_from_another_source_is_refused(compiled: None, unusable: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_pdf_compiled, "source_digest", lambda: "0123456789abcdef")
    with pytest.warns(RuntimeWarning, match="another version of pdfpage.c"):
        assert _pdf_compiled.reader() is None
