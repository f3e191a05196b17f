"""The hash-chained audit log.

Each event's hash covers its own fields and the previous event's hash, so changing,
removing or reordering any row breaks the chain from that row on. Appends are serialised
(BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL) so two writers never fork it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from agreements.core.db import is_postgres
from agreements.core.models import AuditEvent

GENESIS = "0" * 64
_LOCK_ID = 7_246_617  # arbitrary, constant: the advisory lock that guards the chain's head


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _digest(at: str, actor: str, action: str, subject: str, data: str, prev: str) -> str:
    material = canonical([at, actor, action, subject, data, prev])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def record(
    session: Session, *, actor: str, action: str, subject: str, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event in the caller's transaction."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    newest = select(AuditEvent.hash).order_by(col(AuditEvent.id).desc()).limit(1)
    last = session.exec(newest).first()
    prev = last or GENESIS
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    body = canonical(data or {})
    event = AuditEvent(
        at=at, actor=actor, action=action, subject=subject, data=body, prev_hash=prev,
        hash=_digest(at, actor, action, subject, body, prev),
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class Verification:
    ok: bool
    events: int
    broken_id: int | None = None
    problem: str | None = None


def verify(session: Session) -> Verification:
    prev, count = GENESIS, 0
    for event in session.exec(select(AuditEvent).order_by(col(AuditEvent.id))):
        if event.prev_hash != prev:
            return Verification(False, count, event.id, "does not follow the previous event")
        expected = _digest(
            event.at, event.actor, event.action, event.subject, event.data, event.prev_hash
        )
        if event.hash != expected:
            return Verification(False, count, event.id, "its content does not match its hash")
        prev, count = event.hash, count + 1
    return Verification(True, count)


def latest(session: Session, *, subject: str | None = None, limit: int = 50
           ) -> list[dict[str, Any]]:
    """The newest events first (optionally about one subject), without their hashes."""
    q = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)
    if subject:
        q = q.where(AuditEvent.subject == subject)
    return [e.model_dump(exclude={"prev_hash"}) for e in session.exec(q)]
