"""One function per action a person or operator takes, each taking one typed input model.

The CLI, the Prefect flows and the portal call exactly these; a flow's parameter *is* the
model, so the Prefect run form shows labelled fields and drop-downs. A command checks its
input, calls the use cases, delivers at once what they queued, and returns an `Outcome`.
`ACTIONS` lists them by name: the name of each is also its flow's and deployment's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agreements.commands.agreements import (
    CreateAgreement,
    RecordDecline,
    RecordSignature,
    SendAgreement,
    WithdrawAgreement,
    create_agreement,
    record_decline,
    record_signature,
    send_agreement,
    withdraw_agreement,
)
from agreements.commands.base import Command, Outcome, build
from agreements.commands.nhn import (
    ConfirmOrder,
    PlaceOrder,
    RecordTerms,
    RejectOrder,
    confirm_order,
    place_order,
    record_terms,
    reject_order,
)
from agreements.commands.operations import RetryOutbox, retry_outbox
from agreements.commands.organisations import (
    RegisterOrganisation,
    RemoveContact,
    RouteOrganisation,
    SaveContact,
    UpdateOrganisation,
    register_organisation,
    remove_contact,
    route_organisation,
    save_contact,
    update_organisation,
)
from agreements.commands.readiness import (
    CompleteItem,
    GoLive,
    ReopenItem,
    ReviewItem,
    WaiveItem,
    complete_item,
    go_live,
    reopen_item,
    review_item,
    waive_item,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

    from agreements.app import App


@dataclass(frozen=True)
class Spec:
    """An action: its name (also its flow's), its input model and its function."""

    name: str
    model: type[BaseModel]
    run: Callable[[App, Any], Outcome]


ACTIONS: dict[str, Spec] = {s.name: s for s in (
    Spec("register-organisation", RegisterOrganisation, register_organisation),
    Spec("save-contact", SaveContact, save_contact),
    Spec("remove-contact", RemoveContact, remove_contact),
    Spec("update-organisation", UpdateOrganisation, update_organisation),
    Spec("route-organisation", RouteOrganisation, route_organisation),
    Spec("create-agreement", CreateAgreement, create_agreement),
    Spec("send-agreement", SendAgreement, send_agreement),
    Spec("withdraw-agreement", WithdrawAgreement, withdraw_agreement),
    Spec("record-signature", RecordSignature, record_signature),
    Spec("record-decline", RecordDecline, record_decline),
    Spec("complete-checklist-item", CompleteItem, complete_item),
    Spec("waive-checklist-item", WaiveItem, waive_item),
    Spec("reopen-checklist-item", ReopenItem, reopen_item),
    Spec("review-checklist-item", ReviewItem, review_item),
    Spec("place-nhn-order", PlaceOrder, place_order),
    Spec("record-nhn-confirmation", ConfirmOrder, confirm_order),
    Spec("record-nhn-rejection", RejectOrder, reject_order),
    Spec("record-terms", RecordTerms, record_terms),
    Spec("go-live", GoLive, go_live),
    Spec("retry-outbox", RetryOutbox, retry_outbox),
)}


def execute(app: App, name: str, command: BaseModel) -> Outcome:
    """Run the action `name` with its command (the same path for every front door)."""
    spec = ACTIONS[name]
    if not isinstance(command, spec.model):
        raise TypeError(f"{name} takes a {spec.model.__name__}, not {type(command).__name__}")
    return spec.run(app, command)


__all__ = [
    "ACTIONS", "Command", "CompleteItem", "ConfirmOrder", "CreateAgreement", "GoLive", "Outcome",
    "PlaceOrder", "RecordDecline", "RecordSignature", "RecordTerms", "RegisterOrganisation",
    "RejectOrder", "RemoveContact", "ReopenItem", "RetryOutbox", "ReviewItem", "RouteOrganisation",
    "SaveContact", "SendAgreement", "Spec", "UpdateOrganisation", "WaiveItem", "WithdrawAgreement",
    "build", "complete_item", "confirm_order", "create_agreement", "execute", "go_live",
    "place_order", "record_decline", "record_signature", "record_terms", "register_organisation",
    "reject_order", "remove_contact", "reopen_item", "retry_outbox", "review_item",
    "route_organisation", "save_contact", "send_agreement", "update_organisation", "waive_item",
    "withdraw_agreement",
]
