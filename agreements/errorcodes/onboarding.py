"""Onboarding from a CSV: the file, its header, its rows."""

from __future__ import annotations

from agreements.errorcodes.base import code


class OnboardingCodes:
    CSV_NOT_UTF8 = code(
        "csv.not_utf8", "name", "line",
        says="{name} is not UTF-8 (near line {line}): save it as 'CSV UTF-8' in Excel")
    CSV_NUL = code(
        "csv.nul_byte", "name", "line",
        says="{name} line {line} contains a NUL byte: this is not a text CSV (save it as "
             "'CSV UTF-8' in Excel)")
    CSV_EMPTY = code(
        "csv.empty",
        says="the CSV is empty: it needs a header row with orgnr and role")
    CSV_MALFORMED = code(
        "csv.malformed", "name", "line", "reason",
        says="{name} line {line}: {reason}")
    CSV_QUOTE_OPEN = code(
        "csv.quote_open", "name", "line",
        says="{name} line {line}: a quoted field is not closed")
    CSV_CELL_TOO_LONG = code(
        "csv.cell_too_long", "name", "line", "limit",
        says="{name} line {line}: a cell is longer than {limit} characters (a quote never "
             "closed?)")
    CSV_HEADER = code(
        "csv.header", "missing", "unknown",
        says="CSV header: missing column(s) {missing}; unknown column(s) {unknown}")
    CSV_HEADER_MISSING = code(
        "csv.header_missing", "missing",
        says="CSV header: missing column(s) {missing}")
    CSV_HEADER_UNKNOWN = code(
        "csv.header_unknown", "unknown",
        says="CSV header: unknown column(s) {unknown}")
    CSV_REPEATED = code("csv.repeated", "orgnr", "where", says="{orgnr} is already on {where}")
    CSV_NO_ROWS = code(
        "csv.no_rows", "name",
        says="{name} has a header but no rows: nothing to onboard")
    CSV_PERSON_HALF = code(
        "csv.person_half", "who",
        says="{who}_name and {who}_email must be given together")
    CSV_PERSON_EMAIL = code(
        "csv.person_email", "who", "value",
        says="{who}_email {value!r} is not one e-mail address")
    CSV_OFFLINE_NEEDS_DETAILS = code(
        "csv.offline_needs_details", "orgnr",
        says="{orgnr} is not a kommune: offline it needs name and kommunenummer")
    ONE_CSV_SOURCE = code(
        "onboarding.one_csv_source",
        says="give the CSV as a file or as text, one of the two")
    ONBOARDING_INCOMPLETE = code(
        "onboarding.incomplete", "orgnr", "outcome",
        says="{orgnr} is registered, but not all went through: {outcome}")
