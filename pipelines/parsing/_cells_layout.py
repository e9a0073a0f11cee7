"""Blank cells of text laid out by character positions (pdftotext -layout).

Such text keeps a table's columns as runs of spaces: a blank cell is only a wider gap,
and cutting a row at whitespace loses it, so the row reads short and its cells cannot be
placed. Where the table's full rows (or, without one, its header's heads) show where each
column stands, a short row's numbers are placed under the column each one stands under,
and the columns none stands under are its blank cells. A number under no column, or under
two, leaves the row as printed (short: the parser flags it as before).

Positions are counted in characters. A converter writes a CJK character as one character
however wide it prints, so a row's label moves its numbers as a whole: each row is
matched to the columns after such a move, and only a placing that no other move gives is
used.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from pipelines.parsing._values import is_value_text

# A line laid out by positions separates its cells by runs of spaces this long at least.
_GAP = "   "
# Lines so laid out before a region counts as one (a prose line may hold one such run).
_MIN_LAID_LINES = 3
_SAMPLE = 16
_WORD = re.compile(r"\S+")


class Cut(NamedTuple):
    """One line cut into cells: texts and their [start, end) in the line."""

    texts: list[str]
    spans: list[tuple[int, int]]


def laid_out(norms: Sequence[str]) -> bool:
    """Whether a table's lines keep their columns as runs of spaces (a cheap test: most
    tables are cut at tabs or single spaces)."""
    # Such text prints every line of a table so, its heading and header first: the
    # first lines tell, and most tables are told by one search.
    head = norms[:_SAMPLE]
    if _GAP not in "\n".join(head):
        return False
    count = 0
    for norm in head:
        # Pipe rows print their blank cells: their spaces are no positions.
        if _GAP in norm and _GAP in norm.strip() and "|" not in norm:
            count += 1
            if count >= _MIN_LAID_LINES:
                return True
    return False


def place_blanks(cuts: list[Cut | None], norms: Sequence[str], raws: Sequence[str]) -> None:
    """Fill, in place, the blank cells of short rows where the columns show them.

    `cuts[i]` is line i's cells (None: an empty line), `norms[i]` and `raws[i]` the line
    normalized and as printed. Rows are taken in blocks under each run of header lines
    (lines without a number whose words reach where the numbers stand), and a new page
    starts a new block."""
    starts = [cut.spans[_value_start(cut)][0] for cut in cuts
              if cut is not None and _value_start(cut) < len(cut.texts)]
    if not starts:
        return
    numbers_from = min(starts)
    block: list[int] = []
    header: list[list[tuple[int, int]]] = []  # the words of the header lines, top down
    for i, cut in enumerate(cuts):
        if "\f" in raws[i] and block:
            _place_block(cuts, header, block)
            header, block = [], []
        if cut is None:
            continue
        if _value_start(cut) == len(cut.texts):
            words = [m.span() for m in _WORD.finditer(norms[i])]
            if words and words[-1][0] >= numbers_from - 1:
                if block:
                    _place_block(cuts, header, block)
                    header, block = [], []
                header.append(words)
            continue
        block.append(i)
    if block:
        _place_block(cuts, header, block)


def _value_start(cut: Cut) -> int:
    """The index of the row's first value cell (after its label cells)."""
    k = len(cut.texts)
    while k > 0 and is_value_text(cut.texts[k - 1]):
        k -= 1
    return k


def _values(cut: Cut) -> list[tuple[int, int]]:
    return cut.spans[_value_start(cut):]


def _place_block(cuts: list[Cut | None], header: list[list[tuple[int, int]]],
                 rows: list[int]) -> None:
    counts = [len(cuts[i].texts) - _value_start(cuts[i]) for i in rows]
    width = max(counts)
    if len(rows) == 1:
        # A table (or a block) of one row: only the heads over more columns than it
        # fills show where its columns stand (table 4, a block of table 2).
        row = cuts[rows[0]]
        label_end = row.spans[_value_start(row) - 1][1] if _value_start(row) else 0
        heads = [(lo - 1, hi + 1) for lo, hi in _heads(header) if lo >= label_end]
        if len(heads) > width and _apart(heads):
            _place_row(cuts, rows[0], heads, [0])
        return
    if min(counts) == width:
        return  # most blocks: every row full
    for zones, members in _segments(cuts, rows, counts, width):
        for i in members:
            if len(cuts[i].texts) - _value_start(cuts[i]) < width:
                _place_row(cuts, i, zones, _shifts(_values(cuts[i]), zones))


def _heads(header: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """The lowest head of each column: the words of the header's last line, then those
    of the lines above that stand over none of them (a head printed on two lines, a
    group head over several columns, is left out)."""
    heads: list[tuple[int, int]] = []
    for words in reversed(header):
        heads += [w for w in words if not any(w[0] < h[1] and h[0] < w[1] for h in heads)]
    return sorted(heads)


def _center(span: tuple[int, int]) -> float:
    return (span[0] + span[1]) / 2


def _segments(cuts: list[Cut | None], rows: list[int], counts: list[int], width: int,
              ) -> list[tuple[list[tuple[int, int]], list[int]]]:
    """The rows in runs whose full rows stand in the same columns, each with its columns
    (in the first full row's place: a row's label moves its numbers as a whole); a short
    row between two runs belongs to neither (the columns moved on one side of it)."""
    segments: list[tuple[list[list[float]], list[int]]] = []
    pending: list[int] = []  # short rows since the last full row
    for i, count in zip(rows, counts, strict=True):
        if count != width:
            pending.append(i)
            continue
        spans = _values(cuts[i])
        zones = segments[-1][0] if segments else None
        if zones is not None:
            shift = sorted(_center(s) - (z[0] + z[1]) / 2
                           for s, z in zip(spans, zones, strict=True))[width // 2]
            moved = [(lo - shift, hi - shift) for lo, hi in spans]
            if all(lo <= z[1] + 1 and z[0] - 1 <= hi
                   for (lo, hi), z in zip(moved, zones, strict=True)):
                for (lo, hi), z in zip(moved, zones, strict=True):
                    z[0], z[1] = min(z[0], lo), max(z[1], hi)
                segments[-1][1].extend(pending)
                segments[-1][1].append(i)
                pending = []
                continue
        # The first run takes the short rows above it; later ones none across a break.
        segments.append(([[lo, hi] for lo, hi in spans], [*pending, i] if not segments
                         else [i]))
        pending = []
    if segments:
        segments[-1][1].extend(pending)
    out = []
    for zones, members in segments:
        placed = [(lo, hi) for lo, hi in zones]
        if _apart(placed):
            out.append((placed, members))
    return out


def _apart(zones: Sequence[tuple[float, float]]) -> bool:
    return all(zones[c][1] < zones[c + 1][0] for c in range(len(zones) - 1))


def _shifts(spans: list[tuple[int, int]], zones: list[tuple[float, float]]) -> list[float]:
    """The moves that put the row's first cell over the middle of a column."""
    first = _center(spans[0])
    return [first - (lo + hi) / 2 for lo, hi in zones]


def _place_row(cuts: list[Cut | None], i: int, zones: list[tuple[float, float]],
               shifts: Sequence[float]) -> None:
    """The row's value cells under their columns, blanks where none stands, when one
    placing alone puts each cell under exactly one column; otherwise the row is left as
    printed."""
    cut = cuts[i]
    first = _value_start(cut)
    found: set[tuple[int, ...]] = set()
    for shift in shifts:
        columns = []
        for lo, hi in cut.spans[first:]:
            lo, hi = lo - shift, hi - shift
            under = [c for c, (a, b) in enumerate(zones) if lo <= b and a <= hi]
            if len(under) != 1:
                break
            columns.append(under[0])
        else:
            if all(a < b for a, b in zip(columns, columns[1:], strict=False)):
                found.add(tuple(columns))
    if len(found) != 1:
        return
    placed = dict(zip(found.pop(), range(first, len(cut.texts)), strict=True))
    texts, spans = cut.texts[:first], cut.spans[:first]
    for column in range(len(zones)):
        k = placed.get(column)
        if k is None:
            at = spans[-1][1] if spans else 0
            texts.append("")
            spans.append((at, at))
        else:
            texts.append(cut.texts[k])
            spans.append(cut.spans[k])
    cuts[i] = Cut(texts, spans)
