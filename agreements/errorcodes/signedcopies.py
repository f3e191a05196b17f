"""A signed copy handed in and the signature it adds: one new signature on the copy recorded
before, nothing else changed, made with a trusted certificate that names the signatory
(contracts.checks, contracts.identities, signing.verify, signing.trust)."""

from __future__ import annotations

from agreements.errorcodes.base import code

_CHANGED = "signed copy refused: the update that added the signature also "


class SignedCopyCodes:
    SIGNED_COPY_NOT_SENT = code(
        "signed_copy.not_the_document_sent",
        says="signed copy refused: the signed PDF is not the document that was sent (its "
             "original bytes differ)")
    SIGNED_COPY_NOT_ON_PREVIOUS = code(
        "signed_copy.not_on_previous", "previous",
        says="signed copy refused: it is not the copy {previous} signed; each signer signs "
             "the copy signed before, so one file holds every signature")
    SIGNED_COPY_WITHOUT_NUMBER = code(
        "signed_copy.without_number", "number",
        says="signed copy refused: the signed PDF does not contain the agreement number "
             "'{number}'")
    SIGNED_COPY_NO_NEW_SIGNATURE = code(
        "signed_copy.no_new_signature",
        says="signed copy refused: it carries no new signature (it is the copy recorded "
             "before, unchanged)")
    SIGNED_COPY_SEVERAL_NEW = code(
        "signed_copy.several_new_signatures", "count",
        says="signed copy refused: it adds {count} signatures; each signer adds exactly one")
    SIGNED_COPY_CHANGED_CONTENT = code(
        "signed_copy.changed_content", says=_CHANGED + "changed the document's content")
    SIGNED_COPY_CHANGED_PAGES = code(
        "signed_copy.changed_pages", says=_CHANGED + "added or removed pages")
    SIGNED_COPY_CHANGED_ANNOTATIONS = code(
        "signed_copy.changed_annotations", says=_CHANGED + "added or changed annotations")
    SIGNED_COPY_CHANGED_SCRIPT = code(
        "signed_copy.changed_script", says=_CHANGED + "added JavaScript or actions")
    SIGNED_COPY_CHANGED_ATTACHMENTS = code(
        "signed_copy.changed_attachments", says=_CHANGED + "attached files")
    SIGNED_COPY_CHANGED_METADATA = code(
        "signed_copy.changed_metadata",
        says=_CHANGED + "changed the document's title, author, subject or keywords")
    SIGNED_COPY_CHANGED_FORM = code(
        "signed_copy.changed_form", says=_CHANGED + "filled in or changed other form fields")
    SIGNED_COPY_CHANGED_AFTER = code(
        "signed_copy.changed_after_signing",
        says="signed copy refused: the document was changed after it was signed (an update "
             "follows the last signature)")
    SIGNED_COPY_NOT_WHOLE_FILE = code(
        "signed_copy.not_whole_file",
        says="signed copy refused: the signature does not cover the whole file (bytes were "
             "added after it)")
    # ... its signature's certificate, and whom it names
    SIGNATURE_BROKEN = code(
        "signature.broken", "field",
        says="signature {field} is broken: the signed bytes were changed or the signature is "
             "invalid")
    SIGNATURE_UNTRUSTED = code(
        "signature.untrusted_root", "signer",
        says="the certificate of {signer} does not chain to a trusted root")
    SIGNATURE_EXPIRED = code(
        "signature.certificate_expired", "signer", "expired_on",
        says="the certificate of {signer} expired on {expired_on}")
    SIGNATURE_NOT_YET_VALID = code(
        "signature.certificate_not_yet_valid", "signer", "valid_from",
        says="the certificate of {signer} is not valid before {valid_from}")
    SIGNATURE_KEY_USAGE = code(
        "signature.key_usage", "signer",
        says="the certificate of {signer} is not for signing (its key usage allows neither "
             "digital signature nor non-repudiation)")
    SIGNATURE_WEAK_DIGEST = code(
        "signature.weak_digest", "algorithm",
        says="the signature or its certificate uses the weak digest algorithm {algorithm}")
    SIGNATURE_REVOKED = code(
        "signature.certificate_revoked", "signer", "revoked_on",
        says="the certificate of {signer} was revoked ({revoked_on}), by the revocation data "
             "in the file")
    SIGNATURE_WRONG_SIGNER = code(
        "signature.wrong_signer", "found", "expected",
        says="the certificate names '{found}', not the signatory {expected}")
    SIGNATURE_OTHER_CERTIFICATE = code(
        "signature.other_certificate", "expected", "found", "remembered",
        says="{expected} signed before with {remembered}; this certificate is {found}")
    SIGNATURE_CERTIFICATE_REUSED = code(
        "signature.certificate_reused", "found", "other",
        says="the certificate of '{found}' already made {other}'s signature on this "
             "agreement; one certificate cannot sign for two signers")
