"""The benchmark's published documents: the mix of formats, the same bytes for the same
seed, and every expected cell read back from each format."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest

from bench.documents import cells_read, kind_of, write_documents
from pipelines.parsing import parse_bytes

SEED = 11


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Twenty documents: one full turn of the mix.
    return write_documents(tmp_path_factory.mktemp("documents"), 20, SEED).parent


def test_the_mix_is_the_published_one() -> None:
    kinds = Counter(kind_of(i) for i in range(1000))
    assert kinds == {"pdf_ruled": 300, "pdf_unruled": 300, "html": 350, "docx": 50}


def test_same_seed_same_bytes(documents: Path, tmp_path: Path) -> None:
    again = write_documents(tmp_path, 3, SEED)
    for path in sorted(again.iterdir()):
        first = documents / "raw" / path.name
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(
            first.read_bytes()).digest(), path.name


def test_every_format_reads_back_its_expected_cells(documents: Path) -> None:
    expected = json.loads((documents / "expected.json").read_text(encoding="utf-8"))
    assert Counter(e["kind"] for e in expected.values()) == {
        "pdf_ruled": 6, "pdf_unruled": 6, "html": 7, "docx": 1}
    read: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for name, record in expected.items():
        report = parse_bytes((documents / "raw" / name).read_bytes(), name)
        assert report.source_format == ("pdf" if "pdf" in record["kind"] else record["kind"])
        right, cells = cells_read(report, record)
        read[record["kind"]] += right
        total[record["kind"]] += cells
    # A table printed without lines places a blank cell under its header column, so
    # every format reads back every cell.
    for kind in ("pdf_ruled", "pdf_unruled", "html", "docx"):
        assert read[kind] == total[kind], kind
    assert sum(total.values()) > 20 * 80


def test_pdf_reading_ratio_times_both_readers_on_the_same_pdfs(documents: Path) -> None:
    """The bench's ratio to today's reading: both readers timed on the same PDFs, the ratio
    theirs, and no page of a generated PDF left to the slow reader."""
    from bench.documents import pdf_reading_ratio

    expected = json.loads((documents / "expected.json").read_text(encoding="utf-8"))
    ruled = sorted(n for n, e in expected.items() if e["kind"] == "pdf_ruled")[:2]
    result = pdf_reading_ratio([(documents / "raw" / n).read_bytes() for n in ruled], 2)
    assert (result["documents"], result["best_of_rounds"]) == (2, 2)
    assert (result["pages"], result["pages_read_slowly"]) == (4, 0)
    now, today = result["convert_ms"], result["convert_ms_today"]
    # pdfminer reads a page several times slower than PDFium: a reader that fell back to
    # it, or a ratio taken the wrong way round, fails here.
    assert today > 2 * now > 0
    assert result["convert_ratio_to_today"] == pytest.approx(today / now, rel=0.02)
