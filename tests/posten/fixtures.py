"""Fixtures for the Posten signering tests: the session's PKI, a fresh loopback service per
test, the two-way TLS client, and a job to send. tests/conftest.py makes them available."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from agreements.app import App
from agreements.config import Settings
from agreements.signing.posten.certificates import (
    EnterpriseCertificate,
    build_http_client,
    load_pkcs12,
)
from agreements.signing.posten.client import PostenClient
from agreements.signing.provider import JobRequest, Poll

from .pdfs import make_pdf
from .pki import P12_PASSWORD, POSTEN_ORGNR, SENDER_ORGNR, Pki, shared_pki
from .server import PostenServer

REFERENCE = "AVT-2026-0042"
SIGNERS = ("leder@klinikk.example", "avtaler@nhn.example")
QUEUE = "avtaleflyt"


@pytest.fixture(scope="session")
def stand_in_soffice(tmp_path_factory: pytest.TempPathFactory) -> str:
    from bench.soffice_stand_in import stand_in

    return str(stand_in(tmp_path_factory.mktemp("soffice")))


@pytest.fixture
def pdf_stand_in(stand_in_soffice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents converted by bench/soffice_stand_in.py (AVTALEFLYT_SOFFICE), for tests of the
    Posten path whose subject is not LibreOffice's rendering: a valid one-page PDF with the
    document's text, which the loopback Posten signs with pyHanko and avtaleflyt verifies as
    it verifies any signed PDF, for a tenth of a LibreOffice conversion's CPU. LibreOffice
    itself converts where the PDF is the subject (test_templates_pdf, test_documents,
    test_manual_signing, test_resident_template)."""
    monkeypatch.setenv("AVTALEFLYT_SOFFICE", stand_in_soffice)


@pytest.fixture(scope="session")
def pki() -> Pki:
    return shared_pki()


@pytest.fixture(scope="session")
def cert(pki: Pki) -> EnterpriseCertificate:
    return load_pkcs12(pki.client_p12, P12_PASSWORD)


@pytest.fixture
def server(pki: Pki) -> Iterator[PostenServer]:
    with PostenServer(pki) as double:
        yield double


@pytest.fixture
def http(pki: Pki, cert: EnterpriseCertificate) -> Iterator[httpx.Client]:
    with build_http_client(cert, ca_bundle=pki.ca_pem, timeout=10.0) as client:
        yield client


@pytest.fixture
def client(http: httpx.Client, server: PostenServer) -> PostenClient:
    return PostenClient(http, server.root_url, server_orgnr=POSTEN_ORGNR)


@pytest.fixture(scope="session")
def pdf() -> bytes:
    return make_pdf(
        f"Tilslutningsavtale {REFERENCE}", "Pasientens journaldokumenter", "Side 1 av 1"
    )


def make_job(pdf: bytes, **changes: object) -> JobRequest:
    values: dict[str, object] = dict(
        reference=REFERENCE,
        title="Tilslutningsavtale for Pasientens journaldokumenter",
        description="Avtale om tilgang til PJD",
        sender_orgnr=SENDER_ORGNR,
        polling_queue=QUEUE,
        signers=SIGNERS,
        deadline=(datetime.now(UTC) + timedelta(days=14)).date(),
        pdf=pdf,
        pdf_name="avtale.pdf",
    )
    values.update(changes)
    return JobRequest(**values)  # type: ignore[arg-type]


def wait_until(result: Poll) -> None:
    """Sleep until the next permitted poll time the service gave."""
    delay = (result.next_permitted - datetime.now(UTC)).total_seconds()
    if delay > 0:
        time.sleep(delay + 0.02)


__all__ = ["QUEUE", "REFERENCE", "SIGNERS", "make_job", "wait_until"]


def organisers() -> list[str]:
    """KS and the four RHFs, from the reference data: the senders of the agreements' jobs."""
    from agreements import reference

    return [o.orgnr for o in reference.organisers().values() if o.rolle == "organisator"]


# Who signs in the tests (tests.helpers, tests.world): their BankID names the XAdES
NAMES = {"ola@oslo.kommune.no": "Ola Ordfører", "kim@ks.no": "Kim Leder",
         "nina@helse-nord.no": "Nina Nord", "ravna@example.no": "Ravna Spes",
         "berit@bergen.kommune.no": "Berit"}


@pytest.fixture
def posten(pki: Pki) -> Iterator[PostenServer]:
    """The loopback service, where the test certificate's organisation is a broker for KS and
    the four RHFs (avtaleflyt sends as the organiser)."""
    with PostenServer(pki, senders=organisers(), names=NAMES) as double:
        yield double


def posten_settings(base: Settings, server: PostenServer, pki: Pki) -> Settings:
    """`base` with AVTALEFLYT_SIGNING=posten against `server`, over two-way TLS."""
    return base.model_copy(update={
        "signing": "posten", "posten_url": server.root_url, "posten_cert": pki.client_p12,
        "posten_cert_password": P12_PASSWORD, "posten_ca_bundle": pki.ca_pem,
        "signing_trust_roots": pki.ca_pem})


@pytest.fixture
def esign_app(settings: Settings, db_url: str, posten: PostenServer, pki: Pki,
              pdf_stand_in: None) -> Iterator[App]:
    """An initialised app signing through the loopback Posten signering, on today's date,
    on SQLite and (in a second run) PostgreSQL; its documents converted by the stand-in
    (`pdf_stand_in`)."""
    from tests.conftest import make_app

    with make_app(posten_settings(settings.model_copy(update={"database_url": db_url}),
                                  posten, pki)) as app:
        yield app
