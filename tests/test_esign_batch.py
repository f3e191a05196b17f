"""Creating several agreements' Posten jobs in one batch (`creating.create_many`), through the
loopback Posten signering: each job at most once, a refusal stops only its own agreement."""

from __future__ import annotations

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.contracts import creating, drafts
from agreements.core import audit, replay
from agreements.core.models import Agreement, AuditEvent, SigningJob
from agreements.errorcodes import Code
from agreements.registry import confirm
from tests.conftest import requires_soffice
from tests.helpers import HELSE_NORD, KS, SPECIALIST, oslo_kilde, specialist_kilde
from tests.posten.server import PostenServer


@pytest.fixture(autouse=True)
def _pdf() -> None:
    requires_soffice()  # e-signing sends the PDF


def statuses(app: App, *ids: int) -> list[str]:
    with app.transaction() as s:
        return [str(s.exec(select(Agreement.status).where(Agreement.id == i)).one())
                for i in ids]


def test_a_batch_sends_what_it_may_and_refuses_the_rest_each_once(
        esign_app: App, posten: PostenServer) -> None:
    """One batch sends Oslo's agreement and refuses the avtalespesialist's (its RHF has not
    confirmed); the next sends the avtalespesialist's once confirmed and refuses Oslo's again:
    two jobs in all, one per agreement, each agreement's move to sent audited."""
    oslo, spes = (c.agreement_id for c in drafts.create_agreements(
        esign_app, [oslo_kilde(esign_app), specialist_kilde(esign_app, confirmed=False)]))
    provider = esign_app.signing_provider()

    failed = creating.create_many(esign_app, [spes, oslo], provider)
    assert list(failed) == [spes] and failed[spes].code == Code.ORGANISER_NOT_CONFIRMED
    assert statuses(esign_app, oslo, spes) == ["sent", "draft"]
    confirm.confirm(esign_app, SPECIALIST)
    failed = creating.create_many(esign_app, [oslo, spes], provider)
    assert list(failed) == [oslo] and failed[oslo].code == Code.NOT_SENT_AGAIN

    assert statuses(esign_app, oslo, spes) == ["sent", "sent"]
    assert sorted(j.orgnr for j in posten.jobs.values()) == sorted([KS, HELSE_NORD])
    with esign_app.transaction() as s:
        jobs = s.exec(select(SigningJob).order_by(SigningJob.agreement_id)).all()
        sent = s.exec(select(AuditEvent.subject).where(AuditEvent.action == "agreement.sent")
                      ).all()
        assert audit.verify(s).ok and replay.check(s) == []
    assert [(j.agreement_id, j.status, j.job_id is not None) for j in jobs] == [
        (oslo, "active", True), (spes, "active", True)]
    assert sorted(sent) == sorted([f"agreement:{oslo}", f"agreement:{spes}"])
