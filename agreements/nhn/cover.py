"""Which participations one NHN order covers: an organisation that is kilde and konsument
orders once, naming both roles, and signs one set of bruksvilkår (`core.orders` finds the
order of either role)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from agreements.core.models import Participation
from agreements.core.orders import order_for as order_of


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
