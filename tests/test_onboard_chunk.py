"""A chunk of onboarding rows is written in one savepoint; when one row is refused while its
organisation is written, or one draft cannot be sent, the chunk is done again row by row: the
refused row reported, the others registered, drafted and sent as if alone, the log whole."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from agreements.app import App
from agreements.commands import OnboardBatch, OnboardingOutcome, SaveContact, execute
from agreements.config import Settings
from agreements.core import audit
from agreements.core.enums import AgreementStatus
from agreements.core.models import (
    Agreement,
    AuditEvent,
    ChecklistItem,
    Contact,
    Organisation,
    OutboxMessage,
    Participation,
)
from agreements.registry.register import Registration, register
from tests.conftest import make_app

SPECIALIST = "123456785"  # valid MOD11, not a kommune
OSLO, BERGEN, TRONDHEIM = "958935420", "964338531", "942110464"
KS = "971032146"  # the kommuner's organiser: its signatory signs second


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the rows a chunk writes and sends are these tests' subject, not the
    documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


def _ks_signatory(app: App) -> None:
    execute(app, SaveContact(orgnr=KS, name="Kim Leder", email="kim@ks.example",
                             role="signatory"))


def _batch(app: App, text: str) -> OnboardingOutcome:
    _ks_signatory(app)
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


def test_a_chunk_of_new_organisations_is_written_as_each_alone_would_be(
        settings: Settings, tmp_path: Path) -> None:
    """Three new kommuner written at once (`write_new`, in one chunk) leave the same
    organisations, contacts, participations, checklists with their due dates and events, in
    the same order, as registering each alone (`write`), and every row is sent."""
    together = make_app(settings, date(2026, 11, 25))
    alone = make_app(settings.model_copy(update={"data_dir": tmp_path / "alone"}),
                     date(2026, 11, 25))
    people = {OSLO: "Ola Oslo <ola@oslo.example>", BERGEN: "Berit Bergen <berit@bergen.example>",
              TRONDHEIM: "Tora Trondheim <tora@trondheim.example>"}
    roles = {OSLO: "begge", BERGEN: "kilde", TRONDHEIM: "kilde"}  # begge: a konsument too
    outcome = _batch(together, "orgnr;role;signatory_name;signatory_email;coordinator_name;"
                     "coordinator_email\n" + "".join(
                         f"{o};{roles[o]};{p.split(' <')[0]};{p.split('<')[1][:-1]};Koord {o};"
                         f"k{o}@example.org\n" for o, p in people.items()))
    assert (outcome.done, outcome.attention) == (3, 0)
    assert all("sent for signing" in r.outcome for r in outcome.rows)
    _ks_signatory(alone)
    for orgnr, person in people.items():
        register(alone, Registration(orgnr=orgnr, role=roles[orgnr], signatory=person,
                                     coordinator=f"Koord {orgnr} <k{orgnr}@example.org>",
                                     offline=True))
    assert _registered(together) == _registered(alone)


def _registered(app: App) -> tuple[list[object], ...]:
    """What registering wrote, in order, without ids and times."""
    with app.transaction() as s:
        events = s.exec(select(AuditEvent.action, AuditEvent.subject, AuditEvent.data).where(
            col(AuditEvent.action).in_(["organisation.registered", "contact.saved",
                                        "participation.registered"])).order_by(
            col(AuditEvent.seq))).all()
        orgs = s.exec(select(Organisation.orgnr, Organisation.navn, Organisation.kind)
                      .order_by(col(Organisation.id))).all()
        contacts = s.exec(select(Organisation.orgnr, Contact.name, Contact.email, Contact.role)
                          .join(Organisation).order_by(col(Contact.id))).all()
        items = s.exec(select(Organisation.orgnr, Participation.role, Participation.area_id,
                              Participation.routed_by, ChecklistItem.process_key,
                              ChecklistItem.due_on)
                       .join(Participation, col(Participation.organisation_id) == Organisation.id)
                       .join(ChecklistItem).order_by(col(ChecklistItem.id))).all()
        assert audit.verify(s, audit.legacy_prefix(s)).ok
    assert {i[1] for i in items} == {"kilde", "konsument"}
    assert any(i[-1] is not None for i in items) and any(i[-1] is None for i in items)
    return [tuple(e) for e in events], [tuple(o) for o in orgs], [tuple(c) for c in contacts], [
        tuple(i) for i in items]
