"""shared store: the documents' bytes and the audit log's head in the database, for several
machines

With `AVTALEFLYT_DOCUMENT_STORE=database` every process (a Prefect worker, the portal, the
CLI, each on a machine of its own) reads and writes the same documents: their bytes are kept
by SHA-256 in `documentblob`, written in the transaction of the row that names them. The
document rows are looked up by name and by SHA-256 (free names, shared bytes).
Staged uploads go to `stagedupload`, apart from the documents' bytes. `auditanchor` holds
the audit log's head that every process shares, sealed with the audit key (`init` fills it
from the anchor file of an installation that has events).

Revision ID: i20r_shared_store
Revises: i16_signer_identity
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "i20r_shared_store"
down_revision: str | None = "i16_signer_identity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "documentblob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "stagedupload",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("staged_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "auditanchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("legacy_until", sa.Integer(), nullable=False),
        sa.Column("remade_from", sa.Integer(), nullable=False),
        sa.Column("seal", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_path"), ["path"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_sha256"))
        batch_op.drop_index(batch_op.f("ix_document_path"))
    op.drop_table("auditanchor")
    op.drop_table("stagedupload")
    op.drop_table("documentblob")
