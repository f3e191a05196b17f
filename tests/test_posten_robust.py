"""Posten signering's edge cases never wedge an agreement: the job status decides; a job that
stops for a reason avtaleflyt does not know needs the organiser's coordinator, visibly, and
can be withdrawn; a cancellation answered 404 or 409 means the job is over; Posten's expiry is
recorded as such; each signer's XAdES must name the signatory; every status not understood is
in the audit log; the poll time Posten names is honoured on every answer; and a server that is
not Posten's is refused."""

from __future__ import annotations

import json

import pytest
from sqlmodel import col, func, select

from agreements.app import App
from agreements.contracts import ending, polling
from agreements.core.models import AuditEvent, OutboxMessage, SignatureCheck, SigningQueue
from agreements.errorcodes import Code
from agreements.errors import ExternalServiceError
from agreements.reporting import health
from tests.helpers import KS
from tests.posten.server import PostenServer
from tests.test_esign import OLA, agreement, job, keys, poll, replays, sent

QUEUE = (KS, f"avtaleflyt-{KS}")


@pytest.fixture(autouse=True)
def _pdf() -> None:
    from tests.conftest import requires_soffice

    requires_soffice()


def audited(app: App, action: str) -> list[dict[str, object]]:
    with app.transaction() as s:
        return [json.loads(d) for d in s.exec(select(AuditEvent.data).where(
            AuditEvent.action == action).order_by(col(AuditEvent.seq)))]


def test_a_failed_job_with_an_unknown_signer_status_needs_the_coordinator(
        esign_app: App, posten: PostenServer, capsys: pytest.CaptureFixture[str]) -> None:
    """FAILED with a signer status nobody knows: the change is audited and confirmed, the
    coordinator is told once, status, the follow-up and the report name it, and the
    agreement can be withdrawn (the job is over, so nothing is cancelled)."""
    from agreements.followup import run as followup
    from cli.org import print_status

    aid = sent(esign_app)
    posten.fail_unknown(job(esign_app, aid).job_id or 0, OLA, "SIGNATURE_WITHDRAWN")
    report = poll(esign_app)
    assert "not understood: coordinator told" in report.changes[0]["outcome"]
    assert all(c.confirmed for c in posten.queues[QUEUE])
    assert agreement(esign_app, aid).status == "sent"
    assert job(esign_app, aid).attention == (
        "NOT_UNDERSTOOD: FAILED (Ola Ordfører SIGNATURE_WITHDRAWN, Kim Leder NOT_APPLICABLE)")
    assert [d["signers"] for d in audited(esign_app, "signing.not_understood")] == [
        ["ola@oslo.kommune.no: SIGNATURE_WITHDRAWN"]]
    assert [k for k in keys(esign_app) if ":not_understood:" in k] == [
        f"signing:job:{job(esign_app, aid).id}:not_understood:kari@ks.no"]
    print_status(esign_app, "958935420", "table")
    assert "NEEDS ATTENTION: agreement #" in capsys.readouterr().out
    assert "NEEDS ATTENTION" in followup.summary(followup.run(esign_app))
    with esign_app.transaction() as s:
        assert "Posten signering meldte en status avtaleflyt ikke kjenner" in \
            health.markdown(s)
    asked = len(posten.requests)
    ending.withdraw(esign_app, aid, "Signeringen stoppet")
    assert agreement(esign_app, aid).status == "withdrawn" and len(posten.requests) == asked
    with esign_app.transaction() as s:
        assert health.attention(s) == []
    assert replays(esign_app)


@pytest.mark.parametrize("over", ["expired there (409)", "gone (404)"])
def test_a_cancel_answered_404_or_409_means_the_job_is_over(
        esign_app: App, posten: PostenServer, over: str) -> None:
    """Withdrawing an agreement whose job Posten already ended (or forgot) withdraws it here;
    the change Posten delivers afterwards finds it ended and is confirmed."""
    aid = sent(esign_app)
    remote = job(esign_app, aid).job_id or 0
    if over.startswith("expired"):
        posten.expire(remote)
    else:
        del posten.jobs[remote]
    ending.withdraw(esign_app, aid, "Trekkes")
    assert agreement(esign_app, aid).status == "withdrawn"
    assert job(esign_app, aid).status == "failed"
    if over.startswith("expired"):
        assert "nothing to record" in poll(esign_app).changes[0]["outcome"]
        assert all(c.confirmed for c in posten.queues[QUEUE])
    assert replays(esign_app)


def test_an_expiry_reported_by_posten_is_recorded_as_such(esign_app: App,
                                                          posten: PostenServer) -> None:
    """EXPIRED from Posten lapses the agreement saying Posten's signing expired, not that the
    local deadline passed (it has not)."""
    aid = sent(esign_app)
    posten.expire(job(esign_app, aid).job_id or 0)
    assert poll(esign_app).changes[0]["outcome"] == "expired in Posten signering: lapsed"
    lapsed = agreement(esign_app, aid)
    assert lapsed.status == "lapsed"
    assert (lapsed.status_reason or "").startswith("utløpt i Posten signering ")
    assert audited(esign_app, "agreement.lapsed")[0]["expired_in_service"]
    assert replays(esign_app)


def test_an_unknown_signer_status_in_a_running_job_is_audited(esign_app: App,
                                                              posten: PostenServer) -> None:
    """A status nobody knows while the job goes on changes nothing, and is in the audit log."""
    aid = sent(esign_app)
    posten.report(job(esign_app, aid).job_id or 0, OLA, "VERIFYING_IDENTITY")
    assert poll(esign_app).changes[0]["outcome"] == "nothing new"
    assert audited(esign_app, "signing.not_understood")[0]["signers"] == [
        "ola@oslo.kommune.no: VERIFYING_IDENTITY"]
    assert agreement(esign_app, aid).status == "sent" and job(esign_app, aid).attention is None


@pytest.mark.parametrize("case", ["the wrong person", "one certificate for two signers"])
def test_a_signers_xades_must_name_the_signatory(esign_app: App, posten: PostenServer,
                                                 case: str) -> None:
    """A XAdES made with Mallory's certificate, or with Ola's for Kim, is not recorded: the
    coordinator is told, the job needs attention, the change comes back unconfirmed."""
    aid = sent(esign_app)
    remote = job(esign_app, aid).job_id or 0
    if case == "the wrong person":
        posten.sign(remote, OLA, as_name="Mallory Mallorysen")
        refused = Code.SIGNATURE_WRONG_SIGNER.name
    else:
        posten.sign(remote, OLA)
        assert poll(esign_app).changes[0]["outcome"] == "signed by 1 more"
        posten.sign(remote, "kim@ks.no", certificate=posten.person("Ola Ordfører"))
        refused = Code.SIGNATURE_CERTIFICATE_REUSED.name
    outcome = poll(esign_app).changes[-1]["outcome"]
    assert outcome == f"signer's XAdES refused: {refused}"
    assert job(esign_app, aid).attention == f"REFUSED: {refused}"
    assert not all(c.confirmed for c in posten.queues[QUEUE])
    assert agreement(esign_app, aid).status in ("sent", "partially_signed")
    assert any(":refused:" in k for k in keys(esign_app))
    with esign_app.transaction() as s:
        signed = s.exec(select(func.count()).select_from(SignatureCheck).where(
            SignatureCheck.method == "xades")).one()
    assert signed == (0 if case == "the wrong person" else 1)
    assert replays(esign_app)


def test_the_poll_time_on_an_answer_with_a_change_is_honoured(esign_app: App, pki: object
                                                              ) -> None:
    """Posten asks to wait after a change: the poll stops there and keeps the time, instead of
    asking again and being refused with 429."""
    from tests.posten.fixtures import NAMES, organisers, posten_settings

    with PostenServer(pki, senders=organisers(), names=NAMES,  # type: ignore[arg-type]
                      wait_after_change=60) as slow:
        app = App(posten_settings(esign_app.settings, slow, pki), esign_app.engine,  # type: ignore[arg-type]
                  clock=esign_app.clock, actor="test")
        aid = sent(app)
        slow.sign(job(app, aid).job_id or 0, OLA)
        slow.sign(job(app, aid).job_id or 0, "kim@ks.no")
        report = polling.poll(app)
        polls = [r for r in slow.requests if r.method == "GET" and "/pades" not in r.path
                 and "/xades" not in r.path]
    assert report.queues[0]["outcome"].startswith("paused")
    assert len(polls) == 1 and len(report.changes) == 1
    with app.transaction() as s:
        waits = s.exec(select(SigningQueue)).one().next_poll_at
    assert waits is not None and (waits - polling.queues.now()).total_seconds() > 30


def test_a_server_of_another_organisation_is_refused(esign_app: App, posten: PostenServer
                                                     ) -> None:
    """With AVTALEFLYT_POSTEN_SERVER_ORGNR naming another organisation than the server
    certificate's, avtaleflyt refuses to go on: nothing is recorded as sent."""
    other = App(esign_app.settings.model_copy(update={"posten_server_orgnr": "123456785"}),
                esign_app.engine, clock=esign_app.clock, actor="test")
    with pytest.raises(ExternalServiceError) as refused:
        sent(other)
    assert refused.value.code is Code.POSTEN_SERVER_FOREIGN
    with other.transaction() as s:
        assert s.exec(select(func.count()).select_from(OutboxMessage)).one() == 0
    from agreements.core.models import Agreement

    with other.transaction() as s:
        assert {a.status for a in s.exec(select(Agreement))} == {"draft"}
