"""Checking a signed PDF against the trust roots and the document that was sent, and how the
check reads afterwards (in `agreement show` and on the completion certificate).

- a copy returned by hand must be an incremental update of exactly the PDF we sent (or, where
  only a DOCX was sent, a signed PDF whose text holds the agreement number);
- Posten signering's PAdES is a new file (cover page, the pages, the signatures), so its text
  must hold the agreement number, and the SHA-256 of the PDF we sent is recorded beside it;
- a paper signature (a scan) is accepted only when the operator says so, with a reason.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from agreements.core.calendar import OSLO
from agreements.core.models import SignatureCheck
from agreements.errorcodes import Code, ErrorCode
from agreements.errors import InvalidInput
from agreements.signing.sniff import kind_of

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.signing.verify import Verification

PAPER = "signert på papir"


@dataclass(frozen=True)
class Checked:
    """A check before it is stored with its document."""

    method: str  # incremental | text | pades | paper
    valid: bool = False
    intact: bool | None = None
    trusted: bool | None = None
    covers_whole_file: bool | None = None
    matches_sent: bool | None = None
    signer_subject: str | None = None
    signing_time: datetime | None = None
    sent_sha256: str | None = None
    unverified_reason: str | None = None

    def row(self, work: Work, document_id: int, agreement_id: int) -> SignatureCheck:
        return SignatureCheck(document_id=document_id, agreement_id=agreement_id,
                              checked_at=work.clock.now(), **asdict(self))


def trust_roots(work: Work) -> bytes:
    path = work.settings.signing_trust_roots
    if path is None:
        raise InvalidInput(Code.TRUST_ROOTS_MISSING)
    return path.read_bytes()


def require_pdf(data: bytes) -> None:
    """A PDF in form at least (a scan on paper too): its header with a version, and the
    end-of-file marker, so a file cut short is refused before anything is verified."""
    if not data.lstrip()[:1024].startswith(b"%PDF-"):
        raise InvalidInput(Code.COPY_NOT_PDF, kind=kind_of(data))
    if not re.search(rb"%PDF-[12]\.\d", data[:1024]) or b"%%EOF" not in data[-1024:]:
        raise InvalidInput(Code.COPY_NOT_WHOLE)


def _checked(method: str, v: Verification, sent_sha256: str | None) -> Checked:
    return Checked(method, v.ok, v.intact, v.trusted, v.covers_whole_file, v.matches_sent,
                   v.signer_subject, v.signing_time, sent_sha256)


def refusal(v: Verification) -> ErrorCode:
    """Why a copy is refused, from what the verification found (the first that holds)."""
    if not v.readable:
        return Code.COPY_UNREADABLE
    if v.signatures == 0:
        return Code.COPY_UNSIGNED
    if v.intact and not v.trusted:
        return Code.COPY_UNTRUSTED
    if v.matches_sent is False:
        return Code.COPY_CHANGED
    return Code.COPY_BROKEN


def check_copy(work: Work, data: bytes, *, sent_pdf: bytes | None, number: str,
               sent_sha256: str | None) -> Checked:
    """A copy returned by hand; refused, naming every reason, unless it verifies."""
    require_pdf(data)
    from agreements.signing.verify import verify_pdf  # pyHanko: only when a copy is checked

    v = verify_pdf(data, trust_roots_pem=trust_roots(work), sent_pdf=sent_pdf,
                   expected_text=None if sent_pdf is not None else number)
    if not v.ok:
        raise InvalidInput(refusal(v), problems=[p[:1].lower() + p[1:] for p in v.problems])
    return _checked("incremental" if sent_pdf is not None else "text", v, sent_sha256)


def check_pades(work: Work, data: bytes, *, number: str, sent_sha256: str | None
                ) -> tuple[Checked, list[str]]:
    """The provider's signed PDF: the check, and what is wrong with it (nothing when valid)."""
    from agreements.signing.verify import verify_pdf

    v = verify_pdf(data, trust_roots_pem=trust_roots(work), expected_text=number)
    return _checked("pades", v, sent_sha256), v.problems


def paper(reason: str | None) -> Checked:
    if not reason or not reason.strip():
        raise InvalidInput(Code.UNVERIFIED_NEEDS_REASON)
    return Checked("paper", unverified_reason=reason.strip())


def summary(check: SignatureCheck | Checked | None) -> str:
    """One English line for `agreement show`."""
    if check is None:
        return "not verified (recorded before signatures were checked)"
    if check.method == "paper":
        return f"unverified: {PAPER} — {check.unverified_reason}"
    identity = {"incremental": "the sent PDF, unchanged", "pades": "holds the agreement "
                "number (Posten signering's PAdES)", "text": "holds the agreement number"}
    when = (f" at {check.signing_time.astimezone(OSLO):%Y-%m-%d %H:%M}" if check.signing_time
            else "")
    return (f"verified: signed by {check.signer_subject}{when}; intact, trusted, covers the "
            f"whole file; {identity.get(check.method, check.method)}")


def kontroll(check: SignatureCheck | Checked | None) -> str:
    """The same in bokmål, for the completion certificate."""
    if check is None:
        return "Ikke kontrollert"
    if check.method == "paper":
        return f"Signert på papir (ikke verifisert): {check.unverified_reason}"
    kind = {"pades": "PAdES fra Posten signering", "incremental": "samme PDF som ble sendt",
            "text": "inneholder avtalenummeret"}.get(check.method, check.method)
    return (f"Verifisert ({kind}): gyldig, klarert, hele filen. "
            f"Sertifikat: {_short(check.signer_subject or '')}")


def _short(subject: str) -> str:
    """'Common Name: X, Organization: Y, …' (pyHanko's rendering) as 'X, Y'."""
    parts = [m.group(1) for key in ("Common Name", "Organization")
             if (m := re.search(rf"{key}: ([^,]+)", subject))]
    return ", ".join(parts) or subject
