"""An avtalespesialist's organiser, confirmed by the RHF.

The RHF derived from the address (or given at registration) is a proposal: the seed names the
RHF that holds the rammeavtale with Den norske legeforening for the practice, and only that RHF
knows. Its coordinator confirms it (`org route ORGNR --confirm`, the Prefect action, the
portal) before the agreement can be sent (`contracts.organiser`); a correction (`reroute`)
makes the new RHF's choice a proposal again. A kommune's organiser (KS) is fixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreements.core import audit
from agreements.core.db import locked
from agreements.core.enums import Kind, Role
from agreements.core.models import CollaborationArea, Organisation, Participation
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.registry.lookup import get_organisation, get_participation

if TYPE_CHECKING:
    from agreements.core.ports import Work

def confirm(work: Work, orgnr_value: str) -> tuple[Organisation, CollaborationArea, bool]:
    """Record that the avtalespesialist's RHF confirmed it is the organiser; returns the
    organisation, its area and whether this call confirmed it (False: it already was)."""
    with work.transaction() as session:
        org = get_organisation(session, orgnr_value)
        if org.kind != Kind.AVTALESPESIALIST:
            raise Refused(Code.ORGANISER_FIXED, organisation=org.navn, orgnr=org.orgnr,
                          kind=org.kind)
        found = get_participation(session, org, Role.KILDE.value)
        participation = locked(session, Participation, found.id or 0)
        assert participation is not None and participation.area_id is not None
        area = session.get(CollaborationArea, participation.area_id)
        assert area is not None
        if participation.organiser_confirmed_at is not None:
            return org, area, False
        participation.organiser_confirmed_at = work.clock.now()
        participation.organiser_confirmed_by = work.actor[:254]
        audit.record(session, actor=work.actor, action="participation.organiser_confirmed",
                     subject=f"org:{org.orgnr}", data={"role": participation.role,
                                                       "area": area.key})
        return org, area, True
