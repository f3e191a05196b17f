"""What a participation waits for and on whom, since when it is in its phase, and when it last
moved: derived from the rows of `views` (pure functions of a Row, its signatures and today)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from agreements import reference
from agreements.core.calendar import OSLO
from agreements.core.enums import (
    AgreementStatus,
    ItemStatus,
    OrderStatus,
    Phase,
    Role,
    SignatureStatus,
    TermsStatus,
)
from agreements.core.lifecycle import IN_FORCE, IN_PLAY, OUT_FOR_SIGNING
from agreements.core.models import NhnOrder
from agreements.readiness.gates import phase
from agreements.reporting.views import Row

NHN = "Norsk helsenett"


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
    concerns: str  # agreement | nhn | checklist | golive

def _day(moment: datetime | date | None) -> date | None:
    if isinstance(moment, datetime):
        return moment.astimezone(OSLO).date()
    return moment


def _mandatory() -> set[str]:
    return {p.key for p in reference.processes() if p.mandatory}


def waiting(r: Row, signers: list[Signer]) -> list[Waiting]:
    """Everything that stands between the participation and go-live, in the usual order."""
    if r.participation.live_on:
        return []
    org, found = r.organisation.navn, []
    organiser = r.organiser.navn if r.organiser else "organisator"
    a, o = r.agreement, r.order
    kilde = r.participation.role == Role.KILDE
    if kilde and (a is None or a.status not in IN_PLAY):
        found.append(Waiting("ny samarbeidsavtale lages", organiser, False, "agreement"))
    elif kilde and a is not None and a.status == AgreementStatus.DRAFT:
        found.append(Waiting("avtalen sendes til signering", organiser, False, "agreement"))
    elif kilde and a is not None and a.status in OUT_FOR_SIGNING:
        pending = [s for s in signers if s.status == SignatureStatus.PENDING]
        if pending:
            s = pending[0]
            found.append(Waiting(f"signatur fra {s.name}", s.party,
                                 s.organisation_id == r.organisation.id, "agreement"))
    if not kilde or (a is not None and a.status in IN_FORCE):
        found += _nhn(o, org)
    items = [i for i in r.items if i.occurrence == ""]
    mandatory = _mandatory()
    open_items = [i for i in items if i.status == ItemStatus.OPEN and i.process_key in mandatory]
    if open_items:
        found.append(Waiting(f"{len(open_items)} punkt(er) i sjekklisten", org, True, "checklist"))
    unreviewed = [i for i in items if i.status == ItemStatus.DONE and i.review_status is None]
    if unreviewed and r.organiser:
        found.append(Waiting(f"gjennomgang av dokumentasjon ({len(unreviewed)})", organiser,
                             False, "checklist"))
    if not found and phase(r.snapshot) is Phase.READY:
        found.append(Waiting("oppstart (go-live)", organiser if r.organiser else org,
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
