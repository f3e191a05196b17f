"""Engines and units of work.

SQLite gets WAL, foreign keys and a busy timeout, and every transaction that may write starts
with BEGIN IMMEDIATE: a deferred transaction that reads and then writes fails at once with
SQLITE_BUSY when another writer got in between, whatever the busy timeout says. A writer that
finds another's transaction open waits for it here (`sqlitewait`), not in SQLite's busy handler,
which sleeps up to 100 ms between tries and so turns a wait of milliseconds into one of tenths of
seconds, or of seconds for a writer whose tries keep missing the moments in between another's
back-to-back transactions; a process running niced (batch work) lets such a writer in between
its own transactions. A unit of work
that only reads (`reading`) starts deferred instead: in WAL it reads a snapshot and neither
waits for a writer nor holds one up, which is what keeps the portal's pages quick while a
follow-up or an onboarding writes.

SQLite does not enforce VARCHAR lengths; PostgreSQL does. So every flush checks the lengths
itself, on both: a value too long is refused the same way wherever the data lives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, TypeVar

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel, create_engine, select

from agreements.core import sqlitewait
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, NotInitialised

T = TypeVar("T", bound=SQLModel)


@lru_cache(maxsize=8)
def get_engine(url: str) -> Engine:
    if not event.contains(Session, "before_flush", check_lengths):
        event.listen(Session, "before_flush", check_lengths)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT,
                                                  "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "commit", sqlitewait.committing)
        return engine
    return create_engine(url, pool_pre_ping=True)


_READING = "avtaleflyt_reading"
BUSY_TIMEOUT = 60  # seconds a statement (or a writer's BEGIN) waits for another's lock


def _sqlite_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_READING, False):
        conn.exec_driver_sql("BEGIN")
    else:
        sqlitewait.begin_immediate(conn.connection.dbapi_connection, BUSY_TIMEOUT)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let the "begin" listener open transactions
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT * 1000}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def check_lengths(session: Session, _context: Any, _instances: Any) -> None:
    """Refuse a string longer than its column, naming the column (SQLite would store it)."""
    for obj in (*session.new, *session.dirty):
        if getattr(type(obj), "__table__", None) is not None:
            check_values(type(obj), obj)


def check_values(model: Any, row: Any) -> None:
    """The same check for a row written by a plain INSERT (`row`: a dict or an object)."""
    table = model.__table__
    for key, name, limit in _limited(table):
        value = row.get(key) if isinstance(row, dict) else getattr(row, key, None)
        if isinstance(value, str) and len(value) > limit:
            raise InvalidInput(Code.COLUMN_TOO_LONG, column=f"{table.name}.{name}",
                               length=len(value), limit=limit)


@lru_cache(maxsize=128)
def _limited(table: Any) -> tuple[tuple[str, str, int], ...]:
    """The columns of `table` with a length: (attribute key, column name, length)."""
    return tuple((c.key, c.name, limit) for c in table.columns
                 if (limit := getattr(c.type, "length", None)))


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def lock_name(session: Session, name: str) -> None:
    """Serialise writers of something that has no row yet (an organisation being registered):
    an advisory lock on PostgreSQL for the rest of the transaction; SQLite's BEGIN IMMEDIATE
    already serialises every writer."""
    if is_postgres(session):
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def locked(session: Session, model: type[T], row_id: int) -> T | None:
    """Load a row for update: a row lock on PostgreSQL, the row read again under it even if
    the session held it already (what it held may predate the lock); SQLite's BEGIN IMMEDIATE
    already serialises writers, so there a plain read is enough."""
    if is_postgres(session):
        pk = model.__table__.c.id  # type: ignore[attr-defined]
        q = select(model).where(pk == row_id).with_for_update()
        return session.exec(q.execution_options(populate_existing=True)).first()
    return session.get(model, row_id)


IN_LIST = 500  # ids in one `IN (…)`: well under SQLite's and psycopg's limits on parameters


def chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    """The distinct `ids`, sorted, IN_LIST at a time (for `WHERE id IN (…)` by the batch)."""
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), IN_LIST):
        yield wanted[start:start + IN_LIST]


_HELD = "avtaleflyt.preloaded"  # session.info: rows preloaded, held for the session's life


def preload(session: Session, model: type[T], ids: Iterable[int], *,
            for_update: bool = False) -> list[T]:
    """Load the rows of `ids` in a few queries and keep them for the session's life (the
    session then finds each by `get` without a query of its own); `for_update`: locked as
    `locked` locks one, in the order of their ids (two batches never wait crosswise)."""
    pk = model.__table__.c.id  # type: ignore[attr-defined]
    found: list[T] = []
    for part in chunks(ids):
        q = select(model).where(pk.in_(part)).order_by(pk)
        if for_update:  # a row the session held already is read again under the lock
            q = q.execution_options(populate_existing=True)
            q = q.with_for_update() if is_postgres(session) else q
        found += list(session.exec(q))
    session.info.setdefault(_HELD, []).extend(found)  # the session holds rows only weakly
    return found


def insert_ignoring_conflict(session: Session, model: type[SQLModel], unique: list[str],
                             **values: Any) -> bool:
    """INSERT … ON CONFLICT (unique) DO NOTHING; True when this call inserted the row (told
    by RETURNING: psycopg's rowcount for this statement is -1, inserted or not)."""
    session.flush()  # what is pending goes first, as the ORM's own statements would have it
    stmt = _ignoring_conflict(session.get_bind().dialect.name, model, tuple(unique))
    return session.connection().execute(stmt, values).first() is not None


@lru_cache(maxsize=64)
def _ignoring_conflict(dialect: str, model: type[SQLModel], unique: tuple[str, ...]) -> Any:
    """The statement, built once (the values each call binds name its columns)."""
    from sqlalchemy.dialects import postgresql, sqlite  # only needed when writing

    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = model.__table__  # type: ignore[attr-defined]
    return (insert(table).on_conflict_do_nothing(index_elements=list(unique))
            .returning(*(table.c[name] for name in unique)))


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: everything in the block commits together or not at all."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A unit of work that only reads: deferred on SQLite, READ ONLY on PostgreSQL. Anything
    it tries to write is an error, not a silent upgrade to a writer."""
    with Session(_reader(engine), expire_on_commit=False) as session, session.begin():
        if is_postgres(session):
            session.execute(text("SET TRANSACTION READ ONLY"))
        event.listen(session, "before_flush", _no_writes)
        yield session


@lru_cache(maxsize=8)
def _reader(engine: Engine) -> Engine:
    return engine.execution_options(**{_READING: True})


def _no_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("a reading unit of work does not write (use transaction())")


def require_schema(engine: Engine) -> None:
    if not inspect(engine).has_table("alembic_version"):
        raise NotInitialised(Code.NOT_INITIALISED, url=repr(engine.url))
    with engine.connect() as conn:
        conn.execute(text("SELECT 1 FROM alembic_version"))
