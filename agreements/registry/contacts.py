"""Contact persons: parsed and checked, stored one per organisation, e-mail and role."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import getaddresses
from typing import TYPE_CHECKING

from sqlalchemy import insert
from sqlmodel import Session, col, select

from agreements.core import audit
from agreements.core.db import check_values
from agreements.core.enums import ContactRole
from agreements.core.models import Contact
from agreements.core.text import has_control, has_markup
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, NotFound, Refused
from agreements.registry.lookup import get_organisation

if TYPE_CHECKING:
    from agreements.core.ports import Work

# One address: an ASCII dot-atom local part and a domain of two or more labels (IDN allowed).
_EMAIL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    r"@([^\W_]([\w-]*[^\W_])?\.)+[^\W\d_]{2,}")
NAME_MAX, TITLE_MAX, EMAIL_MAX = 200, 200, 254


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def check_email(email: str) -> str:
    """One e-mail address, lower-cased; InvalidInput naming what is wrong otherwise."""
    email = (email or "").strip()
    if has_control(email):
        raise InvalidInput(Code.EMAIL_CONTROL, shown=_shown(email))
    if len(email) > EMAIL_MAX:
        raise InvalidInput(Code.EMAIL_TOO_LONG, length=len(email), limit=EMAIL_MAX)
    if not _EMAIL.fullmatch(email):
        raise InvalidInput(Code.EMAIL_INVALID, shown=_shown(email))
    local, _, domain = email.lower().rpartition("@")
    try:  # bø.kommune.no → xn--b-5ga.kommune.no: every mail server takes it
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidInput(Code.EMAIL_DOMAIN, shown=_shown(email)) from None
    return f"{local}@{domain}"


def check_text(value: str, what: str, limit: int, *, person: bool = False,
               plain: bool = False) -> str:
    """A name or title as it may be stored: printable, one line, not too long. A person's
    name cannot hold an address (@ < >): it would read as one in a mail program; a `plain`
    one (an organisation's) holds no markup (< >)."""
    text = " ".join((value or "").split(" ")).strip()
    if not text:
        raise InvalidInput(Code.TEXT_EMPTY, field=what)
    if has_control(text):
        raise InvalidInput(Code.TEXT_CONTROL, field=what, shown=_shown(text))
    if len(text) > limit:
        raise InvalidInput(Code.TEXT_TOO_LONG, field=what, length=len(text), limit=limit)
    if plain and has_markup(text):
        raise InvalidInput(Code.MARKUP_IN_NAME, name=text)
    if person and any(c in text for c in "@<>"):
        raise InvalidInput(Code.NAME_WITH_ADDRESS, field=what, shown=_shown(text))
    return text


@dataclass(frozen=True)
class ContactSpec:
    """A contact as it may be stored: checked when made, whoever makes it."""

    name: str
    email: str
    role: ContactRole
    title: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_text(self.name, "name", NAME_MAX, person=True))
        object.__setattr__(self, "email", check_email(self.email))
        if self.title is not None:
            object.__setattr__(self, "title", check_text(self.title, "title", TITLE_MAX))


def parse_person(value: str, role: ContactRole) -> ContactSpec:
    """Parse `"Kari Nordmann <kari@oslo.kommune.no>"` into a contact of the given role."""
    if has_control(value or ""):
        raise InvalidInput(Code.PERSON_CONTROL, field=role.value, shown=_shown(value))
    found = getaddresses([value or ""])
    if len(found) != 1 or not found[0][0].strip() or not found[0][1]:
        raise InvalidInput(Code.PERSON_MALFORMED, field=role.value, shown=_shown(value))
    name, email = found[0]
    return ContactSpec(name=name.strip(), email=email, role=role)


def add_new(session: Session, organisation_id: int, specs: Sequence[ContactSpec]) -> None:
    """The contacts of an organisation added in this transaction (so it has none to look
    for or update), in one plain INSERT, their lengths checked as a flush checks them."""
    rows = [{"organisation_id": organisation_id, "name": s.name, "email": s.email,
             "title": s.title, "role": s.role.value} for s in specs]
    for row in rows:
        check_values(Contact, row)
    if rows:
        session.connection().execute(insert(Contact.__table__), rows)  # type: ignore[attr-defined]


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
        changed = (existing.name != spec.name or (spec.title and existing.title != spec.title)
                   or existing.removed_at is not None)
        existing.removed_at = None  # someone removed, registered again
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


def save(work: Work, orgnr_value: str, spec: ContactSpec) -> Saved:
    """Add or update a contact of any organisation, the organisers included (audited)."""
    with work.transaction() as session:
        organisation = get_organisation(session, orgnr_value)
        contact, changed = upsert(session, organisation.id or 0, spec)
        if changed:
            audit.record(session, actor=work.actor, action="contact.saved",
                         subject=f"org:{organisation.orgnr}",
                         data={"name": contact.name, "email": contact.email,
                               "role": contact.role})
        return Saved(organisation.orgnr, organisation.navn, contact.name, contact.email,
                     contact.role, changed)


def remove(work: Work, orgnr_value: str, email: str, role: ContactRole) -> str:
    """Remove a contact (someone who left, a wrong address): from then on it reaches nothing in
    the portal, gets no e-mail and is asked for nothing; a new signatory signs the next
    agreement. Someone who signed (or was asked to sign) an agreement is kept on record,
    marked removed, since the signature names them; removing someone whose signature is still
    awaited is refused until that agreement is withdrawn."""
    from agreements.core.enums import SignatureStatus
    from agreements.core.lifecycle import SIGNABLE, values
    from agreements.core.models import Agreement, Signature

    address = check_email(email)
    with work.transaction() as session:
        organisation = get_organisation(session, orgnr_value)
        contact = session.exec(select(Contact).where(
            Contact.organisation_id == organisation.id, Contact.email == address,
            Contact.role == role.value, col(Contact.removed_at).is_(None))).first()
        if contact is None:
            raise NotFound(Code.CONTACT_NOT_FOUND, organisation=organisation.navn,
                           role=role.value, email=address)
        signed = list(session.exec(
            select(Signature.agreement_id, Signature.status, Agreement.status)
            .join(Agreement, col(Agreement.id) == Signature.agreement_id)
            .where(Signature.contact_id == contact.id)))
        awaited = [aid for aid, mine, theirs in signed
                   if mine == SignatureStatus.PENDING and theirs in values(SIGNABLE)]
        if awaited:
            raise Refused(Code.CONTACT_ASKED_TO_SIGN, name=contact.name, agreement=awaited[0])
        if signed:
            contact.removed_at = work.clock.now()
        else:
            session.delete(contact)
        audit.record(session, actor=work.actor, action="contact.removed",
                     subject=f"org:{organisation.orgnr}",
                     data={"name": contact.name, "email": address, "role": role.value,
                           "kept_for_signatures": bool(signed)})
        return f"{organisation.navn} ({organisation.orgnr}): {role.value} {contact.name} " \
               f"<{address}> removed"
