"""run files: files a coordinator uploads in the portal for a Prefect run

A signed copy, evidence or a CSV of organisations is uploaded in the portal («Filer til
kjøringer»), staged in the document store and named by a short code; the run form of the
action that needs it offers the recent ones in a drop-down, so no form field is a path on
the worker's disk.

Revision ID: i19files_run_files
Revises: i18_followup_notices
Create Date: 2026-12-06 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "i19files_run_files"
down_revision: str | None = "i18_followup_notices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "runfile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("staged_by", sa.String(length=300), nullable=False),
        sa.Column("staged_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_runfile_code", "runfile", ["code"], unique=True)
    op.create_index("ix_runfile_staged_at", "runfile", ["staged_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_runfile_staged_at", table_name="runfile")
    op.drop_index("ix_runfile_code", table_name="runfile")
    op.drop_table("runfile")
