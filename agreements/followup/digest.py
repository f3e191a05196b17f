"""The coordinators' digest: once a working day, for each organiser's coordinators, what
became overdue in its area since the previous working day, what waits for their review, and
what their own organisation owes (countersignatures). It goes in the person's one e-mail of the
day (`followup.notices`), beside any escalations; nothing is sent when all three are empty.

Read in a fixed number of queries whatever the number of organisations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col

from agreements import reference
from agreements.contracts.parties import coordinators
from agreements.core.calendar import OSLO, is_working_day
from agreements.core.enums import AgreementKind, ItemStatus, SignatureStatus
from agreements.core.lifecycle import OUT_FOR_SIGNING, values
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    CollaborationArea,
    Organisation,
    Participation,
    Signature,
)


@dataclass(frozen=True)
class Entry:
    """One line of the digest: an organisation, what it is about, and its day."""

    organisation: str
    orgnr: str
    what: str
    day: date | None


@dataclass
class Digest:
    organiser: str
    overdue: list[Entry] = field(default_factory=list)  # became overdue since last working day
    review: list[Entry] = field(default_factory=list)  # handed in, awaiting their review
    owes: list[Entry] = field(default_factory=list)  # countersignatures their organisation owes

    def empty(self) -> bool:
        return not (self.overdue or self.review or self.owes)


def previous_working_day(day: date) -> date:
    before = day - timedelta(days=1)
    while not is_working_day(before):
        before -= timedelta(days=1)
    return before


def _day(moment: datetime | None) -> date | None:
    return moment.astimezone(OSLO).date() if moment else None


def gather(session: Session, today: date) -> dict[int, Digest]:
    """Each organiser's digest for `today`, by the organiser's organisation id."""
    read = session.connection().execute
    area_of: dict[int, int] = {}
    digests: dict[int, Digest] = {}
    for aid, organiser_id, navn in read(
            sa.select(col(CollaborationArea.id), col(CollaborationArea.organiser_id),
                      col(Organisation.navn))
            .join(Organisation, col(Organisation.id) == CollaborationArea.organiser_id)):
        area_of[aid or 0] = organiser_id
        digests.setdefault(organiser_id, Digest(navn))
    member = (sa.select(col(Participation.area_id), col(Organisation.navn),
                        col(Organisation.orgnr), col(ChecklistItem.process_key),
                        col(ChecklistItem.occurrence))
              .join(Participation, col(Participation.id) == ChecklistItem.participation_id)
              .join(Organisation, col(Organisation.id) == Participation.organisation_id)
              .where(col(Participation.area_id).is_not(None)))
    since = previous_working_day(today)
    for area, navn, orgnr, key, occurrence, due in read(
            member.add_columns(col(ChecklistItem.due_on)).where(
                col(ChecklistItem.status) == ItemStatus.OPEN, col(ChecklistItem.due_on) >= since,
                col(ChecklistItem.due_on) < today)
            .order_by(col(Organisation.navn), col(ChecklistItem.id))):
        digests[area_of[area]].overdue.append(Entry(navn, orgnr, _title(key, occurrence), due))
    for area, navn, orgnr, key, occurrence, done in read(
            member.add_columns(col(ChecklistItem.done_at)).where(
                col(ChecklistItem.status) == ItemStatus.DONE,
                col(ChecklistItem.review_status).is_(None))
            .order_by(col(ChecklistItem.done_at), col(ChecklistItem.id))):
        digests[area_of[area]].review.append(
            Entry(navn, orgnr, _title(key, occurrence), _day(done)))
    partner = sa.table("organisation", sa.column("id"), sa.column("navn"),
                       sa.column("orgnr")).alias("partner")
    for organiser_id, navn, orgnr, asked, kind in read(
            sa.select(col(Signature.organisation_id), partner.c.navn, partner.c.orgnr,
                      col(Signature.asked_at), col(Agreement.kind))
            .join(Agreement, col(Agreement.id) == Signature.agreement_id)
            .join(Participation, col(Participation.id) == Agreement.participation_id)
            .join(partner, partner.c.id == Participation.organisation_id)
            .where(col(Signature.status) == SignatureStatus.PENDING,
                   col(Signature.asked_at).is_not(None),
                   col(Agreement.status).in_(values(OUT_FOR_SIGNING)))
            .order_by(col(Signature.asked_at))):
        if organiser_id in digests:
            digests[organiser_id].owes.append(
                Entry(navn, orgnr, "kontrasignering av vedlegg 1 om dokumenttyper"
                      if kind == AgreementKind.ANNEX else "kontrasignering av samarbeidsavtalen",
                      _day(asked)))
    return {k: d for k, d in digests.items() if not d.empty()}


def recipients(session: Session, today: date) -> dict[str, tuple[str, Digest]]:
    """Each coordinator's address → (their name, the digest of their organisation)."""
    found: dict[str, tuple[str, Digest]] = {}
    for organiser_id, digest in gather(session, today).items():
        org = session.get(Organisation, organiser_id)
        assert org is not None
        for person in coordinators(session, org):
            found.setdefault(person.email.lower(), (person.name, digest))
    return found


def _title(key: str, occurrence: str) -> str:
    return reference.process(key).title + (f" ({occurrence})" if occurrence else "")
