"""The follow-up run against a real database and a real SMTP server on loopback."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.contracts import signatures as signing
from agreements.core.calendar import add_working_days, norsk_dato
from agreements.core.enums import AgreementStatus
from agreements.core.models import Agreement, AuditEvent, OutboxMessage
from agreements.followup import run as followup_run
from agreements.nhn import order as nhn
from agreements.outbox import delivery
from tests.conftest import make_app
from tests.helpers import oslo_kilde, signed_copy
from tests.smtp_server import smtp_server


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the follow-up's days and messages are what these tests are about, not the
    documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


SENT_ON = date(2026, 11, 25)


def on(app: App, day: date) -> App:
    """The same database and settings, seen on another day."""
    return open_app(app.settings, clock=Clock(day), actor="followup-test")


def sent(app: App) -> int:
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    sending.send(app, created.agreement_id)
    return created.agreement_id


def keys(app: App) -> list[str]:
    with app.transaction() as s:
        return list(s.exec(select(OutboxMessage.key)))


def test_reminders_escalation_and_lapse_over_the_weeks(app: App) -> None:
    """Reminder 1, 2, 3, an escalation to KS, then the lapse told to both parties."""
    aid = sent(app)
    seen: list[list[str]] = []
    for days in (5, 10, 15, 20):
        before = set(keys(app))
        followup_run.run(on(app, add_working_days(SENT_ON, days)))
        seen.append(sorted(k for k in set(keys(app)) - before if ":signature:" in k))
    flat = [k for run_keys in seen for k in run_keys]
    assert [k.split(":")[1] for k in flat] == ["remind"] * 3 + ["escalate"]
    assert [k.rsplit(":", 1)[1] for k in flat[:3]] == ["1", "2", "3"]
    assert seen[3][0].endswith(":kari@ks.no")  # escalated to the organiser's coordinator
    deadline = add_working_days(SENT_ON, app.settings.signing_deadline_days)
    followup_run.run(on(app, add_working_days(deadline, 1)))
    with app.transaction() as s:
        assert s.get(Agreement, aid).status == AgreementStatus.LAPSED  # type: ignore[union-attr]
    lapsed = [k for k in keys(app) if ":lapsed:" in k]
    assert {k.rsplit(":", 1)[1] for k in lapsed} >= {"ola@oslo.kommune.no", "kim@ks.no"}


def test_same_day_twice_sends_nothing_new(app: App) -> None:
    """A second run on the same day plans the same actions and queues nothing."""
    sent(app)
    day = on(app, add_working_days(SENT_ON, 5))
    first = followup_run.run(day)
    before = keys(app)
    second = followup_run.run(day)
    assert keys(app) == before and first.new >= 1 and second.new == 0


def test_dry_run_changes_nothing(app: App) -> None:
    """--dry-run lists what would happen and leaves the database as it was."""
    sent(app)
    before = keys(app)
    result = followup_run.run(on(app, add_working_days(SENT_ON, 5)), dry_run=True)
    assert [a["kind"] for a in result.actions if a["new"]] == ["remind"]
    assert keys(app) == before


def test_weekend_sends_nothing(app: App) -> None:
    """A Saturday run is not a working day: nothing planned, nothing sent."""
    sent(app)
    result = followup_run.run(on(app, date(2026, 12, 5)))
    assert not result.working_day and result.actions == []


def test_unconfirmed_order_chased_and_occurrence_opened(app: App, tmp_path: Path) -> None:
    """An NHN order unconfirmed for 10 working days is chased; after go-live, log control opens."""
    from agreements.core.enums import TermsStatus
    from agreements.nhn import order as nhn_use
    from agreements.readiness import golive
    from tests.test_golive import close_checklist

    aid = sent(app)
    signing.record_signature(app, aid, "ola@oslo.kommune.no",
                             signed_copy(app, aid))
    signing.record_signature(app, aid, "kim@ks.no", signed_copy(app, aid))
    with app.transaction() as s:
        pid = s.get(Agreement, aid).participation_id  # type: ignore[union-attr]
    nhn.place_order(app, pid, by="siri@oslo.kommune.no", without_her_id=True)
    delivery.deliver(app)
    chased = followup_run.run(on(app, add_working_days(SENT_ON, 10)))
    (siri,) = [m for m in chased.messages if m["recipient"] == "siri@oslo.kommune.no"]
    assert any(i["concerns"].startswith("Oslo kommune: Norsk helsenett har ikke bekreftet")
               for i in siri["items"])  # type: ignore[attr-defined]
    assert any(k.startswith("followup:notice:") and k.endswith(":siri@oslo.kommune.no")
               for k in keys(app))
    nhn_use.decide(app, pid, confirmed=True, text="NHN-9")
    nhn_use.terms(app, pid, TermsStatus.SIGNED)
    close_checklist(app, pid, tmp_path)
    golive.go_live(app, pid, date(2026, 12, 1))
    result = followup_run.run(on(app, date(2027, 1, 4)))
    opened = [a for a in result.actions if a["kind"] == "open_occurrence"]
    assert [str(a["day"]) for a in opened] == ["2027-01-01"]


def test_two_runs_at_once_send_each_message_once(settings: Settings, db_url: str) -> None:
    """Two follow-up runs started together, on SQLite and PostgreSQL: every message once."""
    with smtp_server() as (inbox, port):
        base = make_app(settings.model_copy(update={
            "database_url": db_url, "smtp_host": "127.0.0.1", "smtp_port": port}), SENT_ON)
        aid = sent(base)
        delivery.deliver(base)
        inbox.messages.clear()
        deadline = add_working_days(SENT_ON, base.settings.signing_deadline_days)
        day = on(base, add_working_days(deadline, 1))  # lapse day: state change plus mails
        runs = [followup_run.run, followup_run.run]
        barrier = threading.Barrier(len(runs))
        errors: list[BaseException] = []

        def go(fn) -> None:  # type: ignore[no-untyped-def]
            barrier.wait()
            try:
                fn(day)
            except BaseException as exc:  # surfaced below
                errors.append(exc)

        threads = [threading.Thread(target=go, args=(fn,)) for fn in runs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        counts = Counter(inbox.keys())
        assert counts and max(counts.values()) == 1
        assert any(":lapsed:" in k for k in counts)
        with base.transaction() as s:
            lapses = s.exec(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "agreement.lapsed")).one()
            assert lapses == 1
            assert s.get(Agreement, aid).status == AgreementStatus.LAPSED  # type: ignore[union-attr]


def test_escalation_only_after_the_reminders_and_says_how_many_and_when(app: App) -> None:
    """Skipping days, the run on the old escalation day sends reminder 2, not an escalation;
    the escalation comes after reminder 3, on a later run, saying three and the last day."""
    import email

    sent(app)
    followup_run.run(on(app, add_working_days(SENT_ON, 5)))
    followup_run.run(on(app, add_working_days(SENT_ON, 20)))
    outbox = app.settings.data_dir / "outbox"
    assert not list(outbox.glob("*escalate_signature*"))
    followup_run.run(on(app, add_working_days(SENT_ON, 25)))
    assert not list(outbox.glob("*escalate_signature*"))
    followup_run.run(on(app, add_working_days(SENT_ON, 29)))
    assert not list(outbox.glob("*escalate_signature*"))  # four working days: not yet
    followup_run.run(on(app, add_working_days(SENT_ON, 30)))
    (eml,) = outbox.glob("*escalate_signature*")
    body = email.message_from_bytes(eml.read_bytes()).get_payload(decode=True).decode()
    last = norsk_dato(add_working_days(SENT_ON, 25))
    assert f"etter 3 påminnelser (den siste sendt {last})." in body


def test_an_action_whose_subject_moved_on_since_the_plan_does_nothing(app: App) -> None:
    """The day is planned, then Ola's signature is recorded before the reminder is applied
    (the run renders letters in between): no reminder to someone who has signed."""
    from agreements.followup.apply import apply
    from agreements.followup.plan import plan
    from agreements.followup.state import cadence, load_state

    aid = sent(app)
    day = on(app, add_working_days(SENT_ON, 5))
    with day.transaction() as s:
        actions = plan(load_state(s), day.clock.today(), cadence(day.settings))
    (remind,) = [a for a in actions if a.key and a.key.startswith("followup:remind:")]
    signing.record_signature(app, aid, "ola@oslo.kommune.no", signed_copy(app, aid))
    assert apply(day, remind, {}) is False
    assert not [k for k in keys(app) if k.startswith(remind.key)]
    result = followup_run.run(day)  # a whole run, planned afresh, reminds only KS's signer
    reminded = [a["subject"] for a in result.actions if a["kind"] == "remind"]
    assert reminded and f"signature:{remind.signature_id}" not in reminded
