"""Applying the status changes a signing provider reports, a batch at a time.

A change carries the whole job's state, so applying it twice records nothing twice:
1. which job each change is about (one short transaction for the batch): ours by job id; one
   whose creation answer was lost, adopted by its reference (`creating`); a second job for one
   of our agreements, or a job of an agreement that ended here (cancelled at the provider, once
   that transaction has committed); or unknown;
2. with no transaction open: fetch and check the XAdES of each signer who signed (`evidence`)
   and the signed PDF of each job that completed, several requests at once (`fetching`), and
   render the certificates of those that verified, in one converter run;
3. one transaction for the batch, under the agreements' locks, that records what changed
   (`record`), each change with its audit events;
4. the caller confirms a change only after that, so a crash anywhere means it comes back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from agreements.contracts import certifying, creating, evidence, fetching, record
from agreements.contracts.timing import stage
from agreements.core.enums import SigningJobStatus as J
from agreements.core.models import SigningJob
from agreements.signing.provider import (
    IN_PROGRESS,
    CreatedJob,
    SigningError,
    SigningProvider,
    StatusChange,
)

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts

log = logging.getLogger(__name__)


@dataclass
class Applied:
    """What became of one change; `confirm` is False when it must come back (not recorded)."""

    change: StatusChange
    outcome: str = ""
    confirm: bool = True
    keys: list[str] = field(default_factory=list)
    row_id: int | None = None
    agreement_id: int | None = None
    signed: record.Signed | None = None
    evidence: dict[int, evidence.Evidence] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return {"job": self.change.job_id, "reference": self.change.reference,
                "status": self.change.status, "agreement": self.agreement_id,
                "outcome": self.outcome}


def apply(work: Converts, provider: SigningProvider, sender_orgnr: str,
          changes: list[StatusChange]) -> list[Applied]:
    """Record a batch of changes of one queue; returns them in order, saying what was done."""
    return record_batch(work, prepare(work, provider, sender_orgnr, changes))


@dataclass
class Prepared:
    """A batch identified, fetched, checked and its certificates rendered (steps 1–2), not
    yet recorded: `applied` in order, `newest` the latest change of each job."""

    applied: list[Applied]
    newest: dict[int, Applied]

    @property
    def jobs(self) -> set[int]:
        return set(self.newest)


def prepare(work: Converts, provider: SigningProvider, sender_orgnr: str,
            changes: list[StatusChange]) -> Prepared:
    """Steps 1 and 2 of a batch (module docstring): nothing of it is recorded yet."""
    return finish(work, start(work, provider, sender_orgnr, changes))


@dataclass
class Started:
    """A batch identified and fetched, its documents being checked (`fetched` waits)."""

    applied: list[Applied]
    newest: dict[int, Applied]
    mine: list[Applied]
    fetched: Callable[[], list[fetching.Fetched]]


def start(work: Converts, provider: SigningProvider, sender_orgnr: str,
          changes: list[StatusChange]) -> Started:
    """Step 1 and the downloads of step 2; the checks run meanwhile (`finish` waits)."""
    applied = [Applied(c) for c in changes]
    newest = {a.change.job_id: a for a in applied}  # the latest state of each job counts
    for a in applied:
        if newest[a.change.job_id] is not a:
            a.outcome = "superseded by a later change of the same job"
    with stage("identify"):
        _identify(work, provider, sender_orgnr, list(newest.values()))
    mine = [a for a in newest.values() if a.row_id is not None and not a.outcome]
    jobs = [fetching.Job(a.row_id or 0, a.agreement_id or 0, a.change) for a in mine]
    return Started(applied, newest, mine, fetching.fetch_started(work, provider, jobs))


def finish(work: Converts, started: Started) -> Prepared:
    """The rest of step 2: the checks judged, the certificates rendered."""
    for a, got in zip(started.mine, started.fetched(), strict=True):
        a.evidence, a.signed = got.evidence, got.signed
        if got.failure is not None:
            a.outcome, a.confirm = got.failure, False
    certifying.certificates(work, [a for a in started.mine if a.signed and a.signed.check.valid])
    return Prepared(started.applied, started.newest)


def record_batch(work: Converts, prepared: Prepared) -> list[Applied]:
    """Step 3: record what `prepare` found, in one transaction; the changes in order, each
    saying what was done and whether it may be confirmed."""
    todo = [a for a in prepared.newest.values()
            if a.row_id is not None and not a.outcome and a.confirm]
    if todo:
        with stage("record"):
            done = record.record_all(work, [(a.row_id or 0, a.agreement_id or 0, a.change,
                                             a.signed, a.evidence) for a in todo])
        for a, (keys, outcome, confirm) in zip(todo, done, strict=True):
            a.keys, a.outcome, a.confirm = keys, outcome, confirm
    for a in prepared.applied:  # Posten confirms per job: an earlier change only with the latest
        a.confirm = prepared.newest[a.change.job_id].confirm
    return prepared.applied


def _identify(work: Work, provider: SigningProvider, sender_orgnr: str,
              applied: list[Applied]) -> None:
    """Which job each change is about: read without the writer's lock (the batch before may
    be recording) when all are ours by id, else in one transaction (one to adopt, or not
    ours); a second job of one of our agreements is cancelled once that has committed."""
    orphans = []
    with work.reading() as session:
        rows = _by_job_id(session, provider, applied)
        if all(a.change.job_id in rows for a in applied):  # nothing to write
            for a in applied:
                _which(work, session, provider, sender_orgnr, a, rows[a.change.job_id])
            return
    with work.transaction() as session:
        rows = _by_job_id(session, provider, applied)
        for a in applied:
            if _which(work, session, provider, sender_orgnr, a, rows.get(a.change.job_id)):
                orphans.append(a)
    for a in orphans:
        _orphan(provider, a)


def _by_job_id(session: Session, provider: SigningProvider,
               applied: list[Applied]) -> dict[int, SigningJob]:
    ids = [a.change.job_id for a in applied]
    return {r.job_id or 0: r for r in session.exec(select(SigningJob).where(
        SigningJob.provider == provider.name, col(SigningJob.job_id).in_(ids)))} if ids else {}


def _which(work: Work, session: Session, provider: SigningProvider, sender_orgnr: str,
           a: Applied, row: SigningJob | None) -> bool:
    """Name the job of `a` (ours, adopted, unknown); True when it is a second job."""
    change = a.change
    if row is None:
        row = _ours_by_reference(session, provider.name, sender_orgnr, change.reference)
        if row is not None and row.status == J.CREATING and row.job_id is None:
            creating.record_created(work, session, row, CreatedJob(change.job_id,
                                                                  change.cancellation_url))
            log.warning("adopted job %s of agreement #%s from its status change",
                        change.job_id, row.agreement_id)
        elif row is not None:
            a.agreement_id = row.agreement_id
            return True
    if row is None:
        # Not ours: made in Posten's web portal, or by another system on this queue. It is
        # confirmed anyway: unconfirmed it would come back every ten minutes for ever and
        # avtaleflyt would do nothing else with it; the log keeps it for review.
        log.warning("status change for unknown job %s (reference %r, %s) confirmed and "
                    "ignored", change.job_id, change.reference, change.status)
        a.outcome = "unknown job: confirmed and ignored"
        return False
    a.row_id, a.agreement_id = row.id, row.agreement_id
    return False


def _ours_by_reference(session: Session, provider: str, sender_orgnr: str,
                       reference: str | None) -> SigningJob | None:
    if not reference:
        return None
    return session.exec(select(SigningJob).where(
        SigningJob.provider == provider, SigningJob.sender_orgnr == sender_orgnr,
        SigningJob.reference == reference).order_by(col(SigningJob.id).desc())).first()


def _orphan(provider: SigningProvider, a: Applied) -> None:
    """A job for one of our agreements that is not the one we keep: cancel it if it runs."""
    change = a.change
    if change.status == IN_PROGRESS and change.cancellation_url:
        try:
            provider.cancel(change.cancellation_url)
        except SigningError as exc:
            a.outcome, a.confirm = f"second job for agreement #{a.agreement_id}: {exc}", False
            return
    log.warning("job %s is a second job for agreement #%s: cancelled", change.job_id,
                a.agreement_id)
    a.outcome = f"second job for agreement #{a.agreement_id}: cancelled"
