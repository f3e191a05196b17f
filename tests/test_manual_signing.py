"""The manual channel made safe: `agreement sign` records a copy only when it is the copy the
signer was sent with one new signature and nothing else changed, made with a trusted, valid
certificate that names the signatory. Every refusal is one line on stderr naming its true
cause, writes nothing, leaves no staged file and keeps the audit log intact. A paper signature
needs --unverified --reason, a deputy --accept-signer, and both are printed on the certificate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.core.models import AuditEvent, Document, Signature
from cli import main
from tests.conftest import fresh_postgres_database, make_app, requires_soffice
from tests.helpers import oslo_kilde, sent_pdf, signed_copy, written
from tests.posten.pdfs import make_pdf
from tests.posten.pki import shared_pki
from tests.signed_copies import FIRST, SECOND, Bad

OLA, KIM = "ola@oslo.kommune.no", "kim@ks.no"


@dataclass
class Sent:
    """An agreement sent to Oslo and KS, and the environment that points the CLI at it."""

    app: App
    agreement_id: int
    folder: Path
    env: dict[str, str]


def cli(w: Sent, *argv: str) -> int:
    """`avtaleflyt ARGV` against the world's database (two worlds may be alive at once)."""
    with pytest.MonkeyPatch.context() as env:
        for key, value in w.env.items():
            env.setenv(key, value)
        env.delenv("PREFECT_API_URL", raising=False)
        return main(list(argv))


DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=DATABASES)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Sent:
    """One sent agreement per database for the first signer's refusals (each changes nothing)."""
    return _sent(request, tmp_path_factory)


@pytest.fixture(scope="module", params=DATABASES)
def second_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> Sent:
    """Another, for the second signer: pytest-xdist may run a module's tests in any order, so
    the world Ola signs in is not the one whose cases expect his signature still missing."""
    return _sent(request, tmp_path_factory)


def _sent(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Sent:
    requires_soffice()
    folder = tmp_path_factory.mktemp("manual")
    url = (f"sqlite:///{folder / 'avtaleflyt.db'}" if request.param == "sqlite"
           else fresh_postgres_database(request.getfixturevalue("postgres_server")))
    settings = Settings(data_dir=folder / "var", offline=True, actor="test",
                        signing_trust_roots=shared_pki().ca_pem, database_url=url,
                        allow_draft_templates=True)
    app = make_app(settings)
    env = {"AVTALEFLYT_DATA_DIR": str(settings.data_dir), "AVTALEFLYT_DATABASE_URL": url,
           "AVTALEFLYT_OFFLINE": "1", "AVTALEFLYT_ALLOW_DRAFT_TEMPLATES": "1",
           "AVTALEFLYT_SIGNING_TRUST_ROOTS": str(shared_pki().ca_pem)}
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, created.agreement_id)
    return Sent(app, created.agreement_id, folder, env)


def refused(w: Sent, bad: Bad, signer: str, before: bytes | None,
            capsys: pytest.CaptureFixture[str]) -> None:
    """`agreement sign` refuses the copy with one line naming why, and nothing is left."""
    path = w.folder / "signert.pdf"
    path.write_bytes(bad.make(sent_pdf(w.app, w.agreement_id), before))
    was = written(w.app)
    capsys.readouterr()
    assert cli(w, "agreement", "sign", str(w.agreement_id), "--signer", signer, "--file",
               str(path)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and bad.says in err, err
    assert written(w.app) == was
    assert not [p for p in (w.app.settings.data_dir / "uploads").glob("*/*")]
    assert cli(w, "audit", "verify") == 0


@pytest.mark.parametrize("case", sorted(FIRST))
def test_the_first_signer_s_bad_copy_is_refused_naming_why(
        case: str, world: Sent, capsys: pytest.CaptureFixture[str]) -> None:
    """Each bad first copy is refused with its own one-line reason, and nothing is kept."""
    refused(world, FIRST[case], OLA, None, capsys)


@pytest.fixture(scope="module")
def first_signed(second_world: Sent) -> tuple[Sent, bytes]:
    """The second world's agreement once Ola's good copy is recorded."""
    world = second_world
    assert cli(world, "agreement", "sign", str(world.agreement_id), "--signer", OLA, "--file",
               str(_write(world, signed_copy(world.app, world.agreement_id)))) == 0
    with world.app.transaction() as s:
        sig = s.exec(select(Signature).where(Signature.agreement_id == world.agreement_id,
                                             Signature.position == 1)).one()
        doc = s.get(Document, sig.document_id)
        assert sig.status == "signed" and doc is not None
    return world, world.app.documents.read(doc)


def _write(where: Sent | Path, data: bytes) -> Path:
    path = (where.folder if isinstance(where, Sent) else where) / "kopi.pdf"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(SECOND))
def test_the_second_signer_s_bad_copy_is_refused_naming_why(
        case: str, first_signed: tuple[Sent, bytes],
        capsys: pytest.CaptureFixture[str]) -> None:
    """KS's signatory must add a signature of their own to the copy Oslo signed."""
    w, before = first_signed
    refused(w, SECOND[case], KIM, before, capsys)


def test_two_signers_in_turn_make_one_verified_file(first_signed: tuple[Sent, bytes],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Kim signs the copy Ola signed: the agreement is active, both checks say what they
    verified, and the file KS handed in holds both signatures."""
    w, before = first_signed
    copy = signed_copy(w.app, w.agreement_id)
    assert copy.startswith(before)
    assert cli(w, "agreement", "sign", str(w.agreement_id), "--signer", KIM, "--file",
               str(_write(w, copy))) == 0
    capsys.readouterr()
    assert cli(w, "agreement", "show", str(w.agreement_id)) == 0
    shown = capsys.readouterr().out
    assert "status: active" in shown or "active" in shown
    assert shown.count("byte for byte, with this one signature added and nothing else "
                       "changed") == 2
    assert "with the certificate of Ordfører, Ola, serialNumber UN:NO-" in shown
    assert cli(w, "audit", "verify") == 0


def test_a_deputy_is_accepted_by_a_coordinator_with_a_reason(
        any_app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Oslo's deputy mayor signs for the mayor: refused without a reason, recorded with one,
    audited, and printed on the signeringsbekreftelse."""
    requires_soffice()
    _cli_env(any_app, monkeypatch)
    (created,) = drafts.create_agreements(any_app, [oslo_kilde(any_app)])
    sending.send(any_app, created.agreement_id)
    from tests.posten.people import person
    from tests.posten.tampered import sign_with

    path = tmp_path / "varaordforer.pdf"
    path.write_bytes(sign_with(sent_pdf(any_app, created.agreement_id),
                               person("Vara Ordfører"), [shared_pki().ca.cert]))
    aid = str(created.agreement_id)
    assert main(["agreement", "sign", aid, "--signer", OLA, "--file", str(path)]) == 1
    assert "names 'Ordfører, Vara', not the signatory Ola Ordfører" in capsys.readouterr().err
    reason = "Varaordfører signerte med fullmakt fra ordføreren (vedtak 12/2026)"
    assert main(["agreement", "sign", aid, "--signer", OLA, "--file", str(path),
                 "--accept-signer", reason]) == 0
    assert main(["agreement", "sign", aid, "--signer", KIM, "--file",
                 str(_write(tmp_path, signed_copy(any_app, created.agreement_id)))]) == 0
    with any_app.transaction() as s:
        audited = [e.data for e in s.exec(select(AuditEvent).where(
            AuditEvent.action == "agreement.signed_by"))]
        cert = s.exec(select(Document).where(Document.kind == "certificate")).first()
    assert any(reason in d for d in audited)
    assert cert is not None
    assert (f"Sertifikatet lyder på Ordfører, Vara, ikke Ola Ordfører; godtatt av "
            f"koordinator: {reason}") in _certificate_text(any_app, cert)


def _cli_env(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    s = app.settings
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(s.data_dir))
    monkeypatch.setenv("AVTALEFLYT_DATABASE_URL", s.db_url)
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.setenv("AVTALEFLYT_SIGNING_TRUST_ROOTS", str(s.signing_trust_roots))
    monkeypatch.delenv("PREFECT_API_URL", raising=False)


def _certificate_text(app: App, cert: Document) -> str:
    from docx import Document as Docx

    return "\n".join(c.text for t in Docx(str(app.settings.data_dir / cert.path)).tables
                     for r in t.rows for c in r.cells)


def test_without_trust_roots_a_copy_cannot_be_verified(
        app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Without AVTALEFLYT_SIGNING_TRUST_ROOTS a signed copy is refused, naming the setting."""
    requires_soffice()
    _cli_env(app, monkeypatch)
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, created.agreement_id)
    path = _write(tmp_path, signed_copy(app, created.agreement_id))
    monkeypatch.delenv("AVTALEFLYT_SIGNING_TRUST_ROOTS")
    before = written(app)
    capsys.readouterr()
    assert main(["agreement", "sign", str(created.agreement_id), "--signer", OLA, "--file",
                 str(path)]) == 1
    assert "AVTALEFLYT_SIGNING_TRUST_ROOTS is not set" in capsys.readouterr().err
    assert written(app) == before


def test_paper_signature_needs_a_reason_and_is_printed_as_such(
        app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """--unverified without --reason is a usage error; with it, «signert på papir» is recorded,
    and the next signer signs the PDF that was sent."""
    requires_soffice()
    _cli_env(app, monkeypatch)
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    sending.send(app, created.agreement_id)
    aid = str(created.agreement_id)
    scan = tmp_path / "skann.pdf"
    scan.write_bytes(make_pdf("Skannet signatur"))
    assert main(["agreement", "sign", aid, "--signer", OLA, "--file", str(scan),
                 "--unverified"]) == 2
    assert main(["agreement", "sign", aid, "--signer", OLA, "--file", str(scan),
                 "--unverified", "--reason", "Signert for hånd i kommunestyremøtet"]) == 0
    assert main(["agreement", "sign", aid, "--signer", KIM, "--file",
                 str(_write(tmp_path, signed_copy(app, created.agreement_id)))]) == 0
    capsys.readouterr()
    assert main(["agreement", "show", aid]) == 0
    shown = capsys.readouterr().out
    assert "unverified: signert på papir — Signert for hånd i kommunestyremøtet" in shown
    assert "with the certificate of Leder, Kim, serialNumber UN:NO-" in shown
    with app.transaction() as s:
        cert = s.exec(select(Document).where(Document.kind == "certificate")).first()
    assert cert is not None
    text = _certificate_text(app, cert)
    assert "Signert på papir (ikke verifisert): Signert for hånd i kommunestyremøtet" in text
    assert ("Verifisert: PDF-en som ble sendt, byte for byte, med denne ene signaturen lagt "
            "til og ingenting annet endret") in text
