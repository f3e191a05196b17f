"""A registration's writes, in a transaction the caller holds: the organisation, its contacts,
its participations and their checklists, audited. `register.register` runs them for one
organisation; onboarding runs them for a batch of rows, one savepoint each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from agreements import reference
from agreements.core import audit
from agreements.core.enums import Kind, Role
from agreements.core.models import Organisation, Participation
from agreements.readiness import checklist
from agreements.registry.contacts import ContactSpec, add_new, upsert
from agreements.registry.differences import differences, refusal
from agreements.registry.lookup import area_by_key, find_organisation
from agreements.registry.routing import basis, route

if TYPE_CHECKING:
    from agreements.core.ports import Work


_AREA_IDS = "avtaleflyt.registry.area_ids"  # session.info: area key → id, this transaction's


class Unread:
    """The organisation was not read by the caller: `write` reads it."""


UNREAD = Unread()


@dataclass(frozen=True)
class Checked:
    orgnr: str
    roles: tuple[Role, ...]
    kind: Kind | None
    region: str | None
    contacts: tuple[ContactSpec, ...]
    kommunenummer: str | None = None


@dataclass
class Registered:
    orgnr: str
    participation_ids: list[int] = field(default_factory=list)
    created: bool = False
    navn: str = ""
    roles: dict[Role, int] = field(default_factory=dict)  # role → participation id
    opened: list[int] = field(default_factory=list)  # participations whose checklist is new


def write(work: Work, session: Session, checked: Checked, identified: Organisation | None,
          name: str | None = None, *, stored: Organisation | Unread | None = UNREAD
          ) -> Registered:
    """The registration's writes, in the caller's transaction (which holds the name's lock):
    re-read (unless the caller read it under the lock: `stored`), refuse a difference, insert
    and audit. The due dates of the checklists it opened (`Registered.opened`) are the
    caller's to refresh, once for a whole batch."""
    if isinstance(stored, Unread):
        stored = find_organisation(session, checked.orgnr)
    org = stored or identified
    assert org is not None  # stored, or identified just now
    area_keys = {
        role: route(role, Kind(org.kind), kommunenummer=org.kommunenummer,
                    region=checked.region, areas=reference.areas())
        for role in checked.roles
    }
    if org.id is not None and (found := differences(
            session, org, kind=checked.kind, region=checked.region, name=name,
            kommunenummer=checked.kommunenummer)):
        raise refusal(org, found, checked.region)
    new = org.id is None  # then it has no contacts nor participations yet: none is looked for
    result = Registered(orgnr=org.orgnr, created=new, navn=org.navn)
    if new:
        session.add(org)
        session.flush()
        audit.record(session, actor=work.actor, action="organisation.registered",
                     subject=f"org:{org.orgnr}",
                     data={"navn": org.navn, "kind": org.kind, "source": org.source})
    assert org.id is not None
    if new:
        add_new(session, org.id, checked.contacts)
    for spec in checked.contacts:
        contact, changed = (spec, True) if new else upsert(session, org.id, spec)
        if changed:
            audit.record(session, actor=work.actor, action="contact.saved",
                         subject=f"org:{org.orgnr}",
                         data={"name": contact.name, "email": contact.email,
                               "role": contact.role})  # a StrEnum: its value
    for role, area_key in area_keys.items():
        participation, opened = _participate(work, session, org, role, area_key,
                                             basis(role, Kind(org.kind), checked.region),
                                             new=new)
        result.participation_ids.append(participation.id or 0)
        result.roles[role] = participation.id or 0
        if opened:
            result.opened.append(participation.id or 0)
    return result


def _participate(work: Work, session: Session, org: Organisation, role: Role,
                 area_key: str | None, routed_by: str | None, *,
                 new: bool) -> tuple[Participation, bool]:
    assert org.id is not None
    existing = None if new else session.exec(
        select(Participation).where(
            Participation.organisation_id == org.id, Participation.role == role.value
        )
    ).first()
    if existing:
        return existing, False
    areas = session.info.setdefault(_AREA_IDS, {})  # a batch's rows share a few areas
    if area_key and area_key not in areas:
        areas[area_key] = area_by_key(session, area_key).id
    participation = Participation(
        organisation_id=org.id, role=role.value, area_id=areas[area_key] if area_key else None,
        registered_on=work.clock.today(), routed_by=routed_by,
    )
    session.add(participation)
    session.flush()
    audit.record(session, actor=work.actor, action="participation.registered",
                 subject=f"org:{org.orgnr}",
                 data={"role": role.value, "area": area_key, "routed_by": routed_by})
    checklist.open_checklist(session, participation, org.kind, refresh=False, new=True)
    return participation, True
