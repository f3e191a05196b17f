"""Creating an agreement's signature job at a remote provider (Posten signering), at most
once, for one agreement or a batch.

Posten signering takes no idempotency key and cannot look a job up by our reference, so
creation is made safe here. The job row is written first (unique per agreement) and claimed;
`requested_at` is committed just before the request leaves; the job id and the agreement's
move to `sent` are written in one transaction once the answer is in:

- a crash, or a definite refusal, before the request left: no job exists, so the next `send`
  or poll creates it (a refusal that will not heal by itself, such as a 4xx, waits for `send`);
- a crash or a lost answer after it left (`requested_at` set, no job id): the job may exist,
  and it is never created a second time. The poll adopts it from its first status change,
  matched by the reference (the agreement number) on the organiser's queue; Posten asks the
  first signer at once and reports the job at the latest when it expires at the deadline.
  The organiser's coordinator is told once that the job is in doubt; who will not wait
  withdraws the agreement and sends a new one, and a late job is cancelled when it reports.

A batch (`create_many`) takes the same three steps with one transaction each for all its
agreements (each agreement's move to `sent` with its audit event), and has up to `IN_FLIGHT`
requests waiting for their answers at once: the time per job is then our own work, not the
round trip's.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements.contracts.drafts import get_agreement, number_of, require_settled, title_of
from agreements.contracts.esigning import job_of, queue_name
from agreements.contracts.organiser import require_confirmed
from agreements.contracts.parties import parties_of
from agreements.contracts.starting import deadline, signers, start
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus, SigningJobStatus
from agreements.core.models import Agreement, Contact, Document, SigningJob
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, IllegalTransition, Refused
from agreements.signing import queues
from agreements.signing.provider import (
    IN_PROGRESS,
    CreatedJob,
    JobRequest,
    SigningError,
    SigningProvider,
)

if TYPE_CHECKING:
    from agreements.core.ports import Stores, Work

CLAIM_TIMEOUT = timedelta(minutes=15)
IN_FLIGHT = 4  # job creations waiting for the provider's answer at once (`create_many`)


@dataclass(frozen=True)
class _Claim:
    agreement_id: int
    row_id: int
    token: str
    request: JobRequest
    pdf: Document


def create(work: Stores, agreement_id: int, provider: SigningProvider) -> None:
    """Create the agreement's signature job at `provider`, at most once (module docstring)."""
    failed = create_many(work, [agreement_id], provider)
    if agreement_id in failed:
        raise failed[agreement_id]


def create_many(work: Stores, agreement_ids: Sequence[int], provider: SigningProvider
                ) -> dict[int, AvtaleflytError]:
    """Create the jobs of several agreements, each as `create` does (claimed, then marked
    requested just before its request leaves, then recorded once answered), with one
    transaction for each of those steps for the whole batch and up to `IN_FLIGHT` requests
    at once; what failed, by agreement (the others are sent)."""
    failed: dict[int, AvtaleflytError] = {}
    claims = _claim_all(work, agreement_ids, provider, failed)
    requests = [replace(c.request, pdf=work.documents.read(c.pdf)) for c in claims]
    with work.transaction() as session:
        for c in claims:
            row = session.get(SigningJob, c.row_id)
            if row is None or row.claim_token != c.token:
                failed[c.agreement_id] = Refused(Code.SENT_BY_ANOTHER_RUN,
                                                 agreement=c.agreement_id)
            else:
                row.requested_at = queues.now()
    asked = [(c, r) for c, r in zip(claims, requests, strict=True)
             if c.agreement_id not in failed]
    answers = _ask(provider, [r for _, r in asked])
    with work.transaction() as session:
        for (claim, _), answer in zip(asked, answers, strict=True):
            row = session.get(SigningJob, claim.row_id)
            assert row is not None
            if isinstance(answer, SigningError):
                _failed(row, claim, answer)
                failed[claim.agreement_id] = answer
            else:
                record_created(work, session, row, answer)
    return failed


def _ask(provider: SigningProvider, requests: list[JobRequest]
         ) -> list[CreatedJob | SigningError]:
    """Each request's created job or its error, in order; several in flight at once."""
    def one(request: JobRequest) -> CreatedJob | SigningError:
        try:
            return provider.create_job(request)
        except SigningError as exc:
            return exc
    if len(requests) < 2:
        return [one(r) for r in requests]
    with ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="signing-create") as pool:
        return list(pool.map(one, requests))


def _claim_all(work: Work, agreement_ids: Sequence[int], provider: SigningProvider,
               failed: dict[int, AvtaleflytError]) -> list[_Claim]:
    """Claim each agreement's job in one transaction; a refusal (nothing written for it yet)
    is kept in `failed` and the others go on."""
    claims = []
    with work.transaction() as session:
        for agreement_id in sorted(set(agreement_ids)):  # locked in one order: no deadlock
            try:
                claims.append(_claim(work, session, agreement_id, provider))
            except AvtaleflytError as exc:
                failed[agreement_id] = exc
    return claims


def _claim(work: Work, session: Session, agreement_id: int, provider: SigningProvider
           ) -> _Claim:
    now = queues.now()
    agreement = locked(session, Agreement, agreement_id) or get_agreement(session, agreement_id)
    if agreement.status != AgreementStatus.DRAFT:
        raise IllegalTransition(Code.NOT_SENT_AGAIN, agreement=agreement_id,
                                status=agreement.status)
    require_settled(work, agreement)
    p = parties_of(session, agreement.participation_id)
    require_confirmed(p)
    people = signers(session, agreement, p)
    pdf = session.get(Document, agreement.pdf_id) if agreement.pdf_id else None
    if pdf is None:
        raise Refused(Code.NO_PDF_FOR_ESIGNING, agreement=agreement_id)
    number = number_of(p, agreement)
    row = job_of(session, agreement_id) or SigningJob(
        agreement_id=agreement_id, provider=provider.name, sender_orgnr=p.organiser.orgnr,
        polling_queue=queue_name(p.organiser.orgnr), reference=number,
        status=SigningJobStatus.CREATING, created_at=work.clock.now())
    if row.requested_at is not None:
        raise Refused(Code.JOB_MAY_EXIST, agreement=agreement_id)
    if row.claim_token and row.claimed_at and row.claimed_at > now - CLAIM_TIMEOUT:
        raise Refused(Code.SENT_BY_ANOTHER_RUN, agreement=agreement_id)
    row.claim_token, row.claimed_at, row.attempts = uuid.uuid4().hex, now, row.attempts + 1
    row.deadline, row.updated_at = deadline(work), work.clock.now()
    row.signer_contacts = json.dumps([c.id for c in people])
    session.add(row)
    session.flush()
    # Polled from now on: a job whose creation answer gets lost is adopted from there.
    queues.register(session, row.provider, row.sender_orgnr, row.polling_queue)
    description = f"{title_of(agreement)} {number}: {p.org.navn} og {p.organiser.navn}"
    request = JobRequest(
        reference=number, title=title_of(agreement), description=description[:220],
        sender_orgnr=row.sender_orgnr, polling_queue=row.polling_queue,
        signers=tuple(c.email for c in people), deadline=row.deadline, pdf=b"",
        pdf_name=f"{number}.pdf")
    return _Claim(agreement_id, row.id or 0, row.claim_token, request, pdf)


def _failed(row: SigningJob, claim: _Claim, exc: SigningError) -> None:
    if row.claim_token != claim.token:
        return
    row.last_error, row.retry_ok, row.claim_token = str(exc), exc.retryable, None
    if not exc.maybe_done:  # the provider answered, or was never reached: no job exists
        row.requested_at = None


def record_created(work: Work, session: Session, row: SigningJob, created: CreatedJob) -> None:
    """The provider has the job: store its id and mark the agreement sent (Posten asks the
    signers itself, so nobody is e-mailed). Also used to adopt a job whose answer was lost."""
    agreement = locked(session, Agreement, row.agreement_id)
    assert agreement is not None and row.deadline is not None
    row.job_id, row.cancellation_url = created.job_id, created.cancellation_url
    row.status, row.remote_status = SigningJobStatus.ACTIVE, IN_PROGRESS
    row.claim_token, row.last_error, row.updated_at = None, None, work.clock.now()
    people = [session.get(Contact, i) for i in json.loads(row.signer_contacts)]
    start(work, session, agreement, [c for c in people if c is not None], row.deadline,
          provider=row.provider, job=created.job_id)
