"""Registering organisations and their participations (the use case behind `org add`,
`onboard` and each CSV row).

Everything that needs no I/O is checked first; the organisation is then identified — from the
reference data, by hand, or from Enhetsregisteret, outside any transaction — and only then is
one short transaction opened that re-reads, writes and audits.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agreements import reference
from agreements.core.db import lock_name
from agreements.core.enums import ContactRole, Kind
from agreements.core.fields import invalid
from agreements.core.models import Organisation
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, Refused
from agreements.reference import deadlines
from agreements.registry import orgnr
from agreements.registry.contacts import check_text, parse_person
from agreements.registry.lookup import find_organisation, parse_roles
from agreements.registry.writing import Checked, Registered, write

if TYPE_CHECKING:
    from agreements.registry.lookup import Registers

USER_KINDS = (Kind.KOMMUNE, Kind.AVTALESPESIALIST, Kind.HELSEFORETAK, Kind.PRIVAT)
NAVN_MAX = 300


class Registration(BaseModel):
    """Register an organisation (or re-register it: nothing is duplicated)."""

    model_config = ConfigDict(frozen=True)

    orgnr: str = Field(title="Organisasjonsnummer", description="9 digits; spaces allowed",
                       max_length=20)
    role: str = Field(title="Role", description="kilde, konsument or begge", max_length=20,
                      json_schema_extra={"enum": ["kilde", "konsument", "begge"]})
    kind: str | None = Field(None, title="Kind", max_length=40,
                             description="avtalespesialist, helseforetak or privat; "
                                         "kommuner are recognised by orgnr")
    region: str | None = Field(None, title="RHF area", max_length=40,
                               description="for an avtalespesialist, e.g. helse-nord; "
                                           "default from the fylke of its address")
    name: str | None = Field(None, title="Name", max_length=NAVN_MAX,
                             description="when registering by hand (offline)")
    kommunenummer: str | None = Field(None, title="Kommunenummer", max_length=10,
                                      description="4 digits, when registering by hand")
    signatory: str | None = Field(None, title="Signatory", max_length=500,
                                  description='"Name <email>" of who signs for it')
    coordinator: str | None = Field(None, title="PJD lead", max_length=500,
                                    description='"Name <email>" of its coordinator')
    offline: bool = Field(False, title="Offline", description="never call Enhetsregisteret")


def registration(**values: Any) -> Registration:
    """A Registration from loose values (a CSV row); InvalidInput naming the field."""
    try:
        return Registration.model_validate(values)
    except ValidationError as exc:
        raise invalid(exc, Registration) from None


def parse_kind(value: str | None) -> Kind | None:
    if not value:
        return None
    try:
        kind = Kind(value.strip().lower())
    except ValueError:
        kind = None
    if kind not in USER_KINDS:
        raise InvalidInput(Code.KIND_UNKNOWN, value=value,
                           choices=[k.value for k in USER_KINDS])
    return kind


def check(reg: Registration) -> Checked:
    """Validate everything that needs no I/O, so bad input fails before anything is looked up."""
    contacts = tuple(
        parse_person(value, role)
        for value, role in ((reg.signatory, ContactRole.SIGNATORY),
                            (reg.coordinator, ContactRole.COORDINATOR))
        if value
    )
    if reg.kommunenummer and not re.fullmatch(r"[0-9]{4}", reg.kommunenummer):
        raise InvalidInput(Code.KOMMUNENUMMER_DIGITS, value=reg.kommunenummer)
    if reg.name is not None:
        check_text(reg.name, "name", NAVN_MAX, plain=True)
    region = reg.region.strip().lower() if reg.region else None
    if region and region not in reference.areas():
        rhf = sorted(k for k in reference.areas() if k != reference.KOMMUNE_AREA)
        raise InvalidInput(Code.REGION_UNKNOWN, value=reg.region, choices=rhf)
    return Checked(
        orgnr=orgnr.normalise(reg.orgnr), roles=parse_roles(reg.role),
        kind=parse_kind(reg.kind), region=region, contacts=contacts,
        kommunenummer=current_number(reg.kommunenummer),
    )


def current_number(kommunenummer: str | None) -> str | None:
    """A 2020–2023 kommunenummer given by hand becomes its 2024 number (when it is one)."""
    if not kommunenummer:
        return None
    found = reference.current_kommuner(kommunenummer)
    return found[0].kommunenummer if len(found) == 1 else kommunenummer


def identify(work: Registers, reg: Registration, checked: Checked) -> Organisation:
    """A new organisation: a kommune from reference data, by hand offline, or from the register.

    Called outside any transaction: it may wait for Enhetsregisteret.
    """
    now = work.clock.now()
    kommune = reference.kommuner().get(checked.orgnr)
    if kommune:
        if checked.kind not in (None, Kind.KOMMUNE):
            raise InvalidInput(Code.KOMMUNE_OTHER_KIND, orgnr=checked.orgnr,
                               kommune=kommune.navn, kind=checked.kind)
        return Organisation(
            orgnr=checked.orgnr, navn=f"{kommune.navn} kommune", kind=Kind.KOMMUNE,
            organisasjonsform="KOMM", kommunenummer=kommune.kommunenummer,
            source="reference", created_at=now,
        )
    if checked.kind is Kind.KOMMUNE:
        raise InvalidInput(Code.NOT_A_KOMMUNE, orgnr=checked.orgnr)
    if reg.offline or work.settings.offline:
        if not (reg.name and checked.kommunenummer):
            raise Refused(Code.OFFLINE_NEEDS_DETAILS, orgnr=checked.orgnr)
        return _new(checked, checked.kind, check_text(reg.name, "name", NAVN_MAX),
                    checked.kommunenummer, None, "manual", now)
    from agreements.registry import brreg  # httpx is only needed online

    enhet = brreg.fetch_enhet(work.brreg_http(), work.settings.brreg_url, checked.orgnr)
    if enhet.konkurs:
        raise Refused(Code.BANKRUPT, organisation=enhet.navn, orgnr=enhet.orgnr)
    if enhet.under_avvikling:
        raise Refused(Code.WOUND_UP, organisation=enhet.navn, orgnr=enhet.orgnr)
    kind = Kind.KOMMUNE if enhet.is_kommune else checked.kind
    return _new(checked, kind, enhet.navn, enhet.kommunenummer, enhet.organisasjonsform,
                "brreg", now)


def _new(checked: Checked, kind: Kind | None, navn: str, knr: str | None, form: str | None,
         source: str, now: datetime) -> Organisation:
    if kind is None:
        raise InvalidInput(Code.KIND_NEEDED, organisation=navn, orgnr=checked.orgnr,
                           choices=[k.value for k in USER_KINDS[1:]])
    return Organisation(
        orgnr=checked.orgnr, navn=navn, kind=kind, organisasjonsform=form,
        kommunenummer=knr, source=source, created_at=now,
    )


def register(work: Registers, reg: Registration) -> Registered:
    """Register (or re-register) an organisation with its roles; one transaction, audited."""
    checked = check(reg)
    with work.transaction() as session:
        stored = find_organisation(session, checked.orgnr) is not None
    identified = None if stored else identify(work, reg, checked)
    with work.transaction() as session:
        lock_name(session, f"organisation:{checked.orgnr}")  # two registrations at once
        result = write(work, session, checked, identified, reg.name)
        deadlines.refresh(session, result.opened)
        return result
