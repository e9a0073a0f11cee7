"""The benchmark's published documents: the mix of formats, the same bytes for the same
seed, and every expected cell read back from each format."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest

import bench.documents
from bench.documents import (
    cells_read,
    first_of_each_kind,
    kind_of,
    read_expected,
    warehouse_accuracy,
    write_documents,
)
from pipelines.frames import build_batch
from pipelines.ingest import parse_files, scan_raw_folder
from pipelines.parsing import parse_bytes
from pipelines.validation import validate_batch
from pipelines.warehouse import build_warehouse

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
    expected = {record["file"]: record for record in read_expected(documents)}
    assert list(expected) == sorted(expected)
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

    ruled = sorted(r["file"] for r in read_expected(documents) if r["kind"] == "pdf_ruled")[:2]
    result = pdf_reading_ratio([(documents / "raw" / n).read_bytes() for n in ruled], 2)
    assert (result["documents"], result["best_of_rounds"]) == (2, 2)
    assert (result["pages"], result["pages_read_slowly"]) == (4, 0)
    now, today = result["convert_ms"], result["convert_ms_today"]
    # pdfminer reads a page several times slower than PDFium: a reader that fell back to
    # it, or a ratio taken the wrong way round, fails here.
    assert today > 2 * now > 0
    assert result["convert_ratio_to_today"] == pytest.approx(today / now, rel=0.02)
    before = result["convert_ms_before_pdfium"]
    assert before > 2 * now
    assert result["convert_ratio_to_before_pdfium"] == pytest.approx(before / now, rel=0.02)


def test_expected_values_stream_from_either_file_layout(documents: Path,
                                                        tmp_path: Path) -> None:
    records = list(read_expected(documents))
    assert [r["file"] for r in records] == sorted(p.name for p in (documents / "raw").iterdir())
    assert (documents / "expected.jsonl").read_text(encoding="utf-8").count("\n") == 20
    # A corpus written before expected.jsonl: one object, file name -> record, which is
    # decoded a record at a time (here through a window of 7 characters).
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / "expected.json").write_text(
        "{" + ", ".join(f"{json.dumps(r['file'])}: {json.dumps(r, ensure_ascii=False)}"
                        for r in records) + "}", encoding="utf-8")
    assert list(read_expected(legacy)) == records
    assert list(bench.documents._object_values(legacy / "expected.json", chunk=7)) == records
    (legacy / "expected.json").write_text('{"a.pdf": {"file": "a.pdf"}, "b.pdf": {"fi',
                                          encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        list(bench.documents._object_values(legacy / "expected.json", chunk=7))

    chosen = first_of_each_kind(iter(records), 2)
    assert {kind: list(names) for kind, names in chosen.items()} == {
        "pdf_ruled": ["000000_pdf_ruled.pdf", "000001_pdf_ruled.pdf"],
        "pdf_unruled": ["000006_pdf_unruled.pdf", "000007_pdf_unruled.pdf"],
        "html": ["000012_html.html", "000013_html.html"],
        "docx": ["000019_docx.docx"]}


def test_warehouse_cells_are_scored_against_the_streamed_expected_values(
        documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = documents / "raw"
    warehouse = tmp_path / "w.duckdb"
    build_warehouse(warehouse, validate_batch(build_batch(parse_files(raw, scan_raw_folder(raw)))))
    records = list(read_expected(documents))
    cells = Counter()
    for record in records:
        cells[record["kind"]] += sum(len(cols) for table in ("applications", "review_litigation",
                                                              "proactive")
                                     for cols in record[table].values())
    scored = warehouse_accuracy(warehouse, iter(records), tmp_path / "scratch")
    assert scored == {"status": {"valid": 20}, "docx": 1.0, "html": 1.0, "pdf_ruled": 1.0,
                      "pdf_unruled": 1.0}
    assert not (tmp_path / "scratch" / "expected-cells").exists()
    # Staged three documents a file and compared two files at a time: the same score.
    with monkeypatch.context() as small:
        small.setattr(bench.documents, "_CELL_BATCH", 3)
        small.setattr(bench.documents, "_FILES_PER_COMPARISON", 2)
        assert warehouse_accuracy(warehouse, iter(records), tmp_path / "scratch") == scored

    # One HTML cell wrong and one lost: two of the HTML cells are not right.
    with duckdb.connect(str(warehouse)) as con:
        html = con.execute("SELECT report_id FROM reports WHERE source_file = ?",
                           ["000012_html.html"]).fetchone()[0]
        con.execute("UPDATE fact_applications SET count = count + 1 WHERE report_id = ? "
                    "AND outcome = 'granted' AND applicant_type = 'total'", [html])
        con.execute("DELETE FROM fact_review_litigation WHERE report_id = ? "
                    "AND proceeding = 'admin_reconsideration' AND result = 'total'", [html])
    scored = warehouse_accuracy(warehouse, iter(records), tmp_path / "scratch")
    assert scored["html"] == round((cells["html"] - 2) / cells["html"], 5) < 1
    assert scored["pdf_ruled"] == scored["docx"] == 1.0

    # A cell stored twice would be counted twice: refused rather than scored.
    with duckdb.connect(str(warehouse)) as con:
        con.execute("INSERT INTO fact_applications SELECT * FROM fact_applications "
                    "WHERE report_id = ? AND outcome = 'granted' AND applicant_type = 'total'",
                    [html])
    with pytest.raises(ValueError, match="1 expected cells of html matched twice"):
        warehouse_accuracy(warehouse, iter(records), tmp_path / "scratch")
