"""What a warehouse holds after a load, in the numbers the end-of-run summary prints.

Read from the warehouse itself (not from what a run believed it wrote), so the summary of
a run that reused everything, or of a warehouse built elsewhere, is still true.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipelines.warehouse import connect_readonly, load_sql

__all__ = ["WarehouseSummary", "summarize_warehouse"]

STATUSES = ("valid", "flagged", "rejected")


@dataclass(frozen=True)
class WarehouseSummary:
    path: Path
    size_bytes: int
    files: int
    by_status: dict[str, int]
    # status -> [(reason, files)], commonest first
    reasons: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # The first flagged (else rejected) file, relative to the raw folder.
    first_unsound: str | None = None


def summarize_warehouse(path: Path) -> WarehouseSummary:
    """Files per status and the commonest reasons for flagged and rejected files."""
    path = Path(path)
    with connect_readonly(path) as con:
        counts = dict(con.execute(load_sql("report_status_counts.sql")).fetchall())
        reasons: dict[str, list[tuple[str, int]]] = {}
        for status, reason, files in con.execute(load_sql("issue_reasons.sql")).fetchall():
            reasons.setdefault(status, []).append((reason, int(files)))
        unsound = con.execute(load_sql("first_unsound_file.sql")).fetchone()
    by_status = {status: int(counts.get(status, 0)) for status in STATUSES}
    return WarehouseSummary(path=path, size_bytes=path.stat().st_size,
                            files=sum(int(n) for n in counts.values()),
                            by_status=by_status, reasons=reasons,
                            first_unsound=unsound[0] if unsound else None)
