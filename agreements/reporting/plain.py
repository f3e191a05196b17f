"""Where an organisation stands, in plain bokmål: its phase and what it means, each open
go-live gate, what it must do now and what it waits for, deadlines in Norwegian dates, and
whom at the organiser to contact. What the portal's status page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session

from agreements import reference
from agreements.contracts.parties import contacts_of
from agreements.core.calendar import norsk_dato
from agreements.core.enums import ContactRole, ItemStatus, OrderStatus, Role, TermsStatus
from agreements.core.lifecycle import IN_FORCE, IN_PLAY, OUT_FOR_SIGNING
from agreements.core.models import Organisation
from agreements.readiness.gates import Gate, Snapshot, annex_state, phase
from agreements.registry.routing import organiser_state
from agreements.reporting import labels
from agreements.reporting.overview import facts
from agreements.reporting.views import Row
from agreements.reporting.waiting import Signer, Waiting, waiting


@dataclass(frozen=True)
class Deadline:
    what: str
    day: date
    overdue: bool
    concerns: str = ""  # the to-do it belongs to: agreement | checklist ('' none)

    @property
    def norsk(self) -> str:
        return norsk_dato(self.day)


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    role: str


@dataclass
class Standing:
    """One participation of the organisation (most have one: kilde or konsument)."""

    role: str
    participation_id: int
    area: str | None
    organiser: str | None
    phase: str
    phase_nb: str
    means: str
    gates: list[str]
    todo: list[Waiting]
    awaiting: list[Waiting]
    deadlines: list[Deadline]
    ask: list[Person] = field(default_factory=list)
    agreement_id: int | None = None
    annex_id: int | None = None  # Vedlegg 1, with the document types it states
    annex_status: str | None = None
    document_types: list[tuple[str, str]] = field(default_factory=list)  # chosen
    live_on: date | None = None
    needs_agreement: bool = False  # a kilde with no agreement in play (none yet, or ended)
    organiser_state: str | None = None  # registry.confirm: proposed, confirmed or fixed
    due: dict[str, Deadline] = field(default_factory=dict)  # a to-do's deadline, by concern

    def due_of(self, w: Waiting) -> Deadline | None:
        """The deadline beside a to-do: the signing deadline for the agreement, the earliest
        open item's for the checklist."""
        return self.due.get(w.concerns)


def gates_nb(s: Snapshot, organiser: str | None) -> list[str]:
    """Each gate still open before go-live, in bokmål (the order of `readiness.gates`)."""
    found = []
    if s.role is Role.KILDE and s.agreement not in IN_FORCE:
        state = labels.of(labels.AGREEMENT, s.agreement) if s.agreement else "ingen avtale ennå"
        found.append(f"Samarbeidsavtalen med {organiser or 'organisator'} er ikke signert "
                     f"av begge parter (nå: {state})")
    elif s.role is Role.KILDE and s.agreement_open and not s.drafts_allowed:
        found.append(_first_up(labels.gate(Gate("settled", "; ".join(s.agreement_open)))))
    if s.role is Role.KILDE and (annex := annex_state(s)) != "signed":
        found.append(_first_up(labels.gate(Gate("annex", annex))))
    if s.order != OrderStatus.CONFIRMED:
        state = labels.of(labels.ORDER, s.order) if s.order else "ikke bestilt ennå"
        found.append(f"Bestillingen hos Norsk helsenett er ikke bekreftet (nå: {state})")
    if s.terms != TermsStatus.SIGNED:
        found.append("NHNs bruksvilkår er ikke signert")
    found += [f"Sjekklisten: {title}" for title in s.open_mandatory]
    found += [_first_up(labels.gate(Gate("review", title))) for title in s.unreviewed]
    return found


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def deadlines(r: Row, today: date) -> list[Deadline]:
    found = []
    a = r.agreement
    if a is not None and a.status in OUT_FOR_SIGNING and a.signing_deadline:
        found.append(Deadline("Frist for å signere samarbeidsavtalen", a.signing_deadline,
                              a.signing_deadline < today, "agreement"))
    for i in r.items:
        if i.status == ItemStatus.OPEN and i.due_on is not None:
            title = reference.process(i.process_key).title
            found.append(Deadline(f"Sjekklisten: {title}", i.due_on, i.due_on < today,
                                  "checklist"))
    if a is not None and a.status in IN_FORCE and a.expires_on:
        found.append(Deadline("Samarbeidsavtalen utløper", a.expires_on, False))
    return sorted(found, key=lambda d: d.day)


def standing_of(session: Session, r: Row, signers: list[Signer], today: date, *,
                after_agreement: bool = False) -> Standing:
    current = phase(r.snapshot).value
    things = waiting(r, signers, after_agreement=after_agreement,
                     signatory=bool(contacts_of(session, r.organisation, ContactRole.SIGNATORY)))
    ask = []
    if r.organiser is not None:
        chosen = (contacts_of(session, r.organiser, ContactRole.COORDINATOR)
                  or contacts_of(session, r.organiser, ContactRole.SIGNATORY))
        ask = [Person(c.name, c.email, labels.of(labels.CONTACT_ROLE, c.role)) for c in chosen]
    return Standing(
        role=r.participation.role, participation_id=r.participation.id or 0,
        area=r.area.name if r.area else None,
        organiser=r.organiser.navn if r.organiser else None, phase=current,
        phase_nb=labels.PHASE[current], means=labels.PHASE_MEANS[current],
        gates=[] if r.participation.live_on else gates_nb(
            r.snapshot, r.organiser.navn if r.organiser else None),
        todo=[w for w in things if w.own], awaiting=[w for w in things if not w.own],
        deadlines=(found := deadlines(r, today)), ask=ask,
        due={d.concerns: d for d in reversed(found) if d.concerns},  # the earliest wins
        agreement_id=r.agreement.id if r.agreement else None,
        annex_id=r.annex.id if r.annex else None,
        annex_status=labels.of(labels.AGREEMENT, r.annex.status) if r.annex else None,
        document_types=list(r.chosen_types), live_on=r.participation.live_on,
        organiser_state=organiser_state(r.organisation.kind, r.participation.area_id,
                                      r.participation.organiser_confirmed_at),
        needs_agreement=r.participation.role == Role.KILDE
        and (r.agreement is None or r.agreement.status not in IN_PLAY))  # ended, if live


def standing(session: Session, org: Organisation, today: date, *,
             after_agreement: bool = False) -> list[Standing]:
    """Every participation of the organisation, in plain words."""
    return [standing_of(session, r, s, today, after_agreement=after_agreement)
            for r, s in facts(session, [org.id or 0])]
