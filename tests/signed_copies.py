"""The signed copies a careful tester hands in, each with the refusal it must get: the code and
a piece of the CLI's line. Shared by the CLI's and the portal's tests. A copy is made from the
PDF that was sent (`sent`) and, for the second signer, the copy the first signer signed
(`before`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agreements.errorcodes import Code, ErrorCode
from tests.posten.pades import sign_incrementally
from tests.posten.pdfs import PNG_BYTES, make_pdf
from tests.posten.people import issue, person, revocation_list, sign_revoked
from tests.posten.pki import shared_pki
from tests.posten.tampered import SIGNING_REVISION_CHANGES, after, metadata, sign_with

OLA, KIM = "Ola Ordfører", "Kim Leder"  # Oslo's signatory, then KS's (tests.helpers)


@dataclass(frozen=True)
class Bad:
    """A bad copy: how to make it, the code it is refused with, and a piece of the CLI line."""

    make: Callable[[bytes, bytes | None], bytes]
    code: ErrorCode
    says: str


def _chain() -> list:  # type: ignore[type-arg]
    return [shared_pki().ca.cert]


def _by(name: str, pdf: bytes, **kwargs: object) -> bytes:
    return sign_with(pdf, person(name), _chain(), **kwargs)  # type: ignore[arg-type]


def _issued(pdf: bytes, **kwargs: object) -> bytes:
    return sign_incrementally(pdf, issue(OLA, **kwargs), _chain())  # type: ignore[arg-type]


def _revoked(pdf: bytes) -> bytes:
    victim = issue(OLA)
    return sign_revoked(pdf, victim, revocation_list(victim))


_CHANGE_CODES = {
    "overlay": Code.SIGNED_COPY_CHANGED_CONTENT, "extra page": Code.SIGNED_COPY_CHANGED_PAGES,
    "annotation": Code.SIGNED_COPY_CHANGED_ANNOTATIONS,
    "javascript": Code.SIGNED_COPY_CHANGED_SCRIPT,
    "embedded file": Code.SIGNED_COPY_CHANGED_ATTACHMENTS,
    "metadata": Code.SIGNED_COPY_CHANGED_METADATA}

FIRST: dict[str, Bad] = {  # the first signer's (Ola's) copy
    "png renamed .pdf": Bad(lambda sent, _: PNG_BYTES, Code.COPY_NOT_PDF,
                            "it looks like a PNG file"),
    "unsigned pdf": Bad(lambda sent, _: sent, Code.COPY_UNSIGNED,
                        "carries no signature"),
    "another document": Bad(lambda sent, _: _by(OLA, make_pdf("Samarbeidsavtale PJD-X-1")),
                            Code.SIGNED_COPY_NOT_SENT, "not the document that was sent"),
    "untrusted root": Bad(lambda sent, _: sign_incrementally(
        sent, shared_pki().untrusted_signer, [shared_pki().untrusted_ca.cert]),
        Code.SIGNATURE_UNTRUSTED, "does not chain to a trusted root"),
    "the wrong person's trusted certificate": Bad(
        lambda sent, _: _by("Mallory Mallorysen", sent), Code.SIGNATURE_WRONG_SIGNER,
        f"names 'Mallorysen, Mallory', not the signatory {OLA}"),
    **{f"{name} in the signing revision": Bad(
        lambda sent, _, change=change: _by(OLA, sent, change=change), _CHANGE_CODES[name],
        "the update that added the signature also")
       for name, change in SIGNING_REVISION_CHANGES.items()},
    "17 bytes after the signature": Bad(lambda sent, _: _by(OLA, sent) + b"x" * 17,
                                        Code.SIGNED_COPY_NOT_WHOLE_FILE,
                                        "does not cover the whole file"),
    "1 MB after the signature": Bad(lambda sent, _: _by(OLA, sent) + b"\0" * 1_000_000,
                                    Code.SIGNED_COPY_NOT_WHOLE_FILE,
                                    "does not cover the whole file"),
    "an unsigned update after signing": Bad(lambda sent, _: after(_by(OLA, sent), metadata),
                                            Code.SIGNED_COPY_CHANGED_AFTER,
                                            "changed after it was signed"),
    "two signatures at once": Bad(
        lambda sent, _: _by(KIM, _by(OLA, sent), field="Signatur2"),
        Code.SIGNED_COPY_SEVERAL_NEW, "adds 2 signatures"),
    "an expired certificate": Bad(lambda sent, _: _issued(sent, days=(-30, -2)),
                                  Code.SIGNATURE_EXPIRED, "expired on"),
    "a certificate not yet valid": Bad(lambda sent, _: _issued(sent, days=(2, 30)),
                                       Code.SIGNATURE_NOT_YET_VALID, "is not valid before"),
    "a certificate not for signing": Bad(
        lambda sent, _: _issued(sent, usage=("key_encipherment",)), Code.SIGNATURE_KEY_USAGE,
        "is not for signing"),
    "a SHA-1 certificate": Bad(lambda sent, _: _issued(sent, sha1=True),
                               Code.SIGNATURE_WEAK_DIGEST, "weak digest algorithm SHA1"),
    "a SHA-1 signature": Bad(lambda sent, _: _by(OLA, sent, md_algorithm="sha1"),
                             Code.SIGNATURE_WEAK_DIGEST, "weak digest algorithm SHA1"),
    "a revoked certificate (CRL in the file)": Bad(
        lambda sent, _: _revoked(sent), Code.SIGNATURE_REVOKED, "was revoked"),
}

SECOND: dict[str, Bad] = {  # KS's signatory's (Kim's) copy, once Ola's is recorded
    "the first signer's copy, unchanged": Bad(
        lambda sent, before: before or b"", Code.SIGNED_COPY_NO_NEW_SIGNATURE,
        "carries no new signature"),
    "one certificate for two signers": Bad(
        lambda sent, before: _by(OLA, before or b"", field="Signatur2"),
        Code.SIGNATURE_CERTIFICATE_REUSED, f"already made {OLA}'s signature"),
    "a copy of the sent PDF, not the signed one": Bad(
        lambda sent, before: _by(KIM, sent, field="Signatur2"),
        Code.SIGNED_COPY_NOT_ON_PREVIOUS, f"not the copy {OLA} signed"),
}
