"""The whole signing path: create, send in order, sign, decline, withdraw, certificate."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, ending, sending
from agreements.contracts import signatures as signing
from agreements.core.enums import AgreementStatus
from agreements.core.models import Agreement, Document, OutboxMessage
from agreements.errorcodes import Code
from agreements.errors import IllegalTransition, InvalidInput, Refused
from agreements.registry.register import Registration, register
from tests.conftest import make_app
from tests.helpers import SPECIALIST, oslo_kilde, refused_saying, signed_copy, specialist_kilde

KARI = "ola@oslo.kommune.no"


@pytest.fixture
def app(settings: Settings) -> App:
    """The refusals and endings below look at no PDF: their agreements go out as DOCX only.
    The full path (`any_app`) converts, since its certificate names the PDF's hash."""
    return make_app(settings.model_copy(update={"pdf": False}), date(2026, 11, 25))


def sent_agreement(app: App, pid: int) -> int:
    (created,) = drafts.create_agreements(app, [pid])
    sending.send(app, created.agreement_id)
    return created.agreement_id


def load(app: App, agreement_id: int) -> Agreement:
    with app.transaction() as s:
        a = s.get(Agreement, agreement_id)
        assert a is not None
        return a


def mail_keys(app: App) -> list[str]:
    with app.transaction() as s:
        return list(s.exec(select(OutboxMessage.key).order_by(OutboxMessage.id)))  # type: ignore[arg-type]


def sha_of_file(app: App, doc_id: int | None) -> str:
    with app.transaction() as s:
        doc = s.get(Document, doc_id)
        assert doc is not None
        return hashlib.sha256((app.settings.data_dir / doc.path).read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", ["kommune", "avtalespesialist"])
def test_full_signing_path_gives_certificate_with_true_hashes(
        any_app: App, tmp_path: Path, kind: str) -> None:
    """Org signs, organiser countersigns; the certificate's hashes equal the stored files'."""
    pid = oslo_kilde(any_app) if kind == "kommune" else specialist_kilde(any_app)
    first = KARI if kind == "kommune" else "ravna@example.no"
    second = "kim@ks.no" if kind == "kommune" else "nina@helse-nord.no"
    aid = sent_agreement(any_app, pid)
    assert mail_keys(any_app) == [f"agreement:{aid}:signature:{_sig_id(any_app, aid, 1)}:request"]
    signing.record_signature(any_app, aid, first, signed_copy(any_app, aid))
    assert load(any_app, aid).status == AgreementStatus.PARTIALLY_SIGNED
    signing.record_signature(any_app, aid, second, signed_copy(any_app, aid))
    a = load(any_app, aid)
    assert a.status == AgreementStatus.ACTIVE and a.certificate_id and a.expires_on
    from docx import Document as Docx

    cert = Docx(str(any_app.settings.data_dir / _doc(any_app, a.certificate_id).path))
    text = "\n".join(c.text for t in cert.tables for r in t.rows for c in r.cells)
    for doc_id in (a.docx_id, a.pdf_id, *(_signed_copies(any_app, aid))):
        if doc_id:
            assert sha_of_file(any_app, doc_id) in text
    keys = mail_keys(any_app)
    assert sum(":certificate:" in k for k in keys) >= 3  # both signers and the coordinators


def _sig_id(app: App, aid: int, position: int) -> int:
    with app.transaction() as s:
        return next(x.id for x in sending.signatures(s, aid) if x.position == position) or 0


def _signed_copies(app: App, aid: int) -> list[int | None]:
    with app.transaction() as s:
        return [x.document_id for x in sending.signatures(s, aid)]


def _doc(app: App, doc_id: int) -> Document:
    with app.transaction() as s:
        d = s.get(Document, doc_id)
        assert d is not None
        return d


def test_organiser_cannot_sign_first(app: App, tmp_path: Path) -> None:
    """KS countersigns only after the kommune has signed."""
    aid = sent_agreement(app, oslo_kilde(app))
    with pytest.raises(IllegalTransition) as refused:
        signing.record_signature(app, aid, "kim@ks.no", signed_copy(app, aid))
    assert refused.value.code is Code.SIGNS_AFTER


def test_signing_twice_is_refused(app: App, tmp_path: Path) -> None:
    """The same signer cannot sign again."""
    aid = sent_agreement(app, oslo_kilde(app))
    signing.record_signature(app, aid, KARI, signed_copy(app, aid))
    with pytest.raises(IllegalTransition) as refused:
        signing.record_signature(app, aid, KARI, signed_copy(app, aid))
    assert refused.value.code is Code.ALREADY_SIGNED


def test_withdrawn_agreement_cannot_be_signed(app: App, tmp_path: Path) -> None:
    """After withdrawal the asked signer is told, and signing is refused."""
    aid = sent_agreement(app, oslo_kilde(app))
    ending.withdraw(app, aid, "Feil dokumenttyper")
    assert load(app, aid).status == AgreementStatus.WITHDRAWN
    assert f"agreement:{aid}:withdrawn:{KARI}" in mail_keys(app)
    with pytest.raises(IllegalTransition) as refused:
        signing.record_signature(app, aid, KARI, signed_copy(app, aid))
    assert refused.value.params == {"agreement": aid, "status": "withdrawn"}


def test_decline_ends_the_agreement_and_tells_both_parties(app: App) -> None:
    """A decline needs a reason, ends the agreement, and both sides hear of it."""
    aid = sent_agreement(app, oslo_kilde(app))
    with pytest.raises(InvalidInput, match="reason"):
        ending.decline(app, aid, KARI, " ")
    ending.decline(app, aid, KARI, "Ikke politisk behandlet")
    a = load(app, aid)
    assert a.status == AgreementStatus.DECLINED and a.status_reason == "Ikke politisk behandlet"
    keys = mail_keys(app)
    assert f"agreement:{aid}:declined:kim@ks.no" in keys
    assert f"agreement:{aid}:declined:{KARI}" in keys


def test_send_refuses_naming_the_side_without_signatory(app: App) -> None:
    """Without a signatory at the organisation, sending names it."""
    result = register(app, Registration(orgnr="964965226", role="kilde"))  # Stavanger, no contacts
    (created,) = drafts.create_agreements(app, result.participation_ids)
    with refused_saying(Refused, "Stavanger kommune and KS"):
        sending.send(app, created.agreement_id)


def test_konsument_gets_no_agreement(app: App) -> None:
    """A konsument orders from NHN directly; creating an agreement is refused."""
    result = register(app, Registration(orgnr=SPECIALIST, role="konsument", kind="privat",
                                        name="Klinikk", kommunenummer="0301"))
    with pytest.raises(Refused, match="konsument"):
        drafts.create_agreements(app, result.participation_ids)


def test_create_twice_returns_the_same_draft(app: App) -> None:
    """Creating again for the same kilde returns the agreement in play."""
    pid = oslo_kilde(app)
    (a,) = drafts.create_agreements(app, [pid])
    (b,) = drafts.create_agreements(app, [pid])
    assert a.created and not b.created and a.agreement_id == b.agreement_id


def test_signed_copy_must_be_a_pdf(app: App, tmp_path: Path) -> None:
    """A file that is not a PDF is refused by its magic bytes."""
    aid = sent_agreement(app, oslo_kilde(app))
    fake = tmp_path / "signed.pdf"
    fake.write_bytes(b"PK\x03\x04 this is a zip")
    with pytest.raises(InvalidInput) as refused:
        signing.record_signature(app, aid, KARI, fake.read_bytes())
    assert (refused.value.code, refused.value.params) == (Code.COPY_NOT_PDF,
                                                          {"kind": "ZIP"})


def test_records_the_template_hash(app: App) -> None:
    """Each generated document records which template version produced it."""
    (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
    a = load(app, created.agreement_id)
    doc = _doc(app, a.docx_id or 0)
    template = app.settings.templates_dir / "samarbeidsavtale_kommune.docx"
    assert doc.template_sha256 == hashlib.sha256(template.read_bytes()).hexdigest()
