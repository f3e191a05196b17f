"""Polling the signing provider: each organiser's queue until it is empty, the changes applied
a batch at a time (`changes`) while the next batch is polled, and each confirmed only once
recorded.

A queue is polled only when the provider permits it (the time is kept in the database, see
`signing.queues`), also after an answer with a change that names a later time (the queue waits
for the next run); a 429 stores the time the provider names. Before polling, a job whose
creation never reached the provider is created again, and a job in doubt (the answer to its
creation was lost) is reported once to the organiser's coordinator.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlmodel import select

from agreements import links, messages
from agreements.contracts import ahead, changes, creating, fetching
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import coordinators, parties_of
from agreements.core.calendar import OSLO
from agreements.core.enums import AgreementStatus, SigningJobStatus
from agreements.core.models import Agreement, Contact, SigningJob
from agreements.errors import AvtaleflytError
from agreements.outbox import delivery, queue
from agreements.signing import parallel, queues
from agreements.signing.provider import SigningProvider, Signs, StatusChange, TooEarly

if TYPE_CHECKING:
    from agreements.core.ports import Stores, Work
    from agreements.documents.pdf import Converts

BATCH = 50  # changes applied together: one transaction, one converter run, one verification round
IN_DOUBT_AFTER = timedelta(minutes=15)


@dataclass
class PollReport:
    provider: str
    queues: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    created: list[int] = field(default_factory=list)  # agreements whose job was created now
    failed: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    delivery: str = "nothing to deliver"
    waiting: int = 0  # messages left queued: their server was down (retried next run)

    def summary(self) -> str:
        if self.provider == "manual":
            return "signing: manual (AVTALEFLYT_SIGNING): no signing service to poll"
        lines = [f"signing: {self.provider}: {len(self.changes)} status change(s) from "
                 f"{len(self.queues)} queue(s)"]
        lines += [f"- queue {q['queue']}: {q['outcome']}; next poll "
                  + (f"{q['next_poll'].astimezone(OSLO):%Y-%m-%d %H:%M:%S}" if q["next_poll"]
                     else "now") for q in self.queues]
        lines += [f"- created the signing job of agreement #{a}" for a in self.created]
        lines += [f"- FAILED {f}" for f in self.failed]
        lines.append(f"- e-mail: {self.delivery}")
        return "\n".join(lines)


class Polls(Signs, delivery.Delivers, Protocol):
    """What a poll of the signing service uses: it has agreements signed, and delivers what
    it queued."""


def poll(work: Polls, provider: SigningProvider | None = None) -> PollReport:
    """Poll every queue of the provider that may be polled now, and deliver what it queued."""
    provider = provider or work.signing_provider()
    report = PollReport(provider.name)
    if not provider.remote:
        return report
    _heal(work, provider, report)
    with work.transaction() as session:
        found = queues.listing(session, provider.name)
    with parallel.workers():  # the signed documents of a big batch checked on every core
        for row in found:
            claimed = queues.claim(work, row)
            if claimed is None:
                report.queues.append({"queue": row.polling_queue, "outcome": "not polled: too "
                                      "early or polled by another run",
                                      "next_poll": row.next_poll_at})
                continue
            _drain(work, provider, claimed, report)
    if report.keys:
        sent = delivery.deliver(work, keys=report.keys)
        report.delivery, report.waiting = str(sent), sent.queued
    return report


@dataclass
class _Polled:
    """What polling one queue came to (written by the thread that polls, read once it ends)."""

    next_permitted: datetime
    outcome: str = "empty"


def _drain(work: Converts, provider: SigningProvider, q: queues.Queue, report: PollReport) -> None:
    """Poll one queue until it is empty (or the provider says wait), a batch at a time: the
    next batch is polled while this one is applied, and each batch's changes are confirmed
    (several at once) only once they are recorded."""
    polled, seen = _Polled(queues.now()), 0
    try:
        with ahead.Ahead(lambda stop: _batches(provider, q, polled, stop)) as batches:
            for batch in batches:
                urls: dict[str, StatusChange] = {}
                for a in changes.apply(work, provider, q.sender_orgnr, batch):
                    report.changes.append({"queue": q.polling_queue, **a.row()})
                    report.keys += a.keys
                    if a.confirm:
                        urls.setdefault(a.change.confirmation_url, a.change)
                _confirm(provider, list(urls.values()))
                seen += len(batch)
                queues.extend(work, q)
    except AvtaleflytError as exc:
        polled.outcome = f"failed: {exc}"
        report.failed.append(f"queue {q.polling_queue}: {exc}")
    finally:
        if polled.outcome == "empty" and seen:
            polled.outcome = f"{seen} change(s), then empty"
        queues.release(work, q, polled.next_permitted, polled.outcome)
        report.queues.append({"queue": q.polling_queue, "outcome": polled.outcome,
                              "next_poll": polled.next_permitted})


def _batches(provider: SigningProvider, q: queues.Queue, polled: _Polled,
             stop: threading.Event) -> Iterator[list[StatusChange]]:
    """The queue's changes, `BATCH` at a time, until it is empty, the provider says wait, or
    the run stops taking them (`stop`: nothing more is polled, so nothing more is hidden)."""
    while not stop.is_set():
        batch: list[StatusChange] = []
        empty = False
        while len(batch) < BATCH and not empty and not stop.is_set():
            try:
                result = provider.poll(q.sender_orgnr, q.polling_queue)
            except TooEarly as early:
                polled.next_permitted, polled.outcome = early.next_permitted, "too early (429)"
                empty = True
                break
            polled.next_permitted, empty = result.next_permitted, result.change is None
            if result.change is not None:
                batch.append(result.change)
            if not empty and polled.next_permitted > queues.now():
                # Posten names a later time on an answer with a change too: honour it
                # (the rest waits for the next run) rather than be refused with 429.
                polled.outcome, empty = "paused: the next poll is permitted later", True
        if batch:
            yield batch
        if empty:
            return


def _confirm(provider: SigningProvider, recorded: list[StatusChange]) -> None:
    """Confirm the recorded changes, several at once; the first failure is raised once all
    have been tried (an unconfirmed change comes back and finds itself recorded)."""
    def one(change: StatusChange) -> Callable[[], None]:
        return lambda: provider.confirm(change)
    for answer in fetching.in_flight([one(c) for c in recorded]):
        if isinstance(answer, AvtaleflytError):
            raise answer


def _heal(work: Stores, provider: SigningProvider, report: PollReport) -> None:
    """Create again the jobs that never reached the provider; report the jobs in doubt."""
    now = queues.now()
    with work.transaction() as session:
        rows = list(session.exec(select(SigningJob, Agreement).join(Agreement).where(
            SigningJob.provider == provider.name,
            SigningJob.status == SigningJobStatus.CREATING,
            Agreement.status == AgreementStatus.DRAFT)))
    again = []
    for row, _agreement in rows:
        if row.requested_at is not None:
            if row.requested_at < now - IN_DOUBT_AFTER:
                report.keys += _in_doubt(work, row)
            continue
        stale = row.claimed_at is None or row.claim_token is None or \
            row.claimed_at < now - creating.CLAIM_TIMEOUT
        if row.retry_ok and stale:
            again.append(row.agreement_id)
    for at in range(0, len(again), BATCH):
        failed = creating.create_many(work, again[at:at + BATCH], provider)
        report.created += [a for a in again[at:at + BATCH] if a not in failed]
        report.failed += [f"creating the job of agreement #{a}: {exc}"
                          for a, exc in failed.items()]


def _in_doubt(work: Work, row: SigningJob) -> list[str]:
    """Tell the organiser's coordinator, once, that the job may or may not exist."""
    keys = []
    with work.transaction() as session:
        agreement = session.get(Agreement, row.agreement_id)
        assert agreement is not None
        p = parties_of(session, agreement.participation_id)
        first = session.get(Contact, _first_signer(row))
        for to in coordinators(session, p.organiser):
            key = f"signing:job:{row.id}:in-doubt:{to.email}"
            text = messages.signing_in_doubt(navn=to.name, nummer=number_of(p, agreement),
                                             signatar=first.name if first else "signataren",
                                             lenke=links.agreement(work.settings,
                                                                   agreement.id or 0))
            if queue.mail_to(work, session, key, to, text):
                keys.append(key)
    return keys


def _first_signer(row: SigningJob) -> int:
    ids = json.loads(row.signer_contacts)
    return int(ids[0]) if ids else 0
