"""Starting signing: a draft goes out with one signature per party in signing order (the
organisation, then the organiser). With the manual provider the first signer is asked by
e-mail with the PDF attached; with a remote provider (Posten signering) one signature job is
created there, which asks the signers itself.

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

What becomes of a job afterwards (cancelled, closed) is `esigning`'s.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements import links, messages
from agreements.contracts import term_text
from agreements.contracts.copies import latest_copy
from agreements.contracts.drafts import (
    annex_to,
    get_agreement,
    number_of,
    open_sections,
    renewal_note,
    require_settled,
    sent_documents,
    title_of,
)
from agreements.contracts.esigning import job_of, queue_name
from agreements.contracts.organiser import require_confirmed
from agreements.contracts.parties import Parties, parties_of, return_address, sender, signatory_of
from agreements.core import audit
from agreements.core.calendar import add_working_days, norsk_dato
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus, SignatureStatus, SigningJobStatus
from agreements.core.lifecycle import AGREEMENT
from agreements.core.models import Agreement, Contact, Document, Signature, SigningJob
from agreements.errorcodes import Code
from agreements.errors import IllegalTransition, MissingSignatory, Refused
from agreements.outbox import queue
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
    from agreements.signing.provider import Signs

CLAIM_TIMEOUT = timedelta(minutes=15)


def signatures(session: Session, agreement_id: int) -> list[Signature]:
    return list(session.exec(select(Signature).where(Signature.agreement_id == agreement_id)
                             .order_by(col(Signature.position))))


def signers(session: Session, agreement: Agreement, p: Parties) -> list[Contact]:
    """The signatory of each side, in signing order; refused naming the sides without one."""
    found = [signatory_of(session, side) for side in p.sides]
    lacking = [side.navn for side, contact in zip(p.sides, found, strict=True) if contact is None]
    if lacking:
        raise MissingSignatory(Code.NO_SIGNATORY, agreement=agreement.id, sides=lacking)
    return [c for c in found if c is not None]


def deadline(work: Work) -> date:
    return add_working_days(work.clock.today(), work.settings.signing_deadline_days)


def start(work: Work, session: Session, agreement: Agreement, people: list[Contact],
          until: date, **audited: object) -> Signature:
    """Mark the agreement sent with one pending signature per signer; returns the first."""
    AGREEMENT.advance(agreement, AgreementStatus.SENT, agreement=agreement.id)
    agreement.sent_at, agreement.signing_deadline = work.clock.now(), until
    for position, contact in enumerate(people, start=1):
        session.add(Signature(agreement_id=agreement.id or 0, position=position,
                              organisation_id=contact.organisation_id, contact_id=contact.id or 0,
                              status=SignatureStatus.PENDING))
    session.flush()
    first = signatures(session, agreement.id or 0)[0]
    first.asked_at = agreement.sent_at
    audit.record(session, actor=work.actor, action="agreement.sent",
                 subject=f"agreement:{agreement.id}",
                 data={"deadline": until.isoformat(), "signers": [c.email for c in people],
                       **audited})
    return first


def send(work: Signs, agreement_id: int) -> list[str]:
    """Send a draft for signing through the configured provider. Returns the mail keys it
    queued."""
    provider = work.signing_provider()
    if provider.remote:
        create(work, agreement_id, provider)
        return []
    with work.transaction() as session:
        return send_in(work, session, agreement_id, provider.name)


def send_in(work: Work, session: Session, agreement_id: int, provider: str) -> list[str]:
    """Sending by e-mail (a provider that is not remote) in the caller's transaction."""
    agreement = locked(session, Agreement, agreement_id) or get_agreement(session, agreement_id)
    require_settled(work, agreement)
    p = parties_of(session, agreement.participation_id)
    require_confirmed(p)
    first = start(work, session, agreement, signers(session, agreement, p), deadline(work),
                  provider=provider)
    return [ask_to_sign(work, session, agreement, p, first)]


def ask_to_sign(work: Work, session: Session, agreement: Agreement, p: Parties,
                signature: Signature) -> str:
    """Queue the request to sign for `signature`'s signer; returns its outbox key."""
    contact = session.get(Contact, signature.contact_id)
    assert contact is not None and agreement.signing_deadline is not None
    later = [s for s in signatures(session, agreement.id or 0) if s.position > signature.position]
    signed = latest_copy(session, signature)
    attached = [signed[0]] if signed else sent_documents(session, agreement)
    back = return_address(session, p.organiser, work.settings.mail_from)
    subject, body = term_text.as_renewal(messages.signature_request(
        navn=contact.name, part=p.sides[signature.position - 1].navn,
        nummer=number_of(p, agreement), virksomhet=p.org.navn, organisator=p.organiser.navn,
        frist=norsk_dato(agreement.signing_deadline), returner_til=back,
        neste=p.organiser.navn if later else None,
        vedlegg=attached[0].path.rsplit("/", 1)[-1] if attached else "-",
        lenke=links.agreement(work.settings, agreement.id or 0),
        fra=sender(session, p.organiser), signert_av=signed[1] if signed else None,
        utkast=open_sections(agreement), vedlegg_til=annex_to(session, p, agreement)),
        renewal_note(session, p, agreement))
    key = f"agreement:{agreement.id}:signature:{signature.id}:request"
    queue.mail_to(work, session, key, contact, (subject, body), [d.id or 0 for d in attached],
                  reply_to=back)
    return key


@dataclass(frozen=True)
class _Claim:
    row_id: int
    token: str
    request: JobRequest
    pdf: Document


def create(work: Stores, agreement_id: int, provider: SigningProvider) -> None:
    """Create the agreement's signature job at `provider`, at most once (module docstring)."""
    claim = _claim(work, agreement_id, provider)
    request = replace(claim.request, pdf=work.documents.read(claim.pdf))
    with work.transaction() as session:
        row = session.get(SigningJob, claim.row_id)
        if row is None or row.claim_token != claim.token:
            raise Refused(Code.SENT_BY_ANOTHER_RUN, agreement=agreement_id)
        row.requested_at = queues.now()
    try:
        created = provider.create_job(request)
    except SigningError as exc:
        _failed(work, claim, exc)
        raise
    with work.transaction() as session:
        row = session.get(SigningJob, claim.row_id)
        assert row is not None
        record_created(work, session, row, created)


def _claim(work: Work, agreement_id: int, provider: SigningProvider) -> _Claim:
    now = queues.now()
    with work.transaction() as session:
        agreement = locked(session, Agreement, agreement_id) or get_agreement(session,
                                                                               agreement_id)
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
        return _Claim(row.id or 0, row.claim_token, request, pdf)


def _failed(work: Work, claim: _Claim, exc: SigningError) -> None:
    with work.transaction() as session:
        row = session.get(SigningJob, claim.row_id)
        if row is None or row.claim_token != claim.token:
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
