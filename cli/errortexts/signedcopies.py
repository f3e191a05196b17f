"""The command line's English for a signed copy and the signature it adds, with its
hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.SIGNED_COPY_NOT_SENT:
        "signed copy refused: the signed PDF is not the document that was sent (its original "
        "bytes differ)",
    Code.SIGNED_COPY_NOT_ON_PREVIOUS:
        "signed copy refused: it is not the copy {previous} signed; sign that copy (it was "
        "e-mailed with the request) so one file holds every signature",
    Code.SIGNED_COPY_WITHOUT_NUMBER:
        "signed copy refused: the signed PDF does not contain the agreement number '{number}'",
    Code.SIGNED_COPY_NO_NEW_SIGNATURE:
        "signed copy refused: it carries no new signature (it is the copy recorded before, "
        "unchanged)",
    Code.SIGNED_COPY_SEVERAL_NEW:
        "signed copy refused: it adds {count} signatures; each signer adds exactly one",
    Code.SIGNED_COPY_CHANGED_CONTENT:
        "signed copy refused: the update that added the signature also changed the document's "
        "content",
    Code.SIGNED_COPY_CHANGED_PAGES:
        "signed copy refused: the update that added the signature also added or removed pages",
    Code.SIGNED_COPY_CHANGED_ANNOTATIONS:
        "signed copy refused: the update that added the signature also added or changed "
        "annotations",
    Code.SIGNED_COPY_CHANGED_SCRIPT:
        "signed copy refused: the update that added the signature also added JavaScript or "
        "actions",
    Code.SIGNED_COPY_CHANGED_ATTACHMENTS:
        "signed copy refused: the update that added the signature also attached files",
    Code.SIGNED_COPY_CHANGED_METADATA:
        "signed copy refused: the update that added the signature also changed the document's "
        "title, author, subject or keywords",
    Code.SIGNED_COPY_CHANGED_FORM:
        "signed copy refused: the update that added the signature also filled in or changed "
        "other form fields",
    Code.SIGNED_COPY_CHANGED_AFTER:
        "signed copy refused: the document was changed after it was signed (an update follows "
        "the last signature)",
    Code.SIGNED_COPY_NOT_WHOLE_FILE:
        "signed copy refused: the signature does not cover the whole file (bytes were added "
        "after it)",
    Code.SIGNATURE_BROKEN:
        "signed copy refused: signature {field} is broken: the signed bytes were changed or "
        "the signature is invalid",
    Code.SIGNATURE_UNTRUSTED:
        "signed copy refused: the certificate of {signer} does not chain to a trusted root "
        "(AVTALEFLYT_SIGNING_TRUST_ROOTS)",
    Code.SIGNATURE_EXPIRED:
        "signed copy refused: the certificate of {signer} expired on {expired_on}",
    Code.SIGNATURE_NOT_YET_VALID:
        "signed copy refused: the certificate of {signer} is not valid before {valid_from}",
    Code.SIGNATURE_KEY_USAGE:
        "signed copy refused: the certificate of {signer} is not for signing (its key usage "
        "allows neither digital signature nor non-repudiation)",
    Code.SIGNATURE_WEAK_DIGEST:
        "signed copy refused: the signature or its certificate uses the weak digest algorithm "
        "{algorithm}",
    Code.SIGNATURE_REVOKED:
        "signed copy refused: the certificate of {signer} was revoked ({revoked_on}), by the "
        "revocation data in the file",
    Code.SIGNATURE_WRONG_SIGNER:
        "signed copy refused: the certificate names '{found}', not the signatory {expected} (a "
        "coordinator may accept a deputy with --accept-signer REASON)",
    Code.SIGNATURE_OTHER_CERTIFICATE:
        "signed copy refused: {expected} signed before with {remembered}; this certificate is "
        "{found} (accept it with --accept-signer REASON)",
    Code.SIGNATURE_CERTIFICATE_REUSED:
        "signed copy refused: the certificate of '{found}' already made {other}'s signature on "
        "this agreement; one certificate cannot sign for two signers",
}
