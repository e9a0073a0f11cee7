"""The one writer of the DuckDB warehouse: build a complete new file, then swap it in.

A load never modifies the warehouse in place. It builds `<target>.building-<pid>` in the
same directory, fills it, checkpoints, closes and fsyncs it, and `os.replace`s it over the
target. A failure at any step removes the new file and leaves the old one as it was, and
readers connected to the old file keep reading it until they reconnect (PLATFORM.md).

Every SQL statement comes from the `sql` package. Values reach DuckDB only as registered
frames (`staged_*` relations), never as text inside a statement.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import importlib.resources
import os
import re
import shutil
import stat
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipelines import versions
from pipelines.agencies import agency_frames
from pipelines.frames import (
    APPLICATION_SCHEMA,
    CHECK_SCHEMA,
    ISSUE_SCHEMA,
    LINE_SCHEMA,
    PROACTIVE_SCHEMA,
    REPORT_SCHEMA,
    REVIEW_SCHEMA,
)
from pipelines.parsing import vocabulary

__all__ = [
    "LoadSummary",
    "ParquetFiles",
    "Reuse",
    "WarehouseBusy",
    "WarehouseError",
    "WarehouseMoved",
    "WarehouseStamp",
    "WarehouseTables",
    "build_warehouse",
    "built_by_current_code",
    "connect_readonly",
    "load_sql",
    "warehouse_stamp",
    "writer_lock",
    "read_previous",
    "read_previous_reports",
    "stored_versions",
]

# Run in this order on the empty file: the contract tables, then the analyst views on them.
DDL_FILES = ("tables.sql", "agency_tables.sql", "views.sql", "agency_views.sql")
# A new file: its tables and views, the new rows, the rows reused from the previous
# warehouse, then what is derived from all of them.
BUILD_STEPS = (*DDL_FILES, "load.sql", "reuse.sql", "figures.sql", "agencies.sql")
# A copy of the previous warehouse: all but the reused rows removed, then filled the same
# way. Copying the file and removing a few rows is much cheaper than inserting 20 M again.
AMEND_STEPS = ("prune.sql", "load.sql", "figures.sql", "agencies.sql")
# Below this share of the previous warehouse's content reused, a new file is cheaper.
AMEND_MIN_REUSED_SHARE = 0.5

# A new warehouse is never more open than rw-r--r--, whatever the umask allows.
MAX_FILE_MODE = 0o644

# DuckDB takes 80 % of RAM by default; the load's hash aggregates (sql/violations.sql) over
# 20 M facts would take several GB of it. Past this limit DuckDB spills to a temporary
# folder beside the file it builds, which it removes when the connection closes.
LOAD_MEMORY_LIMIT = os.environ.get("WAREHOUSE_LOAD_MEMORY", "500MB")
_LOAD_CONFIG = {"memory_limit": LOAD_MEMORY_LIMIT}


@dataclass(frozen=True, slots=True)
class Reuse:
    """Content rows to copy from a previous warehouse instead of parsing again.

    Every row of the content-keyed tables (facts, checks, issues) whose report_id is in
    `report_ids` is streamed from `source` into the new file; the report rows themselves
    are in `WarehouseTables.reports` like any other.
    """

    source: Path
    report_ids: pl.Series


@dataclass(frozen=True, slots=True)
class ParquetFiles:
    """A contract table's rows in Parquet files with the columns of its schema.

    DuckDB reads them while it loads, so a corpus never has to fit in this process.
    """

    paths: tuple[Path, ...]
    rows: int

    @property
    def height(self) -> int:  # the one frame attribute the pipeline asks of a table
        return self.rows


TableRows = pl.DataFrame | ParquetFiles


@dataclass(frozen=True, slots=True)
class WarehouseTables:
    """The contract tables (columns of the schemas in pipelines.frames), as polars frames
    or, for the large ones, as Parquet files.

    `reports` has one row per file with its final status; the other tables are keyed by
    report_id and may repeat the rows of files that share their content.
    """

    reports: pl.DataFrame
    applications: TableRows
    review_litigation: TableRows
    proactive: TableRows
    checks: TableRows
    issues: TableRows
    # Each report's text as read, a row per line (what source_line points into).
    lines: TableRows = dataclasses.field(
        default_factory=lambda: pl.DataFrame(schema=LINE_SCHEMA))
    reuse: Reuse | None = None  # more content rows, in a previous warehouse
    # Permission bits the warehouse may have at most: the raw files' own, so loading them
    # never makes their numbers readable by more people than the files were.
    mode_cap: int = MAX_FILE_MODE
    # The warehouse these tables were planned against (warehouse_stamp); False when the
    # caller does not care which warehouse it replaces.
    planned_against: tuple[int, int, int] | None | bool = False


@dataclass(frozen=True, slots=True)
class LoadSummary:
    target: Path
    loaded_at: dt.datetime  # UTC, as stored in reports.loaded_at
    row_counts: Mapping[str, int]  # table name -> rows in the new warehouse
    reports_valid: int
    reports_flagged: int
    reports_rejected: int
    # Started from a copy of the previous warehouse (AMEND_STEPS) rather than a new file.
    amended: bool = False


class WarehouseError(Exception):
    """The frames break the warehouse contract; nothing was written."""


class WarehouseBusy(WarehouseError):
    """Another load holds the warehouse; nothing was written."""


class WarehouseMoved(WarehouseError):
    """The warehouse was replaced after the load read it; nothing was written."""


# How long a second writer waits for the first (WAREHOUSE_LOCK_WAIT seconds): a load at
# 100k reports takes ~20 s, a first load of a large corpus a few minutes.
LOCK_WAIT_SECONDS = float(os.environ.get("WAREHOUSE_LOCK_WAIT", "900"))
_LOCK_POLL_SECONDS = 0.2


# WarehouseTables field -> (warehouse table, frame schema). The staged relation of a field
# is `staged_<field>`, the name sql/load.sql and sql/violations.sql read.
_TABLES: dict[str, tuple[str, dict[str, pl.DataType]]] = {
    "reports": ("reports", REPORT_SCHEMA),
    "applications": ("fact_applications", APPLICATION_SCHEMA),
    "review_litigation": ("fact_review_litigation", REVIEW_SCHEMA),
    "proactive": ("fact_proactive_disclosure", PROACTIVE_SCHEMA),
    "checks": ("report_checks", CHECK_SCHEMA),
    "issues": ("report_issues", ISSUE_SCHEMA),
    "lines": ("report_lines", LINE_SCHEMA),
}

_TERM_DIMENSIONS = {
    "outcome": vocabulary.OUTCOMES,
    "applicant_type": vocabulary.APPLICANT_TYPES,
    "proceeding": vocabulary.PROCEEDINGS,
    "result": vocabulary.RESULTS,
}


def load_sql(name: str) -> str:
    """The text of `sql/<name>` (e.g. `load_sql("tables.sql")`)."""
    return importlib.resources.files("sql").joinpath(name).read_text(encoding="utf-8")


def connect_readonly(target: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection: many processes may hold one, and a load can still swap."""
    return duckdb.connect(str(target), read_only=True)


# What a load read the warehouse as: (inode, size, mtime in ns), or None when there was
# none. Every load swaps in a new file, so a load in between changes it.
WarehouseStamp = tuple[int, int, int] | None


def warehouse_stamp(target: Path) -> WarehouseStamp:
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


@contextlib.contextmanager
def writer_lock(target: Path, wait_seconds: float | None = None) -> Iterator[None]:
    """Hold `<target>.lock` while a load writes `target`: a second writer, from any run
    or entry point, waits for the first and gives up with one line after `wait_seconds`.

    An advisory flock, released by the kernel when its process dies (a killed load never
    leaves the warehouse locked). The file itself stays: deleting it would let a third
    writer lock a new file while the second still holds the old one.
    """
    wait = LOCK_WAIT_SECONDS if wait_seconds is None else wait_seconds
    lock = target.with_name(target.name + ".lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
                    raise WarehouseBusy(
                        f"{target}: another load (pid {holder}) is writing it; waited "
                        f"{wait:.0f} s, nothing written") from None
                time.sleep(_LOCK_POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def held_by_another_writer(target: Path, holder: str) -> str:
    """The one wording for a warehouse that another process has open for writing."""
    return (f"warehouse {target} is held by another writer ({holder}): wait for it to "
            "finish, or close that connection")


def other_writer(target: Path) -> str | None:
    """Who holds `target` open for writing, from DuckDB's own lock error; None if nobody
    does (or there is no file yet)."""
    if not target.is_file():
        return None
    try:
        connect_readonly(target).close()
    except duckdb.IOException as exc:
        if "lock" not in str(exc):
            raise
        found = re.search(r"\(PID (\d+)\)", str(exc))
        return f"process {found.group(1)}" if found else "another process"
    return None


def build_warehouse(target: Path, tables: WarehouseTables) -> LoadSummary:
    """Build a complete warehouse from `tables` and atomically replace `target` with it.

    Loads of one target run one at a time (writer_lock). When the tables say which
    warehouse they were planned against (`planned_against`), a target that another load
    replaced meanwhile is left alone and WarehouseMoved raised: the rows this load reuses,
    and the files it knows to be removed, belong to the old one.
    """
    target = Path(target)
    _require_columns(tables)
    with writer_lock(target):
        expected = tables.planned_against
        if expected is not False and warehouse_stamp(target) != expected:
            raise WarehouseMoved(
                f"{target}: replaced by another load after this one read it; nothing "
                f"written, the next run loads from the new one")
        return _build(target, tables)


def _build(target: Path, tables: WarehouseTables) -> LoadSummary:
    loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    building = target.with_name(f"{target.name}.building-{os.getpid()}")
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_database(building)  # left over by a crashed load that had our pid
    _remove_stale_builds(target)  # left over by loads killed before they could clean up
    amended = tables.reuse is not None and _amendable(target, tables.reuse)
    try:
        if amended:
            shutil.copyfile(target, building)
            rows, statuses = _fill(building, tables, loaded_at, {}, AMEND_STEPS)
        else:
            with _previous_rows(tables.reuse) as previous:
                rows, statuses = _fill(building, tables, loaded_at, previous, BUILD_STEPS)
        _seal(building, tables.mode_cap)
        _swap(building, target)
    except BaseException:
        _remove_database(building)
        raise
    return LoadSummary(
        target=target,
        loaded_at=loaded_at,
        row_counts=rows,
        reports_valid=statuses.get("valid", 0),
        reports_flagged=statuses.get("flagged", 0),
        reports_rejected=statuses.get("rejected", 0),
        amended=amended,
    )


def read_previous(target: Path) -> WarehouseTables | None:
    """The contract tables of an existing warehouse as frames, or None if there is none.

    For incremental loads: rows of files whose report_id is unchanged can be passed back
    to `build_warehouse` instead of parsing the file again.
    """
    target = Path(target)
    if not target.exists():
        return None
    with connect_readonly(target) as con:
        frames = {
            field: _read_table(con, table, schema) for field, (table, schema) in _TABLES.items()
        }
    return WarehouseTables(**frames)


def _amendable(target: Path, reuse: Reuse) -> bool:
    """Whether the load can start from a copy of `target`: the rows it reuses are there,
    in tables of the current definitions, and they are most of what is there."""
    if (not target.exists() or _wal(target).exists()
            or Path(reuse.source).resolve() != target.resolve()
            or predates_definitions(target)):
        return False
    with connect_readonly(target) as con:
        (stored,) = con.execute(load_sql("content_count.sql")).fetchone() or (0,)
    return stored > 0 and reuse.report_ids.len() >= AMEND_MIN_REUSED_SHARE * stored


def predates_definitions(target: Path) -> bool:
    """True when `target` was not built by the SQL in sql/ now (a new view, say): then even
    an unchanged corpus needs a rebuild to show it. Decided by the digest of sql/ that the
    load stored (pipelines/versions.py), never by file times."""
    stored = stored_versions(target)
    return stored is None or stored[0] != versions.sql_version()


def stored_versions(target: Path) -> tuple[str, str] | None:
    """(sql_version, parser_version) of the load that built `target`, or None when it has
    no record of them (built before they were recorded, or not a warehouse)."""
    if not Path(target).exists():
        return None
    try:
        with connect_readonly(Path(target)) as con:
            row = con.execute(load_sql("build_versions.sql")).fetchone()
    except duckdb.Error:
        return None
    return (str(row[0]), str(row[1])) if row else None


def built_by_current_code(target: Path) -> bool:
    """True when `target` was built by this SQL from reports of this parser."""
    return stored_versions(target) == (versions.sql_version(), versions.parser_version())


# The reports table as a load compares it: the contract's columns and what produced them.
PREVIOUS_REPORT_SCHEMA: dict[str, pl.DataType] = {**REPORT_SCHEMA, "parser_version": pl.String}


def read_previous_reports(target: Path) -> pl.DataFrame | None:
    """The `reports` table of an existing warehouse (PREVIOUS_REPORT_SCHEMA columns), or
    None when there is no warehouse or it lacks those columns (then everything is parsed)."""
    target = Path(target)
    if not target.exists():
        return None
    try:
        with connect_readonly(target) as con:
            return _read_table(con, "reports", PREVIOUS_REPORT_SCHEMA)
    except duckdb.Error:
        return None


@contextlib.contextmanager
def _previous_rows(
    reuse: Reuse | None,
) -> Iterator[dict[str, duckdb.DuckDBPyRelation]]:
    """field -> the reused rows of that table in the previous warehouse, as relations of a
    read-only connection that stays open while the new file is filled (they stream)."""
    if reuse is None or reuse.report_ids.is_empty():
        yield {}
        return
    with connect_readonly(reuse.source) as con:
        ids = pl.DataFrame({"report_id": reuse.report_ids.cast(pl.String)})
        con.register("reused_ids", _ArrowStream(ids))
        yield {
            field: con.table(table)
            .select(*(duckdb.ColumnExpression(name) for name in schema))
            .join(con.view("reused_ids"), "report_id", how="semi")
            for field, (table, schema) in _TABLES.items()
            if field != "reports"
        }


def _read_table(
    con: duckdb.DuckDBPyConnection, table: str, schema: dict[str, pl.DataType]
) -> pl.DataFrame:
    columns = [duckdb.ColumnExpression(name) for name in schema]
    # The relation exports an Arrow C stream, which polars reads without pyarrow.
    frame = pl.DataFrame(con.table(table).select(*columns))
    return frame.cast(schema)


def _require_columns(tables: WarehouseTables) -> None:
    missing = {
        field: sorted(set(schema) - set(_columns(getattr(tables, field), schema)))
        for field, (_, schema) in _TABLES.items()
    }
    missing = {field: columns for field, columns in missing.items() if columns}
    if missing:
        raise WarehouseError(f"frames lack contract columns: {missing}")


def _columns(rows: TableRows, schema: dict[str, pl.DataType]) -> list[str]:
    if isinstance(rows, ParquetFiles):
        # No files is no rows: staged as an empty frame of the schema (_relation).
        return list(pl.read_parquet_schema(rows.paths[0])) if rows.paths else list(schema)
    return rows.columns


def _fill(
    path: Path, tables: WarehouseTables, loaded_at: dt.datetime,
    previous: Mapping[str, duckdb.DuckDBPyRelation], steps: tuple[str, ...],
) -> tuple[dict[str, int], dict[str, int]]:
    """Fill the database at `path` (new, or a copy of the previous warehouse) by running
    the SQL files `steps` in one transaction; return rows per table and files per status."""
    with duckdb.connect(str(path), config=_LOAD_CONFIG) as con:
        _stage(con, tables, loaded_at, previous)
        con.begin()
        for name in steps:
            con.execute(load_sql(name))
        _refuse_violations(con)
        con.commit()
        rows = dict(con.execute(load_sql("row_counts.sql")).fetchall())
        statuses = dict(con.execute(load_sql("report_status_counts.sql")).fetchall())
        con.checkpoint()
    return rows, statuses


def _stage(con: duckdb.DuckDBPyConnection, tables: WarehouseTables, loaded_at: dt.datetime,
           previous: Mapping[str, duckdb.DuckDBPyRelation]) -> None:
    for field, (_, schema) in _TABLES.items():
        # register(), not create_view(): a relation's create_view() is a persistent view,
        # which would outlive the load inside the warehouse file.
        con.register(f"staged_{field}", _relation(con, field, getattr(tables, field), schema))
        if field != "reports":  # content reused from the previous warehouse (sql/reuse.sql)
            rows = previous[field] if field in previous else pl.DataFrame(schema=schema)
            con.register(f"previous_{field}", _ArrowStream(rows))
    # The content a copied warehouse keeps (sql/prune.sql).
    reused = pl.Series("report_id", [], dtype=pl.String)
    if tables.reuse is not None:
        reused = tables.reuse.report_ids.cast(pl.String).rename("report_id")
    con.register("staged_reused_ids", _ArrowStream(reused.to_frame()))
    terms, item_measures = _vocabulary_frames()
    con.register("staged_terms", _ArrowStream(terms))
    con.register("staged_item_measures", _ArrowStream(item_measures))
    # Every report of a load has the current parser's version: a report of another version
    # is parsed again, never reused (pipelines/ingest.py: plan_ingest).
    load = pl.DataFrame({"loaded_at": [loaded_at], "parser_version": [versions.parser_version()],
                         "sql_version": [versions.sql_version()]},
                        schema={"loaded_at": pl.Datetime("us"), "parser_version": pl.String,
                                "sql_version": pl.String})
    con.register("staged_load", _ArrowStream(load))
    # Agency identity is computed from every report of the load, reused ones included, so
    # an id never depends on which files happened to be parsed this time (sql/agencies.sql).
    agencies = agency_frames(tables.reports)
    con.register("staged_agencies", _ArrowStream(agencies.agencies))
    con.register("staged_agency_aliases", _ArrowStream(agencies.aliases))
    con.register("staged_report_agencies", _ArrowStream(agencies.report_agencies))
    con.register("staged_sectors", _ArrowStream(agencies.sectors))


def _relation(con: duckdb.DuckDBPyConnection, field: str, rows: TableRows,
              schema: dict[str, pl.DataType]) -> duckdb.DuckDBPyRelation:
    columns = [duckdb.ColumnExpression(name) for name in schema]
    if isinstance(rows, ParquetFiles):
        if rows.paths:
            return con.read_parquet([str(path) for path in rows.paths]).select(*columns)
        rows = pl.DataFrame(schema=schema)
    # Registered rather than wrapped once: load.sql scans some relations twice, and a
    # registered object hands DuckDB a fresh Arrow stream for every scan.
    con.register(f"frame_{field}", _ArrowStream(rows))
    return con.view(f"frame_{field}").select(*columns)


def _refuse_violations(con: duckdb.DuckDBPyConnection) -> None:
    found = con.execute(load_sql("violations.sql")).fetchall()
    if found:
        listed = "\n".join(
            f"  {table} {report_id}: {problem}" for table, report_id, problem, _ in found
        )
        raise WarehouseError(f"{found[0][3]} contract violation(s), first {len(found)}:\n{listed}")


def _vocabulary_frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    terms = pl.DataFrame(
        [
            {
                "dimension": dimension,
                "code": term.code,
                "label": term.label,
                "code_group": term.group,
                "templates": list(term.templates),
                "sort_order": term.sort_order,
            }
            for dimension, terms in _TERM_DIMENSIONS.items()
            for term in terms
        ],
        schema={
            "dimension": pl.String,
            "code": pl.String,
            "label": pl.String,
            "code_group": pl.String,
            "templates": pl.List(pl.String),
            "sort_order": pl.Int32,
        },
    )
    item_measures = pl.DataFrame(
        [
            {
                "item": m.item,
                "item_label": m.item_label,
                "measure": m.measure,
                "measure_label": m.measure_label,
                "template": m.template,
                "sort_order": m.sort_order,
                "is_money": m.is_money,
                "is_signed": m.is_signed,
            }
            for m in vocabulary.ITEM_MEASURES
        ],
        schema={
            "item": pl.String,
            "item_label": pl.String,
            "measure": pl.String,
            "measure_label": pl.String,
            "template": pl.String,
            "sort_order": pl.Int32,
            "is_money": pl.Boolean,
            "is_signed": pl.Boolean,
        },
    )
    return terms, item_measures


def _seal(path: Path, mode_cap: int = MAX_FILE_MODE) -> None:
    """Make the closed new file safe to publish: complete on disk, not world-writable."""
    if _wal(path).exists():
        # The data would live partly in a WAL that the swap does not carry along.
        raise WarehouseError(f"{path} still has a write-ahead log after CHECKPOINT")
    # Never more open than the warehouse it replaces: an operator's chmod survives loads.
    replaced = path.with_name(path.name.rsplit(".building-", 1)[0])
    try:
        cap = MAX_FILE_MODE & mode_cap & stat.S_IMODE(os.stat(replaced).st_mode)
    except FileNotFoundError:
        cap = MAX_FILE_MODE & mode_cap
    os.chmod(path, stat.S_IMODE(os.stat(path).st_mode) & cap)
    _fsync(path)


def _swap(building: Path, target: Path) -> None:
    # A WAL beside the target belongs to the old file, whose contents are being discarded;
    # left there, DuckDB would replay it onto the new file at the next connect.
    _wal(target).unlink(missing_ok=True)
    os.replace(building, target)
    _fsync(target.parent)  # make the rename itself durable


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _remove_database(path: Path) -> None:
    path.unlink(missing_ok=True)
    _wal(path).unlink(missing_ok=True)
    shutil.rmtree(_spill(path), ignore_errors=True)


def _spill(path: Path) -> Path:
    """The folder DuckDB spills to past LOAD_MEMORY_LIMIT (its default for a file)."""
    return path.with_name(path.name + ".tmp")


def _remove_stale_builds(target: Path) -> None:
    """Delete `<target>.building-<pid>` files (and their WALs) whose process is gone.

    A load killed with SIGKILL cannot remove its half-built file; without this, every such
    kill would leave a file the size of the warehouse behind for good. A file whose pid
    still runs belongs to a load in progress and is left alone.
    """
    prefix = f"{target.name}.building-"
    for path in target.parent.iterdir():
        if not path.name.startswith(prefix):
            continue
        pid = path.name[len(prefix):].removesuffix(".wal").removesuffix(".tmp")
        if pid.isdigit() and not _running(int(pid)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


class _ArrowStream:
    """Hands a polars frame to DuckDB through the Arrow C stream interface.

    DuckDB recognises a polars DataFrame by its type and converts it with pyarrow, which
    this project does not depend on; an object that only offers `__arrow_c_stream__`
    takes DuckDB's PyCapsule path instead, without pyarrow and without a copy.
    """

    __slots__ = ("_frame",)

    # A DuckDB relation of another connection streams the same way (reused rows).
    def __init__(self, frame: pl.DataFrame | duckdb.DuckDBPyRelation) -> None:
        self._frame = frame

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        return self._frame.__arrow_c_stream__(requested_schema)
