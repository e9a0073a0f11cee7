"""Frames handed between pipeline steps as Parquet files, one folder per part.

A national corpus has some 20 million facts: held as frames in one process, they would
outgrow the memory of the machine long before the load. Each parse step writes its frames
part by part (a few thousand reports each), validation reads one part at a time, and
DuckDB reads the files itself while it loads. What passes between steps is then only the
list of parts, which pickles in microseconds.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import polars as pl

# Parquet's own dictionary encoding keeps report_id (64 hex characters on every fact row)
# small on disk; zstd is the cheapest codec to write at this size here.
_COMPRESSION = "zstd"

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Part:
    """One folder holding `<frame>.parquet` per frame, and the row count of each."""

    folder: Path
    rows: Mapping[str, int]

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"


def write_part(folder: Path, frames: Mapping[str, pl.DataFrame]) -> Part:
    """Write every frame (even an empty one, so its schema travels) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.write_parquet(folder / f"{name}.parquet", compression=_COMPRESSION,
                            statistics=False)
    return Part(folder, {name: frame.height for name, frame in frames.items()})


def read_frames(part: Part, names: Iterable[str]) -> dict[str, pl.DataFrame]:
    return {name: pl.read_parquet(part.path(name)) for name in names}


def total_rows(parts: Iterable[Part], name: str) -> int:
    return sum(part.rows.get(name, 0) for part in parts)


def chunked(items: Sequence[T], size: int, key: Callable[[T], object]) -> Iterator[list[T]]:
    """`items` in consecutive chunks of about `size`, never splitting a run of items with
    the same key (files with the same content stay in one part: their facts are shared)."""
    chunk: list[T] = []
    for item in items:
        if len(chunk) >= size and key(item) != key(chunk[-1]):
            yield chunk
            chunk = []
        chunk.append(item)
    if chunk:
        yield chunk


def run_folder(root: Path, run_id: str) -> Path:
    """Where one run's parts live: under the Dagster instance's storage, like the outputs
    its IO manager writes, so every step of the run (any process) finds them."""
    return root / run_id


def remove_finished_runs(root: Path, is_active: Callable[[str], bool]) -> list[str]:
    """Delete the part folders of runs that no longer run; return their run ids.

    They are kept until the next run rather than deleted at the end of their own: a
    non-blocking asset check may still be reading them when the load finishes.
    """
    if not root.is_dir():
        return []
    removed = []
    for folder in sorted(root.iterdir()):
        if folder.is_dir() and not is_active(folder.name):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
