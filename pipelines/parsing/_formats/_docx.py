"""Word .docx -> lines: paragraphs and tables in body order, merged cells once."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from pipelines.parsing._formats._text import clean, join_fragments, table_lines
from pipelines.parsing._types import ReportRejected


def docx_to_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile as exc:
        raise ReportRejected(f"corrupt ZIP container ({exc})") from None
    if "word/document.xml" not in names:
        raise ReportRejected("a ZIP container that is not a Word .docx document")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReportRejected(f"corrupt .docx ({exc})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            # A tab inside a paragraph is kept: some reports align table-like rows with tabs.
            text = "\t".join(clean(part) for part in block.text.split("\t"))
            if text.strip():
                lines.append(text)
        else:
            lines.extend(table_lines(_grid(block)))
    return "\n".join(lines) + "\n"


def _grid(table: Table) -> list[list[str]]:
    """Cells from the table XML: w:gridSpan and w:vMerge continuations become empty cells."""
    grid = []
    for tr in table._tbl.tr_lst:
        row = [""] * tr.grid_before
        for tc in tr.tc_lst:
            continued = tc.vMerge == "continue"
            row.append("" if continued else _cell_text(_Cell(tc, table)))
            row.extend([""] * (tc.grid_span - 1))
        grid.append(row)
    return grid


def _cell_text(cell: _Cell) -> str:
    parts = [p.text for p in cell.paragraphs]
    for inner in cell.tables:
        parts += [" ".join(row) for row in table_lines(_grid(inner))]
    return join_fragments(parts)
