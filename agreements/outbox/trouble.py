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


def _at(moment: datetime | None) -> str:
    if moment is None:
        return "?"
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(OSLO).strftime("%Y-%m-%d %H:%M:%S")


def note(message: Message, now: datetime) -> str:
    """What is going on with a message, in a few words (empty when nothing to say)."""
    lease = message.lease_until
    if lease is not None and lease.tzinfo is None:
        lease = lease.replace(tzinfo=UTC)
    if message.status == OutboxStatus.FAILED:
        return f"failed: {message.last_error or '?'}"
    if message.status == OutboxStatus.SENDING and (lease is None or lease < now):
        return (f"stale: claimed {_at(message.claimed_at)} by a run that did not finish; "
                "the next delivery sends it again")
    if message.status == OutboxStatus.SENDING:
        return f"being sent (claimed {_at(message.claimed_at)}, lease until {_at(lease)})"
    if message.status == OutboxStatus.PENDING and message.last_error:
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
    found = [Trouble(m.id, m.key, m.recipient, m.status, note(m, now)) for m in rows]
    return [t for t in found if not t.note.startswith("being sent")]


def describe(found: Sequence[Trouble]) -> str:
    """`2 failed, 1 stale` — or empty when the queue is healthy."""
    kinds = {"failed": 0, "stale": 0, "to be retried": 0}
    for t in found:
        kinds[next(k for k in kinds if t.note.startswith(k))] += 1
    return ", ".join(f"{n} {k}" for k, n in kinds.items() if n)
