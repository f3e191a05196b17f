"""Portal sessions kept on the server: the cookie holds a random id and nothing else; the
row found by the id's SHA-256 says whose it is and until when.

Ending the row ends every copy of the cookie at once: «Logg ut» ends the visit's own,
removing a contact and "sign out everywhere" end all of an address's sessions.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, update
from sqlmodel import Session, col, select

from agreements.core.models import PortalSession

KEPT = timedelta(days=1)  # ended or expired rows are forgotten this long after


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start(session: Session, email: str, now: datetime, hours: int) -> str:
    """A new session for `email`; returns its key (for the cookie; only its hash is kept)."""
    session.execute(delete(PortalSession).where(
        col(PortalSession.expires_at) < now - KEPT))
    key = secrets.token_urlsafe(32)
    session.add(PortalSession(key_hash=digest(key), email=email, created_at=now,
                              expires_at=now + timedelta(hours=hours)))
    session.flush()
    return key


def owner(session: Session, key: str | None, now: datetime) -> tuple[str, str] | None:
    """The address whose live session `key` is, and the key's hash; None when the key is
    unknown, ended or expired."""
    if not key:
        return None
    hashed = digest(key)
    row = session.exec(select(PortalSession).where(PortalSession.key_hash == hashed)).first()
    if row is None or row.ended_at is not None or row.expires_at <= now:
        return None
    return row.email, hashed


def end(session: Session, hashed: str, now: datetime) -> int:
    """End the session whose key has this hash (0 when it had ended already)."""
    return _end(session, col(PortalSession.key_hash) == hashed, now)


def end_all(session: Session, email: str, now: datetime) -> int:
    """End every live session of `email`; returns how many."""
    return _end(session, col(PortalSession.email) == email.strip().lower(), now)


def _end(session: Session, where: ColumnElement[bool], now: datetime) -> int:
    result = session.execute(update(PortalSession).where(
        where, col(PortalSession.ended_at).is_(None)).values(ended_at=now))
    return int(getattr(result, "rowcount", 0) or 0)
