"""The run's console: one line per finished stage, progress while a stage works, and a
summary at the end, instead of Dagster's event log (which stays in the instance's storage
and the UI; `verbose` prints it as well).

Stages are named by their step keys and described by the metadata the run itself reports,
so a stage that is added, split or renamed shows up without a change here.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass, field
from typing import IO

import dagster as dg

from pipelines.console_text import RunFacts, stage_details, stage_line, summary_lines
from pipelines.defs.report import ReportFile
from pipelines.defs.resources import RawFolder, WarehouseFile
from pipelines.run_summary import summarize_warehouse

# Progress lines on a stream that is not a terminal: at most one per stage this often.
_QUIET_SECONDS = 10.0


@dataclass
class _RunState:
    started: float = field(default_factory=time.monotonic)
    assets: dict[str, dict[str, dict[str, object]]] = field(default_factory=dict)
    last_message: dict[str, str] = field(default_factory=dict)
    last_progress: dict[str, float] = field(default_factory=dict)
    checks_passed: int = 0
    checks_failed: list[str] = field(default_factory=list)
    check_steps: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    failed: bool = False
    # A progress line is on screen without its newline (terminals only).
    pending_line: bool = False


# Dagster builds a run's loggers more than once (per step as well as per run), so what a
# run has reported so far is kept by run id, not in the handler.
_RUNS: dict[str, _RunState] = {}


class _StageHandler(logging.Handler):
    def __init__(self, stream: IO[str], summary: bool) -> None:
        super().__init__(level=logging.DEBUG)
        self.stream = stream
        self.tty = stream.isatty()
        self.summary = summary

    def _write(self, line: str, transient: bool = False) -> None:
        if self.run.pending_line:
            self.stream.write("\r\033[K")
        self.stream.write(line if transient else line + "\n")
        self.run.pending_line = transient
        self.stream.flush()

    def emit(self, record: logging.LogRecord) -> None:
        meta = record.__dict__.get("dagster_meta") or {}
        event = meta.get("dagster_event")
        step = meta.get("step_key") or ""
        run_id = meta.get("run_id") or ""
        self.run = _RUNS.setdefault(run_id, _RunState())
        if event is None:
            # Dagster's own chatter (IO managers) is DEBUG; the pipeline speaks at INFO.
            if record.levelno >= logging.INFO:
                self._message(step, str(meta.get("orig_message", record.getMessage())),
                              record.levelno)
            return
        kind = event.event_type
        data = event.event_specific_data
        if kind == dg.DagsterEventType.STEP_START:
            self.run.last_progress[step] = time.monotonic()
        elif kind == dg.DagsterEventType.ASSET_MATERIALIZATION:
            materialization = data.materialization
            metadata = {k: v.value for k, v in materialization.metadata.items()}
            self.run.assets.setdefault(step, {})[materialization.asset_key.to_user_string()] = (
                metadata)
            for key in ("reused_reports", "removed_files"):
                if isinstance(metadata.get(key), int):
                    self.run.counts[key] = int(metadata[key])
        elif kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION:
            self.run.check_steps.add(step)
            if data.passed:
                self.run.checks_passed += 1
            else:
                self.run.checks_failed.append(data.check_name)
        elif kind == dg.DagsterEventType.STEP_SUCCESS:
            self._stage_done(step, data.duration_ms / 1000)
        elif kind == dg.DagsterEventType.STEP_FAILURE:
            self.run.failed = True
            self._write(f"error in {_stage(step)}: {_innermost(data.error)}")
        elif kind == dg.DagsterEventType.RUN_SUCCESS:
            if self.summary:
                self._summary()
            _RUNS.pop(run_id, None)
        elif kind == dg.DagsterEventType.RUN_FAILURE:
            self._write("run failed; `make ui` shows its full event log")
            _RUNS.pop(run_id, None)

    def _message(self, step: str, text: str, level: int) -> None:
        if level >= logging.ERROR and self.run.failed:
            # After a failure Dagster logs, as errors, each step it will not run because of
            # it: consequences, not news.
            return
        if level >= logging.WARNING:
            self._write(f"{logging.getLevelName(level).lower()} in {_stage(step)}: {text}")
            return
        self.run.last_message[step] = text
        now = time.monotonic()
        if self.tty:
            self._write(f"  {_stage(step):<24} {text}", transient=True)
        elif now - self.run.last_progress.get(step, now) >= _QUIET_SECONDS:
            self._write(f"  {_stage(step):<24} {text}")
            self.run.last_progress[step] = now

    def _stage_done(self, step: str, seconds: float) -> None:
        assets = self.run.assets.get(step)
        if assets:
            details = stage_details(assets)
        elif step in self.run.last_message and step not in self.run.check_steps:
            details = self.run.last_message[step]
        else:
            # A step that only evaluated asset checks: counted in the summary.
            return
        self._write(stage_line(_stage(step), details, seconds))

    def _summary(self) -> None:
        facts = RunFacts(
            seconds=time.monotonic() - self.run.started,
            reused=self.run.counts.get("reused_reports", 0),
            removed=self.run.counts.get("removed_files", 0),
            raw_folder=RawFolder().resolved(),
            comparison=ReportFile().resolved(),
            checks_passed=self.run.checks_passed,
            checks_failed=tuple(self.run.checks_failed),
            command_seconds=_since_command_start(),
        )
        for line in summary_lines(summarize_warehouse(WarehouseFile().resolved()), facts):
            self._write(line)


def _since_command_start() -> float | None:
    # `make run` records when it started, before Python and Dagster load.
    started = os.environ.get("RUN_STARTED_AT", "")
    try:
        return time.time() - float(started)
    except ValueError:
        return None


def _stage(step_key: str) -> str:
    # "parsed_reports.parse_bucket[bucket_0]" -> "parse_bucket[bucket_0]"
    return step_key.rsplit(".", 1)[-1] or "run"


def _innermost(error: object) -> str:
    """The message of the exception that started it, without Dagster's wrapping."""
    while getattr(error, "cause", None) is not None:
        error = error.cause
    message = str(getattr(error, "message", error)).strip()
    return message.splitlines()[-1] if message else "unknown error"


@dg.logger(
    config_schema={
        "summary": dg.Field(bool, default_value=False,
                            description="Print the warehouse summary when the run succeeds "
                                        "(`make run`: the default resources' paths)."),
        "verbose": dg.Field(bool, default_value=False,
                            description="Also print Dagster's event log."),
    },
    description="Stage lines and a summary on stdout; the event log stays in storage.",
)
def stage_console(init_context: dg.InitLoggerContext) -> logging.Logger:
    config = init_context.logger_config
    # Not registered with logging.getLogger: each run gets its own.
    logger = logging.Logger("gov_disclosure.run", level=logging.DEBUG)
    if config["verbose"]:
        event_log = dg.colored_console_logger.logger_fn(dg.build_init_logger_context(
            logger_config={"log_level": "DEBUG", "name": "dagster"}))
        for handler in event_log.handlers:
            logger.addHandler(handler)
    logger.addHandler(_StageHandler(sys.stdout, config["summary"]))
    return logger
