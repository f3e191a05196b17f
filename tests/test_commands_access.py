"""Every command as every kind of actor: the access rules allow exactly what the table below
says, and `execute` refuses the others before anything runs (nothing written), whichever
front door calls it. The world is tests/world.py's: Oslo kommune (agreement sent to its
signatory Ola), Bergen, KS and Helse Nord with their coordinators and signatories.

To add a command: give its model an `action` and a `rule`, and a row here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import func, select

from agreements import commands as c
from agreements.access import policy
from agreements.access.actors import Actor, Operator, Person, System, Visitor
from agreements.access.rules import person
from agreements.config import Settings
from agreements.core.models import AuditEvent
from agreements.errorcodes import Code
from agreements.errors import Refused
from tests.helpers import KS, OSLO
from tests.world import World, build_world

# The kinds of actor, and who stands for each in the world.
PEOPLE = {
    "coordinator": "kari@ks.no",  # coordinator of KS, Oslo's organiser
    "other coordinator": "nils@helse-nord.no",  # coordinator of Helse Nord: not Oslo's
    "PJD lead": "siri@oslo.kommune.no",  # Oslo's coordinator (a contact of Oslo)
    "signatory": "ola@oslo.kommune.no",  # Oslo's signatory, asked to sign its agreement
    "countersigner": "kim@ks.no",  # KS's signatory: signs Oslo's agreement second
    "other contact": "berit@bergen.kommune.no",  # a contact of another organisation
}
KINDS = ("operator", "system", "visitor", *PEOPLE)
PERSONS = frozenset(PEOPLE)
OPERATOR = frozenset({"operator"})
SCHEDULED = frozenset({"operator", "system"})
MEMBERS = frozenset({"operator", "coordinator", "PJD lead", "signatory"})
COORDINATORS = frozenset({"operator", "coordinator"})

Make = Callable[[World], Any]
# command → (an instance concerning Oslo, the kinds of actor that may run it)
TABLE: dict[str, tuple[Make, frozenset[str]]] = {
    "register-organisation": (lambda w: c.RegisterOrganisation(orgnr=OSLO, role="kilde"),
                              OPERATOR),
    "onboard-organisation": (lambda w: c.OnboardOrganisation(orgnr=OSLO, role="kilde"),
                             OPERATOR),
    "onboard-batch": (lambda w: c.OnboardBatch(csv_text="orgnr,role\n"), OPERATOR),
    "save-contact": (lambda w: c.SaveContact(orgnr=OSLO, name="P", email="p@oslo.kommune.no",
                                             role="it"), MEMBERS),
    "remove-contact": (lambda w: c.RemoveContact(orgnr=OSLO, email="siri@oslo.kommune.no",
                                                 role="coordinator"), MEMBERS),
    "update-organisation": (lambda w: c.UpdateOrganisation(orgnr=OSLO, her_id="1"), MEMBERS),
    "route-organisation": (lambda w: c.RouteOrganisation(orgnr=OSLO, region="helse-vest"),
                           OPERATOR),
    "create-agreement": (lambda w: c.CreateAgreement(orgnr=OSLO), COORDINATORS),
    "confirm-organiser": (lambda w: c.ConfirmOrganiser(orgnr=OSLO), COORDINATORS),
    "send-agreement": (lambda w: c.SendAgreement(agreement_id=w.sent), COORDINATORS),
    "withdraw-agreement": (lambda w: c.WithdrawAgreement(agreement_id=w.sent, reason="R"),
                           COORDINATORS),
    "terminate-agreement": (lambda w: c.TerminateAgreement(agreement_id=w.sent, reason="R"),
                            COORDINATORS),
    "renew-agreement": (lambda w: c.RenewAgreement(orgnr=OSLO), COORDINATORS),
    "record-signature": (lambda w: _signature(w, None), MEMBERS),
    "record-decline": (lambda w: c.RecordDecline(agreement_id=w.sent, reason="R",
                                                 signer_email="ola@oslo.kommune.no"), OPERATOR),
    "complete-checklist-item": (lambda w: c.CompleteItem(orgnr=OSLO, item="dpia", by="X"),
                                MEMBERS),
    "waive-checklist-item": (lambda w: c.WaiveItem(orgnr=OSLO, item="helseteknologiordningen",
                                                   reason="R"), MEMBERS),
    "reopen-checklist-item": (lambda w: c.ReopenItem(orgnr=OSLO, item="dpia"), OPERATOR),
    "review-checklist-item": (lambda w: c.ReviewItem(orgnr=OSLO, item="dpia",
                                                     decision="accept"), COORDINATORS),
    "place-nhn-order": (lambda w: c.PlaceOrder(orgnr=OSLO), MEMBERS),
    "record-nhn-confirmation": (lambda w: c.ConfirmOrder(orgnr=OSLO, reference="R"), MEMBERS),
    "record-nhn-order-outside": (lambda w: c.RecordOutsideOrder(orgnr=OSLO, reference="R"),
                                 COORDINATORS),
    "record-nhn-rejection": (lambda w: c.RejectOrder(orgnr=OSLO, reason="R"), MEMBERS),
    "record-terms": (lambda w: c.RecordTerms(orgnr=OSLO), MEMBERS),
    "go-live": (lambda w: c.GoLive(orgnr=OSLO), COORDINATORS),
    "retry-outbox": (lambda w: c.RetryOutbox(all_failed=True), OPERATOR),
    "follow-up": (lambda w: c.FollowUp(), SCHEDULED),
    "poll-signatures": (lambda w: c.PollSignatures(), SCHEDULED),
    "rollout-report": (lambda w: c.RolloutReport(), SCHEDULED),
    "deliver-outbox": (lambda w: c.DeliverOutbox(), SCHEDULED),
    "init": (lambda w: c.InitDatabase(), OPERATOR),
    "verify-audit": (lambda w: c.VerifyAudit(), OPERATOR),
    "stage-run-file": (lambda w: c.StageRunFile(purpose="evidence", filename="ros.pdf",
                                                data=b"%PDF-1.4\n"),
                       frozenset({"operator", "coordinator", "other coordinator"})),
    "export-documents": (lambda w: c.ExportDocuments(out_dir="/nonexistent/export"), OPERATOR),
    "issue-sign-in-link": (lambda w: c.IssueSignInLink(email="siri@oslo.kommune.no"),
                           OPERATOR),
    "request-sign-in-link": (lambda w: c.RequestSignInLink(email="siri@oslo.kommune.no",
                                                           client="10.0.0.1"),
                             PERSONS | {"visitor"}),
    "mail-sign-in-link": (lambda w: c.MailSignInLink(email="siri@oslo.kommune.no",
                                                     client="10.0.0.1"),
                          PERSONS | {"visitor"}),
    "sign-in": (lambda w: c.SignIn(token="t" * 40), PERSONS | {"visitor"}),
    "sign-out": (lambda w: c.SignOut(), PERSONS),
    "sign-out-everywhere": (lambda w: c.SignOutEverywhere(email="siri@oslo.kommune.no"),
                            frozenset({"operator", "coordinator", "PJD lead"})),
}
# The same commands where the rule looks further than the organisation.
SPECIAL: dict[str, tuple[Make, frozenset[str]]] = {
    "a signature on paper": (lambda w: _signature(w, "Signert på papir"),
                             frozenset({"operator", "coordinator"})),
    "a mandatory item waived": (lambda w: c.WaiveItem(orgnr=OSLO, item="dpia", reason="R"),
                                COORDINATORS),
    "one file as two items' evidence": (lambda w: c.CompleteItem(
        orgnr=OSLO, item="dpia", by="X", same_evidence_reason="Felles dokument"), COORDINATORS),
    "KS's own coordinator": (lambda w: c.SaveContact(orgnr=KS, name="K", email="k@ks.no",
                                                     role="coordinator"),
                             frozenset({"operator", "coordinator"})),
    "KS's IT contact": (lambda w: c.SaveContact(orgnr=KS, name="K", email="k@ks.no",
                                                role="it"),
                        frozenset({"operator", "coordinator", "countersigner"})),
    "sign out Oslo's signatory": (lambda w: c.SignOutEverywhere(email="ola@oslo.kommune.no"),
                                  frozenset({"operator", "coordinator", "signatory"})),
}


def _signature(w: World, paper: str | None) -> c.RecordSignature:
    """Ola's signature on Oslo's agreement (the file does not matter to the rules)."""
    return c.RecordSignature.model_construct(
        agreement_id=w.sent, signer_email="ola@oslo.kommune.no", signed_copy=None,
        signed_at=None, unverified_reason=paper)


def actor(w: World, kind: str) -> Actor:
    if kind in PEOPLE:
        with w.app.transaction() as s:
            found = person(s, PEOPLE[kind], "session-hash")
        assert found is not None, kind
        return found
    return {"operator": Operator("test"), "system": System("follow-up"),
            "visitor": Visitor()}[kind]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("access")
    return build_world(Settings(data_dir=folder / "var", offline=True, actor="test",
                                pdf=False, allow_draft_templates=True,
                                nhn_email="bestilling@nhn.example"))


def test_the_table_has_a_row_for_every_command() -> None:
    """A command without a row would be checked by nobody."""
    assert set(TABLE) == {spec.name for spec in c.COMMANDS.values()}
    assert all(isinstance(m.rule, policy.Rule) for m in c.COMMANDS)


@pytest.mark.parametrize("name", sorted(TABLE) + sorted(SPECIAL))
def test_each_kind_of_actor_is_allowed_exactly_what_the_table_says(world: World,
                                                                    name: str) -> None:
    """Every kind of actor, for the command: allowed where the table says, refused elsewhere
    (a person who does not reach what it concerns is refused like one of the wrong kind)."""
    make, allowed = {**TABLE, **SPECIAL}[name]
    command = make(world)
    found = {kind for kind in KINDS
             if policy.refusal(actor(world, kind), command, world.app.transaction) is None}
    assert found == allowed


@pytest.mark.parametrize("name", sorted(TABLE))
def test_execute_refuses_before_anything_runs(world: World, name: str) -> None:
    """A refused actor gets `Refused` with the access code, and nothing is written."""
    make, allowed = TABLE[name]
    kind = next(k for k in KINDS if k not in allowed)
    app = world.app.acting_as(actor(world, kind))
    before = _events(world)
    with pytest.raises(Refused) as refused:
        c.execute(app, make(world))
    assert refused.value.code in (Code.NOT_ALLOWED, Code.OUT_OF_REACH)
    assert _events(world) == before


def test_refusals_name_the_action_and_the_kind_of_actor(world: World) -> None:
    """The system may not register an organisation: the refusal says which and who."""
    app = world.app.acting_as(System("follow-up"))
    with pytest.raises(Refused) as refused:
        c.execute(app, c.RegisterOrganisation(orgnr=OSLO, role="kilde"))
    assert refused.value.params == {"action": "register-organisation", "actor": "system"}


def test_a_person_is_refused_what_it_does_not_reach(world: World) -> None:
    """Bergen's contact asking to go live for Oslo: out of reach, not "not allowed"."""
    berit = actor(world, "other contact")
    assert isinstance(berit, Person)
    with pytest.raises(Refused) as refused:
        c.execute(world.app.acting_as(berit), c.GoLive(orgnr=OSLO))
    assert refused.value.code is Code.OUT_OF_REACH


def _events(w: World) -> int:
    with w.app.transaction() as s:
        return s.exec(select(func.count()).select_from(AuditEvent)).one()
