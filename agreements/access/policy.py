"""Which actor may run which command: one rule set, asked by `commands.execute` before any
command runs (whichever front door calls it) and by the portal before it offers a form.

Each command names its rule (`Command.rule`). A rule admits actors by kind:

    rule            operator  system  visitor  signed-in person
    OPERATOR        yes       -       -        -
    SCHEDULED       yes       yes     -        -
    PORTAL          -         -       yes      yes
    SIGNED_IN       -         -       -        yes (its own session)
    MEMBERS         yes       -       -        reaching the organisation as member or more
    COORDINATORS    yes       -       -        coordinating the organisation
    CONTACTS        yes       -       -        as MEMBERS; at an organiser only its
                                               coordinators give or take coordinator/signatory
    SIGNATURES      yes       -       -        the organiser's coordinator; a member for its
                                               own organisation's signatory; a signer for
                                               itself; a paper signature only a coordinator
    SESSIONS        yes       -       -        itself, or a coordinator of an organisation
                                               the address is a contact of
    ORGANISERS      yes       -       -        a coordinator of an organiser (of one of
                                               its areas): files for its runs
    CHECKLIST       yes       -       -        as MEMBERS; one file as two items' evidence
                                               only the organiser's coordinator
    WAIVERS         yes       -       -        as MEMBERS for an optional item; a mandatory
                                               one only the organiser's coordinator (an
                                               operator names them: the use case checks)

A person's reach is found from the command's `orgnr` or `agreement_id` (see `rules.access`).
A refusal is `Refused(Code.NOT_ALLOWED)` for the wrong kind of actor and
`Refused(Code.OUT_OF_REACH)` (or a more precise code) for a person who does not reach what
the command concerns; the portal answers "not found" before it comes to that.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from agreements import reference
from agreements.access import rules
from agreements.access.actors import Actor, Operator, Person, System, Visitor, kind_of
from agreements.access.rules import Access
from agreements.core.models import Agreement, Contact, Organisation, Signature
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.registry.lookup import find_organisation

PersonCheck = Callable[[Session, Person, Any], Refused | None]


@dataclass(frozen=True)
class Rule:
    """Who may run a command; `person` decides for a signed-in person (None: nobody)."""

    name: str
    operator: bool = True
    system: bool = False
    visitor: bool = False
    person: PersonCheck | None = None
    least: Access = Access.NONE  # the least reach a person needs on the organisation


def action_of(command: Any) -> str:
    return str(type(command).action)


def _out_of_reach(command: Any) -> Refused:
    return Refused(Code.OUT_OF_REACH, action=action_of(command))


def organisation_of(session: Session, command: Any) -> Organisation | None:
    """The organisation a command concerns: by its `orgnr`, or its agreement's."""
    number = getattr(command, "orgnr", None)
    if number:
        return find_organisation(session, number)
    agreement_id = getattr(command, "agreement_id", None)
    agreement = session.get(Agreement, agreement_id) if agreement_id else None
    return rules.agreement_org(session, agreement) if agreement else None


def reach(session: Session, who: Person, command: Any) -> Access:
    org = organisation_of(session, command)
    return rules.access(session, who, org) if org is not None else Access.NONE


def reaching(level: Access) -> PersonCheck:
    def check(session: Session, who: Person, command: Any) -> Refused | None:
        return None if reach(session, who, command) >= level else _out_of_reach(command)

    return check


def _contacts(session: Session, who: Person, command: Any) -> Refused | None:
    org = organisation_of(session, command)
    if org is None or rules.access(session, who, org) is Access.NONE:
        return _out_of_reach(command)
    if not rules.may_give_role(session, who, org, command.role):
        return Refused(Code.ROLE_NOT_YOURS, role=command.role)
    return None


def _signature(session: Session, who: Person, command: Any) -> Refused | None:
    agreement = session.get(Agreement, command.agreement_id)
    if agreement is None or not rules.sees_agreement(session, who, agreement):
        return _out_of_reach(command)
    level = rules.access(session, who, rules.agreement_org(session, agreement))
    if command.unverified_reason and level < Access.COORDINATOR:
        return Refused(Code.PAPER_SIGNATURE_BY_COORDINATOR)
    if getattr(command, "accept_signer", None) and level < Access.COORDINATOR:
        return Refused(Code.ACCEPT_SIGNER_BY_COORDINATOR)
    signatures = session.exec(select(Signature).join(
        Contact, col(Contact.id) == Signature.contact_id).where(
        Signature.agreement_id == agreement.id, Contact.email == command.signer_email))
    if any(rules.may_record_signature(session, who, agreement, s) for s in signatures):
        return None
    return _out_of_reach(command)


def _checklist(session: Session, who: Person, command: Any) -> Refused | None:
    """A member ticks off an item; accepting a file that is already another item's evidence
    is the organiser's coordinator's."""
    level = reach(session, who, command)
    if level < Access.MEMBER:
        return _out_of_reach(command)
    if command.same_evidence_reason and level < Access.COORDINATOR:
        return Refused(Code.SHARED_EVIDENCE_BY_COORDINATOR)
    return None


def _waiver(session: Session, who: Person, command: Any) -> Refused | None:
    """A member waives an optional item; a mandatory one only the organiser's coordinator."""
    level = reach(session, who, command)
    if level < Access.MEMBER:
        return _out_of_reach(command)
    mandatory = {p.key: p.title for p in reference.processes() if p.mandatory}
    if command.item in mandatory and level < Access.COORDINATOR:
        return Refused(Code.ITEM_MANDATORY, title=mandatory[command.item])
    return None


def _sessions(session: Session, who: Person, command: Any) -> Refused | None:
    address = command.email
    if address == who.email:
        return None
    ids = set(session.exec(select(Contact.organisation_id).where(
        Contact.email == address, col(Contact.removed_at).is_(None))))
    orgs = list(session.exec(select(Organisation).where(col(Organisation.id).in_(ids))))
    if any(rules.access(session, who, org) is Access.COORDINATOR for org in orgs):
        return None
    return _out_of_reach(command)


def _organisers(session: Session, who: Person, command: Any) -> Refused | None:
    return None if who.area_ids else Refused(Code.NOT_ALLOWED, action=action_of(command),
                                             actor=kind_of(who))


def _anyone(session: Session, who: Person, command: Any) -> Refused | None:
    return None


OPERATOR = Rule("operator")
SCHEDULED = Rule("scheduled", system=True)
PORTAL = Rule("portal", operator=False, visitor=True, person=_anyone)
SIGNED_IN = Rule("signed-in", operator=False, person=_anyone)
MEMBERS = Rule("members", person=reaching(Access.MEMBER), least=Access.MEMBER)
COORDINATORS = Rule("coordinators", person=reaching(Access.COORDINATOR),
                    least=Access.COORDINATOR)
CONTACTS = Rule("contacts", person=_contacts, least=Access.MEMBER)
SIGNATURES = Rule("signatures", person=_signature)
SESSIONS = Rule("sessions", person=_sessions, least=Access.COORDINATOR)
ORGANISERS = Rule("organisers", person=_organisers, least=Access.COORDINATOR)
CHECKLIST = Rule("checklist", person=_checklist, least=Access.MEMBER)
WAIVERS = Rule("waivers", person=_waiver, least=Access.MEMBER)

Reader = Callable[[], AbstractContextManager[Session]]


def refusal(who: Actor, command: Any, read: Reader) -> Refused | None:
    """Why `who` may not run `command`, or None when it may. Only a signed-in person's
    reach is looked up in the database (`read` opens a transaction for it)."""
    rule: Rule = type(command).rule
    if isinstance(who, Person):
        if rule.person is None:
            return Refused(Code.NOT_ALLOWED, action=action_of(command), actor=kind_of(who))
        with read() as session:
            return rule.person(session, who, command)
    admitted = {Operator: rule.operator, System: rule.system, Visitor: rule.visitor}
    if admitted[type(who)]:
        return None
    return Refused(Code.NOT_ALLOWED, action=action_of(command), actor=kind_of(who))


def check(who: Actor, command: Any, read: Reader) -> None:
    """Raise the refusal when `who` may not run `command`."""
    refused = refusal(who, command, read)
    if refused is not None:
        raise refused


def offered(model: type, level: Access) -> bool:
    """Whether the portal offers the command `model` to a person who reaches an organisation
    this far (its rule admits persons, and this reach is enough); the command checks the rest
    when it runs."""
    rule: Rule = model.rule  # type: ignore[attr-defined]
    return rule.person is not None and level is not Access.NONE and level >= rule.least
