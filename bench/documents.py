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
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import polars as pl
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
EXPECTED = "expected.jsonl"
# Corpora written before: one JSON object, file name -> record (read_expected streams it).
LEGACY_EXPECTED = "expected.json"


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
    """`n` published documents in `folder/raw`, their expected values in expected.jsonl
    (one line per document in file-name order: the generator's record, plus its file name
    and kind), and in manifest.json what made them and the CPU milliseconds per document
    of each kind; returns the raw folder.
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
    # Records are written as each share arrives, as JSON text, and read back the same way
    # (read_expected): a national corpus's records held as objects take gigabytes.
    with contextlib.ExitStack() as stack:
        if workers > 1:
            # Workers fork from a server process started fresh, with this module loaded:
            # a fork of this process would copy locks its other threads may hold (DuckDB's,
            # polars', a test run's), and a child that needs one waits forever.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            pool = stack.enter_context(context.Pool(workers))
            done = pool.imap(_write_chunk, tasks)
        else:
            done = map(_write_chunk, tasks)
        (Path(folder) / LEGACY_EXPECTED).unlink(missing_ok=True)
        out = stack.enter_context((Path(folder) / EXPECTED).open("w", encoding="utf-8"))
        for records, seconds in done:
            for _, record in records:
                out.write(record + "\n")
            for kind, value in seconds.items():
                cpu[kind] += value
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


def read_expected(folder: Path) -> Iterator[dict]:
    """The expected record of every document of the corpus in `folder`, one at a time, in
    file-name order: from expected.jsonl, or from the one JSON object of a corpus written
    before it (streamed too: at 100,000 documents that object is 0.5 GB of text and 1.5 GB
    as Python objects)."""
    lines = Path(folder) / EXPECTED
    if lines.exists():
        with lines.open(encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)
        return
    yield from _object_values(Path(folder) / LEGACY_EXPECTED)


def _object_values(path: Path, chunk: int = 1 << 20) -> Iterator[dict]:
    """The values of the JSON object in `path`, decoded one at a time from a window of the
    text: its keys are the file names each value also holds."""
    decoder = json.JSONDecoder()
    with path.open(encoding="utf-8") as handle:
        text, at = handle.read(chunk), 0

        def skip(characters: str) -> None:
            nonlocal text, at
            while True:
                while at < len(text) and text[at] in characters:
                    at += 1
                if at < len(text):
                    return
                more = handle.read(chunk)
                if not more:
                    raise ValueError(f"{path}: ends inside its object")
                text, at = more, 0

        def decode() -> object:
            nonlocal text, at
            while True:
                try:
                    value, end = decoder.raw_decode(text, at)
                except json.JSONDecodeError:
                    more = handle.read(chunk)
                    if not more:
                        raise
                    text, at = text[at:] + more, 0
                    continue
                at = end
                return value

        skip(" \n")
        if text[at] != "{":
            raise ValueError(f"{path}: not a JSON object")
        at += 1
        while True:
            skip(" \n,")
            if text[at] == "}":
                return
            decode()  # the file name
            skip(" \n:")
            value = decode()
            assert isinstance(value, dict), path
            yield value


TABLES = ("applications", "review_litigation", "proactive")


def cells_read(report, expected: dict) -> tuple[int, int]:
    """(cells equal to the expected value, cells expected) of one parsed report."""
    got = {(f.table, f.row, f.col): f.value for f in report.facts}
    want = {(table, row, col): value for table in TABLES
            for row, cols in expected[table].items() for col, value in cols.items()}
    return sum(1 for key, value in want.items() if key in got and got[key] == value), len(want)


def first_of_each_kind(expected: Iterable[dict], sample: int) -> dict[str, dict[str, dict]]:
    """kind -> file name -> record of the `sample` first documents of each kind by name;
    only those records are kept while `expected` streams by."""
    chosen: dict[str, dict[str, dict]] = defaultdict(dict)
    for record in expected:
        kept = chosen[record["kind"]]
        kept[record["file"]] = record
        if len(kept) > 2 * sample:
            chosen[record["kind"]] = dict(sorted(kept.items())[:sample])
    return {kind: dict(sorted(kept.items())[:sample]) for kind, kept in chosen.items()}


def per_format(raw: Path, expected: Iterable[dict], sample: int) -> dict[str, dict]:
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
    chosen = first_of_each_kind(expected, sample)
    for kind, _ in MIX:
        records = chosen.get(kind, {})
        names = sorted(records)
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
            ok, n = cells_read(parse_converted(converted[name], name), records[name])
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
    """CPU milliseconds per PDF of the reading now (PDFium), of today's reading (pdfminer
    for every page, the same steps after it) and of the reading before PDFium (pdfminer,
    and pdfplumber's own table, cell and word finding: the path the PDF issue measured
    against), each document's best of `rounds` reads, the readers alternated in every
    round so that all see the same load; their ratios, and the pages and the pages left
    to the slow reader now (the fallback count)."""
    import time

    from pipelines.parsing._formats._pdf import read_pdf
    from pipelines.parsing._formats._pdf_fast import reader_in_use

    readers = {"now": {}, "today": {"fast": False},
               "before_pdfium": {"fast": False, "pdfplumber_steps": True}}
    best = {label: [float("inf")] * len(blobs) for label in readers}
    pages = slow_pages = 0
    for data in blobs:  # imports and caches, before timing
        read = read_pdf(data)
        pages, slow_pages = pages + read.pages, slow_pages + read.slow_pages
        for options in readers.values():
            read_pdf(data, **options)
    for _ in range(rounds):
        for label, options in readers.items():
            for i, data in enumerate(blobs):
                started = time.process_time()
                read_pdf(data, **options)
                best[label][i] = min(best[label][i], time.process_time() - started)
    ms = {label: 1000 * sum(times) / len(blobs) for label, times in best.items()}
    return {"documents": len(blobs), "best_of_rounds": rounds, "convert_ms": round(ms["now"], 2),
            "convert_ms_today": round(ms["today"], 2),
            "convert_ratio_to_today": round(ms["today"] / ms["now"], 2),
            "convert_ms_before_pdfium": round(ms["before_pdfium"], 2),
            "convert_ratio_to_before_pdfium": round(ms["before_pdfium"] / ms["now"], 2),
            "pages": pages, "pages_read_slowly": slow_pages,
            # "compiled", or "ctypes" when the page reader's library was not built
            "page_reader": reader_in_use()}


def lines_mb(warehouse: Path, scratch: Path) -> float:
    """What `report_lines` adds to the warehouse: the table alone, copied into a DuckDB
    file of its own (DuckDB keeps no per-table size that counts its string blocks). The
    rows stream from one file to the other: at 100,000 documents the table as Python
    objects would outgrow the bench's memory."""
    import duckdb

    from pipelines.warehouse import _ArrowStream

    copy = scratch / "report_lines_only.duckdb"
    copy.unlink(missing_ok=True)
    with (duckdb.connect(str(warehouse), read_only=True) as source,
          duckdb.connect(str(copy)) as con):
        con.register("lines", _ArrowStream(source.table("report_lines")))
        con.execute("CREATE TABLE report_lines AS SELECT * FROM lines")
        con.execute("CHECKPOINT")
    size = copy.stat().st_size / 1e6
    copy.unlink()
    return round(size, 1)


# The warehouse's cells against the expected cells of some documents (Parquet files: $1
# is their list), per kind of document. Only those documents' stored cells are looked up,
# so the join holds one group of documents however large the corpus. A cell the
# warehouse does not hold is wrong, also where the expected value is NULL.
_CELLS_RIGHT = """
WITH expected AS (SELECT * FROM read_parquet(?)),
files AS (
    SELECT source_file, report_id FROM reports
    WHERE source_file IN (SELECT DISTINCT source_file FROM expected)
),
stored AS (
    SELECT f.source_file, 'applications' AS golden_table, outcome AS row_code,
           applicant_type AS col_code, CAST(count AS DOUBLE) AS value
    FROM fact_applications JOIN files f USING (report_id)
    UNION ALL
    SELECT f.source_file, 'review_litigation', proceeding, result, CAST(count AS DOUBLE)
    FROM fact_review_litigation JOIN files f USING (report_id)
    UNION ALL
    SELECT f.source_file, 'proactive', item, measure, value
    FROM fact_proactive_disclosure JOIN files f USING (report_id)
)
SELECT e.kind, count(*) AS cells,
       count(*) FILTER (WHERE s.source_file IS NOT NULL
                        AND s.value IS NOT DISTINCT FROM e.value) AS cells_right
FROM expected e
LEFT JOIN stored s ON s.source_file = e.source_file AND s.golden_table = e.golden_table
                  AND s.row_code = e.row_code AND s.col_code = e.col_code
GROUP BY e.kind
"""
_EXPECTED_CELLS = {"source_file": pl.String, "kind": pl.String, "golden_table": pl.String,
                   "row_code": pl.String, "col_code": pl.String, "value": pl.Float64}
# Documents per Parquet file of expected cells (~250 cells each, ~60 MB as Python tuples),
# and files per comparison: each comparison scans the fact tables once.
_CELL_BATCH = 2000
_FILES_PER_COMPARISON = 5
# DuckDB's memory for the comparison; the rest spills to the scratch folder.
_COMPARE_MEMORY = "500MB"


def warehouse_accuracy(warehouse: Path, expected: Iterable[dict],
                       scratch: Path) -> dict[str, object]:
    """Cells of the loaded warehouse equal to the expected values, per kind of document.
    The expected cells stream from `expected` into Parquet files under `scratch`, which
    DuckDB compares with the warehouse's a group of documents at a time, within a memory
    limit: at 100,000 documents each side holds some 20 million cells."""
    import duckdb

    folder = Path(scratch) / "expected-cells"
    folder.mkdir(parents=True, exist_ok=True)
    # Each expected cell is staged once (a record's keys are unique, and so are files):
    # a comparison yields more rows than this only for a cell stored twice.
    staged: Counter[str] = Counter()
    cells: Counter[str] = Counter()
    right: Counter[str] = Counter()
    batch: list[tuple[str, str, str, str, str, float | None]] = []
    written: list[Path] = []
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            con.execute("SET memory_limit = ?", [_COMPARE_MEMORY])
            con.execute("SET temp_directory = ?", [str(Path(scratch) / "compare-spill")])

            def compare() -> None:
                for kind, n, ok in con.execute(_CELLS_RIGHT, [[str(p) for p in written]]
                                               ).fetchall():
                    cells[kind] += n
                    right[kind] += ok
                for path in written:
                    path.unlink()
                written.clear()

            for number, record in enumerate(expected, start=1):
                for table in TABLES:
                    for row, cols in record[table].items():
                        staged[record["kind"]] += len(cols)
                        for col, value in cols.items():
                            batch.append((record["file"], record["kind"], table, row, col,
                                          None if value is None else float(value)))
                if number % _CELL_BATCH == 0:
                    written.append(_write_cells(folder / f"{number:08d}.parquet", batch))
                    if len(written) == _FILES_PER_COMPARISON:
                        compare()
            if batch:
                written.append(_write_cells(folder / "last.parquet", batch))
            if written:
                compare()
            status = dict(con.execute(
                "SELECT status, count(*) FROM reports GROUP BY status").fetchall())
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(Path(scratch) / "compare-spill", ignore_errors=True)
    for kind in sorted(staged):
        if cells[kind] != staged[kind]:
            raise ValueError(f"{warehouse}: {cells[kind] - staged[kind]} expected cells of "
                             f"{kind} matched twice: not scored")
    return {"status": status, **{kind: round(right[kind] / cells[kind], 5)
                                 for kind in sorted(cells)}}


def _write_cells(path: Path, batch: list[tuple]) -> Path:
    """Write `batch` as a Parquet file at `path`, then empty it."""
    pl.DataFrame(batch, schema=_EXPECTED_CELLS, orient="row").write_parquet(path)
    batch.clear()
    return path
