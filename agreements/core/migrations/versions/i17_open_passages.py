"""open passages: the sections a draft's template leaves to be settled

A draft records the passages its template leaves open (the lawyers' brackets, or a marker
the template declares); such a draft is marked «UTKAST – ikke til signering» and is not sent
unless drafts are allowed, and an agreement signed while it had them keeps go-live's
agreement gate open.

Revision ID: i17_open_passages
Revises: i20r_shared_store
Create Date: 2026-12-06 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i17_open_passages"
down_revision: str | None = "i20r_shared_store"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("open_passages", sa.Text(), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+, PostgreSQL): a batch copy of `agreement` on SQLite would drop
    # the table that signatures, jobs and certificates refer to.
    op.execute("ALTER TABLE agreement DROP COLUMN open_passages")
