"""The command line's English for the runs codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.FOLLOWUP_INCOMPLETE: "{count} follow-up action(s) failed: {failures}",
    Code.POLL_INCOMPLETE: "{failures}",
    Code.PREFECT_UNREACHABLE: "Prefect server at {url} is unreachable: {reason}",
    Code.PREFECT_REFUSED: "Prefect server answered {status} to {method} {path}: {detail}",
    Code.PORTAL_NEEDS_SECRET:
        "the portal needs AVTALEFLYT_SECRET_KEY (32 characters or more; only the demo, "
        "AVTALEFLYT_DEMO=1 on 127.0.0.1, runs without it)",
    Code.EVIDENCE_NEITHER: "evidence {value!r} is neither an http(s) link nor a file",
    Code.AUDIT_HEAD_MALFORMED:
        "{option}: an audit head looks like 1234:<64 hex digits>, got {value!r}",
}
