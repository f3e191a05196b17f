"""Where a request's time goes in the portal's workers (`bench.load --probe`): each worker
writes one line per request — its wall time from the ASGI entry to the last byte, the time
its sync parts waited for a thread of the pool, the CPU its thread used, and the time spent
in the database by kind (waiting to begin a writer: SQLite's BEGIN IMMEDIATE; waiting for a
lock: PostgreSQL's advisory and row locks; commit; other statements). What is left of the
wall time is the event loop (form parsing, other requests) and the GIL.

Loaded into each worker by `sitecustomize` (the bench puts a folder with one on PYTHONPATH
when probing): it wraps, from outside, the threadpool call FastAPI makes for sync routes
and dependencies, the worker's app, and the engine's statements; nothing in the portal
knows of it."""

from __future__ import annotations

import json
import os
import threading
import time
from contextvars import ContextVar
from typing import Any

_RECORD: ContextVar[dict[str, Any] | None] = ContextVar("probe_record", default=None)
_LOCAL = threading.local()


def _kind(statement: str) -> str:
    head = statement.lstrip()[:40].upper()
    if head.startswith("BEGIN"):
        return "db_begin"
    if "PG_ADVISORY" in statement.upper() or "FOR UPDATE" in statement.upper():
        return "db_lock"
    return "db_other"


def _add(part: str, spent: float) -> None:
    record = getattr(_LOCAL, "record", None)
    if record is not None:
        record[part] += spent


def _time_begin(then: Any, after: Any = None) -> None:
    """Call `then(seconds)` after every SQLite writer's BEGIN IMMEDIATE (and `after(conn)`)."""
    from agreements.core import sqlitewait

    begin = sqlitewait.begin_immediate

    def timed(dbapi_connection: Any, timeout: float) -> None:
        started = time.perf_counter()
        begin(dbapi_connection, timeout)
        then(time.perf_counter() - started)
        if after is not None:
            after(dbapi_connection, time.perf_counter() - started)
    sqlitewait.begin_immediate = timed  # type: ignore[assignment]


def install(out: str) -> None:
    import fastapi.dependencies.utils as deps
    import fastapi.routing as routing
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.engine.default import DefaultDialect

    import portal.serving as serving

    original = routing.run_in_threadpool

    async def run_in_threadpool(func: Any, *args: Any, **kwargs: Any) -> Any:
        record = _RECORD.get()
        submitted = time.perf_counter()

        def measured() -> Any:
            started, cpu = time.perf_counter(), time.thread_time()
            _LOCAL.record = record
            try:
                return func(*args, **kwargs)
            finally:
                _LOCAL.record = None
                if record is not None:
                    record["pool_wait"] += started - submitted
                    record["thread_cpu"] += time.thread_time() - cpu
                    record["thread_wall"] += time.perf_counter() - started
        return await original(measured)

    routing.run_in_threadpool = run_in_threadpool  # type: ignore[assignment]
    deps.run_in_threadpool = run_in_threadpool  # type: ignore[assignment]

    @event.listens_for(Engine, "before_cursor_execute")
    def _before(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        conn.info["probe_started"] = time.perf_counter()

    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        record = getattr(_LOCAL, "record", None)
        if record is not None:
            record[_kind(statement)] += time.perf_counter() - conn.info.pop("probe_started")

    do_commit = DefaultDialect.do_commit

    def commit(self: Any, dbapi_connection: Any) -> None:
        started = time.perf_counter()
        try:
            do_commit(self, dbapi_connection)
        finally:
            record = getattr(_LOCAL, "record", None)
            if record is not None:
                record["db_commit"] += time.perf_counter() - started

    DefaultDialect.do_commit = commit  # type: ignore[method-assign]
    _time_begin(lambda spent: _add("db_begin", spent))

    worker = serving.worker
    path = f"{out}.{os.getpid()}"

    def probed() -> Any:
        app = worker()

        async def wrapped(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            record: dict[str, Any] = dict.fromkeys(
                ("pool_wait", "thread_cpu", "thread_wall", "db_begin", "db_lock",
                 "db_commit", "db_other"), 0.0)
            record.update(path=scope["path"], method=scope["method"], pid=os.getpid(),
                          at=time.time())
            token = _RECORD.set(record)
            started, cpu = time.perf_counter(), time.process_time()
            try:
                await app(scope, receive, send)
            finally:
                _RECORD.reset(token)
                record["wall"] = time.perf_counter() - started
                record["process_cpu"] = time.process_time() - cpu
                with open(path, "a", encoding="utf-8") as f:
                    f.write(json.dumps(record) + "\n")
        return wrapped

    serving.worker = probed  # type: ignore[assignment]


SITE = """import os, sys
if os.environ.get("AVTALEFLYT_BENCH_PROBE"):
    sys.path.insert(0, os.environ["AVTALEFLYT_BENCH_ROOT"])
    from bench import load_probe
    if os.environ.get("AVTALEFLYT_BENCH_PROBE_BATCH"):
        load_probe.install_batch(os.environ["AVTALEFLYT_BENCH_PROBE"])
    else:
        load_probe.install(os.environ["AVTALEFLYT_BENCH_PROBE"])
"""


def environment(folder: str, root: str) -> dict[str, str]:
    """What the portal's process needs in its environment to load the probe in its workers."""
    site = os.path.join(folder, "probe-site")
    os.makedirs(site, exist_ok=True)
    with open(os.path.join(site, "sitecustomize.py"), "w", encoding="utf-8") as f:
        f.write(SITE)
    return {"PYTHONPATH": site, "AVTALEFLYT_BENCH_ROOT": root,
            "AVTALEFLYT_BENCH_PROBE": os.path.join(folder, "probe")}


def install_batch(out: str) -> None:
    """In the follow-up and onboarding: how long each transaction held the writer's lock
    (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory locks) and the CPU it used meanwhile."""
    import sys

    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.engine.default import DefaultDialect

    path = f"{out}.batch.{os.getpid()}"
    held: dict[int, tuple[float, float, float, str]] = {}

    def site() -> str:
        frame = sys._getframe(2)
        while frame is not None:
            name = frame.f_code.co_filename
            if "/agreements/" in name and "/core/" not in name:
                return f"{name.rsplit('/agreements/', 1)[1]}:{frame.f_code.co_name}"
            frame = frame.f_back  # type: ignore[assignment]
        return "?"

    @event.listens_for(Engine, "before_cursor_execute")
    def _before(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        conn.info["probe_started"] = time.perf_counter()

    @event.listens_for(Engine, "after_cursor_execute")
    def _after(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        started = conn.info.pop("probe_started")
        if (_kind(statement) in ("db_begin", "db_lock") and "IMMEDIATE" in statement.upper()) \
                or "PG_ADVISORY" in statement.upper():
            key = id(conn.connection.dbapi_connection)
            if key not in held:
                held[key] = (time.perf_counter(), time.thread_time(),
                             time.perf_counter() - started, site())

    def ended(dbapi_connection: Any) -> None:
        raw = getattr(dbapi_connection, "dbapi_connection", dbapi_connection)
        found = held.pop(id(raw), None)
        if found is not None:
            at, cpu, waited, where = found
            with open(path, "a", encoding="utf-8") as f:
                f.write(json.dumps({"held": time.perf_counter() - at, "at": time.time(),
                                    "cpu": time.thread_time() - cpu, "waited": waited,
                                    "site": where}) + "\n")

    backends: set[int] = set()

    @event.listens_for(Engine, "connect")
    def _connected(dbapi_connection: Any, _record: Any) -> None:
        if type(dbapi_connection).__module__.startswith("psycopg"):
            backends.add(dbapi_connection.info.backend_pid)

    def cpu_of(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return 0.0

    def at_exit() -> None:  # the CPU of this process and of its PostgreSQL backends
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"process_cpu": time.process_time(),
                                "backend_cpu": sum(cpu_of(p) for p in backends)}) + "\n")

    import atexit
    atexit.register(at_exit)

    def began(raw: Any, waited: float) -> None:
        held.setdefault(id(raw), (time.perf_counter(), time.thread_time(), waited, site()))
    _time_begin(lambda spent: None, began)

    for name in ("do_commit", "do_rollback"):
        original = getattr(DefaultDialect, name)

        def wrapped(self: Any, dbapi_connection: Any, _original: Any = original) -> None:
            try:
                _original(self, dbapi_connection)
            finally:
                ended(dbapi_connection)
        setattr(DefaultDialect, name, wrapped)
