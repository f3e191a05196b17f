"""The organiser's review of evidence: accept, or send back with a reason (the item opens
again and the organisation is told by e-mail, once), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import select

from agreements import commands as c
from agreements.app import App
from agreements.config import Settings
from agreements.core.models import AuditEvent, ChecklistItem, OutboxMessage
from agreements.documents import uploads
from agreements.errors import InvalidInput, Refused
from tests.helpers import OSLO, oslo_kilde


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests are about the organiser's review, not the documents
    (LibreOffice's conversions: test_templates_pdf, test_documents, test_manual_signing and
    the signing tests)."""
    return settings.model_copy(update={"pdf": False})



def item(app: App, key: str) -> ChecklistItem:
    with app.transaction() as s:
        return s.exec(select(ChecklistItem).where(ChecklistItem.process_key == key)).one()


def handed_in(app: App) -> None:
    """Oslo hands in its risk assessment as a file (as the portal does)."""
    oslo_kilde(app)
    staged = uploads.stage(app, "ROS Oslo.pdf", b"%PDF-1.4\n% ROS\n%%EOF\n")
    c.complete_item(app.acting_as("portal:siri@oslo.kommune.no"),
                    c.CompleteItem(orgnr=OSLO, item="risikovurdering", evidence_file=staged))


def mails(app: App) -> list[OutboxMessage]:
    with app.transaction() as s:
        return list(s.exec(select(OutboxMessage).where(
            OutboxMessage.key.startswith("checklist:"))))  # type: ignore[attr-defined]


def test_accepting_keeps_the_item_done_and_records_who(any_app: App) -> None:
    """An accepted item stays done, marked accepted by the reviewer, and nobody is e-mailed."""
    handed_in(any_app)
    kari = any_app.acting_as("portal:kari@ks.no")
    c.review_item(kari, c.ReviewItem(orgnr=OSLO, item="risikovurdering", decision="accept"))
    found = item(any_app, "risikovurdering")
    assert (found.status, found.review_status, found.reviewed_by) == (
        "done", "accepted", "portal:kari@ks.no")
    assert mails(any_app) == []


def test_sending_back_reopens_the_item_and_tells_the_organisation(any_app: App) -> None:
    """The item opens with the reason shown; Oslo's PJD lead gets one e-mail with the reason
    and the link to the checklist in the portal; the review is audited."""
    handed_in(any_app)
    kari = any_app.acting_as("portal:kari@ks.no")
    cmd = c.ReviewItem(orgnr=OSLO, item="risikovurdering", decision="send_back",
                       reason="Mangler vurdering av tilgangsstyring")
    outcome = c.review_item(kari, cmd)
    found = item(any_app, "risikovurdering")
    assert (found.status, found.review_status, found.evidence_id) == ("open", "sent_back", None)
    assert found.review_reason == "Mangler vurdering av tilgangsstyring"
    (mail,) = mails(any_app)
    assert mail.recipient == "Siri Koord <siri@oslo.kommune.no>" and mail.status == "sent"
    assert "Mangler vurdering av tilgangsstyring" in mail.body
    assert "Kari Koordinator har gått gjennom" in mail.body
    assert "http://127.0.0.1:8000/virksomhet/958935420/sjekkliste" in mail.body
    assert outcome.delivery == "1 sent"
    with any_app.transaction() as s:
        audited = s.exec(select(AuditEvent).where(AuditEvent.action == "checklist.reviewed")).one()
    assert audited.actor == "portal:kari@ks.no" and "sent_back" in audited.data


def test_a_new_hand_in_after_sending_back_awaits_review_again(any_app: App) -> None:
    """Handing in again clears the earlier review; a second send-back e-mails again."""
    handed_in(any_app)
    kari = any_app.acting_as("portal:kari@ks.no")
    back = c.ReviewItem(orgnr=OSLO, item="risikovurdering", decision="send_back", reason="Nei")
    c.review_item(kari, back)
    c.complete_item(any_app, c.CompleteItem(orgnr=OSLO, item="risikovurdering",
                                            evidence_url="https://oslo.example/ros-v2"))
    again = item(any_app, "risikovurdering")
    assert (again.status, again.review_status, again.review_reason) == ("done", None, None)
    c.review_item(kari, back)
    assert len(mails(any_app)) == 2


def test_review_needs_a_done_item_and_sending_back_needs_a_reason(any_app: App) -> None:
    """An open item has nothing to review; a send-back without reason is refused, unchanged."""
    handed_in(any_app)
    with pytest.raises(Refused, match="nothing to review"):
        c.review_item(any_app, c.ReviewItem(orgnr=OSLO, item="dpia", decision="accept"))
    with pytest.raises(InvalidInput, match="reason"):
        c.review_item(any_app, c.ReviewItem(orgnr=OSLO, item="risikovurdering",
                                            decision="send_back", reason="  "))
    assert item(any_app, "risikovurdering").review_status is None


def test_evidence_is_stored_under_its_hash_not_the_name_given(any_app: App) -> None:
    """A file named like a path is stored as <item>-<sha256 prefix>.pdf; the name is text."""
    oslo_kilde(any_app)
    staged = uploads.stage(any_app, "../../etc/passwd.pdf", b"%PDF-1.4\n%%EOF\n")
    c.complete_item(any_app, c.CompleteItem(orgnr=OSLO, item="dpia", evidence_file=staged))
    stored = [p for p in any_app.settings.documents_dir.rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [f"dpia-{staged.sha256[:16]}.pdf"]


def test_cli_review_sends_back_with_a_reason(app: App, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`checklist review --send-back` without --reason is one line, exit 1; with it, done."""
    from cli import main

    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(app.settings.data_dir))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    handed_in(app)
    assert main(["checklist", "review", OSLO, "risikovurdering", "--send-back"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["checklist", "review", OSLO, "risikovurdering", "--send-back", "--reason",
                 "Mangler signatur"]) == 0
    assert "sent back" in capsys.readouterr().out
    assert item(app, "risikovurdering").status == "open"
