"""The PDFium reader against pdfminer's: the same characters, edges, words, tables and
lines on every PDF the tests render and on the real ones, and the slow reader kept for
the pages PDFium cannot place."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pdfplumber
import pytest
from format_fixtures import (
    CJK_FONT,
    Document,
    Span,
    render_pdf,
    rendered_seeds,
    rotated_pdf,
)
from pdfplumber.table import Table, TableFinder
from pdfplumber.utils.text import extract_text as pdfplumber_text
from pdfplumber.utils.text import extract_words as pdfplumber_extract_words

from pipelines.parsing._formats import _pdf_fast, _pdf_slow, convert
from pipelines.parsing._formats._pdf import _TABLE_SETTINGS, _inside, read_pdf
from pipelines.parsing._formats._pdf_cells import CharIndex, table_cells, table_rows
from pipelines.parsing._formats._pdf_geometry import PageGeometry, edge_dict
from pipelines.parsing._formats._pdf_tables import find_tables
from pipelines.parsing._formats._pdf_words import extract_text as extract_upright_text
from pipelines.parsing._formats._pdf_words import extract_words
from pipelines.parsing._formats._text import join_fragments

SEEDS = ("000_a9a3d7926273398a", "002_ff0ada4805145011", "004_070aa7a08bb6abec")


@pytest.fixture(scope="module")
def rendered(golden_dir: Path, seed_dir: Path) -> dict[str, bytes]:
    if not CJK_FONT.exists():
        pytest.fail(f"{CJK_FONT} is missing: `make setup` installs fonts-wqy-zenhei")
    return rendered_seeds(golden_dir, seed_dir, SEEDS)


def _pages(data: bytes) -> list[tuple[object, object]]:
    """(pdfminer's page geometry, PDFium's) for each page."""
    document = _pdf_fast.open_document(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pairs = [(_pdf_slow.read_page(page), _pdf_fast.read_page(document, i))
                 for i, page in enumerate(pdf.pages)]
    document.close()
    return pairs


def _close(mine: list[dict], theirs: list[dict], keys: tuple[str, ...]) -> bool:
    """Pairwise equal but for PDFium's noise: single precision, and advances taken from
    the font program where pdfminer takes the widths array (a few hundredths of a point)."""
    return len(mine) == len(theirs) and all(
        abs(a[k] - b[k]) <= 0.05 for a, b in zip(mine, theirs, strict=True) for k in keys)


def _in_order(edges: list[dict]) -> list[dict]:
    return sorted(edges, key=lambda e: (e["orientation"], round(e["top"]), round(e["x0"]),
                                        round(e["bottom"]), round(e["x1"])))


def test_fast_reader_places_every_character_and_edge_like_pdfminer(rendered: dict) -> None:
    for name, data in rendered.items():
        for slow, fast in _pages(data):
            assert fast is not None, name
            box = ("x0", "x1", "top", "bottom")
            assert [c["text"] for c in fast.chars] == [c["text"] for c in slow.chars], name
            assert _close(fast.chars, slow.chars, (*box, "size")), name
            mine, theirs = _in_order(fast.edges), _in_order(slow.edges)
            assert [e["orientation"] for e in mine] == [e["orientation"] for e in theirs]
            assert _close(mine, theirs, box), name
            assert (fast.width, fast.height) == pytest.approx((slow.width, slow.height))


def test_words_tables_and_cells_equal_pdfplumbers_own(rendered: dict) -> None:
    tables = 0
    for name, data in rendered.items():
        for page, _ in _pages(data):
            assert extract_words(page.chars) == [
                {k: w[k] for k in ("text", "x0", "x1", "top", "bottom", "size")}
                for w in page.extract_words(extra_attrs=["size"])], name
            theirs = TableFinder(page, _TABLE_SETTINGS).tables
            assert find_tables(page.edge_rows) == [t.cells for t in theirs], name
            index = CharIndex(page.chars)
            for table in theirs:
                extracted = table.extract()
                assert table_rows(table, index) == extracted, name
                assert table_cells(table, index) == _one_line(extracted), name
                tables += 1
    assert tables >= 9  # three tables in each ruled rendering


def _one_line(rows: list[list[str | None]]) -> list[list[str]]:
    """Each cell as the reader prints it: its lines joined as join_fragments joins them."""
    return [[join_fragments((cell or "").split("\n")) for cell in row] for row in rows]


def _check_against_pdfplumber(data: bytes, name: str) -> int:
    """On pdfminer's geometry of every page: the cells and the multi-line cell text equal
    pdfplumber's own, and words read with table lines left out equal those read in full
    once the words in tables are dropped. Returns the number of cells over several lines."""
    several = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for plumber_page in pdf.pages:
            page = _pdf_slow.read_page(plumber_page)
            tables = TableFinder(page, _TABLE_SETTINGS).tables
            index = CharIndex(page.chars)
            for table in tables:
                extracted = table.extract()
                assert table_rows(table, index) == extracted, name
                assert table_cells(table, index) == _one_line(extracted), name
                several += sum(1 for row in extracted for cell in row if cell and "\n" in cell)
            boxes = [table.bbox for table in tables]
            kept = [w for w in extract_words(page.chars)
                    if not any(_inside(w, box) for box in boxes)]
            assert [w for w in extract_words(page.chars, skip=boxes)
                    if not any(_inside(w, box) for box in boxes)] == kept, name
            assert extract_upright_text(page.chars) == pdfplumber_text(page.chars), name
    return several


def test_cells_words_and_text_equal_pdfplumbers_on_rendered_pdfs(rendered: dict) -> None:
    assert sum(_check_against_pdfplumber(data, name) for name, data in rendered.items()) > 0


def test_cells_words_and_text_equal_pdfplumbers_on_real_pdfs(realworld_dir: Path) -> None:
    files = sorted((realworld_dir / "raw").glob("*.pdf"))
    assert len(files) == 3
    assert sum(_check_against_pdfplumber(path.read_bytes(), path.name) for path in files) > 0


def test_fast_and_slow_readers_give_the_same_lines(rendered: dict) -> None:
    for name, data in rendered.items():
        fast, slow = read_pdf(data), read_pdf(data, fast=False)
        assert fast.text == slow.text, name
        assert (fast.slow_pages, slow.slow_pages) == (0, slow.pages), name
        # and the reading before PDFium, pdfplumber's own steps throughout
        assert read_pdf(data, fast=False, pdfplumber_steps=True).text == fast.text, name


def test_real_pdfs_read_alike(realworld_dir: Path) -> None:
    """Two of the three real reports print a merged label in vertical writing: PDFium's
    origin of such a glyph is its corner, which the fast reader places as pdfminer does."""
    files = sorted((realworld_dir / "raw").glob("*.pdf"))
    assert len(files) == 3
    for path in files:
        data = path.read_bytes()
        fast, slow = read_pdf(data), read_pdf(data, fast=False)
        assert fast.text == slow.text, path.name
        assert fast.slow_pages == 0, path.name
        assert read_pdf(data, fast=False, pdfplumber_steps=True).text == fast.text, path.name


def test_a_page_pdfium_cannot_place_is_read_slowly_and_counted() -> None:
    data = rotated_pdf()
    result = read_pdf(data)
    assert (result.pages, result.slow_pages) == (2, 1)
    assert result.text == read_pdf(data, fast=False).text
    assert convert(data, "rotated.pdf").slow_pages == 1


def test_a_table_split_by_the_page_turn_is_joined_by_both_readers() -> None:
    rows = [[Span("项目"), Span("数量")]] + [[Span(f"第{i}项"), Span(str(i))] for i in range(80)]
    data = render_pdf(Document(blocks=["某县2021年政府信息公开工作年度报告", rows]))[0]
    fast = read_pdf(data)
    assert fast.pages >= 2 and fast.slow_pages == 0
    assert fast.text == read_pdf(data, fast=False).text
    lines = fast.text.splitlines()
    assert lines.count("项目\t数量") == 1  # the repeated header read once
    assert "第79项\t79" in lines


def test_the_parse_step_counts_the_slow_reads(tmp_path: Path) -> None:
    from pipelines.ingest import SlowReads, parse_into_parts, scan_raw_folder

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "rotated.pdf").write_bytes(rotated_pdf())
    (raw / "also.pdf").write_bytes(rotated_pdf())  # same bytes: one content, two files
    slow = SlowReads()
    parts = parse_into_parts(raw, scan_raw_folder(raw), tmp_path / "parts", slow=slow)
    assert (slow.reports, slow.pages) == (2, 2)
    assert sum(part.rows["reports"] for part in parts) == 2


def test_path_segments_read_in_one_go_equal_those_read_one_by_one(rendered: dict) -> None:
    """The pinned PDFium keeps a path's segments as the reader expects (else it reads
    them one call at a time), and every path of the ruled renderings reads alike."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    assert _pdf_fast._segments_read_in_one()
    paths = 0
    for name, data in rendered.items():
        document = _pdf_fast.open_document(data)
        for index in range(len(document)):
            page = document[index]
            for obj in page.get_objects():
                if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
                    continue
                handle = ctypes.c_void_p(ctypes.cast(obj.raw, ctypes.c_void_p).value)
                count = pdfium_c.FPDFPath_CountSegments(obj.raw)
                assert _pdf_fast._segments_at_once(handle, count) == \
                    _pdf_fast._segments_one_by_one(handle, count), name
                paths += 1
            page.close()
        document.close()
    assert paths > 100


def _edge(kind: str, x0: float, top: float, x1: float, bottom: float,
          orientation: str | None) -> dict:
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation}


def test_path_shapes_give_pdfminers_lines_rectangles_and_curve_edges() -> None:
    """Each shape pdfminer tells apart, on a page 100 points high: a line (open, or
    closed back onto its start), a rectangle (four corners closed, or a fifth point back
    at the start), and anything else one edge per segment."""
    def edges(points: list, closes: list, height: float) -> list[dict]:
        return [edge_dict(row) for row in _pdf_fast._path_edges(points, closes, height)]

    line = [_edge("line", 10, 80, 50, 80, "h")]
    assert edges([(10, 20), (50, 20)], [False, False], 100) == line
    assert edges([(10, 20), (50, 20)], [False, True], 100) == line
    assert edges([(10, 20), (50, 20), (10, 20)], [False, False, True], 100) == line
    assert edges([(30, 10), (30, 90)], [False, False], 100) == [
        _edge("line", 30, 10, 30, 90, "v")]
    box = [_edge("rect_edge", 10, 60, 50, 60, "h"), _edge("rect_edge", 10, 80, 50, 80, "h"),
           _edge("rect_edge", 10, 60, 10, 80, "v"), _edge("rect_edge", 50, 60, 50, 80, "v")]
    corners = [(10, 20), (50, 20), (50, 40), (10, 40)]
    assert edges(corners, [False, False, False, True], 100) == box
    assert edges([*corners, (10, 20)], [False] * 4 + [True], 100) == box
    assert edges([*corners, (10, 20)], [False] * 5, 100) == box
    # Not closed: three segments, each its own edge.
    assert edges(corners, [False] * 4, 100) == [
        _edge("curve_edge", 10, 80, 50, 80, "h"), _edge("curve_edge", 50, 60, 50, 80, "v"),
        _edge("curve_edge", 10, 60, 50, 60, "h")]
    # A triangle closed back to its start: three edges, the slanted one without orientation.
    assert edges([(0, 0), (40, 0), (0, 30)], [False, False, True], 100) == [
        _edge("curve_edge", 0, 100, 40, 100, "h"), _edge("curve_edge", 0, 70, 40, 100, None),
        _edge("curve_edge", 0, 70, 0, 100, "v")]
    assert edges([(5, 5)], [False], 100) == []


def _random_grid(rng: random.Random) -> list[tuple]:
    """The edges of a grid drawn cell by cell (as a word processor draws a table): column
    and row lines moved by less than the snap tolerance, by more, or by a hair; cells
    left out, edges drawn twice, stray strokes; in no particular order."""
    def edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> tuple:
        return (x0, top, x1, bottom, x1 - x0, bottom - top, orientation,
                rng.choice(["line", "rect_edge"]))

    def moved(value: float) -> float:
        return value + rng.choice([0.0, 0.0, 0.0, rng.uniform(-3.5, 3.5), rng.uniform(-0.01, 0.01)])

    xs = sorted(rng.uniform(0, 500) for _ in range(rng.randint(2, 8)))
    ys = sorted(rng.uniform(0, 700) for _ in range(rng.randint(2, 10)))
    edges = []
    for top, bottom in zip(ys, ys[1:], strict=False):
        for left, right in zip(xs, xs[1:], strict=False):
            if rng.random() < 0.1:
                continue
            x0, x1, y0, y1 = moved(left), moved(right), moved(top), moved(bottom)
            if x1 <= x0 or y1 <= y0:
                continue
            for e in (edge(x0, y0, x1, y0, "h"), edge(x0, y1, x1, y1, "h"),
                      edge(x0, y0, x0, y1, "v"), edge(x1, y0, x1, y1, "v")):
                edges += [e, e] if rng.random() < 0.2 else [e]
    for _ in range(rng.randint(0, 4)):
        x, y, length = rng.uniform(0, 500), rng.uniform(0, 700), rng.uniform(0, 50)
        edges.append(edge(x, y, x + length, y, "h") if rng.random() < 0.5
                     else edge(x, y, x, y + length, "v"))
    rng.shuffle(edges)
    return edges


def test_tables_equal_pdfplumbers_on_random_grids() -> None:
    """The table finder rebuilt over tuples gives pdfplumber's cells, in pdfplumber's
    order, to the last bit, also where snapping and joining are at their tolerances."""
    rng = random.Random(17)
    tables = 0
    for _ in range(150):
        edges = _random_grid(rng)
        page = PageGeometry([], edges, 600.0, 800.0)
        theirs = [t.cells for t in TableFinder(page, _TABLE_SETTINGS).tables]
        assert find_tables(edges) == theirs
        tables += len(theirs)
    assert tables > 100


def test_cells_equal_pdfplumbers_on_random_tables() -> None:
    """Characters given to cells as Table.extract() gives them: merged cells, two cells
    that overlap, a cell turned inside out or without width, characters on the edges,
    blanks, ligatures, and characters out of reading order."""
    rng = random.Random(17)
    alphabet = [*"公开申请数量1234567890abc", " ", "ﬁ"]
    for _ in range(300):
        xs = sorted({round(rng.uniform(0, 500), 1) for _ in range(rng.randint(2, 7))})
        ys = sorted({round(rng.uniform(0, 700), 1) for _ in range(rng.randint(2, 9))})
        if len(xs) < 2 or len(ys) < 2:
            continue
        cells, taken = [], set()
        for i in range(len(ys) - 1):
            for j in range(len(xs) - 1):
                if (i, j) in taken:
                    continue
                down = rng.choice([1, 1, 1, 2]) if i + 2 < len(ys) else 1
                across = rng.choice([1, 1, 1, 2]) if j + 2 < len(xs) else 1
                taken |= {(a, b) for a in range(i, i + down) for b in range(j, j + across)}
                cells.append((xs[j], ys[i], xs[j + across], ys[i + down]))
        x0, top, x1, bottom = rng.choice(cells)
        odd = rng.choice([(x0 + 1, top + 1, x1 + 5, bottom + 5), (x1, top, x0, bottom),
                          (x0, top, x0, bottom), None, None, None])
        cells += [odd] if odd else []
        rng.shuffle(cells)
        chars = []
        for _ in range(rng.randint(0, 60)):
            x = rng.choice([rng.uniform(-10, 510), rng.choice(xs) - 2.625])
            y = rng.choice([rng.uniform(-10, 710), rng.choice(ys) - 5.25, rng.choice(ys) + 1])
            chars.append({"text": rng.choice(alphabet), "x0": x, "x1": x + 5.25, "top": y,
                          "doctop": y, "bottom": y + 10.5, "upright": True, "size": 10.5})
        if rng.random() < 0.7:
            chars.sort(key=lambda c: (round(c["top"] / 14), c["x0"]))
        table = Table(PageGeometry(chars, [], 600.0, 800.0), cells)
        index = CharIndex(chars)
        extracted = table.extract()
        assert table_rows(table, index) == extracted
        assert table_cells(table, index) == _one_line(extracted)


def test_a_line_left_out_only_within_the_first_box_that_holds_its_first_character() -> None:
    """Two table boxes that overlap: a line whose first character stands in both is
    judged by the first box alone, and is kept when the rest of it lies in the second,
    though the line above it (a run of the same size) lies wholly in the second."""
    def char(text: str, x0: float, top: float) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 5.25, "top": top, "bottom": top + 10.5,
                "size": 10.5, "upright": True}

    boxes = [(0.0, 0.0, 50.0, 50.0), (40.0, 0.0, 200.0, 50.0)]
    above = [char("一", 100.0, 30.0), char("二", 105.25, 30.0)]  # in the second box only
    below = [char("公", 42.0, 10.0), char("开", 47.25, 10.0), char("数", 52.5, 10.0)]
    assert extract_words([*above, *below], skip=boxes) == [
        {"text": "公开数", "x0": 42.0, "x1": 57.75, "top": 10.0, "bottom": 20.5, "size": 10.5}]


def test_words_of_lines_whose_tops_differ_equal_pdfplumbers() -> None:
    """Characters of a line at tops within the tolerance (a superscript, a baseline
    moved by a hair), printed after a line below them: the line is gathered in content
    order, as pdfplumber clusters it, so of two characters at one place (甲 printed over
    乙) the one printed first comes first."""
    def char(text: str, x0: float, top: float) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 5.25, "top": top, "doctop": top,
                "bottom": top + 10.5, "size": 10.5, "upright": True}

    chars = [char("下", 10.0, 40.0), char("行", 15.25, 40.0),
             char("甲", 10.0, 12.5), char("乙", 10.0, 10.0), char("丙", 15.25, 10.0),
             char("丁", 40.0, 11.0), char("戊", 45.25, 13.9)]
    theirs = [{k: w[k] for k in ("text", "x0", "x1", "top", "bottom", "size")}
              for w in pdfplumber_extract_words(chars, extra_attrs=["size"])]
    assert extract_words(chars) == theirs
    assert [w["text"] for w in theirs] == ["甲乙丙", "丁戊", "下行"]
