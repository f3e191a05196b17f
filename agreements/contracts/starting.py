"""Starting signing, whichever way the request goes out: who signs and by when, and the
agreement marked sent with one pending signature per signer (`sending` asks by e-mail,
`creating` makes the job at a remote provider)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements.contracts.parties import Parties, signatory_of
from agreements.core import audit
from agreements.core.calendar import add_working_days
from agreements.core.enums import AgreementStatus, SignatureStatus
from agreements.core.lifecycle import AGREEMENT
from agreements.core.models import Agreement, Contact, Signature
from agreements.errorcodes import Code
from agreements.errors import MissingSignatory

if TYPE_CHECKING:
    from agreements.core.ports import Work


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
    return start_all(work, session, agreement, people, until, **audited)[0]


def start_all(work: Work, session: Session, agreement: Agreement, people: list[Contact],
              until: date, **audited: object) -> list[Signature]:
    """`start`, returning every signature in signing order (the first one asked now)."""
    return start_many(work, session, [(agreement, people)], until, **audited)[0]


def start_many(work: Work, session: Session, started: list[tuple[Agreement, list[Contact]]],
               until: date, **audited: object) -> list[list[Signature]]:
    """`start_all` for several agreements (a batch's drafts), their signatures written in one
    flush; each agreement's signatures in signing order."""
    every: list[list[Signature]] = []
    for agreement, people in started:
        AGREEMENT.advance(agreement, AgreementStatus.SENT, agreement=agreement.id)
        agreement.sent_at, agreement.signing_deadline = work.clock.now(), until
        added = [Signature(agreement_id=agreement.id or 0, position=position,
                           organisation_id=contact.organisation_id, contact_id=contact.id or 0,
                           status=SignatureStatus.PENDING)
                 for position, contact in enumerate(people, start=1)]
        added[0].asked_at = agreement.sent_at  # written with the row, not by an UPDATE after it
        every.append(added)
    session.add_all([s for added in every for s in added])
    session.flush()
    for agreement, people in started:
        audit.record(session, actor=work.actor, action="agreement.sent",
                     subject=f"agreement:{agreement.id}",
                     data={"deadline": until.isoformat(), "signers": [c.email for c in people],
                           **audited})
    return every
