"""Ordering from NHN and NHN's bruksvilkår: order, record NHN's answer, record the terms."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field
from sqlmodel import col, select

from agreements.access import policy
from agreements.access.actors import Person
from agreements.access.policy import Rule
from agreements.commands.base import (
    Command,
    Email,
    Line,
    Moment,
    Orgnr,
    Outcome,
    Reason,
    RoleChoice,
    deliver,
)
from agreements.core.enums import TermsStatus
from agreements.core.models import Participation
from agreements.core.orders import order_for as order_of
from agreements.errorcodes import Code
from agreements.errors import InvalidInput, Refused
from agreements.nhn import order, outside
from agreements.registry.lookup import get_organisation, get_participation

if TYPE_CHECKING:
    from agreements.app import App
    from agreements.core.ports import Work


class PlaceOrder(Command):
    """The organisation orders the service from NHN, in the name of its signatory or PJD
    lead; sent at once. Needs the organisation's HER-id unless explicitly ordered without
    it. A kommune that is kilde and konsument places one order naming both."""

    action: ClassVar[str] = "place-nhn-order"
    rule: ClassVar[Rule] = policy.MEMBERS

    orgnr: Orgnr
    by: Email | None = Field(None, title="Ordered by",
                             description="the organisation's contact (signatory or PJD lead) "
                                         "who places the order, in whose name it goes out; "
                                         "in the portal, the person signed in")
    without_her_id: bool = Field(False, title="Without HER-id",
                                 description="order although no HER-id is registered")
    role: RoleChoice = None


class ConfirmOrder(Command):
    """Record NHN's confirmation of the order, with NHN's reference."""

    action: ClassVar[str] = "record-nhn-confirmation"
    rule: ClassVar[Rule] = policy.MEMBERS

    orgnr: Orgnr
    reference: Line = Field(title="NHN's reference", min_length=1, max_length=200)
    role: RoleChoice = None


class RecordOutsideOrder(Command):
    """Record an order placed outside avtaleflyt that NHN has confirmed, with NHN's
    reference; avtaleflyt then tracks it (the bruksvilkår next)."""

    action: ClassVar[str] = "record-nhn-order-outside"
    rule: ClassVar[Rule] = policy.COORDINATORS

    orgnr: Orgnr
    reference: Line = Field(title="NHN's reference", min_length=1, max_length=200)
    by: Email | None = Field(None, title="Placed by",
                             description="who at the organisation placed the order")
    placed_on: date | None = Field(None, title="Placed on",
                                   description="the day it was placed (default today)")
    role: RoleChoice = None


class RejectOrder(Command):
    """Record that NHN rejected the order (order again once the reason is fixed)."""

    action: ClassVar[str] = "record-nhn-rejection"
    rule: ClassVar[Rule] = policy.MEMBERS

    orgnr: Orgnr
    reason: Reason
    role: RoleChoice = None


class RecordTerms(Command):
    """Record NHN's bruksvilkår: the personal signing link arrived, or the terms are signed."""

    action: ClassVar[str] = "record-terms"
    rule: ClassVar[Rule] = policy.MEMBERS

    orgnr: Orgnr
    state: Literal["link_received", "signed"] = Field(
        "signed", title="Bruksvilkår", description="link_received or signed")
    at: Moment = None
    role: RoleChoice = None


def participation_for(work: Work, orgnr_value: str, role: str | None) -> int:
    """The participation an order concerns: the one in `role`, or, with no role for an
    organisation that is kilde and konsument, the owner of its order (the kilde's before
    there is one: the order names both)."""
    with work.transaction() as session:
        org = get_organisation(session, orgnr_value)
        if role:
            return get_participation(session, org, role).id or 0
        parts = list(session.exec(select(Participation).where(
            Participation.organisation_id == org.id).order_by(col(Participation.role))))
        if len(parts) < 2:
            return get_participation(session, org, None).id or 0
        found = order_of(session, parts[0].id or 0)
        return found.participation_id if found else parts[0].id or 0


def _by(app: App, cmd: PlaceOrder) -> str:
    """Who places the order: a person signed in, in their own name; an operator names the
    organisation's contact."""
    if isinstance(app.who, Person):
        if cmd.by and cmd.by != app.who.email:
            raise Refused(Code.ORDERER_NOT_SELF, person=cmd.by)
        return app.who.email
    if not cmd.by:
        with app.transaction() as session:
            org = get_organisation(session, cmd.orgnr)
        raise InvalidInput(Code.ORDERER_REQUIRED, organisation=org.navn)
    return cmd.by


def place_order(app: App, cmd: PlaceOrder) -> Outcome:
    pid = participation_for(app, cmd.orgnr, cmd.role)
    placed, key = order.place_order(app, pid, by=_by(app, cmd),
                                    without_her_id=cmd.without_her_id)
    message = (f"order {placed.idempotency_key} via {placed.channel} in the name of "
               f"{placed.ordered_by_name} <{placed.ordered_by_email}>" if key
               else f"order {placed.idempotency_key} is {placed.status}")
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=message, **deliver(app, [key] if key else []))


def confirm_order(app: App, cmd: ConfirmOrder) -> Outcome:
    pid = participation_for(app, cmd.orgnr, cmd.role)
    order.decide(app, pid, confirmed=True, text=cmd.reference)
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=f"NHN order confirmed ({cmd.reference})")


def record_outside_order(app: App, cmd: RecordOutsideOrder) -> Outcome:
    pid = participation_for(app, cmd.orgnr, cmd.role)
    recorded = outside.record_outside(app, pid, reference=cmd.reference, by=cmd.by,
                                      placed_on=cmd.placed_on)
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=f"NHN order placed outside avtaleflyt recorded as confirmed "
                           f"({recorded.reference})")


def reject_order(app: App, cmd: RejectOrder) -> Outcome:
    pid = participation_for(app, cmd.orgnr, cmd.role)
    order.decide(app, pid, confirmed=False, text=cmd.reason)
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=f"NHN order rejected: {cmd.reason}")


def record_terms(app: App, cmd: RecordTerms) -> Outcome:
    pid = participation_for(app, cmd.orgnr, cmd.role)
    order.terms(app, pid, TermsStatus(cmd.state), cmd.at)
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=f"bruksvilkår {cmd.state.replace('_', ' ')}")
