"""Which participations one NHN order covers: an organisation that is kilde and konsument
orders once, naming both roles, and signs one set of bruksvilkår (`core.orders` finds the
order of either role)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from agreements.core.models import Participation
from agreements.core.orders import order_for as order_of
from agreements.registry.lookup import get_organisation, get_participation

if TYPE_CHECKING:
    from agreements.core.ports import Work


def participation_for(work: Work, orgnr_value: str, role: str | None) -> int:
    """The participation an order concerns: the one in `role`, or, with no role for an
    organisation that is kilde and konsument, the owner of its order (the kilde's before
    there is one: the order names both)."""
    with work.transaction() as session:
        org = get_organisation(session, orgnr_value)
        if role:
            return get_participation(session, org, role).id or 0
        parts = list(session.exec(select(Participation).where(
            Participation.organisation_id == org.id).order_by(col(Participation.role))))
        if len(parts) < 2:
            return get_participation(session, org, None).id or 0
        found = order_of(session, parts[0].id or 0)
        return found.participation_id if found else parts[0].id or 0


def covered(session: Session, participation_id: int) -> tuple[int, int | None]:
    """Whose order this is and which other participation it names: an organisation that is
    kilde and konsument orders once, for every role not yet covered by an order in play."""
    existing = order_of(session, participation_id)
    if existing is not None:
        return existing.participation_id, existing.covers_participation_id
    participation = session.get(Participation, participation_id)
    assert participation is not None
    others = session.exec(select(Participation).where(
        Participation.organisation_id == participation.organisation_id,
        Participation.id != participation_id).order_by(col(Participation.id)))
    return participation_id, next((p.id for p in others
                                   if p.id is not None and order_of(session, p.id) is None),
                                  None)
