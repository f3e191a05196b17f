"""Ordering from NHN and NHN's bruksvilkår: order, record NHN's answer, record the terms."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from agreements.access import policy
from agreements.access.policy import Rule
from agreements.commands.base import (
    Command,
    Line,
    Moment,
    Orgnr,
    Outcome,
    Reason,
    RoleChoice,
    deliver,
)
from agreements.core.enums import TermsStatus
from agreements.nhn import order
from agreements.registry.lookup import participation_of

if TYPE_CHECKING:
    from agreements.app import App


class PlaceOrder(Command):
    """Order the service from NHN; sent at once. Needs the organisation's HER-id unless
    explicitly ordered without it."""

    action: ClassVar[str] = "place-nhn-order"
    rule: ClassVar[Rule] = policy.MEMBERS

    orgnr: Orgnr
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


def place_order(app: App, cmd: PlaceOrder) -> Outcome:
    pid = participation_of(app, cmd.orgnr, cmd.role)
    placed, key = order.place_order(app, pid, without_her_id=cmd.without_her_id)
    message = (f"order {placed.idempotency_key} via {placed.channel}" if key
               else f"order {placed.idempotency_key} is {placed.status}")
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=message, **deliver(app, [key] if key else []))


def confirm_order(app: App, cmd: ConfirmOrder) -> Outcome:
    pid = participation_of(app, cmd.orgnr, cmd.role)
    order.decide(app, pid, confirmed=True, text=cmd.reference)
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=f"NHN order confirmed ({cmd.reference})")


def reject_order(app: App, cmd: RejectOrder) -> Outcome:
    pid = participation_of(app, cmd.orgnr, cmd.role)
    order.decide(app, pid, confirmed=False, text=cmd.reason)
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=f"NHN order rejected: {cmd.reason}")


def record_terms(app: App, cmd: RecordTerms) -> Outcome:
    pid = participation_of(app, cmd.orgnr, cmd.role)
    order.terms(app, pid, TermsStatus(cmd.state), cmd.at)
    return Outcome(orgnr=cmd.orgnr, participation_id=pid,
                   message=f"bruksvilkår {cmd.state.replace('_', ' ')}")
