"""Parsing and storing contact persons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr

from sqlmodel import Session, select

from agreements.enums import ContactRole
from agreements.errors import InvalidInput
from agreements.models import Contact

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
