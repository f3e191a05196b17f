"""The command line's English for the readiness codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ITEM_UNKNOWN: "no checklist item {item!r}; items are: {items}",
    Code.TYPES_NOT_HERE: "{title} records no document types: they belong to {types_item}",
    Code.TYPES_NEED_EVIDENCE:
        "{title}: give the assessment (--evidence FILE|URL) and each document type it chose "
        "(--document-type, once per type)",
    Code.TYPE_WITHOUT_NAME: "document type {value!r} has no name",
    Code.EVIDENCE_OR_BY: "{title}: give --evidence (a file or a link) or --by (who confirms it)",
    Code.EVIDENCE_NEEDED:
        "{title} needs its {evidence} as evidence: give --evidence FILE or --evidence https://…; "
        "--by alone is not enough",
    Code.WAIVE_NEEDS_REASON: "waiving needs a reason: give --reason",
    Code.ITEM_MANDATORY: "{title} is mandatory for go-live: only the organiser's coordinator "
                         "may waive it (--by their e-mail, and --reason)",
    Code.WAIVER_NOT_COORDINATOR: "{by} is not a coordinator of {organiser}: only the "
                                 "organiser's coordinator may waive {title} (--by)",
    Code.NO_ORGANISER_TO_WAIVE: "{title} is mandatory, and a konsument has no organiser who "
                                "could waive it: it must be done",
    Code.EVIDENCE_REUSED: "{title}: this file is already the evidence for {other}; hand in its "
                          "own, or let the organiser's coordinator accept the same file "
                          "(--same-evidence-reason)",
    Code.SHARED_EVIDENCE_BY_COORDINATOR: "only the organiser's coordinator may accept one file "
                                         "as the evidence of two items "
                                         "(--same-evidence-reason)",
    Code.ITEM_NOT_CLOSED: "checklist item {item!r} is not done or waived",
    Code.NOTHING_TO_REVIEW: "checklist item {item!r} is not done: there is nothing to review",
    Code.SEND_BACK_NEEDS_REASON: "sending back needs a reason: give --reason",
    Code.EVIDENCE_LINK_INVALID: "the evidence link must be an http(s) link with a host",
    Code.PARTICIPATION_NOT_FOUND: "participation {participation} does not exist",
    Code.ALREADY_LIVE: "{organisation} ({orgnr}) as {role} is already live since {since}",
    Code.NHN_EMAIL_MISSING:
        "no channel for NHN orders is configured: set AVTALEFLYT_NHN_EMAIL to the address NHN "
        "gave you for orders (or AVTALEFLYT_NHN_CHANNEL=http with its URL and secret)",
    Code.TERMS_BEFORE_CONFIRMED:
        "the bruksvilkår can be recorded as signed only after NHN has confirmed the order (the "
        "order is {status}: `avtaleflyt nhn confirm ORGNR --reference …` first)",
    Code.GATES_OPEN: "{organisation} ({orgnr}) as {role} cannot go live; open gates: {gates}",
    Code.NO_HER_ID:
        "{organisation} ({orgnr}) has no HER-id for the NHN order: add it with `avtaleflyt org "
        "update {orgnr} --her-id …`, or order explicitly without it (`--without-her-id`)",
    Code.ORDER_AFTER_AGREEMENT:
        "{organisation} cannot order from NHN as kilde yet: the agreement with the organiser must "
        "be signed first (agreement #{agreement} is {status})",
    Code.ORDER_BEFORE_ANY_AGREEMENT:
        "{organisation} cannot order from NHN as kilde yet: the agreement with the organiser must "
        "be signed first (no agreement has been created)",
    Code.NHN_CHANNEL_INCOMPLETE:
        "AVTALEFLYT_NHN_CHANNEL=http needs AVTALEFLYT_NHN_URL and AVTALEFLYT_NHN_SECRET",
    Code.ORDER_CHANGED: "the NHN order for {organisation} changed meanwhile; try again",
    Code.ANSWER_NEEDS_TEXT: "give --reference (confirm) or --reason (reject)",
    Code.ORDER_NOT_AT_NHN:
        "the order has not reached NHN yet (it is prepared; see `avtaleflyt outbox list`)",
    Code.NOTHING_ORDERED: "nothing has been ordered from NHN yet: run `avtaleflyt nhn order` first",
    Code.NHN_SECRET_MISSING:
        "AVTALEFLYT_NHN_SECRET is not set: the NHN order is not sent unsigned (set it, then "
        "`avtaleflyt outbox retry --all-failed`)",
    Code.NHN_TIMEOUT:
        "NHN ordering endpoint timed out; the order will be retried with the same Idempotency-Key",
    Code.NHN_UNREACHABLE: "NHN ordering endpoint unreachable: {reason}",
    Code.NHN_FAILED: "NHN ordering endpoint failed with HTTP {status}",
    Code.NHN_REFUSED: "NHN ordering endpoint refused the order: HTTP {status} {detail}",
}
