"""The benchmark's own PDF and .docx writers (bench/pdf_writer.py, bench/docx_writer.py):
their documents read back with every cell right, by PDFium and by pdfminer alike, they
are the kinds of documents the fpdf2 and python-docx renderers make, and the same
document gives the same bytes."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from format_fixtures import CJK_FONT, Document, Span, text_document
from format_fixtures import render_pdf as fpdf2_pdf
from format_fixtures import to_docx as python_docx

from bench.corpus import generate_report
from bench.documents import cells_read, write_documents
from bench.docx_writer import to_docx
from bench.pdf_writer import PRODUCER, render_pdf
from pipelines.parsing import parse_bytes, parse_converted
from pipelines.parsing._formats import Converted
from pipelines.parsing._formats._docx import docx_to_text
from pipelines.parsing._formats._pdf import read_pdf

pytestmark = pytest.mark.skipif(not CJK_FONT.exists(), reason=f"no CJK font at {CJK_FONT}")

SEED = 5
# Reports 0 and 1 of this seed: one of each template (asserted below).
INDEXES = (0, 1)


@pytest.fixture(scope="module")
def reports() -> list:
    found = [generate_report(SEED, index, broken_share=0.0) for index in INDEXES]
    assert [r.expected["template"] for r in found] == ["2019", "2021"]
    return found


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_both_pdf_readers_read_every_cell(reports: list, ruled: bool) -> None:

    for report in reports:
        data, split = render_pdf(text_document(report.text, report.expected), ruled=ruled)
        fast, slow = read_pdf(data), read_pdf(data, fast=False)
        assert fast.slow_pages == 0  # PDFium placed every page
        assert slow.slow_pages == fast.pages
        assert fast.text == slow.text
        parsed = parse_converted(Converted(fast.text, "pdf"), "report.pdf")
        right, cells = cells_read(parsed, report.expected)
        assert right == cells
        assert cells == _cells(report.expected)
        assert parsed.source_format == "pdf" and parse_bytes(data, "r.pdf").facts == parsed.facts
        assert split == [1]  # table 3 breaks across the first page, as with fpdf2


def test_pdf_pages_have_running_lines_rules_and_cjk_text(reports: list) -> None:

    document = text_document(reports[0].text, reports[0].expected)
    for ruled in (True, False):
        pdf = pdfium.PdfDocument(render_pdf(document, ruled=ruled)[0])
        try:
            assert pdf.get_metadata_dict()["Producer"] == PRODUCER
            pages = len(pdf)
            assert pages == 2
            for number in range(pages):
                page = pdf[number]
                text = page.get_textpage().get_text_range()
                assert text.startswith("某某市人民政府门户网站 政府信息公开专栏")
                assert text.rstrip().endswith(f"第 {number + 1} 页 共 {pages} 页")
                paths = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
                # Ruled: one rectangle per cell piece on the page; unruled: none.
                assert (len(paths) > 100) if ruled else not paths
            assert "收到和处理政府信息公开申请情况" in pdf[0].get_textpage().get_text_range()
        finally:
            pdf.close()


def test_a_merged_cell_keeps_its_text_once_and_wraps() -> None:

    long_label = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    heads = "甲乙丙丁戊己庚"
    table = [[Span("项目", rowspan=2), Span("数量", colspan=7)],
             [Span(head) for head in heads],
             [Span(long_label), *(Span(n) for n in ("1", "2", "", "4", "5", "6", "7"))]]
    data, split = render_pdf(Document(["标题", table]), site="")
    assert split == []
    pdf = pdfium.PdfDocument(data)
    printed = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert long_label not in printed  # printed on more than one line
    assert read_pdf(data).text == read_pdf(data, fast=False).text == (
        "标题\n项目\t数量" + "\t" * 6 + "\n\t" + "\t".join(heads) + "\n"
        + long_label + "\t1\t2\t\t4\t5\t6\t7\n")


def test_same_document_same_pdf_bytes(reports: list) -> None:

    document = text_document(reports[1].text, reports[1].expected)
    assert render_pdf(document, ruled=False)[0] == render_pdf(document, ruled=False)[0]


def test_a_character_missing_from_the_font_is_an_error() -> None:

    with pytest.raises(ValueError, match="☃"):
        render_pdf(Document(["雪人 ☃"]))


def test_docx_is_python_docx_package_with_a_fixed_date(reports: list) -> None:
    for report in reports:
        document = text_document(report.text, report.expected)
        data = to_docx(document)
        assert data == to_docx(document)
        ours, theirs = zipfile.ZipFile(io.BytesIO(data)), zipfile.ZipFile(
            io.BytesIO(python_docx(document)))
        assert ours.testzip() is None
        assert ours.namelist() == theirs.namelist()
        for name in ours.namelist():
            assert ours.read(name) == theirs.read(name), name
        assert {info.date_time for info in ours.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert docx_to_text(data) == docx_to_text(python_docx(document))
        right, cells = cells_read(parse_bytes(data, "report.docx"), report.expected)
        assert right == cells == _cells(report.expected)


def _cells(expected: dict) -> int:
    """Table 3's rows of its template times 7 applicant columns, table 4's 15 numbers and
    table 2's measures."""
    rows = 23 if expected["template"] == "2019" else 25
    return rows * 7 + 15 + sum(len(measures) for measures in expected["proactive"].values())


def test_pdf_reads_to_the_lines_of_fpdf2s_pdf(reports: list) -> None:
    """The same document through both writers: the same pages, the same table broken
    across them, and the same lines read back."""
    for report in reports:
        document = text_document(report.text, report.expected)
        for ruled in (True, False):
            ours, our_split = render_pdf(document, ruled=ruled)
            theirs, their_split = fpdf2_pdf(document, ruled=ruled)
            assert our_split == their_split
            assert read_pdf(ours).pages == read_pdf(theirs).pages
            assert read_pdf(ours).text == read_pdf(theirs).text


def test_parallel_generation_gives_the_bytes_and_records_of_one_process(
        tmp_path: Path) -> None:
    # 60 documents: two shares of 50 and 10, on two processes.
    alone = write_documents(tmp_path / "alone", 60, SEED, workers=1)
    shared = write_documents(tmp_path / "shared", 60, SEED, workers=2)
    names = sorted(path.name for path in alone.iterdir())
    assert names == sorted(path.name for path in shared.iterdir())
    assert len(names) == 60
    for name in names:
        assert (alone / name).read_bytes() == (shared / name).read_bytes(), name
    assert (alone.parent / "expected.jsonl").read_bytes() == (
        shared.parent / "expected.jsonl").read_bytes()
    manifest = json.loads((shared.parent / "manifest.json").read_text())
    assert manifest["pdf_writer"] == "bench" and manifest["generation"]["workers"] == 2
    assert set(manifest["generation"]["cpu_ms_per_document"]) == {
        "pdf_ruled", "pdf_unruled", "html", "docx"}


def test_fpdf2_remains_a_choice_with_the_same_expected_values(tmp_path: Path) -> None:
    ours = write_documents(tmp_path / "ours", 1, SEED)
    theirs = write_documents(tmp_path / "theirs", 1, SEED, pdf_writer="fpdf2")
    name = "000000_pdf_ruled.pdf"
    assert (ours / name).read_bytes() != (theirs / name).read_bytes()
    assert (ours.parent / "expected.jsonl").read_bytes() == (
        theirs.parent / "expected.jsonl").read_bytes()
    assert "fpdf2" in json.loads((theirs.parent / "manifest.json").read_text())[
        "pdf_written_by"]
    with pytest.raises(ValueError, match="unknown PDF writer"):
        write_documents(tmp_path / "other", 1, SEED, pdf_writer="reportlab")
