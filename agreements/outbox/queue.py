"""Queuing messages under their business keys, and reading the queue.

Enqueueing the same key twice keeps the first row (INSERT … ON CONFLICT DO NOTHING), so
re-runs and concurrent runs plan each message once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements.core import audit
from agreements.core.db import insert_ignoring_conflict
from agreements.core.enums import OutboxStatus
from agreements.core.models import OutboxMessage

if TYPE_CHECKING:
    from agreements.app import App


@dataclass(frozen=True)
class Mail:
    key: str
    to: str
    subject: str
    body: str
    attachments: Sequence[int] = ()
    reply_to: str | None = None


def enqueue(app: App, session: Session, mail: Mail, *, channel: str = "email") -> bool:
    """Queue a message unless one with the same key exists; True when this call queued it."""
    values = dict(
        key=mail.key, channel=channel, recipient=mail.to, subject=mail.subject, body=mail.body,
        attachments=json.dumps({"documents": list(mail.attachments),
                                "reply_to": mail.reply_to}),
        status=OutboxStatus.PENDING.value, attempts=0, created_at=app.clock.now(),
    )
    return insert_ignoring_conflict(session, OutboxMessage, ["key"], **values)


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
    if found:
        audit.record(session, actor=app.actor, action="outbox.requeued", subject="outbox",
                     data={"keys": [m.key for m in found]})
    return [m.key for m in found]


def listing(session: Session, status: str | None = None) -> list[OutboxMessage]:
    q = select(OutboxMessage).order_by(col(OutboxMessage.id))
    if status:
        q = q.where(OutboxMessage.status == status)
    return list(session.exec(q))
