"""The command line's English for the core codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.AGREEMENT_CANNOT_MOVE: "agreement #{agreement} is {current}; it cannot become {target}",
    Code.SIGNATURE_CANNOT_MOVE: "the signature is {current}; it cannot become {target}",
    Code.ORDER_CANNOT_MOVE: "the NHN order is {current}; it cannot become {target}",
    Code.TERMS_CANNOT_MOVE: "NHN's bruksvilkår is {current}; it cannot become {target}",
    Code.ITEM_CANNOT_MOVE: "checklist item {item} is {current}; it cannot become {target}",
    Code.DAY_MALFORMED: "{option} must be a date like 2026-11-25, got {value!r}",
    Code.SIMULATED_DAY_FAR:
        "{option} {day} is more than a year from today ({real}): give --force to run as that day "
        "anyway",
    Code.COLUMN_TOO_LONG: "{column} would be {length} characters long; the limit is {limit}",
    Code.NOT_INITIALISED: "database {url} has no schema: run `avtaleflyt init` first",
    Code.FIELD_MISSING: "{field}: Field required",
    Code.FIELD_EMPTY: "{field}: String should have at least 1 character",
    Code.FIELD_TOO_LONG: "{field}: String should have at most {limit} characters",
    Code.FIELD_TOO_MANY:
        "{field}: List should have at most {limit} items after validation, not {count}",
    Code.FIELD_CHOICE: "{field}: Input should be {expected}",
    Code.FIELD_UNKNOWN: "{field}: Extra inputs are not permitted",
    Code.FIELD_INVALID: "{field}: {problem}",
    Code.FIELD_CONTROL:
        "{field}: contains a control character (a line break, a tab or an invisible mark)",
    Code.FIELD_TEXT_CONTROL: "{field}: contains a control character",
    Code.DAY_EMPTY: "{option} is empty: give a date like 2026-11-25, or leave the option out",
    Code.DAY_OUTSIDE_CALENDAR:
        "{option} {day} is outside the calendar avtaleflyt keeps ({first} to {last}), even with "
        "--force",
    Code.DAY_ENDS_AGREEMENTS:
        "--today {day} would lapse {lapse} and expire {expire} agreement(s): give --force to run "
        "as that day (or --dry-run to see them)",
    Code.AUDIT_OTHER_KEY:
        "this machine's audit key ({ours}) is not the one the audit log is sealed with "
        "({theirs}): nothing was written; give every machine that writes the same "
        "AVTALEFLYT_AUDIT_SECRET",
    Code.AUDIT_BROKEN:
        "audit log broken at {problem} ({events} events before it are intact)",
    Code.AUDIT_BROKEN_AND_FORGED:
        "audit log broken at {problem} ({events} events before it are intact); and "
        "{forged}",
    Code.AUDIT_ANCHOR_FORGED:
        "{problem}",
    Code.AUDIT_ANCHORS_MISSING:
        "the audit anchors ({shared}, {file}) are missing: removed events cannot be "
        "ruled out (restore them with the database and the data folder)",
    Code.AUDIT_DISAGREES:
        "audit log and database disagree: {problem}",
    Code.AUDIT_DISAGREES_MORE:
        "audit log and database disagree: {problem} (and {others} more)",
}
