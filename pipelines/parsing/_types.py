"""Value types that flow out of the parsing library."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

TableName = Literal["applications", "review_litigation", "proactive"]
Severity = Literal["error", "warning"]


class ReportRejected(Exception):
    """The input is not a readable report: nothing can be loaded from it.

    The one error the parser raises on purpose; anything else is a bug.
    """

    def __init__(self, reason: str, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        where = f" (line {line})" if line is not None else ""
        super().__init__(f"{reason}{where}")


class Cell(NamedTuple):
    """One cell as printed: normalized text for matching, raw text for provenance."""

    text: str
    raw: str
    line: int


class Fact(NamedTuple):
    """One number of one table, with where it was read from.

    `row`/`col` are SPEC codes: outcome x applicant_type (applications), proceeding x
    result (review_litigation), item x measure (proactive).
    """

    table: TableName
    row: str
    col: str
    value: int | float | None
    source_line: int | None
    raw_text: str | None


# A NamedTuple's generated __new__ runs Python code per call; a report makes hundreds of
# cells and facts, and tuple.__new__ makes the same tuple in C. Each takes one tuple of
# all the fields, in order.
new_cell = functools.partial(tuple.__new__, Cell)
new_fact = functools.partial(tuple.__new__, Fact)


@dataclass(frozen=True, slots=True)
class Claim:
    """A figure the report states in prose, to compare with the table cell it restates."""

    table: TableName
    row: str
    col: str
    value: int
    source_line: int
    text: str  # the phrase as printed, e.g. 共收到政府信息公开申请5件


@dataclass(frozen=True, slots=True)
class Issue:
    check_name: str
    severity: Severity
    message: str


@dataclass(frozen=True, slots=True)
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None
    adcode: str | None = None


@dataclass(slots=True)
class ParsedReport:
    agency: str | None
    agency_as_written: str | None
    year: int | None
    template: str | None
    script: str
    region: Region
    published_on: dt.date | None
    facts: list[Fact] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # text, html, pdf or docx: what the file was before it became lines.
    source_format: str = "text"
    # The name the report says the agency had before (（原…） in the title or opening).
    agency_former: str | None = None
