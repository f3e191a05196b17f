"""The weekly rollout report by e-mail (issue 18): each organiser's coordinators get their own
organiser's counts and the link to the report's workbook in the portal, one message per
organiser, person and ISO week through the outbox; the weekly schedule asks for it, a manual
run does not unless told."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from agreements import commands as c
from agreements.app import Clock, open_app
from agreements.config import Settings
from agreements.core.models import OutboxMessage
from tests.world import build_world

MONDAY = date(2026, 12, 7)


def _weekly(settings: Settings, day: date, *, mail: bool = True) -> c.ReportOutcome:
    with open_app(settings, clock=Clock.simulating(day, force=True)) as app:
        outcome = c.execute(app, c.RolloutReport(store=True, mail=mail))
    assert isinstance(outcome, c.ReportOutcome)
    return outcome


def _mails(settings: Settings) -> list[OutboxMessage]:
    with open_app(settings) as app, app.transaction() as s:
        return list(s.exec(select(OutboxMessage).where(
            OutboxMessage.key.startswith("weekly-report:"))))  # type: ignore[attr-defined]


def test_each_organisers_coordinator_gets_the_week_once(settings: Settings, db_url: str) -> None:
    """KS's and Helse Nord's coordinators each get one e-mail for week 50 with their own
    organiser's counts and the workbook's link; a second run that week queues none; week 51
    gets its own. SQLite and PostgreSQL."""
    settings = settings.model_copy(update={"database_url": db_url, "pdf": False})
    build_world(settings)
    first = _weekly(settings, MONDAY)
    again = _weekly(settings, MONDAY + timedelta(days=2))
    mails = {m.key: m for m in _mails(settings)}
    assert sorted(mails) == sorted(first.queued) and again.queued == []
    ks = next(m for k, m in mails.items() if k.startswith("weekly-report:2026-W50:971032146:"))
    assert "kari@ks.no" in ks.recipient and ks.subject.startswith("Innføringsrapport uke 50: KS")
    xlsx = next(f for f in first.stored if f.name.endswith(".xlsx"))
    assert xlsx.link in ks.body and "deltakelser: ikke startet " in ks.body
    assert "Hei Kari" in ks.body and "signatory" not in ks.body
    assert any(k.startswith("weekly-report:2026-W50:") and "helse-nord" in k for k in mails)
    later = _weekly(settings, MONDAY + timedelta(days=7))
    assert later.queued and all(k.startswith("weekly-report:2026-W51:") for k in later.queued)


def test_a_report_without_mail_emails_nobody(settings: Settings) -> None:
    """A report run by hand (mail not asked for) queues no e-mail."""
    build_world(settings.model_copy(update={"pdf": False}))
    assert _weekly(settings, MONDAY, mail=False).queued == []
    assert _mails(settings) == []


def test_the_weekly_report_flow_delivers_the_emails(env_settings: Settings,
                                                   prefect_harness: None) -> None:
    """The scheduled run's parameters (`mail`) make the flow e-mail and deliver at once: the
    messages leave as .eml files in the outbox folder."""
    from flows.followup import rollout_report

    build_world(env_settings)
    outcome = rollout_report(today="2026-12-07", mail=True)
    assert outcome.queued and outcome.delivery and "sent" in outcome.delivery
    sent = [m for m in _mails(env_settings) if m.status == "sent"]
    assert len(sent) == len(outcome.queued)
    assert list(env_settings.outbox_dir.glob("*weekly-report*.eml"))
