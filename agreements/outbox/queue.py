"""Queuing messages under their business keys, and reading the queue.

Enqueueing the same key twice keeps the first row (INSERT … ON CONFLICT DO NOTHING), so
re-runs and concurrent runs plan each message once. Recipients are written by `address()`
(the standard library quotes the name), never by formatting "Name <email>" by hand.
`trouble` names what is stuck: failed, stale claims, messages waiting for a retry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address
from typing import TYPE_CHECKING, Protocol

from sqlmodel import Session, col, select

from agreements.core import audit
from agreements.core.calendar import OSLO
from agreements.core.db import insert_ignoring_conflict
from agreements.core.enums import OutboxStatus
from agreements.core.models import OutboxMessage
from agreements.errorcodes import Code
from agreements.errors import InvalidInput

if TYPE_CHECKING:
    from agreements.core.ports import Work

SUBJECT_MAX = 300  # the column's length; longer subjects are shortened, never refused
KEY_MAX = 200  # a key's length at most, whatever it names (the column holds 500)
_DIGEST = 64  # a SHA-256 in hex


def bounded(name: str) -> str:
    """The outbox key of what `name` names, at most KEY_MAX characters: the name itself when
    it fits (readable in `outbox list`, found by its prefix), else its beginning, `~` and the
    SHA-256 of the whole name, so two long names never share a key and no builder (a list of
    items, a long address) can make a key the column refuses. Idempotent."""
    if len(name) <= KEY_MAX:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    return f"{name[:KEY_MAX - _DIGEST - 1]}~{digest}"


def bounded_all(names: Iterable[str]) -> list[str]:
    return [bounded(n) for n in names]


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
    secret: str | None = None  # blanked out of the stored body once the message has left


def enqueue(work: Work, session: Session, mail: Mail, *, channel: str = "email") -> bool:
    """Queue a message unless one with the same key exists; True when this call queued it."""
    if len(mail.to) > 500:
        raise InvalidInput(Code.OUTBOX_VALUE_TOO_LONG, what="recipient", length=len(mail.to),
                           limit=500)
    subject = (mail.subject if len(mail.subject) <= SUBJECT_MAX
               else mail.subject[:SUBJECT_MAX - 1] + "…")
    values = dict(
        key=bounded(mail.key), channel=channel, recipient=mail.to, subject=subject, body=mail.body,
        attachments=json.dumps({"documents": list(mail.attachments),
                                "reply_to": mail.reply_to,
                                **({"secret": mail.secret} if mail.secret else {})}),
        status=OutboxStatus.PENDING.value, attempts=0, created_at=work.clock.now(),
    )
    return insert_ignoring_conflict(session, OutboxMessage, ["key"], **values)


class Person(Protocol):
    name: str
    email: str


def mail_to(work: Work, session: Session, key: str, to: Person, subject_body: tuple[str, str],
            attachments: Sequence[int] = (), reply_to: str | None = None) -> bool:
    """Queue one e-mail to one person (a contact): `enqueue` with the recipient by address()."""
    subject, body = subject_body
    return enqueue(work, session, Mail(key, address(to.name, to.email), subject, body,
                                      attachments, reply_to))


def exists(session: Session, key: str) -> bool:
    found = session.exec(select(OutboxMessage.id).where(OutboxMessage.key == bounded(key))).first()
    return found is not None


def keys_with_prefix(session: Session, prefix: str) -> list[str]:
    return list(session.exec(select(OutboxMessage.key).where(
        col(OutboxMessage.key).startswith(prefix))))


def created_with_prefix(session: Session, prefix: str) -> list[date]:
    """The days (Oslo) the messages whose key starts with `prefix` were queued."""
    return [at.astimezone(OSLO).date() for at in session.exec(
        select(OutboxMessage.created_at).where(col(OutboxMessage.key).startswith(prefix)))]


def requeue(work: Work, session: Session, ids: Sequence[int]) -> list[str]:
    """Put failed messages back in the queue (after the cause is fixed); returns their keys."""
    found = list(session.exec(select(OutboxMessage).where(
        col(OutboxMessage.id).in_(list(ids)), OutboxMessage.status == OutboxStatus.FAILED)))
    for message in found:
        message.status, message.attempts, message.claim_token = OutboxStatus.PENDING, 0, None
        message.lease_until = None
    if found:
        audit.record(session, actor=work.actor, action="outbox.requeued", subject="outbox",
                     data={"keys": [m.key for m in found]})
    return [m.key for m in found]


def listing(session: Session, status: str | None = None) -> list[OutboxMessage]:
    q = select(OutboxMessage).order_by(col(OutboxMessage.id))
    if status:
        q = q.where(OutboxMessage.status == status)
    return list(session.exec(q))


def unsent(session: Session) -> int:
    """How many messages are queued or being sent (not sent, not failed)."""
    return len(list(session.exec(select(OutboxMessage.id).where(col(OutboxMessage.status).in_(
        [OutboxStatus.PENDING.value, OutboxStatus.SENDING.value])))))
