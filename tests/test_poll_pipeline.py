"""The poll's pipeline (`contracts.draining`): a batch is prepared while the one before it is
recorded, unless it has a change of a job still being recorded; each batch's e-mails leave
once its transaction has committed, while the next batches are applied. A crash between
batches, or e-mail failing while later batches record, loses nothing and doubles nothing."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import update
from sqlmodel import col, func, select

from agreements.app import App
from agreements.contracts import delivering, drafts, polling, sending
from agreements.core import audit, replay
from agreements.core.enums import OutboxStatus
from agreements.core.models import (
    Agreement,
    AuditEvent,
    Document,
    OutboxMessage,
    SignatureCheck,
    SigningJob,
)
from agreements.core.signing_tables import SigningQueue
from agreements.outbox import delivery
from agreements.registry import confirm
from agreements.registry.register import Registration, register
from tests.conftest import requires_soffice
from tests.helpers import organisers_with_contacts
from tests.poll_doubles import (
    Crash,
    DownFirst,
    FirstPutAfter,
    LostPut,
    Watching,
    WithStore,
    poll_preparing_second_while_first_records,
    using,
)
from tests.posten.server import PostenServer
from tests.waiting import PATIENCE

# Three avtalespesialister in Tromsø: one organiser (Helse Nord RHF), so one queue
SPECIALISTS = [("123456785", "Psykiater Ravna", "Ravna Spes", "ravna@example.no"),
               ("841592069", "Psykolog Aslak", "Aslak Spes", "aslak@example.no"),
               ("911257971", "Psykiater Sara", "Sara Spes", "sara@example.no")]


@pytest.fixture(autouse=True)
def _pdf() -> None:
    requires_soffice()  # e-signing sends the PDF


def three_sent(app: App, posten: PostenServer) -> list[SigningJob]:
    """The three specialists' agreements sent to Posten, each job's signers as Posten sees
    them (the specialist, then Helse Nord's signatory)."""
    organisers_with_contacts(app)
    pids = []
    for orgnr, name, signatory, email in SPECIALISTS:
        pids += register(app, Registration(
            orgnr=orgnr, role="kilde", kind="avtalespesialist", name=name,
            kommunenummer="5501", signatory=f"{signatory} <{email}>")).participation_ids
        posten.names[email] = signatory
        confirm.confirm(app, orgnr)  # Helse Nord RHF confirms it is the organiser
    ids = [c.agreement_id for c in drafts.create_agreements(app, pids)]
    for aid in ids:
        sending.send(app, aid)
    with app.transaction() as s:
        return list(s.exec(select(SigningJob).order_by(col(SigningJob.agreement_id))))


def signer_by_signer(posten: PostenServer, jobs: list[SigningJob]) -> None:
    """Every job's first signer signs, then every job's second: the queue holds j1s1, j2s1,
    j3s1, j1s2, j2s2, j3s2 (in batches of two, the second batch has j1's second change)."""
    for position in (0, 1):
        for row in jobs:
            job = posten.jobs[row.job_id or 0]
            posten.sign(job.id, job.signers[position].email)


def count(app: App, model: type, *where: Any) -> int:
    with app.transaction() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


def all_recorded_once(app: App, posten: PostenServer) -> None:
    """Every agreement active, each signature, check, certificate, audit event and e-mail
    once; every change confirmed; the audit log verifies and replays."""
    with app.transaction() as s:
        assert [a.status for a in s.exec(select(Agreement))] == ["active"] * 3
        keys = list(s.exec(select(OutboxMessage.key)))
        assert audit.verify(s).ok and replay.check(s) == []
    assert len(keys) == len(set(keys))
    assert count(app, SignatureCheck, SignatureCheck.method == "xades") == 6
    assert count(app, SignatureCheck, SignatureCheck.method == "pades") == 3
    assert count(app, Document, Document.kind == "certificate") == 6  # DOCX and PDF
    assert count(app, AuditEvent, AuditEvent.action == "agreement.signed_by") == 6
    assert count(app, AuditEvent, AuditEvent.action == "agreement.completed") == 3
    assert all(c.confirmed for q in posten.queues.values() for c in q)


def test_a_batch_is_prepared_while_the_one_before_it_is_recorded(
        esign_app: App, posten: PostenServer) -> None:
    """One change a batch: while the first batch's record is held (storing its XAdES), the
    second batch (another job) is polled and its XAdES fetched; once let go, everything is
    recorded once."""
    jobs = three_sent(esign_app, posten)
    signer_by_signer(posten, jobs)
    report, provider = poll_preparing_second_while_first_records(esign_app, jobs[1].job_id or 0)
    assert not report.failed and len(report.changes) == 6
    assert len(provider.xades) == 6  # each signer's XAdES fetched once
    all_recorded_once(esign_app, posten)


def test_a_change_of_a_job_being_recorded_waits_for_that_record(
        esign_app: App, posten: PostenServer) -> None:
    """In batches of two, the second batch holds the second change of the first batch's
    first job: it is prepared only once that is recorded, so no signer's XAdES is fetched
    twice, and everything is recorded once."""
    jobs = three_sent(esign_app, posten)
    signer_by_signer(posten, jobs)
    provider = Watching(esign_app.signing_provider())
    report = polling.poll(using(esign_app, provider), batch=2)
    assert not report.failed and len(report.changes) == 6
    assert len(provider.xades) == len(set(provider.xades)) == 6
    all_recorded_once(esign_app, posten)


def test_a_crash_between_batches_loses_nothing_and_records_nothing_twice(
        esign_app: App, posten: PostenServer) -> None:
    """In batches of two (j1s1 j2s1 | j3s1 j1s2 | j2s2 j3s2), all polled before the first is
    recorded, dying right after the first confirmation (the second batch's, of j1): no job was
    confirmed while a later change of it was outstanding, so once Posten hands out the
    unconfirmed changes again the next poll records the rest, each thing once, and every
    e-mail is sent once."""
    jobs = three_sent(esign_app, posten)
    signer_by_signer(posten, jobs)
    provider = Watching(esign_app.signing_provider(), die_at=1)
    store = FirstPutAfter(esign_app.documents, lambda: provider.handed == 6)
    with pytest.raises(Crash):
        polling.poll(WithStore(using(esign_app, provider), store), batch=2)
    with esign_app.transaction() as s:
        statuses = [a.status for a in s.exec(select(Agreement).order_by(col(Agreement.id)))]
    assert statuses == ["active", "partially_signed", "partially_signed"]
    assert [c.job_id for q in posten.queues.values() for c in q if c.confirmed] == \
        [jobs[0].job_id] * 2
    posten.advance(posten.visibility_timeout)  # Posten hands out the unconfirmed again
    with esign_app.transaction() as s:  # and the poll time it named has come (if the poller
        s.execute(update(SigningQueue).values(next_poll_at=None))  # got its empty answer)
    report = polling.poll(esign_app, batch=2)
    assert not report.failed and len(report.changes) == 4
    delivery.deliver(esign_app)  # what the crash left queued, and nothing twice
    all_recorded_once(esign_app, posten)
    with esign_app.transaction() as s:
        mails = list(s.exec(select(OutboxMessage)))
    assert mails and all(m.status == OutboxStatus.SENT and m.attempts == 1 for m in mails)


def test_email_failing_while_the_next_batches_record_leaves_it_queued(
        esign_app: App, posten: PostenServer) -> None:
    """The first e-mail of the first completed batch is refused for now while the next batch
    records: every change is still recorded and confirmed, that e-mail waits (the poll says
    so), the others leave, and the next delivery sends it, each e-mail once."""
    jobs = three_sent(esign_app, posten)
    signer_by_signer(posten, jobs)
    mail = DownFirst(esign_app.mail())
    report = polling.poll(using(esign_app, mail=mail), batch=2)
    assert not report.failed and len(report.changes) == 6
    all_recorded_once(esign_app, posten)
    waiting = count(esign_app, OutboxMessage, OutboxMessage.status == OutboxStatus.PENDING)
    assert waiting == report.waiting == 1
    assert mail.sent + waiting == count(esign_app, OutboxMessage)
    sent = delivery.deliver(using(esign_app, mail=mail))
    assert len(sent.sent) == waiting
    assert count(esign_app, OutboxMessage, OutboxMessage.status == OutboxStatus.SENT) == \
        count(esign_app, OutboxMessage)


def test_a_batch_failing_to_record_ends_the_poll_while_the_next_waits_for_it(
        esign_app: App, posten: PostenServer) -> None:
    """In batches of two, the first batch's record fails (the database lost) while the second
    waits for it (it holds j1's second change): the poll raises instead of waiting for ever,
    confirms nothing, and the next poll records everything once."""
    jobs = three_sent(esign_app, posten)
    signer_by_signer(posten, jobs)
    app = WithStore(using(esign_app), LostPut(esign_app.documents))
    raised: list[BaseException] = []

    def run() -> None:
        try:
            polling.poll(app, batch=2)
        except BaseException as error:  # what the poll ended with
            raised.append(error)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(PATIENCE)
    assert not thread.is_alive(), "the poll waits for a batch that will never be recorded"
    assert [type(e) for e in raised] == [ConnectionError]
    assert not any(c.confirmed for q in posten.queues.values() for c in q)
    with esign_app.transaction() as s:  # not "empty": the queue says the poll stopped
        assert list(s.exec(select(SigningQueue.outcome))) == [
            "stopped after 0 change(s): ConnectionError"]
    posten.advance(posten.visibility_timeout)  # Posten hands out the unconfirmed again
    report = polling.poll(esign_app, batch=2)
    assert not report.failed and len(report.changes) == 6
    all_recorded_once(esign_app, posten)



def test_delivery_failing_goes_on_polling_and_says_so(
        esign_app: App, posten: PostenServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Delivering the first batch's e-mails fails outright (not a channel refusing one: the
    delivery itself): the poll still records and confirms every change, returns its report
    with the failure in it, and leaves the e-mails in the outbox, which the next delivery
    sends, each once."""
    jobs = three_sent(esign_app, posten)
    signer_by_signer(posten, jobs)

    def broken(*args: Any, **kwargs: Any) -> delivery.DeliveryReport:
        raise RuntimeError("the outbox is out of reach")
    monkeypatch.setattr(delivering.delivery, "deliver", broken)
    report = polling.poll(using(esign_app), batch=2)
    monkeypatch.undo()
    assert len(report.changes) == 6 and report.failed == [
        "delivering the poll's e-mail: RuntimeError: the outbox is out of reach"]
    assert report.delivery.endswith("the rest waits in the outbox for the next delivery")
    all_recorded_once(esign_app, posten)
    assert count(esign_app, OutboxMessage, OutboxMessage.status == OutboxStatus.SENT) == 0
    delivery.deliver(esign_app)
    with esign_app.transaction() as s:
        mails = list(s.exec(select(OutboxMessage)))
    assert mails and all(m.status == OutboxStatus.SENT and m.attempts == 1 for m in mails)
