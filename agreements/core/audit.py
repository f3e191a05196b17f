"""The audit log: a numbered chain of events, each sealed with an HMAC under a secret key.

Each event's MAC covers its sequence number, its fields and the previous event's MAC, so
changing, removing, reordering or re-chaining rows breaks the chain, and a forged event
cannot be sealed without the key (`AVTALEFLYT_AUDIT_SECRET`, or a random key kept in
`<data dir>/audit.key`). What the chain alone cannot see — the newest events removed, or all
of them — the anchor catches: after every transaction that appends, the head (sequence number
and MAC) is written outside the database (`core.anchor`). `core.replay` checks that the
tables hold what the events imply. Events written before the key existed (before revision
0005) stay as an unkeyed SHA-256 prefix of the chain, as long as the sealed anchor says so
(`legacy_until`, recorded once by `init`); any other unkeyed event — which anyone could
compute — is refused as forged, so a log rewritten without the key never verifies.

A process whose key is not the one the newest event was sealed with (a machine without the
shared `AVTALEFLYT_AUDIT_SECRET`, which made a key of its own) is refused before it writes:
its events would not verify anywhere else. Appends are serialised (BEGIN IMMEDIATE on
SQLite, an advisory lock on PostgreSQL) so two writers never fork the chain; the unique
sequence number makes a fork impossible anyway; a transaction takes that lock only as it
commits or before it reads the log, in a join or subquery too (`_written`); as it commits,
the head every process shares moves to its newest event, in it (`anchor.save_shared`). Its
signer comes from the unit of work (`ports.Work.transaction()`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import insert, text
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.util import find_tables
from sqlmodel import Session, col, func, select

from agreements.core.auditkey import FIRST, HEAD, SIGNER, Signer, key_id
from agreements.core.db import check_values
from agreements.core.models import AuditEvent
from agreements.errorcodes import Code
from agreements.errors import Refused

GENESIS = "0" * 64
_SHARING = "avtaleflyt.audit.sharing"  # session.info: the shared head moves at commit
_LISTENING = "avtaleflyt.audit.listening"  # session.info: _share_head listens to this session
_PENDING = "avtaleflyt.audit.pending"  # session.info: events made, not yet sealed or written
_LOCK_ID = 7_246_617  # arbitrary, constant: the advisory lock that guards the chain's head


@lru_cache(maxsize=1)
def _insert() -> Any:
    """An event's INSERT, built once (on first use: nothing at import)."""
    return insert(_table())


def _table() -> Any:
    return AuditEvent.__table__  # type: ignore[attr-defined]


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _legacy(e: AuditEvent) -> str:
    """The unkeyed digest of events from before revision 0005."""
    material = canonical([e.at, e.actor, e.action, e.subject, e.data, e.prev_hash])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _mac(key: bytes, e: AuditEvent | SimpleNamespace) -> str:
    material = canonical([e.seq, e.at, e.actor, e.action, e.subject, e.data, e.prev_hash,
                          e.simulated_day])
    return hmac.new(key, material.encode("utf-8"), hashlib.sha256).hexdigest()


def signer_of(session: Session) -> Signer:
    signer = session.info.get(SIGNER)
    if not isinstance(signer, Signer):
        raise RuntimeError("the audit log is written in a unit of work's transaction "
                           "(ports.Work.transaction())")
    return signer


def record(
    session: Session, *, actor: str, action: str, subject: str, data: dict[str, Any] | None = None
) -> None:
    """Append one event in the caller's transaction.

    Made and checked here (lengths; another key refused at the transaction's first event),
    sealed and written with the others as the transaction commits or before anything in it
    reads the log (`_written`): only then is the chain's lock taken, so a transaction working
    on after its first event (ten rows of an onboarding) does not hold up a person signing in."""
    signer = signer_of(session)
    pending = session.info.setdefault(_PENDING, [])
    if HEAD not in session.info and not pending:
        newest = session.exec(select(AuditEvent.key_id)
                              .order_by(col(AuditEvent.seq).desc()).limit(1)).first()
        if newest is not None and newest != signer.key_id:
            # another machine's key: an event sealed with ours would never verify there
            raise Refused(Code.AUDIT_OTHER_KEY, ours=signer.key_id, theirs=newest)
    values: dict[str, Any] = dict(
        seq=0, at=datetime.now(UTC).isoformat(timespec="microseconds"), actor=actor,
        action=action, subject=subject, data=canonical(data or {}), prev_hash=GENESIS,
        hash=GENESIS, key_id=signer.key_id, simulated_day=signer.simulated_day)
    check_values(AuditEvent, values)
    pending.append(values)
    session.info[_SHARING] = True  # the chain and the shared head move as it commits
    if not session.info.get(_LISTENING):  # one listener each for the session's life
        session.info[_LISTENING] = True
        sa_event.listen(session, "before_commit", _share_head)
        sa_event.listen(session, "do_orm_execute", _before_reading)


def _written(session: OrmSession) -> None:
    """Seal the pending events into the chain and write them in one statement; the first time
    in a transaction under the chain's lock (held to the commit), the head then kept."""
    pending = session.info.get(_PENDING)
    if not pending:
        return
    signer = signer_of(session)  # type: ignore[arg-type]
    session.flush()  # what is pending goes first (and before the lock: a round trip less in it)
    conn = session.connection()  # not the session's execute: that would come back here
    held = session.info.get(HEAD)
    if held is None:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
        newest = conn.execute(select(AuditEvent.seq, AuditEvent.hash, AuditEvent.key_id)
                              .order_by(col(AuditEvent.seq).desc()).limit(1)).first()
        if newest and newest[2] is not None and newest[2] != signer.key_id:
            raise Refused(Code.AUDIT_OTHER_KEY, ours=signer.key_id, theirs=newest[2])
        held = (newest[0], newest[1]) if newest else (0, GENESIS)
    for values in pending:
        values["seq"], values["prev_hash"] = held[0] + 1, held[1]
        values["hash"] = _mac(signer.key, SimpleNamespace(**values))
        held = (values["seq"], values["hash"])
    conn.execute(_insert(), list(pending))
    session.info[HEAD] = held
    session.info.setdefault(FIRST, pending[0]["seq"])
    pending.clear()


def _before_reading(state: ORMExecuteState) -> None:
    """A query of the log in the transaction that appends to it sees every event."""
    if state.session.info.get(_PENDING) and state.is_select and _table() in find_tables(
            state.statement, include_joins=True, include_aliases=True, include_selects=True):  # type: ignore[arg-type]
        _written(state.session)


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """A part of a transaction that can fail alone (one row of a batch): rolled back to the
    savepoint when it raises, the chain's head in `session.info` put back with it."""
    kept = {k: session.info[k] for k in (HEAD, FIRST, _SHARING) if k in session.info}
    pending = session.info.setdefault(_PENDING, [])
    earlier = list(pending)  # a read in the savepoint may write these: then they roll back too
    nested = session.begin_nested()
    try:
        yield
    except BaseException:
        nested.rollback()
        for k in (HEAD, FIRST, _SHARING):
            session.info.pop(k, None)
        session.info.update(kept)
        pending[:] = earlier  # its own events go; earlier ones are sealed again at the commit
        raise
    nested.commit()


def _share_head(session: Session) -> None:
    """Move the head every process shares to this transaction's newest event, in it."""
    from agreements.core import anchor

    if session.in_nested_transaction():
        return  # a savepoint: the head moves once, as the whole transaction commits
    _written(session)
    if not session.info.pop(_SHARING, None) or HEAD not in session.info:
        return  # nothing appended since the head was last shared
    seq, mac = session.info[HEAD]
    anchor.save_shared(session, signer_of(session).key, seq, mac,
                       first=session.info.get(FIRST, 1))


@dataclass(frozen=True)
class Verification:
    ok: bool
    events: int
    broken_id: int | None = None
    problem: str | None = None
    head: tuple[int, str] | None = None  # (seq, MAC) of the newest event


def verify(session: Session, legacy_until: int = 0) -> Verification:
    """Check every event's seal and its link to the one before, in sequence order. Only the
    first `legacy_until` events (from the sealed anchor) may be in the unkeyed format."""
    key = signer_of(session).key
    mine = key_id(key)
    prev, count, keyed = GENESIS, 0, False
    for e in session.exec(select(AuditEvent).order_by(col(AuditEvent.seq))):
        problem = None
        if e.seq != count + 1:
            problem = f"the sequence jumps from {count} to {e.seq}: events were removed"
        elif e.prev_hash != prev:
            problem = "it does not follow the previous event"
        elif e.key_id is None and (keyed or e.seq > legacy_until):
            problem = ("it is unsealed, but the log is sealed from event "
                       f"{legacy_until + 1} on (forged without the key)")
        elif e.key_id is None and e.hash != _legacy(e):
            problem = "its content does not match its hash"
        elif e.key_id is not None and e.key_id != mine:
            problem = (f"it was sealed with key {e.key_id}, not this installation's key {mine} "
                       "(give every machine the same AVTALEFLYT_AUDIT_SECRET)")
        elif e.key_id is not None and not hmac.compare_digest(e.hash, _mac(key, e)):
            problem = "its content does not match its seal"
        if problem:
            return Verification(False, count, e.id, f"event {e.seq}: {problem}")
        keyed = keyed or e.key_id is not None
        prev, count = e.hash, count + 1
    return Verification(True, count, head=(count, prev) if count else None)


def latest(session: Session, *, subject: str | None = None, limit: int = 50
           ) -> list[dict[str, Any]]:
    """The newest events first (optionally about one subject), without their seals."""
    q = select(AuditEvent).order_by(col(AuditEvent.seq).desc()).limit(limit)
    if subject:
        q = q.where(AuditEvent.subject == subject)
    return [e.model_dump(exclude={"prev_hash", "hash", "key_id"}) for e in session.exec(q)]


def legacy_prefix(session: Session) -> int:
    """How many events at the start of the log are in the unkeyed format (written before
    revision 0005 gave the log its key); what `init` records in the sealed anchor once."""
    first_keyed = session.exec(select(func.min(col(AuditEvent.seq))).where(
        col(AuditEvent.key_id).is_not(None))).one()
    return int(first_keyed) - 1 if first_keyed is not None else int(
        session.exec(select(func.max(col(AuditEvent.seq)))).one() or 0)


def head(session: Session) -> tuple[int, str] | None:
    """(seq, MAC) of the newest event: what the reports and artifacts anchor."""
    found = session.exec(select(AuditEvent.seq, AuditEvent.hash)
                         .order_by(col(AuditEvent.seq).desc()).limit(1)).first()
    return (found[0], found[1]) if found else None
