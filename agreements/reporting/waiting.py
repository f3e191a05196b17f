"""What a participation waits for and on whom, since when it is in its phase, and when it last
moved: derived from the rows of `views`.

Two views of the same question: `waiting` lists everything that stands between a participation
and go-live (the portal's overview and status page); `next_step` names only the first open step
with the day it began (the rollout report's "what, on whom, how many working days").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from agreements import reference
from agreements.core.calendar import OSLO, working_days_between
from agreements.core.enums import (
    AgreementStatus,
    ItemStatus,
    OrderStatus,
    Phase,
    Role,
    SignatureStatus,
    TermsStatus,
)
from agreements.core.lifecycle import IN_FORCE, IN_PLAY, OUT_FOR_SIGNING, values
from agreements.core.models import Agreement, Contact, NhnOrder, Organisation, Signature
from agreements.readiness.gates import phase
from agreements.reporting.annexstep import annex_step, last_gates
from agreements.reporting.labels import AGREEMENT
from agreements.reporting.views import Row

NHN = "Norsk helsenett"
NHN_SF = "Norsk helsenett SF"


@dataclass(frozen=True)
class Signer:
    """One signature of the governing agreement, with the signer's name and party."""

    position: int
    status: str
    name: str
    email: str
    party: str
    organisation_id: int
    signed_at: datetime | None


@dataclass(frozen=True)
class Waiting:
    """One thing the participation waits for (`what`), and on whom (`who`); `own` when it is
    the organisation itself that must act; `concerns` says which part of the onboarding."""

    what: str
    who: str
    own: bool
    concerns: str  # agreement | annex | nhn | checklist | golive


def _day(moment: datetime | date | None) -> date | None:
    if isinstance(moment, datetime):
        return moment.astimezone(OSLO).date()
    return moment


def _mandatory() -> set[str]:
    return {p.key for p in reference.processes() if p.mandatory}


def waiting(r: Row, signers: list[Signer], *, after_agreement: bool = False,
            signatory: bool = True) -> list[Waiting]:
    """Everything that stands between the participation and go-live, in the usual order.

    A kilde may order from NHN before its agreement is signed unless `after_agreement` (the
    AVTALEFLYT_ORDER_AFTER_AGREEMENT setting) says it must wait for the agreement. A kilde
    without a signatory (`signatory` False) whose agreement is not out yet waits for its own
    signatory first: nobody can send it the agreement before."""
    live = r.participation.live_on is not None
    if live and phase(r.snapshot) is Phase.LIVE:
        return []
    org, found = r.organisation.navn, []
    organiser = r.organiser.navn if r.organiser else "organisator"
    a, o = r.agreement, r.order
    kilde = r.participation.role == Role.KILDE
    unsent = a is None or a.status not in IN_PLAY or a.status == AgreementStatus.DRAFT
    if kilde and unsent and not signatory:
        found.append(Waiting("en signatar for samarbeidsavtalen registreres", org, True,
                             "agreement"))
    elif kilde and (a is None or a.status not in IN_PLAY):
        found.append(Waiting("ny samarbeidsavtale lages", organiser, False, "agreement"))
    elif kilde and a is not None and a.status == AgreementStatus.DRAFT:
        found.append(Waiting("avtalen sendes til signering", organiser, False, "agreement"))
    elif kilde and a is not None and a.status in OUT_FOR_SIGNING:
        pending = [s for s in signers if s.status == SignatureStatus.PENDING]
        if pending:
            s = pending[0]
            found.append(Waiting(f"signatur fra {s.name}", s.party,
                                 s.organisation_id == r.organisation.id, "agreement"))
    if live:  # its agreement ended: only a new one stands between it and «I drift» again
        return found
    if kilde and (step := annex_step(r, org, organiser)):
        found.append(Waiting(*step, "annex"))
    if not kilde or not after_agreement or o is not None or (a is not None
                                                               and a.status in IN_FORCE):
        found += _nhn(o, org)
    items = [i for i in r.items if i.occurrence == ""]
    mandatory = _mandatory()
    open_items = [i for i in items if i.status == ItemStatus.OPEN and i.process_key in mandatory]
    if open_items:
        n = len(open_items)
        found.append(Waiting(f"{n} {'punkt' if n == 1 else 'punkter'} i sjekklisten", org, True,
                             "checklist"))
    if unreviewed := r.snapshot.unreviewed:  # what the catalogue marks for review (a gate)
        found.append(Waiting(f"gjennomgang av dokumentasjon ({len(unreviewed)})", organiser,
                             False, "checklist"))
    if not found and phase(r.snapshot) is Phase.READY:
        found.append(Waiting("oppstart", organiser if r.organiser else org,
                             r.organiser is None, "golive"))
    return found


def _nhn(o: NhnOrder | None, org: str) -> list[Waiting]:
    if o is None:
        return [Waiting("bestilling hos Norsk helsenett", org, True, "nhn")]
    if o.status == OrderStatus.PREPARED:
        return [Waiting("bestillingen sendes til Norsk helsenett", "avtaleflyt", False, "nhn")]
    if o.status == OrderStatus.SUBMITTED:
        return [Waiting("bekreftelse av bestillingen", NHN, False, "nhn")]
    if o.status == OrderStatus.REJECTED:
        return [Waiting("ny bestilling (Norsk helsenett avviste den forrige)", org, True, "nhn")]
    if o.terms_status == TermsStatus.AWAITING_LINK:
        return [Waiting("lenke til NHNs bruksvilkår", NHN, False, "nhn")]
    if o.terms_status == TermsStatus.LINK_RECEIVED:
        return [Waiting("signering av NHNs bruksvilkår", org, True, "nhn")]
    return []


def phase_since(r: Row) -> date:
    """The day the participation entered its current phase (as far as the records tell)."""
    a, o, p = r.agreement, r.order, r.participation
    current = phase(r.snapshot)
    found: date | None = None
    if current is Phase.LIVE:
        found = p.live_on
    elif current is Phase.AWAITING_SIGNATURES and a is not None:
        found = _day(a.sent_at)
    elif current is Phase.AWAITING_NHN and o is not None:
        found = _day(o.submitted_at if o.status == OrderStatus.SUBMITTED else o.decided_at)
    else:
        mandatory = _mandatory()
        moments = [a.signed_at if a else None, o.decided_at if o else None,
                   o.terms_signed_at if o else None]
        if current is Phase.READY:
            moments += [i.done_at for i in r.items if i.process_key in mandatory]
        found = max((d for d in map(_day, moments) if d), default=None)
    return max(found or p.registered_on, p.registered_on)


def last_progress(r: Row, signers: list[Signer]) -> date:
    """The last day anything moved: a registration, signature, order step or checklist item."""
    a, o, p = r.agreement, r.order, r.participation
    moments: list[datetime | date | None] = [p.registered_on, p.live_on]
    if a is not None:
        moments += [a.created_at, a.sent_at, a.signed_at]
    if o is not None:
        moments += [o.prepared_at, o.submitted_at, o.decided_at, o.terms_link_at,
                    o.terms_signed_at]
    moments += [s.signed_at for s in signers]
    moments += [i.done_at for i in r.items] + [i.reviewed_at for i in r.items]
    return max(d for d in map(_day, moments) if d)


@dataclass(frozen=True)
class Asked:
    """The signatory an agreement out for signing waits for, and since when."""

    navn: str
    part: str
    asked_on: date


@dataclass(frozen=True)
class Step:
    """The first open step (bokmål, empty when live), on whom, since when."""

    what: str
    on: str
    since: date | None

    def working_days(self, today: date) -> int | None:
        return working_days_between(self.since, today) if self.since else None


def pending_signers(session: Session) -> dict[int, Asked]:
    """Agreement id → the signatory asked and not yet signed, for agreements out for signing."""
    found = session.exec(
        select(Signature, Contact, Organisation)
        .join(Contact, col(Contact.id) == Signature.contact_id)
        .join(Organisation, col(Organisation.id) == Signature.organisation_id)
        .join(Agreement, col(Agreement.id) == Signature.agreement_id)
        .where(Signature.status == "pending", col(Signature.asked_at).is_not(None),
               col(Agreement.status).in_(values(OUT_FOR_SIGNING))))
    return {s.agreement_id: Asked(c.name, o.navn, _day(s.asked_at) or date.min)
            for s, c, o in found}


def next_step(r: Row, signer: Asked | None, *, signatory: bool = True) -> Step:
    """The first open step of the participation, in the order steps are usually taken; the
    first real blocker: a kilde without a signatory (`signatory` False) waits for its own."""
    p, org, a, o = r.participation, r.organisation, r.agreement, r.order
    if p.live_on:
        return Step("", "", None)
    organiser = r.organiser.navn if r.organiser else ""
    if p.role == Role.KILDE:
        unsent = a is None or a.status not in (*OUT_FOR_SIGNING, *IN_FORCE)
        if unsent and not signatory:
            return Step("Signatar for avtalen registreres", org.navn, p.registered_on)
        if a is None or a.status not in (AgreementStatus.DRAFT, *OUT_FOR_SIGNING, *IN_FORCE):
            ended = f" (forrige {AGREEMENT.get(a.status, a.status)})" if a else ""
            return Step(f"Avtale lages{ended}", organiser, p.registered_on)
        if a.status == AgreementStatus.DRAFT:
            return Step("Avtalen sendes til signering", organiser, _day(a.created_at))
        if a.status in OUT_FOR_SIGNING:
            if signer:
                return Step("Signatur", f"{signer.navn} ({signer.part})", signer.asked_on)
            return Step("Signatur", organiser, _day(a.sent_at))
    agreed = _day(a.signed_at) if a else None
    if o is None:
        return Step("Bestilling til NHN", org.navn, agreed or p.registered_on)
    if o.status == OrderStatus.PREPARED:
        return Step("Bestillingen sendes (utboks)", "avtaleflyt", _day(o.prepared_at))
    if o.status == OrderStatus.SUBMITTED:
        return Step("Bekreftelse fra NHN", NHN_SF, _day(o.submitted_at))
    if o.status == OrderStatus.REJECTED:
        return Step("Ny bestilling etter avslag", org.navn, _day(o.decided_at))
    if o.terms_status != TermsStatus.SIGNED:
        return Step("NHNs bruksvilkår signeres", org.navn,
                       _day(o.terms_link_at or o.decided_at))
    if r.open_mandatory:  # the checklist was opened at registration
        first = r.open_mandatory[0]
        more = f" og {len(r.open_mandatory) - 1} til" if len(r.open_mandatory) > 1 else ""
        return Step(f"Sjekkliste: {first}{more}", org.navn, p.registered_on)
    if last := last_gates(r, org.navn, organiser):
        return Step(*last, _day(r.annex.sent_at) if r.annex and r.annex.sent_at else agreed)
    return Step("Produksjonssetting", org.navn, _day(o.terms_signed_at) or agreed)
