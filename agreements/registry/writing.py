"""A registration's writes, in a transaction the caller holds: the organisation, its contacts,
its participations and their checklists, audited. `register.register` runs them for one
organisation; onboarding runs them for a batch of rows, one savepoint each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from agreements import reference
from agreements.core import audit
from agreements.core.enums import Kind, Role
from agreements.core.models import Contact, Organisation, Participation
from agreements.readiness import checklist
from agreements.reference.deadlines import Events
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
    opened: list[int] = field(default_factory=list)  # new checklists, due dates not yet set


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
        _registered(work, session, org)
    assert org.id is not None
    if new:
        add_new(session, org.id, checked.contacts)
    for spec in checked.contacts:
        contact, changed = (spec, True) if new else upsert(session, org.id, spec)
        if changed:
            _contact_saved(work, session, org, contact)
    for role, area_key in area_keys.items():
        participation, opened = _participate(work, session, org, role, area_key,
                                             basis(role, Kind(org.kind), checked.region),
                                             new=new)
        result.participation_ids.append(participation.id or 0)
        result.roles[role] = participation.id or 0
        if opened:
            result.opened.append(participation.id or 0)
    return result


def write_new(work: Work, session: Session, rows: Sequence[tuple[Checked, Organisation]]
              ) -> list[Registered]:
    """`write` for organisations none of which is stored (a batch's new rows, each orgnr
    once): the organisations' rows in one flush, then their contacts, their participations'
    rows in one flush, then row by row the events and checklists `write` makes, in its order,
    each item with its due date (what a new participation has seen is its registration)."""
    areas = session.info.setdefault(_AREA_IDS, {})
    routed = [{role: route(role, Kind(org.kind), kommunenummer=org.kommunenummer,
                           region=checked.region, areas=reference.areas())
               for role in checked.roles} for checked, org in rows]
    session.add_all([org for _, org in rows])
    session.flush()
    made: list[list[tuple[Role, str | None, str | None, Participation]]] = []
    for (checked, org), area_keys in zip(rows, routed, strict=True):
        assert org.id is not None
        add_new(session, org.id, checked.contacts)
        for area_key in area_keys.values():
            if area_key and area_key not in areas:
                areas[area_key] = area_by_key(session, area_key).id
        made.append([(role, area_key, by, Participation(
            organisation_id=org.id, role=role.value, area_id=areas[area_key] if area_key else None,
            registered_on=work.clock.today(), routed_by=by))
            for role, area_key in area_keys.items()
            for by in [basis(role, Kind(org.kind), checked.region)]])
    session.add_all([p for parts in made for *_, p in parts])
    session.flush()
    results = []
    for (checked, org), parts in zip(rows, made, strict=True):
        _registered(work, session, org)
        for spec in checked.contacts:
            _contact_saved(work, session, org, spec)
        for role, area_key, by, participation in parts:  # its dates with its items
            _participation_registered(work, session, org, participation, area_key, by, Events(
                participation.registered_on, agreement_signed=None if role == Role.KILDE
                else participation.registered_on, vendor_ready=org.epj_vendor_ready_on))
        ids = {role: participation.id or 0 for role, _, _, participation in parts}
        results.append(Registered(orgnr=org.orgnr, participation_ids=list(ids.values()),
                                  created=True, navn=org.navn, roles=ids))
    return results


def _registered(work: Work, session: Session, org: Organisation) -> None:
    audit.record(session, actor=work.actor, action="organisation.registered",
                 subject=f"org:{org.orgnr}",
                 data={"navn": org.navn, "kind": org.kind, "source": org.source})


def _contact_saved(work: Work, session: Session, org: Organisation,
                   contact: ContactSpec | Contact) -> None:
    audit.record(session, actor=work.actor, action="contact.saved", subject=f"org:{org.orgnr}",
                 data={"name": contact.name, "email": contact.email,
                       "role": contact.role})  # a StrEnum: its value


def _participation_registered(work: Work, session: Session, org: Organisation,
                              participation: Participation, area_key: str | None,
                              routed_by: str | None, seen: Events | None = None) -> None:
    audit.record(session, actor=work.actor, action="participation.registered",
                 subject=f"org:{org.orgnr}",
                 data={"role": participation.role, "area": area_key, "routed_by": routed_by})
    checklist.open_checklist(session, participation, org.kind, refresh=False, new=True,
                             seen=seen)


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
    _participation_registered(work, session, org, participation, area_key, routed_by)
    return participation, True
