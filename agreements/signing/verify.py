"""Verification of a signed PDF (PAdES) with pyHanko and pyhanko-certvalidator.

Rules (every failed rule adds one English line to `problems`; `ok` is True only with none):

1. The bytes are a readable PDF with at least one signature (`/Sig`).
2. Every signature (document timestamps included) is intact (digest matches) and cryptographically
   valid.
3. Whole-file coverage, decided on the *last* signature: its coverage must be ENTIRE_FILE, or
   ENTIRE_REVISION where pyHanko's difference analysis finds only LTA updates (DSS / validation
   data, which change no content). Anything else appended after the last signature is refused.
   Earlier signatures may be followed by later revisions (the next signer's), which pyHanko's
   DocMDP / difference analysis must accept.
4. Every signer certificate chains to one of `trust_roots_pem` (no network fetching; missing
   revocation data is tolerated, "soft-fail").
5. Document identity: with `sent_pdf`, the file must be an incremental update of exactly those bytes
   (they are a prefix, and the first signature is in the first revision after them); else (Posten's
   PAdES is a new file: cover page + original) `expected_text` must occur in the extracted text
   (whitespace-normalised). With both, both are checked.

Bad input never raises; a programmer error (no identity reference, unusable trust roots) does.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import re
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation.pdf_embedded import (
    EmbeddedPdfSignature,
    async_validate_pdf_signature,
    async_validate_pdf_timestamp,
)
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from agreements.signing.sniff import kind_of

T = TypeVar("T")
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)


@dataclass(frozen=True)
class Verification:
    """The outcome of `verify_pdf`."""

    ok: bool
    problems: list[str] = field(default_factory=list)
    signer_subject: str | None = None
    signing_time: datetime | None = None
    signatures: int = 0
    covers_whole_file: bool = False
    intact: bool = False
    trusted: bool = False
    matches_sent: bool | None = None
    readable: bool = True  # False: not a PDF, or a PDF nothing could be read from


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion, also when called from inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _trust_roots(pem: bytes) -> list[asn1_x509.Certificate]:
    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError as exc:
        raise ValueError("trust_roots_pem holds no usable PEM certificate") from exc
    return [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in certs]


def _holds_text(data: bytes, wanted: str) -> bool:
    """Whether the PDF's text holds `wanted` (whitespace-normalised). Pages are read in order
    only until it is found: extracting text is most of the cost of checking a PAdES."""
    from pypdf import PdfReader  # imported late: only needed for PAdES made as a new file

    text = ""
    for page in PdfReader(io.BytesIO(data), strict=False).pages:
        text = re.sub(r"\s+", " ", f"{text} {page.extract_text() or ''}")
        if wanted in text:
            return True
    return False


def verify_pdf(
    data: bytes,
    *,
    trust_roots_pem: bytes,
    sent_pdf: bytes | None = None,
    expected_text: str | None = None,
    now: datetime | None = None,
) -> Verification:
    """Check a signed PDF against the rules in the module docstring. Never raises for bad input."""
    if sent_pdf is None and expected_text is None:
        raise ValueError(
            "verify_pdf needs sent_pdf or expected_text to check the document's identity"
        )
    roots = _trust_roots(trust_roots_pem)
    if b"%PDF-" not in data[:1024]:
        return Verification(
            ok=False, readable=False,
            problems=[f"The file is not a PDF (it looks like {kind_of(data)})"]
        )
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko raises many types for broken files
        return Verification(ok=False, readable=False,
                            problems=[f"The PDF cannot be read: {exc}"])
    regular = [s for s in embedded if s.sig_object_type == "/Sig"]
    if not regular:
        return Verification(ok=False, problems=["The PDF carries no signature"])

    problems: list[str] = []
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail", moment=now
    )
    intact = trusted = True
    covers = False
    last_status: Any = None
    for index, sig in enumerate(embedded):
        label = f"Signature {index + 1} ({sig.field_name})"
        try:
            if sig.sig_object_type == "/DocTimeStamp":
                status: Any = _run(async_validate_pdf_timestamp(sig, validation_context=context))
            else:
                status = _run(
                    async_validate_pdf_signature(
                        sig, signer_validation_context=context, key_usage_settings=_KEY_USAGE
                    )
                )
        except Exception as exc:
            problems.append(f"{label} cannot be validated: {exc}")
            intact = trusted = False
            continue
        if not (status.intact and status.valid):
            intact = False
            problems.append(
                f"{label} is broken: the signed bytes were changed or the signature is invalid"
            )
        if not status.trusted:
            trusted = False
        if status.intact and status.valid and not status.trusted:
            subject = status.signing_cert.subject.human_friendly
            problems.append(f"{label} by '{subject}' does not chain to a trusted root")
        if index == len(embedded) - 1:
            covers = _covers_whole_file(status)
            if not covers:
                problems.append(
                    f"{label} does not cover the whole file: content was added after it"
                )
        elif status.docmdp_ok is False:
            problems.append(f"{label} is followed by changes its permissions do not allow")
        if sig.sig_object_type == "/Sig":
            last_status = status

    matches = _identity(data, regular[0], sent_pdf, expected_text, problems)
    return Verification(
        ok=not problems,
        problems=problems,
        signer_subject=last_status.signing_cert.subject.human_friendly if last_status else None,
        signing_time=_signing_time(last_status),
        signatures=len(regular),
        covers_whole_file=covers,
        intact=intact,
        trusted=trusted,
        matches_sent=matches,
    )


def _covers_whole_file(status: Any) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    level = status.modification_level
    return bool(
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level is not None
        and level <= ModificationLevel.LTA_UPDATES
    )


def _signing_time(status: Any) -> datetime | None:
    if status is None:
        return None
    timestamp = getattr(status, "timestamp_validity", None)
    when: datetime | None = (timestamp.timestamp if timestamp is not None and timestamp.intact
                             and timestamp.valid else status.signer_reported_dt)
    return when


def _identity(
    data: bytes,
    first: EmbeddedPdfSignature,
    sent_pdf: bytes | None,
    expected_text: str | None,
    problems: list[str],
) -> bool:
    matches = True
    if sent_pdf is not None:
        same_prefix = len(data) > len(sent_pdf) and data.startswith(sent_pdf)
        try:
            sent_revisions = PdfFileReader(io.BytesIO(sent_pdf), strict=False).xrefs.total_revisions
        except Exception:
            sent_revisions = -1
        if not same_prefix:
            matches = False
            problems.append(
                "The signed PDF is not the document that was sent (its original bytes differ)"
            )
        elif first.signed_revision != sent_revisions:
            matches = False
            problems.append("The signed PDF changes the sent document before the first signature")
    if expected_text is not None:
        wanted = re.sub(r"\s+", " ", expected_text).strip()
        try:
            found = _holds_text(data, wanted)
        except Exception as exc:
            found = False
            problems.append(f"The text of the signed PDF cannot be extracted: {exc}")
        if not found:
            matches = False
            problems.append(f"The signed PDF does not contain the expected text '{wanted}'")
    return matches
