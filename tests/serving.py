"""`avtaleflyt serve` in a process of its own, for the tests that need the real thing: a
Prefect server on a free port with its UI, every deployment served (tests/test_serve.py, the
browser's run forms). Starting serve costs about 20 s of a core (its Prefect server, every
deployment registered), so the tests that only look at a running serve share one per module
(`served`); a test that stops serve starts its own (`start_serve`)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from flows.deployments import DEPLOYMENTS
from tests import loopback
from tests.conftest import ROOT, free_port
from tests.prefect_harness import own_server
from tests.test_e2e_prefect import BIN, avtaleflyt

T = TypeVar("T")
STARTUP = 240  # seconds: only a hang reaches it, however loaded the machine


@dataclass(frozen=True)
class Served:
    port: int
    proc: subprocess.Popen[bytes]
    log: Path
    data_dir: Path  # serve's AVTALEFLYT_DATA_DIR

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def wait_until(served: Served, what: str, check: Callable[[], T | None]) -> T:
    """`check()`'s first true answer, while serve still runs (its log when it stopped)."""
    deadline = time.monotonic() + STARTUP
    while True:
        try:
            found = check()
            if found:
                return found
        except httpx.HTTPError:
            pass
        tail = served.log.read_text(errors="replace")[-3000:]
        assert served.proc.poll() is None, tail
        assert time.monotonic() < deadline, f"{what} within {STARTUP} s: {tail}"
        time.sleep(0.5)


def registered(served: Served) -> list[dict[str, Any]]:
    """Every deployment, once serve has registered them all."""

    def all_of_them() -> list[dict[str, Any]] | None:
        found = loopback.post(f"{served.base}/api/deployments/filter", json={}, timeout=5).json()
        return found if len(found) == len(DEPLOYMENTS) else None

    return wait_until(served, "every deployment", all_of_them)


def start_serve(tmp_path: Path) -> Served:
    """`avtaleflyt serve --port <free> --portal-port 0` started in a private PREFECT_HOME."""
    port = free_port()
    env = {**os.environ, **own_server(tmp_path / "prefect-home"), "DO_NOT_TRACK": "1",
           "AVTALEFLYT_DATA_DIR": str(tmp_path / "var"),
           "AVTALEFLYT_OFFLINE": "1"}  # serve's server inherits serve's environment
    for name in ("AVTALEFLYT_DATABASE_URL", "PREFECT_API_URL", "PREFECT_UI_API_URL",
                 "PREFECT_SERVER_UI_API_URL", "PREFECT_SERVER_API_PORT"):
        env.pop(name, None)
    avtaleflyt(["init"], env)
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(BIN / "avtaleflyt"), "serve", "--port", str(port),
                                 "--portal-port", "0"], env=env, cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    return Served(port, proc, log, tmp_path / "var")


def stop_serve(served: Served) -> None:
    """SIGTERM, as an operator's `kill` (serve pauses its deployments, then stops its server);
    what a hung serve left is killed."""
    served.proc.terminate()
    try:
        served.proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(served.proc.pid, signal.SIGKILL)
        served.proc.wait(timeout=30)
    for pid in listening_on(served.port):  # the server serve started (its own session)
        os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`avtaleflyt serve` (`start_serve`), shared by the module's tests (none stops it or
    names anything another test names), stopped as an operator's `kill` stops it at the
    end."""
    found = start_serve(tmp_path_factory.mktemp("serve"))
    try:
        yield found
    finally:
        stop_serve(found)


def listening_on(port: int) -> list[int]:
    """The processes started with `--port <port>`: the server a serve started."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--port" in args and str(port).encode() in args and b"server" in args:
            found.append(int(cmdline.parent.name))
    return found
