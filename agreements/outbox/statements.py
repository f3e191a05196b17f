"""Delivery's statements on every row, each built once (on first use: nothing at import)
and bound at each call: claiming rows, marking a claimed row sent, putting one back untried."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, or_, update

from agreements.core.enums import OutboxStatus
from agreements.core.models import OutboxMessage


def claimable(now: Any) -> ColumnElement[bool]:
    """Pending, or claimed by a deliverer whose lease has run out (it must have died); `now`
    a moment or a parameter bound to one."""
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    return or_(table.c.status == OutboxStatus.PENDING.value,
               and_(table.c.status == OutboxStatus.SENDING.value,
                    or_(table.c.lease_until.is_(None), table.c.lease_until < now)))


@lru_cache(maxsize=1)
def claim() -> Any:
    """Claim those of the rows `messages` that are claimable, returning them as claimed
    (one statement)."""
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    now = bindparam("now", type_=table.c.lease_until.type)
    return (update(table).where(table.c.id.in_(bindparam("messages", expanding=True)),
                                claimable(now))
        .values(status=OutboxStatus.SENDING.value, claim_token=bindparam("token"),
                claimed_at=now, lease_until=bindparam("lease"), attempts=table.c.attempts + 1)
        .returning(*table.c))


@lru_cache(maxsize=1)
def sent() -> Any:
    """Mark a claimed row sent, if the claim is still ours (one statement)."""
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    return (update(table).where(table.c.id == bindparam("message"),
                                table.c.claim_token == bindparam("token"))
            .values(status=OutboxStatus.SENT.value, sent_at=bindparam("at"), last_error=None,
                    lease_until=None))


@lru_cache(maxsize=1)
def unclaim() -> Any:
    """Put a claimed row back untried, if the claim is still ours: pending again, its
    claim's attempt not counted (one statement)."""
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    return (update(table).where(table.c.id == bindparam("message"),
                                table.c.claim_token == bindparam("token"))
            .values(status=OutboxStatus.PENDING.value, lease_until=None,
                    attempts=table.c.attempts - 1))
