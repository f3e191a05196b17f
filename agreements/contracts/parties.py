"""The two parties of a kilde's agreement and their contacts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from agreements.core.db import chunks, locked, preload
from agreements.core.enums import ContactRole
from agreements.core.models import CollaborationArea, Contact, Organisation, Participation
from agreements.documents.contexts import Party, Person
from agreements.errorcodes import Code
from agreements.errors import NotFound
from agreements.messages import Avsender
from agreements.outbox import queue

_MEMO = "avtaleflyt.contacts"  # session.info: organisation id → its contacts, while remembering


@dataclass
class Parties:
    participation: Participation
    org: Organisation
    area: CollaborationArea
    organiser: Organisation

    @property
    def sides(self) -> tuple[Organisation, Organisation]:
        """In signing order: the organisation first, then the organiser countersigns."""
        return self.org, self.organiser

    def party(self, org: Organisation) -> Party:
        return Party(org.navn, org.orgnr)


def locked_participation(session: Session, participation_id: int
                         ) -> tuple[Participation, Organisation]:
    """A participation locked for the change about to be made to it, and its organisation."""
    participation = locked(session, Participation, participation_id)
    if participation is None:
        raise NotFound(Code.PARTICIPATION_NOT_FOUND, participation=participation_id)
    org = session.get(Organisation, participation.organisation_id)
    assert org is not None
    return participation, org


def parties_of(session: Session, participation_id: int) -> Parties:
    participation = session.get(Participation, participation_id)
    if participation is None:
        raise NotFound(Code.PARTICIPATION_NOT_FOUND, participation=participation_id)
    org = session.get(Organisation, participation.organisation_id)
    area = session.get(CollaborationArea, participation.area_id) if participation.area_id else None
    if org is None or area is None:
        raise NotFound(Code.NO_AREA, participation=participation_id)
    organiser = session.get(Organisation, area.organiser_id)
    assert organiser is not None
    return Parties(participation, org, area, organiser)


def preload_parties(session: Session, participation_ids: Sequence[int]) -> None:
    """Read the parties of many participations in a few queries (`parties_of` then finds
    them in the session), and, while remembering, their contacts."""
    participations = preload(session, Participation, participation_ids)
    areas = preload(session, CollaborationArea,
                    [p.area_id for p in participations if p.area_id is not None])
    orgs = preload(session, Organisation, [p.organisation_id for p in participations]
                   + [a.organiser_id for a in areas])
    memo = session.info.get(_MEMO)
    if memo is None:
        return
    for part in chunks(o.id for o in orgs if o.id is not None and o.id not in memo):
        for oid in part:
            memo[oid] = []
        for c in session.exec(_current(col(Contact.organisation_id).in_(part))):
            memo[c.organisation_id].append(c)


def _current(*where: Any) -> SelectOfScalar[Contact]:
    """The contacts still there (not removed) of the organisations `where` picks, in the
    order they were added."""
    return select(Contact).where(col(Contact.removed_at).is_(None), *where) \
        .order_by(col(Contact.id))


def contacts_of(session: Session, org: Organisation,
                role: ContactRole | None = None) -> list[Contact]:
    memo = session.info.get(_MEMO)
    if memo is None:
        q = _current(Contact.organisation_id == org.id)
        if role:
            q = q.where(Contact.role == role.value)
        return list(session.exec(q))
    if org.id not in memo:
        memo[org.id] = list(session.exec(_current(Contact.organisation_id == org.id)))
    return [c for c in memo[org.id] if role is None or c.role == role.value]


@contextmanager
def remembering(session: Session) -> Iterator[None]:
    """Within the block, each organisation's contacts are read once (a batch drafting or
    sending many agreements of one organiser); for blocks that change no contact."""
    session.info[_MEMO] = {}
    try:
        yield
    finally:
        session.info.pop(_MEMO, None)


def signatory_of(session: Session, org: Organisation) -> Contact | None:
    """Who signs for `org`: its first signatory still on record (the draft names them, and
    sending asks them)."""
    found = contacts_of(session, org, ContactRole.SIGNATORY)
    return found[0] if found else None


def people(session: Session, *orgs: Organisation) -> list[Person]:
    return [Person(c.name, c.email, c.role, o.navn, c.title or "")
            for o in orgs for c in contacts_of(session, o)]


def notify_list(session: Session, *orgs: Organisation) -> list[Contact]:
    """Signatories and coordinators of the given organisations, one per e-mail address."""
    seen: dict[str, Contact] = {}
    for o in orgs:
        for c in contacts_of(session, o):
            if c.role in (ContactRole.SIGNATORY, ContactRole.COORDINATOR):
                seen.setdefault(c.email, c)
    return list(seen.values())


def coordinators(session: Session, org: Organisation) -> list[Contact]:
    """Whom to tell about a problem: the coordinators, or else the signatories."""
    return (contacts_of(session, org, ContactRole.COORDINATOR)
            or contacts_of(session, org, ContactRole.SIGNATORY))


def return_address(session: Session, organiser: Organisation, fallback: str) -> str:
    """Where signers send their signed copy: the organiser's coordinator."""
    chosen = coordinators(session, organiser)
    return queue.address(chosen[0].name, chosen[0].email) if chosen else fallback


def sender(session: Session, organiser: Organisation) -> Avsender:
    """Who signs the e-mails about an organiser's agreements: the organiser and its first
    coordinator."""
    coordinators = contacts_of(session, organiser, ContactRole.COORDINATOR)
    return Avsender(organiser.navn, coordinators[0].name if coordinators else None)


def signer_for(session: Session, p: Parties, to: Contact) -> Avsender | None:
    """Who signs a message about the agreement to `to`: the organiser and its coordinator,
    except to the organiser's own people, whom avtaleflyt writes to (no coordinator gets a
    message signed with their own name)."""
    return None if to.organisation_id == p.organiser.id else sender(session, p.organiser)
