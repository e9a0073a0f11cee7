"""Published formats through the Dagster job into the warehouse, and the files each
converter must refuse with a reason that says why."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import duckdb
import pytest
from format_fixtures import (
    CJK_FONT,
    password_pdf,
    scanned_pdf,
    seed_document,
    to_docx,
    to_html,
    to_pdf,
)
from test_pipeline import run_job

from pipelines.parsing import ReportRejected, parse_bytes

TABLES = {
    "applications": ("fact_applications", "outcome", "applicant_type", "count"),
    "review_litigation": ("fact_review_litigation", "proceeding", "result", "count"),
    "proactive": ("fact_proactive_disclosure", "item", "measure", "value"),
}


def golden_and_document(golden_dir: Path, seed_dir: Path, stem: str):
    golden = json.loads((golden_dir / f"{stem}.json").read_text("utf-8"))
    return golden, seed_document(seed_dir / golden["file"], golden)


@pytest.fixture(scope="module")
def document_002(golden_dir: Path, seed_dir: Path):
    if not CJK_FONT.exists():
        pytest.fail(f"{CJK_FONT} is missing: `make setup` installs fonts-wqy-zenhei")
    return golden_and_document(golden_dir, seed_dir, "002_ff0ada4805145011")[1]


def not_a_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


REJECTIONS = {
    "scan.pdf": (lambda doc: scanned_pdf(), "scanned PDF: no text layer"),
    "locked.pdf": (password_pdf,
                   "password-protected PDF: cannot be read without its password"),
    "corrupt.pdf": (lambda doc: b"%PDF-1.7\n" + bytes(range(256)) * 8,
                    "corrupt PDF (PDFSyntaxError: No /Root object! - Is this really a PDF?)"),
    "truncated.pdf": (lambda doc: to_pdf(doc)[:5000], "corrupt PDF (PSEOF: Unexpected EOF)"),
    "renamed.pdf": (lambda doc: b"not a pdf at all", "corrupt PDF: no %PDF header"),
    "legacy.doc": (lambda doc: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024),
                   "legacy .doc format is not supported; save as .docx"),
    "sheet.docx": (lambda doc: not_a_docx(),
                   "a ZIP container that is not a Word .docx document"),
    "notice.html": (lambda doc: "<html><head><meta charset='gbk'><title>通知公告</title>"
                    "</head><body><nav>首页</nav><p>关于召开会议的通知</p></body></html>"
                    .encode("gbk"), "not an annual report"),
    "blank.html": (lambda doc: b"<html><body><script>x=1</script></body></html>",
                   "HTML page without text"),
}


@pytest.mark.parametrize("name", sorted(REJECTIONS))
def test_rejected_with_its_reason(name: str, document_002) -> None:
    make, reason = REJECTIONS[name]
    with pytest.raises(ReportRejected) as caught:
        parse_bytes(make(document_002), name)
    # The parser words "not an annual report: ..." itself; the converters' reasons are whole.
    if reason == "not an annual report":
        assert caught.value.reason.startswith(f"{name}: {reason}: ")
    else:
        assert caught.value.reason == f"{name}: {reason}"


def test_published_formats_load_like_text_and_rejects_do_not_stop_the_run(
        tmp_path: Path, golden_dir: Path, seed_dir: Path, document_002) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    loaded = {}
    for stem, name, render in (
            ("000_a9a3d7926273398a", "000.html", lambda d: to_html(d, charset="gbk")),
            ("001_e530588c4c56b619", "001.docx", to_docx),
            ("002_ff0ada4805145011", "002.pdf", to_pdf),
            ("003_10a7f6760b753e6c", "003.txt", to_html)):  # a saved page named .txt
        golden, document = golden_and_document(golden_dir, seed_dir, stem)
        (raw / name).write_bytes(render(document))
        loaded[name] = golden
    (raw / "004_070aa7a08bb6abec.txt").write_bytes(
        (seed_dir / "004_070aa7a08bb6abec.txt").read_bytes())
    for name in ("scan.pdf", "locked.pdf", "corrupt.pdf", "legacy.doc", "notice.html"):
        (raw / name).write_bytes(REJECTIONS[name][0](document_002))
    warehouse = tmp_path / "w.duckdb"
    run_job(raw, warehouse)

    with duckdb.connect(str(warehouse), read_only=True) as con:
        reports = con.execute("""
            select r.source_file, r.source_format, r.status, i.message from reports r
            left join report_issues i
              on i.report_id = r.report_id and i.check_name = 'rejected'
            order by r.source_file""").fetchall()
        assert reports == [
            ("000.html", "html", "valid", None),
            ("001.docx", "docx", "valid", None),
            ("002.pdf", "pdf", "valid", None),
            ("003.txt", "html", "valid", None),
            ("004_070aa7a08bb6abec.txt", "text", "valid", None),
            ("corrupt.pdf", "pdf", "rejected", "corrupt.pdf: corrupt PDF (PDFSyntaxError: "
             "No /Root object! - Is this really a PDF?)"),
            ("legacy.doc", None, "rejected",
             "legacy.doc: legacy .doc format is not supported; save as .docx"),
            ("locked.pdf", "pdf", "rejected",
             "locked.pdf: password-protected PDF: cannot be read without its password"),
            ("notice.html", "html", "rejected", reports[8][3]),
            ("scan.pdf", "pdf", "rejected", "scan.pdf: scanned PDF: no text layer"),
        ]
        assert reports[8][3].startswith("notice.html: not an annual report: ")
        for name, golden in loaded.items():
            agency, year = con.execute(
                "select agency, year from reports where source_file = ?", [name]).fetchone()
            assert (agency, year) == (golden["agency"], golden["year"]), name
            for table, (sql_table, row_key, col_key, value_key) in TABLES.items():
                rows = con.execute(
                    f"select f.{row_key}, f.{col_key}, f.{value_key} "  # noqa: S608
                    f"from {sql_table} f join reports r using (report_id) "
                    "where r.source_file = ?", [name]).fetchall()
                expected = {(r, c): v for r, cols in golden[table].items()
                            for c, v in cols.items()}
                assert {(r, c): v for r, c, v in rows} == expected, (name, table)
                assert len(rows) == len(expected), (name, table)
        # Every number leads to the line it was read from, whatever the format: the join
        # the README shows, and the cell text as printed is on that line.
        for name in loaded:
            traced = con.execute("""
                select f.raw_text, l.text from fact_applications f
                join reports r using (report_id)
                left join report_lines l
                  on l.report_id = f.report_id and l.line_no = f.source_line
                where r.source_file = ?""", [name]).fetchall()
            assert len(traced) >= 30, name
            assert all(line is not None and raw in line for raw, line in traced), name
