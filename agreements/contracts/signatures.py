"""Recording signatures in order, each signed copy checked first (`checks`).

A signed copy is verified (`checks`) before anything is written: against the copy recorded
before it (the sent PDF for the first signer), with one new signature made with a certificate
that names the signatory (`identities`). Recording the last
signature completes the agreement and issues its certificate: the certificate is rendered and
converted with no transaction open, and the write transaction then re-checks, under the
agreement's lock, that nothing changed in between. Agreements out for e-signing get their
signatures from the provider's poll (`polling`), not from here. How an agreement ends
unsigned is `ending`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements.contracts import checks, completion, esigning, identities
from agreements.contracts.copies import latest_copy
from agreements.contracts.drafts import get_agreement, number_of
from agreements.contracts.parties import Parties, parties_of
from agreements.contracts.sending import ask_to_sign
from agreements.contracts.starting import signatures
from agreements.core import audit
from agreements.core.calendar import OSLO
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import SignatureStatus as S
from agreements.core.lifecycle import AGREEMENT, SIGNABLE, SIGNATURE
from agreements.core.models import Agreement, Contact, Document, Signature
from agreements.documents import store
from agreements.errorcodes import Code
from agreements.errors import IllegalTransition, InvalidInput, NotFound, Refused

if TYPE_CHECKING:
    from agreements.core.ports import Stores
    from agreements.documents.pdf import Converts


@dataclass(frozen=True)
class _Turn:
    """Whose signature is recorded, and whether it is the last one missing."""

    signature_id: int
    position: int
    completes: bool


def locked_agreement(session: Session, agreement_id: int) -> Agreement:
    found = locked(session, Agreement, agreement_id)
    if found is None:
        raise NotFound(Code.AGREEMENT_NOT_FOUND, agreement=agreement_id)
    return found


def signer(session: Session, agreement: Agreement, email: str) -> tuple[Signature, Contact]:
    found = []
    for sig in signatures(session, agreement.id or 0):
        contact = session.get(Contact, sig.contact_id)
        assert contact is not None
        found.append((sig, contact))
        if contact.email == email.strip().lower():
            return sig, contact
    if not found:
        raise NotFound(Code.NOT_A_SIGNER_UNSENT, email=email, agreement=agreement.id)
    raise NotFound(Code.NOT_A_SIGNER, email=email, agreement=agreement.id,
                   signers=[c.email for _, c in found])


def _turn(session: Session, agreement: Agreement, sig: Signature, contact: Contact,
          p: Parties, moment: datetime) -> _Turn:
    """Check that `sig` may be signed at `moment`, in order; raise naming why not."""
    aid = agreement.id
    if agreement.status not in SIGNABLE:
        raise IllegalTransition(Code.NOT_SIGNABLE, agreement=aid, status=agreement.status)
    if sig.status == S.SIGNED:
        raise IllegalTransition(Code.ALREADY_SIGNED, name=contact.name, agreement=aid)
    others = [s for s in signatures(session, aid or 0) if s.id != sig.id]
    waiting = [s for s in others if s.position < sig.position and s.status != S.SIGNED]
    if waiting:
        first = p.sides[waiting[0].position - 1]
        raise IllegalTransition(Code.SIGNS_AFTER, party=p.sides[sig.position - 1].navn,
                                first=first.navn, agreement=aid)
    if sig.asked_at and moment < sig.asked_at:
        raise InvalidInput(Code.SIGNED_BEFORE_ASKED, name=contact.name,
                           asked=f"{sig.asked_at.astimezone(OSLO):%Y-%m-%d %H:%M}")
    return _Turn(sig.id or 0, sig.position, all(s.status == S.SIGNED for s in others))


def by_hand(session: Session, agreement: Agreement, what: str) -> None:
    """Refuse recording by hand what the signing provider reports for an e-signed agreement."""
    if esigning.in_service(session, agreement.id or 0):
        raise Refused(Code.SIGNED_IN_SERVICE, agreement=agreement.id, what=what)


@dataclass(frozen=True)
class _Copy:
    """What a returned copy is checked against, read before it is checked."""

    number: str
    sent: Document | None
    previous: tuple[Document, str] | None  # the copy recorded before, and who signed it
    who: identities.Known


def check_copy(work: Stores, agreement_id: int, signer_email: str, data: bytes, moment: datetime,
               unverified_reason: str | None, accept_signer: str | None) -> checks.Checked:
    """Verify a returned copy against what was sent and signed before, and whom its
    certificate names (or accept a paper signature, with the operator's reason); refused
    with the reason that matters most, before anything is written."""
    checks.require_pdf(data)
    with work.transaction() as session:
        agreement = get_agreement(session, agreement_id)
        by_hand(session, agreement, "signatures")
        sig, contact = signer(session, agreement, signer_email)
        p = parties_of(session, agreement.participation_id)
        _turn(session, agreement, sig, contact, p, moment)
        if unverified_reason is not None:
            return checks.paper(unverified_reason)
        sent = session.get(Document, agreement.pdf_id) if agreement.pdf_id else None
        copy = _Copy(number_of(p, agreement), sent, latest_copy(session, sig),
                     identities.known(session, sig, contact))
    sent_pdf = work.documents.read(copy.sent) if copy.sent else None
    previous = ((work.documents.read(copy.previous[0]), copy.previous[1]) if copy.previous
                else None)
    return checks.check_copy(work, data, sent_pdf=sent_pdf, previous=previous,
                             number=copy.number,
                             sent_sha256=copy.sent.sha256 if copy.sent else None,
                             who=copy.who, accept=accept_signer)


def record_signature(work: Converts, agreement_id: int, signer_email: str, data: bytes,
                     at: datetime | None = None, unverified_reason: str | None = None,
                     accept_signer: str | None = None) -> list[str]:
    """Record a signature with its verified signed copy (or a paper signature with the reason
    it is accepted unverified); ask the next signer, or complete. Returns the mail keys.
    `accept_signer` is a coordinator's reason to accept a certificate naming someone else."""
    moment = at or work.clock.now()
    if moment > work.clock.now():
        raise InvalidInput(Code.SIGNED_IN_FUTURE)
    check = check_copy(work, agreement_id, signer_email, data, moment, unverified_reason,
                       accept_signer)
    new = completion.NewSignature(moment, store.sha256(data), check)
    with work.transaction() as session:
        agreement = locked_agreement(session, agreement_id)
        by_hand(session, agreement, "signatures")
        sig, contact = signer(session, agreement, signer_email)
        p = parties_of(session, agreement.participation_id)
        turn = _turn(session, agreement, sig, contact, p, moment)
        plan = (completion.plan(work, session, agreement, p, {sig.id or 0: new})
                if turn.completes else None)
    certificate = completion.render(work, plan) if plan else None
    with work.transaction() as session:
        agreement = locked_agreement(session, agreement_id)
        sig, contact = signer(session, agreement, signer_email)
        if _turn(session, agreement, sig, contact, p, moment) != turn:
            raise Refused(Code.CHANGED_WHILE_SIGNING, agreement=agreement_id)
        SIGNATURE.advance(sig, S.SIGNED)
        doc = work.documents.put(session, kind="signed_copy", folder="signed",
                                 name=f"{number_of(p, agreement)}-signert-{sig.position}.pdf",
                                 data=data)
        sig.document_id, sig.signed_at = doc.id, moment
        session.add(check.row(work, doc.id or 0, agreement_id, sig.id))
        audit.record(session, actor=work.actor, action="agreement.signed_by",
                     subject=f"agreement:{agreement_id}",
                     data={"signer": contact.email, "position": sig.position,
                           "at": moment.isoformat(), "sha256": doc.sha256,
                           "check": checks.summary(check, contact.name),
                           "certificate": check.signer_name,
                           "accepted_signer": check.accepted_reason})
        if certificate is None:
            later = [s for s in signatures(session, agreement_id) if s.status == S.PENDING]
            AGREEMENT.advance(agreement, A.PARTIALLY_SIGNED, agreement=agreement_id)
            later[0].asked_at = work.clock.now()
            return [ask_to_sign(work, session, agreement, p, later[0])]
        return completion.complete(work, session, agreement, p, moment, certificate)
