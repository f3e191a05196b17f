"""Finding registered organisations, their participations and the collaboration areas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from sqlmodel import Session, select

from agreements.core.enums import Role
from agreements.core.models import CollaborationArea, Organisation, Participation
from agreements.core.ports import Work
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, NotFound
from agreements.registry import orgnr

if TYPE_CHECKING:
    import httpx


class Registers(Work, Protocol):
    """A unit of work that may ask Enhetsregisteret (the client built on first use)."""

    def brreg_http(self) -> httpx.Client: ...


def parse_roles(value: str | None) -> tuple[Role, ...]:
    """`kilde`, `konsument` or `begge` (both) as roles."""
    if not value:
        raise InvalidInput(Code.ROLE_REQUIRED)
    v = value.strip().lower()
    if v == "begge":
        return (Role.KILDE, Role.KONSUMENT)
    try:
        return (Role(v),)
    except ValueError:
        raise InvalidInput(Code.ROLE_UNKNOWN, value=value) from None


def area_by_key(session: Session, key: str) -> CollaborationArea:
    area = session.exec(select(CollaborationArea).where(CollaborationArea.key == key)).first()
    if area is None:
        raise NotFound(Code.AREA_NOT_LOADED, area=key)
    return area


def find_organisation(session: Session, number: str) -> Organisation | None:
    return session.exec(select(Organisation).where(Organisation.orgnr == number)).first()


def get_organisation(session: Session, value: str) -> Organisation:
    number = orgnr.normalise(value)
    org = find_organisation(session, number)
    if org is None:
        raise NotFound(Code.ORG_NOT_REGISTERED, orgnr=number)
    return org


def get_participation(session: Session, org: Organisation, role: str | None) -> Participation:
    """The organisation's participation in `role`, or its only one when role is None."""
    rows = list(session.exec(
        select(Participation).where(Participation.organisation_id == org.id)
    ))
    if role:
        rows = [p for p in rows if p.role == parse_roles(role)[0]]
    if not rows:
        if role:
            raise NotFound(Code.NO_PARTICIPATION_AS, organisation=org.navn, orgnr=org.orgnr,
                           role=role)
        raise NotFound(Code.NO_PARTICIPATION, organisation=org.navn, orgnr=org.orgnr)
    if len(rows) > 1:
        raise InvalidInput(Code.BOTH_ROLES, organisation=org.navn, orgnr=org.orgnr)
    return rows[0]


def participation_id(session: Session, orgnr_value: str, role: str | None) -> int:
    """The id of an organisation's participation (see get_participation)."""
    found = get_participation(session, get_organisation(session, orgnr_value), role)
    assert found.id is not None
    return found.id


def participation_of(work: Work, orgnr_value: str, role: str | None) -> int:
    """The id of an organisation's participation, looked up in a transaction of its own."""
    with work.transaction() as session:
        return participation_id(session, orgnr_value, role)
