"""What a poll that completes an agreement sets beside it: the due dates of the checklist
items counted from the signing (a batch sets them once, after recording its changes)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.core.models import ChecklistItem
from tests.conftest import requires_soffice
from tests.posten.server import PostenServer
from tests.test_esign import KIM, OLA, agreement, job, poll, sent


@pytest.fixture(autouse=True)
def _pdf() -> None:
    requires_soffice()  # e-signing sends the PDF


def test_completing_poll_sets_due_dates_counted_from_signing(esign_app: App,
                                                            posten: PostenServer) -> None:
    """Once a poll completes the agreement, the items due after signing have a due date."""
    aid = sent(esign_app)
    with esign_app.transaction() as s:
        participation = agreement(esign_app, aid).participation_id
        due = select(ChecklistItem.due_on).where(
            ChecklistItem.participation_id == participation,
            ChecklistItem.process_key == "informasjon_innbyggere")
        assert s.exec(due).one() is None
    job_id = job(esign_app, aid).job_id or 0
    posten.sign(job_id, OLA)
    posten.sign(job_id, KIM)
    poll(esign_app)
    assert agreement(esign_app, aid).status == "active"
    with esign_app.transaction() as s:
        assert s.exec(due).one() is not None
