"""The signing providers: the manual channel, Posten signering, its settings."""

from __future__ import annotations

from agreements.errorcodes.base import code


class SigningCodes:
    MANUAL_HAS_NO_JOBS = code(
        "signing.manual_has_no_jobs",
        says="the manual signing channel has no signing jobs: signers are asked by e-mail "
             "and each signed copy is recorded by hand")
    POSTEN_CERT_UNREADABLE = code(
        "posten.certificate_unreadable", "path",
        says="setting AVTALEFLYT_POSTEN_CERT: the enterprise certificate file {path} cannot be "
             "read")
    POSTEN_CERT_LOCKED = code(
        "posten.certificate_locked",
        says="setting AVTALEFLYT_POSTEN_CERT / _PASSWORD: the enterprise certificate cannot be "
             "opened: wrong password or not a PKCS#12 file")
    POSTEN_CERT_INCOMPLETE = code(
        "posten.certificate_incomplete",
        says="setting AVTALEFLYT_POSTEN_CERT: the PKCS#12 file must hold both a private key "
             "and its certificate")
    POSTEN_CERT_KEY_TYPE = code(
        "posten.certificate_key_type",
        says="setting AVTALEFLYT_POSTEN_CERT: the enterprise certificate's key must be RSA or "
             "EC")
    SIGNING_SETTING_NOT_A_FILE = code(
        "signing.setting_not_a_file", "variable", "path",
        says="setting {variable} names {path!r}, which is not a readable file")
    TRUST_ROOTS_NOT_PEM = code(
        "signing.trust_roots_not_pem", "variable",
        says="setting {variable} must name a PEM bundle of CA certificates")
    POSTEN_SETTING_REQUIRED = code(
        "signing.posten_setting_required", "variable",
        says="setting {variable} is required when AVTALEFLYT_SIGNING=posten")
    POSTEN_URL_NOT_HTTPS = code(
        "signing.posten_url_not_https", "variable", "value",
        says="setting {variable} must be an https:// URL, got {value!r}")
    POSTEN_JOB_UNMAKEABLE = code(
        "posten.job_unmakeable", "reason",
        says="the signature job cannot be made: {reason}")
    POSTEN_NO_DOCUMENT_YET = code(
        "posten.no_document_yet", "job",
        says="job {job} has no signed document (PAdES) yet")
    POSTEN_NO_XADES_YET = code(
        "posten.no_xades_yet", "signer",
        says="Posten signering has no XAdES (record of the signature) for {signer} yet")
    POSTEN_TOO_EARLY = code(
        "posten.too_early", "when",
        says="Posten signering was polled too early; next poll permitted at {when}")
    POSTEN_EMPTY_DOCUMENT = code(
        "posten.empty_document",
        says="Posten signering answered something unexpected: an empty document")
    POSTEN_FOREIGN_URL = code(
        "posten.foreign_url", "url",
        says="Refusing a URL outside Posten signering's API: {url}")
    POSTEN_TIMEOUT = code(
        "posten.timeout", "method", "url", "reason",
        says="Posten signering did not answer in time ({method} {url}): {reason}")
    POSTEN_TLS_REFUSED = code(
        "posten.tls_refused", "method", "url", "reason",
        says="TLS handshake refused ({method} {url}): {reason}")
    POSTEN_UNREACHABLE = code(
        "posten.unreachable", "method", "url", "reason",
        says="Posten signering could not be reached ({method} {url}): {reason}")
    POSTEN_SERVER_UNCHECKED = code(
        "posten.server_unchecked",
        says="Cannot check whose certificate Posten signering's server presented")
    POSTEN_SERVER_FOREIGN = code(
        "posten.server_foreign", "subject", "orgnr",
        says="The server certificate ({subject}) does not belong to organisation {orgnr}")
    POSTEN_UNEXPECTED = code(
        "posten.unexpected", "detail",
        says="Posten signering answered something unexpected: {detail}")
    POSTEN_NO_LONGER = code(
        "posten.no_longer_possible", "call", "status", "detail",
        says="Posten signering refused {call}: the job is over (HTTP {status}, {detail})")
    POSTEN_REFUSED = code(
        "posten.refused", "call", "status", "detail",
        says="Posten signering refused {call} (HTTP {status}, {detail})")
