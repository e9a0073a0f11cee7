"""The processes of a one-machine cluster: a Redis broker on loopback and Celery workers,
stopped again on every way out.

Every process is started in a session of its own (so a terminal's Ctrl-C reaches only the
demo, which stops them in order) and asks the kernel for SIGTERM when the demo dies, so even
a demo killed with SIGKILL leaves nothing running. `Services.close()` stops each process
group with SIGTERM, then SIGKILL after a grace period.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import FrameType, TracebackType

_PR_SET_PDEATHSIG = 1


class ServiceError(RuntimeError):
    """A service did not start; the message names it and ends with its log's last lines."""


class _StopRequest:
    """The signal that asked the demo to stop, once one has; and whether a process is being
    started just now, when raising would leave it running but not in the list of what to
    stop."""

    signal: int | None = None
    starting: bool = False


_stop = _StopRequest()


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP end the demo like Ctrl-C: through the clean-up.

    The handler raises SystemExit where the signal lands, except while a process is being
    started; and an exception raised inside one of Python's own callbacks is printed and
    dropped. So the signal is also recorded, and `Services` raises it again after each start
    and in each of its waits."""
    def stop(signum: int, _frame: FrameType | None) -> None:
        if _stop.signal is None:
            print(f"cluster demo stopped by {signal.Signals(signum).name}: stopping Redis "
                  "and the workers", file=sys.stderr, flush=True)
        _stop.signal = signum
        if not _stop.starting:
            raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)


def _raise_if_stopped() -> None:
    if _stop.signal is not None:
        raise SystemExit(128 + _stop.signal)


def _die_with_parent() -> None:
    # Runs in the child between fork and exec: SIGTERM when the demo's process dies. An
    # ignored SIGTERM survives exec, so one the demo inherited (from a shell, or a test
    # run that ignores it) would keep the child alive after all: set back to its default.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError):  # not Linux: the demo's own clean-up still applies
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def redis_answers(port: int) -> bool:
    """Whether a Redis server on 127.0.0.1:`port` answers PING."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as con:
            con.sendall(b"PING\r\n")
            return con.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


class Services:
    """Processes started for the demo, stopped (newest first) when the block ends."""

    def __init__(self, grace_seconds: float = 15.0) -> None:
        self._running: list[tuple[str, subprocess.Popen[bytes]]] = []
        # How long a process may take over SIGTERM (a worker finishing its task).
        self._grace = grace_seconds

    def __enter__(self) -> Services:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def start(self, name: str, command: Sequence[str], log: Path,
              env: Mapping[str, str] | None = None, cwd: Path | None = None,
              ) -> subprocess.Popen[bytes]:
        _stop.starting = True
        try:
            with log.open("ab") as out:
                process = subprocess.Popen(
                    list(command), stdout=out, stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL, env=dict(env) if env is not None else None,
                    cwd=cwd, start_new_session=True, preexec_fn=_die_with_parent)
            self._running.append((name, process))
        finally:
            _stop.starting = False
        _raise_if_stopped()
        return process

    def run(self, name: str, command: Sequence[str], log: Path, env: Mapping[str, str],
            cwd: Path) -> int:
        """A command to its end (stopped with the rest if the demo is interrupted)."""
        process = self.start(name, command, log, env, cwd)
        try:
            while not _wait_unreaped(process.pid, 0.5):
                _raise_if_stopped()
        finally:
            self._stop(name, process)
        return int(process.returncode)

    def start_redis(self, folder: Path, attempts: int = 3) -> int:
        """redis-server on 127.0.0.1 and a free port, without persistence, its working
        folder `folder`; returns the port."""
        log = folder / "redis.log"
        for _ in range(attempts):
            port = free_port()
            process = self.start("redis", [
                "redis-server", "--bind", "127.0.0.1", "--port", str(port),
                "--protected-mode", "yes", "--save", "", "--appendonly", "no",
                "--dir", str(folder), "--daemonize", "no"], log)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and not _wait_unreaped(process.pid, 0):
                _raise_if_stopped()
                if redis_answers(port):
                    return port
                time.sleep(0.1)
            # Another process took the port in between, or Redis cannot start at all.
            self._stop("redis", process)
        raise ServiceError(f"redis-server did not start:\n{tail(log)}")

    def start_workers(self, names: Sequence[str], celery: Path, env: Mapping[str, str],
                      cwd: Path, folder: Path, timeout: float = 180.0) -> list[str]:
        """One dagster-celery worker per name, each running one task at a time, with the
        project's definitions imported before the first task; returns their node names
        once every one answers a ping through the broker."""
        workers: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}
        for name in names:
            node = f"{name}@{socket.gethostname()}"
            log = folder / f"{name}.log"
            workers[node] = (self.start(name, [
                str(celery), "--app", "dagster_celery.app", "worker", "--hostname", node,
                "--concurrency", "1", "--prefetch-multiplier", "1", "--loglevel", "INFO",
                "--include", "pipelines.definitions",
                # No worker-to-worker chatter: nothing here needs it, and it slows start-up.
                "--without-gossip", "--without-mingle", "--without-heartbeat"],
                log, env, cwd), log)
        _await_pings(workers, env, timeout)
        return list(workers)

    def close(self) -> None:
        while self._running:
            name, process = self._running[-1]
            self._stop(name, process)

    def _stop(self, name: str, process: subprocess.Popen[bytes]) -> None:
        if (name, process) in self._running:
            self._running.remove((name, process))
        if process.returncode is None:
            if not _wait_unreaped(process.pid, 0):
                _signal_group(process, signal.SIGTERM)
                _wait_unreaped(process.pid, self._grace)
            # What is left of the group (a Celery worker's pool process, a run's step
            # processes), while the leader, not yet reaped, still holds the group's id.
            _signal_group(process, signal.SIGKILL)
        process.wait()
        _await_group_gone(process.pid, self._grace)


def _wait_unreaped(pid: int, timeout: float) -> bool:
    """Wait until the child `pid` has exited, without reaping it; False on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None:
                return True
        except ChildProcessError:  # already reaped
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def _await_group_gone(group: int, timeout: float) -> None:
    # SIGKILL is delivered, not waited for: the demo ends only when the processes have.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _await_pings(workers: Mapping[str, tuple[subprocess.Popen[bytes], Path]],
                 env: Mapping[str, str], timeout: float) -> None:
    from celery import Celery  # the `cluster` dependency group

    app = Celery("ping", broker=env["CELERY_BROKER_URL"], backend=env["CELERY_RESULT_BACKEND"])
    deadline = time.monotonic() + timeout
    answered: set[str] = set()
    with app:  # closes its broker connections
        while time.monotonic() < deadline:
            _raise_if_stopped()
            for node, (process, log) in workers.items():
                if _wait_unreaped(process.pid, 0):
                    raise ServiceError(f"celery worker {node} exited:\n{tail(log)}")
            replies = app.control.ping(destination=list(workers), timeout=1.0) or []
            answered |= {node for reply in replies for node in reply}
            if answered >= set(workers):
                return
    missing = ", ".join(sorted(set(workers) - answered))
    raise ServiceError(f"celery workers did not answer within {timeout:.0f} s: {missing}")
