"""Table 3 rows known by their place in the template order, for tables whose labels were
torn from their numbers.

PDF-to-markdown tools print a row's numbers as a pipe row of their own, move wrapped
labels away from them and drop some labels altogether; a row's words then no longer tell
which numbers are its own. Every row of the template is still printed, in the template's
order, one line of numbers each: counted and checked against the labels that did stay on
their line, the order places them. Used only when reading by labels failed.
"""

from __future__ import annotations

from typing import NamedTuple

from pipelines.parsing import vocabulary as vocab
from pipelines.parsing._labels import GROUP_OF, match_outcome, opens_with_number
from pipelines.parsing._types import Cell, Issue
from pipelines.parsing._values import CellValueError, is_blank, is_value_text, parse_count

_WIDTH = len(vocab.APPLICANT_TYPES)
# Share of rows whose own label must confirm the order before the order is trusted.
_MIN_LABELLED = 1 / 3


class OrderedRow(NamedTuple):
    code: str
    label: str  # the label printed on the numbers' line; empty when it was lost
    line: int
    values: list[Cell]
    named: bool  # its own label names it; otherwise only its place in the order does


def rows_by_order(cells: list[Cell]) -> tuple[list[OrderedRow], list[Issue]] | None:
    """Every line of numbers taken as the next row of the template, or None when the lines
    do not fit the template (count, a label that names another row, a stray number that
    cannot be placed)."""
    lines: list[tuple[str, list[Cell]]] = []
    stray: list[Cell] = []
    for labels, values in _lines(cells):
        while len(values) > _WIDTH and is_blank(values[-1].text):
            values.pop()
        # A row that lost its label keeps the empty cells of its label columns.
        while len(values) > _WIDTH and is_blank(values[0].text):
            values.pop(0)
        if all(is_blank(c.text) for c in values):
            continue  # a header or a wrapped label: no numbers of a row
        if len(values) == 1 and not labels:
            stray.append(values[0])
        elif len(values) == _WIDTH:
            lines.append((labels, values))
        else:
            return None
    for codes in (vocab.OUTCOME_CODES_SPLIT_OTHER, vocab.OUTCOME_CODES_SINGLE_OTHER):
        if len(codes) == len(lines):
            break
    else:
        return None
    named = []
    for code, (labels, _) in zip(codes, lines, strict=True):
        match = _named(labels, code)
        if match is not None and match != code:
            return None
        named.append(match is not None)
    if sum(named) < _MIN_LABELLED * len(codes):
        return None
    rows = [OrderedRow(code, labels.replace(_CELL_JOIN, ""), values[0].line, values, own)
            for code, (labels, values), own in zip(codes, lines, named, strict=True)]
    issues: list[Issue] = []
    for cell in stray:
        placed = _place_stray(cell, rows)
        if placed is None:
            return None
        issues.append(placed)
    return rows, issues


def _named(labels: str, code: str) -> str | None:
    """The row a line's label text names: the whole, or the line's last label cell after
    its group cell (a wrapped head, （六）其他处理 | 1.申请, names the group as a whole)."""
    if not labels:
        return None
    text = labels.replace(_CELL_JOIN, "")
    match = match_outcome(text, GROUP_OF.get(code))
    if match.by_position and not opens_with_number(text):
        return None  # a wrapped label's rest that only resembles a row names none
    if match.code is None or match.code == code:
        return match.code
    last = labels.rsplit(_CELL_JOIN, 1)[-1]
    return match_outcome(last, GROUP_OF.get(code)).code or match.code


_CELL_JOIN = "\x1f"  # between a line's label cells, never in a cell's text


def _lines(cells: list[Cell]) -> list[tuple[str, list[Cell]]]:
    """Per printed line: its label text (joined), and its value cells."""
    out: list[tuple[str, list[Cell]]] = []
    last = None
    for cell in cells:
        if cell.line != last:
            out.append(("", []))
            last = cell.line
        labels, values = out[-1]
        if is_value_text(cell.text):
            values.append(cell)
        else:
            out[-1] = (f"{labels}{_CELL_JOIN}{cell.text}" if labels else cell.text, values)
    return out


def _place_stray(cell: Cell, rows: list[OrderedRow]) -> Issue | None:
    """A number printed on a line of its own goes into the one blank cell of a row whose
    applicant columns then add up to its total; anywhere else it would be a guess."""
    fits = []
    for row in rows:
        blanks = [i for i, c in enumerate(row.values) if is_blank(c.text)]
        if len(blanks) != 1:
            continue
        trial = list(row.values)
        trial[blanks[0]] = cell
        try:
            counts = [parse_count(c.text) for c in trial]
        except CellValueError:
            continue
        if None not in counts and sum(counts[:-1]) == counts[-1]:
            fits.append((row, blanks[0]))
    if len(fits) != 1:
        return None
    row, index = fits[0]
    row.values[index] = cell
    column = vocab.APPLICANT_TYPES[index].code
    return Issue("parse_cell_displaced", "warning",
                 f"table 3, line {cell.line}: {cell.raw!r} printed on a line of its own, "
                 f"placed in row {row.code}/{column} (line {row.line}), the one blank cell "
                 f"its row total confirms")
