"""Polling queues (one per organiser and provider) and when each may next be polled.

The time comes from the provider (Posten's `X-Next-permitted-poll-time`) and is kept in the
database, so parallel runs and a run after a crash respect it. A run claims a queue by moving
its time a lease ahead (a conditional UPDATE, so only one run polls a queue at a time), extends
the lease while it works, and finally stores the provider's permitted time. Times here are
real time, never the app's planning day: they are compared with the provider's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from agreements.core.db import insert_ignoring_conflict
from agreements.core.models import SigningQueue

if TYPE_CHECKING:
    from agreements.core.ports import Work

LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class Queue:
    id: int
    sender_orgnr: str
    polling_queue: str


def now() -> datetime:
    return datetime.now(UTC)


def register(session: Session, provider: str, sender_orgnr: str, polling_queue: str) -> None:
    """Make sure the queue is polled (once a job has been put on it)."""
    insert_ignoring_conflict(session, SigningQueue, ["provider", "sender_orgnr", "polling_queue"],
                             provider=provider, sender_orgnr=sender_orgnr,
                             polling_queue=polling_queue)


def listing(session: Session, provider: str) -> list[SigningQueue]:
    return list(session.exec(select(SigningQueue).where(SigningQueue.provider == provider)
                             .order_by(col(SigningQueue.id))))


def _free(moment: datetime) -> object:
    return or_(col(SigningQueue.next_poll_at).is_(None), col(SigningQueue.next_poll_at) <= moment)


def claim(work: Work, queue: SigningQueue) -> Queue | None:
    """Take the queue for this run, unless it may not be polled yet or another run has it."""
    moment = now()
    with work.transaction() as session:
        taken = session.execute(update(SigningQueue).where(
            col(SigningQueue.id) == queue.id, _free(moment)  # type: ignore[arg-type]
        ).values(next_poll_at=moment + LEASE))
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            return None
    return Queue(queue.id or 0, queue.sender_orgnr, queue.polling_queue)


def extend(work: Work, queue: Queue) -> None:
    """Keep the lease while a long run works through the queue."""
    with work.transaction() as session:
        session.execute(update(SigningQueue).where(col(SigningQueue.id) == queue.id)
                        .values(next_poll_at=now() + LEASE))


def release(work: Work, queue: Queue, next_permitted: datetime, outcome: str) -> None:
    """Store when the provider permits the next poll, and what this run saw."""
    with work.transaction() as session:
        session.execute(update(SigningQueue).where(col(SigningQueue.id) == queue.id)
                        .values(next_poll_at=next_permitted, polled_at=now(), outcome=outcome))
