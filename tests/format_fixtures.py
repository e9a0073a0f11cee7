"""Seed reports re-published as HTML, Word and PDF, the way agencies print them.

Each seed becomes a `Document`: its own paragraphs (everything outside sections 二-四)
and the three statistical tables drawn from the template's labels with the golden
values, as merged-cell grids (the 三、本年度办理结果 cell spans its rows, 申请人情况 spans
the applicant columns). Renderers turn a `Document` into the bytes of each format.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from pipelines.parsing.vocabulary import APPLICANT_TYPES, OUTCOMES, RESULTS, item_measures


@dataclass(frozen=True, slots=True)
class Span:
    """One printed cell: its text and how many grid rows/columns it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


Table = list[list[Span]]


@dataclass(slots=True)
class Document:
    blocks: list[str | Table] = field(default_factory=list)


# ---------------------------------------------------------------- building from a seed

_SECTION = re.compile(r"^[#\s]*([二三四五])、")
_SECTION_WORDS = {
    "二": ("主动", "主動"),
    "三": ("收到", "申请", "申請"),  # 申请 too: pinyin can split 收(shou)到
    "四": ("复议", "複議", "復議"),
    "五": ("",),
}


def _value(value: float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def seed_document(seed: Path, golden: dict, columns: Sequence[str] | None = None) -> Document:
    """The seed's own paragraphs with the three tables re-drawn from its golden values;
    `columns`: table 3's applicant columns as printed (see `table3`)."""
    return text_document(seed.read_text(encoding="utf-8-sig"), golden, columns)


def text_document(text: str, golden: dict, columns: Sequence[str] | None = None) -> Document:
    """A report's text with its three tables re-drawn from its expected values."""
    lines = text.removeprefix("\ufeff").split("\n")
    starts: dict[str, int] = {}
    number = 0
    for key in ("二", "三", "四", "五"):
        # The first heading of each section after the previous one: table 3 itself has
        # rows starting 三、 and 四、, but not with the section's own words.
        while not (_SECTION.match(lines[number]) and _SECTION.match(lines[number]).group(1)
                   == key and any(w in lines[number] for w in _SECTION_WORDS[key])):
            number += 1
        starts[key] = number

    def paragraphs(lo: int, hi: int) -> list[str]:
        # Markdown marks and page rules are what a text export added, not the report.
        out = []
        for line in lines[lo:hi]:
            text = line.strip().lstrip("#").strip()
            if text and text != "---":
                out.append(text)
        return out

    template = golden["template"]
    blocks: list[str | Table] = []
    blocks += paragraphs(0, starts["二"] + 1)
    blocks.append(table2(golden["proactive"], template))
    blocks += paragraphs(starts["三"], starts["三"] + 1)
    blocks.append(table3(golden["applications"], columns))
    blocks += paragraphs(starts["四"], starts["四"] + 1)
    blocks.append(table4(golden["review_litigation"]))
    blocks += paragraphs(starts["五"], len(lines))
    return Document(blocks)


_ARTICLE = {"regulations": "第二十条第（一）项", "licensing": "第二十条第（五）项",
            "penalty": "第二十条第（六）项", "fees": "第二十条第（八）项",
            "procurement": "第二十条第（九）项"}


def table2(values: dict, template: str) -> Table:
    """Table 2, four columns: article rows span the width, short measure rows stretch."""
    rows: Table = []
    by_item: dict[str, list] = {}
    labels: dict[str, str] = {}
    for m in item_measures(template):
        by_item.setdefault(m.item, []).append(m)
        labels[m.item] = m.item_label
    previous_measures: list[str] | None = None
    for item, measures in by_item.items():
        names = [m.measure_label for m in measures]
        if item in _ARTICLE or names != previous_measures:
            if item in _ARTICLE:
                rows.append([Span(_ARTICLE[item], colspan=4)])
            rows.append([Span("信息内容"), *_stretch(names)])
            previous_measures = names
        rows.append([Span(labels[item]),
                     *_stretch([_value(values[item][m.measure]) for m in measures])])
    return rows


def _stretch(texts: list[str]) -> list[Span]:
    spans = [Span(t) for t in texts]
    spans[-1] = Span(texts[-1], colspan=4 - len(texts))
    return spans


_TABLE3_HEAD = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"


_LEGAL = "legal"  # a column of table 3 printing 法人或其他组织 as one


def table3(values: dict, columns: Sequence[str] | None = None) -> Table:
    """Table 3 as the template prints it: three label columns, seven applicant columns.
    `columns`: the applicant columns in the order printed (codes; the 法人 ones side by
    side under their group head), `legal` for 法人或其他组织 printed as one column."""
    applicants = list(columns or [t.code for t in APPLICANT_TYPES])
    label = {t.code: t.label for t in APPLICANT_TYPES}
    subs = [c for c in applicants if c in _SUB_COLUMNS]
    top: list[Span] = []
    for code in applicants:
        if code in _SUB_COLUMNS:
            if code == subs[0]:
                top.append(Span("法人或其他组织", colspan=len(subs)))
        else:
            top.append(Span("法人或其他组织" if code == _LEGAL else label[code], rowspan=2))
    rows: Table = [
        [Span(_TABLE3_HEAD, rowspan=3, colspan=3), Span("申请人情况", colspan=len(applicants))],
        top, [Span(label[c]) for c in subs],
    ]
    if not subs:  # a header of two rows
        rows = [[Span(_TABLE3_HEAD, rowspan=2, colspan=3),
                 Span("申请人情况", colspan=len(applicants))],
                [Span(s.text) for s in top]]
    codes = [t.code for t in OUTCOMES if t.code in values]
    labels = {t.code: t.label for t in OUTCOMES}
    handled = codes[codes.index("granted"):codes.index("total_processed") + 1]
    groups: dict[str, list[str]] = {}
    for code in handled:
        groups.setdefault(re.match(r"（.）", labels[code]).group(0), []).append(code)

    def numbers(code: str) -> list[Span]:
        return [Span(_value(sum(values[code][c] for c in _SUB_COLUMNS) if a == _LEGAL
                            else values[code][a])) for a in applicants]

    for code in codes:
        cells: list[Span] = []
        if code in handled:
            group_label = re.match(r"（.）", labels[code]).group(0)
            group = groups[group_label]
            if code == handled[0]:
                cells.append(Span("三、本年度办理结果", rowspan=len(handled)))
            if len(group) == 1:
                cells.append(Span(labels[code], colspan=2))
            else:
                if code == group[0]:
                    cells.append(Span(group_label + _GROUP_NAMES[group_label],
                                      rowspan=len(group)))
                cells.append(Span(labels[code][len(group_label):]))
        else:
            cells.append(Span(labels[code], colspan=3))
        rows.append(cells + numbers(code))
    return rows


_SUB_COLUMNS = tuple(t.code for t in APPLICANT_TYPES[1:6])
_GROUP_NAMES = {"（三）": "不予公开", "（四）": "无法提供", "（五）": "不予处理",
                "（六）": "其他处理"}


def table4(values: dict) -> Table:
    results = [t.code for t in RESULTS]
    result_labels = [Span(t.label, rowspan=1) for t in RESULTS]
    return [
        [Span("行政复议", colspan=5), Span("行政诉讼", colspan=10)],
        [*(Span(t.label, rowspan=2) for t in RESULTS),
         Span("未经复议直接起诉", colspan=5), Span("复议后起诉", colspan=5)],
        result_labels + result_labels,
        [Span(_value(values[p][r])) for p in
         ("admin_reconsideration", "litigation_direct", "litigation_after_reconsideration")
         for r in results],
    ]


def grid(table: Table) -> list[list[str]]:
    """The table as a full grid: a merged cell's text in its first cell, the rest empty."""
    placed: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(table):
        c = 0
        for span in row:
            while (r, c) in placed:
                c += 1
            for dr in range(span.rowspan):
                for dc in range(span.colspan):
                    placed[(r + dr, c + dc)] = span.text if (dr, dc) == (0, 0) else ""
            c += span.colspan
            width = max(width, c)
    return [[placed.get((r, c), "") for c in range(width)] for r in range(len(table))]


def to_tab_text(document: Document) -> str:
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, str):
            out.append(block)
        else:
            out += ["\t".join(row) for row in grid(block)]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- HTML

_CHROME_TOP = """<div class="header"><a href="/">首页</a> | 政府信息公开 | 政策文件 | 互动交流</div>
<nav class="menu"><ul><li>政务公开</li><li>政府信息公开年度报告</li><li>办事服务</li></ul></nav>
<div class="breadcrumb">当前位置：首页 &gt; 政府信息公开 &gt; 2020年政府信息公开工作年度报告</div>
"""
_CHROME_BOTTOM = """<div class="footer">主办单位：本站 版权所有 联系电话：0000-0000000
<script>var visits = "2021年政府信息公开工作年度报告";</script></div>"""


def to_html(document: Document, *, charset: str = "utf-8", title: str | None = None,
            declare: bool = True) -> bytes:
    """A government web page: site chrome around the report, tables with real spans."""
    body: list[str] = []
    for block in document.blocks:
        if isinstance(block, str):
            body.append(f"<p>{escape(block)}</p>")
            continue
        body.append('<table border="1" cellspacing="0">')
        for row in block:
            cells = "".join(
                "<td"
                + (f' rowspan="{s.rowspan}"' if s.rowspan > 1 else "")
                + (f' colspan="{s.colspan}"' if s.colspan > 1 else "")
                + f"><p>{escape(s.text)}</p></td>"
                for s in row)
            body.append(f"<tr>{cells}</tr>")
        body.append("</table>")
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    page = (
        "<!DOCTYPE html>\n<html><head>" + (meta if declare else "")
        + f"<title>{escape(title or '')}</title>"
        + "<style>td { border: 1px solid #000 }</style>"
        + "<script>document.title = document.title;</script></head><body>"
        + _CHROME_TOP + '<div class="article">' + "\n".join(body) + "</div>"
        + _CHROME_BOTTOM + "</body></html>"
    )
    # Pages labelled GBK or GB2312 carry characters outside those sets (· in a name);
    # their servers write GB18030, which readers must accept under either label.
    wire = "gb18030" if charset.lower() in ("gbk", "gb2312") else charset
    return page.encode(wire)


# ---------------------------------------------------------------- Word

def to_docx(document: Document) -> bytes:
    """A .docx whose tables use real merged cells (w:gridSpan, w:vMerge)."""
    import docx
    from docx.table import _Cell

    word = docx.Document()
    for block in document.blocks:
        if isinstance(block, str):
            word.add_paragraph(block)
            continue
        # Written as XML row by row: Table.cell() and merge() rescan the whole grid on
        # every call, seconds for one table 3.
        owners = _owners(block)
        width = len(grid(block)[0])
        table = word.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for r in range(len(block)):
            tr = table.add_row()._tr
            for tc in list(tr.tc_lst):
                tr.remove(tc)
            c = 0
            while c < width:
                (r0, _), span = owners[(r, c)]
                tc = tr.add_tc()
                if span.colspan > 1:
                    tc.grid_span = span.colspan
                if span.rowspan > 1:
                    tc.vMerge = "restart" if r == r0 else "continue"
                if r == r0:
                    _Cell(tc, table).text = span.text
                c += span.colspan
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _owners(table: Table) -> dict[tuple[int, int], tuple[tuple[int, int], Span]]:
    """Each grid position -> the anchor (row, column) and span of the cell covering it."""
    owners = {}
    for (r0, c0), span in anchors(table).items():
        for dr in range(span.rowspan):
            for dc in range(span.colspan):
                owners[(r0 + dr, c0 + dc)] = ((r0, c0), span)
    return owners


# ---------------------------------------------------------------- PDF

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
_PAGE_W, _PAGE_H, _MARGIN = 210.0, 297.0, 20.0
_LINE, _CELL_LINE, _PAD = 6.0, 4.6, 1.0
_CREATED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def to_pdf(document: Document) -> bytes:
    return render_pdf(document)[0]


def rendered_seeds(golden_dir: Path, seed_dir: Path, stems: Sequence[str]) -> dict[str, bytes]:
    """Each seed as a PDF with ruling lines (`{stem}_ruled`) and without (`{stem}_unruled`)."""
    out = {}
    for stem in stems:
        golden = json.loads((golden_dir / f"{stem}.json").read_text("utf-8"))
        document = seed_document(seed_dir / golden["file"], golden)
        out[f"{stem}_ruled"] = render_pdf(document)[0]
        out[f"{stem}_unruled"] = render_pdf(document, ruled=False)[0]
    return out


def render_pdf(document: Document, *, site: str = "某某市人民政府门户网站 政府信息公开专栏",
               ruled: bool = True) -> tuple[bytes, list[int]]:
    """The document as a PDF with a text layer, ruled tables, a running header and page
    numbers. Returns the bytes and the indexes of the tables that break across pages."""
    from fpdf import FPDF

    class Page(FPDF):
        def header(self) -> None:
            self.set_font("cjk", size=8)
            self.set_xy(_MARGIN, 8)
            self.cell(0, 5, site)
            self.set_xy(_MARGIN, _MARGIN + 2)

        def footer(self) -> None:
            self.set_font("cjk", size=8)
            self.set_xy(_MARGIN, _PAGE_H - 12)
            self.cell(0, 5, f"第 {self.page_no()} 页 共 {{nb}} 页", align="C")

    pdf = Page(format="A4", unit="mm")
    # A fixed date, so the same document gives the same bytes (the benchmark's corpus).
    pdf.set_creation_date(_CREATED)
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.set_auto_page_break(True, margin=_MARGIN)
    pdf.set_margins(_MARGIN, _MARGIN + 2, _MARGIN)
    pdf.add_page()
    split: list[int] = []
    tables = 0
    for block in document.blocks:
        if isinstance(block, str):
            pdf.set_font("cjk", size=10.5)
            pdf.set_x(_MARGIN)
            pdf.multi_cell(0, _LINE, block, new_x="LMARGIN", new_y="NEXT")
            continue
        if _draw_table(pdf, block, ruled):
            split.append(tables)
        tables += 1
        pdf.ln(3)
    return bytes(pdf.output()), split


def _draw_table(pdf, table: Table, ruled: bool = True) -> bool:
    pdf.set_font("cjk", size=8.5)

    def line_count(text: str, width: float) -> int:
        return len(pdf.multi_cell(width, _CELL_LINE, text, dry_run=True, output="LINES"))

    layout = table_layout(table, pdf.get_string_width, line_count, pdf.page, pdf.get_y())
    pdf.set_auto_page_break(False)  # pages are turned here, between rows
    for cell in layout.cells:
        if pdf.page != cell.page:
            pdf.add_page()
        if ruled:
            pdf.rect(cell.x, cell.top, cell.width, cell.height)
        if cell.text:
            pdf.set_xy(cell.x + _PAD, cell.top + _PAD)
            pdf.multi_cell(cell.width - 2 * _PAD, _CELL_LINE, cell.text)
    pdf.set_auto_page_break(True, margin=_MARGIN)
    pdf.set_xy(_MARGIN, layout.bottom)
    return layout.split


@dataclass(frozen=True, slots=True)
class CellBox:
    """One merged cell's piece on one page, in millimetres from the page's top left; its
    text only on the page where the cell starts."""

    page: int
    x: float
    top: float
    width: float
    height: float
    text: str


@dataclass(frozen=True, slots=True)
class TableLayout:
    cells: list[CellBox]  # in drawing order: row by row, pages in turn
    bottom: float  # where the table ends on its last page
    split: bool  # it breaks across pages


def table_layout(table: Table, text_width: Callable[[str], float],
                 line_count: Callable[[str, float], int], page: int,
                 y: float) -> TableLayout:
    """Where each cell of the table goes when it starts at `y` on `page`, given the
    writer's measure of a text's width and of the lines it wraps to in a width."""
    full = grid(table)
    width = len(full[0])
    spans = anchors(table)
    columns = _column_widths(text_width, spans, width)
    heights = [_CELL_LINE + 2 * _PAD] * len(full)
    # Single-row cells first; a merged cell whose text needs more adds to its last row.
    for (r, c), span in sorted(spans.items(), key=lambda a: a[1].rowspan):
        w = sum(columns[c:c + span.colspan]) - 2 * _PAD
        need = line_count(span.text or " ", w) * _CELL_LINE + 2 * _PAD
        last = r + span.rowspan - 1
        heights[last] += max(0.0, need - sum(heights[r:last + 1]))
    # Row positions first, so a merged cell can be drawn in one piece per page.
    # Like a word processor, the page may turn inside a long merged cell (三、本年度办理结果)
    # but not inside a short one (the header rows).
    kept = {r for (r0, _), span in spans.items() if span.rowspan <= 3
            for r in range(r0 + 1, r0 + span.rowspan)}
    bottom = _PAGE_H - _MARGIN
    pages: list[int] = []
    tops: list[float] = []
    first = 0
    r = 0
    while r < len(heights):
        if y + heights[r] > bottom:
            back = r
            while back in kept and back > first:
                back -= 1
            del pages[back:], tops[back:]
            r, page, y, first = back, page + 1, _MARGIN + 2, back
        pages.append(page)
        tops.append(y)
        y += heights[r]
        r += 1
    lefts = [_MARGIN + sum(columns[:c]) for c in range(width + 1)]
    # The cells covering each row, in the order they were placed.
    covering: list[list[tuple[int, int, Span]]] = [[] for _ in full]
    for (r0, c), span in spans.items():
        for r in range(r0, r0 + span.rowspan):
            covering[r].append((r0, c, span))
    cells = []
    for r in range(len(full)):
        for r0, c, span in covering[r]:
            rows = range(r0, r0 + span.rowspan)
            if r != r0 and pages[r - 1] == pages[r]:
                continue
            on_page = [x for x in rows if x >= r and pages[x] == pages[r]]
            x, w = lefts[c], lefts[c + span.colspan] - lefts[c]
            cells.append(CellBox(pages[r], x, tops[r], w,
                                 sum(heights[x2] for x2 in on_page),
                                 span.text if r == r0 else ""))
    return TableLayout(cells, tops[-1] + heights[-1], pages[0] != pages[-1])


def anchors(table: Table) -> dict[tuple[int, int], Span]:
    placed: set[tuple[int, int]] = set()
    found: dict[tuple[int, int], Span] = {}
    for r, row in enumerate(table):
        c = 0
        for span in row:
            while (r, c) in placed:
                c += 1
            found[(r, c)] = span
            placed |= {(r + dr, c + dc) for dr in range(span.rowspan)
                       for dc in range(span.colspan)}
            c += span.colspan
    return found


def _column_widths(text_width: Callable[[str], float], spans: dict[tuple[int, int], Span],
                   width: int) -> list[float]:
    # Wide enough for a number or a short word; long labels wrap inside their cell.
    want = [12.0] * width
    for (_, c), span in spans.items():
        if span.colspan == 1 and span.text:
            want[c] = max(want[c], min(text_width(span.text) + 2 * _PAD + 1, 48.0))
    scale = (_PAGE_W - 2 * _MARGIN) / sum(want)
    return [w * scale for w in want]


def rotated_pdf() -> bytes:
    """Two pages: a line of text, then a heading turned by 90 degrees."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.set_font("cjk", size=10.5)
    pdf.add_page()
    pdf.cell(0, 8, "某县人民政府2021年政府信息公开工作年度报告")
    pdf.add_page()
    with pdf.rotation(90, x=100, y=150):
        pdf.text(100, 150, "一、总体情况")
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it: no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(picture).rectangle((40, 40, 560, 160), outline=0, width=3)
    pdf = FPDF(format="A4", unit="mm")
    pdf.add_page()
    pdf.image(picture, x=20, y=20, w=170)
    return bytes(pdf.output())


def password_pdf(document: Document, password: str = "secret") -> bytes:
    """The document's PDF, readable only with a password."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("cjk", fname=str(CJK_FONT))
    pdf.set_font("cjk", size=10.5)
    pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    for block in document.blocks[:5]:
        if isinstance(block, str):
            pdf.multi_cell(0, _LINE, block, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
