"""Running the real CLI in a child process: forked from the test process (everything already
imported, so a run costs a fraction of a fresh interpreter), with its own environment and its
output captured. A child that reaches a crash point dies with os._exit, as on kill -9. The
bad-input table and the fault suite fork theirs from a smaller, warmed process instead
(tests/zygote.py), through this module's `_child`.

What a command imports only when it runs (the commands, the audit's replay, the reports, the
flows' names, httpx's transport) the test process imports before its first child (`WARM`):
a child's imports die with it, so a test process that had not imported them yet paid them in
every child (about 60 ms of a core each, the bad-input table's cases twice over).

The child's engine for the database it will use (`db_url`) starts with a pool of its own
(`dispose(close=False)`, SQLAlchemy's way after a fork): it never uses a connection of its
parent's (SQLite and psycopg both forbid that), and the parent keeps its own open, rather than
connecting again after every child (a PostgreSQL backend started each time).
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import signal
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

import httpx

from agreements.core import crashpoints
from agreements.core.db import get_engine
from tests import loopback
from tests.waiting import PATIENCE, wait_for

CRASHED = crashpoints.CRASH_EXIT
WARM = ("cli", "agreements.commands", "agreements.core.bulk", "agreements.core.replay",
        "agreements.core.verification", "agreements.registry.brreg", "agreements.reporting.details",
        "agreements.reporting.tables", "cli.onboarding", "cli.server", "flows.names", "httpcore")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def crashed(self) -> bool:
        return self.code == CRASHED


def run_cli(argv: Sequence[str], env: Mapping[str, str], *, db_url: str | None = None,
            crash_at: str | None = None, timeout: float = 120,
            memory: int | None = None) -> Run:
    """`avtaleflyt ARGV` in a forked child with `env` (plus AVTALEFLYT_CRASH_AT=crash_at);
    `memory`: bytes the child may grow by (its address space is capped there: growing past
    it is a MemoryError, which the CLI reports as an internal error, exit 70)."""
    return spawn_cli(argv, env, db_url=db_url, crash_at=crash_at, memory=memory).wait(timeout)


class Child:
    """A CLI run going on in a forked child; `wait()` for its outcome."""

    def __init__(self, pid: int, out: IO[bytes], err: IO[bytes]) -> None:
        self.pid, self.out, self.err = pid, out, err

    def wait(self, timeout: float = 120) -> Run:
        try:
            code = _wait(self.pid, timeout)
            self.out.seek(0)
            self.err.seek(0)
            return Run(code, self.out.read().decode("utf-8", "replace"),
                       self.err.read().decode("utf-8", "replace"))
        finally:
            self.out.close()
            self.err.close()


@contextmanager
def portal_child(port: int, env: Mapping[str, str], *options: str,
                 db_url: str | None = None) -> Iterator[list[Run]]:
    """`avtaleflyt portal --port PORT OPTIONS` in a forked child, entered once it answers;
    stopped by SIGTERM when the block ends, its outcome then appended to the list yielded."""
    child = spawn_cli(["portal", "--port", str(port), *options], env, db_url=db_url)

    def answers() -> bool:
        try:
            return loopback.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
        except httpx.TransportError:
            return False

    ended: list[Run] = []
    try:
        wait_for(answers, "the portal to answer")
        yield ended
    finally:
        os.kill(child.pid, signal.SIGTERM)
        ended.append(child.wait(PATIENCE))


def spawn_cli(argv: Sequence[str], env: Mapping[str, str], *, db_url: str | None = None,
              crash_at: str | None = None, memory: int | None = None) -> Child:
    """Start `avtaleflyt ARGV` in a forked child and return at once (runs at the same time)."""
    _warm()
    out = tempfile.TemporaryFile()  # noqa: SIM115  (closed by Child.wait)
    err = tempfile.TemporaryFile()  # noqa: SIM115
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # the child's collections skip what it inherits, so it copies few pages
    pid = -1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12+)
            pid = os.fork()
    finally:
        if pid != 0:
            gc.unfreeze()
    if pid == 0:  # the child: never returns
        _child(argv, env, crash_at, out.fileno(), err.fileno(), memory, db_url)
    return Child(pid, out, err)


@functools.cache
def _warm() -> None:
    for name in WARM:
        importlib.import_module(name)


def _child(argv: Sequence[str], env: Mapping[str, str], crash_at: str | None,
           out: int, err: int, memory: int | None = None, db_url: str | None = None) -> None:
    code = 70
    try:
        if memory is not None:
            _cap_address_space(memory)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        if db_url:
            get_engine(db_url).dispose(close=False)
        os.environ.clear()
        os.environ.update(env)
        if crash_at:
            os.environ[crashpoints.VARIABLE] = crash_at
        crashpoints.reset()
        from cli import main

        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # a traceback must show in the captured stderr, as in a shell
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _cap_address_space(growth: int) -> None:
    """RLIMIT_AS at what the child has mapped now, plus `growth` bytes."""
    import resource

    with open("/proc/self/status", encoding="ascii") as status:
        size = next(int(line.split()[1]) * 1024 for line in status
                    if line.startswith("VmSize:"))
    resource.setrlimit(resource.RLIMIT_AS, (size + growth, resource.getrlimit(
        resource.RLIMIT_AS)[1]))


def _wait(pid: int, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise TimeoutError(f"the CLI child did not finish in {timeout} s")
        time.sleep(0.005)
