"""An agreement's signature job at a remote provider (Posten signering): created once,
recorded, adopted, cancelled.

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
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from agreements.contracts.drafts import get_agreement, number_of
from agreements.contracts.parties import parties_of
from agreements.contracts.sending import deadline, signers, start
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus, SigningJobStatus
from agreements.core.models import Agreement, Contact, Document, SigningJob
from agreements.documents import store
from agreements.errors import IllegalTransition, Refused
from agreements.signing import queues
from agreements.signing.provider import (
    IN_PROGRESS,
    Conflict,
    CreatedJob,
    JobRequest,
    SigningError,
    SigningProvider,
)

if TYPE_CHECKING:
    from agreements.app import App

CLAIM_TIMEOUT = timedelta(minutes=15)
TITLE = "Samarbeidsavtale om Pasientens journaldokumenter"


@dataclass(frozen=True)
class _Claim:
    row_id: int
    token: str
    request: JobRequest
    pdf: Document


def queue_name(sender_orgnr: str) -> str:
    """One polling queue per organiser (the sender of its agreements' jobs)."""
    return f"avtaleflyt-{sender_orgnr}"


def job_of(session: Session, agreement_id: int) -> SigningJob | None:
    return session.exec(select(SigningJob).where(SigningJob.agreement_id == agreement_id)).first()


def in_service(session: Session, agreement_id: int) -> bool:
    """The agreement is out for signing in a signing service (a job not cancelled): its
    signatures then come from the service, never by hand or from an upload."""
    job = job_of(session, agreement_id)
    return job is not None and job.status != SigningJobStatus.CANCELLED


def create(app: App, agreement_id: int, provider: SigningProvider) -> None:
    """Create the agreement's signature job at `provider`, at most once (module docstring)."""
    claim = _claim(app, agreement_id, provider)
    request = replace(claim.request, pdf=store.read(app, claim.pdf))
    with app.transaction() as session:
        row = session.get(SigningJob, claim.row_id)
        if row is None or row.claim_token != claim.token:
            raise Refused(f"agreement #{agreement_id} is being sent by another run")
        row.requested_at = queues.now()
    try:
        created = provider.create_job(request)
    except SigningError as exc:
        _failed(app, claim, exc)
        raise
    with app.transaction() as session:
        row = session.get(SigningJob, claim.row_id)
        assert row is not None
        record_created(app, session, row, created)


def _claim(app: App, agreement_id: int, provider: SigningProvider) -> _Claim:
    now = queues.now()
    with app.transaction() as session:
        agreement = locked(session, Agreement, agreement_id) or get_agreement(session,
                                                                               agreement_id)
        if agreement.status != AgreementStatus.DRAFT:
            raise IllegalTransition(f"agreement #{agreement_id} is {agreement.status}; "
                                    "it cannot be sent again")
        p = parties_of(session, agreement.participation_id)
        people = signers(session, agreement, p)
        pdf = session.get(Document, agreement.pdf_id) if agreement.pdf_id else None
        if pdf is None:
            raise Refused(f"agreement #{agreement_id} has no PDF: e-signing through Posten "
                          "signering needs one, and LibreOffice (soffice) was missing when it "
                          "was created; withdraw it and create it again where LibreOffice is "
                          "installed")
        number = number_of(p, agreement)
        row = job_of(session, agreement_id) or SigningJob(
            agreement_id=agreement_id, provider=provider.name, sender_orgnr=p.organiser.orgnr,
            polling_queue=queue_name(p.organiser.orgnr), reference=number,
            status=SigningJobStatus.CREATING, created_at=app.clock.now())
        if row.requested_at is not None:
            raise Refused(f"the signing job of agreement #{agreement_id} may already exist in "
                          "Posten signering (an earlier request was interrupted); it is "
                          "recorded when Posten reports it. Not willing to wait: withdraw the "
                          "agreement and send a new one")
        if row.claim_token and row.claimed_at and row.claimed_at > now - CLAIM_TIMEOUT:
            raise Refused(f"agreement #{agreement_id} is being sent by another run")
        row.claim_token, row.claimed_at, row.attempts = uuid.uuid4().hex, now, row.attempts + 1
        row.deadline, row.updated_at = deadline(app), app.clock.now()
        row.signer_contacts = json.dumps([c.id for c in people])
        session.add(row)
        session.flush()
        # Polled from now on: a job whose creation answer gets lost is adopted from there.
        queues.register(session, row.provider, row.sender_orgnr, row.polling_queue)
        description = f"Avtale {number} mellom {p.org.navn} og {p.organiser.navn}"
        request = JobRequest(
            reference=number, title=TITLE, description=description[:220],
            sender_orgnr=row.sender_orgnr, polling_queue=row.polling_queue,
            signers=tuple(c.email for c in people), deadline=row.deadline, pdf=b"",
            pdf_name=f"{number}.pdf")
        return _Claim(row.id or 0, row.claim_token, request, pdf)


def _failed(app: App, claim: _Claim, exc: SigningError) -> None:
    with app.transaction() as session:
        row = session.get(SigningJob, claim.row_id)
        if row is None or row.claim_token != claim.token:
            return
        row.last_error, row.retry_ok, row.claim_token = str(exc), exc.retryable, None
        if not exc.maybe_done:  # the provider answered, or was never reached: no job exists
            row.requested_at = None


def record_created(app: App, session: Session, row: SigningJob, created: CreatedJob) -> None:
    """The provider has the job: store its id and mark the agreement sent (Posten asks the
    signers itself, so nobody is e-mailed). Also used to adopt a job whose answer was lost."""
    agreement = locked(session, Agreement, row.agreement_id)
    assert agreement is not None and row.deadline is not None
    row.job_id, row.cancellation_url = created.job_id, created.cancellation_url
    row.status, row.remote_status = SigningJobStatus.ACTIVE, IN_PROGRESS
    row.claim_token, row.last_error, row.updated_at = None, None, app.clock.now()
    people = [session.get(Contact, i) for i in json.loads(row.signer_contacts)]
    start(app, session, agreement, [c for c in people if c is not None], row.deadline,
          provider=row.provider, job=created.job_id)


def cancel(app: App, agreement_id: int, reason: str) -> None:
    """Cancel the agreement's job at its provider (before it is withdrawn or lapses here).

    The reason is stored first: after a crash, the CANCELLED status change that Posten then
    delivers ends the agreement with it. A job the provider says is over already (404, 409:
    it failed, expired or completed there) cannot be cancelled and needs not be: it is marked
    over, and the agreement ends here all the same (a change it reports later finds the
    agreement ended and is confirmed)."""
    with app.transaction() as session:
        row = job_of(session, agreement_id)
        if row is None or row.status != SigningJobStatus.ACTIVE or not row.cancellation_url:
            return
        row.cancel_reason, url, name = reason, row.cancellation_url, row.provider
    try:
        app.signing_provider(name).cancel(url)
    except Conflict as exc:  # 404 or 409: the job is over there; the agreement ends here
        with app.transaction() as session:
            row = job_of(session, agreement_id)
            if row is not None and row.status == SigningJobStatus.ACTIVE:
                row.status, row.last_error = SigningJobStatus.FAILED, str(exc)


def close(session: Session, agreement_id: int, status: SigningJobStatus) -> None:
    """The agreement ended here: its job (if any) is over too."""
    row = job_of(session, agreement_id)
    if row is not None and row.status in (SigningJobStatus.CREATING, SigningJobStatus.ACTIVE):
        row.status = status
