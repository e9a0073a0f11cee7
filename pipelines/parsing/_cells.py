"""Normalized lines of one table region -> a flat stream of cells.

A layout is only a way of cutting lines into cells; everything after this stage is the
same for every layout. Blank cells are kept (they are NULLs in the report); empty lines
are separators and yield no cell.
"""

from __future__ import annotations

import functools
import re
from itertools import repeat

from pipelines.parsing._normalize import Lines
from pipelines.parsing._types import Cell, new_cell
from pipelines.parsing._values import is_value_text

_WS = re.compile(r"\s+")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")  # markdown table row
_PIPE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_SIGN_WORD = re.compile(r"[增减]|增加|减少|[+\-]")


def region_cells(lines: Lines, start: int, end: int) -> list[Cell]:
    """Cells of lines[start:end] (0-based, end exclusive), in reading order."""
    norms = lines.norm[start:end]
    tabbed = _is_tabbed(norms)
    cells: list[Cell] = []
    for number, norm, raw in zip(range(start + 1, end + 1), norms, lines.raw[start:end],
                                 strict=True):
        if not norm:
            continue
        texts, spans = (_tabbed_cut if tabbed and "\t" in norm else _free_cut)(norm)
        raw_texts = texts
        if raw != norm and len(raw) == len(norm):
            # Other characters at the same offsets: the raw text is cut from the raw line.
            raw_texts = _raw_cells(raw, spans)
        if len(texts) == 1:  # most lines of the one-cell-per-line layouts
            cells.append(new_cell((texts[0], raw_texts[0], number)))
        else:
            cells += map(new_cell, zip(texts, raw_texts, repeat(number)))
    return cells


_Spans = tuple[tuple[int, int], ...]


# Tables repeat lines across reports (rows of zeros, and in the one-cell-per-line layout
# the same numbers and labels over and over), so the cut of a line is kept. One cache per
# way of cutting: keyed by the line alone, a lookup is cheaper.
@functools.lru_cache(maxsize=8192)
def _tabbed_cut(norm: str) -> tuple[tuple[str, ...], _Spans]:
    return _line_cut(norm, tab_separated=True)


@functools.lru_cache(maxsize=8192)
def _free_cut(norm: str) -> tuple[tuple[str, ...], _Spans]:
    return _line_cut(norm, tab_separated=False)


def _line_cut(norm: str, tab_separated: bool) -> tuple[tuple[str, ...], _Spans]:
    """The stripped text of each cell of a line, and where each one is."""
    spans = tuple(_line_spans(norm, tab_separated))
    return tuple([norm[lo:hi].strip() for lo, hi in spans]), spans


def _raw_cells(raw: str, spans: _Spans) -> list[str]:
    return [raw[lo:hi].strip() for lo, hi in spans]


def _line_spans(norm: str, tab_separated: bool) -> list[tuple[int, int]]:
    """Where a line's cells are: [start, end) of each."""
    if "|" in norm and (norm.count("|") >= 2 or _PIPE_ROW.match(norm)):
        if _PIPE_RULE.match(norm):
            return []
        return _split_value_runs(norm, _drop_blanks_before_label(norm, _pipe_spans(norm)))
    if tab_separated:
        spans = _drop_blanks_before_label(norm, _split_spans(norm, "\t"))
        # Cells cut at tabs hold no tab: only other whitespace can part numbers in a cell.
        return _split_value_runs(norm, spans) if _SPACE_BUT_TAB.search(norm) else spans
    return _split_value_runs(norm, _drop_blanks_before_label(norm, _free_spans(norm)))


def _drop_blanks_before_label(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Blank cells in front of a label on the same row are its merged label columns, not
    numbers of the row above: keeping them would pad that row and hide a missing cell."""
    if len(spans) < 2:
        return spans
    for i, (lo, hi) in enumerate(spans):
        text = line[lo:hi].strip()
        if text and not is_value_text(text):
            return [s for j, s in enumerate(spans) if j >= i or line[s[0]:s[1]].strip()]
        if text:
            return spans
    return spans


_TOKEN = re.compile(r"\S+")
_INNER_SPACE = re.compile(r"\S\s+\S")
_SPACE_BUT_TAB = re.compile(r"[^\S\t]")


def _split_value_runs(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A cell holding several numbers lost its separators (OCR, merged pipes): `5 0 0`."""
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if not _INNER_SPACE.search(line, lo, hi):
            out.append((lo, hi))
            continue
        tokens = [(lo + m.start(), lo + m.end()) for m in _TOKEN.finditer(line[lo:hi])]
        if len(tokens) >= 2 and all(is_value_text(line[a:b]) and not _is_unit_word(line[a:b])
                                    for a, b in tokens):
            out.extend(tokens)
        else:
            out.append((lo, hi))
    return out


def _is_unit_word(token: str) -> bool:
    # "26.23 万元" is one amount, not two cells.
    return token in {"万元", "元", "件", "条", "个", "项", "次"}


def _is_tabbed(norm: tuple[str, ...]) -> bool:
    # Tab-separated rows put several filled cells on one line; one-cell-per-line layouts
    # indent each cell with a tab but never hold two filled cells on a line.
    rows = 0
    for line in norm:
        # A tab between two filled cells is a tab inside the stripped line.
        if "\t" in line.strip():
            rows += 1
            if rows >= 2:
                return True
    return False


def _split_spans(line: str, sep: str) -> list[tuple[int, int]]:
    spans, lo, step = [], 0, len(sep)
    for part in line.split(sep):
        hi = lo + len(part)
        spans.append((lo, hi))
        lo = hi + step
    return spans


def _pipe_spans(line: str) -> list[tuple[int, int]]:
    """Cells between pipes; OCR often loses the outer pipes, so they are optional."""
    spans = _split_spans(line, "|")
    if spans and not line[spans[0][0]:spans[0][1]].strip():
        spans = spans[1:]
    if spans and not line[spans[-1][0]:spans[-1][1]].strip():
        spans = spans[:-1]
    return spans


def _free_spans(line: str) -> list[tuple[int, int]]:
    """A line without tabs: one cell, or a label followed by space-separated values.

    PDF text puts a row on one line (`1.属于国家秘密 1 0 0 0 0 0 1`); the label is what
    precedes the run of value tokens at the end of the line.
    """
    if not line.strip():
        return [(0, len(line))]
    if not _INNER_SPACE.search(line):
        stripped = line.strip()
        start = line.index(stripped)
        return [(start, start + len(stripped))]
    tokens: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(line):
        if tokens and _is_unit_word(m.group()) and is_value_text(line[slice(*tokens[-1])]):
            tokens[-1] = (tokens[-1][0], m.end())  # "26.23 万元" is one amount
        else:
            tokens.append((m.start(), m.end()))
    cut = len(tokens)
    while cut > 0 and is_value_text(line[tokens[cut - 1][0]:tokens[cut - 1][1]]):
        cut -= 1
    values = tokens[cut:]
    label = line[tokens[0][0]:tokens[cut - 1][1]] if cut else ""
    if not values or (len(values) == 1 and cut and _SIGN_WORD.fullmatch(label)):
        return [(tokens[0][0], tokens[-1][1])]  # one cell, e.g. "增 2"
    if cut == 0:
        return values
    return [(tokens[0][0], tokens[cut - 1][1]), *values]
