"""The hand-written real-world fixtures (tests/fixtures/) published as HTML, Word and PDF:
their paragraphs kept, their tables redrawn from the expected values, every cell back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from format_fixtures import CJK_FONT, render_pdf, seed_document, to_docx, to_html

from pipelines.parsing import parse_bytes

TABLES = ("applications", "review_litigation", "proactive")
# The fixtures whose outline numbers sections 二 … 五, which the renderer needs to place the
# tables; the others differ from these only in how the text cut their tables.
FIXTURES = ("pdf_spaces_2019", "one_cell_per_line_vertical_label_2021",
            "markdown_pipes_broken_2021", "traditional_pinyin_single_other_2021",
            "source_inconsistent_2019")


@pytest.mark.parametrize("stem", FIXTURES)
@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_fixture_cells_come_back(fmt: str, stem: str, repo_root: Path) -> None:
    folder = repo_root / "tests" / "fixtures"
    expected = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    document = seed_document(folder / f"{stem}.txt", expected)
    if fmt == "html":
        data = to_html(document)
    elif fmt == "docx":
        data = to_docx(document)
    else:
        if not CJK_FONT.exists():
            pytest.fail(f"{CJK_FONT} is missing: `make setup` installs fonts-wqy-zenhei")
        data = render_pdf(document)[0]
    report = parse_bytes(data, f"{stem}.{fmt}")
    assert report.source_format == fmt
    got = {(f.table, f.row, f.col): f.value for f in report.facts}
    want = {(table, row, col): value for table in TABLES
            for row, cols in expected[table].items() for col, value in cols.items()}
    assert got == want
    assert (report.agency, report.year, report.template) == (
        expected["agency"], expected["year"], expected["template"])
