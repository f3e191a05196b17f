"""Recording a poll's batch of status changes in one transaction (`record.record_all`): a
change that cannot be recorded is rolled back alone and comes back unconfirmed, the other
changes of the batch are recorded, and the audit log still replays."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session, select

from agreements.app import App
from agreements.contracts import drafts, fetching, record, sending
from agreements.core import audit, replay
from agreements.core.models import Agreement, SigningJob
from agreements.documents.store import DocumentUnreadable
from agreements.errorcodes import Code
from agreements.signing.provider import StatusChange
from tests.conftest import requires_soffice
from tests.helpers import HELSE_NORD, KS, oslo_kilde, specialist_kilde
from tests.poll_doubles import WithStore
from tests.posten.server import PostenServer


@pytest.fixture(autouse=True)
def _pdf() -> None:
    requires_soffice()  # e-signing sends the PDF


class RefusingFirst:
    """The app's document store, refusing the first file it is asked to store (as a store
    that cannot write would), storing the rest."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.refused = inner, 0

    def put(self, session: Session, **what: Any) -> Any:
        if not self.refused:
            self.refused += 1
            raise DocumentUnreadable(Code.DOCUMENT_MISSING, path=what["name"], sha="-")
        return self.inner.put(session, **what)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def change_of(app: App, sender: str) -> StatusChange:
    found = app.signing_provider().poll(sender, f"avtaleflyt-{sender}").change
    assert found is not None
    return found


def test_a_change_that_cannot_be_recorded_leaves_the_rest_of_its_batch_recorded(
        esign_app: App, posten: PostenServer) -> None:
    """Oslo's and an avtalespesialist's first signers sign; storing Oslo's XAdES fails: Oslo's
    change is rolled back alone (not confirmed, the agreement still sent), the specialist's
    is recorded (partially signed), and the log verifies and replays."""
    oslo, spes = (c.agreement_id for c in drafts.create_agreements(
        esign_app, [oslo_kilde(esign_app), specialist_kilde(esign_app)]))
    for aid in (oslo, spes):
        sending.send(esign_app, aid)
    with esign_app.transaction() as s:
        rows = {j.agreement_id: j for j in s.exec(select(SigningJob))}
    posten.sign(rows[oslo].job_id or 0, "ola@oslo.kommune.no")
    posten.sign(rows[spes].job_id or 0, "ravna@example.no")
    jobs = [fetching.Job(rows[aid].id or 0, aid, change_of(esign_app, sender))
            for aid, sender in ((oslo, KS), (spes, HELSE_NORD))]
    got = fetching.fetch_all(esign_app, esign_app.signing_provider(), jobs)
    assert all(g.failure is None and g.evidence for g in got)

    done = record.record_all(
        WithStore(esign_app, RefusingFirst(esign_app.documents)),  # type: ignore[arg-type]
        [(j.row_id, j.agreement_id, j.change, g.signed, g.evidence)
         for j, g in zip(jobs, got, strict=True)])

    (_, oslo_said, oslo_confirm), (_, spes_said, spes_confirm) = done
    assert oslo_said.startswith("not recorded:") and not oslo_confirm
    assert spes_said == "signed by 1 more" and spes_confirm
    with esign_app.transaction() as s:
        status = {a.id: a.status for a in s.exec(select(Agreement))}
        assert audit.verify(s).ok and replay.check(s) == []
    assert (status[oslo], status[spes]) == ("sent", "partially_signed")
