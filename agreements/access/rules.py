"""Who reaches what: the reach of a signed-in person, from its contacts (the rule set that
decides which command each actor may run is `agreements.access.policy`).

A person is an e-mail address registered as a contact. A contact of an organisation is its
*member*: it sees that organisation and acts for it. A coordinator of an organiser (KS, an RHF)
*coordinates* every organisation of the organiser's collaboration areas. A signer of an
agreement (the organiser's signatory who countersigns, say) may open that agreement and hand in
its own signed copy. Nobody else sees anything; the portal answers "not found" to them.
"""

from __future__ import annotations

from enum import IntEnum

from sqlmodel import Session, col, select

from agreements.access.actors import Person
from agreements.contracts.esigning import in_service
from agreements.core.enums import ContactRole, Kind, SignatureStatus
from agreements.core.models import (
    Agreement,
    CollaborationArea,
    Contact,
    Organisation,
    Participation,
    Signature,
)


class Access(IntEnum):
    """How far a person reaches into one organisation (ordered: more is more)."""

    NONE = 0
    MEMBER = 1
    COORDINATOR = 2


def person(session: Session, email: str, key: str | None = None) -> Person | None:
    """The person registered under `email` (acting in the portal session whose key has the
    hash `key`), or None when no contact has that address."""
    address = email.strip().lower()
    contacts = list(session.exec(select(Contact).where(
        Contact.email == address, col(Contact.removed_at).is_(None)).order_by(col(Contact.id))))
    if not contacts:
        return None
    coordinating = [c.organisation_id for c in contacts if c.role == ContactRole.COORDINATOR]
    areas: list[int | None] = list(session.exec(select(CollaborationArea.id).where(
        col(CollaborationArea.organiser_id).in_(coordinating)))) if coordinating else []
    return Person(address, contacts[0].name, frozenset(c.organisation_id for c in contacts),
                  frozenset(a for a in areas if a is not None), key)


def access(session: Session, who: Person, org: Organisation) -> Access:
    """How far `who` reaches into `org`."""
    if who.area_ids:
        areas = session.exec(select(Participation.area_id).where(
            Participation.organisation_id == org.id))
        if who.area_ids & {a for a in areas if a is not None}:
            return Access.COORDINATOR
    return Access.MEMBER if org.id in who.organisation_ids else Access.NONE


GRANTING = frozenset({ContactRole.COORDINATOR, ContactRole.SIGNATORY})


def coordinates(session: Session, who: Person, org: Organisation) -> bool:
    """Whether `who` is a coordinator of the organiser `org` (of one of its areas)."""
    if not who.area_ids:
        return False
    organisers = session.exec(select(CollaborationArea.organiser_id).where(
        col(CollaborationArea.id).in_(list(who.area_ids))))
    return org.id in set(organisers)


def may_give_role(session: Session, who: Person, org: Organisation, role: str) -> bool:
    """Whether `who` may make someone a contact of `org` in `role`.

    An organisation keeps its own contacts, with one exception: a coordinator of an organiser
    (KS, an RHF) reaches every organisation of its areas, and its signatory countersigns their
    agreements, so at an organiser only one of its coordinators may give those two roles —
    never its other contacts, or anyone could make themselves coordinator of a whole area.
    """
    if org.kind == Kind.ORGANISATOR and role in GRANTING:
        return coordinates(session, who, org)
    return True


def agreement_org(session: Session, agreement: Agreement) -> Organisation:
    participation = session.get(Participation, agreement.participation_id)
    assert participation is not None
    org = session.get(Organisation, participation.organisation_id)
    assert org is not None
    return org


def own_signatures(session: Session, who: Person, agreement_id: int) -> list[Signature]:
    """The signatures of the agreement that are `who`'s own (as the registered signer)."""
    return list(session.exec(
        select(Signature).join(Contact, col(Contact.id) == Signature.contact_id)
        .where(Signature.agreement_id == agreement_id, Contact.email == who.email)))


def sees_agreement(session: Session, who: Person, agreement: Agreement) -> bool:
    """Members and coordinators of the organisation see its agreements; a signer its own."""
    if access(session, who, agreement_org(session, agreement)) is not Access.NONE:
        return True
    return bool(own_signatures(session, who, agreement.id or 0))


def may_record_signature(session: Session, who: Person, agreement: Agreement,
                         signature: Signature) -> bool:
    """A coordinator records any signature of its area's agreements; a member its own
    organisation's; a signer its own."""
    level = access(session, who, agreement_org(session, agreement))
    if level is Access.COORDINATOR:
        return True
    if level is Access.MEMBER and signature.organisation_id in who.organisation_ids:
        return True
    return any(s.id == signature.id for s in own_signatures(session, who, agreement.id or 0))


def e_signed(session: Session, agreement: Agreement) -> bool:
    """Whether the agreement is out for signing in a signing service (Posten signering):
    its signatures then come from the service, never from an upload."""
    return in_service(session, agreement.id or 0)


def recordable(session: Session, who: Person, agreement: Agreement) -> list[Signature]:
    """The signatures whose turn it is (pending, the signer asked) and whose signed copy
    `who` may hand in (none while a signing service collects them)."""
    if e_signed(session, agreement):
        return []
    pending = session.exec(select(Signature).where(
        Signature.agreement_id == agreement.id, Signature.status == SignatureStatus.PENDING,
        col(Signature.asked_at).is_not(None)).order_by(col(Signature.position)))
    return [s for s in pending if may_record_signature(session, who, agreement, s)]


def areas(session: Session, who: Person) -> list[CollaborationArea]:
    if not who.area_ids:
        return []
    return list(session.exec(select(CollaborationArea).where(
        col(CollaborationArea.id).in_(list(who.area_ids))).order_by(col(CollaborationArea.key))))


def organisations(session: Session, who: Person) -> list[Organisation]:
    """The organisations `who` is a member of and that take part (not the organisers' own)."""
    taking_part = select(Participation.organisation_id)
    return list(session.exec(select(Organisation).where(
        col(Organisation.id).in_(list(who.organisation_ids)),
        col(Organisation.id).in_(taking_part)).order_by(col(Organisation.navn))))


def agreements_to_sign(session: Session, who: Person) -> list[int]:
    """Agreements with a signature of `who` that is still pending (the countersigner's list)."""
    return sorted({s.agreement_id for s in session.exec(
        select(Signature).join(Contact, col(Contact.id) == Signature.contact_id)
        .where(Contact.email == who.email, Signature.status == SignatureStatus.PENDING,
               col(Signature.asked_at).is_not(None)))})
