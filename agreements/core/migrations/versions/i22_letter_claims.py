"""letter claims: a follow-up claims a reminder's letter before rendering it

Two follow-ups at once rendered every letter twice; a run that died left letters that no
message carries. A claim (its lease, the letter once stored) makes each letter rendered once,
and tells the next run what a dead one left. This revision also marks the databases whose
audit anchor `init` seals (see `registry.bootstrap.BEFORE_SEALED_ANCHOR`).

Revision ID: i22_letter_claims
Revises: 0006_contact_removed
Create Date: 2026-12-06 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "i22_letter_claims"
down_revision: str | None = "i21b_portal_sessions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "letterclaim",
        sa.Column("key", sa.String(length=500), nullable=False),
        sa.Column("signature_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=64), nullable=False),
        sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["signature_id"], ["signature.id"]),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"]),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("letterclaim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letterclaim_signature_id"), ["signature_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("letterclaim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letterclaim_signature_id"))
    op.drop_table("letterclaim")
