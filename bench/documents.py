"""The synthetic corpus re-published as agencies publish it: PDF, web pages and Word.

Each generated report (bench/corpus.py) is redrawn as a document: its paragraphs kept, its
three tables drawn from its expected values with merged cells (tests/format_fixtures.py).
The mix follows what agencies publish: 60 % PDF, half of them with ruling lines and half
without, 35 % HTML pages inside a site's navigation, 5 % .docx. The same (size, seed, PDF
writer) gives the same bytes.

PDFs are written by bench/pdf_writer.py (the layout of the format tests' fpdf2 renderer
at about 8 ms a document instead of 400: a national corpus in minutes), or by fpdf2
itself with pdf_writer="fpdf2" (the fonts of the two differ, so times to read their PDFs
compare only within one writer). HTML pages come from the format tests' renderer, .docx
files from bench/docx_writer.py (python-docx's package, written directly). Documents are
made in parallel processes, each writing its own files.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from format_fixtures import render_pdf as fpdf2_pdf
from format_fixtures import text_document, to_html

from bench import docx_writer, pdf_writer
from bench.corpus import generate_report

# Out of every 20 reports: 6 ruled PDFs, 6 unruled PDFs, 7 HTML pages, 1 .docx.
MIX = (("pdf_ruled", 6), ("pdf_unruled", 6), ("html", 7), ("docx", 1))
_SLOTS = [kind for kind, count in MIX for _ in range(count)]
SUFFIX = {"pdf_ruled": ".pdf", "pdf_unruled": ".pdf", "html": ".html", "docx": ".docx"}
PDF_WRITERS = {"bench": pdf_writer.render_pdf, "fpdf2": fpdf2_pdf}
WRITTEN_BY = {
    "bench": f"{pdf_writer.PRODUCER}: own writer, a Type0 font (Identity-H, ToUnicode) with "
             "an embedded wqy-zenhei subset of its own; fonts differ from fpdf2's",
    "fpdf2": "fpdf2 (tests/format_fixtures.render_pdf) with wqy-zenhei",
}
_CHUNK = 50  # documents per task handed to a worker


def kind_of(index: int) -> str:
    return _SLOTS[index % len(_SLOTS)]


def render(kind: str, text: str, expected: dict, pdf_writer: str = "bench",
           browser: tuple[str, str, bool] | None = None) -> bytes:
    """`browser` (the bench's PDF writer only): the header, address and whether a page
    counter is printed on every page, as a browser prints a web page."""
    document = text_document(text, expected)
    if kind == "html":
        return to_html(document)
    if kind == "docx":
        return docx_writer.to_docx(document)
    if browser is not None:
        return PDF_WRITERS["bench"](document, ruled=kind == "pdf_ruled", browser=browser)[0]
    return PDF_WRITERS[pdf_writer](document, ruled=kind == "pdf_ruled")[0]


def write_documents(folder: Path, n: int, seed: int, *, pdf_writer: str = "bench",
                    workers: int | None = None) -> Path:
    """`n` published documents in `folder/raw`, their expected values in expected.json
    (file name -> the generator's record, plus its kind), and in manifest.json what made
    them and the CPU milliseconds per document of each kind; returns the raw folder.
    `workers`: processes (default: one per core, one alone for a small corpus)."""
    if pdf_writer not in PDF_WRITERS:
        raise ValueError(f"unknown PDF writer {pdf_writer!r}: one of {sorted(PDF_WRITERS)}")
    raw = Path(folder) / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for cut in raw.glob("*.part"):  # left by an interrupted generation
        cut.unlink()
    if workers is None:
        workers = 1 if n < 4 * _CHUNK else os.cpu_count() or 1
    tasks = [(raw, seed, range(start, min(n, start + _CHUNK)), pdf_writer)
             for start in range(0, n, _CHUNK)]
    started = time.perf_counter()
    cpu: dict[str, float] = defaultdict(float)
    # Records are written as each share arrives, as JSON text: a national corpus's
    # records held as objects would take gigabytes.
    with contextlib.ExitStack() as stack:
        if workers > 1:
            # Forked workers start with the font and templates this process may hold.
            pool = stack.enter_context(multiprocessing.get_context("fork").Pool(workers))
            done = pool.imap(_write_chunk, tasks)
        else:
            done = map(_write_chunk, tasks)
        out = stack.enter_context(
            (Path(folder) / "expected.json").open("w", encoding="utf-8"))
        out.write("{")
        separator = ""
        for records, seconds in done:
            for name, record in records:
                out.write(f"{separator}{json.dumps(name)}: {record}")
                separator = ", "
            for kind, value in seconds.items():
                cpu[kind] += value
        out.write("}")
    wall = time.perf_counter() - started
    kinds = Counter(map(kind_of, range(n)))
    (Path(folder) / "manifest.json").write_text(json.dumps(
        {"documents": n, "seed": seed, "kinds": kinds, "pdf_writer": pdf_writer,
         "pdf_written_by": WRITTEN_BY[pdf_writer],
         "generation": {"workers": workers, "wall_s": round(wall, 2),
                        "cpu_ms_per_document": {kind: round(1000 * cpu[kind] / kinds[kind], 2)
                                                for kind in sorted(cpu)}}},
        ensure_ascii=False, indent=1))
    return raw


def _write_chunk(task: tuple[Path, int, range, str]
                 ) -> tuple[list[tuple[str, str]], dict[str, float]]:
    """One worker's share: each document written under a temporary name and renamed, so
    an interrupted generation resumes where it stopped and leaves no cut file. Returns
    (file name, expected record as JSON) per document and CPU seconds per kind (the
    report's text and the drawing)."""
    raw, seed, indexes, writer = task
    records: list[tuple[str, str]] = []
    seconds: dict[str, float] = defaultdict(float)
    for index in indexes:
        started = time.process_time()
        report = generate_report(seed, index, broken_share=0.0)
        kind = kind_of(index)
        name = f"{index:06d}_{kind}{SUFFIX[kind]}"
        path = raw / name
        if not path.exists():
            part = path.with_name(name + ".part")
            part.write_bytes(render(kind, report.text, report.expected, writer))
            part.replace(path)
        records.append((name, json.dumps({**report.expected, "file": name, "kind": kind},
                                          ensure_ascii=False)))
        seconds[kind] += time.process_time() - started
    return records, dict(seconds)


TABLES = ("applications", "review_litigation", "proactive")


def cells_read(report, expected: dict) -> tuple[int, int]:
    """(cells equal to the expected value, cells expected) of one parsed report."""
    got = {(f.table, f.row, f.col): f.value for f in report.facts}
    want = {(table, row, col): value for table in TABLES
            for row, cols in expected[table].items() for col, value in cols.items()}
    return sum(1 for key, value in want.items() if key in got and got[key] == value), len(want)


def per_format(raw: Path, expected: dict[str, dict], sample: int) -> dict[str, dict]:
    """Per kind, on up to `sample` documents each, in this process: documents per CPU
    second now and with today's reader (pdfminer for every PDF page, the same code
    otherwise), the conversion alone in CPU milliseconds per document: now, with
    pdfminer, and as before PDFium (pdfminer and pdfplumber's own table, cell and word
    finding), and the share of expected cells read back."""
    import time

    from pipelines.parsing import parse_converted
    from pipelines.parsing._formats import convert
    from pipelines.parsing._formats._pdf import read_pdf

    def other_reader(**options: bool):
        def read(data: bytes, name: str) -> object:
            return read_pdf(data, **options) if name.endswith(".pdf") else convert(data, name)
        return read

    readers = {"today": other_reader(fast=False),
               "before_pdfium": other_reader(fast=False, pdfplumber_steps=True)}
    out: dict[str, dict] = {}
    for kind, _ in MIX:
        names = sorted(n for n, e in expected.items() if e["kind"] == kind)[:sample]
        if not names:
            continue
        blobs = {name: (raw / name).read_bytes() for name in names}
        for name, data in list(blobs.items())[:1]:  # imports and caches, before timing
            parse_converted(convert(data, name), name)
            for read in readers.values():
                read(data, name)
        right = total = 0
        converted = {}
        started = time.process_time()
        for name, data in blobs.items():
            converted[name] = convert(data, name)
        convert_now = time.process_time() - started
        for name in blobs:
            ok, n = cells_read(parse_converted(converted[name], name), expected[name])
            right, total = right + ok, total + n
        now = time.process_time() - started
        parse = now - convert_now
        convert_other = {}
        for label, read in readers.items():
            started = time.process_time()
            for name, data in blobs.items():
                read(data, name)
            convert_other[label] = time.process_time() - started
        before = convert_other["today"] + parse  # the same parser reads the same lines
        ms = 1000 / len(names)
        if SUFFIX[kind] == ".pdf":
            out[f"{kind}_reading"] = pdf_reading_ratio(
                [blobs[name] for name in names[:RATIO_SAMPLE]], RATIO_ROUNDS)
        out[kind] = {"documents": len(names),
                     "documents_per_cpu_s": round(len(names) / now, 1),
                     "documents_per_cpu_s_today": round(len(names) / before, 1),
                     "ratio_to_today": round(before / now, 2),
                     "convert_ms": round(ms * convert_now, 2),
                     "convert_ms_today": round(ms * convert_other["today"], 2),
                     "convert_ms_before_pdfium": round(ms * convert_other["before_pdfium"], 2),
                     "convert_ratio_to_today": round(convert_other["today"] / convert_now, 2),
                     "convert_ratio_to_before_pdfium": round(
                         convert_other["before_pdfium"] / convert_now, 2),
                     "parse_ms": round(ms * parse, 2),
                     "cells_right_share": round(right / total, 5) if total else None}
    return out


# PDFs of each kind whose reading is timed as the best of many alternated rounds, and the
# rounds: single passes move by 10-20 % on a machine shared with other jobs.
RATIO_SAMPLE = 6
RATIO_ROUNDS = 10


def pdf_reading_ratio(blobs: list[bytes], rounds: int) -> dict[str, object]:
    """CPU milliseconds per PDF of the reading now (PDFium) and of today's reading
    (pdfminer for every page, the same steps after it), each document's best of `rounds`
    reads, the two readers alternated in every round so that both see the same load; their
    ratio, and the pages and the pages left to the slow reader now (the fallback count)."""
    import time

    from pipelines.parsing._formats._pdf import read_pdf

    best = {True: [float("inf")] * len(blobs), False: [float("inf")] * len(blobs)}
    pages = slow_pages = 0
    for data in blobs:  # imports and caches, before timing
        read = read_pdf(data)
        pages, slow_pages = pages + read.pages, slow_pages + read.slow_pages
        read_pdf(data, fast=False)
    for _ in range(rounds):
        for fast in (True, False):
            for i, data in enumerate(blobs):
                started = time.process_time()
                read_pdf(data, fast=fast)
                best[fast][i] = min(best[fast][i], time.process_time() - started)
    now, today = (1000 * sum(best[fast]) / len(blobs) for fast in (True, False))
    return {"documents": len(blobs), "best_of_rounds": rounds, "convert_ms": round(now, 2),
            "convert_ms_today": round(today, 2), "convert_ratio_to_today": round(today / now, 2),
            "pages": pages, "pages_read_slowly": slow_pages}


def lines_mb(warehouse: Path, scratch: Path) -> float:
    """What `report_lines` adds to the warehouse: the table alone, copied into a DuckDB
    file of its own (DuckDB keeps no per-table size that counts its string blocks)."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        lines = con.table("report_lines").df()  # pandas: no pyarrow in the environment
    copy = scratch / "report_lines_only.duckdb"
    copy.unlink(missing_ok=True)
    with duckdb.connect(str(copy)) as con:
        con.register("lines", lines)
        con.execute("CREATE TABLE report_lines AS SELECT * FROM lines")
        con.execute("CHECKPOINT")
    size = copy.stat().st_size / 1e6
    copy.unlink()
    return round(size, 1)


def warehouse_accuracy(warehouse: Path, expected: dict[str, dict]) -> dict[str, object]:
    """Cells of the loaded warehouse equal to the expected values, per kind of document."""
    import duckdb

    queries = {
        "applications": "SELECT r.source_file, outcome, applicant_type, count "
                        "FROM fact_applications JOIN reports r USING (report_id)",
        "review_litigation": "SELECT r.source_file, proceeding, result, count "
                             "FROM fact_review_litigation JOIN reports r USING (report_id)",
        "proactive": "SELECT r.source_file, item, measure, value "
                     "FROM fact_proactive_disclosure JOIN reports r USING (report_id)",
    }
    got: dict[tuple[str, str, str, str], object] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table, query in queries.items():
            for name, row, col, value in con.execute(query).fetchall():
                got[(name, table, row, col)] = value
        status = dict(con.execute(
            "SELECT status, count(*) FROM reports GROUP BY status").fetchall())
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for name, record in expected.items():
        for table in TABLES:
            for row, cols in record[table].items():
                for col, value in cols.items():
                    total[record["kind"]] += 1
                    right[record["kind"]] += got.get((name, table, row, col), "?") == value
    return {"status": status, **{kind: round(right[kind] / total[kind], 5)
                                 for kind in sorted(total)}}
