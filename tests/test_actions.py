"""Every action runs the same way through each front door: the command itself, the CLI, its
Prefect flow, and the portal where it offers the action. One world is built per test; each
action's effect is checked in the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from agreements import commands as c
from agreements.app import App
from agreements.config import Settings
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    Contact,
    NhnOrder,
    Organisation,
    OutboxMessage,
)
from agreements.documents import uploads
from agreements.errors import GateClosed, IllegalTransition, Refused
from cli import main
from flows.errortexts import Refusal
from tests.helpers import OSLO, signed_copy
from tests.world import (
    HALDEN,
    KLINIKK,
    KLINIKK2,
    SPESIALIST,
    STAVANGER,
    World,
    build_world,
    one,
    pid,
)


def status_of(app: App, agreement_id: int) -> str:
    return one(app, Agreement, Agreement.id == agreement_id).status


@dataclass
class Case:
    command: Callable[[World], Any]
    argv: Callable[[World], list[str]]
    check: Callable[[World], None]
    refused: type[Exception] | None = None


def staged(w: World) -> uploads.Upload:
    return uploads.stage(w.app, "signert.pdf", signed_copy(w.app, w.sent))


def signed_file(w: World) -> str:
    path = w.app.settings.data_dir / "signert.pdf"
    path.write_bytes(signed_copy(w.app, w.sent))
    return str(path)


CASES: dict[str, Case] = {
    "register-organisation": Case(
        lambda w: c.RegisterOrganisation(orgnr=HALDEN, role="kilde"),
        lambda w: ["org", "add", HALDEN, "--role", "kilde"],
        lambda w: one(w.app, Organisation, Organisation.orgnr == HALDEN)),
    "save-contact": Case(
        lambda w: c.SaveContact(orgnr=OSLO, name="Per IT", email="per@oslo.kommune.no",
                                role="it"),
        lambda w: ["org", "contact", "add", OSLO, "--name", "Per IT", "--email",
                   "per@oslo.kommune.no", "--role", "it"],
        lambda w: one(w.app, Contact, Contact.email == "per@oslo.kommune.no")),
    "remove-contact": Case(
        lambda w: c.RemoveContact(orgnr=OSLO, email="siri@oslo.kommune.no", role="coordinator"),
        lambda w: ["org", "contact", "remove", OSLO, "--email", "siri@oslo.kommune.no",
                   "--role", "coordinator"],
        lambda w: _eq(_contacts(w, "siri@oslo.kommune.no"), 0)),
    "update-organisation": Case(
        lambda w: c.UpdateOrganisation(orgnr=OSLO, her_id="81234"),
        lambda w: ["org", "update", OSLO, "--her-id", "81234"],
        lambda w: _eq(one(w.app, Organisation, Organisation.orgnr == OSLO).her_id, "81234")),
    "route-organisation": Case(
        lambda w: c.RouteOrganisation(orgnr=SPESIALIST, region="helse-vest"),
        lambda w: ["org", "route", SPESIALIST, "--region", "helse-vest"],
        lambda w: _eq(_area(w, SPESIALIST), "helse-vest")),
    "create-agreement": Case(
        lambda w: c.CreateAgreement(orgnr=STAVANGER),
        lambda w: ["agreement", "create", STAVANGER],
        lambda w: _eq(status_of(w.app, w.draft + 1), "draft")),
    "send-agreement": Case(
        lambda w: c.SendAgreement(agreement_id=w.draft),
        lambda w: ["agreement", "send", str(w.draft)],
        lambda w: _eq(status_of(w.app, w.draft), "sent")),
    "withdraw-agreement": Case(
        lambda w: c.WithdrawAgreement(agreement_id=w.sent, reason="Feil mal"),
        lambda w: ["agreement", "withdraw", str(w.sent), "--reason", "Feil mal"],
        lambda w: _eq(status_of(w.app, w.sent), "withdrawn")),
    "terminate-agreement": Case(  # Oslo's is out for signing, not in force
        lambda w: c.TerminateAgreement(agreement_id=w.sent, reason="Trekker seg fra PJD"),
        lambda w: ["agreement", "terminate", str(w.sent), "--reason", "Trekker seg fra PJD"],
        lambda w: None, refused=IllegalTransition),
    "renew-agreement": Case(  # Oslo has no agreement in force yet
        lambda w: c.RenewAgreement(orgnr=OSLO),
        lambda w: ["agreement", "renew", OSLO],
        lambda w: None, refused=Refused),
    "record-signature": Case(
        lambda w: c.RecordSignature(agreement_id=w.sent, signer_email="ola@oslo.kommune.no",
                                    signed_copy=staged(w)),
        lambda w: ["agreement", "sign", str(w.sent), "--signer", "ola@oslo.kommune.no",
                   "--file", signed_file(w)],
        lambda w: _eq(status_of(w.app, w.sent), "partially_signed")),
    "record-decline": Case(
        lambda w: c.RecordDecline(agreement_id=w.sent, signer_email="ola@oslo.kommune.no",
                                  reason="Ikke behandlet"),
        lambda w: ["agreement", "decline", str(w.sent), "--signer", "ola@oslo.kommune.no",
                   "--reason", "Ikke behandlet"],
        lambda w: _eq(status_of(w.app, w.sent), "declined")),
    "complete-checklist-item": Case(
        lambda w: c.CompleteItem(orgnr=OSLO, item="risikovurdering",
                                 evidence_url="https://oslo.example/ros"),
        lambda w: ["checklist", "done", OSLO, "risikovurdering", "--evidence",
                   "https://oslo.example/ros"],
        lambda w: _item(w, "risikovurdering", "done")),
    "waive-checklist-item": Case(
        lambda w: c.WaiveItem(orgnr=OSLO, item="helseteknologiordningen", reason="Søker ikke"),
        lambda w: ["checklist", "waive", OSLO, "helseteknologiordningen", "--reason",
                   "Søker ikke"],
        lambda w: _item(w, "helseteknologiordningen", "waived")),
    "review-checklist-item": Case(
        lambda w: c.ReviewItem(orgnr=OSLO, item="helsenett_medlemskap", decision="send_back",
                               reason="Mangler bekreftelse fra NHN"),
        lambda w: ["checklist", "review", OSLO, "helsenett_medlemskap", "--send-back",
                   "--reason", "Mangler bekreftelse fra NHN"],
        lambda w: _item(w, "helsenett_medlemskap", "open")),
    "reopen-checklist-item": Case(
        lambda w: c.ReopenItem(orgnr=OSLO, item="helsenett_medlemskap"),
        lambda w: ["checklist", "reopen", OSLO, "helsenett_medlemskap"],
        lambda w: _item(w, "helsenett_medlemskap", "open")),
    "place-nhn-order": Case(
        lambda w: c.PlaceOrder(orgnr=KLINIKK2, without_her_id=True),
        lambda w: ["nhn", "order", KLINIKK2, "--without-her-id"],
        lambda w: _eq(_order(w, KLINIKK2).status, "submitted")),
    "record-nhn-confirmation": Case(
        lambda w: c.ConfirmOrder(orgnr=KLINIKK, reference="NHN-1"),
        lambda w: ["nhn", "confirm", KLINIKK, "--reference", "NHN-1"],
        lambda w: _eq(_order(w, KLINIKK).status, "confirmed")),
    "record-nhn-rejection": Case(
        lambda w: c.RejectOrder(orgnr=KLINIKK, reason="Mangler HER-id"),
        lambda w: ["nhn", "reject", KLINIKK, "--reason", "Mangler HER-id"],
        lambda w: _eq(_order(w, KLINIKK).status, "rejected")),
    "record-terms": Case(
        lambda w: c.RecordTerms(orgnr=KLINIKK, state="link_received"),
        lambda w: ["nhn", "terms", KLINIKK, "--link-received"],
        lambda w: _eq(_order(w, KLINIKK).terms_status, "link_received")),
    "go-live": Case(
        lambda w: c.GoLive(orgnr=OSLO),
        lambda w: ["golive", OSLO],
        lambda w: None, refused=GateClosed),
    "retry-outbox": Case(
        lambda w: c.RetryOutbox(all_failed=True),
        lambda w: ["outbox", "retry", "--all-failed"],
        lambda w: _eq(one(w.app, OutboxMessage, OutboxMessage.id == w.failed).status, "sent")),
}


def _eq(found: object, wanted: object) -> None:
    assert found == wanted


def _contacts(w: World, email: str) -> int:
    from sqlmodel import select

    with w.app.transaction() as s:
        return len(list(s.exec(select(Contact).where(Contact.email == email))))


def _item(w: World, key: str, status: str) -> None:
    _eq(one(w.app, ChecklistItem, ChecklistItem.process_key == key,
            ChecklistItem.occurrence == "", ChecklistItem.participation_id == 1).status, status)


def _area(w: World, orgnr: str) -> str:
    from agreements.core.models import CollaborationArea, Participation

    part = one(w.app, Participation, Participation.id == pid(w.app, orgnr))
    return str(one(w.app, CollaborationArea, CollaborationArea.id == part.area_id).key)


def _order(w: World, orgnr: str) -> NhnOrder:
    return one(w.app, NhnOrder, NhnOrder.participation_id == pid(w.app, orgnr))


def test_every_action_has_a_case_and_a_flow() -> None:
    """The table below covers every action, and flows/actions.py has a flow for each."""
    import flows.actions

    assert set(CASES) == set(c.ACTIONS)
    flows_by_name = {f.name for f in vars(flows.actions).values() if hasattr(f, "fn")}
    assert set(c.ACTIONS) <= flows_by_name




@pytest.mark.parametrize("name", sorted(CASES))
def test_action_through_the_command(name: str, env_settings: Settings) -> None:
    """The command itself does what the action says (or refuses, naming why)."""
    w, case = build_world(env_settings), CASES[name]
    if case.refused:
        with pytest.raises(case.refused):
            c.execute(w.app, case.command(w))
        return
    outcome = c.execute(w.app, case.command(w))
    assert outcome.action == name
    case.check(w)


@pytest.mark.parametrize("name", sorted(CASES))
def test_action_through_the_cli(name: str, env_settings: Settings,
                                capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI builds the same command from its options; a refusal is one line, exit 1."""
    w, case = build_world(env_settings), CASES[name]
    capsys.readouterr()
    code = main(case.argv(w))
    err = capsys.readouterr().err
    if case.refused:
        assert code == 1 and err.count("\n") == 1
        return
    assert code == 0, err
    case.check(w)


@pytest.mark.parametrize("name", sorted(CASES))
def test_action_through_its_flow(name: str, env_settings: Settings,
                                 prefect_harness: None) -> None:
    """The action's flow takes the command as its one parameter and runs the same action."""
    import flows.actions

    w, case = build_world(env_settings), CASES[name]
    flow_fn = next(f for f in vars(flows.actions).values() if getattr(f, "name", "") == name)
    if case.refused:  # worded for the Prefect UI, the domain's error kept
        with pytest.raises(Refusal) as refused:
            flow_fn(command=case.command(w))
        assert isinstance(refused.value.error, case.refused)
        return
    assert flow_fn(command=case.command(w)).action == name
    case.check(w)
