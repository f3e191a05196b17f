"""Delivering the queue: each row is claimed with a conditional UPDATE before it is sent, so
two deliverers never send the same row; a crash between sending and marking leaves the row
`sending`, and it is retried only after CLAIM_TIMEOUT.

How a message leaves is its channel's business: the caller (the app) hands in the channels.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, or_, update
from sqlmodel import Session, col, select

from agreements.core.enums import OutboxStatus
from agreements.core.models import Document, OutboxMessage
from agreements.documents import store
from agreements.errors import ExternalServiceError

if TYPE_CHECKING:
    from agreements.app import App

CLAIM_TIMEOUT = timedelta(minutes=15)
MAX_ATTEMPTS = 8


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    retryable: set[str] = field(default_factory=set)

    @property
    def permanent_failures(self) -> dict[str, str]:
        return {k: v for k, v in self.failed.items() if k not in self.retryable}

    def __str__(self) -> str:
        text = f"{len(self.sent)} sent"
        if self.failed:
            text += f", {len(self.failed)} not sent (kept for retry): " + "; ".join(
                f"{k}: {v}" for k, v in list(self.failed.items())[:3])
        return text


@dataclass(frozen=True)
class Channel:
    """How a message of one channel leaves, and what changes once it has left."""

    send: Callable[[App, OutboxMessage, list[Document]], None]
    on_sent: Callable[[App, Session, OutboxMessage], None] | None = None


def deliver(app: App, *, keys: Sequence[str] | None = None,
            channels: Mapping[str, Channel] | None = None) -> DeliveryReport:
    """Send what is queued (or just `keys`) through the app's channels (or those given)."""
    known = channels if channels is not None else app.channels()
    report = DeliveryReport()
    now = app.clock.now()
    with app.transaction() as session:
        q = select(col(OutboxMessage.id)).where(_claimable(now)).order_by(col(OutboxMessage.id))
        if keys is not None:
            q = q.where(col(OutboxMessage.key).in_(list(keys)))
        ids = [i for i in session.exec(q) if i is not None]
    for message_id in ids:
        claimed = _claim(app, message_id)
        if claimed is None:
            continue
        message, documents, token = claimed
        channel = known[message.channel]
        try:
            channel.send(app, message, documents)
        except ExternalServiceError as exc:
            _finish(app, message_id, token, error=str(exc), retryable=exc.retryable)
            report.failed[message.key] = str(exc)
            if exc.retryable:
                report.retryable.add(message.key)
            continue
        _finish(app, message_id, token, on_sent=channel.on_sent)
        report.sent.append(message.key)
    return report


def _claimable(now: datetime) -> ColumnElement[bool]:
    """Pending, or claimed so long ago that the claimer must have died."""
    return or_(col(OutboxMessage.status) == OutboxStatus.PENDING.value,
               and_(col(OutboxMessage.status) == OutboxStatus.SENDING.value,
                    col(OutboxMessage.claimed_at) < now - CLAIM_TIMEOUT))


def _claim(app: App, message_id: int) -> tuple[OutboxMessage, list[Document], str] | None:
    token, now = uuid.uuid4().hex, app.clock.now()
    with app.transaction() as session:
        result = session.execute(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id)
            .where(_claimable(now))
            .values(status=OutboxStatus.SENDING.value, claim_token=token, claimed_at=now,
                    attempts=col(OutboxMessage.attempts) + 1)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            return None
        message = session.get(OutboxMessage, message_id)
        assert message is not None
        doc_ids = json.loads(message.attachments)["documents"]
        documents = [d for i in doc_ids if (d := session.get(Document, i)) is not None]
        return message, documents, token


def _finish(app: App, message_id: int, token: str, *, error: str | None = None,
            retryable: bool = True,
            on_sent: Callable[[App, Session, OutboxMessage], None] | None = None) -> None:
    with app.transaction() as session:
        message = session.get(OutboxMessage, message_id)
        if message is None or message.claim_token != token:
            return
        if error is None:
            message.status, message.sent_at, message.last_error = (
                OutboxStatus.SENT, app.clock.now(), None)
            if on_sent:
                on_sent(app, session, message)
        else:
            give_up = not retryable or message.attempts >= MAX_ATTEMPTS
            message.status = OutboxStatus.FAILED if give_up else OutboxStatus.PENDING
            message.last_error = error


def message_id_for(key: str) -> str:
    """A Message-ID derived from the business key: a resend after a crash is recognisable."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@avtaleflyt>"


def build_email(app: App, message: OutboxMessage, documents: list[Document]) -> EmailMessage:
    email = EmailMessage()
    email["From"] = app.settings.mail_from
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = message_id_for(message.key) if message.key else make_msgid()
    email["X-Avtaleflyt-Key"] = message.key
    reply_to = json.loads(message.attachments).get("reply_to")
    if reply_to:
        email["Reply-To"] = reply_to
    email.set_content(message.body)
    for doc in documents:
        maintype, subtype = doc.media_type.split("/", 1)
        email.add_attachment(store.read(app, doc), maintype=maintype, subtype=subtype,
                             filename=doc.path.rsplit("/", 1)[-1])
    return email


def send_email(app: App, message: OutboxMessage, documents: list[Document]) -> None:
    """Hand an e-mail to the app's mail transport (SMTP, or an .eml file)."""
    email = build_email(app, message, documents)
    app.mail().send(email, f"{message.id:05d}-{store.safe_name(message.key)}")


def email_channel() -> Channel:
    return Channel(send_email)
