"""The front doors' own runs: a partial failure, the Prefect server, the portal's key."""

from __future__ import annotations

from agreements.errorcodes.base import code


class RunCodes:
    FOLLOWUP_INCOMPLETE = code(
        "run.followup_incomplete", "count", "failures",
        says="{count} follow-up action(s) failed: {failures}")
    POLL_INCOMPLETE = code("run.poll_incomplete", "failures", says="{failures}")
    PREFECT_UNREACHABLE = code(
        "run.prefect_unreachable", "url", "reason",
        says="Prefect server at {url} is unreachable: {reason}")
    PREFECT_REFUSED = code(
        "run.prefect_refused", "status", "method", "path", "detail",
        says="Prefect server answered {status} to {method} {path}: {detail}")
    PORTAL_NEEDS_SECRET = code(
        "run.portal_needs_secret",
        says="the portal needs AVTALEFLYT_SECRET_KEY (32 characters or more; only the demo, "
             "AVTALEFLYT_DEMO=1 on 127.0.0.1, runs without it)")
    EVIDENCE_NEITHER = code(
        "run.evidence_neither", "value",
        says="evidence {value!r} is neither an http(s) link nor a file")
    AUDIT_HEAD_MALFORMED = code(
        "run.audit_head_malformed", "option", "value",
        says="{option}: an audit head looks like 1234:<64 hex digits>, got {value!r}")
