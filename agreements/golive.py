"""Going live: refused while any gate is open, with every open gate named."""

from __future__ import annotations

from datetime import date

from agreements import audit, views
from agreements.app import App
from agreements.errors import GateClosed, NotFound, Refused
from agreements.models import Participation
from agreements.readiness import gates


def go_live(app: App, participation_id: int, day: date | None = None) -> Participation:
    with app.transaction() as session:
        participation = session.get(Participation, participation_id)
        if participation is None:
            raise NotFound(f"participation {participation_id} does not exist")
        (row,) = [r for r in views.rows(session, [participation.organisation_id])
                  if r.participation.id == participation_id]
        who = f"{row.organisation.navn} ({row.organisation.orgnr}) as {participation.role}"
        if participation.live_on:
            raise Refused(f"{who} is already live since {participation.live_on.isoformat()}")
        open_gates = gates(row.snapshot)
        if open_gates:
            raise GateClosed(who, open_gates)
        participation.live_on = day or app.clock.today()
        audit.record(session, actor=app.actor, action="participation.live",
                     subject=f"org:{row.organisation.orgnr}",
                     data={"role": participation.role,
                           "live_on": participation.live_on.isoformat()})
        return participation
