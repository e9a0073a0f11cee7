"""From a raw folder to a checked batch: the stages the orchestrator wires together.

File-system walking lives here, not in the parsing library, so the library stays a pure
bytes-in, facts-out function.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipelines.frames import Batch, ParseOutcome, SourceDocument, build_batch
from pipelines.parsing import ParsedReport, ReportRejected, parse_bytes

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RawFile:
    """One entry of the raw folder: where it is and what it holds (sha256)."""

    source_file: str  # POSIX path relative to the raw folder
    sha256: str  # of the bytes; "" when the file could not be read
    size: int
    problem: str | None = None  # why the file cannot be parsed at all


def scan_raw_folder(root: Path) -> list[RawFile]:
    """Every visible file below `root`, sorted by name; links leading outside are refused."""
    root = root.resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"raw folder does not exist: {root}")
    found: list[RawFile] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            found.append(_describe(root, Path(dirpath) / name))
    return sorted(found, key=lambda f: f.source_file)


def _describe(root: Path, path: Path) -> RawFile:
    relative = path.relative_to(root).as_posix()
    target = path.resolve()
    if not target.is_relative_to(root):
        return RawFile(relative, "", 0, "link points outside the raw folder")
    if not target.is_file():
        return RawFile(relative, "", 0, "not a regular file")
    try:
        data = target.read_bytes()
    except OSError as exc:
        return RawFile(relative, "", 0, f"unreadable: {exc.strerror}")
    return RawFile(relative, hashlib.sha256(data).hexdigest(), len(data))


def report_id_for(raw: RawFile) -> str:
    """sha256 of the content; an unreadable file gets a stable id from its name instead."""
    if raw.sha256:
        return raw.sha256
    return hashlib.sha256(f"unreadable:{raw.source_file}".encode()).hexdigest()


def parse_files(root: Path, files: Iterable[RawFile],
                progress: Callable[[int], None] | None = None) -> list[ParseOutcome]:
    """Parse each file; a file that fails becomes a rejected outcome, never an exception."""
    root = root.resolve()
    outcomes: list[ParseOutcome] = []
    by_content: dict[str, ParsedReport | ReportRejected] = {}
    for done, raw in enumerate(files, start=1):
        source = SourceDocument(report_id_for(raw), raw.source_file)
        if not raw.sha256 or raw.sha256 not in by_content:
            by_content[raw.sha256] = _parse_one(root, raw)
        outcomes.append(ParseOutcome(source, by_content[raw.sha256]))
        if progress is not None:
            progress(done)
    return outcomes


def _parse_one(root: Path, raw: RawFile) -> ParsedReport | ReportRejected:
    if raw.problem:
        return ReportRejected(f"{raw.source_file}: {raw.problem}")
    try:
        data = (root / raw.source_file).read_bytes()
        return parse_bytes(data, raw.source_file)
    except ReportRejected as exc:
        return exc
    except Exception as exc:  # a parser bug must not stop the other reports
        log.exception("parser failed on %s", raw.source_file)
        return ReportRejected(f"{raw.source_file}: internal parser error "
                              f"({type(exc).__name__}: {exc})")


def parse_folder(root: Path) -> Batch:
    files = scan_raw_folder(root)
    return build_batch(parse_files(root, files))
