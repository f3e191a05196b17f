"""Polling the signing provider: each organiser's queue until it is empty, the changes applied
a batch at a time (`changes`) in a pipeline (`draining`: the next batch polled and prepared
while one is recorded, its e-mails delivered once it has committed), and each confirmed only
once recorded.

A queue is polled only when the provider permits it (the time is kept in the database, see
`signing.queues`), also after an answer with a change that names a later time (the queue waits
for the next run); a 429 stores the time the provider names. Before polling, a job whose
creation never reached the provider is created again, and a job in doubt (the answer to its
creation was lost) is reported once to the organiser's coordinator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlmodel import select

from agreements import links, messages
from agreements.contracts import creating, delivering, draining, timing
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import coordinators, parties_of
from agreements.core.calendar import OSLO
from agreements.core.enums import AgreementStatus, SigningJobStatus
from agreements.core.models import Agreement, Contact, SigningJob
from agreements.outbox import delivery, queue
from agreements.signing import parallel, queues
from agreements.signing.provider import SigningProvider, Signs

if TYPE_CHECKING:
    from agreements.core.ports import Stores, Work

BATCH = draining.BATCH
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
    timings: timing.Timings | None = None
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
        if self.timings is not None and self.changes:
            lines += ["- time, by stage:", *self.timings.lines()]
        return "\n".join(lines)


class Polls(Signs, delivery.Delivers, Protocol):
    """What a poll of the signing service uses: it has agreements signed, and delivers what
    it queued."""


def poll(work: Polls, provider: SigningProvider | None = None, *,
         batch: int = BATCH) -> PollReport:
    """Poll every queue of the provider that may be polled now, and deliver what it queued;
    `batch` changes are applied together."""
    provider = provider or work.signing_provider()
    report = PollReport(provider.name)
    if not provider.remote:
        return report
    _heal(work, provider, report)
    with work.transaction() as session:
        found = queues.listing(session, provider.name)
    with timing.measuring() as report.timings, parallel.workers(), \
            delivering.Deliverer(work) as deliverer:  # each batch's e-mails once it committed
        deliverer.add(report.keys)  # the coordinators told of jobs in doubt
        for row in found:
            claimed = queues.claim(work, row)
            if claimed is None:
                report.queues.append({"queue": row.polling_queue, "outcome": "not polled: too "
                                      "early or polled by another run",
                                      "next_poll": row.next_poll_at})
                continue
            draining.drain(work, provider, claimed, report, deliverer, batch)
    if report.keys:
        report.delivery, report.waiting = str(deliverer.report), deliverer.report.queued
    if deliverer.failure:
        report.delivery += "; the rest waits in the outbox for the next delivery"
        report.failed.append(f"delivering the poll's e-mail: {deliverer.failure}")
    return report


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
