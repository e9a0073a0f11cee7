"""Parse one government information disclosure annual report into typed facts.

Pure functions: bytes and a name in, a `ParsedReport` out, or `ReportRejected` raised.
No file-system walking, no database, no orchestration.
"""

from pipelines.parsing._formats import Converted, sniff_format
from pipelines.parsing._report import parse_bytes, parse_converted, parse_text, render_bytes
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
    "Converted",
    "Fact",
    "Issue",
    "ParsedReport",
    "Region",
    "ReportRejected",
    "parse_bytes",
    "parse_converted",
    "parse_text",
    "render_bytes",
    "sniff_format",
]
