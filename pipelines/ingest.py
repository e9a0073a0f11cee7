"""From a raw folder to a checked batch: the stages the orchestrator wires together.

File-system walking lives here, not in the parsing library, so the library stays a pure
bytes-in, facts-out function.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.content_index import ContentIndex
from pipelines.frames import (
    REPORT_SCHEMA,
    Batch,
    ParseOutcome,
    SourceDocument,
    batch_frames,
    build_batch,
    source_format_of,
)
from pipelines.parsing import (
    Converted,
    ParsedReport,
    ReportRejected,
    parse_converted,
    render_bytes,
)
from pipelines.staging import Part, chunked, write_part

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RawFile:
    """One entry of the raw folder: where it is and what it holds (sha256)."""

    source_file: str  # POSIX path relative to the raw folder
    sha256: str  # of the bytes; "" when the file could not be read
    size: int
    problem: str | None = None  # why the file cannot be parsed at all
    mode: int = 0o644  # permission bits of the file


def shared_mode(files: list[RawFile]) -> int:
    """Permission bits every raw file grants: what a product of them all may grant."""
    mode = 0o777
    for raw in files:
        mode &= raw.mode
    return mode


def scan_raw_folder(root: Path, index: ContentIndex | None = None) -> list[RawFile]:
    """Every visible file below `root`, sorted by name; links leading outside are refused.
    With `index`, a regular file whose stat is the one recorded there is not read again
    (pipelines/content_index.py), and every file hashed is recorded in it."""
    root = root.resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"raw folder does not exist: {root}")
    found: list[RawFile] = []
    # Plain strings and one lstat per file: pathlib's resolve() costs seven system calls
    # a file, which made the scan of 100,000 files the bulk of a nightly run with no news.
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        folder = Path(dirpath).relative_to(root).as_posix()
        prefix = "" if folder == "." else folder + "/"
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            found.append(_describe(root, os.path.join(dirpath, name), prefix + name, index))
    return sorted(found, key=lambda f: f.source_file)


def _describe(root: Path, path: str, relative: str, index: ContentIndex | None) -> RawFile:
    linked = False
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            linked = True
            # os.walk does not follow folder links, so only a file link can lead outside.
            target = Path(path).resolve()
            if not target.is_relative_to(root):
                return RawFile(relative, "", 0, "link points outside the raw folder")
            path = str(target)
            info = os.stat(path)
    except FileNotFoundError:  # a dangling link, or a file deleted during the scan
        return RawFile(relative, "", 0, "not a regular file")
    except OSError as exc:
        return RawFile(relative, "", 0, f"unreadable: {exc.strerror}")
    if not stat.S_ISREG(info.st_mode):
        return RawFile(relative, "", 0, "not a regular file")
    # A link is always read: the index knows files by their own stat, not a link's.
    if index is not None and not linked:
        known = index.lookup(path, info)
        if known is not None:
            return RawFile(relative, known, info.st_size, mode=stat.S_IMODE(info.st_mode))
    try:
        with open(path, "rb") as handle:
            # The stat of the open file, taken before its bytes are read, is what the
            # index records with them.
            opened = os.fstat(handle.fileno())
            data = handle.read()
    except OSError as exc:
        return RawFile(relative, "", 0, f"unreadable: {exc.strerror}")
    digest = hashlib.sha256(data).hexdigest()
    if index is not None:
        index.record(path, opened, digest, keep=not linked)
    return RawFile(relative, digest, len(data), mode=stat.S_IMODE(info.st_mode))


def report_id_for(raw: RawFile) -> str:
    """sha256 of the content; an unreadable file gets a stable id from its name instead."""
    if raw.sha256:
        return raw.sha256
    return hashlib.sha256(f"unreadable:{raw.source_file}".encode()).hexdigest()


def parse_files(root: Path, files: Iterable[RawFile],
                progress: Callable[[int], None] | None = None) -> list[ParseOutcome]:
    """Convert (HTML, PDF, .docx) and parse each file, one at a time; a file that fails
    becomes a rejected outcome, never an exception. Each outcome keeps the text the parser
    read, which `source_line` counts lines of."""
    root = root.resolve()
    outcomes: list[ParseOutcome] = []
    by_content: dict[str, Read] = {}
    for done, raw in enumerate(files, start=1):
        source = SourceDocument(report_id_for(raw), raw.source_file)
        if not raw.sha256 or raw.sha256 not in by_content:
            by_content[raw.sha256] = _parse_one(root, raw)
            if not gc.isenabled() and source_format_of(raw.source_file):
                # Reading a PDF or .docx leaves reference cycles that hold ~250 kB each
                # (the document's objects): with the cycle collector paused for a
                # part, 2,000 of them doubled a parse step's memory. The youngest
                # generation holds only what was made since the last file.
                gc.collect(0)
        read = by_content[raw.sha256]
        if read.slow_pages:
            log.info("%s: %d PDF page(s) read by the slower reader", raw.source_file,
                     read.slow_pages)
        outcomes.append(ParseOutcome(source, read.result, read.rendering, read.slow_pages))
        if progress is not None:
            progress(done)
    return outcomes


# Reports per staged part: ~50 MB of Python objects while a part is parsed, ~10 MB of
# frames once built, and few enough parts that per-part costs (a Parquet file per table,
# a pandera call per model in the asset checks) stay small.
PART_SIZE = 2000


@dataclass(slots=True)
class SlowReads:
    """How often the slower PDF reader was needed (pipelines/parsing/_formats/_pdf.py)."""

    reports: int = 0
    pages: int = 0


def parse_into_parts(root: Path, files: Iterable[RawFile], folder: Path,
                     progress: Callable[[int], None] | None = None,
                     part_size: int = PART_SIZE,
                     slow: SlowReads | None = None) -> tuple[Part, ...]:
    """Parse `files` a part at a time into Parquet folders below `folder` (see
    pipelines.staging): however many files there are, memory holds one part. `slow`, if
    given, counts the PDF reports and pages read by the slower reader."""
    ordered = sorted(files, key=_content_key)
    parts: list[Part] = []
    done = 0
    for index, chunk in enumerate(chunked(ordered, part_size, key=_content_key)):
        with _cyclic_gc_paused():
            outcomes = parse_files(root, chunk)
            if slow is not None:
                slow.reports += sum(1 for o in outcomes if o.slow_pages)
                slow.pages += sum(o.slow_pages for o in outcomes)
            batch = build_batch(outcomes)
        parts.append(write_part(folder / f"{index:05d}", batch_frames(batch)))
        done += len(chunk)
        if progress is not None:
            progress(done)
    return tuple(parts)


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """A part's reports are ~500k small objects that all live until its frames are built.
    CPython's cycle collector walked them over and over, finding almost nothing, for a
    quarter of the parse time; reference counting still frees them as before, and the few
    cycles (a caught rejection and its traceback) wait for the collector to run again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _content_key(raw: RawFile) -> str:
    return raw.sha256 or report_id_for(raw)


@dataclass(frozen=True, slots=True)
class Read:
    """What reading one file gave: the report or why not, and the text the parser read."""

    result: ParsedReport | ReportRejected
    rendering: str | None = None
    slow_pages: int = 0  # PDF pages read by the slower reader


def _parse_one(root: Path, raw: RawFile) -> Read:
    if raw.problem:
        return Read(ReportRejected(f"{raw.source_file}: {raw.problem}"))
    converted = None
    try:
        converted = render_bytes(_read_inside(root, raw), raw.source_file)
        return Read(parse_converted(converted, raw.source_file), converted.text,
                    converted.slow_pages)
    except ReportRejected as exc:
        return _rejected(exc, converted)
    except Exception as exc:  # a converter or parser bug must not stop the other reports
        log.exception("parser failed on %s", raw.source_file)
        return _rejected(ReportRejected(f"{raw.source_file}: internal parser error "
                                        f"({type(exc).__name__}: {exc})"), converted)


def _rejected(exc: ReportRejected, converted: Converted | None) -> Read:
    # A file rejected after its conversion keeps its text: the reason may name a line.
    if converted is None:
        return Read(exc)
    return Read(exc, converted.text, converted.slow_pages)


def _read_inside(root: Path, raw: RawFile) -> bytes:
    """The file's bytes, if it still lies inside the raw folder and still holds what the
    scan hashed: a file swapped (for a link, or new content) after the scan is refused."""
    # os.path on strings: pathlib's resolve() cost as much as reading and hashing the file.
    target = os.path.realpath(os.path.join(root, raw.source_file))
    if not target.startswith(os.path.join(root, "")):
        raise ReportRejected(f"{raw.source_file}: link points outside the raw folder")
    with open(target, "rb") as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != raw.sha256:
        raise ReportRejected(f"{raw.source_file}: changed while being read; it will be "
                             f"read again on the next run")
    return data


def parse_folder(root: Path) -> Batch:
    files = scan_raw_folder(root)
    return build_batch(parse_files(root, files))


# --- incremental ingestion -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class IngestPlan:
    """What a run must parse and what it can take over from the previous warehouse.

    A file is reused when its content (sha256) is already in the previous warehouse, under
    any name: its facts, checks and issues are copied from there and its report row keeps
    the stored metadata and status. A changed file has a new sha256, so it is parsed and its
    old content's rows go (unless another file still holds that content). A deleted file's
    report row and content rows leave the warehouse: the warehouse mirrors the raw folder.
    """

    to_parse: tuple[RawFile, ...]
    reused_reports: pl.DataFrame  # REPORT_SCHEMA, one row per reused file, stored status
    previous: Path | None  # the warehouse the reused rows are copied from
    removed: tuple[str, ...]  # source files of the previous warehouse no longer present
    # Files in `to_parse` whose content is stored, but was produced by another parser.
    reparsed: tuple[str, ...] = ()

    @property
    def reused_ids(self) -> pl.Series:
        return self.reused_reports["report_id"].unique().sort()



def plan_ingest(files: Sequence[RawFile], previous_reports: pl.DataFrame | None,
                previous: Path | None, parser_version: str | None = None) -> IngestPlan:
    """Split `files` into content to parse and content to reuse from `previous_reports`
    (the `reports` table of the warehouse at `previous`, or None for a full load).

    With `parser_version`, only content stored by that version of the parser is reused
    (`previous_reports` then needs its parser_version column): a parser release reaches
    every stored report, and the plan names the files parsed again for it.
    """
    empty = pl.DataFrame(schema=REPORT_SCHEMA)
    if previous_reports is None or previous is None:
        return IngestPlan(tuple(files), empty, None, ())
    # Rejections of unreadable files depend on the file system, not on content: re-check.
    known = previous_reports.unique("report_id", keep="first", maintain_order=True)
    stored = set(known["report_id"].to_list())
    if parser_version is not None:
        known = known.filter(pl.col("parser_version") == parser_version)
    current_ids = set(known["report_id"].to_list())
    reuse = [f for f in files if f.sha256 and f.sha256 in current_ids]
    to_parse = tuple(f for f in files if not (f.sha256 and f.sha256 in current_ids))
    reparsed = tuple(f.source_file for f in to_parse if f.sha256 and f.sha256 in stored)
    current = pl.DataFrame(
        {"source_file": [f.source_file for f in reuse],
         "report_id": [f.sha256 for f in reuse]},
        schema={"source_file": pl.String, "report_id": pl.String},
    )
    reused = (current.join(known.drop("source_file"), on="report_id", how="left")
              .select(list(REPORT_SCHEMA)).cast(REPORT_SCHEMA))
    listed = {f.source_file for f in files}
    removed = tuple(sorted(set(previous_reports["source_file"].to_list()) - listed))
    return IngestPlan(to_parse, reused, previous, removed, reparsed)


# Content goes to a bucket by its sha256, so files with the same bytes always share a
# bucket and their facts are stored once (frames.build_batch).
PARSE_BUCKETS = 4
# Below this many files one bucket is cheaper than starting several steps (PLATFORM.md).
MIN_FILES_PER_BUCKET = 2000


# What reading a file costs beside a text report, by the format its name claims (measured
# per document on the benchmark's corpora: a text report ~2 ms of CPU, an HTML page ~5 ms,
# a PDF ~15 ms, a .docx ~20 ms). Only the number of buckets depends on it, never what a
# file holds.
_COST = {"pdf": 8, "docx": 8, "html": 2}


def reading_cost(raw: RawFile) -> int:
    """A file's cost in text reports, for planning the parse steps."""
    return _COST.get(source_format_of(raw.source_file) or "text", 1)


def bucket_files(files: Sequence[RawFile], buckets: int = PARSE_BUCKETS,
                 min_files: int = MIN_FILES_PER_BUCKET) -> dict[int, list[RawFile]]:
    """Static hash buckets of the files' content: bucket -> files, never empty. A bucket
    takes `min_files` text reports' worth of reading (a PDF counts as several)."""
    work = sum(reading_cost(f) for f in files)
    count = max(1, min(buckets, work // max(1, min_files)))
    out: dict[int, list[RawFile]] = {}
    for f in files:
        key = f.sha256 or report_id_for(f)
        out.setdefault(int(key[:8], 16) % count, []).append(f)
    return dict(sorted(out.items())) or {0: []}


def unchanged_since(reports: pl.DataFrame, new_rows: int,
                    previous_reports: pl.DataFrame | None) -> bool:
    """True when a load would rebuild the previous warehouse as it is: no new content rows
    and the same files with the same content (and so the same stored status)."""
    if previous_reports is None or new_rows:
        return False
    key = ["source_file", "report_id"]
    return reports.select(key).sort(key).equals(previous_reports.select(key).sort(key))
