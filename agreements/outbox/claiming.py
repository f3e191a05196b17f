"""Claiming rows to deliver and recording how they went, a few rows a transaction.

Up to `AT_ONCE` queued rows are claimed together, in one statement under one lease and one
token, in the transaction that records how the rows claimed before them went (`finish`):
those are marked before these are claimed, and before any of these is sent. A claim holds no
more rows than can each take the slowest channel's timeout (`Settings.slowest_send`) and
still be marked before its lease runs out (`at_once`); and since a slow server may take longer
than one timeout for a message (the timeout is per network call), a row is sent only while
its claim's lease leaves that much time, and put back to be claimed again otherwise
(`delivery`), so another run does not take over a row this one is about to send. A row that is
not tried after all (its channel was found unreachable meanwhile) is put back as it was,
without counting an attempt. A crash leaves the rows of one claim `sending` until the
lease runs out; the next delivery then sends those that had not left and sends again, with
the same Message-ID, those that had (at most `AT_ONCE`, where one claim a row left one).
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements.core.enums import OutboxStatus
from agreements.core.models import Document, OutboxMessage
from agreements.core.ports import Work
from agreements.outbox import statements
from agreements.outbox.secrets import forget_secret

if TYPE_CHECKING:
    from agreements.config import Settings

MAX_ATTEMPTS = 8
AT_ONCE = 10  # rows claimed in one transaction at the most (and marked in the next)


@dataclass(frozen=True)
class Done:
    """How a claimed row went, to be recorded if the claim is still ours; `tried` False for
    a row put back untried."""

    message_id: int
    token: str
    error: str | None = None
    retryable: bool = True
    on_sent: Callable[[Session, OutboxMessage, str], None] | None = None
    secret: bool = True
    tried: bool = True


@dataclass(frozen=True)
class Claimed:
    message: OutboxMessage  # as claimed; the row is not read again
    documents: list[Document]
    token: str
    lease_until: datetime  # the claim holds until then (real time)


def at_once(settings: Settings) -> int:
    """How many rows one claim holds: at most AT_ONCE, and fewer than would, each taking the
    slowest a message may, outlast the claim's lease."""
    return max(1, min(AT_ONCE, math.ceil(settings.outbox_lease_seconds
                                         / settings.slowest_send) - 1))


def real_now() -> datetime:
    """Leases run in real time, whatever day a command simulates (`--today`)."""
    return datetime.now(UTC)


def claim(work: Work, message_ids: Sequence[int], done: Sequence[Done]) -> list[Claimed]:
    """Claim the rows still claimable of `message_ids` (in the order of their ids), with
    their attachments, in the transaction that records how the rows before them went."""
    token, now = uuid.uuid4().hex, real_now()
    lease = now + timedelta(seconds=work.settings.outbox_lease_seconds)
    with work.transaction() as session:
        finish(work, session, done)
        found = session.connection().execute(statements.claim(), {
            "messages": list(message_ids), "now": now, "token": token, "lease": lease}).all()
        messages = sorted((OutboxMessage(**row._mapping) for row in found),
                          key=lambda m: m.id or 0)
        wanted = {m.id: _document_ids(m) for m in messages}
        ids = {i for found_ids in wanted.values() for i in found_ids}
        documents = {d.id: d for d in session.exec(select(Document).where(
            col(Document.id).in_(ids)))} if ids else {}
        return [Claimed(m, [documents[i] for i in wanted[m.id] if i in documents], token,
                        lease) for m in messages]


def _document_ids(message: OutboxMessage) -> list[int]:
    try:
        found = json.loads(message.attachments).get("documents", [])
    except (ValueError, AttributeError):
        return []
    return [i for i in found if isinstance(i, int)]


def finish(work: Work, session: Session, done: Sequence[Done]) -> None:
    """Record how the claimed rows went, in the caller's transaction, each only if its
    claim is still ours. Sent with nothing else to change (no `on_sent`, no secret to
    forget): one statement for them all."""
    plain = [{"message": d.message_id, "token": d.token} for d in done
             if d.tried and d.error is None and d.on_sent is None and not d.secret]
    untried = [{"message": d.message_id, "token": d.token} for d in done if not d.tried]
    if plain:
        at = work.clock.now()
        session.connection().execute(statements.sent(), [p | {"at": at} for p in plain])
    if untried:
        session.connection().execute(statements.unclaim(), untried)
    for d in done:
        if d.tried and (d.error is not None or d.on_sent is not None or d.secret):
            _finish_one(work, session, d)


def _finish_one(work: Work, session: Session, done: Done) -> None:
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
