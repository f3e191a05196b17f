"""What is stuck in the outbox, read on plain columns (no ORM models imported), so `status`,
the reports and the follow-up can name it cheaply: failed messages, stale claims (a deliverer
that died holding its lease) and messages waiting for a retry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlmodel import Session
from sqlmodel.sql.sqltypes import UTCDateTime

from agreements.core.calendar import OSLO
from agreements.core.enums import OutboxStatus

OUTBOX = sa.table(
    "outboxmessage", sa.column("id", sa.Integer()), sa.column("key", sa.String()),
    sa.column("recipient", sa.String()), sa.column("status", sa.String()),
    sa.column("last_error", sa.Text()), sa.column("claimed_at", UTCDateTime()),
    sa.column("lease_until", UTCDateTime()))


class Message(Protocol):
    """What `note` reads of a message: an OutboxMessage, or a row of OUTBOX."""

    status: str
    last_error: str | None
    claimed_at: datetime | None
    lease_until: datetime | None


@dataclass(frozen=True)
class Trouble:
    """A message that has not left and is not simply waiting its turn."""

    id: int
    key: str
    recipient: str
    status: str
    note: str
    kind: str = ""  # failed, stale, sending or retry (`kind_of`)


def _at(moment: datetime | None) -> str:
    if moment is None:
        return "?"
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(OSLO).strftime("%Y-%m-%d %H:%M:%S")


def _lease(message: Message) -> datetime | None:
    lease = message.lease_until
    return lease.replace(tzinfo=UTC) if lease is not None and lease.tzinfo is None else lease


def kind_of(message: Message, now: datetime) -> str:
    """failed; stale (claimed by a run that died); sending (under a live lease); retry (a
    temporary failure); or empty (waiting its turn)."""
    lease = _lease(message)
    if message.status == OutboxStatus.FAILED:
        return "failed"
    if message.status == OutboxStatus.SENDING:
        return "stale" if lease is None or lease < now else "sending"
    if message.status == OutboxStatus.PENDING and message.last_error:
        return "retry"
    return ""


def note(message: Message, now: datetime) -> str:
    """What is going on with a message, in a few words (empty when nothing to say)."""
    kind = kind_of(message, now)
    if kind == "failed":
        return f"failed: {message.last_error or '?'}"
    if kind == "stale":
        return (f"stale: claimed {_at(message.claimed_at)} by a run that did not finish; "
                "the next delivery sends it again")
    if kind == "sending":
        return (f"being sent (claimed {_at(message.claimed_at)}, lease until "
                f"{_at(_lease(message))})")
    if kind == "retry":
        return f"to be retried after: {message.last_error}"
    return ""


def troubles(session: Session, now: datetime | None = None) -> list[Trouble]:
    """Failed messages, stale claims and messages waiting for a retry, oldest first."""
    now = now or datetime.now(UTC)
    c = OUTBOX.c
    query = sa.select(OUTBOX).where(sa.or_(
        c.status.in_([OutboxStatus.FAILED.value, OutboxStatus.SENDING.value]),
        sa.and_(c.status == OutboxStatus.PENDING.value, c.last_error.is_not(None))))
    rows: Any = session.connection().execute(query.order_by(c.id))
    found = [Trouble(m.id, m.key, m.recipient, m.status, note(m, now), kind_of(m, now))
             for m in rows]
    return [t for t in found if t.kind != "sending"]


def describe(found: Sequence[Trouble]) -> str:
    """`2 failed, 1 stale` — or empty when the queue is healthy."""
    said = {"failed": "failed", "stale": "stale", "retry": "to be retried"}
    counts = {kind: sum(t.kind == kind for t in found) for kind in said}
    return ", ".join(f"{n} {said[k]}" for k, n in counts.items() if n)
