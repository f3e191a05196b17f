"""Checking a signed PDF against the trust roots, the document that was sent and the person
asked to sign, and how the check reads afterwards (in `agreement show` and on the completion
certificate, in words a lawyer can follow).

- a copy returned by hand must be the copy recorded before (the sent PDF for the first
  signer) with exactly one signature added and nothing else changed, nothing after it, made
  with a trusted certificate that names the signatory (`identities`); where only a DOCX was
  sent, a signed PDF whose text holds the agreement number;
- Posten signering's PAdES is a new file (cover page, the pages, the signatures) sealed by
  Posten, so its text must hold the agreement number, and the SHA-256 of the PDF we sent is
  recorded beside it; each signer's own signature is in Posten's XAdES (`xades`);
- a paper signature (a scan) is accepted only when the operator says so, with a reason.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from agreements.contracts import identities
from agreements.core.calendar import OSLO
from agreements.core.models import SignatureCheck
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.signing.sniff import kind_of

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.signing.verify import Verification
    from agreements.signing.xadescheck import XadesCheck

PAPER = "signert på papir"


@dataclass(frozen=True)
class Checked:
    """A check before it is stored with its document."""

    method: str  # incremental | text | pades | xades | paper
    valid: bool = False
    intact: bool | None = None
    trusted: bool | None = None
    covers_whole_file: bool | None = None
    matches_sent: bool | None = None
    signer_subject: str | None = None
    signing_time: datetime | None = None
    sent_sha256: str | None = None
    unverified_reason: str | None = None
    unchanged: bool | None = None
    signer_name: str | None = None
    certificate_issuer: str | None = None
    certificate_serial: str | None = None
    certificate_sha256: str | None = None
    accepted_reason: str | None = None  # a coordinator accepted a certificate naming another

    def row(self, work: Work, document_id: int, agreement_id: int,
            signature_id: int | None = None) -> SignatureCheck:
        return SignatureCheck(document_id=document_id, agreement_id=agreement_id,
                              signature_id=signature_id, checked_at=work.clock.now(),
                              **asdict(self))


def from_row(row: SignatureCheck) -> Checked:
    """A stored check as the `Checked` it was made from."""
    return Checked(**{name: getattr(row, name) for name in Checked.__dataclass_fields__})


def trust_roots(work: Work) -> bytes:
    path = work.settings.signing_trust_roots
    if path is None:
        raise InvalidInput(Code.TRUST_ROOTS_MISSING)
    return path.read_bytes()


def require_pdf(data: bytes) -> None:
    """A PDF in form at least (a scan on paper too): its header with a version, and the
    end-of-file marker, so a file cut short is refused before anything is verified."""
    if not data.lstrip()[:1024].startswith(b"%PDF-"):
        kind = kind_of(data)
        raise (InvalidInput(Code.COPY_NOT_PDF, kind=kind) if kind
               else InvalidInput(Code.COPY_NOT_PDF_UNKNOWN))
    if not re.search(rb"%PDF-[12]\.\d", data[:1024]) or b"%%EOF" not in data:
        raise InvalidInput(Code.COPY_NOT_WHOLE)


def checked(method: str, v: Verification, sent_sha256: str | None,
            accepted: str | None = None) -> Checked:
    who = v.signer
    return Checked(method, v.ok, v.intact, v.trusted, v.covers_whole_file, v.matches_sent,
                   who.subject if who else None, v.signing_time, sent_sha256,
                   unchanged=v.unchanged, signer_name=who.name if who else None,
                   certificate_issuer=who.issuer if who else None,
                   certificate_serial=who.serial_number if who else None,
                   certificate_sha256=who.sha256 if who else None, accepted_reason=accepted)


def check_copy(work: Work, data: bytes, *, sent_pdf: bytes | None,
               previous: tuple[bytes, str] | None, number: str, sent_sha256: str | None,
               who: identities.Known, accept: str | None) -> Checked:
    """A copy returned by hand; refused with the first reason that matters, unless it
    verifies and names the signatory (or a coordinator accepts whom it names)."""
    require_pdf(data)
    from agreements.signing.verify import verify_pdf  # pyHanko: only when a copy is checked

    v = verify_pdf(data, trust_roots_pem=trust_roots(work), sent_pdf=sent_pdf, previous=previous,
                   expected_text=None if sent_pdf is not None else number)
    if not v.ok:
        raise v.problems[0].error()
    assert v.signer is not None
    accepted = identities.judge(who, v.signer, accept)
    return checked("incremental" if sent_pdf is not None else "text", v, sent_sha256, accepted)


def check_pades(work: Work, data: bytes, *, number: str, sent_sha256: str | None
                ) -> tuple[Checked, list[str]]:
    """The provider's signed PDF: the check, and the codes of what is wrong (none: valid)."""
    from agreements.signing.verify import verify_pdf

    v = verify_pdf(data, trust_roots_pem=trust_roots(work), expected_text=number)
    return pades_outcome(v, sent_sha256)


def pades_outcome(v: Verification, sent_sha256: str | None) -> tuple[Checked, list[str]]:
    """A PAdES verified (`verify_pdf` with the agreement number): its check and problems."""
    return checked("pades", v, sent_sha256), [p.code.name for p in v.problems]


def check_xades(work: Work, data: bytes, *, sent_pdf: bytes, sent_sha256: str,
                who: identities.Known) -> tuple[Checked | None, list[str]]:
    """One signer's XAdES from the signing service: the check, or the codes of what is wrong
    (a signature over another document, an untrusted certificate, one naming someone else)."""
    from agreements.signing.xadescheck import verify_xades

    x = verify_xades(data, trust_roots_pem=trust_roots(work), document=sent_pdf)
    return xades_outcome(x, sent_sha256, who)


def xades_outcome(x: XadesCheck, sent_sha256: str, who: identities.Known
                  ) -> tuple[Checked | None, list[str]]:
    """A signer's XAdES verified (`verify_xades` over the sent PDF), judged against whom it
    must name: the check, or the codes of what is wrong."""
    if not x.ok or x.signer is None:
        return None, [p.code.name for p in x.problems] or [Code.SIGNATURE_BROKEN.name]
    try:
        identities.judge(who, x.signer, None)
    except InvalidInput as refused:
        return None, [refused.code.name]
    s = x.signer
    return Checked("xades", True, True, True, None, True, s.subject, x.signing_time, sent_sha256,
                   signer_name=s.name, certificate_issuer=s.issuer,
                   certificate_serial=s.serial_number, certificate_sha256=s.sha256), []


def paper(reason: str | None) -> Checked:
    if not reason or not reason.strip():
        raise InvalidInput(Code.UNVERIFIED_NEEDS_REASON)
    return Checked("paper", unverified_reason=reason.strip())


def _certificate(check: SignatureCheck | Checked) -> str:
    serial = f", serialNumber {check.certificate_serial}" if check.certificate_serial else ""
    issuer = f", issued by {_short(check.certificate_issuer)}" if check.certificate_issuer \
        else ""
    return f"{check.signer_name or _short(check.signer_subject or '')}{serial}{issuer}"


def summary(check: SignatureCheck | Checked | None, expected: str | None = None) -> str:
    """One English line for `agreement show`: what was verified, in plain words."""
    if check is None:
        return "not verified (recorded before signatures were checked)"
    if check.method == "paper":
        return f"unverified: {PAPER} — {check.unverified_reason}"
    when = (f" at {check.signing_time.astimezone(OSLO):%Y-%m-%d %H:%M}" if check.signing_time
            else "")
    made = f"signed{when} with the certificate of {_certificate(check)}"
    what = {
        "incremental": "the file is the PDF that was sent, byte for byte, with this one "
                       "signature added and nothing else changed; nothing was added after it",
        "text": "a signed PDF holding the agreement number (only a DOCX was sent); nothing "
                "was added after the signature",
        "pades": "the signed PDF (PAdES) from Posten signering, holding the agreement "
                 "number; nothing was added after its seal",
        "xades": "Posten signering's record of this person's signature (XAdES), of the PDF "
                 "that was sent"}.get(check.method, check.method)
    accepted = (f"; the certificate names {check.signer_name}, not "
                f"{expected or 'the signatory'}: accepted by a coordinator — "
                f"{check.accepted_reason}" if check.accepted_reason else "")
    return f"verified: {made}; intact, from a trusted issuer; {what}{accepted}"


def kontroll(check: SignatureCheck | Checked | None, expected: str | None = None) -> str:
    """The same in bokmål, for the signeringsbekreftelse."""
    if check is None:
        return "Ikke kontrollert"
    if check.method == "paper":
        return f"Signert på papir (ikke verifisert): {check.unverified_reason}"
    kind = {"pades": "den signerte PDF-en (PAdES) fra Posten signering, med "
                     "avtalenummeret; ingenting er lagt til etter forseglingen",
            "xades": "Posten signerings bevis for signaturen (XAdES), over PDF-en som ble "
                     "sendt",
            "incremental": "PDF-en som ble sendt, byte for byte, med denne ene signaturen "
                           "lagt til og ingenting annet endret; ingenting er lagt til etter",
            "text": "signert PDF med avtalenummeret (bare DOCX ble sendt)"}
    serial = f", {check.certificate_serial}" if check.certificate_serial else ""
    accepted = (f" Sertifikatet lyder på {check.signer_name}, ikke {expected or 'signataren'}; "
                f"godtatt av koordinator: {check.accepted_reason}" if check.accepted_reason
                else "")
    return (f"Verifisert: {kind.get(check.method, check.method)}. Signaturen er ubrutt og "
            f"laget med et sertifikat fra en godkjent utsteder. Sertifikat: "
            f"{check.signer_name or _short(check.signer_subject or '')}{serial}.{accepted}")


def _short(subject: str) -> str:
    """'Common Name: X, Organization: Y, …' (pyHanko's rendering) as 'X, Y'."""
    parts = [m.group(1) for key in ("Common Name", "Organization")
             if (m := re.search(rf"{key}: ([^,]+)", subject))]
    return ", ".join(parts) or subject
