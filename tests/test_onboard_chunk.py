"""A chunk of onboarding rows is written in one savepoint; when one row is refused while its
organisation is written, or one draft cannot be sent, the chunk is done again row by row: the
refused row reported, the others registered, drafted and sent as if alone, the log whole."""

from __future__ import annotations

from sqlmodel import col, func, select

from agreements.app import App
from agreements.commands import OnboardBatch, OnboardingOutcome, SaveContact, execute
from agreements.core import audit
from agreements.core.enums import AgreementStatus
from agreements.core.models import Agreement, AuditEvent, Organisation, OutboxMessage
from agreements.registry.register import Registration, register

SPECIALIST = "123456785"  # valid MOD11, not a kommune
OSLO, BERGEN, TRONDHEIM = "958935420", "964338531", "942110464"
KS = "971032146"  # the kommuner's organiser: its signatory signs second


def _batch(app: App, text: str) -> OnboardingOutcome:
    execute(app, SaveContact(orgnr=KS, name="Kim Leder", email="kim@ks.example",
                             role="signatory"))
    outcome = execute(app, OnboardBatch(csv_text=text, offline=True))
    assert isinstance(outcome, OnboardingOutcome)
    return outcome


def test_a_row_refused_in_a_chunk_leaves_the_others_registered_and_sent(any_app: App) -> None:
    """A specialist registered under another name is refused in the middle of a chunk; the
    kommuner before and after it are registered and sent, one without a signatory waits, and
    `audit verify` replays the log."""
    register(any_app, Registration(orgnr=SPECIALIST, role="kilde", kind="avtalespesialist",
                                   name="Psykiater Hansen", kommunenummer="5501"))
    text = ("orgnr;role;kind;name;kommunenummer;signatory_name;signatory_email\n"
            f"{OSLO};kilde;;;;Ola Oslo;ola@oslo.example\n"
            f"{SPECIALIST};kilde;avtalespesialist;Psykolog Olsen;5501;Per;per@olsen.example\n"
            f"{BERGEN};kilde;;;;;\n"
            f"{TRONDHEIM};kilde;;;;Tora Trondheim;tora@trondheim.example\n")
    outcome = _batch(any_app, text)
    said = {r.orgnr: r.outcome for r in outcome.rows}
    assert "Psykiater Hansen" in said[SPECIALIST] and "registered" not in said[SPECIALIST][:12]
    for orgnr in (OSLO, TRONDHEIM):
        assert said[orgnr].startswith("registered; agreement #"), said[orgnr]
        assert said[orgnr].endswith("sent for signing"), said[orgnr]
    assert "waiting for a signatory" in said[BERGEN]
    assert (outcome.done, outcome.attention) == (3, 1)
    with any_app.transaction() as s:
        assert s.exec(select(Organisation.navn).where(
            Organisation.orgnr == SPECIALIST)).one() == "Psykiater Hansen"
        statuses = sorted(s.exec(select(Agreement.status)).all())
        assert statuses == [AgreementStatus.DRAFT.value] + [AgreementStatus.SENT.value] * 2
        requests = s.exec(select(func.count()).select_from(OutboxMessage).where(
            col(OutboxMessage.key).endswith(":request"))).one()
        assert requests == 2
        registered = s.exec(select(AuditEvent.subject).where(
            AuditEvent.action == "organisation.registered")).all()
        assert sorted(registered).count(f"org:{SPECIALIST}") == 1
        assert {f"org:{o}" for o in (OSLO, BERGEN, TRONDHEIM)} <= set(registered)
        assert audit.verify(s, audit.legacy_prefix(s)).ok


def test_a_chunk_that_goes_through_is_the_same_as_row_by_row(any_app: App) -> None:
    """Three kommuner in one chunk: each registered, drafted and sent, one event each of a
    kind, the log verifying."""
    text = ("orgnr;role;signatory_name;signatory_email\n"
            f"{OSLO};kilde;Ola Oslo;ola@oslo.example\n"
            f"{BERGEN};kilde;Berit Bergen;berit@bergen.example\n"
            f"{TRONDHEIM};kilde;Tora Trondheim;tora@trondheim.example\n")
    outcome = _batch(any_app, text)
    assert (outcome.done, outcome.attention) == (3, 0)
    assert all(r.outcome.endswith("sent for signing") for r in outcome.rows)
    with any_app.transaction() as s:
        actions = s.exec(select(AuditEvent.action, func.count()).group_by(
            AuditEvent.action)).all()
        assert dict(actions)["organisation.registered"] >= 3
        assert dict(actions)["agreement.created"] == 3
        assert audit.verify(s, audit.legacy_prefix(s)).ok
