"""Normalized lines of one table region -> a flat stream of cells.

A layout is only a way of cutting lines into cells; everything after this stage is the
same for every layout. Blank cells are kept (they are NULLs in the report); empty lines
are separators and yield no cell.
"""

from __future__ import annotations

import functools
import re
from itertools import repeat

from pipelines.parsing._cells_layout import Cut, laid_out, place_blanks
from pipelines.parsing._normalize import Lines
from pipelines.parsing._types import Cell, new_cell
from pipelines.parsing._values import is_value_text

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")  # markdown table row
_PIPE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_SIGN_WORD = re.compile(r"[增减]|增加|新增|减少|[+\-]")
# Only the words: a lone "-" before a number is a not-applicable cell, not a sign.
_SIGN_WORDS = frozenset({"增", "减", "增加", "新增", "减少"})
# A number, with the unit a cell may print after it (增 4 项 is one cell).
_UNSIGNED = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?(?:\s*[项个件])?")
_WS = re.compile(r"\s")
_SPACE_BUT_TAB = re.compile(r"[^\S\t]")
_TOKEN = re.compile(r"\S+")
# "26.23 万元" is one amount, not two cells.
_UNIT_WORDS = frozenset({"万元", "元", "件", "条", "个", "项", "次"})


def region_cells(lines: Lines, start: int, end: int) -> list[Cell]:
    """Cells of lines[start:end] (0-based, end exclusive), in reading order."""
    norms = lines.norm[start:end]
    tabbed = _is_tabbed(norms)
    if not tabbed and laid_out(norms):
        return _laid_out_cells(lines, start, end)
    cells: list[Cell] = []
    number = start
    for norm, raw in zip(norms, lines.raw[start:end], strict=True):
        number += 1
        if not norm:
            continue
        texts, spans = (_tabbed_cut if tabbed and "\t" in norm else _free_cut)(norm)
        # Other characters at the same offsets: the raw text is cut from the raw line.
        cut_raw = raw != norm and len(raw) == len(norm)
        if len(texts) == 1:  # most lines of the one-cell-per-line layouts
            if cut_raw:
                (lo, hi), = spans
                cells.append(new_cell((texts[0], raw[lo:hi].strip(), number)))
            else:
                cells.append(new_cell((texts[0], texts[0], number)))
        else:
            raw_texts = [raw[lo:hi].strip() for lo, hi in spans] if cut_raw else texts
            cells += map(new_cell, zip(texts, raw_texts, repeat(number)))
    return cells


def _laid_out_cells(lines: Lines, start: int, end: int) -> list[Cell]:
    """Cells of text laid out by positions: each row's cells with the blanks its short
    rows lost where the columns place them; other lines cut as usual."""
    norms, raws = lines.norm[start:end], lines.raw[start:end]
    cuts: list[Cut | None] = [Cut(*map(list, _free_cut(norm))) if norm else None
                              for norm in norms]
    printed = list(cuts)
    place_blanks(cuts, norms, raws)
    cells: list[Cell] = []
    for number, (norm, raw, cut, row) in enumerate(zip(norms, raws, cuts, printed,
                                                       strict=True), start=start + 1):
        if cut is None:
            continue
        # Lines without a number (headers) keep their usual cut.
        texts, spans = cut if any(map(is_value_text, row.texts)) else row
        if raw != norm and len(raw) == len(norm):
            raw_texts = [raw[lo:hi].strip() for lo, hi in spans]
        else:
            raw_texts = texts
        cells += map(new_cell, zip(texts, raw_texts, repeat(number)))
    return cells


_Spans = tuple[tuple[int, int], ...]
_Cut = tuple[tuple[str, ...], _Spans]


# Tables repeat lines across reports (rows of zeros, and in the one-cell-per-line layout
# the same numbers and labels over and over), so the cut of a line is kept. One cache per
# way of cutting: keyed by the line alone, a lookup is cheaper.
@functools.lru_cache(maxsize=8192)
def _tabbed_cut(norm: str) -> _Cut:
    return _line_cut(norm, tab_separated=True)


@functools.lru_cache(maxsize=8192)
def _free_cut(norm: str) -> _Cut:
    return _line_cut(norm, tab_separated=False)


def _line_cut(line: str, tab_separated: bool) -> _Cut:
    """The stripped text of each cell of a line, and where each one is ([start, end) of
    the unstripped cell, so the raw line can be cut at the same offsets)."""
    if "|" in line and (line.count("|") >= 2 or _PIPE_ROW.match(line)):
        if _PIPE_RULE.match(line):
            return (), ()
        texts, spans = _pipe_cells(line)
    elif tab_separated:
        parts = line.split("\t")
        texts, spans = list(map(str.strip, parts)), _part_spans(parts)
        _drop_blanks_before_label(texts, spans)
        # Cells cut at tabs hold no tab: only other whitespace can part numbers in a cell.
        if not _SPACE_BUT_TAB.search(line):
            return tuple(texts), tuple(spans)
    else:
        texts, spans = _free_cells(line)
    _split_value_runs(line, texts, spans)
    return tuple(texts), tuple(spans)


def _part_spans(parts: list[str]) -> list[tuple[int, int]]:
    """[start, end) of each piece of a line split at a one-character separator."""
    spans, lo = [], 0
    for part in parts:
        hi = lo + len(part)
        spans.append((lo, hi))
        lo = hi + 1
    return spans


def _drop_blanks_before_label(texts: list[str], spans: list[tuple[int, int]]) -> None:
    """Blank cells in front of a label on the same row are its merged label columns, not
    numbers of the row above: keeping them would pad that row and hide a missing cell."""
    if len(texts) < 2 or texts[0]:
        return
    first = 1
    while first < len(texts) and not texts[first]:
        first += 1
    if first < len(texts) and not is_value_text(texts[first]):
        del texts[:first], spans[:first]


def _split_value_runs(line: str, texts: list[str], spans: list[tuple[int, int]]) -> None:
    """A cell holding several numbers lost its separators (OCR, merged pipes): `5 0 0`."""
    # Texts are stripped: whitespace left in one lies between two of its words.
    if not _WS.search("".join(texts)):
        return
    k = 0
    while k < len(texts):
        words = texts[k].split()
        if len(words) >= 2 and all(is_value_text(w) and w not in _UNIT_WORDS for w in words):
            lo, hi = spans[k]
            texts[k:k + 1] = words
            spans[k:k + 1] = [(lo + a, lo + b) for a, b in
                              (m.span() for m in _TOKEN.finditer(line[lo:hi]))]
            k += len(words)
        else:
            k += 1


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


def _pipe_cells(line: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Cells between pipes; OCR often loses the outer pipes, so they are optional."""
    parts = line.split("|")
    texts, spans = list(map(str.strip, parts)), _part_spans(parts)
    if not texts[0]:
        del texts[0], spans[0]
    if texts and not texts[-1]:
        del texts[-1], spans[-1]
    _drop_blanks_before_label(texts, spans)
    return texts, spans


def _free_cells(line: str) -> tuple[list[str], list[tuple[int, int]]]:
    """A line without tabs: one cell, or a label followed by space-separated values.

    PDF text puts a row on one line (`1.属于国家秘密 1 0 0 0 0 0 1`); the label is what
    precedes the run of value tokens at the end of the line.
    """
    stripped = line.strip()
    if not stripped:
        return [""], [(0, len(line))]
    if not _WS.search(stripped):
        start = len(line) - len(line.lstrip())
        return [stripped], [(start, start + len(stripped))]
    words = line.split()
    tokens = [m.span() for m in _TOKEN.finditer(line)]
    if not _UNIT_WORDS.isdisjoint(words):
        words, tokens = _join_units(line, words, tokens)
    if not _SIGN_WORDS.isdisjoint(words):
        words, tokens = _join_signs(line, words, tokens)
    cut = len(tokens)
    while cut > 0 and is_value_text(words[cut - 1]):
        cut -= 1
    if cut == len(tokens) or (cut == len(tokens) - 1 and cut
                              and _SIGN_WORD.fullmatch(line[tokens[0][0]:tokens[cut - 1][1]])):
        return [stripped], [(tokens[0][0], tokens[-1][1])]  # one cell, e.g. "增 2"
    if cut == 0:
        return words, tokens
    label = (tokens[0][0], tokens[cut - 1][1])
    return [line[label[0]:label[1]], *words[cut:]], [label, *tokens[cut:]]


def _join_signs(line: str, words: list[str], tokens: list[tuple[int, int]],
                ) -> tuple[list[str], list[tuple[int, int]]]:
    """A sign word before a number joins it: "增 4" is one signed cell, and the label ends
    before it (else 增 joined the label and the row lost a cell and its sign)."""
    out_words: list[str] = []
    out_tokens: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        if (words[k] in _SIGN_WORDS and k + 1 < len(words)
                and _UNSIGNED.fullmatch(words[k + 1])):
            span = (tokens[k][0], tokens[k + 1][1])
            out_words.append(line[span[0]:span[1]])
            out_tokens.append(span)
            k += 2
        else:
            out_words.append(words[k])
            out_tokens.append(tokens[k])
            k += 1
    return out_words, out_tokens


def _join_units(line: str, words: list[str], tokens: list[tuple[int, int]],
                ) -> tuple[list[str], list[tuple[int, int]]]:
    """A unit word after an amount joins it: "26.23 万元" is one cell."""
    out_words: list[str] = []
    out_tokens: list[tuple[int, int]] = []
    for word, token in zip(words, tokens, strict=True):
        if out_tokens and word in _UNIT_WORDS and is_value_text(out_words[-1]):
            out_tokens[-1] = (out_tokens[-1][0], token[1])
            out_words[-1] = line[out_tokens[-1][0]:token[1]]
        else:
            out_words.append(word)
            out_tokens.append(token)
    return out_words, out_tokens
