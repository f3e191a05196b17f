"""Readiness: the checklist and its evidence, go-live, the NHN order and bruksvilkår."""

from __future__ import annotations

from agreements.errorcodes.base import code


class ReadinessCodes:
    ITEM_UNKNOWN = code(
        "checklist.unknown_item", "item", "items",
        says="no checklist item {item!r}; items are: {items}")
    TYPES_NOT_HERE = code(
        "checklist.types_not_here", "title", "types_item",
        says="{title} records no document types: they belong to {types_item}")
    TYPES_NEED_EVIDENCE = code(
        "checklist.types_need_evidence", "title",
        says="{title}: give the assessment and each document type it chose")
    TYPE_WITHOUT_NAME = code(
        "checklist.type_without_name", "value",
        says="document type {value!r} has no name")
    EVIDENCE_OR_BY = code(
        "checklist.evidence_or_by", "title",
        says="{title}: give the evidence (a file or a link) or who confirms it")
    EVIDENCE_NEEDED = code(
        "checklist.evidence_needed", "title", "evidence",
        says="{title} needs its {evidence} as evidence: who confirms it is not enough")
    WAIVE_NEEDS_REASON = code("checklist.waive_needs_reason", says="waiving needs a reason")
    ITEM_MANDATORY = code(
        "checklist.mandatory", "title",
        says="{title} is mandatory for go-live: only the organiser's coordinator may waive it, "
             "with a reason")
    WAIVER_NOT_COORDINATOR = code(
        "checklist.waiver_not_coordinator", "title", "by", "organiser",
        says="{by} is not a coordinator of {organiser}: only the organiser's coordinator may "
             "waive {title}")
    NO_ORGANISER_TO_WAIVE = code(
        "checklist.no_organiser_to_waive", "title",
        says="{title} is mandatory, and a konsument has no organiser who could waive it")
    EVIDENCE_REUSED = code(
        "checklist.evidence_reused", "title", "other",
        says="{title}: this file is already the evidence for {other}; each item needs its own, "
             "unless the organiser's coordinator accepts the same file with a reason")
    SHARED_EVIDENCE_BY_COORDINATOR = code(
        "checklist.shared_evidence_by_coordinator",
        says="only the organiser's coordinator may accept one file as the evidence of two "
             "items")
    ITEM_NOT_CLOSED = code(
        "checklist.not_closed", "item",
        says="checklist item {item!r} is not done or waived")
    NOTHING_TO_REVIEW = code(
        "checklist.nothing_to_review", "item",
        says="checklist item {item!r} is not done: there is nothing to review")
    SEND_BACK_NEEDS_REASON = code(
        "checklist.send_back_needs_reason",
        says="sending back needs a reason")
    EVIDENCE_LINK_INVALID = code(
        "checklist.link_invalid",
        says="the evidence link must be an http(s) link with a host")
    PARTICIPATION_NOT_FOUND = code(
        "participation.not_found", "participation",
        says="participation {participation} does not exist")
    ALREADY_LIVE = code(
        "golive.already_live", "organisation", "orgnr", "role", "since",
        says="{organisation} ({orgnr}) as {role} is already live since {since}")
    GATES_OPEN = code(
        "golive.gates_open", "organisation", "orgnr", "role", "gates",
        says="{organisation} ({orgnr}) as {role} cannot go live; open gates: {gates}")
    NO_HER_ID = code(
        "nhn.no_her_id", "organisation", "orgnr",
        says="{organisation} ({orgnr}) has no HER-id for the NHN order: record it, or order "
             "explicitly without it")
    ORDER_AFTER_AGREEMENT = code(
        "nhn.order_after_agreement", "organisation", "agreement", "status",
        says="{organisation} cannot order from NHN as kilde yet: the agreement with the "
             "organiser must be signed first (agreement #{agreement} is {status})")
    ORDER_BEFORE_ANY_AGREEMENT = code(
        "nhn.order_before_any_agreement", "organisation",
        says="{organisation} cannot order from NHN as kilde yet: the agreement with the "
             "organiser must be signed first (no agreement has been created)")
    NHN_CHANNEL_INCOMPLETE = code(
        "nhn.channel_incomplete",
        says="AVTALEFLYT_NHN_CHANNEL=http needs AVTALEFLYT_NHN_URL and AVTALEFLYT_NHN_SECRET")
    NHN_EMAIL_MISSING = code(
        "nhn.email_missing",
        says="no channel for NHN orders is configured: AVTALEFLYT_NHN_EMAIL (the address NHN "
             "gives for orders) is not set")
    TERMS_BEFORE_CONFIRMED = code(
        "nhn.terms_before_confirmed", "status",
        says="the bruksvilkår can be recorded as signed only after NHN has confirmed the order "
             "(the order is {status})")
    ORDER_CHANGED = code(
        "nhn.order_changed", "organisation",
        says="the NHN order for {organisation} changed meanwhile; try again")
    ANSWER_NEEDS_TEXT = code(
        "nhn.answer_needs_text",
        says="give NHN's reference (confirm) or the reason (reject)")
    ORDER_NOT_AT_NHN = code(
        "nhn.order_not_at_nhn",
        says="the order has not reached NHN yet (it is prepared; see the outbox)")
    NOTHING_ORDERED = code("nhn.nothing_ordered", says="nothing has been ordered from NHN yet")
    NHN_SECRET_MISSING = code(
        "nhn.secret_missing",
        says="AVTALEFLYT_NHN_SECRET is not set: the NHN order is not sent unsigned")
    NHN_TIMEOUT = code(
        "nhn.timeout",
        says="NHN ordering endpoint timed out; the order will be retried with the same "
             "Idempotency-Key")
    NHN_UNREACHABLE = code(
        "nhn.unreachable", "reason",
        says="NHN ordering endpoint unreachable: {reason}")
    NHN_FAILED = code(
        "nhn.failed", "status",
        says="NHN ordering endpoint failed with HTTP {status}")
    NHN_REFUSED = code(
        "nhn.refused", "status", "detail",
        says="NHN ordering endpoint refused the order: HTTP {status} {detail}")
