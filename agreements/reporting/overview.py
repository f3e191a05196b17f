"""An organiser's overview of its collaboration area: one line per participation with its
phase, days in the phase, what it waits for and on whom, and whether it is stuck (no progress
for `stuck_after` working days); filtered and sorted as the coordinator asks."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from agreements import reference
from agreements.core.calendar import OSLO, working_days_between
from agreements.core.enums import ItemStatus, Phase
from agreements.core.models import (
    ChecklistItem,
    Contact,
    Organisation,
    Participation,
    Signature,
)
from agreements.readiness.gates import phase
from agreements.reporting import baseline, flat, labels, views
from agreements.reporting.waiting import Signer, Waiting, last_progress, phase_since, waiting

PHASE_ORDER = {p.value: i for i, p in enumerate(Phase)}


@dataclass(frozen=True)
class Line:
    orgnr: str
    navn: str
    kind: str
    fylke: str | None
    role: str
    phase: str
    phase_nb: str
    since: date
    days_in_phase: int
    waiting: tuple[Waiting, ...]
    last_progress: date
    idle_days: int  # working days since the last progress
    stuck: bool
    next_due: date | None = None  # the earliest due date of its open items
    days_overdue: int = 0  # working days past the earliest overdue one (0: none overdue)


def signers_of(session: Session, agreement_ids: Sequence[int]) -> dict[int, list[Signer]]:
    """Each agreement's signatures in signing order, with the signer's name and party."""
    found: dict[int, list[Signer]] = defaultdict(list)
    if not agreement_ids:
        return found
    q = (sa.select(col(Signature.agreement_id), col(Signature.position), col(Signature.status),
                col(Contact.name), col(Contact.email), col(Organisation.navn),
                col(Organisation.id), col(Signature.signed_at))  # plain columns: no ORM
         .join(Contact, col(Contact.id) == Signature.contact_id)
         .join(Organisation, col(Organisation.id) == Signature.organisation_id)
         .where(col(Signature.agreement_id).in_(list(agreement_ids)))
         .order_by(col(Signature.agreement_id), col(Signature.position)))
    for a, position, status, name, email, party, party_id, at in session.connection().execute(
            q).all():
        found[a].append(Signer(position, status, name, email, party, party_id or 0, at))
    return found


def facts(session: Session, organisation_ids: list[int] | None = None, *,
          area_id: int | None = None) -> list[tuple[views.Row, list[Signer]]]:
    """The status rows of these organisations (or of this area's participations), each with
    its agreement's signers; plain tuples (`flat`), not ORM objects."""
    rows = flat.rows(session, organisation_ids=organisation_ids, area_id=area_id)
    signers = signers_of(session, [r.agreement.id or 0 for r in rows if r.agreement])
    return [(r, signers.get(r.agreement.id or 0, []) if r.agreement else []) for r in rows]


def line(r: views.Row, signers: list[Signer], today: date, stuck_after: int, *,
         after_agreement: bool = False, signatory: bool = True) -> Line:
    current = phase(r.snapshot).value
    since, moved = phase_since(r), last_progress(r, signers)
    idle = working_days_between(moved, today)
    dues = sorted(i.due_on for i in r.items if i.status == ItemStatus.OPEN and i.due_on)
    next_due = dues[0] if dues and not r.participation.live_on else None
    return Line(orgnr=r.organisation.orgnr, navn=r.organisation.navn, kind=r.organisation.kind,
                fylke=views.fylke_of(r.organisation.kommunenummer), role=r.participation.role,
                phase=current, phase_nb=labels.PHASE[current], since=since,
                days_in_phase=max((today - since).days, 0),
                waiting=tuple(waiting(r, signers, after_agreement=after_agreement,
                                      signatory=signatory)),
                last_progress=moved, idle_days=idle,
                stuck=current != Phase.LIVE and idle >= stuck_after, next_due=next_due,
                days_overdue=working_days_between(next_due, today)
                if next_due and next_due < today else 0)


def area_lines(session: Session, area_id: int, today: date, stuck_after: int, *,
               after_agreement: bool = False) -> list[Line]:
    """Every participation of the area, as a line of the overview."""
    signatories = baseline.with_signatory(session)
    return [line(r, s, today, stuck_after, after_agreement=after_agreement,
                 signatory=r.organisation.id in signatories)
            for r, s in facts(session, area_id=area_id)]


SORTS: dict[str, Callable[[Line], Any]] = {
    "navn": lambda x: x.navn.casefold(),
    "fylke": lambda x: ((x.fylke or "").casefold(), x.navn.casefold()),
    "fase": lambda x: (PHASE_ORDER[x.phase], x.navn.casefold()),
    "dager": lambda x: (x.days_in_phase, x.navn.casefold()),
    "stille": lambda x: (x.idle_days, x.navn.casefold()),
    "frist": lambda x: (x.next_due or date.max, x.navn.casefold()),
    "over": lambda x: (x.days_overdue, x.navn.casefold()),
}


@dataclass(frozen=True)
class Handed:
    """A handed-in checklist item awaiting the organiser's review."""

    orgnr: str
    navn: str
    item_id: int
    title: str
    done_on: date | None
    done_by: str | None
    url: str | None
    has_file: bool
    document_types: tuple[str, ...]


def review_queue(session: Session, area_id: int) -> list[Handed]:
    """Every item of the area handed in and not yet reviewed, the oldest first (one query)."""
    found = []
    for item, org in session.exec(
            select(ChecklistItem, Organisation)
            .join(Participation, col(Participation.id) == ChecklistItem.participation_id)
            .join(Organisation, col(Organisation.id) == Participation.organisation_id)
            .where(Participation.area_id == area_id, ChecklistItem.status == ItemStatus.DONE,
                   col(ChecklistItem.review_status).is_(None))
            .order_by(col(ChecklistItem.done_at), col(ChecklistItem.id))):
        types = tuple(json.loads(item.document_types)) if item.document_types else ()
        found.append(Handed(org.orgnr, org.navn, item.id or 0,
                            reference.process(item.process_key).title,
                            item.done_at.astimezone(OSLO).date() if item.done_at else None,
                            item.done_by, item.evidence_url, item.evidence_id is not None,
                            tuple(t["navn"] + (f": {t['beskrivelse']}" if t.get("beskrivelse")
                                                else "") for t in types)))
    return found


def choose(lines: list[Line], *, phase: str | None = None, fylke: str | None = None,
           stuck: bool = False, sort: str = "navn", descending: bool = False) -> list[Line]:
    """The lines that pass the filters, sorted by one of SORTS."""
    chosen = [x for x in lines if (not phase or x.phase == phase)
              and (not fylke or x.fylke == fylke) and (not stuck or x.stuck)]
    return sorted(chosen, key=SORTS.get(sort, SORTS["navn"]), reverse=descending)


def fylker(lines: list[Line]) -> list[str]:
    return sorted({x.fylke for x in lines if x.fylke}, key=str.casefold)
