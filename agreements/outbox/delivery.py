"""Delivering the queue: rows are claimed with a conditional UPDATE before they are sent, so
two deliverers never hold the same row at once (a row is sent only while its claim's lease
leaves time for it: `claiming`).

A few rows are claimed at once, and marked in the transaction that claims the next few
(`outbox.claiming`): each is marked before the next are claimed and before they are sent.

Delivery is at least once. A crash after the mail server or NHN accepted a message but before
its row is marked `sent` leaves the row `sending` (with the others of its claim); when the
claim's lease has run out (`AVTALEFLYT_OUTBOX_LEASE_SECONDS`, measured in real time) the next
delivery sends it again, with the same Message-ID (and, to NHN, the same Idempotency-Key), so
the receiver can tell it is the same message. Until then `outbox list`, `status` and the run
summaries name it.

No message can block the others: a row that cannot be built, or whose channel fails in a way
nobody foresaw, is marked `failed` at once with the reason. When a channel's server cannot be
reached, the rest of that channel's queue waits for the next run instead of each message
waiting for its own timeout (a row already claimed with it is put back untried). How a
message leaves is its channel's business: the caller (the app) hands in the channels, each
built with its own transport.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from sqlmodel import Session, col, select

from agreements.core import crashpoints
from agreements.core.enums import OutboxStatus
from agreements.core.models import Document, OutboxMessage
from agreements.core.ports import Stores, Work
from agreements.errorcodes import Code
from agreements.errors import ExternalServiceError
from agreements.outbox import claiming, queue, statements
from agreements.outbox.claiming import real_now
from agreements.outbox.compose import build_email, message_id_for
from agreements.outbox.secrets import kept_secret

if TYPE_CHECKING:
    from agreements.outbox.mail import MailTransport

__all__ = ["Channel", "Delivers", "DeliveryReport", "Mails", "build_email", "deliver",
           "failed_among", "message_id_for", "real_now"]


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
    done: list[claiming.Done] = []  # how the rows claimed last went, recorded with the next
    at, size = 0, claiming.at_once(work.settings)
    slowest = timedelta(seconds=work.settings.slowest_send)
    while at < len(queued):
        part: list[int] = []
        while at < len(queued) and len(part) < size:
            message_id, key, channel_name = queued[at]
            at += 1
            if channel_name in report.unreachable:
                report.waiting.append(key)
            elif message_id is not None:
                part.append(message_id)
        if not part:
            continue
        claimed, done, again = claiming.claim(work, part, done), [], []
        for n, c in enumerate(claimed):
            if c.message.channel in report.unreachable:  # found so since the claim: put back
                report.waiting.append(c.message.key)
                done.append(claiming.Done(c.message.id or 0, c.token, tried=False))
            elif n and real_now() + slowest >= c.lease_until:  # too late in the claim to send
                done.append(claiming.Done(c.message.id or 0, c.token, tried=False))
                again.append((c.message.id, c.message.key, c.message.channel))  # claimed anew
            else:
                done.append(_send_one(known.get(c.message.channel), c, report))
        queued[at:at] = again
    if done:
        with work.transaction() as session:
            claiming.finish(work, session, done)
    return report


def _send_one(channel: Channel | None, claimed: claiming.Claimed,
              report: DeliveryReport) -> claiming.Done:
    """Send one claimed row and say how it went; nothing it raises stops the others."""
    message, token = claimed.message, claimed.token
    try:
        if channel is None:
            raise ExternalServiceError(Code.NO_CHANNEL, channel=message.channel)
        crashpoints.reached("send.before")
        channel.send(message, claimed.documents)
        crashpoints.reached("send.after")
    except ExternalServiceError as exc:
        report.failed[message.key] = str(exc)
        if exc.retryable:
            report.retryable.add(message.key)
        if exc.unreachable:
            report.unreachable[message.channel] = str(exc)
        return claiming.Done(message.id or 0, token, error=str(exc), retryable=exc.retryable)
    except Exception as exc:  # a poison message must not hold the queue
        error = f"{type(exc).__name__}: {exc}"
        report.failed[message.key] = error
        return claiming.Done(message.id or 0, token, error=error, retryable=False)
    report.sent.append(message.key)
    return claiming.Done(message.id or 0, token, on_sent=channel.on_sent,
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
