"""Crashes and slowness while e-signing: whatever dies where, the next send or poll reaches
the same end state, nothing is created, recorded or sent twice, and a slow Posten signering
holds no database lock."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import func, select

from agreements.app import App, Transports
from agreements.contracts import drafts, polling, sending
from agreements.core.models import (
    Agreement,
    AuditEvent,
    Document,
    OutboxMessage,
    SignatureCheck,
    SigningJob,
)
from agreements.errors import Refused
from agreements.signing.provider import SigningProvider
from tests.conftest import make_app, requires_soffice
from tests.helpers import oslo_kilde
from tests.posten.server import PostenServer
from tests.test_esign import KIM, OLA, agreement, job, poll
from tests.test_io_outside_transactions import while_waiting
from tests.waiting import Held

pytestmark = pytest.mark.usefixtures("_soffice")


@pytest.fixture
def _soffice() -> None:
    requires_soffice()


class Crash(BaseException):
    """The process dies here (not an Exception: nothing may catch and carry on)."""


class CrashingProvider:
    """The real provider, except that the process dies right after `step` has been done."""

    def __init__(self, real: SigningProvider, step: str) -> None:
        self.real, self.step = real, step
        self.name, self.remote = real.name, real.remote

    def _then(self, step: str, result: Any) -> Any:
        if step == self.step:
            raise Crash(step)
        return result

    def create_job(self, job: Any) -> Any:
        return self._then("create_job", self.real.create_job(job))

    def poll(self, sender_orgnr: str, polling_queue: str) -> Any:
        return self._then("poll", self.real.poll(sender_orgnr, polling_queue))

    def confirm(self, change: Any) -> None:
        self._then("confirm", self.real.confirm(change))

    def download(self, change: Any) -> bytes:
        return self._then("download", self.real.download(change))  # type: ignore[no-any-return]

    def download_xades(self, signer: Any) -> bytes:
        return self._then("download_xades", self.real.download_xades(signer))  # type: ignore[no-any-return]

    def cancel(self, cancellation_url: str) -> None:
        self._then("cancel", self.real.cancel(cancellation_url))


def dying(app: App, step: str) -> App:
    """The same database and settings, with a provider that dies after `step`."""
    provider = CrashingProvider(app.signing_provider(), step)
    return App(app.settings, app.engine, clock=app.clock, actor="test",
               transports=Transports(signing_provider=provider))


def count(app: App, model: type, *where: Any) -> int:
    with app.transaction() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()  # type: ignore[arg-type]


@pytest.mark.parametrize("step", ["download", "confirm"])
def test_crash_between_download_and_confirm(esign_app: App, posten: PostenServer,
                                            step: str) -> None:
    """Dying after the download or before the confirmation: the next poll completes it once."""
    (created,) = drafts.create_agreements(esign_app, [oslo_kilde(esign_app)])
    aid = created.agreement_id
    sending.send(esign_app, aid)
    job_id = job(esign_app, aid).job_id or 0
    posten.sign(job_id, OLA)
    posten.sign(job_id, KIM)
    with pytest.raises(Crash):
        polling.poll(dying(esign_app, step))
    recorded = agreement(esign_app, aid).status == "active"
    assert recorded is (step == "confirm")
    posten.advance(posten.visibility_timeout)  # Posten hands out the unconfirmed change again
    poll(esign_app)
    assert agreement(esign_app, aid).status == "active"
    assert count(esign_app, SignatureCheck, SignatureCheck.method == "pades") == 1
    assert count(esign_app, SignatureCheck, SignatureCheck.method == "xades") == 2
    assert count(esign_app, Document, Document.kind == "certificate") == 2  # DOCX and PDF
    assert count(esign_app, AuditEvent, AuditEvent.action == "agreement.completed") == 1
    assert count(esign_app, AuditEvent, AuditEvent.action == "agreement.signed_by") == 2
    with esign_app.transaction() as s:
        mails = list(s.exec(select(OutboxMessage.key)))
    assert len(mails) == len(set(mails))
    assert all(c.confirmed for q in posten.queues.values() for c in q)


def test_crash_after_the_job_was_created_creates_no_second_job(esign_app: App,
                                                               posten: PostenServer) -> None:
    """Posten made the job but its id was never stored: no second job; it is adopted later."""
    (created,) = drafts.create_agreements(esign_app, [oslo_kilde(esign_app)])
    aid = created.agreement_id
    with pytest.raises(Crash):
        sending.send(dying(esign_app, "create_job"), aid)
    assert len(posten.jobs) == 1 and agreement(esign_app, aid).status == "draft"
    with pytest.raises(Refused, match="may already exist in Posten signering"):
        sending.send(esign_app, aid)
    poll(esign_app)  # nothing reported yet: still one job, none created again
    assert len(posten.jobs) == 1
    (remote,) = posten.jobs.values()
    posten.sign(remote.id, OLA)
    report = poll(esign_app)
    assert report.changes[0]["outcome"] == "signed by 1 more"
    row = job(esign_app, aid)
    assert (row.job_id, row.status) == (remote.id, "active")
    assert agreement(esign_app, aid).status == "partially_signed"
    assert len(posten.jobs) == 1


def test_refused_creation_is_tried_again_by_the_poll(esign_app: App,
                                                     posten: PostenServer) -> None:
    """Posten refusing a job (here: no broker relation) leaves it to be created later."""
    (created,) = drafts.create_agreements(esign_app, [oslo_kilde(esign_app)])
    aid = created.agreement_id
    senders, posten.senders = posten.senders, set()
    with pytest.raises(Exception, match="BROKER_NOT_AUTHORIZED"):
        sending.send(esign_app, aid)
    row = job(esign_app, aid)
    assert (row.status, row.requested_at, row.retry_ok) == ("creating", None, False)
    posten.senders = senders
    sending.send(esign_app, aid)  # the operator sends again once Posten has set it up
    assert agreement(esign_app, aid).status == "sent" and len(posten.jobs) == 1
    with esign_app.transaction() as s:
        assert s.exec(select(func.count()).select_from(SigningJob)).one() == 1
        assert s.get(Agreement, aid) is not None


class SlowProvider(CrashingProvider):
    """The real provider, creating a job and handing out the signed PDF only once the test
    lets it go."""

    def __init__(self, real: SigningProvider) -> None:
        super().__init__(real, "")
        self.creating, self.downloading = Held(), Held()

    def create_job(self, job: Any) -> Any:
        self.creating.wait()
        return self.real.create_job(job)

    def download(self, change: Any) -> bytes:
        self.downloading.wait()
        return self.real.download(change)

def test_a_slow_signing_service_does_not_block_writers(settings: Any, posten: PostenServer,
                                                       pki: Any) -> None:
    """While Posten takes its time to create a job or hand out a PAdES, others write at once."""
    from tests.posten.fixtures import posten_settings

    base = make_app(posten_settings(settings, posten, pki))
    slow = SlowProvider(base.signing_provider())
    app = App(base.settings, base.engine, clock=base.clock, actor="test",
              transports=Transports(signing_provider=slow))
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    while_waiting(app, slow.creating, lambda: sending.send(app, created.agreement_id))
    for signer in (OLA, KIM):
        posten.sign(job(app, created.agreement_id).job_id or 0, signer)
    while_waiting(app, slow.downloading, lambda: polling.poll(app))
    assert agreement(app, created.agreement_id).status == "active"
