"""What each raw file held when it was last hashed, known again from its stat alone.

A run with nothing new still had to read and hash every raw file to learn that nothing
changed: for a folder of published documents (PDFs of 40 kB where a text report is 10 kB)
that was the larger part of a no-op run's own work, and it grew with the bytes, not the
files. Like git's index, this keeps (size, mtime, ctime, inode, device) -> sha256 per path
and trusts an entry only when all five still match the file:

- an edit changes the ctime even when it keeps the size and its mtime is set back
  (`touch -d`, `os.utime`): only the kernel sets a ctime, to the time of the change;
- a file renamed, replaced by another (written and renamed over it, as editors and
  rsync do) or swapped with another has another inode or ctime under that path;
- an entry is recorded only for a file that had not changed for `_SETTLED_NS` before the
  scan began ("racily clean" in git's words): a file written in the same clock tick as
  the stat taken of it could change again without its times moving; such a file is
  hashed again on the next scan until it has settled.

Losing the index costs time, never correctness: an absent, unreadable or foreign index
is ignored and every file is hashed, as before. It lives beside the warehouse (the
index of the folder that warehouse is loaded from), readable by its owner only.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

__all__ = ["ContentIndex", "index_path"]

log = logging.getLogger(__name__)

# A file whose mtime or ctime is this close to the scan's start (or after it) is not
# recorded: file times come from the kernel's coarse clock, a few ms behind the one
# time.time_ns() reads, and a network file system's server clock may differ by more.
_SETTLED_NS = 2_000_000_000

_SCHEMA = {"path": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64, "ctime_ns": pl.Int64,
           "inode": pl.UInt64, "device": pl.UInt64, "sha256": pl.String}

# (size, mtime_ns, ctime_ns, inode, device)
Stamp = tuple[int, int, int, int, int]


def index_path(warehouse: Path) -> Path:
    """Where the index of the folder loaded into `warehouse` is kept."""
    return warehouse.with_name(warehouse.name + ".hashes.parquet")


def _stamp(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


@dataclass(slots=True)
class ContentIndex:
    """The hashes known from the last scan, and those this scan learns. Make it right
    before the scan: entries of files changed shortly before then are not kept."""

    known: dict[str, tuple[Stamp, str]] = field(default_factory=dict)
    started_ns: int = field(default_factory=time.time_ns)
    settled_ns: int = _SETTLED_NS
    seen: dict[str, tuple[Stamp, str]] = field(default_factory=dict)
    hits: int = 0
    hashed: int = 0

    @classmethod
    def load(cls, path: Path, settled_ns: int | None = None) -> ContentIndex:
        """The index stored at `path`; empty when there is none or it cannot be read.
        `settled_ns`: how long a file must have been left alone before the scan to be
        recorded (default `_SETTLED_NS`)."""
        fresh = cls(started_ns=time.time_ns(),
                    settled_ns=_SETTLED_NS if settled_ns is None else settled_ns)
        try:
            frame = pl.read_parquet(path)
        except FileNotFoundError:
            return fresh
        except Exception as exc:  # a cut or foreign file: hash everything, as without one
            log.warning("%s: content index not readable (%s); every file is hashed",
                        path, exc)
            return fresh
        if dict(frame.schema) != _SCHEMA:
            log.warning("%s: content index of another layout; every file is hashed", path)
            return fresh
        columns = [frame[name].to_list() for name in _SCHEMA]
        fresh.known = {name: ((size, mtime, ctime, inode, device), sha)
                       for name, size, mtime, ctime, inode, device, sha
                       in zip(*columns, strict=True)}
        return fresh

    def lookup(self, path: str, info: os.stat_result) -> str | None:
        """The sha256 of the regular file at `path` (absolute) if its stat `info` is the
        one recorded with it, else None."""
        entry = self.known.get(path)
        if entry is None or entry[0] != _stamp(info):
            return None
        self.seen[path] = entry
        self.hits += 1
        return entry[1]

    def record(self, path: str, info: os.stat_result, sha256: str, keep: bool = True) -> None:
        """`sha256` was read from the file at `path` after its stat was `info` (taken
        before the read: a change during the read moves its ctime past this one).
        `keep=False` counts the read without recording it."""
        self.hashed += 1
        settled = self.started_ns - self.settled_ns
        if keep and info.st_mtime_ns < settled and info.st_ctime_ns < settled:
            self.seen[path] = (_stamp(info), sha256)

    def save(self, path: Path) -> None:
        """Write the entries of this scan (atomically, mode 0600); nothing when they are
        the ones loaded. A failure to write costs the next run time only: logged."""
        if self.seen.keys() == self.known.keys() and self.hits == len(self.seen):
            return
        rows = [(name, *stamp, sha) for name, (stamp, sha) in self.seen.items()]
        frame = pl.DataFrame(rows, schema=_SCHEMA, orient="row")
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                frame.write_parquet(handle)
            os.replace(temporary, path)
        except OSError as exc:
            log.warning("%s: content index not written (%s); the next run hashes every "
                        "file", path, exc)
            temporary.unlink(missing_ok=True)
