"""A SQLite writer waits for another's transaction in `core.sqlitewait`, not in SQLite's
busy handler: it begins once the other commits, and still gives up after its timeout."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from agreements.core import sqlitewait
from agreements.core.db import get_engine, transaction


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    return conn


def test_a_writer_begins_once_the_other_writers_transaction_commits(tmp_path: Path) -> None:
    """The waiting BEGIN IMMEDIATE returns after the holder commits, and sees its row."""
    path = tmp_path / "w.db"
    holder, waiter = _connect(path), _connect(path)
    holder.execute("CREATE TABLE t (n INTEGER)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    began = threading.Event()

    def wait() -> None:
        sqlitewait.begin_immediate(waiter, 60)
        began.set()

    thread = threading.Thread(target=wait)
    thread.start()
    assert not began.wait(0.05)  # still waiting while the holder's transaction is open
    holder.execute("COMMIT")
    assert began.wait(60)
    thread.join(60)
    assert waiter.execute("SELECT n FROM t").fetchall() == [(1,)]
    waiter.execute("COMMIT")
    assert waiter.execute("PRAGMA busy_timeout").fetchone() == (60000,)  # put back


def test_a_writer_gives_up_after_its_timeout_as_sqlite_would(tmp_path: Path) -> None:
    """While another transaction stays open, the wait ends with "database is locked"."""
    path = tmp_path / "w.db"
    holder, waiter = _connect(path), _connect(path)
    holder.execute("CREATE TABLE t (n INTEGER)")
    holder.execute("BEGIN IMMEDIATE")
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        sqlitewait.begin_immediate(waiter, 0.01)
    assert waiter.in_transaction is False
    assert waiter.execute("PRAGMA busy_timeout").fetchone() == (10,)


def test_the_engine_begins_its_writers_through_the_wait(tmp_path: Path) -> None:
    """A unit of work on SQLite waits there: it writes once another connection commits."""
    engine = get_engine(f"sqlite:///{tmp_path / 'e.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    holder = _connect(tmp_path / "e.db")
    holder.execute("BEGIN IMMEDIATE")
    done = threading.Event()

    def write() -> None:
        with transaction(engine) as session:
            session.execute(text("INSERT INTO t VALUES (2)"))
        done.set()

    thread = threading.Thread(target=write)
    thread.start()
    assert not done.wait(0.05)
    holder.execute("COMMIT")
    assert done.wait(60)
    thread.join(60)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM t")).all() == [(2,)]
