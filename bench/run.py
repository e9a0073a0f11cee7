"""`make bench`: the pipeline on synthetic corpora of 1k, 10k and 100k reports.

For every size (BENCH_SIZES, default 1000,10000,100000) it measures, in one invocation:

* parse + validate throughput in this process (one core) on a sample of the corpus;
* facts loaded per second into DuckDB (build_warehouse on that sample);
* the `ingest` job end to end in a subprocess (`dagster job execute`, the multiprocess
  executor the nightly schedule uses) with RAW_DIR/WAREHOUSE_PATH on the corpus and a
  temporary warehouse: wall time and peak RSS of the whole process tree;
* a no-op rerun (nothing new) and a rerun with 1 % new files;
* a rerun after a parser release: every stored report marked as produced by another parser
  version, so the run parses the whole corpus again (the cost of every parser release);
* every SPEC §9 metric view (`metric_*`, the agency comparisons `metric_peer_rank` and
  `metric_yoy` among them), `agency_years` and `check_cross_year` over the warehouse of that
  size;
* a naive baseline on a small sample (one pandas frame per cell, row-by-row INSERT),
  extrapolated to the same number of reports: the ratio holds on a noisy machine.

Then, for every size in BENCH_DOCUMENTS (default 1000; empty to skip; an empty
BENCH_SIZES runs the documents alone), the same reports published as documents
(bench/documents.py: 60 % PDF with and without ruling lines, 35 % HTML pages, 5 % .docx;
PDFs from our own writer, or fpdf2's with BENCH_PDF_WRITER=fpdf2, in a corpus of its own;
how long generating them took, per kind, is in the result): per format, documents per
CPU second now and with today's PDF reader in the same run and the share of cells read
back; the job end to end (wall, peak PSS) beside the same number of text reports; the
warehouse's cells against the expected values per format.

Corpora are cached under bench/corpora/<size> (git-ignored); results go to
bench/results/bench-<timestamp>.json and bench/results/latest.json, the cProfile of the
sample to bench/results/profile-<size>.txt.
"""

from __future__ import annotations

import contextlib
import cProfile
import datetime as dt
import io
import json
import logging
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb

from bench.corpus import generate_reports, write_corpus
from bench.documents import (
    RATIO_ROUNDS,
    lines_mb,
    pdf_reading_ratio,
    per_format,
    read_expected,
    warehouse_accuracy,
    write_documents,
)
from pipelines.ingest import parse_files, parse_into_parts, scan_raw_folder
from pipelines.validation import validate_parts
from pipelines.warehouse import build_warehouse, connect_readonly

BENCH = Path("bench")
CORPORA = BENCH / "corpora"
RESULTS = BENCH / "results"
SEED = 20240601
SAMPLE = 5000  # reports parsed in this process for throughput
PROFILE_SAMPLE = 1000  # of those, parsed again under cProfile
NAIVE_SAMPLE = 100


def corpus(size: int) -> Path:
    """bench/corpora/<size>/raw, generated once per (size, seed)."""
    folder = CORPORA / str(size)
    manifest = folder / "manifest.json"
    if manifest.exists():
        meta = json.loads(manifest.read_text())
        if meta.get("reports") == size and meta.get("seed") == SEED:
            for stray in (folder / "raw").glob("new_*"):  # left by an interrupted +1 % rerun
                stray.unlink()
            return folder / "raw"
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    raw = write_corpus(folder, size, SEED)
    print(f"generated {size} reports in {time.perf_counter() - started:.1f} s", flush=True)
    return raw


def in_process(raw: Path, size: int, scratch: Path) -> dict:
    """Parse + validate + load of a sample in this process, the way the job's steps do it
    (staged Parquet parts), timed without a profiler; then a profiled pass of its own,
    since cProfile slows this code about threefold."""
    files = scan_raw_folder(raw)[:SAMPLE]
    load_before = os.getloadavg()[0]
    t0, cpu0 = time.perf_counter(), time.process_time()
    parts = parse_into_parts(raw, files, scratch / "parsed")
    t1 = time.perf_counter()
    tables = validate_parts(parts, scratch / "validated")
    t2, cpu2 = time.perf_counter(), time.process_time()
    summary = build_warehouse(scratch / "sample.duckdb", tables)
    t3 = time.perf_counter()
    facts = sum(summary.row_counts[t] for t in
                ("fact_applications", "fact_review_litigation", "fact_proactive_disclosure"))
    n = len(files)
    return {
        "sample_reports": n,
        "parse_s": round(t1 - t0, 3),
        "validate_s": round(t2 - t1, 3),
        "load_s": round(t3 - t2, 3),
        "parse_validate_reports_per_s_per_core": round(n / (t2 - t0), 1),
        # CPU seconds of this process, all its threads together: unlike the wall clock,
        # not stretched by other work on the machine (load_average_1min_before).
        "parse_validate_cpu_s": round(cpu2 - cpu0, 3),
        "parse_validate_reports_per_cpu_s": round(n / (cpu2 - cpu0), 1),
        "load_average_1min_before": round(load_before, 2),
        "parse_ms_per_report": round(1000 * (t1 - t0) / n, 3),
        "validate_ms_per_report": round(1000 * (t2 - t1) / n, 3),
        "facts_loaded": facts,
        "facts_loaded_per_s": round(facts / (t3 - t2)),
        "top_cumulative": profiled(raw, files[:PROFILE_SAMPLE], size, scratch),
    }


def profiled(raw: Path, files: list, size: int, scratch: Path) -> list[dict]:
    profile = cProfile.Profile()
    profile.enable()
    parts = parse_into_parts(raw, files, scratch / "profiled-parsed")
    validate_parts(parts, scratch / "profiled-validated")
    profile.disable()
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    (RESULTS / f"profile-{size}.txt").write_text(text.getvalue(), encoding="utf-8")
    return _top(profile)


def _top(profile: cProfile.Profile, count: int = 12) -> list[dict]:
    stats = pstats.Stats(profile)
    total = stats.total_tt or 1.0
    rows = []
    for (path, line, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "pipelines" in path or "schemas" in path:
            rows.append({"function": f"{Path(path).name}:{line}:{name}",
                         "cumulative_s": round(cumulative, 3),
                         "share": round(cumulative / total, 3)})
    rows.sort(key=lambda r: -r["cumulative_s"])
    return rows[:count]


def run_job(raw: Path, warehouse: Path, storage: Path) -> dict:
    """`dagster job execute -j ingest` in a subprocess: wall seconds and peak memory.

    Steps run in processes forked by a forkserver, which the CLI does not wait for, so
    getrusage/`time` would miss them: the process tree's RSS is sampled from /proc instead
    (peak of the sum of PSS over all processes, which counts the pages forked processes
    share once, and the largest single process's RSS).
    """
    env = {**os.environ, "RAW_DIR": str(raw), "WAREHOUSE_PATH": str(warehouse),
           "DAGSTER_HOME": str(Path.cwd()), "DAGSTER_STORAGE_DIR": str(storage)}
    command = [str(Path(sys.executable).parent / "dagster"), "job", "execute",
               "-m", "pipelines.definitions", "-j", "ingest"]
    log = storage / "run.log"
    peak_total = peak_single = 0
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        while process.poll() is None:
            sizes = _tree_memory_kb(process.pid)
            peak_total = max(peak_total, sum(pss for pss, _ in sizes))
            peak_single = max(peak_single, max((rss for _, rss in sizes), default=0))
            time.sleep(0.2)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        kept = RESULTS / f"failed-run-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.log"
        shutil.copy(log, kept)  # the run's folder is temporary
        raise RuntimeError(f"ingest failed, see {kept}")
    return {"wall_s": round(wall, 2), "peak_pss_total_mb": round(peak_total / 1024),
            "peak_rss_single_process_mb": round(peak_single / 1024),
            "step_s": step_seconds(storage)}


@contextlib.contextmanager
def open_storage(storage: Path) -> Iterator[dg.DagsterInstance]:
    """A Dagster instance over a bare storage folder: without telemetry (which writes under
    DAGSTER_HOME, the project) and without Dagster's warning that the folder holds no
    dagster.yaml (given whenever DAGSTER_HOME is set, as it is here)."""
    dagster_log = logging.getLogger("dagster")
    level = dagster_log.level
    dagster_log.setLevel(logging.ERROR)
    try:
        with dg.DagsterInstance.local_temp(
                tempdir=str(storage), overrides={"telemetry": {"enabled": False}}) as instance:
            yield instance
    finally:
        dagster_log.setLevel(level)


def step_seconds(storage: Path) -> dict[str, float]:
    """Seconds per step of the latest run stored under `storage` (a Dagster storage
    folder), from its STEP_SUCCESS events; the dynamic parse steps are summed under one
    name. The events, not the run's console log: steps in several processes write that
    log at once, and a line cut by another's went missing from the table."""
    with open_storage(storage) as instance:
        runs = instance.get_runs(limit=1)
        records = instance.get_records_for_run(
            runs[0].run_id, of_type=dg.DagsterEventType.STEP_SUCCESS).records if runs else []
    out: dict[str, float] = {}
    for record in records:
        event = record.event_log_entry.dagster_event
        name = event.step_key.split("[")[0]
        out[name] = out.get(name, 0.0) + event.event_specific_data.duration_ms / 1000
    return {name: round(seconds, 2) for name, seconds in out.items()}


def _tree_memory_kb(root: int) -> list[tuple[int, int]]:
    """(PSS, RSS) in kB of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid, ppid = int(entry.name), int(fields.get("PPid", "0"))
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append((_pss_kb(pid), rss.get(pid, 0)))
        todo.extend(children.get(pid, ()))
    return out


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def views(warehouse: Path, columnar: bool = False, runs: int = 3) -> dict[str, float]:
    """Seconds to read every row of each view, the least of `runs` (the machine is shared).
    `columnar`: into numpy arrays, as a frame library reads them; otherwise as Python
    tuples, where converting each value costs more than the view itself over 100k rows."""
    out = {}
    with connect_readonly(warehouse) as con:
        names = [name for (name,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal "
            "AND (view_name LIKE 'metric_%' OR view_name IN ('agency_years', "
            "'check_cross_year')) ORDER BY view_name").fetchall()]
        for name in names:
            seconds = []
            for _ in range(runs):
                started = time.perf_counter()
                relation = con.table(name)
                relation.fetchnumpy() if columnar else relation.fetchall()
                seconds.append(time.perf_counter() - started)
            out[name] = round(min(seconds), 3)
    return out


def naive_baseline(raw: Path, scratch: Path) -> dict:
    """What a first attempt would do: a pandas frame per cell, concatenated, then one
    INSERT per row. Only the number of reports differs from the real run."""
    import pandas as pd

    files = scan_raw_folder(raw)[:NAIVE_SAMPLE]
    started = time.perf_counter()
    outcomes = parse_files(raw, files)
    frames = []
    for outcome in outcomes:
        for fact in getattr(outcome.result, "facts", ()):
            frames.append(pd.DataFrame([{
                "report_id": outcome.source.report_id, "table": fact.table, "row": fact.row,
                "col": fact.col, "value": fact.value, "source_line": fact.source_line,
                "raw_text": fact.raw_text}]))
    facts = pd.concat(frames, ignore_index=True)
    with duckdb.connect(str(scratch / "naive.duckdb")) as con:
        con.execute("CREATE TABLE facts (report_id VARCHAR, tbl VARCHAR, row_code VARCHAR, "
                    "col_code VARCHAR, value DOUBLE, source_line INTEGER, raw_text VARCHAR)")
        for row in facts.itertuples(index=False):
            con.execute("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?)", list(row))
    seconds = time.perf_counter() - started
    return {"sample_reports": len(files), "facts": len(facts), "seconds": round(seconds, 2),
            "reports_per_s": round(len(files) / seconds, 2)}


def add_new_files(raw: Path, size: int) -> list[Path]:
    """1 % more reports, drawn after the corpus's last index (same seed)."""
    added = []
    for report in generate_reports(max(1, size // 100), SEED, start=size):
        path = raw / f"new_{report.file_name}"
        path.write_text(report.text, encoding="utf-8")
        added.append(path)
    return added


def bench_size(size: int, naive: dict) -> dict:
    raw = corpus(size)
    with tempfile.TemporaryDirectory(prefix=f"bench-{size}-") as tmp:
        scratch = Path(tmp)
        result: dict = {"reports": size}
        result["in_process"] = in_process(raw, size, scratch)
        print(f"in-process sample: {result['in_process']}", flush=True)
        warehouse = scratch / "warehouse.duckdb"
        storage = scratch / "dagster"
        storage.mkdir()
        result["end_to_end"] = run_job(raw, warehouse, storage)
        print(f"end to end: {result['end_to_end']}", flush=True)
        result["end_to_end"]["reports_per_s"] = round(size / result["end_to_end"]["wall_s"], 1)
        with connect_readonly(warehouse) as con:
            result["warehouse_rows"] = dict(con.execute(
                "SELECT 'facts', (SELECT count(*) FROM fact_applications) + "
                "(SELECT count(*) FROM fact_review_litigation) + "
                "(SELECT count(*) FROM fact_proactive_disclosure) "
                "UNION ALL SELECT status, count(*) FROM reports GROUP BY status").fetchall())
        result["noop_rerun"] = run_job(raw, warehouse, storage)
        added = add_new_files(raw, size)
        try:
            result["rerun_1pct_new"] = run_job(raw, warehouse, storage)
        finally:
            for path in added:
                path.unlink()
        mark_older_parser(warehouse)
        result["reparse_after_release"] = run_job(raw, warehouse, storage)
        result["metric_views_s"] = views(warehouse)
        result["metric_views_columnar_s"] = views(warehouse, columnar=True)
        naive_seconds = size / naive["reports_per_s"]
        result["naive_extrapolated_s"] = round(naive_seconds, 1)
        result["speedup_vs_naive"] = round(naive_seconds / result["end_to_end"]["wall_s"], 1)
    return result


# Bench tooling, not the pipeline: it edits a scratch warehouse so that its reports look
# as if an earlier parser had stored them (pipelines/versions.py).
_OLDER_PARSER = "UPDATE reports SET parser_version = ?"


def mark_older_parser(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as con:
        con.execute(_OLDER_PARSER, ["0" * 16])


DOCUMENT_SAMPLE = 60  # documents of each format timed in this process


def document_corpus(size: int, pdf_writer: str) -> Path:
    """bench/corpora/documents-<size> (documents-<size>-fpdf2 for fpdf2's PDFs),
    generated once per (size, seed, PDF writer)."""
    folder = CORPORA / (f"documents-{size}" + ("" if pdf_writer == "bench" else f"-{pdf_writer}"))
    manifest = folder / "manifest.json"
    if manifest.exists():
        meta = json.loads(manifest.read_text())
        if (meta.get("documents"), meta.get("seed"), meta.get("pdf_writer")) == (
                size, SEED, pdf_writer):
            return folder
    shutil.rmtree(folder, ignore_errors=True)
    write_documents(folder, size, SEED, pdf_writer=pdf_writer)
    generation = json.loads(manifest.read_text())["generation"]
    print(f"generated {size} documents in {generation['wall_s']} s on {generation['workers']} "
          f"processes; CPU ms per document: {generation['cpu_ms_per_document']}", flush=True)
    return folder


def bench_documents(size: int, pdf_writer: str) -> dict:
    folder = document_corpus(size, pdf_writer)
    raw = folder / "raw"
    manifest = json.loads((folder / "manifest.json").read_text())
    # Reading times of PDFs compare only between corpora from the same writer.
    result: dict = {"documents": size, "kinds": manifest["kinds"],
                    "pdf_written_by": manifest["pdf_written_by"],
                    "generation": manifest["generation"]}
    print(f"PDFs written by {manifest['pdf_written_by']}", flush=True)
    # The expected values stream from their file each time they are read, never held whole.
    result["per_format"] = per_format(raw, read_expected(folder), DOCUMENT_SAMPLE)
    real = real_pdfs()
    if real:
        # The real reports beside the checkout (never copied into it), timed the same way.
        result["real_pdfs_reading"] = {path.stem: pdf_reading_ratio([path.read_bytes()],
                                                                    RATIO_ROUNDS)
                                       for path in real}
    print(f"per format: {result['per_format']}", flush=True)
    with tempfile.TemporaryDirectory(prefix=f"bench-documents-{size}-") as tmp:
        scratch = Path(tmp)
        for name, source in (("documents", raw), ("text_same_reports", corpus(size))):
            storage = scratch / f"dagster-{name}"
            storage.mkdir()
            warehouse = scratch / f"{name}.duckdb"
            result[f"end_to_end_{name}"] = run_job(source, warehouse, storage)
            result[f"end_to_end_{name}"]["documents_per_s"] = round(
                size / result[f"end_to_end_{name}"]["wall_s"], 1)
            result[f"warehouse_mb_{name}"] = round(warehouse.stat().st_size / 1e6, 1)
            result[f"report_lines_mb_{name}"] = lines_mb(warehouse, scratch)
            if name == "documents":
                result["cells_right_share"] = warehouse_accuracy(
                    warehouse, read_expected(folder), scratch)
            # Nothing new: the run knows every file by its stat (or hashes it) and reuses
            # every stored report.
            result[f"noop_rerun_{name}"] = run_job(source, warehouse, storage)
    # This process's own peak (ru_maxrss: RSS, in kB on Linux), the expected values and
    # the comparison of cells included; the jobs run in processes of their own.
    result["bench_process_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(f"documents end to end: {result}", flush=True)
    return result


def real_pdfs() -> list[Path]:
    """The real PDF reports of ../shared/realworld (or $SHARED_DIR/realworld), if present."""
    shared = Path(os.environ.get("SHARED_DIR") or Path.cwd().parent / "shared")
    return sorted((shared / "realworld" / "raw").glob("*.pdf"))


def dagster_startup() -> dict:
    """The same job on an empty folder: what every run costs before any work."""
    with tempfile.TemporaryDirectory(prefix="bench-empty-") as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        storage = Path(tmp) / "dagster"
        storage.mkdir()
        return run_job(raw, Path(tmp) / "w.duckdb", storage)


def table(results: list[dict], startup: dict, naive: dict) -> str:
    head = ["reports", "parse+validate r/s/core", "r/CPU-s", "facts loaded/s", "e2e wall s",
            "peak PSS MB", "no-op s", "+1% s", "reparse s", "slowest view s", "x naive"]
    rows = []
    for r in results:
        slowest = max(r["metric_views_s"].values(), default=float("nan"))
        rows.append([r["reports"], r["in_process"]["parse_validate_reports_per_s_per_core"],
                     r["in_process"]["parse_validate_reports_per_cpu_s"],
                     r["in_process"]["facts_loaded_per_s"], r["end_to_end"]["wall_s"],
                     r["end_to_end"]["peak_pss_total_mb"], r["noop_rerun"]["wall_s"],
                     r["rerun_1pct_new"]["wall_s"],
                     r.get("reparse_after_release", {}).get("wall_s", "-"), slowest,
                     r["speedup_vs_naive"]])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=False)]
    lines = [" | ".join(str(x).rjust(w) for x, w in zip(line, widths, strict=True))
             for line in [head, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    lines.append(f"Dagster start-up (same job, empty folder): {startup['wall_s']} s; naive "
                 f"baseline {naive['reports_per_s']} reports/s on {naive['sample_reports']} "
                 "reports (pandas frame per cell + row-by-row INSERT), extrapolated.")
    return "\n".join(lines)


def _sizes(variable: str, default: str) -> list[int]:
    """Sizes from a comma-separated variable; set but empty: none."""
    return [int(s) for s in os.environ.get(variable, default).split(",") if s.strip()]


def main() -> None:
    sizes = _sizes("BENCH_SIZES", "1000,10000,100000")  # BENCH_SIZES= : documents only
    documents = _sizes("BENCH_DOCUMENTS", "1000")
    pdf_writer = os.environ.get("BENCH_PDF_WRITER", "bench")
    RESULTS.mkdir(parents=True, exist_ok=True)
    startup = dagster_startup()
    print(f"Dagster start-up: {startup}", flush=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    report: dict = {"python": sys.version.split()[0], "cpus": os.cpu_count(),
                    "dagster_startup": startup, "sizes": []}

    def save() -> None:
        # Written after every size, so a long run leaves what it has measured so far.
        report["when"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        report["load_average_1min"] = round(os.getloadavg()[0], 2)
        text = json.dumps(report, indent=2, ensure_ascii=False)
        (RESULTS / f"bench-{stamp}.json").write_text(text, encoding="utf-8")
        (RESULTS / "latest.json").write_text(text, encoding="utf-8")

    if sizes:
        with tempfile.TemporaryDirectory(prefix="bench-naive-") as tmp:
            naive = naive_baseline(corpus(min(sizes)), Path(tmp))
        report["naive_baseline"] = naive
        for size in sizes:
            print(f"--- {size} reports", flush=True)
            report["sizes"].append(bench_size(size, naive))
            print(json.dumps(report["sizes"][-1], indent=1, ensure_ascii=False), flush=True)
            save()
        print(table(report["sizes"], startup, naive))
    report["documents"] = []
    for size in documents:
        print(f"--- {size} published documents", flush=True)
        report["documents"].append(bench_documents(size, pdf_writer))
        save()


if __name__ == "__main__":
    main()
