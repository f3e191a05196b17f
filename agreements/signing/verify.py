"""Verification of a signed PDF (PAdES) with pyHanko and pyhanko-certvalidator.

Rules; each broken rule is a `Problem` with its error code, and `ok` only with none:

1. The bytes are a readable PDF with at least one signature (`/Sig`).
2. It is the document: with `sent_pdf`, the sent bytes are its exact beginning (an incremental
   update of them), and so is the copy recorded before (`previous`: the one the signer before
   signed); else (Posten's PAdES is a new file) `expected_text` occurs in its text.
3. Each signer adds exactly one signature: with a `previous` (or `sent_pdf`), exactly one
   `/Sig` signature is in the revisions after it, and those revisions up to that signature
   change nothing but add it (its field, value and appearance: `revisions.judge`).
4. Nothing follows the last signature: its byte range ends where the file ends, and between
   the new signature and the last one there are only DSS and document timestamps.
5. Every signature is intact and cryptographically valid; every new signature (each one of
   Posten's new file) chains to one of `trust_roots_pem` with a certificate valid at `now`, for
   signing (key usage), with a strong digest, not revoked by revocation data in the file. No
   network fetching; missing revocation data is tolerated ("soft-fail").

pyHanko's and its validator's log records are kept off the terminal while this runs. Bad input
never raises; a programmer error (no identity reference, unusable trust roots) does.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

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

from agreements.errorcodes import Code
from agreements.signing import document, revisions
from agreements.signing.identity import CertIdentity, identity_of
from agreements.signing.problems import Problem, problem
from agreements.signing.quiet import quiet, run
from agreements.signing.sniff import kind_of
from agreements.signing.trust import context_for, trust_problem

_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)
CHANGES = {
    revisions.Change.CONTENT: Code.SIGNED_COPY_CHANGED_CONTENT,
    revisions.Change.PAGES: Code.SIGNED_COPY_CHANGED_PAGES,
    revisions.Change.ANNOTATIONS: Code.SIGNED_COPY_CHANGED_ANNOTATIONS,
    revisions.Change.SCRIPT: Code.SIGNED_COPY_CHANGED_SCRIPT,
    revisions.Change.ATTACHMENTS: Code.SIGNED_COPY_CHANGED_ATTACHMENTS,
    revisions.Change.METADATA: Code.SIGNED_COPY_CHANGED_METADATA,
    revisions.Change.FORM: Code.SIGNED_COPY_CHANGED_FORM,
}


@dataclass(frozen=True)
class Verification:
    """The outcome of `verify_pdf`: the problems in the order they matter, and what holds."""

    problems: tuple[Problem, ...] = ()
    signer: CertIdentity | None = None  # the new signature's certificate (or Posten's seal)
    signing_time: datetime | None = None
    signatures: int = 0
    new_signatures: int = 0
    covers_whole_file: bool = False
    intact: bool = False
    trusted: bool = False
    matches_sent: bool | None = None
    unchanged: bool | None = None  # the signing revision added only its signature

    @property
    def ok(self) -> bool:
        return not self.problems


def _trust_roots(pem: bytes) -> list[asn1_x509.Certificate]:
    try:
        certs = x509.load_pem_x509_certificates(pem)
    except ValueError as exc:
        raise ValueError("trust_roots_pem holds no usable PEM certificate") from exc
    return [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in certs]


def verify_pdf(data: bytes, *, trust_roots_pem: bytes, sent_pdf: bytes | None = None,
               previous: tuple[bytes, str] | None = None, expected_text: str | None = None,
               now: datetime | None = None) -> Verification:
    """Check a signed PDF against the rules in the module docstring. `previous` is the copy
    recorded before and who signed it. Never raises for bad input."""
    if sent_pdf is None and expected_text is None:
        raise ValueError("verify_pdf needs sent_pdf or expected_text to check the document's "
                         "identity")
    roots = _trust_roots(trust_roots_pem)
    with quiet():
        return _verify(data, roots, sent_pdf, previous, expected_text, now)


def _verify(data: bytes, roots: list[asn1_x509.Certificate], sent_pdf: bytes | None,
            previous: tuple[bytes, str] | None, expected_text: str | None,
            now: datetime | None) -> Verification:
    if b"%PDF-" not in data[:1024]:
        kind = kind_of(data)
        return Verification((problem(Code.COPY_NOT_PDF, kind=kind) if kind
                             else problem(Code.COPY_NOT_PDF_UNKNOWN),))
    found: list[Problem] = []
    end = document.end_of(data)
    if end < len(data):  # bytes after the file's last end-of-file marker
        found.append(problem(Code.SIGNED_COPY_NOT_WHOLE_FILE))
    try:
        reader = PdfFileReader(io.BytesIO(data[:end]), strict=False)
        embedded = sorted(reader.embedded_signatures, key=lambda s: s.signed_revision)
        total = reader.xrefs.total_revisions
    except Exception:
        return Verification((problem(Code.COPY_UNREADABLE),))
    regular = [s for s in embedded if s.sig_object_type == "/Sig"]
    if not regular:
        return Verification((problem(Code.COPY_UNSIGNED),), signatures=0)
    matches = document.identity(data, sent_pdf, previous, expected_text, found)
    base = previous[0] if previous else sent_pdf
    from_revision = _revisions(base) if base is not None and matches else 0
    new = [s for s in regular if s.signed_revision >= from_revision]
    unchanged = None
    if from_revision and not new:
        found.append(problem(Code.SIGNED_COPY_NO_NEW_SIGNATURE))
    elif from_revision and len(new) > 1:
        found.append(problem(Code.SIGNED_COPY_SEVERAL_NEW, count=len(new)))
    elif from_revision:
        unchanged = _adds_only(reader, new[0], from_revision, found)
    covers = _nothing_after(reader, embedded, regular[-1], total, found) and end == len(data)
    context = context_for(reader, embedded, roots, now)
    intact, trusted, signer, when = True, True, None, None
    for sig in embedded:
        status = _validate(sig, context)
        if status is None or not (status.intact and status.valid):
            intact = False
            found.append(problem(Code.SIGNATURE_BROKEN, field=sig.field_name))
            continue
        if sig in new:
            signer, when = identity_of(status.signing_cert), _signing_time(status)
            trouble = trust_problem(status, signer, now)
            if trouble is not None:
                trusted = False
                found.append(trouble)
        elif status.docmdp_ok is False:
            found.append(problem(Code.SIGNED_COPY_CHANGED_AFTER))
    ordered = tuple(sorted(dict.fromkeys(found), key=lambda p: _ORDER.index(p.code)))
    return Verification(ordered, signer, when, len(regular), len(new), covers, intact,
                        trusted and bool(new), matches, unchanged)


def _revisions(pdf: bytes) -> int:
    try:
        return int(PdfFileReader(io.BytesIO(pdf), strict=False).xrefs.total_revisions)
    except Exception:
        return 0


def _adds_only(reader: PdfFileReader, sig: EmbeddedPdfSignature, first: int,
               found: list[Problem]) -> bool:
    """Rule 3: each revision from `first` up to the new signature's changes nothing but add
    that signature (compared, as pyHanko does, with the revision before `first`)."""
    for revision in range(first, sig.signed_revision + 1):
        change = revisions.judge(reader, first - 1, revision, {sig.field_name})
        if change is not None:
            found.append(problem(CHANGES[change]))
            return False
    return True


def _nothing_after(reader: PdfFileReader, embedded: list[EmbeddedPdfSignature],
                   last_regular: EmbeddedPdfSignature, total: int,
                   found: list[Problem]) -> bool:
    """Rule 4: the file ends with a signature that covers it, and between the last `/Sig`
    signature and it there are only DSS and document timestamps."""
    signed = last_regular.signed_revision
    for revision in range(signed + 1, total):
        if revisions.judge(reader, signed, revision, set(),
                           at_most=ModificationLevel.LTA_UPDATES) is not None:
            found.append(problem(Code.SIGNED_COPY_CHANGED_AFTER))
            return False
    last = embedded[-1]
    if last.signed_revision != total - 1:
        found.append(problem(Code.SIGNED_COPY_CHANGED_AFTER))
        return False
    try:
        whole = last.evaluate_signature_coverage() == SignatureCoverageLevel.ENTIRE_FILE
    except Exception:
        whole = False
    if not whole:
        found.append(problem(Code.SIGNED_COPY_NOT_WHOLE_FILE))
    return whole


def _validate(sig: EmbeddedPdfSignature, context: Any) -> Any:
    try:
        if sig.sig_object_type == "/DocTimeStamp":
            return run(async_validate_pdf_timestamp(sig, validation_context=context))
        return run(async_validate_pdf_signature(
            sig, signer_validation_context=context, key_usage_settings=_KEY_USAGE,
            diff_policy=revisions.POLICY))
    except Exception:
        return None


def _signing_time(status: Any) -> datetime | None:
    timestamp = getattr(status, "timestamp_validity", None)
    when: datetime | None = (timestamp.timestamp if timestamp is not None and timestamp.intact
                             and timestamp.valid else status.signer_reported_dt)
    return when


_ORDER = [  # the problem that matters most first: a refusal names only the first
    Code.SIGNED_COPY_NOT_SENT, Code.SIGNED_COPY_NOT_ON_PREVIOUS, Code.SIGNED_COPY_WITHOUT_NUMBER,
    Code.SIGNATURE_BROKEN, Code.SIGNED_COPY_NO_NEW_SIGNATURE, Code.SIGNED_COPY_SEVERAL_NEW,
    *CHANGES.values(), Code.SIGNED_COPY_CHANGED_AFTER, Code.SIGNED_COPY_NOT_WHOLE_FILE,
    Code.SIGNATURE_WEAK_DIGEST, Code.SIGNATURE_REVOKED, Code.SIGNATURE_EXPIRED,
    Code.SIGNATURE_NOT_YET_VALID, Code.SIGNATURE_KEY_USAGE, Code.SIGNATURE_UNTRUSTED,
]
