"""Contact persons: parsed and checked, stored one per organisation, e-mail and role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from agreements.core import audit
from agreements.core.enums import ContactRole
from agreements.core.models import Contact
from agreements.errors import InvalidInput, NotFound, Refused
from agreements.registry.lookup import get_organisation

if TYPE_CHECKING:
    from agreements.app import App

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass(frozen=True)
class ContactSpec:
    name: str
    email: str
    role: ContactRole
    title: str | None = None


def check_email(email: str) -> str:
    email = email.strip()
    if not _EMAIL.match(email):
        raise InvalidInput(f"invalid e-mail address {email!r}")
    return email.lower()


def parse_person(value: str, role: ContactRole) -> ContactSpec:
    """Parse `"Kari Nordmann <kari@oslo.kommune.no>"` into a contact of the given role."""
    name, email = parseaddr(value)
    if not name.strip() or not email:
        raise InvalidInput(f"--{role.value} must look like 'Name <email>', got {value!r}")
    return ContactSpec(name=name.strip(), email=check_email(email), role=role)


def parse_role(value: str) -> ContactRole:
    try:
        return ContactRole(value)
    except ValueError:
        choices = ", ".join(r.value for r in ContactRole)
        raise InvalidInput(f"unknown contact role {value!r}: choose one of {choices}") from None


def upsert(session: Session, organisation_id: int, spec: ContactSpec) -> tuple[Contact, bool]:
    """Add the contact, or update its name and title; True when anything changed."""
    existing = session.exec(
        select(Contact).where(
            Contact.organisation_id == organisation_id,
            Contact.email == spec.email,
            Contact.role == spec.role.value,
        )
    ).first()
    if existing:
        changed = existing.name != spec.name or (spec.title and existing.title != spec.title)
        existing.name = spec.name
        existing.title = spec.title or existing.title
        return existing, bool(changed)
    contact = Contact(
        organisation_id=organisation_id, name=spec.name, email=spec.email,
        title=spec.title, role=spec.role.value,
    )
    session.add(contact)
    session.flush()
    return contact, True


@dataclass(frozen=True)
class Saved:
    orgnr: str
    navn: str
    name: str
    email: str
    role: str
    changed: bool


def save(app: App, orgnr_value: str, spec: ContactSpec) -> Saved:
    """Add or update a contact of any organisation, the organisers included (audited)."""
    with app.transaction() as session:
        organisation = get_organisation(session, orgnr_value)
        contact, changed = upsert(session, organisation.id or 0, spec)
        if changed:
            audit.record(session, actor=app.actor, action="contact.saved",
                         subject=f"org:{organisation.orgnr}",
                         data={"name": contact.name, "email": contact.email,
                               "role": contact.role})
        return Saved(organisation.orgnr, organisation.navn, contact.name, contact.email,
                     contact.role, changed)


def remove(app: App, orgnr_value: str, email: str, role: ContactRole) -> str:
    """Remove a contact (someone who left, a wrong address): from then on it reaches nothing in
    the portal and is asked for nothing. A signer of an agreement stays, since the signature
    names it: register the new signatory instead (a draft is then made again)."""
    from agreements.core.models import Signature

    address = check_email(email)
    with app.transaction() as session:
        organisation = get_organisation(session, orgnr_value)
        contact = session.exec(select(Contact).where(
            Contact.organisation_id == organisation.id, Contact.email == address,
            Contact.role == role.value)).first()
        if contact is None:
            raise NotFound(f"{organisation.navn} has no {role.value} with e-mail {address}")
        signing = session.exec(select(Signature.agreement_id).where(
            Signature.contact_id == contact.id)).first()
        if signing is not None:
            raise Refused(f"{contact.name} is a signer of agreement #{signing} and stays on "
                          "record; register the new signatory instead")
        session.delete(contact)
        audit.record(session, actor=app.actor, action="contact.removed",
                     subject=f"org:{organisation.orgnr}",
                     data={"name": contact.name, "email": address, "role": role.value})
        return f"{organisation.navn} ({organisation.orgnr}): {role.value} {contact.name} " \
               f"<{address}> removed"
