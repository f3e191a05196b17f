"""Queuing messages under their business keys, and reading the queue.

Enqueueing the same key twice keeps the first row (INSERT … ON CONFLICT DO NOTHING), so
re-runs and concurrent runs plan each message once. Recipients are written by `address()`
(the standard library quotes the name), never by formatting "Name <email>" by hand.
`troubles()` names what is stuck: failed, stale claims, messages waiting for a retry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from typing import TYPE_CHECKING

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from agreements.core import audit
from agreements.core.calendar import OSLO
from agreements.core.enums import OutboxStatus
from agreements.core.models import OutboxMessage
from agreements.errors import InvalidInput

if TYPE_CHECKING:
    from agreements.app import App

SUBJECT_MAX = 300  # the column's length; longer subjects are shortened, never refused


def address(name: str, email: str) -> str:
    """One recipient as a header value: `Kari Nordmann <kari@x.no>`, the name quoted when it
    needs it (`"Nordmann, Kari" <kari@x.no>`), so a comma can never add a recipient."""
    return str(Address(display_name=name, addr_spec=email))


@dataclass(frozen=True)
class Mail:
    key: str
    to: str  # one address, made by address() (or a bare e-mail address)
    subject: str
    body: str
    attachments: Sequence[int] = ()
    reply_to: str | None = None


def enqueue(app: App, session: Session, mail: Mail, *, channel: str = "email") -> bool:
    """Queue a message unless one with the same key exists; True when this call queued it."""
    for what, value, limit in (("key", mail.key, 500), ("recipient", mail.to, 500)):
        if len(value) > limit:
            raise InvalidInput(f"outbox {what} is {len(value)} characters; the limit is {limit}")
    subject = (mail.subject if len(mail.subject) <= SUBJECT_MAX
               else mail.subject[:SUBJECT_MAX - 1] + "…")
    values = dict(
        key=mail.key, channel=channel, recipient=mail.to, subject=subject, body=mail.body,
        attachments=json.dumps({"documents": list(mail.attachments),
                                "reply_to": mail.reply_to}),
        status=OutboxStatus.PENDING.value, attempts=0, created_at=app.clock.now(),
    )
    from sqlalchemy.dialects import postgresql, sqlite  # only needed when writing

    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(OutboxMessage).values(**values).on_conflict_do_nothing(index_elements=["key"])
    return bool(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


def exists(session: Session, key: str) -> bool:
    found = session.exec(select(OutboxMessage.id).where(OutboxMessage.key == key)).first()
    return found is not None


def keys_with_prefix(session: Session, prefix: str) -> list[str]:
    return list(session.exec(select(OutboxMessage.key).where(
        col(OutboxMessage.key).startswith(prefix))))


def requeue(app: App, session: Session, ids: Sequence[int]) -> list[str]:
    """Put failed messages back in the queue (after the cause is fixed); returns their keys."""
    found = list(session.exec(select(OutboxMessage).where(
        col(OutboxMessage.id).in_(list(ids)), OutboxMessage.status == OutboxStatus.FAILED)))
    for message in found:
        message.status, message.attempts, message.claim_token = OutboxStatus.PENDING, 0, None
        message.lease_until = None
    if found:
        audit.record(session, actor=app.actor, action="outbox.requeued", subject="outbox",
                     data={"keys": [m.key for m in found]})
    return [m.key for m in found]


def listing(session: Session, status: str | None = None) -> list[OutboxMessage]:
    q = select(OutboxMessage).order_by(col(OutboxMessage.id))
    if status:
        q = q.where(OutboxMessage.status == status)
    return list(session.exec(q))


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


def note(message: OutboxMessage, now: datetime) -> str:
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
    rows = session.exec(select(OutboxMessage).where(or_(
        col(OutboxMessage.status).in_([OutboxStatus.FAILED.value, OutboxStatus.SENDING.value]),
        and_(col(OutboxMessage.status) == OutboxStatus.PENDING.value,
             col(OutboxMessage.last_error).is_not(None)))).order_by(col(OutboxMessage.id)))
    found = [Trouble(m.id or 0, m.key, m.recipient, m.status, note(m, now)) for m in rows]
    return [t for t in found if not t.note.startswith("being sent")]


def describe(found: Sequence[Trouble]) -> str:
    """`2 failed, 1 stale` — or empty when the queue is healthy."""
    kinds = {"failed": 0, "stale": 0, "to be retried": 0}
    for t in found:
        kinds[next(k for k in kinds if t.note.startswith(k))] += 1
    return ", ".join(f"{n} {k}" for k, n in kinds.items() if n)


def unsent(session: Session) -> int:
    """How many messages are queued or being sent (not sent, not failed)."""
    return len(list(session.exec(select(OutboxMessage.id).where(col(OutboxMessage.status).in_(
        [OutboxStatus.PENDING.value, OutboxStatus.SENDING.value])))))
