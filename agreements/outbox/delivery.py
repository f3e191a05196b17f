"""Delivering the queue: each row is claimed with a conditional UPDATE before it is sent, so
two deliverers never send the same row.

A row is marked in the transaction that claims the next one (one transaction a message,
not two): it is marked before the next is claimed, and before the next is sent, exactly as
when each had its own transaction.

Delivery is at least once. A crash after the mail server or NHN accepted a message but before
its row is marked `sent` leaves the row `sending`; when the claim's lease has run out
(`AVTALEFLYT_OUTBOX_LEASE_SECONDS`, measured in real time) the next delivery sends it again,
with the same Message-ID (and, to NHN, the same Idempotency-Key), so the receiver can tell it
is the same message. Until then `outbox list`, `status` and the run summaries name it.

No message can block the others: a row that cannot be built, or whose channel fails in a way
nobody foresaw, is marked `failed` at once with the reason. When a channel's server cannot be
reached, the rest of that channel's queue waits for the next run instead of each message
waiting for its own timeout. How a message leaves is its channel's business: the caller (the
app) hands in the channels, each built with its own transport.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from sqlmodel import Session, col, select

from agreements.core import crashpoints
from agreements.core.enums import OutboxStatus
from agreements.core.models import Document, OutboxMessage
from agreements.core.ports import Stores, Work
from agreements.errorcodes import Code
from agreements.errors import ExternalServiceError
from agreements.outbox import queue, statements
from agreements.outbox.compose import build_email, message_id_for
from agreements.outbox.secrets import forget_secret, kept_secret

if TYPE_CHECKING:
    from agreements.outbox.mail import MailTransport

MAX_ATTEMPTS = 8
__all__ = ["Channel", "Delivers", "DeliveryReport", "Mails", "build_email", "deliver",
           "failed_among", "message_id_for"]


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    retryable: set[str] = field(default_factory=set)
    unreachable: dict[str, str] = field(default_factory=dict)  # channel → why
    waiting: list[str] = field(default_factory=list)  # not tried: their channel is unreachable

    @property
    def permanent_failures(self) -> dict[str, str]:
        return {k: v for k, v in self.failed.items() if k not in self.retryable}

    @property
    def undelivered(self) -> int:
        return len(self.failed) + len(self.waiting)

    @property
    def queued(self) -> int:
        """Left queued for a later delivery: a temporary failure, or a server down."""
        return len(self.retryable) + len(self.waiting)

    def absorb(self, other: DeliveryReport) -> None:
        """Add what another delivery came to (a channel's first reason kept)."""
        self.sent += other.sent
        self.failed.update(other.failed)
        self.retryable |= other.retryable
        for channel, why in other.unreachable.items():
            self.unreachable.setdefault(channel, why)
        self.waiting += other.waiting

    def __str__(self) -> str:
        parts = [f"{len(self.sent)} sent"]
        if self.permanent_failures:
            parts.append(f"{len(self.permanent_failures)} failed (see `outbox list`): " + "; ".join(
                f"{k}: {v}" for k, v in list(self.permanent_failures.items())[:3]))
        queued = self.queued
        if queued:
            why = next(iter(self.unreachable.values()), None) or next(
                (self.failed[k] for k in self.failed if k in self.retryable), "")
            parts.append(f"{queued} queued, delivery will be retried ({why})")
        return "; ".join(parts)


@dataclass(frozen=True)
class Channel:
    """How a message of one channel leaves (`send`, with the transport it was built with),
    and what changes once it has left (`on_sent`, in the transaction that marks it sent,
    given who delivers)."""

    send: Callable[[OutboxMessage, list[Document]], None]
    on_sent: Callable[[Session, OutboxMessage, str], None] | None = None


class Delivers(Work, Protocol):
    """A unit of work with the channels messages leave through."""

    def channels(self) -> Mapping[str, Channel]: ...


class Mails(Stores, Protocol):
    """What an e-mail is built and sent with: the document store (attachments) and the mail
    transport."""

    def mail(self) -> MailTransport: ...


def deliver(work: Delivers, *, keys: Sequence[str] | None = None,
            channels: Mapping[str, Channel] | None = None,
            skip_channels: Collection[str] = ()) -> DeliveryReport:
    """Send what is queued (or just `keys`) through the channels of `work` (or those given);
    `skip_channels` were found unreachable earlier in the same run: their messages wait."""
    known = channels if channels is not None else work.channels()
    report = DeliveryReport()
    report.unreachable.update(dict.fromkeys(skip_channels, "unreachable earlier in this run"))
    with work.transaction() as session:
        q = select(col(OutboxMessage.id), col(OutboxMessage.key), col(OutboxMessage.channel)
                   ).where(statements.claimable(real_now())).order_by(col(OutboxMessage.id))
        if keys is not None:
            q = q.where(col(OutboxMessage.key).in_(queue.bounded_all(keys)))
        queued = list(session.exec(q))
    done: _Done | None = None  # how the row sent last went, recorded with the next claim
    for message_id, key, channel_name in queued:
        assert message_id is not None
        if channel_name in report.unreachable:
            report.waiting.append(key)
            continue
        claimed = _claim(work, message_id, done)
        done = None if claimed is None else _send_one(known.get(channel_name), *claimed, report)
    if done is not None:
        with work.transaction() as session:
            _finish(work, session, done)
    return report


@dataclass(frozen=True)
class _Done:
    """How a claimed row went, to be recorded if the claim is still ours."""

    message_id: int
    token: str
    error: str | None = None
    retryable: bool = True
    on_sent: Callable[[Session, OutboxMessage, str], None] | None = None
    secret: bool = True


def _send_one(channel: Channel | None, message: OutboxMessage, documents: list[Document],
              token: str, report: DeliveryReport) -> _Done:
    """Send one claimed row and say how it went; nothing it raises stops the others."""
    try:
        if channel is None:
            raise ExternalServiceError(Code.NO_CHANNEL, channel=message.channel)
        crashpoints.reached("send.before")
        channel.send(message, documents)
        crashpoints.reached("send.after")
    except ExternalServiceError as exc:
        report.failed[message.key] = str(exc)
        if exc.retryable:
            report.retryable.add(message.key)
        if exc.unreachable:
            report.unreachable[message.channel] = str(exc)
        return _Done(message.id or 0, token, error=str(exc), retryable=exc.retryable)
    except Exception as exc:  # a poison message must not hold the queue
        error = f"{type(exc).__name__}: {exc}"
        report.failed[message.key] = error
        return _Done(message.id or 0, token, error=error, retryable=False)
    report.sent.append(message.key)
    return _Done(message.id or 0, token, on_sent=channel.on_sent,
                 secret=kept_secret(message)[1] is not None)


def failed_among(work: Work, keys: Collection[str]) -> dict[str, str]:
    """Which of these messages have failed for good, and why."""
    if not keys:
        return {}
    with work.transaction() as session:
        return {k: e or "failed" for k, e in session.exec(
            select(col(OutboxMessage.key), col(OutboxMessage.last_error)).where(
                col(OutboxMessage.key).in_(queue.bounded_all(keys)),
                col(OutboxMessage.status) == OutboxStatus.FAILED.value))}


def real_now() -> datetime:
    """Leases run in real time, whatever day a command simulates (`--today`)."""
    return datetime.now(UTC)


def _claim(work: Work, message_id: int, done: _Done | None
           ) -> tuple[OutboxMessage, list[Document], str] | None:
    """Claim a row, in the transaction that records how the one before it went (`done`):
    that row is marked before this one is claimed, as when each had its own transaction."""
    token, now = uuid.uuid4().hex, real_now()
    lease = now + timedelta(seconds=work.settings.outbox_lease_seconds)
    with work.transaction() as session:
        if done is not None:
            _finish(work, session, done)
        claimed = session.connection().execute(statements.claim(), {
            "message": message_id, "now": now, "token": token, "lease": lease}).first()
        if claimed is None:
            return None
        message = OutboxMessage(**claimed._mapping)  # as claimed; the row is not read again
        try:
            doc_ids = json.loads(message.attachments).get("documents", [])
        except (ValueError, AttributeError):
            doc_ids = []
        documents = [d for i in doc_ids if (d := session.get(Document, i)) is not None]
        return message, documents, token


def _finish(work: Work, session: Session, done: _Done) -> None:
    """Record how the claimed row went, in the caller's transaction. Sent with nothing else
    to change (no `on_sent`, no `secret` to forget): one UPDATE, if the claim is still ours."""
    if done.error is None and done.on_sent is None and not done.secret:
        session.connection().execute(statements.sent(), {
            "message": done.message_id, "token": done.token, "at": work.clock.now()})
        return
    message = session.get(OutboxMessage, done.message_id)
    if message is None or message.claim_token != done.token:
        return
    message.lease_until = None
    if done.error is None:
        message.status, message.sent_at, message.last_error = (
            OutboxStatus.SENT, work.clock.now(), None)
        forget_secret(message)
        if done.on_sent:
            done.on_sent(session, message, work.actor)
    else:
        give_up = not done.retryable or message.attempts >= MAX_ATTEMPTS
        message.status = OutboxStatus.FAILED if give_up else OutboxStatus.PENDING
        message.last_error = done.error[:2000]
        if give_up:
            forget_secret(message)
