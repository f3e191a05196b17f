"""How an agreement ends unsigned: a signer declines, the organiser withdraws it, or its
signing deadline passes. An agreement out for e-signing has its job cancelled at the provider
first; the provider's own reports of a decline or expiry end it the same way (`changes`)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements import messages
from agreements.contracts import esigning
from agreements.contracts.drafts import number_of, renewal_note
from agreements.contracts.parties import Parties, notify_list, parties_of, signer_for
from agreements.contracts.signatures import by_hand, locked_agreement, signer
from agreements.contracts.starting import signatures
from agreements.contracts.term_text import as_renewal
from agreements.core import audit
from agreements.core.calendar import OSLO, norsk_dato
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import SignatureStatus as S
from agreements.core.enums import SigningJobStatus
from agreements.core.lifecycle import AGREEMENT, SIGNABLE, SIGNATURE
from agreements.core.models import Agreement, Contact, Signature
from agreements.errorcodes import Code
from agreements.errors import IllegalTransition, InvalidInput
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.signing.provider import Signs


def end(work: Work, session: Session, agreement: Agreement, target: A, reason: str,
        declined_by: Signature | None = None) -> list[str]:
    """End an unsigned agreement in the caller's transaction (the agreement locked): declined
    by a signer (both parties told) or withdrawn (those asked told). Returns the mail keys."""
    aid = agreement.id or 0
    p = parties_of(session, agreement.participation_id)
    by, by_line = None, ""
    if declined_by is not None:
        by = session.get(Contact, declined_by.contact_id)
        assert by is not None
        SIGNATURE.advance(declined_by, S.DECLINED)
        declined_by.reason = reason
        by_line = f"{by.name} ({p.sides[declined_by.position - 1].navn})"
    AGREEMENT.advance(agreement, target, agreement=aid)
    agreement.status_reason = reason
    esigning.close(session, aid, SigningJobStatus.CANCELLED)
    audit.record(session, actor=work.actor, action=f"agreement.{target.value}",
                 subject=f"agreement:{aid}", data={"reason": reason,
                                                   "signer": by.email if by else None})
    keys = []
    for c in _told_about_end(session, agreement, p, target):
        if by is not None:
            subject, body = messages.declined(navn=c.name, nummer=number_of(p, agreement),
                                              avslaatt_av=by_line, grunn=reason,
                                              fra=signer_for(session, p, c))
        else:
            subject, body = messages.withdrawn(navn=c.name, nummer=number_of(p, agreement),
                                               grunn=reason, fra=signer_for(session, p, c))
        key = f"agreement:{aid}:{target.value}:{c.email}"
        queue.mail_to(work, session, key, c, (subject, body))
        keys.append(key)
    return keys


def _told_about_end(session: Session, agreement: Agreement, p: Parties,
                    target: A) -> list[Contact]:
    if target is A.WITHDRAWN:  # only those who were asked to sign
        asked = [session.get(Contact, s.contact_id) for s in signatures(session, agreement.id or 0)
                 if s.asked_at is not None]
        return [c for c in asked if c is not None]
    return notify_list(session, p.org, p.organiser)


def reason_given(reason: str, action: str) -> str:
    if not reason or not reason.strip():
        raise InvalidInput(Code.REASON_NEEDED, action=action)
    return reason


def decline(work: Work, agreement_id: int, signer_email: str, reason: str) -> list[str]:
    """A signer declines: the agreement ends and both parties are told."""
    reason_given(reason, "declining")
    with work.transaction() as session:
        agreement = locked_agreement(session, agreement_id)
        by_hand(session, agreement, "declines")
        sig, by = signer(session, agreement, signer_email)
        if sig.status != S.PENDING or sig.asked_at is None:
            raise IllegalTransition(Code.NOT_ASKED_TO_SIGN, name=by.name, agreement=agreement_id)
        return end(work, session, agreement, A.DECLINED, reason, sig)


def withdraw(work: Signs, agreement_id: int, reason: str) -> list[str]:
    """The organiser withdraws an agreement not yet signed by all; those asked are told.
    An e-signing job is cancelled at the provider first."""
    reason_given(reason, "withdrawing")
    esigning.cancel(work, agreement_id, reason)
    with work.transaction() as session:
        agreement = locked_agreement(session, agreement_id)
        return end(work, session, agreement, A.WITHDRAWN, reason)


def lapse(work: Signs, agreement_id: int) -> list[str]:
    """The signing deadline has passed: the agreement and its pending signatures lapse."""
    today = work.clock.today()
    with work.transaction() as session:
        agreement = locked_agreement(session, agreement_id)
        deadline = agreement.signing_deadline
        due = agreement.status in SIGNABLE and deadline is not None and deadline < today
    if not due:
        return []  # another run got here first, or nothing is due
    # Posten counts the deadline per signer in turn, so its job may outlive ours: cancel it.
    esigning.cancel(work, agreement_id, "signeringsfristen gikk ut")
    with work.transaction() as session:
        agreement = locked_agreement(session, agreement_id)
        return lapsed(work, session, agreement) if agreement.status in SIGNABLE else []


def lapsed(work: Work, session: Session, agreement: Agreement,
           expired_at: datetime | None = None) -> list[str]:
    """The agreement and its pending signatures lapse, in the caller's transaction: the
    signing deadline passed here, or the signing service reports the job expired
    (`expired_at`), which is recorded as such."""
    aid, deadline = agreement.id or 0, agreement.signing_deadline
    assert deadline is not None
    AGREEMENT.advance(agreement, A.LAPSED, agreement=aid)
    esigning.close(session, aid, SigningJobStatus.FAILED)
    at = expired_at.astimezone(OSLO) if expired_at else None
    agreement.status_reason = (  # told to the parties, as every reason, in bokmål
        f"utløpt i Posten signering {norsk_dato(at.date())} kl. {at:%H:%M}" if at
        else f"signeringsfristen {norsk_dato(deadline)} gikk ut")
    for sig in signatures(session, aid):
        if sig.status == S.PENDING:
            SIGNATURE.advance(sig, S.LAPSED)
    p = parties_of(session, agreement.participation_id)
    audit.record(session, actor=work.actor, action="agreement.lapsed",
                 subject=f"agreement:{aid}",
                 data={"deadline": deadline.isoformat(),
                       "expired_in_service": expired_at.isoformat() if expired_at else None})
    keys, note = [], renewal_note(session, p, agreement)
    for c in notify_list(session, p.org, p.organiser):
        subject, body = as_renewal(messages.lapsed(
            navn=c.name, nummer=number_of(p, agreement), frist=norsk_dato(deadline),
            fra=signer_for(session, p, c)), note)
        key = f"agreement:{aid}:lapsed:{c.email}"
        queue.mail_to(work, session, key, c, (subject, body))
        keys.append(key)
    return keys
