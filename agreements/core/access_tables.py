"""The portal's sign-in tables: single-use links, the attempts the rate limits count, and the
server-side sessions. Re-exported by `core.models`."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class SignInToken(SQLModel, table=True):
    """A single-use sign-in link for the portal; only the SHA-256 of the token is kept."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(sa_type=sa.String(64), unique=True)
    email: str = Field(sa_type=sa.String(254), index=True)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class SignInAttempt(SQLModel, table=True):
    """One request for a sign-in link, counted per address and per client (rate limits)."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_type=sa.String(100), index=True, description="address:<hash> | client:<ip>")
    at: datetime = Field(index=True)


class PortalSession(SQLModel, table=True):
    """A signed-in visit to the portal. The cookie holds only a random id; this row, found by
    the id's SHA-256, says whose it is, so ending it here ends every copy of the cookie."""

    id: int | None = Field(default=None, primary_key=True)
    key_hash: str = Field(sa_type=sa.String(64), unique=True)
    email: str = Field(sa_type=sa.String(254), index=True)
    created_at: datetime
    expires_at: datetime
    ended_at: datetime | None = None
