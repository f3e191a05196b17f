"""A small process that forks CLI children for a test process (`python -m tests.zygote`).

A child forked from a test worker pays for the worker's heap: the worker has imported the
whole suite (Prefect, Playwright, botocore, matplotlib, …), and a fork copies its page tables,
the child's writes copy the pages they touch and its exit unmaps them all (after collection
alone, 254 MB: 9 ms of a core in the worker and 11 ms in a child that does nothing). A child
also pays for whatever its command loads on first use that its parent has not loaded
(settings, texts, reference data, the engine's dialect and compiled statements): a refused
`org add` cost about 40 ms of a core in the child of a process that had run no command.

The zygote imports the product's modules only, runs a few commands that write nothing in
itself (`warm`: the bad-input table's reads, the fault suite's counting run) and forks from
there: the same refused command costs about 13 ms of a core in its child, and the request
1-2 ms in the test process. A child of the zygote is the real CLI as tests/forked.py runs
it (`_child`: its own environment, output to files, an optional crash point and memory cap),
but it inherits nothing of the test process: no patched object, nothing the test loaded. So
it serves the tests whose commands take their whole world from the environment, the files
and the database (the bad-input table, the fault suite); the others fork from the test
process (tests/forked.py).

The zygote reads one JSON request a line on stdin and answers on stdout: `run` (argv, env,
out, err, memory, db_url, crash_at) → the child's pid, then, when it ends, its exit code and
CPU seconds; `warm` (argv, env, db_url) → the exit code of the command run in the zygote
itself. It ends when stdin closes.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.forked import Run

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("agreements", "cli")  # every module of theirs, imported before the first fork
DIALECTS = ("sqlalchemy.dialects.sqlite.pysqlite", "sqlalchemy.dialects.postgresql.psycopg")


def _send(answers: Any, answer: dict[str, Any]) -> None:
    answers.write(json.dumps(answer).encode() + b"\n")
    answers.flush()


def _in_process(argv: list[str], env: dict[str, str], db_url: str | None) -> int:
    """`avtaleflyt ARGV` in the zygote itself (its output dropped, its environment restored):
    what the command loads on first use (settings, texts, reference data, the database's
    engine and compiled statements) is then loaded in every child. The engine keeps no
    connection open (a child would share it; a test could not drop the database)."""
    import contextlib
    import io

    from agreements.core import crashpoints
    from agreements.core.db import get_engine
    from cli import main as cli

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    crashpoints.reset()  # counts this run's passages (AVTALEFLYT_CRASH_AT=count:FILE)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return cli(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    finally:
        os.environ.clear()
        os.environ.update(saved)
        crashpoints.reset()
        if db_url:
            get_engine(db_url).dispose()


def _run(request: dict[str, Any], protocol: tuple[int, int], answers: Any) -> dict[str, Any]:
    """Fork the child, say its pid, and once it ends say how (its exit code, its CPU)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns
        from tests.forked import _child

        for fd in protocol:
            os.close(fd)
        out = os.open(request["out"], os.O_WRONLY | os.O_TRUNC)
        err = os.open(request["err"], os.O_WRONLY | os.O_TRUNC)
        _child(request["argv"], request["env"], request["crash_at"], out, err,
               request["memory"], request["db_url"])  # a pool of its own on the warm engine
    _send(answers, {"pid": pid})
    _, status, usage = os.wait4(pid, 0)
    return {"code": os.waitstatus_to_exitcode(status), "cpu": usage.ru_utime + usage.ru_stime}


def main() -> None:
    import pkgutil

    from tests.forked import WARM

    for name in WARM:
        importlib.import_module(name)
    for package in PRODUCT:
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if ".migrations" not in module.name and not module.name.endswith("__main__"):
                importlib.import_module(module.name)  # (alembic runs the migrations)
    for name in DIALECTS:
        importlib.import_module(name)
    protocol = os.dup(0), os.dup(1)  # requests and answers; fds 0 and 1 are the children's
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)
    gc.collect()
    gc.freeze()  # the children's collections skip what they inherit
    with os.fdopen(protocol[0], "rb") as requests, os.fdopen(protocol[1], "wb") as answers:
        for line in requests:
            request = json.loads(line)
            _send(answers, _run(request, protocol, answers) if request["op"] == "run" else
                  {"code": _in_process(request["argv"], request["env"], request["db_url"])})
    sys.exit(0)


class Zygote:
    """The test process's side: the zygote started on first use, ended with the process."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._read = b""  # what the zygote said after the last line taken
        self.reaped = 0.0  # CPU seconds of the children that have ended (tests/timing.py)

    def run(self, argv: Sequence[str], env: Mapping[str, str], *, db_url: str | None = None,
            crash_at: str | None = None, memory: int | None = None, timeout: float = 120
            ) -> Run:
        """`avtaleflyt ARGV` with `env` (on database `db_url`) in a child of the zygote, as
        tests.forked.run_cli runs it in a child of this process; its `tests.forked.Run`."""
        from tests.forked import Run

        with tempfile.TemporaryDirectory(prefix="zygote-") as folder:
            out, err = Path(folder, "out"), Path(folder, "err")
            out.touch()
            err.touch()
            ended = self._ask(op="run", argv=list(argv), env=dict(env), out=str(out),
                              err=str(err), memory=memory, db_url=db_url,
                              crash_at=crash_at, timeout=timeout)
            self.reaped += ended["cpu"]
            return Run(ended["code"], out.read_text("utf-8", "replace"),
                       err.read_text("utf-8", "replace"))

    def warm(self, argv: Sequence[str], env: Mapping[str, str], db_url: str | None = None
             ) -> int:
        """Run `avtaleflyt ARGV` (a command that writes nothing) in the zygote itself, so
        that what it loads on first use is loaded in the children (`_in_process`)."""
        code: int = self._ask(op="warm", argv=list(argv), env=dict(env), db_url=db_url)["code"]
        return code

    def _ask(self, *, timeout: float = 600, **request: Any) -> dict[str, Any]:
        """Send a request; its answer (for `run`: the child's end, after its pid). A child
        still running after `timeout` seconds is killed, and TimeoutError raised."""
        with self._lock:
            if self._process is None:
                env = {k: v for k, v in os.environ.items() if not k.startswith("AVTALEFLYT_")}
                self._process = subprocess.Popen(
                    [sys.executable, "-m", "tests.zygote"], cwd=ROOT, env=env, bufsize=0,
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                atexit.register(self.close)
            assert self._process.stdin
            data = memoryview(json.dumps(request).encode() + b"\n")
            while data:  # unbuffered: a large environment may take more than one write
                data = data[self._process.stdin.write(data) or 0:]
            answer = self._answer(None)
            if request["op"] != "run":
                return answer
            try:
                return self._answer(timeout)
            except TimeoutError:
                os.kill(answer["pid"], signal.SIGKILL)  # the zygote reaps it and answers
                self._answer(None)
                raise TimeoutError(f"the CLI child did not finish in {timeout} s") from None

    def _answer(self, timeout: float | None) -> dict[str, Any]:
        """The zygote's next line (waiting at most `timeout` seconds for it)."""
        assert self._process and self._process.stdout
        fd = self._process.stdout.fileno()
        while b"\n" not in self._read:
            if not select.select([fd], [], [], timeout)[0]:
                raise TimeoutError
            chunk = os.read(fd, 65536)
            if not chunk:
                raise EOFError("the zygote ended")
            self._read += chunk
        line, _, rest = self._read.partition(b"\n")
        self._read = rest
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                assert self._process.stdin
                self._process.stdin.close()
                self._process.wait()
                self._process = None


ZYGOTE = Zygote()


if __name__ == "__main__":
    main()
