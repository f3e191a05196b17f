"""One failing follow-up action is reported; every other action of the day still happens.
Delivery in a flow fails the run for a message refused for good, and only retries the rest."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.core.calendar import add_working_days
from agreements.core.models import OutboxMessage
from agreements.followup import run as followup_run
from agreements.outbox import delivery, queue
from flows.common import DeliveryFailed, deliver, run_on
from tests.conftest import make_app
from tests.helpers import oslo_kilde
from tests.smtp_server import smtp_server


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests are about how the follow-up keeps one failure from the
    rest, not the documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


SENT_ON = date(2026, 11, 25)


def keys(app: App) -> set[str]:
    with app.transaction() as s:
        return set(s.exec(select(OutboxMessage.key)))


def test_a_broken_template_fails_its_letters_but_not_the_day(settings: Settings,
                                                              tmp_path: Path) -> None:
    """With the reminder template broken, the reminder still goes (without its letter),
    the overdue checklist is still reminded, and the failure is in the result."""
    templates = tmp_path / "templates"
    shutil.copytree(settings.templates_dir, templates)
    app = make_app(settings.model_copy(update={"templates_dir": templates}), SENT_ON)
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, created.agreement_id)
    (templates / "paaminnelse.docx").write_bytes(b"not a word document")
    day = add_working_days(SENT_ON, 15)  # reminder 3 and overdue checklist items both due
    result = followup_run.run(open_app(app.settings, clock=Clock(day)), deliver=False)
    assert [f["kind"] for f in result.failed] == ["reminder_letters"]
    assert "FAILED reminder_letters" in followup_run.summary(result)
    new = keys(app)
    assert any(k.startswith("followup:escalate:") or k.startswith("followup:remind:")
               for k in new)
    assert any(k.startswith("followup:notice:") for k in new)


def test_delivery_fails_for_good_on_a_permanent_refusal(settings: Settings) -> None:
    """A 5xx from the mail server is permanent: the delivery task fails (no retry can help)."""
    with smtp_server() as (inbox, port):
        inbox.refuse.add("ukjent@example.no")
        app = make_app(settings.model_copy(update={"smtp_host": "127.0.0.1",
                                                   "smtp_port": port}))
        with app.transaction() as s:
            queue.enqueue(app, s, queue.Mail("t:1", "ukjent@example.no", "Emne", "Tekst"))
        with pytest.raises(DeliveryFailed, match="failed: t:1"), run_on(app):
            deliver.fn()


def test_an_action_run_fails_only_for_a_message_of_its_own(settings: Settings) -> None:
    """An action's flow delivers the whole queue; another message refused for good there is a
    warning and stays `failed` for `outbox list`, while its own refused message fails it."""
    with smtp_server() as (inbox, port):
        inbox.refuse.add("ukjent@example.no")
        app = make_app(settings.model_copy(update={"smtp_host": "127.0.0.1",
                                                   "smtp_port": port}))
        with app.transaction() as s:
            queue.enqueue(app, s, queue.Mail("other:1", "ukjent@example.no", "Emne", "Tekst"))
            queue.enqueue(app, s, queue.Mail("mine:1", "kari@example.no", "Emne", "Tekst"))
        with run_on(app):
            said = deliver.fn({"mine:1"})
        with app.transaction() as s:
            queue.enqueue(app, s, queue.Mail("mine:2", "ukjent@example.no", "Emne", "Tekst"))
        with pytest.raises(DeliveryFailed), run_on(app):
            deliver.fn({"mine:2"})
        with app.transaction() as s:  # the action tries its own at once, before the flow's
            queue.enqueue(app, s, queue.Mail("mine:3", "ukjent@example.no", "Emne", "Tekst"))
        delivery.deliver(app, keys=["mine:3"])
        with pytest.raises(DeliveryFailed, match="mine:3"), run_on(app):
            deliver.fn({"mine:3"})
    assert "1 sent" in said and "1 failed" in said
    with app.transaction() as s:
        status = {m.key: m.status for m in s.exec(select(OutboxMessage))}
    assert status == {"other:1": "failed", "mine:1": "sent", "mine:2": "failed",
                      "mine:3": "failed"}
    assert [m["To"] for m in inbox.messages] == ["kari@example.no"]


def test_delivery_leaves_messages_queued_while_the_mail_server_is_down(
        settings: Settings) -> None:
    """An unreachable mail server is temporary: the task does not wait or retry, it says the
    message is queued for the scheduled deliver-outbox, which sends it once the server is
    back."""
    from tests.conftest import free_port

    port = free_port()
    app = make_app(settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port}))
    with app.transaction() as s:
        queue.enqueue(app, s, queue.Mail("t:2", "kari@example.no", "Emne", "Tekst"))
    with run_on(app):
        said = deliver.fn()
    assert "deliver-outbox" in said
    with app.transaction() as s:
        assert s.exec(select(OutboxMessage.status)).one() == "pending"
