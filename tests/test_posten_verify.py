"""verify_pdf on good and bad PDFs: every refusal is one code naming its reason, and
pyHanko's log records never reach the terminal."""

from __future__ import annotations

import asyncio

import pytest

from agreements.errorcodes import Code
from agreements.signing.problems import problem
from agreements.signing.verify import verify_pdf
from tests.posten.fixtures import REFERENCE
from tests.posten.pades import append_change, make_pades, sign_incrementally
from tests.posten.pdfs import PNG_BYTES, make_pdf
from tests.posten.pki import Pki


def _pades(pki: Pki, original: bytes, trusted: bool = True) -> bytes:
    seal, chain = (
        (pki.signer, [pki.ca.cert]) if trusted else (pki.untrusted_signer, [pki.untrusted_ca.cert])
    )
    return make_pades(
        original, title="Avtale", signed_by=["a@b.no"], xades=[b"<x/>"], seal=seal, chain=chain
    )


def test_posten_style_pades_is_ok(pki: Pki, pdf: bytes) -> None:
    """A new-file PAdES sealed by a trusted certificate and holding the agreement text is ok."""
    result = verify_pdf(
        _pades(pki, pdf), trust_roots_pem=pki.ca_pem.read_bytes(), expected_text=REFERENCE
    )
    assert result.ok and result.intact and result.trusted and result.covers_whole_file
    assert result.signatures == 1 and result.matches_sent and result.signing_time is not None


def test_incremental_signature_of_sent_bytes_is_ok(pki: Pki, pdf: bytes) -> None:
    """A signature appended to exactly the bytes that were sent is ok in sent_pdf mode."""
    result = verify_pdf(
        sign_incrementally(pdf, pki.signer, [pki.ca.cert]),
        trust_roots_pem=pki.ca_pem.read_bytes(),
        sent_pdf=pdf,
    )
    assert result.ok and result.matches_sent is True


def test_png_renamed_pdf_is_refused(pki: Pki) -> None:
    """A PNG renamed .pdf is refused as not a PDF, naming what it looks like."""
    result = verify_pdf(PNG_BYTES, trust_roots_pem=pki.ca_pem.read_bytes(), expected_text=REFERENCE)
    assert result.problems == (problem(Code.COPY_NOT_PDF, kind="PNG"),)


def test_unsigned_pdf_is_refused(pki: Pki, pdf: bytes) -> None:
    """An unsigned PDF is refused: it carries no signature."""
    result = verify_pdf(pdf, trust_roots_pem=pki.ca_pem.read_bytes(), expected_text=REFERENCE)
    assert result.problems == (problem(Code.COPY_UNSIGNED),) and result.signatures == 0


def test_untrusted_ca_is_refused(pki: Pki, pdf: bytes) -> None:
    """A PDF sealed under a CA outside the trust roots is refused, naming the signer."""
    result = verify_pdf(
        _pades(pki, pdf, trusted=False),
        trust_roots_pem=pki.ca_pem.read_bytes(),
        expected_text=REFERENCE,
    )
    assert not result.ok and result.intact and not result.trusted
    assert result.problems == (problem(Code.SIGNATURE_UNTRUSTED, signer="Impostor seal"),)


def test_several_trust_roots_in_bundle(pki: Pki, pdf: bytes) -> None:
    """The trust bundle may hold several roots; any one of them suffices."""
    bundle = pki.untrusted_ca_pem.read_bytes() + pki.ca_pem.read_bytes()
    assert verify_pdf(_pades(pki, pdf), trust_roots_pem=bundle, expected_text=REFERENCE).ok


def test_signed_pdf_of_another_document_is_refused(pki: Pki, pdf: bytes) -> None:
    """A valid PAdES of another document is refused by text and by bytes."""
    other = make_pdf("Tilslutningsavtale AVT-2026-0099")
    by_text = verify_pdf(
        _pades(pki, other), trust_roots_pem=pki.ca_pem.read_bytes(), expected_text=REFERENCE
    )
    assert by_text.problems == (problem(Code.SIGNED_COPY_WITHOUT_NUMBER, number=REFERENCE),)
    by_bytes = verify_pdf(
        sign_incrementally(other, pki.signer, [pki.ca.cert]),
        trust_roots_pem=pki.ca_pem.read_bytes(),
        sent_pdf=pdf,
    )
    assert by_bytes.matches_sent is False
    assert by_bytes.problems == (problem(Code.SIGNED_COPY_NOT_SENT),)


def test_tampered_byte_is_refused(pki: Pki, pdf: bytes) -> None:
    """One changed byte inside the signed range breaks the signature."""
    good = sign_incrementally(pdf, pki.signer, [pki.ca.cert])
    bad = good.replace(b"Side 1 av 1", b"Side 2 av 1", 1)
    result = verify_pdf(bad, trust_roots_pem=pki.ca_pem.read_bytes(), expected_text=REFERENCE)
    assert not result.ok and not result.intact
    assert result.problems[0].code is Code.SIGNATURE_BROKEN


def test_content_added_after_the_signature_is_refused(pki: Pki, pdf: bytes) -> None:
    """A page changed in an update after the last signature means it no longer covers the file."""
    changed = append_change(sign_incrementally(pdf, pki.signer, [pki.ca.cert]))
    result = verify_pdf(changed, trust_roots_pem=pki.ca_pem.read_bytes(), sent_pdf=pdf)
    assert not result.ok and not result.covers_whole_file
    assert result.problems == (problem(Code.SIGNED_COPY_CHANGED_AFTER),)


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"", b"%PDF-1.4\n" + b"\x00" * 100])
def test_broken_files_never_raise(pki: Pki, data: bytes) -> None:
    """Truncated or empty files give ok False with a reason instead of an exception."""
    result = verify_pdf(data, trust_roots_pem=pki.ca_pem.read_bytes(), expected_text=REFERENCE)
    assert not result.ok and len(result.problems) == 1


def test_works_inside_a_running_event_loop(pki: Pki, pdf: bytes) -> None:
    """verify_pdf also works when called from async code (e.g. an async flow task)."""
    pades = _pades(pki, pdf)

    async def call() -> bool:
        return verify_pdf(
            pades, trust_roots_pem=pki.ca_pem.read_bytes(), expected_text=REFERENCE
        ).ok

    assert asyncio.run(call())


def test_missing_identity_reference_is_a_programmer_error(pki: Pki, pdf: bytes) -> None:
    """Calling without sent_pdf and without expected_text raises ValueError."""
    with pytest.raises(ValueError):
        verify_pdf(pdf, trust_roots_pem=pki.ca_pem.read_bytes())


def test_pyhanko_logs_nothing_on_a_refused_certificate(
        pki: Pki, pdf: bytes, capfd: pytest.CaptureFixture[str]) -> None:
    """An untrusted signer makes pyHanko log a traceback; none of it reaches stderr, and
    pyHanko's loggers are as they were afterwards."""
    import logging

    verify_pdf(_pades(pki, pdf, trusted=False), trust_roots_pem=pki.ca_pem.read_bytes(),
               expected_text=REFERENCE)
    assert capfd.readouterr().err == ""
    assert logging.getLogger("pyhanko").propagate and not logging.getLogger("pyhanko").handlers


def test_number_late_in_the_pages_of_a_pades_is_found(pki: Pki) -> None:
    """The agreement number after hundreds of lines of a page inside Posten's PAdES is found."""
    from agreements.signing.document import holds_text

    lines = [f"Punkt {i}: tekst i avtalen" for i in range(300)]
    pades = _pades(pki, make_pdf(*lines, f"Avtalenummer: {REFERENCE}.", "Slutt"))
    assert holds_text(pades, REFERENCE)
    assert not holds_text(pades, REFERENCE + "9")


def test_number_broken_over_two_lines_is_not_the_number(pki: Pki) -> None:
    """A number whose halves stand on two lines is not found, neither read early nor whole."""
    from agreements.signing.document import holds_text

    half = len(REFERENCE) // 2
    pades = _pades(pki, make_pdf("Avtalenummer:", REFERENCE[:half], REFERENCE[half:]))
    assert not holds_text(pades, REFERENCE)
    assert holds_text(pades, f"{REFERENCE[:half]} {REFERENCE[half:]}")
