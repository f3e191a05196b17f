"""Files handed in through the portal for a Prefect run: a signed copy, evidence, a CSV of
organisations. Re-exported by `core.models`."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class RunFile(SQLModel, table=True):
    """A file a coordinator uploaded in the portal («Filer til kjøringer») for a run: its
    bytes staged in the document store under their SHA-256, named by a short code the run
    form offers (and a person can read out), for one purpose."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=sa.String(8), unique=True, index=True)
    purpose: str = Field(sa_type=sa.String(40), description="signed-copy | evidence | "
                                                            "organisations")
    sha256: str = Field(sa_type=sa.String(64))
    filename: str = Field(sa_type=sa.String(255), description="as named; never a path")
    size: int
    staged_by: str = Field(sa_type=sa.String(300), description="who uploaded it (a name)")
    staged_at: datetime = Field(index=True)
