"""One flow per action of `agreements.commands`, so a coordinator can run each from the
Prefect UI: the flow's only parameter is the action's input model (labelled fields and
drop-downs in the run form), and the flow runs the very command the CLI and the portal run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from agreements import commands as c
from agreements.app import App
from flows.common import anchor_artifact, deliver, flow_app, parameter
from flows.errortexts import worded

F = TypeVar("F", bound=Callable[..., Any])


def action_flow(name: str) -> Callable[[F], F]:
    """A flow named after the action, described by its model, its runs named after what
    they concern."""
    made = flow(name=name, description=c.ACTIONS[name].model.__doc__, log_prints=True,
                flow_run_name=parameter(name))
    return lambda fn: made(worded(fn))  # type: ignore[return-value]


@task(name="run-action", task_run_name="{name}", cache_policy=NO_CACHE)
def run_action_task(app: App, name: str, command: BaseModel) -> c.Outcome:
    return c.execute(app, name, command)


def run_action(name: str, command: BaseModel) -> dict[str, Any]:
    """Run the action, deliver what it queued, and show the outcome as an artifact."""
    with flow_app() as app:
        outcome = run_action_task(app, name, command)
        outcome.delivery = deliver(app, outcome.queued)
        anchor_artifact(app)
    create_markdown_artifact(markdown=f"**{name}**: {outcome.message}\n\n"
                                      f"e-mail: {outcome.delivery}",
                             description=f"{name}: outcome")
    print(outcome.message)
    return outcome.model_dump()


@action_flow("register-organisation")
def register_organisation(command: c.RegisterOrganisation) -> dict[str, Any]:
    return run_action("register-organisation", command)


@action_flow("save-contact")
def save_contact(command: c.SaveContact) -> dict[str, Any]:
    return run_action("save-contact", command)


@action_flow("remove-contact")
def remove_contact(command: c.RemoveContact) -> dict[str, Any]:
    return run_action("remove-contact", command)


@action_flow("update-organisation")
def update_organisation(command: c.UpdateOrganisation) -> dict[str, Any]:
    return run_action("update-organisation", command)


@action_flow("route-organisation")
def route_organisation(command: c.RouteOrganisation) -> dict[str, Any]:
    return run_action("route-organisation", command)


@action_flow("create-agreement")
def create_agreement(command: c.CreateAgreement) -> dict[str, Any]:
    return run_action("create-agreement", command)


@action_flow("send-agreement")
def send_agreement(command: c.SendAgreement) -> dict[str, Any]:
    return run_action("send-agreement", command)


@action_flow("withdraw-agreement")
def withdraw_agreement(command: c.WithdrawAgreement) -> dict[str, Any]:
    return run_action("withdraw-agreement", command)


@action_flow("record-signature")
def record_signature(command: c.RecordSignature) -> dict[str, Any]:
    return run_action("record-signature", command)


@action_flow("record-decline")
def record_decline(command: c.RecordDecline) -> dict[str, Any]:
    return run_action("record-decline", command)


@action_flow("complete-checklist-item")
def complete_checklist_item(command: c.CompleteItem) -> dict[str, Any]:
    return run_action("complete-checklist-item", command)


@action_flow("waive-checklist-item")
def waive_checklist_item(command: c.WaiveItem) -> dict[str, Any]:
    return run_action("waive-checklist-item", command)


@action_flow("reopen-checklist-item")
def reopen_checklist_item(command: c.ReopenItem) -> dict[str, Any]:
    return run_action("reopen-checklist-item", command)


@action_flow("review-checklist-item")
def review_checklist_item(command: c.ReviewItem) -> dict[str, Any]:
    return run_action("review-checklist-item", command)


@action_flow("place-nhn-order")
def place_nhn_order(command: c.PlaceOrder) -> dict[str, Any]:
    return run_action("place-nhn-order", command)


@action_flow("record-nhn-confirmation")
def record_nhn_confirmation(command: c.ConfirmOrder) -> dict[str, Any]:
    return run_action("record-nhn-confirmation", command)


@action_flow("record-nhn-rejection")
def record_nhn_rejection(command: c.RejectOrder) -> dict[str, Any]:
    return run_action("record-nhn-rejection", command)


@action_flow("record-terms")
def record_terms(command: c.RecordTerms) -> dict[str, Any]:
    return run_action("record-terms", command)


@action_flow("go-live")
def go_live(command: c.GoLive) -> dict[str, Any]:
    return run_action("go-live", command)


@action_flow("retry-outbox")
def retry_outbox(command: c.RetryOutbox) -> dict[str, Any]:
    return run_action("retry-outbox", command)
