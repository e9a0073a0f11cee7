"""Cell text -> number, per SPEC §5."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pipelines.parsing._types import Cell, Issue

# Not-applicable marks and blanks are NULL; 无 means none (0).
NULL_MARKS = frozenset({"", "/", "-", "—", "——", "–", "－", "\\", "—/—", "/—", "—/", "&nbsp;"})
_NONE_WORDS = frozenset({"无", "没有", "零"})
_NUMBER = re.compile(
    r"^(?P<sign>[增减+\-]|增加|新增|减少)?\s*(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"(?P<wan>[万亿](?!元))?(?P<unit>万元|亿元|元|件|条|个|项|次|人次|宗|份)?\s*(?P<note>[(\[].*)?$"
)


# OCR reads the signs of a change as the look-alike numerals: +2 as 十2, -3 as 一3 (no
# numeral is written so: 十二, 三).
OCR_SIGN = re.compile(r"^\s*[十一](?=\s*\d)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBERING = re.compile(r"^[(（]?\d{1,2}[.、)）．]$")
# DuckDB stores counts as INTEGER; anything larger cannot be a count of applications.
_MAX_COUNT = 2**31 - 1
_V = TypeVar("_V")


class CellValueError(ValueError):
    """The cell is not a number of the kind its column holds."""


@dataclass(frozen=True, slots=True)
class Parsed:
    value: int | float | None
    unit_assumed: bool = False


_MEMO_MAX = 8192


class _Memo(dict[str, _V]):
    """The results of a function of one text, computed once each: its `__getitem__` is
    the function. The tests below are called for every cell by several tables, over a few
    distinct texts ("0", "", "1"...), and a dict lookup is cheaper than functools'
    bounded cache. Emptied when full, so that its memory stays bounded."""

    def __init__(self, function: Callable[[str], _V]) -> None:
        super().__init__()
        self._function = function

    def __missing__(self, text: str) -> _V:
        if len(self) >= _MEMO_MAX:
            self.clear()
        value = self[text] = self._function(text)  # an exception is not kept
        return value


def _is_blank(text: str) -> bool:
    return text.strip() in NULL_MARKS


is_blank: Callable[[str], bool] = _Memo(_is_blank).__getitem__


def _is_value_text(text: str) -> bool:
    """True for what can stand in a number cell: numbers, blanks, NULL marks, 无, and
    damaged numbers (`1O`, `3a`, `x`), which then fail to parse and are reported."""
    t = text.strip()
    return (t in NULL_MARKS or t in _NONE_WORDS or _NUMBER.match(t) is not None
            or _damaged_number(t) or (OCR_SIGN.match(t) is not None
                                      and _NUMBER.match(t[1:].strip()) is not None))


is_value_text: Callable[[str], bool] = _Memo(_is_value_text).__getitem__


def _damaged_number(t: str) -> bool:
    # Short, no Chinese, not an outline number like "1." or "(2)": OCR or typing damage
    # in a number cell. Taking it for a label would shift the row's numbers instead.
    return (len(t) <= 12 and _CJK.search(t) is None and _NUMBERING.match(t) is None
            and any(ch.isalnum() for ch in t))


def _parse_count(text: str) -> int | None:
    """A non-negative count; the sign check belongs to validation, not parsing."""
    match = _match(text)
    if match is None:
        return None
    if match == 0:
        return 0
    if match.group("unit") in ("万元", "亿元", "元"):
        raise CellValueError(f"money where a count was expected: {text!r}")
    number = _number(match)
    if number != int(number):
        raise CellValueError(f"fractional count: {text!r}")
    if number > _MAX_COUNT:
        raise CellValueError(f"too large to be a count: {text!r}")
    sign = match.group("sign")
    return -int(number) if sign in ("-", "减", "减少") else int(number)


parse_count: Callable[[str], int | None] = _Memo(_parse_count).__getitem__


def parse_change(text: str) -> int | None:
    """A signed change: 增 2 / +2 / 十2 -> 2; 减 3 / -3 / 一3 -> -3."""
    sign = OCR_SIGN.match(text)
    if sign is not None:
        text = ("+" if "十" in sign.group(0) else "-") + text[sign.end():]
    return parse_count(text)


# OCR reads digits as the letters they look like: 0 as O, 1 as l or I, 5 as S, 8 as B
# (1O, l2, S, 1B).
_OCR_DIGITS = re.compile(r"^[0-9]*[OoIl〇SB][0-9OoIl〇SB]*$")
_OCR_DIGIT_MAP = str.maketrans("OoIl〇SB", "0011058")


def ocr_count(text: str) -> int | None:
    """A count whose digits OCR printed as look-alike letters (1O -> 10), else None. Only
    for tables whose arithmetic checks every cell: the reading is a guess."""
    t = text.strip()
    if not _OCR_DIGITS.match(t):
        return None
    return int(t.translate(_OCR_DIGIT_MAP))


def read_count(cell: Cell, table: int, row: str, column: str, issues: list[Issue],
               ) -> int | None:
    """A count cell of a table whose arithmetic checks every cell (3 or 4): letters OCR
    printed for digits are read, with a warning, and left to the checks to confirm; any
    other text that is no count is an error and NULL. `row` and `column` name the cell in
    a message, written only then: most cells are counts."""
    try:
        return parse_count(cell.text)
    except CellValueError as exc:
        value = ocr_count(cell.text)
        if value is None:
            issues.append(Issue("parse_bad_cell", "error",
                                f"table {table}, line {cell.line}: {row}/{column}: {exc}"))
        else:
            issues.append(Issue("parse_ocr_digit", "warning",
                                f"table {table}, line {cell.line}: {row}/{column} {cell.raw!r} "
                                f"read as {value}: letters taken for the digits they look like"))
        return value


def parse_money(text: str, bare_unit: str | None) -> Parsed:
    """An amount in 万元. A bare number is in `bare_unit` (元, 万元 or 亿元), the unit its
    column header states; without one it is taken as 万元 and reported as assumed."""
    match = _match(text)
    if match is None:
        return Parsed(None)
    if match == 0:
        return Parsed(0.0)
    unit = match.group("unit")
    if unit is None and match.group("wan"):
        # 万 or 亿 alone after an amount is its unit: 26.23万 is 26.23 万元, not 262,300.
        unit = match.group("wan") + "元"
        number = float(match.group("num").replace(",", ""))
    else:
        number = _number(match)
        unit = unit or bare_unit
    if unit not in (None, *_IN_10K_YUAN):
        raise CellValueError(f"not an amount of money: {text!r}")
    if unit is None:
        return Parsed(number, unit_assumed=number != 0)
    return Parsed(round(number * _IN_10K_YUAN[unit], 6))


# What one of each money unit is in 万元.
_IN_10K_YUAN = {"元": 1 / 10000, "万元": 1, "亿元": 10000}


def _match(text: str) -> re.Match[str] | int | None:
    t = text.strip()
    if t in NULL_MARKS:
        return None
    if t in _NONE_WORDS:
        return 0
    match = _NUMBER.match(t)
    if match is None:
        raise CellValueError(f"not a number: {text!r}")
    return match


def _number(match: re.Match[str]) -> float:
    number = float(match.group("num").replace(",", ""))
    # 1.2万件 is 12,000; rounded so that 1.2 x 10^4 is not 12000.000000000002.
    wan = match.group("wan")
    return round(number * (10_000 if wan == "万" else 100_000_000), 6) if wan else number
