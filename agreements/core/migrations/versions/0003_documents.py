"""documents: the chosen document types on the forhåndsvurdering item, the inputs a draft was
generated from, and how a participation was routed

Revision ID: 0003_documents
Revises: 0002_portal
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_documents"
down_revision: str | None = "0002_portal"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checklistitem", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_types", sa.Text(), nullable=True))
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inputs_sha256", sa.String(length=64), nullable=True))
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("routed_by", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_column("routed_by")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("inputs_sha256")
    with op.batch_alter_table("checklistitem", schema=None) as batch_op:
        batch_op.drop_column("document_types")
