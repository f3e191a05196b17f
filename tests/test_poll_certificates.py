"""A signer's certificate in the poll's pipeline (`contracts.draining`): a batch is judged
while the one before it is recorded, so what it remembers of a signer's last certificate is
judged again as it records (`record.remembered_now`), as one batch after the other would."""

from __future__ import annotations

from sqlmodel import col, select

from agreements.app import App
from agreements.contracts import polling
from agreements.core.models import Agreement, SigningQueue
from agreements.errorcodes import Code
from agreements.signing import queues
from tests.poll_doubles import poll_preparing_second_while_first_records
from tests.posten.people import issue
from tests.posten.server import PostenServer
from tests.test_poll_pipeline import three_sent
from tests.waiting import wait_for


def test_a_certificate_first_used_in_a_batch_being_recorded_is_remembered_for_the_next(
        esign_app: App, posten: PostenServer) -> None:
    """Helse Nord's signatory signs for the first time (j1), then, with another certificate
    naming her (j2), in the next batch, prepared while the first is recorded: refused as one
    batch after the other would refuse it (the certificate she signed with before)."""
    jobs = three_sent(esign_app, posten)
    for row in jobs[:2]:  # the specialists sign first, recorded by a poll of their own
        posten.sign(row.job_id or 0, posten.jobs[row.job_id or 0].signers[0].email)
    polling.poll(esign_app)
    posten.advance(posten.poll_interval)  # Posten takes the next poll now, and so do we:
    with esign_app.transaction() as s:
        after = s.exec(select(SigningQueue)).one().next_poll_at
    wait_for(lambda: after is None or queues.now() >= after, "the next poll permitted")
    leader = posten.jobs[jobs[0].job_id or 0].signers[1].email
    posten.sign(jobs[0].job_id or 0, leader)
    posten.sign(jobs[1].job_id or 0, leader, certificate=issue(
        "Nina Nord", serial="UN:NO-9578-4051-000000007", ca=posten.pki.ca))
    report, _ = poll_preparing_second_while_first_records(esign_app, jobs[1].job_id or 0)
    outcomes = {c["job"]: c["outcome"] for c in report.changes}
    assert Code.SIGNATURE_OTHER_CERTIFICATE.name in outcomes[jobs[1].job_id]
    with esign_app.transaction() as s:
        statuses = [a.status for a in s.exec(select(Agreement).order_by(col(Agreement.id)))]
    assert statuses[:2] == ["active", "partially_signed"]
