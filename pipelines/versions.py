"""What produced a warehouse: digests of the code that parses and checks, and of the SQL.

A stored report is reused only while the parser, its vocabulary tables and the check
definitions are the ones that produced it; a warehouse is rebuilt when its SQL changed.
Both are decided by content, never by file times: a checkout, a copy or an editor can set
any time on a file, and an old time must not hide a new view or a better parser.

The digests are taken once per process, from the files of the code this process imported
(a long-lived process that has not reloaded its code keeps the version of that code).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
from collections.abc import Mapping
from importlib.resources.abc import Traversable

__all__ = ["digest", "parser_sources", "parser_version", "sql_version"]

# The parsing library (its vocabulary tables included), how its results become frames,
# and the SPEC §6 checks that decide each report's status.
_PARSER_PACKAGES = ("pipelines.parsing", "schemas")
_PARSER_MODULES = (("pipelines", "frames.py"), ("pipelines", "validation.py"))


def digest(files: Mapping[str, bytes]) -> str:
    """16 hex digits of sha256 over every (path, bytes), in path order."""
    h = hashlib.sha256()
    for path in sorted(files):
        data = files[path]
        h.update(f"{path}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:16]


def _walk(root: Traversable, prefix: str) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for entry in root.iterdir():
        name = f"{prefix}/{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                out.update(_walk(entry, name))
        elif not entry.name.endswith((".pyc", ".pyo")):
            out[name] = entry.read_bytes()
    return out


def parser_sources() -> dict[str, bytes]:
    """Path (from the project root) -> bytes of every file the parser version covers."""
    files: dict[str, bytes] = {}
    for package in _PARSER_PACKAGES:
        files.update(_walk(importlib.resources.files(package), package.replace(".", "/")))
    for package, module in _PARSER_MODULES:
        files[f"{package}/{module}"] = importlib.resources.files(package).joinpath(
            module).read_bytes()
    return files


@functools.cache
def parser_version() -> str:
    return digest(parser_sources())


@functools.cache
def sql_version() -> str:
    return digest(_walk(importlib.resources.files("sql"), "sql"))
