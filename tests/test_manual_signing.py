"""The manual channel made safe: `agreement sign` accepts a copy only when its PDF signature
verifies against the trust roots and the PDF that was sent; every refusal is one line and
writes nothing. A paper signature needs --unverified --reason, and says so on the certificate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import func, select

from agreements.app import App
from agreements.contracts import drafts, sending
from agreements.core.models import AuditEvent, Document, OutboxMessage, Signature
from cli import main
from tests.conftest import requires_soffice
from tests.helpers import oslo_kilde, signed_copy
from tests.posten.pades import sign_incrementally
from tests.posten.pdfs import PNG_BYTES, make_pdf
from tests.posten.pki import Pki

OLA = "ola@oslo.kommune.no"


@pytest.fixture
def cli_on(any_app: App, monkeypatch: pytest.MonkeyPatch) -> App:
    """The CLI on the same database and data folder as `any_app` (SQLite and PostgreSQL)."""
    requires_soffice()
    s = any_app.settings
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(s.data_dir))
    monkeypatch.setenv("AVTALEFLYT_DATABASE_URL", s.db_url)
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.setenv("AVTALEFLYT_SIGNING_TRUST_ROOTS", str(s.signing_trust_roots))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    return any_app


def sent(app: App) -> int:
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, created.agreement_id)
    return created.agreement_id


def written(app: App) -> tuple[int, ...]:
    """How many documents, audit events, messages and signed signatures there are."""
    with app.transaction() as s:
        rows = [s.exec(select(func.count()).select_from(m)).one()
                for m in (Document, AuditEvent, OutboxMessage)]
        signed = s.exec(select(func.count()).select_from(Signature)
                        .where(Signature.status == "signed")).one()
        return (*rows, signed)


def sent_pdf(app: App, aid: int) -> bytes:
    from agreements.core.models import Agreement

    with app.transaction() as s:
        a = s.get(Agreement, aid)
        doc = s.get(Document, a.pdf_id if a else None)
        assert doc is not None
    return app.documents.read(doc)


COPIES: dict[str, tuple[Callable[[App, int, Pki], bytes], str]] = {
    "png renamed .pdf": (lambda app, aid, pki: PNG_BYTES,
                         "signed copy is not a PDF (it looks like a PNG image)"),
    "unsigned pdf": (lambda app, aid, pki: sent_pdf(app, aid),
                     "signed copy refused: the PDF carries no signature"),
    "untrusted certificate": (
        lambda app, aid, pki: sign_incrementally(sent_pdf(app, aid), pki.untrusted_signer,
                                                 [pki.untrusted_ca.cert]),
        "by 'Common Name: Impostor seal, Organization: Elsewhere, Country: NO' does not chain "
        "to a trusted root"),
    "another document": (
        lambda app, aid, pki: sign_incrementally(make_pdf("Samarbeidsavtale PJD-X-1"),
                                                 pki.signer, [pki.ca.cert]),
        "signed copy refused: the signed PDF is not the document that was sent"),
}


@pytest.mark.parametrize("case", sorted(COPIES))
def test_agreement_sign_refuses_a_bad_copy(case: str, cli_on: App, pki: Pki, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A PNG renamed .pdf, an unsigned PDF, an untrusted signer, another document: refused."""
    aid = sent(cli_on)
    make, reason = COPIES[case]
    path = tmp_path / "signert.pdf"
    path.write_bytes(make(cli_on, aid, pki))
    before = written(cli_on)
    capsys.readouterr()
    assert main(["agreement", "sign", str(aid), "--signer", OLA, "--file", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err, err
    assert written(cli_on) == before


def test_without_trust_roots_a_copy_cannot_be_verified(cli_on: App, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Without AVTALEFLYT_SIGNING_TRUST_ROOTS a signed copy is refused, naming the setting."""
    aid = sent(cli_on)
    path = tmp_path / "signert.pdf"
    path.write_bytes(signed_copy(cli_on, aid))
    monkeypatch.delenv("AVTALEFLYT_SIGNING_TRUST_ROOTS")
    before = written(cli_on)
    capsys.readouterr()
    assert main(["agreement", "sign", str(aid), "--signer", OLA, "--file", str(path)]) == 1
    assert "AVTALEFLYT_SIGNING_TRUST_ROOTS is not set" in capsys.readouterr().err
    assert written(cli_on) == before


def test_paper_signature_needs_a_reason_and_is_printed_as_such(
        cli_on: App, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--unverified without --reason is a usage error; with it, «signert på papir» is recorded."""
    aid = sent(cli_on)
    scan = tmp_path / "skann.pdf"
    scan.write_bytes(make_pdf("Skannet signatur"))
    assert main(["agreement", "sign", str(aid), "--signer", OLA, "--file", str(scan),
                 "--unverified"]) == 2
    assert main(["agreement", "sign", str(aid), "--signer", OLA, "--file", str(scan),
                 "--unverified", "--reason", "Signert for hånd i kommunestyremøtet"]) == 0
    path = tmp_path / "kim.pdf"
    path.write_bytes(signed_copy(cli_on, aid))
    assert main(["agreement", "sign", str(aid), "--signer", "kim@ks.no", "--file",
                 str(path)]) == 0
    capsys.readouterr()
    assert main(["agreement", "show", str(aid)]) == 0
    shown = capsys.readouterr().out
    assert "unverified: signert på papir — Signert for hånd i kommunestyremøtet" in shown
    assert "verified: signed by Serial Number: 984661185, Common Name: Posten signering" in shown
    with cli_on.transaction() as s:
        audited = s.exec(select(AuditEvent.data).where(
            AuditEvent.action == "agreement.signed_by")).all()
        cert = s.exec(select(Document).where(Document.kind == "certificate")).first()
    assert any("signert på papir" in d for d in audited)
    from docx import Document as Docx

    assert cert is not None
    text = "\n".join(c.text for t in Docx(str(cli_on.settings.data_dir / cert.path)).tables
                     for r in t.rows for c in r.cells)
    assert "Signert på papir (ikke verifisert): Signert for hånd i kommunestyremøtet" in text
    assert ("Verifisert (samme PDF som ble sendt): gyldig, klarert, hele filen. Sertifikat: "
            "Posten signering test seal, POSTEN NORGE AS") in text
