"""Issue 22, item 5: a follow-up claims each reminder's letter before rendering it, so a
reminder another run has claimed is neither rendered nor sent twice; what a run that died
left (a letter no message carries, a file without a row, a temporary file) is counted by
`status` and swept by the next run, and a letter still due is taken over, not rendered again.
On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col, func, select

from agreements.app import App
from agreements.config import Settings
from agreements.contracts import signatures as signing
from agreements.core.calendar import add_working_days
from agreements.core.models import Document, LetterClaim, OutboxMessage, Signature
from agreements.followup import letters
from agreements.followup import run as followup_run
from agreements.followup.actions import Remind
from agreements.followup.plan import plan
from agreements.followup.state import cadence, load_state
from agreements.reporting import health
from cli import main
from tests.helpers import OSLO, signed_copy
from tests.test_followup_run import SENT_ON, on, sent


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: claims, leases and leftovers are what these tests are about; a letter is
    rendered and claimed the same way as a DOCX (16 LibreOffice conversions cost about 11 s
    of a core here; the conversions are tested in test_templates_pdf, test_documents and the
    signing tests)."""
    return settings.model_copy(update={"pdf": False})


def the_reminder(day: App) -> Remind:
    with day.transaction() as s:
        actions = plan(load_state(s), day.clock.today(), cadence(day.settings))
    (remind,) = [a for a in actions if isinstance(a, Remind)]
    return remind


def reminder_letters(app: App) -> list[Document]:
    with app.transaction() as s:
        return list(s.exec(select(Document).where(Document.kind == "reminder")))


def expire_claims(app: App) -> None:
    """Let the claims of the run that died expire (as the lease's time passing would)."""
    with app.transaction() as s:
        s.execute(update(LetterClaim).values(lease_until=datetime.now(UTC) - timedelta(1)))


def aged(path: Path) -> Path:
    """A file written longer ago than the letters' lease."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(b"%PDF-1.4 halvferdig")
    old = time.time() - 2 * letters.LEASE.total_seconds()
    os.utime(path, (old, old))
    return path


def test_a_reminder_claimed_by_a_live_run_is_left_to_it(any_app: App) -> None:
    """While one run holds a reminder's letter, another run renders no letter for it and
    does not send it: it reports it as not its own."""
    sent(any_app)
    day = on(any_app, add_working_days(SENT_ON, 5))
    remind = the_reminder(day)
    claimed = letters.reminder_letters(day, [remind], "run-a")
    assert claimed.mine == {remind.key} and len(reminder_letters(any_app)) == 1
    result = followup_run.run(day)
    row = next(a for a in result.actions if a["key"] == remind.key)
    assert row["new"] is False and len(reminder_letters(any_app)) == 1
    with any_app.transaction() as s:
        assert s.exec(select(OutboxMessage).where(OutboxMessage.key == remind.key)).first() \
            is None


def test_a_dead_runs_letter_still_due_is_taken_over_not_rendered_again(any_app: App) -> None:
    """A run died after storing a reminder's letter: the next run sends that very letter."""
    sent(any_app)
    day = on(any_app, add_working_days(SENT_ON, 5))
    remind = the_reminder(day)
    (letter,) = letters.reminder_letters(day, [remind], "dead").documents.values()
    expire_claims(any_app)
    result = followup_run.run(day)
    assert next(a for a in result.actions if a["key"] == remind.key)["new"] is True
    with any_app.transaction() as s:
        message = s.exec(select(OutboxMessage).where(OutboxMessage.key == remind.key)).one()
        assert s.exec(select(func.count()).select_from(LetterClaim)).one() == 0
    assert f'"documents": [{letter},' in message.attachments
    assert [d.id for d in reminder_letters(any_app)] == [letter]


def test_a_dead_runs_leftovers_are_counted_by_status_then_swept(
        any_app: App, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A letter for a reminder no longer due, a letter file without a row and a temporary
    file: `status` counts the dead run's claims, the next follow-up removes all three."""
    aid = sent(any_app)
    day = on(any_app, add_working_days(SENT_ON, 5))
    remind = the_reminder(day)
    (letter,) = letters.reminder_letters(day, [remind], "dead").documents.values()
    with any_app.transaction() as s:
        ks_signature = s.exec(select(Signature.id).where(Signature.agreement_id == aid,
                                                         Signature.position == 2)).one()
        s.add(LetterClaim(key=f"followup:remind:signature:{ks_signature}:9", holder="dead",
                          signature_id=ks_signature, lease_until=datetime.now(UTC)))
    folder = any_app.settings.documents_dir  # reminder 9 is not due: its file is a leftover
    orphan = aged(folder / "reminders" / f"paaminnelse-{ks_signature}-9-0a1b2c3d.pdf")
    temporary = aged(folder / "agreements" / ".tmp-halvferdig")
    aged(folder / "reminders" / Path(reminder_letters(any_app)[0].path).name)
    signing.record_signature(any_app, aid, "ola@oslo.kommune.no", signed_copy(any_app, aid))
    expire_claims(any_app)
    for key, value in {"AVTALEFLYT_DATA_DIR": str(any_app.settings.data_dir),
                       "AVTALEFLYT_DATABASE_URL": any_app.settings.db_url,
                       "AVTALEFLYT_OFFLINE": "1"}.items():
        monkeypatch.setenv(key, value)
    capsys.readouterr()
    assert main(["status", OSLO]) == 0
    assert "leftovers: 2 reminder letter(s) of a follow-up run that died" in capsys.readouterr().out
    result = followup_run.run(on(any_app, add_working_days(SENT_ON, 6)))
    assert result.swept == ("swept 3 leftover(s) of a run that died: 1 letter(s) no message "
                            "carries, 1 file(s) without a row, 1 temporary file(s)")
    assert "- swept 3 leftover(s)" in followup_run.summary(result)
    assert not orphan.exists() and not temporary.exists()
    with any_app.transaction() as s:
        assert s.get(Document, letter) is None
        assert s.exec(select(func.count()).select_from(LetterClaim)).one() == 0
        assert health.leftovers(s) == 0
    assert not list((folder / "reminders").glob(f"paaminnelse-{remind.signature_id}-*"))


def test_a_fresh_file_without_a_row_is_not_swept(any_app: App) -> None:
    """A file younger than the lease may be one a live run is about to record: it stays."""
    aid = sent(any_app)
    with any_app.transaction() as s:
        sig = s.exec(select(Signature.id).where(col(Signature.agreement_id) == aid)).first()
        assert sig is not None
        s.add(LetterClaim(key=f"followup:remind:signature:{sig}:1", holder="dead",
                          signature_id=sig, lease_until=datetime.now(UTC) - timedelta(1)))
    fresh = any_app.settings.documents_dir / "reminders" / f"paaminnelse-{sig}-1.pdf"
    fresh.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_bytes(b"%PDF-1.4 skrives naa")
    followup_run.run(on(any_app, add_working_days(SENT_ON, 1)))
    assert fresh.exists()
