"""The issue's scale, in small: with AVTALEFLYT_SIGNING=posten, one onboarding run creates a job
for every kommune of the batch, and one poll after they are signed records every signature and
certificate. All 357 kommuner (357 jobs, 714 signatures) run in `make bench` (bench/esign.py)."""

from __future__ import annotations

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
from tests.posten.pki import P12_PASSWORD, Pki
from tests.posten.server import PostenServer

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("pdf_stand_in")]  # tests/posten/
KOMMUNER = 12


def test_every_kommune_of_a_batch_is_signed_with_no_human_action(
        prefect_harness: None, posten: PostenServer, pki: Pki, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A job per kommune from one onboarding run; one poll records every signature and
    certificate, although Posten hides a change it has handed out for 10 minutes."""
    from flows.onboarding import onboard_batch

    requires_soffice()
    for key, value in {
            "DATA_DIR": str(tmp_path / "var"), "OFFLINE": "1", "SIGNING": "posten",
            "POSTEN_URL": posten.root_url, "POSTEN_CERT": str(pki.client_p12),
            "POSTEN_CERT_PASSWORD": P12_PASSWORD, "POSTEN_CA_BUNDLE": str(pki.ca_pem),
            "SIGNING_TRUST_ROOTS": str(pki.ca_pem)}.items():
        monkeypatch.setenv(f"AVTALEFLYT_{key}", value)
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    app = make_app(Settings.from_env())
    add_contact(app, KS, "Kim Leder", "kim@ks.no", ContactRole.SIGNATORY)
    kommuner = sorted(reference.kommuner())[:KOMMUNER]
    text = "orgnr,role,signatory_name,signatory_email\n" + "".join(
        f"{o},kilde,Ordfører {o},ordforer@k{o}.example\n" for o in kommuner)

    result = onboard_batch(csv_text=text, offline=True)
    assert (result.done, result.attention) == (KOMMUNER, 0)
    assert len(posten.jobs) == KOMMUNER
    for job in posten.jobs.values():
        for signer in job.signers:  # each with BankID in their own name
            name = "Kim Leder" if signer.email == "kim@ks.no" else \
                f"Ordfører {signer.email.split('@k')[1].split('.')[0]}"
            posten.sign(job.id, signer.email, as_name=name)

    report = polling.poll(app)
    assert report.failed == [] and len(report.changes) == 2 * KOMMUNER
    with app.transaction() as s:
        def count(model: type, *where: object) -> int:
            return s.exec(select(func.count()).select_from(model).where(*where)).one()  # type: ignore[arg-type]

        assert count(Signature, Signature.status == "signed") == 2 * KOMMUNER
        assert count(Agreement, col(Agreement.certificate_pdf_id).is_not(None)) == KOMMUNER
        assert count(Document, Document.kind == "certificate") == 2 * KOMMUNER  # DOCX and PDF
        assert count(SignatureCheck, SignatureCheck.valid, SignatureCheck.method == "pades") \
            == KOMMUNER
        assert count(SignatureCheck, SignatureCheck.valid, SignatureCheck.method == "xades") \
            == 2 * KOMMUNER
    assert all(c.confirmed for q in posten.queues.values() for c in q)
