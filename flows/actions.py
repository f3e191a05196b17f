"""One flow per action of `agreements.commands`, so a coordinator can run each from the
Prefect UI: the flow's only parameter is the action's input model (labelled fields and
drop-downs in the run form), and the flow runs the very command the CLI and the portal run.
The flow's name is the action's, taken from its model.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from agreements import commands as c
from agreements.commands import naming
from flows import names
from flows.common import anchor_artifact, deliver, flow_app, run_command
from flows.errortexts import worded
from flows.forms import form_of, shown

F = TypeVar("F", bound=Callable[..., Any])


def action_flow(model: type[c.Command]) -> Callable[[F], F]:
    """A flow named after the action, described by its model, its runs named after what
    they concern; its one parameter is the model with its run form in bokmål (`form_of`)."""
    made = flow(name=model.action, description=model.__doc__, log_prints=True,
                flow_run_name=names.action(model.action))
    form = Annotated[form_of(model), shown(  # type: ignore[valid-type]
        "Opplysninger", "Det handlingen trenger; feltene forklarer seg selv.")]

    def make(fn: F) -> F:
        run = worded(fn)
        signature = inspect.signature(run)
        run.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[p.replace(annotation=form) for p in signature.parameters.values()])
        return made(run)  # type: ignore[return-value]

    return make


def run_action(command: c.Command) -> c.Outcome:
    """Name the run after what it concerns, run the action, deliver what it queued, and show
    the outcome as an artifact."""
    model = next(t for t in type(command).__mro__ if t in c.COMMANDS)
    command = model.model_validate(command.model_dump())  # the action's own model
    with flow_app() as app:
        names.rename(naming.run_name(app, command.action, command.model_dump()))
        outcome = run_command(command)
        outcome.delivery = deliver(outcome.queued)
        anchor_artifact(app)
    create_markdown_artifact(markdown=f"**{outcome.action}**: {outcome.message}\n\n"
                                      f"e-mail: {outcome.delivery}",
                             description=f"{outcome.action}: outcome")
    print(outcome.message)
    return outcome


@action_flow(c.RegisterOrganisation)
def register_organisation(command: c.RegisterOrganisation) -> c.Outcome:
    return run_action(command)


@action_flow(c.SaveContact)
def save_contact(command: c.SaveContact) -> c.Outcome:
    return run_action(command)


@action_flow(c.RemoveContact)
def remove_contact(command: c.RemoveContact) -> c.Outcome:
    return run_action(command)


@action_flow(c.UpdateOrganisation)
def update_organisation(command: c.UpdateOrganisation) -> c.Outcome:
    return run_action(command)


@action_flow(c.RouteOrganisation)
def route_organisation(command: c.RouteOrganisation) -> c.Outcome:
    return run_action(command)


@action_flow(c.CreateAgreement)
def create_agreement(command: c.CreateAgreement) -> c.Outcome:
    return run_action(command)


@action_flow(c.SendAgreement)
def send_agreement(command: c.SendAgreement) -> c.Outcome:
    return run_action(command)


@action_flow(c.WithdrawAgreement)
def withdraw_agreement(command: c.WithdrawAgreement) -> c.Outcome:
    return run_action(command)


@action_flow(c.TerminateAgreement)
def terminate_agreement(command: c.TerminateAgreement) -> c.Outcome:
    return run_action(command)


@action_flow(c.RenewAgreement)
def renew_agreement(command: c.RenewAgreement) -> c.Outcome:
    return run_action(command)


@action_flow(c.RecordSignature)
def record_signature(command: c.RecordSignature) -> c.Outcome:
    return run_action(command)


@action_flow(c.RecordDecline)
def record_decline(command: c.RecordDecline) -> c.Outcome:
    return run_action(command)


@action_flow(c.CompleteItem)
def complete_checklist_item(command: c.CompleteItem) -> c.Outcome:
    return run_action(command)


@action_flow(c.WaiveItem)
def waive_checklist_item(command: c.WaiveItem) -> c.Outcome:
    return run_action(command)


@action_flow(c.ReopenItem)
def reopen_checklist_item(command: c.ReopenItem) -> c.Outcome:
    return run_action(command)


@action_flow(c.ReviewItem)
def review_checklist_item(command: c.ReviewItem) -> c.Outcome:
    return run_action(command)


@action_flow(c.PlaceOrder)
def place_nhn_order(command: c.PlaceOrder) -> c.Outcome:
    return run_action(command)


@action_flow(c.ConfirmOrder)
def record_nhn_confirmation(command: c.ConfirmOrder) -> c.Outcome:
    return run_action(command)


@action_flow(c.RejectOrder)
def record_nhn_rejection(command: c.RejectOrder) -> c.Outcome:
    return run_action(command)


@action_flow(c.RecordTerms)
def record_terms(command: c.RecordTerms) -> c.Outcome:
    return run_action(command)


@action_flow(c.GoLive)
def go_live(command: c.GoLive) -> c.Outcome:
    return run_action(command)


@action_flow(c.RetryOutbox)
def retry_outbox(command: c.RetryOutbox) -> c.Outcome:
    return run_action(command)
