"""The client against the loopback Posten signering: create, poll, confirm, cancel."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import httpx
import pytest

from agreements.errorcodes import Code
from agreements.signing.posten.certificates import (
    EnterpriseCertificate,
)
from agreements.signing.posten.client import PostenClient
from agreements.signing.posten.package import build_job_request, build_package
from agreements.signing.provider import SigningError, StatusChange, TooEarly
from agreements.signing.verify import verify_pdf
from tests.posten.fixtures import QUEUE, REFERENCE, SIGNERS, make_job, wait_until
from tests.posten.pki import SENDER_ORGNR, Pki
from tests.posten.server import PostenServer
from tests.waiting import PATIENCE


def _create(client: PostenClient, cert: EnterpriseCertificate, pdf: bytes, **job: object) -> int:
    created = client.create_job(
        SENDER_ORGNR, build_package(make_job(pdf, **job), cert), build_job_request(REFERENCE, QUEUE)
    )
    return created.job_id


def _next_change(client: PostenClient) -> StatusChange:
    """Poll (respecting the permitted time) until a change arrives."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        try:
            result = client.poll(SENDER_ORGNR, QUEUE)
        except TooEarly as early:
            time.sleep(max(0.0, (early.next_permitted - datetime.now(UTC)).total_seconds()) + 0.02)
            continue
        if result.change is not None:
            return result.change
        wait_until(result)
    raise AssertionError("no status change arrived")


def test_create_sends_spec_shaped_request(
    client: PostenClient, server: PostenServer, cert: EnterpriseCertificate, pdf: bytes
) -> None:
    """Create POSTs multipart/mixed to …/portal/signature-jobs; returns id and cancel URL."""
    created = client.create_job(
        SENDER_ORGNR, build_package(make_job(pdf), cert), build_job_request(REFERENCE, QUEUE)
    )
    assert (
        created.cancellation_url
        == f"{server.root_url}/{SENDER_ORGNR}/portal/signature-jobs/{created.job_id}/cancel"
    )
    request = server.requests[-1]
    assert (request.method, request.path) == ("POST", f"/api/{SENDER_ORGNR}/portal/signature-jobs")
    assert request.headers["Content-Type"].startswith("multipart/mixed; boundary=")
    assert request.client_orgnr == SENDER_ORGNR


def test_both_sign_then_pades_verifies(
    client: PostenClient, server: PostenServer, cert: EnterpriseCertificate, pdf: bytes, pki: Pki
) -> None:
    """Each signature arrives as a change; after both, the PAdES downloads and verifies."""
    job_id = _create(client, cert, pdf)
    assert client.poll(SENDER_ORGNR, QUEUE).change is None
    server.sign(job_id, SIGNERS[0])
    first = _next_change(client)
    assert (first.job_id, first.status, first.reference) == (job_id, "IN_PROGRESS", REFERENCE)
    assert [(s.signer, s.status) for s in first.signers] == [
        (SIGNERS[0], "SIGNED"),
        (SIGNERS[1], "WAITING"),
    ]
    assert first.cancellation_url
    client.confirm(first.confirmation_url)
    server.sign(job_id, SIGNERS[1])
    done = _next_change(client)
    assert done.status == "COMPLETED_SUCCESSFULLY" and done.document_url
    pades = client.download(done.document_url)
    result = verify_pdf(pades, trust_roots_pem=pki.ca_pem.read_bytes(), expected_text=REFERENCE)
    assert result.ok, result.problems
    assert result.signer is not None and result.signer.name == "Posten signering test seal"
    client.confirm(done.confirmation_url)
    server.advance(server.visibility_timeout)  # and every poll window with it
    assert client.poll(SENDER_ORGNR, QUEUE).change is None  # nothing comes back once confirmed


@pytest.mark.parametrize(
    "control, signer_status",
    [
        ("reject", "REJECTED"),
        ("block", "BLOCKED"),
        ("contact_information_missing", "CONTACT_INFORMATION_MISSING"),
    ],
)
def test_organisation_refuses(
    client: PostenClient,
    server: PostenServer,
    cert: EnterpriseCertificate,
    pdf: bytes,
    control: str,
    signer_status: str,
) -> None:
    """The organisation's signer rejects (or is blocked, or has no contact info): the job FAILED."""
    job_id = _create(client, cert, pdf)
    getattr(server, control)(job_id, SIGNERS[0])
    change = _next_change(client)
    assert change.status == "FAILED" and change.document_url is None
    assert change.cancellation_url is None
    assert [s.status for s in change.signers] == [signer_status, "NOT_APPLICABLE"]


def test_expiry(
    client: PostenClient, server: PostenServer, cert: EnterpriseCertificate, pdf: bytes
) -> None:
    """An expired job arrives as FAILED with the waiting signers EXPIRED."""
    job_id = _create(client, cert, pdf)
    server.sign(job_id, SIGNERS[0])
    client.confirm(_next_change(client).confirmation_url)
    server.expire(job_id)
    change = _next_change(client)
    assert change.status == "FAILED"
    assert [s.status for s in change.signers] == ["SIGNED", "EXPIRED"]


def test_cancel(
    client: PostenClient, server: PostenServer, cert: EnterpriseCertificate, pdf: bytes
) -> None:
    """The cancellation URL cancels (FAILED, signers CANCELLED); cancelling again is 409."""
    created = client.create_job(
        SENDER_ORGNR, build_package(make_job(pdf), cert), build_job_request(REFERENCE, QUEUE)
    )
    client.cancel(created.cancellation_url)
    change = _next_change(client)
    assert change.status == "FAILED" and {s.status for s in change.signers} == {"CANCELLED"}
    with pytest.raises(SigningError, match="409") as refused:
        client.cancel(created.cancellation_url)
    assert refused.value.retryable is False and "JOB_NOT_CANCELLABLE" in str(refused.value)


def test_poll_too_early_raises_with_permitted_time(
    client: PostenClient, server: PostenServer
) -> None:
    """Polling again before X-Next-permitted-poll-time gives TooEarly carrying that time."""
    server.poll_interval = 600  # the window stays shut, however long a poll takes here
    empty = client.poll(SENDER_ORGNR, QUEUE)
    assert empty.change is None and empty.next_permitted > datetime.now(UTC)
    with pytest.raises(TooEarly) as early:
        client.poll(SENDER_ORGNR, QUEUE)
    assert early.value.retryable is True
    assert abs((early.value.next_permitted - empty.next_permitted).total_seconds()) < 0.01
    assert (
        server.requests[-1].path
        == f"/api/{SENDER_ORGNR}/portal/signature-jobs?polling_queue={QUEUE}"
    )


def test_unconfirmed_change_is_redelivered(
    client: PostenClient, server: PostenServer, cert: EnterpriseCertificate, pdf: bytes
) -> None:
    """A change that is not confirmed is hidden for a while, then delivered again."""
    job_id = _create(client, cert, pdf)
    server.sign(job_id, SIGNERS[0])
    first = _next_change(client)
    assert client.poll(SENDER_ORGNR, QUEUE).change is None  # hidden while in flight
    server.advance(server.visibility_timeout)
    again = _next_change(client)
    assert again == first
    client.confirm(again.confirmation_url)
    server.advance(server.visibility_timeout)  # and every poll window with it
    assert client.poll(SENDER_ORGNR, QUEUE).change is None


def test_change_for_unknown_job_parses(client: PostenClient, server: PostenServer) -> None:
    """A change for a job this client never created parses normally (the caller decides)."""
    job_id = server.enqueue_unknown_job(SENDER_ORGNR, QUEUE, signer_status="SOMETHING_NEW")
    change = _next_change(client)
    assert change.job_id == job_id and change.reference == "made-elsewhere"
    assert change.signers[0].status == "SOMETHING_NEW" and not change.signers[0].known
    client.confirm(change.confirmation_url)


def test_polling_queues_are_separate(
    client: PostenClient, server: PostenServer, cert: EnterpriseCertificate, pdf: bytes
) -> None:
    """A job on the 'avtaleflyt' queue is invisible on the default queue."""
    job_id = _create(client, cert, pdf)
    server.sign(job_id, SIGNERS[0])
    assert client.poll(SENDER_ORGNR, None).change is None
    assert server.requests[-1].path == f"/api/{SENDER_ORGNR}/portal/signature-jobs"
    assert _next_change(client).job_id == job_id


def test_tampered_pades_fails_verification(
    client: PostenClient, server: PostenServer, cert: EnterpriseCertificate, pdf: bytes, pki: Pki
) -> None:
    """A PAdES with one changed byte is refused: the signature is broken."""
    job_id = _create(client, cert, pdf)
    server.sign(job_id, SIGNERS[0])
    server.sign(job_id, SIGNERS[1])
    server.tamper_pades = True
    changes = [_next_change(client), _next_change(client)]
    result = verify_pdf(
        client.download(changes[-1].document_url or ""),
        trust_roots_pem=pki.ca_pem.read_bytes(),
        expected_text=REFERENCE,
    )
    assert not result.ok and not result.intact
    assert any(p.code is Code.SIGNATURE_BROKEN for p in result.problems)


def test_legacy_text_identifier_is_understood(
    pki: Pki, http: httpx.Client, cert: EnterpriseCertificate, pdf: bytes
) -> None:
    """The older `<identifier>e-mail</identifier>` form yields the same signer as the new one."""
    with PostenServer(pki, legacy_identifier=True) as legacy:
        client = PostenClient(http, legacy.root_url)
        job_id = _create(client, cert, pdf)
        legacy.sign(job_id, SIGNERS[0])
        change = _next_change(client)
    assert change.signer(SIGNERS[0].upper()) is not None
