"""The lines `make run` prints: one per finished stage, then a short summary.

Pure formatting: numbers in, strings out, so the wording is tested without a run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipelines.run_summary import WarehouseSummary

__all__ = ["RunFacts", "human_bytes", "stage_details", "stage_line", "summary_lines"]

WIDTH = 100
_REASONS_SHOWN = 3


def human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


def _seconds(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def stage_details(assets: Mapping[str, Mapping[str, object]]) -> str:
    """What a stage materialized, from its metadata: the numbers of one asset, or, for a
    stage that writes several, how many and their rows."""
    if len(assets) == 1:
        (metadata,) = assets.values()
        return ", ".join(_pair(key, value) for key, value in metadata.items()
                         if isinstance(value, (bool, int, float)))
    rows = [v for m in assets.values() for k, v in m.items()
            if k == "rows" and isinstance(v, int) and not isinstance(v, bool)]
    text = f"{len(assets)} assets"
    return f"{text}, {sum(rows):,} rows" if rows else text


def _pair(key: str, value: bool | int | float) -> str:
    if isinstance(value, bool):
        return f"{key.replace('_', ' ')}: {'yes' if value else 'no'}"
    if key == "bytes" or key.endswith("_bytes"):
        return f"{key.replace('_', ' ')} {human_bytes(int(value))}"
    return f"{key.replace('_', ' ')} {value:,}"


def _aligned(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(left) for left, _ in rows)
    return [f"  {left:<{width}}  {right}" for left, right in rows]


def stage_line(stage: str, details: str, seconds: float) -> str:
    head = f"  {stage:<24} "
    tail = f" {_seconds(seconds):>8}"
    return head + _clip(details, WIDTH - len(head) - len(tail)).ljust(
        WIDTH - len(head) - len(tail)) + tail


@dataclass(frozen=True)
class RunFacts:
    """What only the run knows: how long it took and what it did not parse again."""

    seconds: float
    reused: int
    removed: int
    raw_folder: Path
    comparison: Path
    checks_passed: int = 0
    checks_failed: tuple[str, ...] = ()
    # Since the command started, Dagster's start-up included; None when not known.
    command_seconds: float | None = None


def _took(run: RunFacts) -> str:
    if run.command_seconds is None or run.command_seconds < run.seconds:
        return f"Run finished in {_seconds(run.seconds)}."
    return (f"Done in {_seconds(run.command_seconds)}: the run {_seconds(run.seconds)}, "
            "loading Dagster and the definitions the rest.")


def summary_lines(summary: WarehouseSummary, run: RunFacts) -> list[str]:
    counts = summary.by_status
    parsed = max(summary.files - run.reused, 0)
    lines = [
        "",
        _took(run),
        f"  files      {summary.files:,} found in {run.raw_folder}, {parsed:,} parsed, "
        f"{run.reused:,} reused from the last load, {run.removed:,} removed",
        f"  reports    {counts['valid']:,} valid, {counts['flagged']:,} flagged, "
        f"{counts['rejected']:,} rejected",
    ]
    for status in ("flagged", "rejected"):
        reasons = summary.reasons.get(status, [])
        if reasons:
            shown = "; ".join(f"{reason} ({n:,})" for reason, n in reasons[:_REASONS_SHOWN])
            more = f"; {len(reasons) - _REASONS_SHOWN} more" if len(
                reasons) > _REASONS_SHOWN else ""
            lines.append(_clip(f"             {status}: {shown}{more}", WIDTH))
    checks = f"  checks     {run.checks_passed:,} asset checks passed"
    if run.checks_failed:
        checks += f", {len(run.checks_failed)} failed: {', '.join(run.checks_failed)}"
    lines += [
        _clip(checks, WIDTH),
        f"  warehouse  {summary.path} ({human_bytes(summary.size_bytes)})",
        "",
        "Next:",
        *_aligned([
            (f"make inspect FILE={run.raw_folder}/{summary.first_unsound or '<file>'}",
             "one report parsed and checked: why it was flagged"),
            (str(run.comparison), "disclosure rates by agency and year (opens offline)"),
            ("make sql", "the warehouse in a read-only DuckDB shell"),
            ("make export FORMAT=xlsx", "every analyst view as an Excel workbook"),
        ]),
    ]
    return lines
