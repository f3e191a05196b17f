"""Recording signatures in order, declines, withdrawal and lapse of an agreement.

Recording the last signature completes the agreement and issues its certificate: the
certificate is rendered and converted with no transaction open, and the write transaction
then re-checks, under the agreement's lock, that nothing changed in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements import messages
from agreements.contracts import completion
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import Parties, notify_list, parties_of
from agreements.contracts.sending import ask_to_sign, signatures
from agreements.core import audit
from agreements.core.calendar import OSLO, norsk_dato
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import SignatureStatus as S
from agreements.core.lifecycle import AGREEMENT, SIGNABLE, SIGNATURE
from agreements.core.models import Agreement, Contact, Signature
from agreements.documents import store
from agreements.errors import IllegalTransition, InvalidInput, NotFound, Refused
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.app import App

PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class _Turn:
    """Whose signature is recorded, and whether it is the last one missing."""

    signature_id: int
    position: int
    completes: bool


def check_pdf(data: bytes, name: str = "signed copy") -> None:
    """A PDF in form at least: its header with a version, and the end-of-file marker."""
    if not data.startswith(PDF_MAGIC):
        raise InvalidInput(f"{name} is not a PDF (it does not start with %PDF-)")
    if not re.match(rb"%PDF-[12]\.\d", data) or b"%%EOF" not in data[-1024:]:
        raise InvalidInput(f"{name} is not a whole PDF (no version after %PDF-, or no %%EOF "
                           "at its end): was it cut short?")


def _locked(session: Session, agreement_id: int) -> Agreement:
    found = locked(session, Agreement, agreement_id)
    if found is None:
        raise NotFound(f"agreement #{agreement_id} does not exist")
    return found


def signer(session: Session, agreement: Agreement, email: str) -> tuple[Signature, Contact]:
    found = []
    for sig in signatures(session, agreement.id or 0):
        contact = session.get(Contact, sig.contact_id)
        assert contact is not None
        found.append((sig, contact))
        if contact.email == email.strip().lower():
            return sig, contact
    names = ", ".join(c.email for _, c in found) or "none (the agreement is not sent)"
    raise NotFound(f"{email} is not a signer of agreement #{agreement.id}; signers: {names}")


def _turn(session: Session, agreement: Agreement, sig: Signature, contact: Contact,
          p: Parties, moment: datetime) -> _Turn:
    """Check that `sig` may be signed at `moment`, in order; raise naming why not."""
    aid = agreement.id
    if agreement.status not in SIGNABLE:
        raise IllegalTransition(f"agreement #{aid} is {agreement.status}; it cannot be signed")
    if sig.status == S.SIGNED:
        raise IllegalTransition(f"{contact.name} has already signed agreement #{aid}")
    others = [s for s in signatures(session, aid or 0) if s.id != sig.id]
    waiting = [s for s in others if s.position < sig.position and s.status != S.SIGNED]
    if waiting:
        first = p.sides[waiting[0].position - 1]
        raise IllegalTransition(f"{p.sides[sig.position - 1].navn} signs after {first.navn}, "
                                f"who has not signed agreement #{aid} yet")
    if sig.asked_at and moment < sig.asked_at:
        raise InvalidInput(f"--at is before {contact.name} was asked to sign "
                           f"({sig.asked_at.astimezone(OSLO):%Y-%m-%d %H:%M})")
    return _Turn(sig.id or 0, sig.position, all(s.status == S.SIGNED for s in others))


def record_signature(app: App, agreement_id: int, signer_email: str, data: bytes,
                     at: datetime | None = None) -> list[str]:
    """Record a signature with its signed copy; ask the next signer, or complete.

    Returns the keys of the messages it queued.
    """
    check_pdf(data)
    moment = at or app.clock.now()
    if moment > app.clock.now():
        raise InvalidInput("--at lies in the future")
    sha = store.sha256(data)
    with app.transaction() as session:
        agreement = _locked(session, agreement_id)
        sig, contact = signer(session, agreement, signer_email)
        p = parties_of(session, agreement.participation_id)
        turn = _turn(session, agreement, sig, contact, p, moment)
        plan = (completion.plan(app, session, agreement, p, {sig.id or 0: (moment, sha)})
                if turn.completes else None)
    certificate = completion.render(app, plan) if plan else None
    with app.transaction() as session:
        agreement = _locked(session, agreement_id)
        sig, contact = signer(session, agreement, signer_email)
        if _turn(session, agreement, sig, contact, p, moment) != turn:
            raise Refused(f"agreement #{agreement_id} changed while it was being signed; "
                          "try again")
        SIGNATURE.advance(sig, S.SIGNED, what=f"signature of {contact.name}")
        doc = store.store(app, session, kind="signed_copy", folder="signed",
                          name=f"{number_of(p, agreement)}-signert-{sig.position}.pdf",
                          data=data)
        sig.document_id, sig.signed_at = doc.id, moment
        audit.record(session, actor=app.actor, action="agreement.signed_by",
                     subject=f"agreement:{agreement_id}",
                     data={"signer": contact.email, "position": sig.position,
                           "at": moment.isoformat(), "sha256": doc.sha256})
        if certificate is None:
            later = [s for s in signatures(session, agreement_id) if s.status == S.PENDING]
            AGREEMENT.advance(agreement, A.PARTIALLY_SIGNED, what=f"agreement #{agreement_id}")
            later[0].asked_at = app.clock.now()
            return [ask_to_sign(app, session, agreement, p, later[0])]
        return completion.complete(app, session, agreement, p, moment, certificate)


def _end(app: App, agreement_id: int, target: A, action: str, reason: str,
         signer_email: str | None = None) -> list[str]:
    if not reason or not reason.strip():
        raise InvalidInput(f"{action} needs a reason: give --reason")
    with app.transaction() as session:
        agreement = _locked(session, agreement_id)
        p = parties_of(session, agreement.participation_id)
        number = number_of(p, agreement)
        by, by_line = None, ""
        if signer_email is not None:
            sig, by = signer(session, agreement, signer_email)
            if sig.status != S.PENDING or sig.asked_at is None:
                raise IllegalTransition(f"{by.name} has no pending request to sign "
                                        f"agreement #{agreement_id}")
            SIGNATURE.advance(sig, S.DECLINED, what=f"signature of {by.name}")
            sig.reason = reason
            by_line = f"{by.name} ({p.sides[sig.position - 1].navn})"
        AGREEMENT.advance(agreement, target, what=f"agreement #{agreement_id}")
        agreement.status_reason = reason
        audit.record(session, actor=app.actor, action=f"agreement.{target.value}",
                     subject=f"agreement:{agreement_id}",
                     data={"reason": reason, "signer": by.email if by else None})
        keys = []
        for c in _told_about_end(session, agreement, p, target):
            if by is not None:
                subject, body = messages.declined(navn=c.name, nummer=number,
                                                  avslaatt_av=by_line, grunn=reason)
            else:
                subject, body = messages.withdrawn(navn=c.name, nummer=number, grunn=reason)
            key = f"agreement:{agreement_id}:{target.value}:{c.email}"
            to = queue.address(c.name, c.email)
            queue.enqueue(app, session, queue.Mail(key, to, subject, body))
            keys.append(key)
        return keys


def _told_about_end(session: Session, agreement: Agreement, p: Parties,
                    target: A) -> list[Contact]:
    if target is A.WITHDRAWN:  # only those who were asked to sign
        asked = [session.get(Contact, s.contact_id) for s in signatures(session, agreement.id or 0)
                 if s.asked_at is not None]
        return [c for c in asked if c is not None]
    return notify_list(session, p.org, p.organiser)


def decline(app: App, agreement_id: int, signer_email: str, reason: str) -> list[str]:
    """A signer declines: the agreement ends and both parties are told."""
    return _end(app, agreement_id, A.DECLINED, "declining", reason, signer_email)


def withdraw(app: App, agreement_id: int, reason: str) -> list[str]:
    """The organiser withdraws an agreement not yet signed by all; those asked are told."""
    return _end(app, agreement_id, A.WITHDRAWN, "withdrawing", reason)


def lapse(app: App, agreement_id: int) -> list[str]:
    """The signing deadline has passed: the agreement and its pending signatures lapse."""
    today = app.clock.today()
    with app.transaction() as session:
        agreement = _locked(session, agreement_id)
        deadline = agreement.signing_deadline
        if agreement.status not in SIGNABLE or deadline is None or deadline >= today:
            return []  # another run got here first, or nothing is due
        AGREEMENT.advance(agreement, A.LAPSED, what=f"agreement #{agreement_id}")
        agreement.status_reason = f"signing deadline {deadline.isoformat()} passed"
        for sig in signatures(session, agreement_id):
            if sig.status == S.PENDING:
                SIGNATURE.advance(sig, S.LAPSED, what="signature")
        p = parties_of(session, agreement.participation_id)
        audit.record(session, actor=app.actor, action="agreement.lapsed",
                     subject=f"agreement:{agreement_id}", data={"deadline": deadline.isoformat()})
        keys = []
        for c in notify_list(session, p.org, p.organiser):
            subject, body = messages.lapsed(navn=c.name, nummer=number_of(p, agreement),
                                            frist=norsk_dato(deadline))
            key = f"agreement:{agreement_id}:lapsed:{c.email}"
            to = queue.address(c.name, c.email)
            queue.enqueue(app, session, queue.Mail(key, to, subject, body))
            keys.append(key)
        return keys
