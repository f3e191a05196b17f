"""The command line's English for the signing codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.MANUAL_HAS_NO_JOBS:
        "the manual signing channel has no signing jobs: signers are asked by e-mail and each "
        "signed copy is recorded with `avtaleflyt agreement sign`",
    Code.SIGNING_SETTING_NOT_A_FILE:
        "setting {variable} names {path!r}, which is not a readable file",
    Code.TRUST_ROOTS_NOT_PEM: "setting {variable} must name a PEM bundle of CA certificates",
    Code.POSTEN_SETTING_REQUIRED: "setting {variable} is required when AVTALEFLYT_SIGNING=posten",
    Code.POSTEN_URL_NOT_HTTPS: "setting {variable} must be an https:// URL, got {value!r}",
    Code.POSTEN_JOB_UNMAKEABLE: "the signature job cannot be made: {reason}",
    Code.POSTEN_NO_DOCUMENT_YET: "job {job} has no signed document (PAdES) yet",
    Code.POSTEN_TOO_EARLY: "Posten signering was polled too early; next poll permitted at {when}",
    Code.POSTEN_EMPTY_DOCUMENT: "Posten signering answered something unexpected: an empty document",
    Code.POSTEN_FOREIGN_URL: "Refusing a URL outside Posten signering's API: {url}",
    Code.POSTEN_TIMEOUT: "Posten signering did not answer in time ({method} {url}): {reason}",
    Code.POSTEN_TLS_REFUSED: "TLS handshake refused ({method} {url}): {reason}",
    Code.POSTEN_UNREACHABLE: "Posten signering could not be reached ({method} {url}): {reason}",
    Code.POSTEN_SERVER_UNCHECKED:
        "Cannot check whose certificate Posten signering's server presented",
    Code.POSTEN_SERVER_FOREIGN:
        "The server certificate ({subject}) does not belong to organisation {orgnr} "
        "(AVTALEFLYT_POSTEN_SERVER_ORGNR): this is not Posten signering",
    Code.POSTEN_NO_LONGER:
        "Posten signering refused {call}: the job is over (HTTP {status}, {detail})",
    Code.POSTEN_REFUSED: "Posten signering refused {call} (HTTP {status}, {detail})",
    Code.POSTEN_UNEXPECTED: "Posten signering answered something unexpected: {detail}",
    Code.POSTEN_CERT_UNREADABLE:
        "setting AVTALEFLYT_POSTEN_CERT: the enterprise certificate file {path} cannot be read",
    Code.POSTEN_CERT_LOCKED:
        "setting AVTALEFLYT_POSTEN_CERT / _PASSWORD: the enterprise certificate cannot be "
        "opened: wrong password or not a PKCS#12 file",
    Code.POSTEN_CERT_INCOMPLETE:
        "setting AVTALEFLYT_POSTEN_CERT: the PKCS#12 file must hold both a private key and its "
        "certificate",
    Code.POSTEN_CERT_KEY_TYPE:
        "setting AVTALEFLYT_POSTEN_CERT: the enterprise certificate's key must be RSA or EC",
    Code.POSTEN_NO_XADES_YET:
        "Posten signering has no XAdES (record of the signature) for {signer} yet",
}
