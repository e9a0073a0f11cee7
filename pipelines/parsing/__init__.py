"""Parse one government information disclosure annual report into typed facts.

Pure functions: bytes and a name in, a `ParsedReport` out, or `ReportRejected` raised.
No file-system walking, no database, no orchestration.
"""

from pipelines.parsing._report import parse_bytes, parse_text
from pipelines.parsing._types import (
    Cell,
    Claim,
    Fact,
    Issue,
    ParsedReport,
    Region,
    ReportRejected,
)

__all__ = [
    "Cell",
    "Claim",
    "Fact",
    "Issue",
    "ParsedReport",
    "Region",
    "ReportRejected",
    "parse_bytes",
    "parse_text",
]
