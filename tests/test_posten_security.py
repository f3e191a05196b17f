"""The client against the loopback Posten signering: two-way TLS, whose certificate, whose URLs,
and the service's refusals of a wrong sender."""

from __future__ import annotations

import re
import ssl

import httpx
import pytest

from agreements.signing.posten.certificates import (
    EnterpriseCertificate,
    build_http_client,
    load_pkcs12,
)
from agreements.signing.posten.client import PostenClient
from agreements.signing.posten.package import build_job_request, build_package
from agreements.signing.provider import SigningError
from cli.errortexts import english
from tests.posten.fixtures import QUEUE, REFERENCE, make_job
from tests.posten.pki import P12_PASSWORD, SENDER_ORGNR, Pki
from tests.posten.server import PostenServer
from tests.waiting import wait_for


def test_sender_mismatch_is_refused(
    client: PostenClient, cert: EnterpriseCertificate, pdf: bytes
) -> None:
    """A manifest naming another sender than the URL is refused with 400 and the service's code."""
    package = build_package(make_job(pdf, sender_orgnr="111222333"), cert)
    with pytest.raises(SigningError) as refused:
        client.create_job(SENDER_ORGNR, package, build_job_request(REFERENCE, QUEUE))
    assert "HTTP 400" in english(refused.value) and "SENDER_MISMATCH" in english(refused.value)
    assert refused.value.retryable is False


def test_other_organisation_in_url_is_forbidden(client: PostenClient) -> None:
    """Acting for an organisation the certificate is not for: 403 BROKER_NOT_AUTHORIZED."""
    with pytest.raises(SigningError) as raised_:
        client.poll("111222333", QUEUE)
    assert re.search("BROKER_NOT_AUTHORIZED", english(raised_.value))


def test_client_without_certificate_is_refused(server: PostenServer, pki: Pki) -> None:
    """Two-way TLS is required: a client presenting no certificate cannot even connect."""
    context = ssl.create_default_context(cafile=str(pki.ca_pem))
    with (
        httpx.Client(verify=context, timeout=5) as bare,
        pytest.raises(SigningError) as refused,
    ):
        PostenClient(bare, server.root_url).poll(SENDER_ORGNR, QUEUE)
    assert "TLS" in english(refused.value) and refused.value.retryable is False
    wait_for(lambda: server.tls_failures, "the refused handshake to be recorded")
    assert not server.requests


def test_client_with_untrusted_certificate_is_refused(server: PostenServer, pki: Pki) -> None:
    """A client certificate from a CA the service does not trust is refused in the handshake."""
    impostor = load_pkcs12(pki.untrusted_client_p12, P12_PASSWORD)
    with (
        build_http_client(impostor, ca_bundle=pki.ca_pem, timeout=5) as http,
        pytest.raises(SigningError),
    ):
        PostenClient(http, server.root_url).poll(SENDER_ORGNR, QUEUE)
    wait_for(lambda: server.tls_failures, "the refused handshake to be recorded")
    assert not server.requests


def test_server_of_another_organisation_is_refused(
    http: httpx.Client, server: PostenServer
) -> None:
    """With server_orgnr set, a server certificate naming another organisation is refused."""
    with pytest.raises(SigningError) as raised_:
        PostenClient(http, server.root_url, server_orgnr="123456789").poll(SENDER_ORGNR, QUEUE)
    assert re.search("does not belong", english(raised_.value))


def test_urls_outside_the_api_are_refused(client: PostenClient) -> None:
    """The client will not send its certificate-authenticated requests to a foreign host."""
    with pytest.raises(SigningError) as raised_:
        client.download("https://elsewhere.example/api/pades")
    assert re.search("outside", english(raised_.value))
