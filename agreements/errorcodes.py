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


def all_codes() -> list[ErrorCode]:
    """Every code, in the order of `Code`."""
    return [value for value in vars(Code).values() if isinstance(value, ErrorCode)]
