"""The outbox: every side effect (e-mail, NHN order) is a row with a unique business key.

Enqueueing the same key twice keeps the first row (INSERT … ON CONFLICT DO NOTHING), so
re-runs and concurrent runs plan each message once. Delivery claims a row with a conditional
UPDATE before sending, so two deliverers never send the same row; a crash between sending and
marking leaves the row `sending`, and it is retried only after CLAIM_TIMEOUT.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import ColumnElement, and_, or_, update
from sqlmodel import Session, col, select

from agreements import audit, store
from agreements.app import App
from agreements.clients.mail import SmtpSettings, send_smtp, write_eml
from agreements.enums import OutboxStatus
from agreements.errors import ExternalServiceError
from agreements.models import Document, OutboxMessage

CLAIM_TIMEOUT = timedelta(minutes=15)
MAX_ATTEMPTS = 8


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


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

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


def channels() -> dict[str, Channel]:
    from agreements import nhn  # NHN's channels mark their order submitted once delivered

    return {"email": Channel(send_email), **nhn.channels()}


def deliver(app: App, *, keys: Sequence[str] | None = None) -> DeliveryReport:
    """Send what is queued (or just `keys`); each row is claimed before it is sent."""
    known = channels()
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
    email = build_email(app, message, documents)
    s = app.settings
    if s.smtp_host:
        send_smtp(SmtpSettings(s.smtp_host, s.smtp_port, s.smtp_user, s.smtp_password,
                               s.smtp_starttls, s.smtp_timeout), email)
    else:
        write_eml(s.outbox_dir, f"{message.id:05d}-{store.safe_name(message.key)}", email)


def requeue(app: App, session: Session, ids: Sequence[int]) -> list[str]:
    """Put failed messages back in the queue (after the cause is fixed); returns their keys."""
    found = list(session.exec(select(OutboxMessage).where(
        col(OutboxMessage.id).in_(list(ids)), OutboxMessage.status == OutboxStatus.FAILED)))
    for message in found:
        message.status, message.attempts, message.claim_token = OutboxStatus.PENDING, 0, None
    audit.record(session, actor=app.actor, action="outbox.requeued", subject="outbox",
                 data={"keys": [m.key for m in found]})
    return [m.key for m in found]


def listing(session: Session, status: str | None = None) -> list[OutboxMessage]:
    q = select(OutboxMessage).order_by(col(OutboxMessage.id))
    if status:
        q = q.where(OutboxMessage.status == status)
    return list(session.exec(q))
