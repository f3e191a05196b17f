"""E-signing through the loopback Posten signering (real TLS on 127.0.0.1, a client certificate
required, real PAdES): sending creates one job, the poll records what the signers did."""

from __future__ import annotations

import logging
import time

import pytest
from sqlmodel import col, func, select

from agreements.app import App
from agreements.contracts import drafts, ending, polling, sending
from agreements.core import anchor, audit, replay
from agreements.core.models import (
    Agreement,
    AuditEvent,
    Document,
    OutboxMessage,
    SignatureCheck,
    SigningJob,
    SigningQueue,
)
from agreements.errors import Refused
from tests.conftest import requires_soffice
from tests.helpers import KS, oslo_kilde
from tests.posten.server import PostenServer

OLA, KIM = "ola@oslo.kommune.no", "kim@ks.no"


@pytest.fixture(autouse=True)
def _pdf() -> None:
    requires_soffice()  # e-signing sends the PDF


def sent(app: App) -> int:
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, created.agreement_id)
    return created.agreement_id


def job(app: App, agreement_id: int) -> SigningJob:
    with app.transaction() as s:
        return s.exec(select(SigningJob).where(SigningJob.agreement_id == agreement_id)).one()


def agreement(app: App, agreement_id: int) -> Agreement:
    with app.transaction() as s:
        found = s.get(Agreement, agreement_id)
        assert found is not None
        return found


def count(app: App, model: type, *where: object) -> int:
    with app.transaction() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()  # type: ignore[arg-type]


def keys(app: App) -> list[str]:
    with app.transaction() as s:
        return list(s.exec(select(OutboxMessage.key).order_by(col(OutboxMessage.id))))


def poll(app: App) -> polling.PollReport:
    """Poll once the time Posten permits has come (it is kept in the database)."""
    with app.transaction() as s:
        times = [q.next_poll_at for q in s.exec(select(SigningQueue)) if q.next_poll_at]
    if times:
        time.sleep(max(0.0, (max(times) - polling.queues.now()).total_seconds()) + 0.02)
    return polling.poll(app)


def test_sending_creates_one_job_with_signers_in_order(esign_app: App,
                                                       posten: PostenServer) -> None:
    """One job per agreement, sent as the organiser on its queue, signers in order, no e-mail."""
    aid = sent(esign_app)
    row = job(esign_app, aid)
    (remote,) = posten.jobs.values()
    assert (row.job_id, row.status, row.sender_orgnr) == (remote.id, "active", KS)
    assert remote.reference == f"PJD-KOMMUNER-958935420-{agreement(esign_app, aid).version}"
    assert remote.queue == f"avtaleflyt-{KS}" and remote.title.startswith("Samarbeidsavtale")
    assert [(s.order, s.email) for s in remote.signers] == [(1, OLA), (2, KIM)]
    assert agreement(esign_app, aid).status == "sent" and keys(esign_app) == []
    with pytest.raises(Exception, match="sent"):
        sending.send(esign_app, aid)
    assert len(posten.jobs) == 1


def replays(app: App) -> bool:
    """The audit log verifies, its head is anchored, and replaying it gives the tables."""
    with app.transaction() as s:
        verified, found, head = audit.verify(s), replay.check(s), audit.head(s)
    anchored = anchor.load(app.settings.anchor_path, app.audit_signer().key)
    assert verified.ok and found == [], (verified, found)
    return anchored is not None and head is not None and anchored.seq == head[0]


def test_both_signers_sign(esign_app: App, posten: PostenServer) -> None:
    """Each signature is recorded as it comes; the verified PAdES completes the agreement."""
    aid = sent(esign_app)
    job_id = job(esign_app, aid).job_id or 0
    posten.sign(job_id, OLA)
    assert poll(esign_app).changes[0]["outcome"] == "signed by 1 more"
    assert agreement(esign_app, aid).status == "partially_signed"
    posten.sign(job_id, KIM)
    report = poll(esign_app)
    assert report.changes[-1]["outcome"] == "signed by all: signed PDF verified, certificate issued"
    done = agreement(esign_app, aid)
    assert done.status == "active" and done.certificate_id and done.certificate_pdf_id
    with esign_app.transaction() as s:
        (check,) = s.exec(select(SignatureCheck).where(SignatureCheck.method == "pades")).all()
        pades = s.get(Document, check.document_id)
        xades = s.exec(select(SignatureCheck).where(SignatureCheck.method == "xades")
                       .order_by(col(SignatureCheck.signature_id))).all()
    assert [x.signer_name for x in xades if x.valid] == ["Ordfører, Ola", "Leder, Kim"]
    assert check.method == "pades" and check.valid and check.trusted and check.covers_whole_file
    assert "Posten signering test seal" in (check.signer_subject or "")
    assert pades is not None and check.sent_sha256
    assert all(c.confirmed for c in posten.queues[(KS, f"avtaleflyt-{KS}")])
    assert sum(":certificate:" in k for k in keys(esign_app)) >= 2
    assert job(esign_app, aid).status == "completed"
    assert replays(esign_app)


def test_the_organisation_rejects(esign_app: App, posten: PostenServer) -> None:
    """REJECTED: the agreement is declined and both parties are told."""
    aid = sent(esign_app)
    posten.reject(job(esign_app, aid).job_id or 0, OLA)
    assert poll(esign_app).changes[0]["outcome"] == f"declined by {OLA}"
    assert agreement(esign_app, aid).status == "declined"
    assert f"agreement:{aid}:declined:{KIM}" in keys(esign_app)
    assert replays(esign_app)


def test_expiry_lapses_the_agreement(esign_app: App, posten: PostenServer) -> None:
    """EXPIRED: the agreement lapses and its pending signatures with it."""
    aid = sent(esign_app)
    posten.expire(job(esign_app, aid).job_id or 0)
    poll(esign_app)
    assert agreement(esign_app, aid).status == "lapsed"
    assert job(esign_app, aid).status == "failed"
    assert replays(esign_app)


def test_withdraw_cancels_the_job(esign_app: App, posten: PostenServer) -> None:
    """Withdrawing cancels the job in Posten; its CANCELLED change is then confirmed."""
    aid = sent(esign_app)
    ending.withdraw(esign_app, aid, "Feil mal")
    remote = posten.jobs[job(esign_app, aid).job_id or 0]
    assert remote.status == "FAILED" and {s.status for s in remote.signers} == {"CANCELLED"}
    assert agreement(esign_app, aid).status == "withdrawn"
    assert job(esign_app, aid).status == "cancelled"
    report = poll(esign_app)
    assert "nothing to record" in report.changes[0]["outcome"]
    assert all(c.confirmed for c in posten.queues[(KS, f"avtaleflyt-{KS}")])
    assert replays(esign_app)


def test_poll_too_early_honours_429_and_keeps_the_time(esign_app: App, posten: PostenServer,
                                                       http: object) -> None:
    """A 429 stores Posten's next permitted time; until then no request is made."""
    from agreements.signing.posten.client import PostenClient

    sent(esign_app)
    poll(esign_app)
    posten.advance(posten.poll_interval)  # Posten would take a poll now, and …
    posten.poll_interval = 600  # … after an empty answer, the next one in 10 minutes
    PostenClient(http, posten.root_url).poll(KS, f"avtaleflyt-{KS}")  # someone else polled
    report = poll(esign_app)  # when our database allows it
    assert report.queues[0]["outcome"] == "too early (429)"
    with esign_app.transaction() as s:
        stored = s.exec(select(SigningQueue)).one().next_poll_at
    assert stored is not None and stored > polling.queues.now()
    asked = len(posten.requests)
    assert "not polled" in polling.poll(esign_app).queues[0]["outcome"]
    assert len(posten.requests) == asked


def test_status_change_for_an_unknown_job(esign_app: App, posten: PostenServer,
                                          caplog: pytest.LogCaptureFixture) -> None:
    """A job avtaleflyt never made is confirmed (it would come back for ever) and logged."""
    sent(esign_app)
    unknown = posten.enqueue_unknown_job(KS, f"avtaleflyt-{KS}")
    with caplog.at_level(logging.WARNING):
        report = poll(esign_app)
    assert report.changes[0]["outcome"] == "unknown job: confirmed and ignored"
    assert all(c.confirmed for c in posten.queues[(KS, f"avtaleflyt-{KS}")])
    assert f"unknown job {unknown}" in caplog.text


def test_tampered_pades_is_refused_and_fetched_again(esign_app: App,
                                                     posten: PostenServer) -> None:
    """A PAdES with a changed byte is not recorded nor confirmed; the coordinator is told."""
    aid = sent(esign_app)
    job_id = job(esign_app, aid).job_id or 0
    posten.sign(job_id, OLA)
    posten.sign(job_id, KIM)
    posten.tamper_pades = True
    report = poll(esign_app)
    assert "signed document refused" in report.changes[-1]["outcome"]
    assert agreement(esign_app, aid).status == "partially_signed"
    assert count(esign_app, SignatureCheck, SignatureCheck.method == "pades") == 0
    assert any(":refused:" in k for k in keys(esign_app))
    assert count(esign_app, AuditEvent, AuditEvent.action == "signing.document_refused") == 1
    posten.tamper_pades = False
    posten.advance(posten.visibility_timeout)  # the unconfirmed change comes back
    poll(esign_app)
    assert agreement(esign_app, aid).status == "active"


def test_blocked_signer_is_a_problem_for_the_coordinator(esign_app: App,
                                                         posten: PostenServer) -> None:
    """BLOCKED stops the job; the organiser's coordinator gets one e-mail saying what to do."""
    aid = sent(esign_app)
    posten.block(job(esign_app, aid).job_id or 0, OLA)
    poll(esign_app)
    assert [k for k in keys(esign_app) if ":blocked:" in k] == [
        f"signing:job:{job(esign_app, aid).id}:blocked:kari@ks.no"]
    assert job(esign_app, aid).status == "failed"


def test_without_a_pdf_posten_is_refused(esign_app: App) -> None:
    """E-signing needs the PDF: a DOCX-only draft is refused, saying so, and nothing is sent."""
    no_pdf = App(esign_app.settings.model_copy(update={"pdf": False}), esign_app.engine,
                 clock=esign_app.clock, actor="test")
    (created,) = drafts.create_agreements(no_pdf, [oslo_kilde(no_pdf)])
    with pytest.raises(Refused, match="has no PDF: e-signing through Posten signering needs"):
        sending.send(no_pdf, created.agreement_id)
    assert agreement(no_pdf, created.agreement_id).status == "draft"


def test_signing_poll_from_the_command_line(esign_app: App, posten: PostenServer,
                                            monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """`avtaleflyt signing poll` records what happened and prints each change in a table."""
    from cli import main

    aid = sent(esign_app)
    posten.sign(job(esign_app, aid).job_id or 0, OLA)
    s = esign_app.settings
    for name in ("data_dir", "database_url", "signing", "posten_url", "posten_cert",
                 "posten_cert_password", "posten_ca_bundle", "signing_trust_roots"):
        monkeypatch.setenv(f"AVTALEFLYT_{name.upper()}", str(getattr(s, name)))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    capsys.readouterr()
    assert main(["signing", "poll"]) == 0
    out = capsys.readouterr().out
    assert "1 status change(s) from 1 queue(s)" in out and "signed by 1 more" in out
    assert agreement(esign_app, aid).status == "partially_signed"
