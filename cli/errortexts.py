"""The command line's words for the domain's errors: English, with the hints (flags) that
only make sense at a terminal. Looked up by the error's code, never by its message."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from agreements.errorcodes import Code, ErrorCode
from agreements.errors import AvtaleflytError

TEXTS: Mapping[ErrorCode, str] = {
    Code.LEGACY: "{text}",
    Code.NOT_ALLOWED: "a {actor} may not run {action} (see README: Who acts)",
    Code.OUT_OF_REACH: "{action} concerns an organisation or agreement you do not reach",
    Code.ROLE_NOT_YOURS: "at an organiser only one of its coordinators gives or takes the "
                         "{role} role",
    Code.PAPER_SIGNATURE_BY_COORDINATOR: "only the organiser's coordinator records a signature "
                                         "on paper",
    Code.MARKUP_IN_NAME: "the name '{name}' contains < or >: an organisation's name is plain "
                         "text",
    Code.ONE_CSV_SOURCE: "give the CSV as a file or as text, one of the two",
    Code.ONBOARDING_INCOMPLETE: "{orgnr} is registered, but not all went through: {outcome}",
    Code.FILE_MISSING: "{path!r} does not exist",
    Code.FILE_IS_FOLDER: "{path!r} is a folder, not a file",
    Code.FILE_IS_LINK: "{path!r} is a symbolic link: give the file it points to itself",
    Code.FILE_IS_PIPE: "{path!r} is a named pipe (FIFO), not a file: save what it carries to "
                       "a file and give that",
    Code.FILE_IS_DEVICE: "{path!r} is a device, not a file",
    Code.FILE_IS_SOCKET: "{path!r} is a socket, not a file",
    Code.FILE_UNREADABLE: "{path!r} cannot be read: {reason}",
    Code.FILE_EMPTY: "{name} is empty",
    Code.FILE_TOO_LARGE: "{name} is {size} bytes; the limit is {limit}",
    Code.LINE_TOO_LONG: "{name} line {line} is longer than {limit} characters: is it a CSV?",
    Code.TOO_MANY_ROWS: "{name} has more than {limit} rows: split it into several files",
    Code.ZIP_BROKEN: "{name} is not a readable ZIP (DOCX/XLSX) file",
    Code.ZIP_TOO_MANY_MEMBERS: "{name} holds {members} files; a DOCX/XLSX may hold {limit}",
    Code.ZIP_TOO_LARGE_UNPACKED: "{name} unpacks to {size} bytes; the limit is {limit}",
    Code.ZIP_RATIO: "{name} unpacks to {ratio} times its size; the limit is {limit} (a ZIP "
                    "bomb?)",
    Code.EVIDENCE_TYPE: "evidence {name} is not a PDF, DOCX, XLSX, PNG or JPEG file (judged "
                        "by its content, not its name)",
    Code.EVIDENCE_URL_CREDENTIALS: "the evidence link for {item} holds a user name or "
                                   "password: give the link without them",
    Code.SETTING_URL_CREDENTIALS: "setting {variable} holds a user name or password in its "
                                  "URL: credentials are never kept in a URL",
    Code.SETTING_NOT_A_HOST: "setting {variable}={value!r} is not a host name or address",
    Code.DATA_DIR_NOT_A_FOLDER: "setting AVTALEFLYT_DATA_DIR names {path!r}, which is not a "
                                "folder",
    Code.DAY_EMPTY: "{option} is empty: give a date like 2026-11-25, or leave the option out",
    Code.DAY_OUTSIDE_CALENDAR: "{option} {day} is outside the calendar avtaleflyt keeps "
                               "({first} to {last}), even with --force",
    Code.DAY_ENDS_AGREEMENTS: "--today {day} would lapse {lapse} and expire {expire} "
                              "agreement(s): give --force to run as that day (or --dry-run "
                              "to see them)",
    # a signed copy
    Code.SIGNED_COPY_NOT_PDF: "signed copy is not a PDF",
    Code.SIGNED_COPY_LOOKS_LIKE: "signed copy is not a PDF (it looks like a {kind} file)",
    Code.SIGNED_COPY_CUT_SHORT: "signed copy is not a whole PDF (no version after %PDF-, or no "
                                "%%EOF): was it cut short?",
    Code.SIGNED_COPY_UNREADABLE: "signed copy refused: the PDF cannot be read",
    Code.SIGNED_COPY_UNSIGNED: "signed copy refused: the PDF carries no signature",
    Code.SIGNED_COPY_NOT_SENT: "signed copy refused: the signed PDF is not the document that "
                               "was sent (its original bytes differ)",
    Code.SIGNED_COPY_NOT_ON_PREVIOUS: "signed copy refused: it is not the copy {previous} "
                                      "signed; sign that copy (it was e-mailed with the "
                                      "request) so one file holds every signature",
    Code.SIGNED_COPY_WITHOUT_NUMBER: "signed copy refused: the signed PDF does not contain the "
                                     "agreement number '{number}'",
    Code.SIGNED_COPY_NO_NEW_SIGNATURE: "signed copy refused: it carries no new signature (it "
                                       "is the copy recorded before, unchanged)",
    Code.SIGNED_COPY_SEVERAL_NEW: "signed copy refused: it adds {count} signatures; each "
                                  "signer adds exactly one",
    Code.SIGNED_COPY_CHANGED_CONTENT: "signed copy refused: the update that added the "
                                      "signature also changed the document's content",
    Code.SIGNED_COPY_CHANGED_PAGES: "signed copy refused: the update that added the signature "
                                    "also added or removed pages",
    Code.SIGNED_COPY_CHANGED_ANNOTATIONS: "signed copy refused: the update that added the "
                                          "signature also added or changed annotations",
    Code.SIGNED_COPY_CHANGED_SCRIPT: "signed copy refused: the update that added the "
                                     "signature also added JavaScript or actions",
    Code.SIGNED_COPY_CHANGED_ATTACHMENTS: "signed copy refused: the update that added the "
                                          "signature also attached files",
    Code.SIGNED_COPY_CHANGED_METADATA: "signed copy refused: the update that added the "
                                       "signature also changed the document's title, author, "
                                       "subject or keywords",
    Code.SIGNED_COPY_CHANGED_FORM: "signed copy refused: the update that added the signature "
                                   "also filled in or changed other form fields",
    Code.SIGNED_COPY_CHANGED_AFTER: "signed copy refused: the document was changed after it "
                                    "was signed (an update follows the last signature)",
    Code.SIGNED_COPY_NOT_WHOLE_FILE: "signed copy refused: the signature does not cover the "
                                     "whole file (bytes were added after it)",
    Code.SIGNATURE_BROKEN: "signed copy refused: signature {field} is broken: the signed bytes "
                           "were changed or the signature is invalid",
    Code.SIGNATURE_UNTRUSTED: "signed copy refused: the certificate of {signer} does not "
                              "chain to a trusted root (AVTALEFLYT_SIGNING_TRUST_ROOTS)",
    Code.SIGNATURE_EXPIRED: "signed copy refused: the certificate of {signer} expired on "
                            "{expired_on}",
    Code.SIGNATURE_NOT_YET_VALID: "signed copy refused: the certificate of {signer} is not "
                                  "valid before {valid_from}",
    Code.SIGNATURE_KEY_USAGE: "signed copy refused: the certificate of {signer} is not for "
                              "signing (its key usage allows neither digital signature nor "
                              "non-repudiation)",
    Code.SIGNATURE_WEAK_DIGEST: "signed copy refused: the signature or its certificate uses "
                                "the weak digest algorithm {algorithm}",
    Code.SIGNATURE_REVOKED: "signed copy refused: the certificate of {signer} was revoked "
                            "({revoked_on}), by the revocation data in the file",
    Code.SIGNATURE_WRONG_SIGNER: "signed copy refused: the certificate names '{found}', not the "
                                 "signatory {expected} (a coordinator may accept a deputy "
                                 "with --accept-signer REASON)",
    Code.SIGNATURE_OTHER_CERTIFICATE: "signed copy refused: {expected} signed before with "
                                      "{remembered}; this certificate is {found} (accept it "
                                      "with --accept-signer REASON)",
    Code.SIGNATURE_CERTIFICATE_REUSED: "signed copy refused: the certificate of '{found}' "
                                       "already made {other}'s signature on this agreement; "
                                       "one certificate cannot sign for two signers",
    Code.SIGNING_TRUST_ROOTS_MISSING: "a signed PDF cannot be verified: "
                                      "AVTALEFLYT_SIGNING_TRUST_ROOTS is not set (a PEM bundle "
                                      "of the CAs whose signatures are accepted); a paper "
                                      "signature is recorded with --unverified --reason",
    Code.SIGNING_PAPER_NEEDS_REASON: "--unverified needs a reason: give --reason",
    # recording a signature in turn
    Code.ACCEPT_SIGNER_BY_COORDINATOR: "only the organiser's coordinator accepts a certificate "
                                       "that names someone other than the signatory",
    Code.AGREEMENT_NOT_FOUND: "agreement #{agreement} does not exist",
    Code.AGREEMENT_NOT_SIGNABLE: "agreement #{agreement} is {status}; it cannot be signed",
    Code.AGREEMENT_CHANGED_WHILE_SIGNING: "agreement #{agreement} changed while it was being "
                                          "signed; try again",
    Code.AGREEMENT_IN_SIGNING_SERVICE: "agreement #{agreement} is signed in Posten signering: "
                                       "its signatures and declines are recorded by "
                                       "`avtaleflyt signing poll`, not by hand (withdraw it to "
                                       "stop the signing)",
    Code.SIGNER_UNKNOWN: "{email} is not a signer of agreement #{agreement}; signers: {signers}",
    Code.SIGNER_ALREADY_SIGNED: "{name} has already signed agreement #{agreement}",
    Code.SIGNER_OUT_OF_TURN: "{party} signs after {first}, who has not signed agreement "
                             "#{agreement} yet",
    Code.SIGNED_BEFORE_ASKED: "--at is before {name} was asked to sign ({asked})",
    Code.SIGNED_IN_FUTURE: "--at lies in the future",
    # files handed in
    Code.UPLOAD_NOT_STAGED: "{name} is not staged here: upload it again",
    Code.UPLOAD_DAMAGED: "the staged copy of {name} is damaged: upload it again",
    Code.SIGNING_SETTING_NOT_A_FILE: "setting {setting} names {path!r}, which is not a readable"
                                     " file",
    Code.SIGNING_SETTING_NOT_PEM: "setting {setting} must name a PEM bundle of CA certificates",
    Code.SIGNING_SETTING_NEEDED: "setting {setting} is required when AVTALEFLYT_SIGNING=posten",
    Code.SIGNING_SETTING_NOT_HTTPS: "setting {setting} must be an https:// URL, got {value!r}",
    Code.POSTEN_CERT_UNREADABLE: "setting AVTALEFLYT_POSTEN_CERT: the enterprise certificate "
                                 "file {path} cannot be read",
    Code.POSTEN_CERT_LOCKED: "setting AVTALEFLYT_POSTEN_CERT / _PASSWORD: the enterprise "
                             "certificate cannot be opened: wrong password or not a PKCS#12 "
                             "file",
    Code.POSTEN_CERT_INCOMPLETE: "setting AVTALEFLYT_POSTEN_CERT: the PKCS#12 file must hold "
                                 "both a private key and its certificate",
    Code.POSTEN_CERT_KEY_TYPE: "setting AVTALEFLYT_POSTEN_CERT: the enterprise certificate's "
                               "key must be RSA or EC",
    Code.SIGNING_MANUAL_NO_JOBS: "the manual signing channel has no signing jobs: signers are "
                                 "asked by e-mail and each signed copy is recorded with "
                                 "`avtaleflyt agreement sign`",
    Code.POSTEN_JOB_INVALID: "the signature job cannot be made: {detail}",
    Code.POSTEN_NO_SIGNED_DOCUMENT: "Posten signering has no signed document for {job} yet",
    Code.POSTEN_UNEXPECTED: "Posten signering answered something unexpected: {detail}",
    Code.POSTEN_TIMEOUT: "Posten signering did not answer in time ({call})",
    Code.POSTEN_UNREACHABLE: "Posten signering could not be reached ({call})",
    Code.POSTEN_TLS_REFUSED: "TLS handshake refused ({call}): {detail}",
    Code.POSTEN_URL_OUTSIDE: "Refusing a URL outside Posten signering's API: {url}",
    Code.POSTEN_SERVER_UNCHECKED: "Cannot check whose certificate Posten signering's server "
                                  "presented",
    Code.POSTEN_SERVER_NOT_POSTEN: "The server certificate ({subject}) does not belong to "
                                   "organisation {orgnr} (AVTALEFLYT_POSTEN_SERVER_ORGNR): this"
                                   " is not Posten signering",
    Code.POSTEN_REFUSED: "Posten signering refused {call} (HTTP {status}, {detail})",
    Code.POSTEN_CONFLICT: "Posten signering refused {call}: the job is over (HTTP {status}, "
                          "{detail})",
    Code.POSTEN_TOO_EARLY: "Posten signering was polled too early; next poll permitted at "
                           "{when}",
}


def show(value: Any) -> str:
    """A parameter as the CLI writes it: ISO dates, lists joined by semicolons."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(show(v) for v in value)
    return str(value)


def english(error: AvtaleflytError) -> str:
    return error.words(TEXTS, show)
