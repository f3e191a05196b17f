"""What each participation waits for, on whom, and since when: the report's question
"who is stuck on what". Pure but for `pending_signers`, which reads who is asked to sign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from agreements.core.calendar import OSLO, working_days_between
from agreements.core.enums import AgreementStatus, OrderStatus, Role, TermsStatus
from agreements.core.lifecycle import IN_FORCE, OUT_FOR_SIGNING, values
from agreements.core.models import Agreement, Contact, Organisation, Signature
from agreements.reporting.views import Row

NHN = "Norsk helsenett SF"


@dataclass(frozen=True)
class Signer:
    """The signatory an agreement out for signing waits for."""

    navn: str
    part: str
    asked_on: date


@dataclass(frozen=True)
class Waiting:
    what: str  # bokmål, empty when live
    on: str
    since: date | None

    def working_days(self, today: date) -> int | None:
        return working_days_between(self.since, today) if self.since else None


def _day(moment: datetime | None) -> date | None:
    return moment.astimezone(OSLO).date() if moment else None


def pending_signers(session: Session) -> dict[int, Signer]:
    """Agreement id → the signatory asked and not yet signed, for agreements out for signing."""
    found = session.exec(
        select(Signature, Contact, Organisation)
        .join(Contact, col(Contact.id) == Signature.contact_id)
        .join(Organisation, col(Organisation.id) == Signature.organisation_id)
        .join(Agreement, col(Agreement.id) == Signature.agreement_id)
        .where(Signature.status == "pending", col(Signature.asked_at).is_not(None),
               col(Agreement.status).in_(values(OUT_FOR_SIGNING))))
    return {s.agreement_id: Signer(c.name, o.navn, _day(s.asked_at) or date.min)
            for s, c, o in found}


def waiting(r: Row, signer: Signer | None) -> Waiting:
    """The first open step of the participation, in the order steps are usually taken."""
    p, org, a, o = r.participation, r.organisation, r.agreement, r.order
    if p.live_on:
        return Waiting("", "", None)
    organiser = r.organiser.navn if r.organiser else ""
    if p.role == Role.KILDE:
        if a is None or a.status not in (AgreementStatus.DRAFT, *OUT_FOR_SIGNING, *IN_FORCE):
            ended = f" (forrige {a.status})" if a else ""
            return Waiting(f"Avtale lages{ended}", organiser, p.registered_on)
        if a.status == AgreementStatus.DRAFT:
            return Waiting("Avtalen sendes til signering", organiser, _day(a.created_at))
        if a.status in OUT_FOR_SIGNING:
            if signer:
                return Waiting("Signatur", f"{signer.navn} ({signer.part})", signer.asked_on)
            return Waiting("Signatur", organiser, _day(a.sent_at))
    agreed = _day(a.signed_at) if a else None
    if o is None:
        return Waiting("Bestilling til NHN", org.navn, agreed or p.registered_on)
    if o.status == OrderStatus.PREPARED:
        return Waiting("Bestillingen sendes (utboks)", "avtaleflyt", _day(o.prepared_at))
    if o.status == OrderStatus.SUBMITTED:
        return Waiting("Bekreftelse fra NHN", NHN, _day(o.submitted_at))
    if o.status == OrderStatus.REJECTED:
        return Waiting("Ny bestilling etter avslag", org.navn, _day(o.decided_at))
    if o.terms_status != TermsStatus.SIGNED:
        return Waiting("NHNs bruksvilkår signeres", org.navn,
                       _day(o.terms_link_at or o.decided_at))
    if r.open_mandatory:  # the checklist was opened at registration
        first = r.open_mandatory[0]
        more = f" og {len(r.open_mandatory) - 1} til" if len(r.open_mandatory) > 1 else ""
        return Waiting(f"Sjekkliste: {first}{more}", org.navn, p.registered_on)
    return Waiting("Produksjonssetting", org.navn, _day(o.terms_signed_at) or agreed)
