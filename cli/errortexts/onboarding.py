"""The command line's English for the onboarding codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.CSV_NOT_UTF8: "{name} is not UTF-8 (near line {line}): save it as 'CSV UTF-8' in Excel",
    Code.CSV_NUL:
        "{name} line {line} contains a NUL byte: this is not a text CSV (save it as 'CSV UTF-8' "
        "in Excel)",
    Code.CSV_EMPTY: "the CSV is empty: it needs a header row with orgnr and role",
    Code.CSV_MALFORMED: "{name} line {line}: {reason}",
    Code.CSV_QUOTE_OPEN: "{name} line {line}: a quoted field is not closed",
    Code.CSV_CELL_TOO_LONG:
        "{name} line {line}: a cell is longer than {limit} characters (a quote never closed?)",
    Code.CSV_HEADER: "CSV header: missing column(s) {missing}; unknown column(s) {unknown}",
    Code.CSV_HEADER_MISSING: "CSV header: missing column(s) {missing}",
    Code.CSV_HEADER_UNKNOWN: "CSV header: unknown column(s) {unknown}",
    Code.CSV_REPEATED: "{orgnr} is already on {where}",
    Code.CSV_NO_ROWS: "{name} has a header but no rows: nothing to onboard",
    Code.CSV_PERSON_HALF: "{who}_name and {who}_email must be given together",
    Code.CSV_PERSON_EMAIL: "{who}_email {value!r} is not one e-mail address",
    Code.CSV_OFFLINE_NEEDS_DETAILS:
        "{orgnr} is not a kommune: offline it needs name and kommunenummer",
    Code.ONE_CSV_SOURCE: "give the CSV as a file or as text, one of the two",
    Code.ONBOARDING_INCOMPLETE: "{orgnr} is registered, but not all went through: {outcome}",
}
