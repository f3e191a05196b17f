"""The issue's scale: with AVTALEFLYT_SIGNING=posten, onboarding all 357 kommuner creates 357
jobs, and one poll after they are signed records 714 signatures and 357 certificates."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from agreements import reference
from agreements.config import Settings
from agreements.contracts import polling
from agreements.core.enums import ContactRole
from agreements.core.models import Agreement, Document, Signature, SignatureCheck
from tests.conftest import make_app, requires_soffice
from tests.helpers import KS, add_contact
from tests.posten.fixtures import organisers
from tests.posten.pki import P12_PASSWORD, Pki
from tests.posten.server import PostenServer

pytestmark = pytest.mark.slow


@pytest.fixture
def patient_posten(pki: Pki) -> Iterator[PostenServer]:
    """Posten as in production: a change handed out stays hidden for 10 minutes."""
    names = {f"ordforer@k{o}.example": f"Ordfører {o}" for o in reference.kommuner()}
    with PostenServer(pki, senders=organisers(), visibility_timeout=600,
                      names={**names, "kim@ks.no": "Kim Leder"}) as double:
        yield double


def test_all_357_kommuner_are_signed_with_no_human_action(
        prefect_harness: None, patient_posten: PostenServer, pki: Pki, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """357 jobs from one onboarding run; a poll records 714 signatures and 357 certificates."""
    from flows.onboarding import onboard_batch

    requires_soffice()
    for key, value in {
            "DATA_DIR": str(tmp_path / "var"), "OFFLINE": "1", "SIGNING": "posten",
            "POSTEN_URL": patient_posten.root_url, "POSTEN_CERT": str(pki.client_p12),
            "POSTEN_CERT_PASSWORD": P12_PASSWORD, "POSTEN_CA_BUNDLE": str(pki.ca_pem),
            "SIGNING_TRUST_ROOTS": str(pki.ca_pem)}.items():
        monkeypatch.setenv(f"AVTALEFLYT_{key}", value)
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    app = make_app(Settings.from_env())
    add_contact(app, KS, "Kim Leder", "kim@ks.no", ContactRole.SIGNATORY)
    kommuner = sorted(reference.kommuner())
    text = "orgnr,role,signatory_name,signatory_email\n" + "".join(
        f"{o},kilde,Ordfører {o},ordforer@k{o}.example\n" for o in kommuner)

    started = time.monotonic()
    result = onboard_batch(csv_text=text, offline=True)
    onboarded = time.monotonic() - started
    assert (result.done, result.attention) == (357, 0)
    assert len(patient_posten.jobs) == 357
    for job in patient_posten.jobs.values():
        for signer in job.signers:
            patient_posten.sign(job.id, signer.email)

    started = time.monotonic()
    report = polling.poll(app)
    polled = time.monotonic() - started
    assert report.failed == [] and len(report.changes) == 714
    with app.transaction() as s:
        def count(model: type, *where: object) -> int:
            return s.exec(select(func.count()).select_from(model).where(*where)).one()  # type: ignore[arg-type]

        assert count(Signature, Signature.status == "signed") == 714
        assert count(Agreement, col(Agreement.certificate_pdf_id).is_not(None)) == 357
        assert count(Document, Document.kind == "certificate") == 714  # DOCX and PDF
        assert count(SignatureCheck, SignatureCheck.valid, SignatureCheck.method == "pades") == 357
        assert count(SignatureCheck, SignatureCheck.valid, SignatureCheck.method == "xades") == 714
    assert all(c.confirmed for q in patient_posten.queues.values() for c in q)
    print(f"\n357 kommuner: onboarding {onboarded:.0f} s, poll {polled:.0f} s")
