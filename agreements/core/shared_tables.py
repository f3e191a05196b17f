"""The tables that let several machines share one installation: documents' bytes and staged
uploads in the database (`AVTALEFLYT_DOCUMENT_STORE=database`), and the audit log's head every
process checks. Part of `core.models`, which re-exports them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


class DocumentBlob(SQLModel, table=True):
    """A document's bytes, by their SHA-256, when the documents live in the database (written
    in the transaction of the row that names them); also what is staged there."""

    sha256: str = Field(primary_key=True, sa_type=sa.String(64))
    size: int
    data: bytes = Field(sa_type=sa.LargeBinary)


class StagedUpload(SQLModel, table=True):
    """Bytes handed in and staged for a command, when the documents live in the database:
    apart from the documents' bytes, so removing them never touches a stored document."""

    sha256: str = Field(primary_key=True, sa_type=sa.String(64))
    size: int
    data: bytes = Field(sa_type=sa.LargeBinary)
    staged_at: datetime


class AuditAnchor(SQLModel, table=True):
    """The audit log's head every process shares (one row, `id` 1), sealed with the audit
    key and moved in the transaction that appends (`core.anchor`)."""

    id: int = Field(default=1, primary_key=True)
    seq: int
    mac: str = Field(sa_type=sa.String(64))
    at: str = Field(sa_type=sa.String(40))
    legacy_until: int
    remade_from: int
    seal: str = Field(sa_type=sa.String(64))
