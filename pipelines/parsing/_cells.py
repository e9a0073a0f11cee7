"""Normalized lines of one table region -> a flat stream of cells.

A layout is only a way of cutting lines into cells; everything after this stage is the
same for every layout. Blank cells are kept (they are NULLs in the report); empty lines
are separators and yield no cell.
"""

from __future__ import annotations

import re

from pipelines.parsing._normalize import Lines
from pipelines.parsing._types import Cell
from pipelines.parsing._values import is_value_text

_WS = re.compile(r"\s+")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_SPACE_GAP = re.compile(r"\s+")


def region_cells(lines: Lines, start: int, end: int) -> list[Cell]:
    """Cells of lines[start:end] (0-based, end exclusive), in reading order."""
    tabbed = _is_tabbed(lines.norm[start:end])
    cells: list[Cell] = []
    for index in range(start, end):
        norm = lines.norm[index]
        if not norm:
            continue
        raw = lines.raw[index]
        same_shape = len(raw) == len(norm)
        if _PIPE_ROW.match(norm):
            if _PIPE_RULE.match(norm):
                continue
            spans = _pipe_spans(norm)
        elif tabbed and "\t" in norm:
            spans = _split_spans(norm, "\t")
        else:
            spans = _free_spans(norm)
        for lo, hi in spans:
            text = norm[lo:hi].strip()
            raw_text = raw[lo:hi].strip() if same_shape else text
            cells.append(Cell(text, raw_text, index + 1))
    return cells


def _is_tabbed(norm: tuple[str, ...]) -> bool:
    # Tab-separated rows put several filled cells on one line; one-cell-per-line layouts
    # indent each cell with a tab but never hold two filled cells on a line.
    rows = sum(1 for line in norm if sum(1 for part in line.split("\t") if part.strip()) >= 2)
    return rows >= 2


def _split_spans(line: str, sep: str) -> list[tuple[int, int]]:
    spans, lo = [], 0
    for part in line.split(sep):
        spans.append((lo, lo + len(part)))
        lo += len(part) + len(sep)
    return spans


def _pipe_spans(line: str) -> list[tuple[int, int]]:
    first = line.index("|")
    last = line.rindex("|")
    return [(lo + first + 1, hi + first + 1) for lo, hi in _split_spans(line[first + 1:last], "|")]


def _free_spans(line: str) -> list[tuple[int, int]]:
    """A line without tabs: one cell, or a label followed by space-separated values.

    PDF text puts a row on one line (`1.属于国家秘密 1 0 0 0 0 0 1`); the label is what
    precedes the run of value tokens at the end of the line.
    """
    if not line.strip():
        return [(0, len(line))]
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    cut = len(tokens)
    while cut > 0 and is_value_text(line[tokens[cut - 1][0]:tokens[cut - 1][1]]):
        cut -= 1
    values = tokens[cut:]
    if len(values) < 2 and not (cut == 0 and values):
        return [(tokens[0][0], tokens[-1][1])]
    if cut == 0:
        return values
    return [(tokens[0][0], tokens[cut - 1][1]), *values]
