"""Outbox keys of bounded length, whatever they name, and a follow-up that counts a message as
done only when it was queued: a coordinator with 300 overdue items gets the reminder."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import func, select

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.core.calendar import add_working_days
from agreements.core.enums import ItemStatus
from agreements.core.models import ChecklistItem, FollowUpNotice, OutboxMessage
from agreements.followup import run as followup_run
from agreements.outbox import delivery, queue
from tests.conftest import make_app
from tests.helpers import oslo_kilde
from tests.smtp_server import smtp_server

REGISTERED = date(2026, 11, 2)  # a Monday
OVERDUE = add_working_days(REGISTERED, 11)
SIRI = "siri@oslo.kommune.no"


def overdue_items(app: App, pid: int, count: int) -> None:
    """`count` more overdue occurrences of log control for one participation."""
    with app.transaction() as s:
        for n in range(count):
            s.add(ChecklistItem(participation_id=pid, process_key="loggkontroll",
                                occurrence=(date(2020, 1, 1) + timedelta(days=n)).isoformat(),
                                status=ItemStatus.OPEN.value, due_on=REGISTERED))


def test_a_checklist_reminder_with_300_overdue_items_is_delivered(settings: Settings) -> None:
    """Siri has 300 overdue items and more: her one message of the day is queued, delivered
    to the SMTP server and counts every item as reminded; nothing failed."""
    with smtp_server() as (inbox, port):
        app = make_app(settings.model_copy(update={"smtp_host": "127.0.0.1",
                                                   "smtp_port": port}), REGISTERED)
        pid = oslo_kilde(app)
        overdue_items(app, pid, 300)
        day = open_app(app.settings, clock=Clock(OVERDUE), actor="keys-test")
        result = followup_run.run(day)
        assert result.failed == []
        reminded = [a for a in result.actions if a["kind"] == "item_reminder"]
        assert len(reminded) >= 300 and all(a["new"] for a in reminded)
        (mail,) = inbox.to(SIRI)
        assert mail["Subject"] is not None
        with app.transaction() as s:
            (stored,) = s.exec(select(OutboxMessage).where(
                OutboxMessage.key == f"followup:notice:{OVERDUE.isoformat()}:{SIRI}")).all()
            assert stored.status == "sent"
            counted = s.exec(select(func.count()).select_from(FollowUpNotice).where(
                FollowUpNotice.recipient == SIRI)).one()
        assert counted == len(reminded)
        assert "already done" not in followup_run.summary(result)


def test_a_key_naming_too_much_is_bounded_and_still_queued_once(app: App) -> None:
    """A key of 1,000 characters is stored as at most 200, queued once however often it is
    asked, and two long names that differ only at the end keep two keys."""
    long = "followup:test:" + ",".join(str(n) for n in range(300))
    other = long + ",300"
    with app.transaction() as s:
        assert queue.enqueue(app, s, queue.Mail(long, "a@x.no", "Emne", "Tekst"))
        assert not queue.enqueue(app, s, queue.Mail(long, "a@x.no", "Emne", "Tekst"))
        assert queue.enqueue(app, s, queue.Mail(other, "a@x.no", "Emne", "Tekst"))
        assert queue.exists(s, long)
        keys = [m.key for m in s.exec(select(OutboxMessage))]
    assert len(keys) == 2 and all(len(k) <= queue.KEY_MAX for k in keys)
    assert all(k.startswith("followup:test:0,1,2") for k in keys)
    assert queue.bounded(queue.bounded(long)) == queue.bounded(long)
    assert queue.bounded("agreement:7:lapsed:a@x.no") == "agreement:7:lapsed:a@x.no"
    report = delivery.deliver(app, keys=[long])
    assert report.sent == [queue.bounded(long)] or report.failed  # found by its long name


def test_a_failed_action_is_not_counted_as_already_done() -> None:
    """The summary counts as done before only what is neither new nor failed."""
    result = followup_run.FollowUpResult(OVERDUE, True, False)
    result.actions = [
        {"kind": "item_reminder", "subject": "item:1", "key": None, "number": 1, "day": None,
         "new": False, "failed": True},
        {"kind": "item_reminder", "subject": "item:2", "key": None, "number": 1, "day": None,
         "new": False},
        {"kind": "item_reminder", "subject": "item:3", "key": None, "number": 1, "day": None,
         "new": True}]
    result.failed = [{"kind": "notices", "subject": "item:1", "error": "boom"}]
    text = followup_run.summary(result)
    assert text.splitlines()[0].endswith("did 1 new action(s), 1 already done")
    assert "FAILED notices item:1: boom" in text
