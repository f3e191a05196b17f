"""The joining agreement: create, send, withdraw; record a signature or a decline."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from agreements.access import policy
from agreements.access.policy import Rule
from agreements.commands.annexes import follow_with_annex
from agreements.commands.base import (
    Command,
    Email,
    Moment,
    OptionalText,
    Orgnr,
    Outcome,
    Reason,
    deliver,
)
from agreements.contracts import drafts, ending, regenerate, sending, signatures, term
from agreements.core.bounded import ID_MAX
from agreements.documents.uploads import Upload, load
from agreements.errorcodes import Code
from agreements.errors import NotFound, Refused
from agreements.registry.lookup import get_organisation, get_participation

if TYPE_CHECKING:
    from agreements.app import App

AgreementId = Field(title="Agreement", gt=0, le=ID_MAX,
                    description="its number in `agreement list`")


class CreateAgreement(Command):
    """Generate the joining agreement (DOCX, and PDF where LibreOffice is installed)."""

    action: ClassVar[str] = "create-agreement"
    rule: ClassVar[Rule] = policy.COORDINATORS

    orgnr: Orgnr


class SendAgreement(Command):
    """Send a draft to the signatories, the organisation first (generated again first if the
    parties, contacts or template changed since it was made)."""

    action: ClassVar[str] = "send-agreement"
    rule: ClassVar[Rule] = policy.COORDINATORS

    agreement_id: int = AgreementId


class WithdrawAgreement(Command):
    """Withdraw an agreement that is not yet signed by all (the organiser's decision)."""

    action: ClassVar[str] = "withdraw-agreement"
    rule: ClassVar[Rule] = policy.COORDINATORS

    agreement_id: int = AgreementId
    reason: Reason


class TerminateAgreement(Command):
    """End an agreement in force on purpose (the organiser's decision): both parties and NHN
    are told, a renewal in play is withdrawn, and the follow-up makes no new one."""

    action: ClassVar[str] = "terminate-agreement"
    rule: ClassVar[Rule] = policy.COORDINATORS

    agreement_id: int = AgreementId
    reason: Reason
    on: date | None = Field(None, title="Ends from",
                            description="the first day it no longer applies; empty means "
                                        "today (not a day still to come)")


class RenewAgreement(Command):
    """Make a renewal draft of the agreement in force now. The follow-up drafts a renewal
    once by itself; after one was withdrawn, declined or lapsed, only this makes another."""

    action: ClassVar[str] = "renew-agreement"
    rule: ClassVar[Rule] = policy.COORDINATORS

    orgnr: Orgnr


class RecordSignature(Command):
    """Record a signature with its signed copy, verified against the PDF that was sent; the
    next signer is then asked. A scan of a paper signature needs the reason it is accepted."""

    action: ClassVar[str] = "record-signature"
    rule: ClassVar[Rule] = policy.SIGNATURES

    agreement_id: int = AgreementId
    signer_email: Email = Field(title="Signer", description="e-mail of the signatory who signed")
    signed_copy: Upload = Field(title="Signed copy (PDF)")
    signed_at: Moment = None
    unverified_reason: OptionalText = Field(
        None, title="Signed on paper: why it is accepted unverified", max_length=2000,
        description="Only for a scan without a digital signature; recorded in the audit log and "
                    "printed on the signeringsbekreftelse as «signert på papir»")
    accept_signer: OptionalText = Field(
        None, title="Another signer accepted: why", max_length=2000,
        description="Only when the signature's certificate names someone other than the "
                    "signatory (a deputy with authority) or is not the certificate the "
                    "signatory used before; recorded in the audit log and printed on the "
                    "signeringsbekreftelse. One certificate never counts for two signers")


class RecordDecline(Command):
    """Record that a signatory declined; the agreement ends and both parties are told."""

    action: ClassVar[str] = "record-decline"
    rule: ClassVar[Rule] = policy.OPERATOR

    agreement_id: int = AgreementId
    signer_email: Email = Field(title="Signer", description="e-mail of the signatory")
    reason: Reason


def create_agreement(app: App, cmd: CreateAgreement) -> Outcome:
    with app.transaction() as session:
        org = get_organisation(session, cmd.orgnr)
        try:
            participation = get_participation(session, org, "kilde")
        except NotFound:  # a konsument only: create_agreements refuses it, saying why
            participation = get_participation(session, org, None)
    (created,) = drafts.create_agreements(app, [participation.id or 0])
    note = ("created" if created.created else "already existed: nothing new was generated")
    if created.created and not created.pdf:
        note += " (DOCX only: LibreOffice is not installed)"
    return Outcome(orgnr=org.orgnr,
                   agreement_id=created.agreement_id,
                   message=f"agreement #{created.agreement_id} {note}")


def send_agreement(app: App, cmd: SendAgreement) -> Outcome:
    draft = regenerate.refresh(app, cmd.agreement_id)
    keys = sending.send(app, draft.agreement_id)
    how = ("in Posten signering" if app.signing_provider().remote
           else "by e-mail with the PDF attached")
    note = (f" (#{draft.replaced} was out of date and is superseded: generated again as "
            f"#{draft.agreement_id})" if draft.replaced else "")
    annexed, more = follow_with_annex(app, _participation(app, draft.agreement_id))
    return Outcome(agreement_id=draft.agreement_id,
                   message=f"agreement #{draft.agreement_id} sent for signing {how}{note}"
                           f"{annexed}",
                   **deliver(app, keys + more))


def _participation(app: App, agreement_id: int) -> int:
    with app.transaction() as session:
        return drafts.get_agreement(session, agreement_id).participation_id


def withdraw_agreement(app: App, cmd: WithdrawAgreement) -> Outcome:
    keys = ending.withdraw(app, cmd.agreement_id, cmd.reason)
    return Outcome(agreement_id=cmd.agreement_id,
                   message=f"agreement #{cmd.agreement_id} withdrawn",
                   **deliver(app, keys))


def terminate_agreement(app: App, cmd: TerminateAgreement) -> Outcome:
    keys = term.terminate(app, cmd.agreement_id, cmd.reason, cmd.on)
    day = cmd.on or app.clock.today()
    return Outcome(agreement_id=cmd.agreement_id,
                   message=f"agreement #{cmd.agreement_id} terminated from {day.isoformat()}; "
                           "it will not be renewed",
                   **deliver(app, keys))


def renew_agreement(app: App, cmd: RenewAgreement) -> Outcome:
    from agreements.followup.actions import RenewalDraft
    from agreements.followup.term import renewal_draft

    with app.transaction() as session:
        org = get_organisation(session, cmd.orgnr)
        participation = get_participation(session, org, "kilde")
        current = term.in_force_now(session, participation.id or 0)
        if current is None:
            raise Refused(Code.NOTHING_TO_RENEW, organisation=org.navn)
        renewal = term.renewal_of(session, current)
    if renewal is not None:
        return Outcome(orgnr=org.orgnr, agreement_id=renewal.id,
                       message=f"agreement #{current.id} already has renewal #{renewal.id} "
                               f"({renewal.status}): nothing new was made")
    made = renewal_draft(app, RenewalDraft(participation_id=participation.id or 0,
                                           agreement_id=current.id or 0))
    with app.transaction() as session:
        renewal = term.renewal_of(session, current)
    return Outcome(orgnr=org.orgnr, agreement_id=renewal.id if renewal else None,
                   message=f"renewal #{renewal.id if renewal else '?'} of agreement "
                           f"#{current.id} {'created' if made else 'already existed'}: "
                           "check it and send it for signing",
                   **deliver(app, []))


def record_signature(app: App, cmd: RecordSignature) -> Outcome:
    data = load(app, cmd.signed_copy)
    keys = signatures.record_signature(app, cmd.agreement_id, cmd.signer_email, data,
                                       cmd.signed_at, cmd.unverified_reason, cmd.accept_signer)
    return Outcome(agreement_id=cmd.agreement_id,
                   message=f"signature of {cmd.signer_email} recorded",
                   **deliver(app, keys))


def record_decline(app: App, cmd: RecordDecline) -> Outcome:
    keys = ending.decline(app, cmd.agreement_id, cmd.signer_email, cmd.reason)
    return Outcome(agreement_id=cmd.agreement_id,
                   message=f"{cmd.signer_email} declined agreement #{cmd.agreement_id}",
                   **deliver(app, keys))
