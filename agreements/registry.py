"""Registering organisations and their participations (use cases)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from agreements import audit, checklist, orgnr, reference
from agreements.app import App
from agreements.contacts import ContactSpec, parse_person, upsert
from agreements.enums import ContactRole, Kind, Role
from agreements.errors import InvalidInput, NotFound, Refused
from agreements.models import CollaborationArea, Organisation, Participation
from agreements.routing import route

USER_KINDS = (Kind.KOMMUNE, Kind.AVTALESPESIALIST, Kind.HELSEFORETAK, Kind.PRIVAT)


@dataclass(frozen=True)
class Registration:
    """What a user gives to register an organisation (CLI options, a CSV row, flow parameters)."""

    orgnr: str
    role: str
    kind: str | None = None
    region: str | None = None
    name: str | None = None
    kommunenummer: str | None = None
    signatory: str | None = None
    coordinator: str | None = None
    offline: bool = False


@dataclass(frozen=True)
class Checked:
    orgnr: str
    roles: tuple[Role, ...]
    kind: Kind | None
    region: str | None
    contacts: tuple[ContactSpec, ...]


@dataclass
class Registered:
    orgnr: str
    participation_ids: list[int] = field(default_factory=list)
    created: bool = False


def parse_roles(value: str | None) -> tuple[Role, ...]:
    if not value:
        raise InvalidInput("a role is required: kilde, konsument or begge")
    v = value.strip().lower()
    if v == "begge":
        return (Role.KILDE, Role.KONSUMENT)
    try:
        return (Role(v),)
    except ValueError:
        raise InvalidInput(f"unknown role {value!r}: choose kilde, konsument or begge") from None


def parse_kind(value: str | None) -> Kind | None:
    if not value:
        return None
    try:
        kind = Kind(value.strip().lower())
    except ValueError:
        kind = None
    if kind not in USER_KINDS:
        raise InvalidInput(
            f"unknown kind {value!r}: choose one of " + ", ".join(k.value for k in USER_KINDS)
        )
    return kind


def check(reg: Registration) -> Checked:
    """Validate everything that needs no I/O, so bad input fails before anything is looked up."""
    contacts = tuple(
        parse_person(value, role)
        for value, role in ((reg.signatory, ContactRole.SIGNATORY),
                            (reg.coordinator, ContactRole.COORDINATOR))
        if value
    )
    if reg.kommunenummer and not (len(reg.kommunenummer) == 4 and reg.kommunenummer.isdigit()):
        raise InvalidInput(f"kommunenummer {reg.kommunenummer!r} is invalid: it must be 4 digits")
    region = reg.region.strip().lower() if reg.region else None
    if region and region not in reference.areas():
        rhf = sorted(k for k in reference.areas() if k != reference.KOMMUNE_AREA)
        raise InvalidInput(f"unknown region {reg.region!r}: choose one of {', '.join(rhf)}")
    return Checked(
        orgnr=orgnr.normalise(reg.orgnr), roles=parse_roles(reg.role),
        kind=parse_kind(reg.kind), region=region, contacts=contacts,
    )


def resolve(app: App, session: Session, reg: Registration, checked: Checked) -> Organisation:
    """The organisation: stored already, a kommune from reference data, the register, or by hand."""
    existing = session.exec(select(Organisation).where(Organisation.orgnr == checked.orgnr)).first()
    if existing:
        return existing
    now = app.clock.now()
    kommune = reference.kommuner().get(checked.orgnr)
    if kommune:
        if checked.kind not in (None, Kind.KOMMUNE):
            raise InvalidInput(f"{checked.orgnr} is {kommune.navn} kommune, not {checked.kind}")
        return Organisation(
            orgnr=checked.orgnr, navn=f"{kommune.navn} kommune", kind=Kind.KOMMUNE,
            organisasjonsform="KOMM", kommunenummer=kommune.kommunenummer,
            source="reference", created_at=now,
        )
    if checked.kind is Kind.KOMMUNE:
        raise InvalidInput(f"{checked.orgnr} is not one of the 357 kommuner in the reference data")
    if reg.offline or app.settings.offline:
        if not (reg.name and reg.kommunenummer):
            raise Refused(
                f"{checked.orgnr} is not a kommune and avtaleflyt is offline: register it by "
                "hand with --name and --kommunenummer (and --kind), or go online"
            )
        return _new(checked, reg.name, reg.kommunenummer, None, "manual", now)
    from agreements.clients import brreg  # httpx is only needed online

    enhet = brreg.fetch_enhet(app.http_client(), app.settings.brreg_url, checked.orgnr)
    if enhet.konkurs:
        raise Refused(f"{enhet.navn} ({enhet.orgnr}) is bankrupt (konkurs) in Enhetsregisteret")
    if enhet.under_avvikling:
        raise Refused(f"{enhet.navn} ({enhet.orgnr}) is being wound up (under avvikling)")
    if enhet.is_kommune:
        checked = Checked(checked.orgnr, checked.roles, Kind.KOMMUNE, checked.region,
                          checked.contacts)
    return _new(checked, enhet.navn, enhet.kommunenummer, enhet.organisasjonsform, "brreg", now)


def _new(checked: Checked, navn: str, knr: str | None, form: str | None, source: str,
         now: datetime) -> Organisation:
    if checked.kind is None:
        raise InvalidInput(
            f"{navn} ({checked.orgnr}) is not a kommune: give --kind "
            + "|".join(k.value for k in USER_KINDS[1:])
        )
    return Organisation(
        orgnr=checked.orgnr, navn=navn, kind=checked.kind, organisasjonsform=form,
        kommunenummer=knr, source=source, created_at=now,
    )


def register(app: App, reg: Registration) -> Registered:
    """Register (or re-register) an organisation with its roles; one transaction, audited."""
    checked = check(reg)
    with app.transaction() as session:
        org = resolve(app, session, reg, checked)
        kind = Kind(org.kind)
        area_keys = {
            role: route(role, kind, kommunenummer=org.kommunenummer, region=checked.region,
                        areas=reference.areas())
            for role in checked.roles
        }
        result = Registered(orgnr=org.orgnr, created=org.id is None)
        if org.id is None:
            session.add(org)
            session.flush()
            audit.record(session, actor=app.actor, action="organisation.registered",
                         subject=f"org:{org.orgnr}",
                         data={"navn": org.navn, "kind": org.kind, "source": org.source})
        assert org.id is not None
        for spec in checked.contacts:
            contact, changed = upsert(session, org.id, spec)
            if changed:
                audit.record(session, actor=app.actor, action="contact.saved",
                             subject=f"org:{org.orgnr}",
                             data={"name": contact.name, "email": contact.email,
                                   "role": contact.role})
        for role, area_key in area_keys.items():
            participation = _participate(app, session, org, role, area_key)
            result.participation_ids.append(participation.id or 0)
        return result


def _participate(app: App, session: Session, org: Organisation, role: Role,
                 area_key: str | None) -> Participation:
    assert org.id is not None
    existing = session.exec(
        select(Participation).where(
            Participation.organisation_id == org.id, Participation.role == role.value
        )
    ).first()
    if existing:
        return existing
    area = area_by_key(session, area_key) if area_key else None
    participation = Participation(
        organisation_id=org.id, role=role.value, area_id=area.id if area else None,
        registered_on=app.clock.today(),
    )
    session.add(participation)
    session.flush()
    audit.record(session, actor=app.actor, action="participation.registered",
                 subject=f"org:{org.orgnr}",
                 data={"role": role.value, "area": area_key})
    checklist.open_checklist(session, participation)
    return participation


def area_by_key(session: Session, key: str) -> CollaborationArea:
    area = session.exec(select(CollaborationArea).where(CollaborationArea.key == key)).first()
    if area is None:
        raise NotFound(f"collaboration area {key!r} is not loaded: run `avtaleflyt init`")
    return area


def get_organisation(session: Session, value: str) -> Organisation:
    number = orgnr.normalise(value)
    org = session.exec(select(Organisation).where(Organisation.orgnr == number)).first()
    if org is None:
        raise NotFound(f"organisation {number} is not registered: add it with `avtaleflyt org add`")
    return org


def get_participation(session: Session, org: Organisation, role: str | None) -> Participation:
    """The organisation's participation in `role`, or its only one when role is None."""
    rows = list(session.exec(
        select(Participation).where(Participation.organisation_id == org.id)
    ))
    if role:
        rows = [p for p in rows if p.role == parse_roles(role)[0]]
    if not rows:
        raise NotFound(f"{org.navn} ({org.orgnr}) has no participation"
                       + (f" as {role}" if role else ""))
    if len(rows) > 1:
        raise InvalidInput(f"{org.navn} ({org.orgnr}) is both kilde and konsument: give --role")
    return rows[0]
