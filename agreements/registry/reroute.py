"""Correcting an avtalespesialist's organiser: the RHF that holds its driftsavtale, when the
guess from its address (or an earlier choice) was wrong.

Audited. The new organiser is a proposal until its coordinator confirms it (`confirm`).
Unsent drafts are generated again for the new organiser (the old ones kept, marked
superseded). Once an agreement is out for signing or signed, the move is refused unless forced
with a reason; forced, the participation moves and the existing agreement stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from agreements import reference
from agreements.contracts import regenerate
from agreements.contracts.drafts import open_agreement
from agreements.core import audit
from agreements.core.db import locked
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import Kind, Role
from agreements.core.models import CollaborationArea, Organisation, Participation
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, Refused
from agreements.registry.lookup import area_by_key, get_organisation, get_participation
from agreements.registry.routing import REROUTED, rhf_areas

if TYPE_CHECKING:
    from agreements.documents.pdf import Converts


@dataclass
class Rerouted:
    orgnr: str
    navn: str
    before: str
    after: str
    changed: bool
    regenerated: list[tuple[int, int]] = field(default_factory=list)  # old draft → new draft
    kept: str | None = None  # an agreement left as it is by a forced move


def check_region(region: str) -> str:
    key = region.strip().lower()
    choices = rhf_areas(reference.areas())
    if key not in choices:
        raise InvalidInput(Code.REGION_UNKNOWN, value=region, choices=sorted(choices))
    return key


def _blocking(agreement_id: int, status: str, organiser: str) -> Refused:
    if status == A.SENT:
        return Refused(Code.ROUTE_AGREEMENT_OUT, agreement=agreement_id, organiser=organiser)
    return Refused(Code.ROUTE_AGREEMENT_KEPT, agreement=agreement_id, organiser=organiser,
                   status=status)


def reroute(work: Converts, orgnr_value: str, region: str, *, force: bool = False,
            reason: str | None = None) -> Rerouted:
    """Move an avtalespesialist's kilde participation to the area of `region`."""
    target = check_region(region)
    if force and not (reason and reason.strip()):
        raise InvalidInput(Code.FORCE_NEEDS_REASON)
    with work.transaction() as session:
        org = get_organisation(session, orgnr_value)
        if org.kind != Kind.AVTALESPESIALIST:
            raise Refused(Code.ROUTE_NOT_AVTALESPESIALIST, organisation=org.navn,
                          orgnr=org.orgnr, kind=org.kind)
        participation = get_participation(session, org, Role.KILDE.value)
        area = session.get(CollaborationArea, participation.area_id)
        assert area is not None
        result = Rerouted(org.orgnr, org.navn, area.key, target, area.key != target)
        if not result.changed:
            return result
        current = open_agreement(session, participation.id or 0)
        old_organiser = session.get(Organisation, area.organiser_id)
        assert old_organiser is not None
        if current is not None and current.status != A.DRAFT:
            if not force:
                raise _blocking(current.id or 0, current.status, old_organiser.navn)
            result.kept = f"agreement #{current.id} ({current.status}) with {old_organiser.navn}"
        draft = current.id if current is not None and current.status == A.DRAFT else None
    with work.transaction() as session:
        moved = locked(session, Participation, participation.id or 0)
        assert moved is not None
        if moved.area_id != area.id:
            raise Refused(Code.ROUTE_MOVED_MEANWHILE, organisation=org.navn)
        moved.area_id, moved.routed_by = area_by_key(session, target).id, REROUTED
        moved.organiser_confirmed_at = moved.organiser_confirmed_by = None  # the new RHF's
        audit.record(session, actor=work.actor, action="participation.rerouted",
                     subject=f"org:{org.orgnr}",
                     data={"from": area.key, "to": target, "forced": force,
                           "reason": reason.strip() if reason else None, "kept": result.kept})
    if draft is not None:  # rendering happens with no transaction open
        result.regenerated.append((draft, regenerate.refresh(work, draft).agreement_id))
    return result

