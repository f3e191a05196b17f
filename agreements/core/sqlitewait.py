"""How a SQLite writer waits for another's transaction to end (`db`'s BEGIN IMMEDIATE).

SQLite's own busy handler sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 and then 100 ms
between tries: a writer that comes while another's transaction is open notices its end up to
100 ms late, and when the other process starts its next transaction at once (a batch writing
ten rows a transaction, round after round) a try that comes only every 100 ms keeps missing
the moment in between, so a wait of a few milliseconds becomes one of seconds. Here the
writer tries again every millisecond (the BEGIN itself with no busy timeout, so it never
sleeps in SQLite) until the connection's busy timeout has passed, and then fails as SQLite
would ("database is locked").

A process running niced is batch work that has said it gives way (the follow-up, an
onboarding run as a Prefect worker beside the portal): after one of its transactions it lets
`YIELD` pass before it begins its next, so a writer waiting for it (a person signing in)
gets in between. Nothing else changes: one writer at a time, every transaction whole.
"""

from __future__ import annotations

import os
import sqlite3
import time
from typing import Any

TRY_EVERY = 0.001  # seconds between a waiting writer's tries
YIELD = 0.003  # seconds a niced process leaves between its transactions (> TRY_EVERY)


def begin_immediate(dbapi_connection: Any, timeout: float) -> None:
    """BEGIN IMMEDIATE, waiting for another writer's transaction by trying again every
    TRY_EVERY until `timeout` seconds have passed (then sqlite3.OperationalError)."""
    if _niced() and (since := time.monotonic() - _last_commit) < YIELD:
        time.sleep(YIELD - since)  # batch work: a writer waiting for us gets in first
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                busy = exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY  # extended codes too
                if not busy or time.monotonic() > deadline:
                    raise
            time.sleep(TRY_EVERY)
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")


_last_commit = float("-inf")  # when this process last committed a transaction


def committing(_conn: Any) -> None:
    """The engine's "commit" event: when this process's last transaction ended."""
    global _last_commit
    _last_commit = time.monotonic()


def _niced() -> bool:
    return os.nice(0) > 0
