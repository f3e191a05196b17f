"""One function per operation a person, an operator or the system takes, each taking one
typed input model (a `Command`) and returning a typed `Outcome`.

The CLI, the Prefect flows and the portal call them only through `execute(app, command)`,
which finds the function by the command's type and first asks `agreements.access.policy`
whether the app's actor may run it. A command says its name once (`Command.action`: also
its flow's and deployment's) and its rule (`Command.rule`).

`ACTIONS` are the actions a person takes, each with a flow of its own whose one parameter is
the model (so the Prefect run form shows labelled fields); `OPERATIONS` are the rest
(onboarding, the scheduled jobs, delivery, `init`, signing in and out), each with the front
door recipe it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agreements.access import policy
from agreements.commands.agreements import (
    CreateAgreement,
    RecordDecline,
    RecordSignature,
    RenewAgreement,
    SendAgreement,
    TerminateAgreement,
    WithdrawAgreement,
    create_agreement,
    record_decline,
    record_signature,
    renew_agreement,
    send_agreement,
    terminate_agreement,
    withdraw_agreement,
)
from agreements.commands.base import Command, Outcome, build
from agreements.commands.files import RunFileOutcome, StageRunFile, stage_run_file
from agreements.commands.jobs import (
    FollowUp,
    FollowUpOutcome,
    PollOutcome,
    PollSignatures,
    ReportOutcome,
    RolloutReport,
    follow_up,
    poll_signatures,
    rollout_report,
)
from agreements.commands.nhn import (
    ConfirmOrder,
    PlaceOrder,
    RecordOutsideOrder,
    RecordTerms,
    RejectOrder,
    confirm_order,
    place_order,
    record_outside_order,
    record_terms,
    reject_order,
)
from agreements.commands.onboarding import (
    OnboardBatch,
    OnboardingOutcome,
    OnboardOrganisation,
    onboard_batch,
    onboard_organisation,
)
from agreements.commands.operations import (
    DeliverOutbox,
    DeliveryOutcome,
    ExportDocuments,
    ExportOutcome,
    InitDatabase,
    InitOutcome,
    RetryOutbox,
    VerifyAudit,
    deliver_outbox,
    export_documents,
    init_database,
    retry_outbox,
    verify_audit,
)
from agreements.commands.organisations import (
    ConfirmOrganiser,
    RegisterOrganisation,
    RemoveContact,
    RouteOrganisation,
    SaveContact,
    UpdateOrganisation,
    confirm_organiser,
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
from agreements.commands.signin import (
    IssueSignInLink,
    LinkOutcome,
    MailSignInLink,
    RequestSignInLink,
    SignedIn,
    SignIn,
    SignOut,
    SignOutEverywhere,
    issue_sign_in_link,
    mail_sign_in_link,
    request_sign_in_link,
    sign_in,
    sign_out,
    sign_out_everywhere,
)

if TYPE_CHECKING:
    from agreements.app import App


@dataclass(frozen=True)
class Spec:
    """A command's model and the function that runs it; its name comes from the model."""

    model: type[Command]
    run: Callable[[App, Any], Outcome]

    @property
    def name(self) -> str:
        return self.model.action


def _by_name(*specs: Spec) -> dict[str, Spec]:
    return {s.name: s for s in specs}


ACTIONS: dict[str, Spec] = _by_name(
    Spec(RegisterOrganisation, register_organisation),
    Spec(SaveContact, save_contact),
    Spec(RemoveContact, remove_contact),
    Spec(UpdateOrganisation, update_organisation),
    Spec(RouteOrganisation, route_organisation),
    Spec(ConfirmOrganiser, confirm_organiser),
    Spec(CreateAgreement, create_agreement),
    Spec(SendAgreement, send_agreement),
    Spec(WithdrawAgreement, withdraw_agreement),
    Spec(TerminateAgreement, terminate_agreement),
    Spec(RenewAgreement, renew_agreement),
    Spec(RecordSignature, record_signature),
    Spec(RecordDecline, record_decline),
    Spec(CompleteItem, complete_item),
    Spec(WaiveItem, waive_item),
    Spec(ReopenItem, reopen_item),
    Spec(ReviewItem, review_item),
    Spec(PlaceOrder, place_order),
    Spec(ConfirmOrder, confirm_order),
    Spec(RecordOutsideOrder, record_outside_order),
    Spec(RejectOrder, reject_order),
    Spec(RecordTerms, record_terms),
    Spec(GoLive, go_live),
    Spec(RetryOutbox, retry_outbox),
)
OPERATIONS: dict[str, Spec] = _by_name(
    Spec(OnboardOrganisation, onboard_organisation),
    Spec(OnboardBatch, onboard_batch),
    Spec(FollowUp, follow_up),
    Spec(PollSignatures, poll_signatures),
    Spec(RolloutReport, rollout_report),
    Spec(DeliverOutbox, deliver_outbox),
    Spec(InitDatabase, init_database),
    Spec(VerifyAudit, verify_audit),
    Spec(ExportDocuments, export_documents),
    Spec(StageRunFile, stage_run_file),
    Spec(IssueSignInLink, issue_sign_in_link),
    Spec(RequestSignInLink, request_sign_in_link),
    Spec(MailSignInLink, mail_sign_in_link),
    Spec(SignIn, sign_in),
    Spec(SignOut, sign_out),
    Spec(SignOutEverywhere, sign_out_everywhere),
)
COMMANDS: dict[type[Command], Spec] = {s.model: s for s in (*ACTIONS.values(),
                                                            *OPERATIONS.values())}


def execute(app: App, command: Command) -> Outcome:
    """Run `command` for the app's actor, the same way for every front door: the function is
    found by the command's type, and the actor is checked before anything runs (a refusal is
    `Refused` with its code)."""
    spec = COMMANDS.get(type(command))
    if spec is None:
        raise TypeError(f"{type(command).__name__} is not a command of agreements.commands")
    policy.check(app.who, command, app.transaction)
    outcome = spec.run(app, command)
    outcome.action = spec.name
    return outcome


__all__ = [
    "ACTIONS", "COMMANDS", "OPERATIONS", "Command", "CompleteItem", "ConfirmOrder",
    "ConfirmOrganiser", "CreateAgreement", "DeliverOutbox", "DeliveryOutcome", "ExportDocuments",
    "ExportOutcome", "FollowUp", "FollowUpOutcome", "GoLive", "InitDatabase", "InitOutcome",
    "IssueSignInLink", "LinkOutcome", "MailSignInLink", "OnboardBatch", "OnboardOrganisation",
    "OnboardingOutcome",
    "Outcome", "PlaceOrder", "PollOutcome", "PollSignatures", "RecordDecline", "RecordOutsideOrder",
    "RecordSignature", "RecordTerms", "RegisterOrganisation", "RejectOrder", "RemoveContact",
    "RenewAgreement", "ReopenItem", "ReportOutcome", "RequestSignInLink", "RetryOutbox",
    "ReviewItem", "RolloutReport", "RouteOrganisation", "RunFileOutcome", "SaveContact",
    "SendAgreement", "SignIn", "SignOut", "SignOutEverywhere", "SignedIn", "Spec", "StageRunFile",
    "TerminateAgreement", "UpdateOrganisation", "VerifyAudit", "WaiveItem", "WithdrawAgreement",
    "build",
    "execute"
]
