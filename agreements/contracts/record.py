"""Recording one job's status change, in one transaction under the agreement's lock.

SIGNED → the signature is signed at the time the provider gives; REJECTED → declined;
EXPIRED → lapsed; CANCELLED → withdrawn; BLOCKED and CONTACT_INFORMATION_MISSING → the
organiser's coordinator is told (keyed e-mail); a status nobody knows is logged and ignored.
When the job completed, the verified signed PDF is stored with its check and the agreement is
completed with the certificate rendered beforehand. What is already recorded is left alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements import links, messages
from agreements.contracts import checks, completion, ending
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import Parties, coordinators, parties_of
from agreements.contracts.sending import signatures
from agreements.core import audit
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import SignatureStatus as S
from agreements.core.enums import SigningJobStatus as J
from agreements.core.lifecycle import AGREEMENT, SIGNABLE, SIGNATURE
from agreements.core.models import Agreement, Contact, Signature, SigningJob
from agreements.documents import store
from agreements.outbox import queue
from agreements.signing import provider as pv

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts

log = logging.getLogger(__name__)


@dataclass
class Signed:
    """The provider's signed PDF, its check, and the certificate rendered for it."""

    data: bytes
    check: checks.Checked
    problems: list[str]
    certificate: completion.Certificate | None = None

    @property
    def sha256(self) -> str:
        return store.sha256(self.data)


def record(work: Converts, row_id: int, change: pv.StatusChange,
           signed: Signed | None) -> tuple[list[str], str, bool]:
    """Record `change` of the job `row_id`: (mail keys, what was done, confirm it)."""
    with work.transaction() as session:
        row = session.get(SigningJob, row_id)
        assert row is not None
        agreement = locked(session, Agreement, row.agreement_id)
        assert agreement is not None
        row.remote_status, row.updated_at = change.status, work.clock.now()
        for s in change.signers:
            if not s.known:
                log.warning("job %s: unknown signer status %r of %s, ignored", change.job_id,
                            s.status, s.signer)
        if agreement.status not in SIGNABLE:
            return [], f"agreement #{agreement.id} is {agreement.status}: nothing to record", True
        p = parties_of(session, agreement.participation_id)
        people = [(sig, session.get(Contact, sig.contact_id))
                  for sig in signatures(session, agreement.id or 0)]
        states = {sig.id: change.signer(c.email) for sig, c in people if c is not None}
        newly = _signed(work, session, change, [sig for sig, _ in people], states)
        if newly and agreement.status == A.SENT:
            AGREEMENT.advance(agreement, A.PARTIALLY_SIGNED, agreement=agreement.id)
        later = [s for s in signatures(session, agreement.id or 0) if s.status == S.PENDING]
        if newly and later and later[0].asked_at is None:
            later[0].asked_at = max(s.signed_at for s in newly if s.signed_at)
        for sig, contact in people:
            found = states.get(sig.id)
            if found is None or contact is None:
                continue
            if found.status == pv.REJECTED:
                row.status = J.FAILED
                return (ending.end(work, session, agreement, A.DECLINED,
                                   "avslått i Posten signering", sig),
                        f"declined by {contact.email}", True)
            if found.status == pv.EXPIRED:
                row.status = J.FAILED
                return ending.lapsed(work, session, agreement), "expired: lapsed", True
            if found.status == pv.CANCELLED:
                row.status = J.CANCELLED
                reason = row.cancel_reason or "avbrutt i Posten signering"
                return (ending.end(work, session, agreement, A.WITHDRAWN, reason),
                        "cancelled: withdrawn", True)
            if found.status in pv.PROBLEMS:
                row.status = J.FAILED
                return (_problem(work, session, row, p, agreement, contact, found.status),
                        f"{found.status} for {contact.email}: coordinator told", True)
        if change.status == pv.COMPLETED:
            return _complete(work, session, row, p, agreement, signed)
        return [], f"signed by {len(newly)} more" if newly else "nothing new", True


def _signed(work: Converts, session: Session, change: pv.StatusChange, sigs: list[Signature],
            states: dict[int | None, pv.SignerStatus | None]) -> list[Signature]:
    newly = []
    for sig in sigs:
        found = states.get(sig.id)
        if found is None or found.status != pv.SIGNED or sig.status != S.PENDING:
            continue
        SIGNATURE.advance(sig, S.SIGNED)
        sig.signed_at = found.since or work.clock.now()
        newly.append(sig)
        audit.record(session, actor=work.actor, action="agreement.signed_by",
                     subject=f"agreement:{sig.agreement_id}",
                     data={"signer": found.signer, "position": sig.position,
                           "at": sig.signed_at.isoformat(), "job": change.job_id})
    return newly


def _complete(work: Converts, session: Session, row: SigningJob, p: Parties, agreement: Agreement,
              signed: Signed | None) -> tuple[list[str], str, bool]:
    if signed is not None and not signed.check.valid:
        keys = _refused(work, session, row, p, agreement, signed)
        return keys, "signed document refused: " + "; ".join(signed.problems), False
    if signed is None or signed.certificate is None:
        return [], "completed, but the signed document is not fetched yet", False
    number = number_of(p, agreement)
    doc = work.documents.put(session, kind="signed_copy", folder="signed",
                             name=f"{number}-signert.pdf", data=signed.data)
    session.add(signed.check.row(work, doc.id or 0, agreement.id or 0))
    sigs = signatures(session, agreement.id or 0)
    for sig in sigs:
        sig.document_id = doc.id
    audit.record(session, actor=work.actor, action="agreement.signed_document",
                 subject=f"agreement:{agreement.id}",
                 data={"sha256": doc.sha256, "job": row.job_id,
                       "check": checks.summary(signed.check)})
    moment = max(s.signed_at for s in sigs if s.signed_at)
    row.status = J.COMPLETED
    keys = completion.complete(work, session, agreement, p, moment, signed.certificate)
    return keys, "signed by all: signed PDF verified, certificate issued", True


def _tell(work: Work, session: Session, key: str, to: list[Contact],
          text: tuple[str, str]) -> list[str]:
    keys = []
    for contact in to:
        if queue.mail_to(work, session, f"{key}:{contact.email}", contact, text):
            keys.append(f"{key}:{contact.email}")
    return keys


def _problem(work: Work, session: Session, row: SigningJob, p: Parties, agreement: Agreement,
             signer: Contact, status: str) -> list[str]:
    return [k for to in coordinators(session, p.organiser) for k in _tell(
        work, session, f"signing:job:{row.id}:{status.lower()}", [to], messages.signing_problem(
            navn=to.name, nummer=number_of(p, agreement), signatar=signer.name, status=status,
            lenke=links.agreement(work.settings, agreement.id or 0)))]


def _refused(work: Work, session: Session, row: SigningJob, p: Parties, agreement: Agreement,
             signed: Signed) -> list[str]:
    keys = [k for to in coordinators(session, p.organiser) for k in _tell(
        work, session, f"signing:job:{row.id}:refused:{signed.sha256[:16]}", [to],
        messages.signed_document_refused(navn=to.name, nummer=number_of(p, agreement),
                                         problemer="\n".join(signed.problems)))]
    if keys:  # once per refused document, not at every re-delivery
        audit.record(session, actor=work.actor, action="signing.document_refused",
                     subject=f"agreement:{agreement.id}",
                     data={"sha256": signed.sha256, "problems": signed.problems})
    return keys
