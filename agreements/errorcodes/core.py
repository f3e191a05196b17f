"""The shared ground: lifecycles, days, the database, and a typed input's fields."""

from __future__ import annotations

from agreements.errorcodes.base import code


class CoreCodes:
    AGREEMENT_CANNOT_MOVE = code(
        "agreement.cannot_move", "agreement", "current", "target",
        says="agreement #{agreement} is {current}; it cannot become {target}")
    SIGNATURE_CANNOT_MOVE = code(
        "signature.cannot_move", "current", "target",
        says="the signature is {current}; it cannot become {target}")
    ORDER_CANNOT_MOVE = code(
        "nhn_order.cannot_move", "current", "target",
        says="the NHN order is {current}; it cannot become {target}")
    TERMS_CANNOT_MOVE = code(
        "nhn_terms.cannot_move", "current", "target",
        says="NHN's bruksvilkår is {current}; it cannot become {target}")
    ITEM_CANNOT_MOVE = code(
        "checklist_item.cannot_move", "item", "current", "target",
        says="checklist item {item} is {current}; it cannot become {target}")
    DAY_MALFORMED = code(
        "day.malformed", "option", "value",
        says="{option} must be a date like 2026-11-25, got {value!r}")
    SIMULATED_DAY_FAR = code(
        "day.simulated_far", "option", "day", "real",
        says="{option} {day} is more than a year from today ({real}): it must be forced to "
             "run as that day")
    COLUMN_TOO_LONG = code(
        "database.too_long", "column", "length", "limit",
        says="{column} would be {length} characters long; the limit is {limit}")
    AUDIT_OTHER_KEY = code(
        "audit.other_key", "ours", "theirs",
        says="this process's audit key ({ours}) is not the key the audit log is sealed with "
             "({theirs}): nothing was written; every process that writes needs the same key")
    AUDIT_BROKEN = code(
        "audit.broken", "problem", "events",
        says="audit log broken at {problem} ({events} events before it are intact)")
    AUDIT_BROKEN_AND_FORGED = code(
        "audit.broken_and_forged", "problem", "events", "forged",
        says="audit log broken at {problem} ({events} events before it are intact); and "
             "{forged}")
    AUDIT_ANCHOR_FORGED = code("audit.anchor_forged", "problem", says="{problem}")
    AUDIT_ANCHORS_MISSING = code(
        "audit.anchors_missing", "shared", "file",
        says="the audit anchors ({shared}, {file}) are missing: removed events cannot be "
             "ruled out")
    AUDIT_DISAGREES = code(
        "audit.disagrees", "problem", says="audit log and database disagree: {problem}")
    AUDIT_DISAGREES_MORE = code(
        "audit.disagrees_more", "problem", "others",
        says="audit log and database disagree: {problem} (and {others} more)")
    NOT_INITIALISED = code(
        "database.not_initialised", "url",
        says="database {url} has no schema: initialise it first")
    FIELD_MISSING = code("field.missing", "field", "title", says="{field}: Field required")
    FIELD_EMPTY = code(
        "field.empty", "field", "title",
        says="{field}: String should have at least 1 character")
    FIELD_TOO_LONG = code(
        "field.too_long", "field", "limit", "title",
        says="{field}: String should have at most {limit} characters")
    FIELD_TOO_MANY = code(
        "field.too_many", "field", "limit", "count", "title",
        says="{field}: List should have at most {limit} items after validation, not {count}")
    FIELD_CHOICE = code(
        "field.choice", "field", "expected", "title",
        says="{field}: Input should be {expected}")
    FIELD_UNKNOWN = code("field.unknown", "field", says="{field}: Extra inputs are not permitted")
    FIELD_INVALID = code("field.invalid", "field", "problem", "title", says="{field}: {problem}")
    FIELD_CONTROL = code(
        "field.control_character", "field", "title",
        says="{field}: contains a control character (a line break, a tab or an invisible "
             "mark)")
    FIELD_TEXT_CONTROL = code(
        "field.text_control_character", "field", "title",
        says="{field}: contains a control character")
    DAY_EMPTY = code(
        "day.empty", "option",
        says="{option} is empty: give a date like 2026-11-25, or leave it out")
    DAY_OUTSIDE_CALENDAR = code(
        "day.outside_calendar", "option", "day", "first", "last",
        says="{option} {day} is outside the calendar avtaleflyt keeps ({first} to {last}), "
             "even when forced")
    DAY_ENDS_AGREEMENTS = code(
        "day.ends_agreements", "day", "lapse", "expire",
        says="running as {day} would lapse {lapse} and expire {expire} agreement(s): it must "
             "be forced to run as that day")
