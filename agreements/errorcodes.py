"""Every refusal the domain can give, by a stable name and the parameters its texts may use.

The domain raises `Refused(Code.AGREEMENT_NOT_SIGNABLE, agreement=7, status="draft")`; each
front door words a code in its own language from its own catalogue (`cli/errortexts.py` in
English, `portal/errortexts.py` and `flows/errortexts.py` in bokmål). A code's name does not
change once released; its parameters are exactly what the raise passes and what the texts may
use (`tests/test_error_texts.py` checks every catalogue against them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorCode:
    """One kind of refusal: its stable dotted name and the names of its parameters."""

    name: str
    params: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.name


def _c(name: str, *params: str) -> ErrorCode:
    return ErrorCode(name, params)


class Code:
    """The codes, grouped by concern. Add one here, then its text in every front door."""

    # An English sentence raised before every refusal had a code; being converted.
    LEGACY = _c("legacy", "text")

    # Who may run what (agreements.access.policy): `actor` is the kind (operator, system,
    # visitor, person), `action` the command's name.
    NOT_ALLOWED = _c("access.not_allowed", "action", "actor")
    OUT_OF_REACH = _c("access.out_of_reach", "action")
    ROLE_NOT_YOURS = _c("access.role_not_yours", "role")
    PAPER_SIGNATURE_BY_COORDINATOR = _c("access.paper_signature_by_coordinator")
    # An organisation's name or HER-id as given by hand or by a register.
    MARKUP_IN_NAME = _c("registry.markup_in_name", "name")
    # Onboarding a CSV needs its path or its text, not both.
    ONE_CSV_SOURCE = _c("onboarding.one_csv_source")
    # Registered, but its agreement or one of its messages did not get through.
    ONBOARDING_INCOMPLETE = _c("onboarding.incomplete", "orgnr", "outcome")
    # Files read from outside (core.bounded): a regular file, within its limits
    FILE_MISSING = _c("file.missing", "path")
    FILE_IS_FOLDER = _c("file.is_folder", "path")
    FILE_IS_LINK = _c("file.is_link", "path")
    FILE_IS_PIPE = _c("file.is_pipe", "path")
    FILE_IS_DEVICE = _c("file.is_device", "path")
    FILE_IS_SOCKET = _c("file.is_socket", "path")
    FILE_UNREADABLE = _c("file.unreadable", "path", "reason")
    FILE_EMPTY = _c("file.empty", "name")
    FILE_TOO_LARGE = _c("file.too_large", "name", "size", "limit")
    LINE_TOO_LONG = _c("file.line_too_long", "name", "line", "limit")
    TOO_MANY_ROWS = _c("file.too_many_rows", "name", "limit")
    ZIP_BROKEN = _c("zip.broken", "name")
    ZIP_TOO_MANY_MEMBERS = _c("zip.too_many_members", "name", "members", "limit")
    ZIP_TOO_LARGE_UNPACKED = _c("zip.too_large_unpacked", "name", "size", "limit")
    ZIP_RATIO = _c("zip.ratio", "name", "ratio", "limit")
    EVIDENCE_TYPE = _c("evidence.type_not_accepted", "name")
    EVIDENCE_URL_CREDENTIALS = _c("evidence.credentials_in_url", "item")

    # Settings that would keep a credential in the clear, or cannot work
    SETTING_URL_CREDENTIALS = _c("setting.credentials_in_url", "variable")
    SETTING_NOT_A_HOST = _c("setting.not_a_host", "variable", "value")
    DATA_DIR_NOT_A_FOLDER = _c("setting.data_dir_not_a_folder", "path")

    # Days from outside, within the calendar's range
    DAY_EMPTY = _c("day.empty", "option")
    DAY_OUTSIDE_CALENDAR = _c("day.outside_calendar", "option", "day", "first", "last")
    DAY_ENDS_AGREEMENTS = _c("day.ends_agreements", "day", "lapse", "expire")
    # A signed copy handed in (contracts.checks, signing.verify): what is wrong with the file
    SIGNED_COPY_NOT_PDF = _c("signed_copy.not_pdf")
    SIGNED_COPY_LOOKS_LIKE = _c("signed_copy.looks_like", "kind")
    SIGNED_COPY_CUT_SHORT = _c("signed_copy.cut_short")
    SIGNED_COPY_UNREADABLE = _c("signed_copy.unreadable")
    SIGNED_COPY_UNSIGNED = _c("signed_copy.unsigned")
    SIGNED_COPY_NOT_SENT = _c("signed_copy.not_the_document_sent")
    SIGNED_COPY_NOT_ON_PREVIOUS = _c("signed_copy.not_on_previous", "previous")
    SIGNED_COPY_WITHOUT_NUMBER = _c("signed_copy.without_number", "number")
    SIGNED_COPY_NO_NEW_SIGNATURE = _c("signed_copy.no_new_signature")
    SIGNED_COPY_SEVERAL_NEW = _c("signed_copy.several_new_signatures", "count")
    SIGNED_COPY_CHANGED_CONTENT = _c("signed_copy.changed_content")
    SIGNED_COPY_CHANGED_PAGES = _c("signed_copy.changed_pages")
    SIGNED_COPY_CHANGED_ANNOTATIONS = _c("signed_copy.changed_annotations")
    SIGNED_COPY_CHANGED_SCRIPT = _c("signed_copy.changed_script")
    SIGNED_COPY_CHANGED_ATTACHMENTS = _c("signed_copy.changed_attachments")
    SIGNED_COPY_CHANGED_METADATA = _c("signed_copy.changed_metadata")
    SIGNED_COPY_CHANGED_FORM = _c("signed_copy.changed_form")
    SIGNED_COPY_CHANGED_AFTER = _c("signed_copy.changed_after_signing")
    SIGNED_COPY_NOT_WHOLE_FILE = _c("signed_copy.not_whole_file")
    # ... its signature's certificate, and who it names
    SIGNATURE_BROKEN = _c("signature.broken", "field")
    SIGNATURE_UNTRUSTED = _c("signature.untrusted_root", "signer")
    SIGNATURE_EXPIRED = _c("signature.certificate_expired", "signer", "expired_on")
    SIGNATURE_NOT_YET_VALID = _c("signature.certificate_not_yet_valid", "signer", "valid_from")
    SIGNATURE_KEY_USAGE = _c("signature.key_usage", "signer")
    SIGNATURE_WEAK_DIGEST = _c("signature.weak_digest", "algorithm")
    SIGNATURE_REVOKED = _c("signature.certificate_revoked", "signer", "revoked_on")
    SIGNATURE_WRONG_SIGNER = _c("signature.wrong_signer", "found", "expected")
    SIGNATURE_OTHER_CERTIFICATE = _c("signature.other_certificate", "expected", "found",
                                     "remembered")
    SIGNATURE_CERTIFICATE_REUSED = _c("signature.certificate_reused", "found", "other")
    SIGNING_TRUST_ROOTS_MISSING = _c("signing.trust_roots_missing")
    SIGNING_PAPER_NEEDS_REASON = _c("signing.paper_needs_reason")
    ACCEPT_SIGNER_BY_COORDINATOR = _c("access.accept_signer_by_coordinator")
    # Recording a signature in turn (contracts.signatures)
    AGREEMENT_NOT_FOUND = _c("agreement.not_found", "agreement")
    AGREEMENT_NOT_SIGNABLE = _c("agreement.not_signable", "agreement", "status")
    AGREEMENT_CHANGED_WHILE_SIGNING = _c("agreement.changed_while_signing", "agreement")
    AGREEMENT_IN_SIGNING_SERVICE = _c("agreement.in_signing_service", "agreement")
    SIGNER_UNKNOWN = _c("signature.not_a_signer", "email", "agreement", "signers")
    SIGNER_ALREADY_SIGNED = _c("signature.already_signed", "name", "agreement")
    SIGNER_OUT_OF_TURN = _c("signature.out_of_turn", "party", "first", "agreement")
    SIGNED_BEFORE_ASKED = _c("signature.before_asked", "name", "asked")
    SIGNED_IN_FUTURE = _c("signature.in_future")
    # The signing settings (signing.settings) and the enterprise certificate
    SIGNING_SETTING_NOT_A_FILE = _c("signing.setting_not_a_file", "setting", "path")
    SIGNING_SETTING_NOT_PEM = _c("signing.setting_not_pem", "setting")
    SIGNING_SETTING_NEEDED = _c("signing.setting_needed", "setting")
    SIGNING_SETTING_NOT_HTTPS = _c("signing.setting_not_https", "setting", "value")
    POSTEN_CERT_UNREADABLE = _c("posten.certificate_unreadable", "path")
    POSTEN_CERT_LOCKED = _c("posten.certificate_locked")
    POSTEN_CERT_INCOMPLETE = _c("posten.certificate_incomplete")
    POSTEN_CERT_KEY_TYPE = _c("posten.certificate_key_type")
    # Posten signering (signing.posten): what its API answered
    SIGNING_MANUAL_NO_JOBS = _c("signing.manual_has_no_jobs")
    POSTEN_JOB_INVALID = _c("posten.job_invalid", "detail")
    POSTEN_NO_SIGNED_DOCUMENT = _c("posten.no_signed_document", "job")
    POSTEN_UNEXPECTED = _c("posten.unexpected_answer", "detail")
    POSTEN_TIMEOUT = _c("posten.timeout", "call")
    POSTEN_UNREACHABLE = _c("posten.unreachable", "call")
    POSTEN_TLS_REFUSED = _c("posten.tls_refused", "call", "detail")
    POSTEN_URL_OUTSIDE = _c("posten.url_outside_api", "url")
    POSTEN_SERVER_UNCHECKED = _c("posten.server_certificate_unchecked")
    POSTEN_SERVER_NOT_POSTEN = _c("posten.server_not_posten", "subject", "orgnr")
    POSTEN_REFUSED = _c("posten.refused", "call", "status", "detail")
    POSTEN_CONFLICT = _c("posten.conflict", "call", "status", "detail")
    POSTEN_TOO_EARLY = _c("posten.too_early", "when")
    # Files handed in (documents.uploads)
    UPLOAD_NOT_STAGED = _c("upload.not_staged", "name")
    UPLOAD_DAMAGED = _c("upload.damaged", "name")


def all_codes() -> list[ErrorCode]:
    """Every code, in the order of `Code`."""
    return [value for value in vars(Code).values() if isinstance(value, ErrorCode)]
