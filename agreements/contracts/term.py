"""The end of an agreement in force: its term runs out with no renewal in force (`expire`),
or the organiser ends it on purpose (`terminate`). Either way the organisation's signatory
and PJD lead hear it from the organiser, the organiser's coordinators from avtaleflyt, and
Norsk helsenett (where its e-mail channel is set and the organisation has ordered) for its
information. avtaleflyt stops nothing at NHN: the organiser decides about the sharing, and
the organisation's phase stops saying «I drift» (`readiness.gates.phase`).

Each runs in the caller's transaction with the agreement locked, and returns the keys of
the messages it queued."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements import links
from agreements.contracts import ending, term_text
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import Parties, contacts_of, coordinators, parties_of, sender
from agreements.contracts.signatures import locked_agreement
from agreements.core import audit
from agreements.core.calendar import norsk_dato
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import ContactRole, OrderStatus
from agreements.core.lifecycle import AGREEMENT, IN_FORCE, IN_PLAY, values
from agreements.core.models import Agreement, NhnOrder
from agreements.core.orders import covering
from agreements.errorcodes import Code
from agreements.errors import IllegalTransition, Refused
from agreements.outbox import queue

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.signing.provider import Signs


def renewal_of(session: Session, agreement: Agreement) -> Agreement | None:
    """The renewal of `agreement` still in play (a draft, out for signing, or signed)."""
    return session.exec(select(Agreement).where(
        Agreement.supersedes_id == agreement.id,
        col(Agreement.status).in_(values(IN_PLAY))).order_by(col(Agreement.id).desc())).first()


def in_force_now(session: Session, participation_id: int) -> Agreement | None:
    """The participation's agreement in force today (active), if any (never its annex)."""
    return session.exec(select(Agreement).where(
        Agreement.participation_id == participation_id, Agreement.kind == "agreement",
        Agreement.status == A.ACTIVE.value).order_by(col(Agreement.id).desc())).first()


def expire(work: Work, session: Session, agreement: Agreement) -> list[str]:
    """The term ran out (`expires_on` was its last day) with no signed renewal: expired."""
    aid, last = agreement.id or 0, agreement.expires_on
    assert last is not None
    AGREEMENT.advance(agreement, A.EXPIRED, agreement=aid)
    agreement.status_reason = f"avtaleperioden endte {norsk_dato(last)} uten fornyelse i kraft"
    audit.record(session, actor=work.actor, action="agreement.expired",
                 subject=f"agreement:{aid}", data={"expires_on": last.isoformat()})
    p = parties_of(session, agreement.participation_id)
    renewal = renewal_of(session, agreement)
    renewing = number_of(p, renewal) if renewal and renewal.status != A.DRAFT else None
    nummer, utlopt = number_of(p, agreement), norsk_dato(last)
    keys = []
    for c in own_people(session, p):
        keys.append(_mail(work, session, f"agreement:{aid}:expired:{c.email}", c,
                          term_text.expired_to_organisation(
                              navn=c.name, nummer=nummer, virksomhet=p.org.navn,
                              organisator=p.organiser.navn, utlopt=utlopt,
                              fornyelse=renewing, fra=sender(session, p.organiser))))
    for c in organiser_people(session, p):
        keys.append(_mail(work, session, f"agreement:{aid}:expired:{c.email}", c,
                          term_text.expired_to_organiser(
                              navn=c.name, nummer=nummer, virksomhet=p.org.navn,
                              utlopt=utlopt, fornyelse=renewing,
                              lenke=links.agreement(work.settings, aid))))
    keys += tell_nhn(work, session, p, agreement, "expired", last + timedelta(days=1),
                     "utløpt uten å bli fornyet")
    return keys


def terminate(work: Signs, agreement_id: int, reason: str, on: date | None = None) -> list[str]:
    """The organiser ends an agreement in force from `on` (today when not given; not a day
    still to come, nor before it took effect). A renewal in play is withdrawn first (its
    e-signing job cancelled), a signed one waiting to take effect is terminated with it, and
    the follow-up makes no new one. Both parties and NHN are told."""
    ending.reason_given(reason, "terminating")
    day = on or work.clock.today()
    with work.transaction() as session:
        agreement = locked_agreement(session, agreement_id)
        if not AGREEMENT.can(agreement.status, A.TERMINATED):
            raise IllegalTransition(Code.AGREEMENT_CANNOT_MOVE, agreement=agreement_id,
                                    current=agreement.status, target=A.TERMINATED.value)
        if day > work.clock.today():
            raise Refused(Code.TERMINATION_NOT_YET, agreement=agreement_id, day=day)
        if agreement.effective_on and day < agreement.effective_on:
            raise Refused(Code.TERMINATION_BEFORE_START, agreement=agreement_id, day=day,
                          start=agreement.effective_on)
        renewal = renewal_of(session, agreement)
        p = parties_of(session, agreement.participation_id)
        why = f"avtale {number_of(p, agreement)} er sagt opp: {reason}"
    keys = []
    if renewal is not None and renewal.status not in values(IN_FORCE):
        keys += ending.withdraw(work, renewal.id or 0, why)
    with work.transaction() as session:
        agreement = locked_agreement(session, agreement_id)
        for ended in (agreement, renewal_of(session, agreement)):
            if ended is not None:
                _terminated(work, session, ended, day, reason)
        keys += _tell_terminated(work, session, agreement, day, reason)
    return keys


def _terminated(work: Work, session: Session, agreement: Agreement, day: date,
                reason: str) -> None:
    AGREEMENT.advance(agreement, A.TERMINATED, agreement=agreement.id)
    agreement.status_reason = f"sagt opp fra {norsk_dato(day)}: {reason}"
    audit.record(session, actor=work.actor, action="agreement.terminated",
                 subject=f"agreement:{agreement.id}",
                 data={"reason": reason, "from": day.isoformat()})


def _tell_terminated(work: Work, session: Session, agreement: Agreement, day: date,
                     reason: str) -> list[str]:
    p = parties_of(session, agreement.participation_id)
    aid, keys = agreement.id or 0, []
    for organiser_side, people in ((False, own_people(session, p)),
                                   (True, organiser_people(session, p))):
        for c in people:
            keys.append(_mail(work, session, f"agreement:{aid}:terminated:{c.email}", c,
                              term_text.terminated(
                                  navn=c.name, nummer=number_of(p, agreement),
                                  virksomhet=p.org.navn, organisator=p.organiser.navn,
                                  dato=norsk_dato(day), grunn=reason,
                                  organiser_side=organiser_side,
                                  fra=sender(session, p.organiser))))
    return keys + tell_nhn(work, session, p, agreement, "terminated", day, "sagt opp")


def own_people(session: Session, p: Parties) -> list[queue.Person]:
    """The organisation's signatories and PJD leads (coordinators), one per address."""
    found = {c.email.lower(): c for c in contacts_of(session, p.org)
             if c.role in (ContactRole.SIGNATORY, ContactRole.COORDINATOR)}
    return list(found.values())


def organiser_people(session: Session, p: Parties) -> list[queue.Person]:
    """The organiser's coordinators (or else its signatories)."""
    return list({c.email.lower(): c for c in coordinators(session, p.organiser)}.values())


def tell_nhn(work: Work, session: Session, p: Parties, agreement: Agreement, what: str,
             day: date, hvordan: str) -> list[str]:
    """Norsk helsenett, for its information, when NHN's e-mail address is set and the
    organisation has an order with NHN (sent or confirmed)."""
    ordered = session.exec(select(NhnOrder.id).where(
        covering([agreement.participation_id]),  # a kommune in both roles: the one order
        col(NhnOrder.status).in_([OrderStatus.SUBMITTED.value,
                                  OrderStatus.CONFIRMED.value]))).first()
    if not work.settings.nhn_email or ordered is None:
        return []
    key = f"agreement:{agreement.id}:{what}:nhn"
    subject, body = term_text.ended_to_nhn(
        nummer=number_of(p, agreement), virksomhet=p.org.navn, orgnr=p.org.orgnr,
        organisator=p.organiser.navn, dato=norsk_dato(day), hvordan=hvordan)
    queue.enqueue(work, session, queue.Mail(key, work.settings.nhn_email, subject, body))
    return [key]


def _mail(work: Work, session: Session, key: str, to: queue.Person,
          subject_body: tuple[str, str]) -> str:
    queue.mail_to(work, session, key, to, subject_body)
    return key
