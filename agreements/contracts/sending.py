"""Sending a draft for signing: one signature per party in signing order (the organisation,
then the organiser), and the first signer asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements import messages
from agreements.contracts.drafts import get_agreement, number_of, sent_documents
from agreements.contracts.parties import Parties, contacts_of, parties_of, return_address
from agreements.core import audit
from agreements.core.calendar import add_working_days, norsk_dato
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus, ContactRole, SignatureStatus
from agreements.core.lifecycle import AGREEMENT
from agreements.core.models import Agreement, Contact, Signature
from agreements.errors import MissingSignatory
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.app import App


def signatures(session: Session, agreement_id: int) -> list[Signature]:
    return list(session.exec(select(Signature).where(Signature.agreement_id == agreement_id)
                             .order_by(col(Signature.position))))


def send(app: App, agreement_id: int) -> list[str]:
    """Send a draft for signing: signatures in order, the first signer asked. Returns mail keys."""
    with app.transaction() as session:
        locked(session, Agreement, agreement_id)
        agreement = get_agreement(session, agreement_id)
        p = parties_of(session, agreement.participation_id)
        signers = [contacts_of(session, side, ContactRole.SIGNATORY) for side in p.sides]
        lacking = [side.navn for side, found in zip(p.sides, signers, strict=True) if not found]
        if lacking:
            raise MissingSignatory(
                f"agreement #{agreement_id} cannot be sent: no signatory registered for "
                f"{' and '.join(lacking)} (add one with `avtaleflyt org contact add ORGNR "
                "--role signatory …`)", lacking)
        AGREEMENT.advance(agreement, AgreementStatus.SENT, what=f"agreement #{agreement_id}")
        today = app.clock.today()
        agreement.sent_at = app.clock.now()
        agreement.signing_deadline = add_working_days(today, app.settings.signing_deadline_days)
        for position, (side, found) in enumerate(zip(p.sides, signers, strict=True), start=1):
            session.add(Signature(agreement_id=agreement_id, position=position,
                                  organisation_id=side.id or 0, contact_id=found[0].id or 0,
                                  status=SignatureStatus.PENDING))
        session.flush()
        first = signatures(session, agreement_id)[0]
        first.asked_at = agreement.sent_at
        key = ask_to_sign(app, session, agreement, p, first)
        audit.record(session, actor=app.actor, action="agreement.sent",
                     subject=f"agreement:{agreement_id}",
                     data={"deadline": agreement.signing_deadline.isoformat(),
                           "signers": [s[0].email for s in signers]})
    return [key]


def ask_to_sign(app: App, session: Session, agreement: Agreement, p: Parties,
                signature: Signature) -> str:
    """Queue the request to sign for `signature`'s signer; returns its outbox key."""
    contact = session.get(Contact, signature.contact_id)
    assert contact is not None and agreement.signing_deadline is not None
    later = [s for s in signatures(session, agreement.id or 0) if s.position > signature.position]
    attached = sent_documents(session, agreement)
    back = return_address(session, p.organiser, app.settings.mail_from)
    subject, body = messages.signature_request(
        navn=contact.name, part=p.sides[signature.position - 1].navn,
        nummer=number_of(p, agreement), virksomhet=p.org.navn, organisator=p.organiser.navn,
        frist=norsk_dato(agreement.signing_deadline), returner_til=back,
        neste=p.organiser.navn if later else None,
        vedlegg=attached[0].path.rsplit("/", 1)[-1] if attached else "-")
    key = f"agreement:{agreement.id}:signature:{signature.id}:request"
    queue.enqueue(app, session, queue.Mail(
        key=key, to=queue.address(contact.name, contact.email), subject=subject, body=body,
        attachments=[d.id or 0 for d in attached], reply_to=back))
    return key
