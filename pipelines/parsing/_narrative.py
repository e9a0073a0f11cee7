"""Figures restated in the report's prose (本年度共收到政府信息公开申请 N 件, …).

They are independent evidence that a table was read right: each one names the table cell
it restates, and validation compares the two.
"""

from __future__ import annotations

import re

from pipelines.parsing._normalize import Lines
from pipelines.parsing._types import Claim

_COUNT = r"(?P<n>\d{1,7})(?:件|条|个|份|起|宗|次)"
# (table, row, col, word, pattern) on squeezed text. Each pattern requires the unit so that
# a year or a date is never taken for a count, and holds `word`: a line without it is not
# searched (most lines hold none of them, and a search scans the whole line).
_PATTERNS: tuple[tuple[str, str, str, str, re.Pattern[str]], ...] = (
    ("applications", "new_received", "total", "政府信息公开申请", re.compile(
        rf"(?:共|总共|累计|全年|本年度?)?(?:新)?(?:收到|受理|接收)(?:各类|群众|公民)?"
        rf"(?:的)?政府信息公开申请(?:共|总计|合计)?{_COUNT}")),
    ("applications", "total_processed", "total", "办结", re.compile(
        rf"(?:共|已|全部|累计)?办结(?:政府信息公开申请|申请)?(?:共)?{_COUNT}")),
    ("applications", "carried_forward", "total", "结转", re.compile(
        rf"结转(?:至)?下(?:一)?年度?(?:继续办理)?(?:的申请)?(?:共)?{_COUNT}")),
    ("review_litigation", "admin_reconsideration", "total", "行政复议", re.compile(
        rf"(?:被申请|申请|提起)?行政复议(?:案件)?(?:共)?{_COUNT}")),
)


def narrative_claims(lines: Lines, skip: list[tuple[int, int]]) -> list[Claim]:
    """Claims from every line outside the table regions `skip` (0-based, end exclusive);
    the first statement of each figure wins."""
    inside = set()
    for start, end in skip:
        inside.update(range(start, end))
    claims: dict[tuple[str, str, str], Claim] = {}
    for index, text in enumerate(lines.squeezed):
        if index in inside or not text:
            continue
        for table, row, col, word, pattern in _PATTERNS:
            if word not in text or (table, row, col) in claims:
                continue
            match = pattern.search(text)
            if match:
                claims[(table, row, col)] = Claim(table, row, col, int(match.group("n")),
                                                  index + 1, match.group(0))
    return list(claims.values())
