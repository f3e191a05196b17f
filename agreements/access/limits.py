"""Rate limits on sign-in requests, counted in the database so they hold across processes
and machines: a sliding window of one hour per address and per client."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, text
from sqlmodel import Session, col, select

from agreements.core.db import is_postgres
from agreements.core.models import SignInAttempt
from agreements.errorcodes import Code
from agreements.errors import Refused

WINDOW = timedelta(hours=1)
_LOCK_ID = 7_246_618  # the advisory lock that serialises counting on PostgreSQL


class RateLimited(Refused):
    """Too many sign-in requests from this address or client within the window."""


def address_key(email: str) -> str:
    """The address is counted by its hash: the table holds no e-mail addresses."""
    return "address:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:40]


def client_key(client: str) -> str:
    return "client:" + client[:80]


def take(session: Session, limits: Sequence[tuple[str, int]], now: datetime) -> None:
    """Count one attempt under each key, or raise RateLimited (counting nothing) when any key
    has reached its limit within the last hour."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
    since = now - WINDOW
    session.execute(delete(SignInAttempt).where(col(SignInAttempt.at) < since))
    for key, limit in limits:
        count = session.exec(select(func.count()).select_from(SignInAttempt).where(
            SignInAttempt.key == key, col(SignInAttempt.at) >= since)).one()
        if count >= limit:
            raise RateLimited(Code.TOO_MANY_SIGNIN_REQUESTS, counted=key.split(":")[0],
                              window_minutes=int(WINDOW.total_seconds() // 60))
    for key, _ in limits:
        session.add(SignInAttempt(key=key, at=now))
    session.flush()
