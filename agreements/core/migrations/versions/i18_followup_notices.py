"""follow-up notices and event deadlines: the reminder ladder counts what was queued, and a
checklist item is due after the event it follows

One e-mail per person and day carries every reminder and escalation due for that person; each
item of it is a `followupnotice` row written with the message, so how many reminders went
before an escalation (and when) is read from what was really queued. A checklist item's due
date now counts from the event it follows (agreement signed, an item done, the EPJ vendor's
date …): it has none until then, and an information item never has one. The organisation
records the day its EPJ vendor expects the integration to be ready. Each rollout report
marks where every organisation stood (`reportmark`), so the next week's report can say what
changed.

Revision ID: i18_followup_notices
Revises: i16_signer_identity
Create Date: 2026-12-10 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i18_followup_notices"
down_revision: str | None = "i17_open_passages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "followupnotice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_key", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_key", "subject", "kind"),
    )
    with op.batch_alter_table("followupnotice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_followupnotice_message_key"), ["message_key"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_followupnotice_subject"), ["subject"],
                              unique=False)
    op.create_table(
        "reportmark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("orgnr", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("phase", sa.String(length=40), nullable=False),
        sa.Column("waiting", sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "orgnr", "role"),
    )
    with op.batch_alter_table("reportmark", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reportmark_day"), ["day"], unique=False)
    with op.batch_alter_table("checklistitem", schema=None) as batch_op:
        batch_op.alter_column("due_on", existing_type=sa.Date(), nullable=True)
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("epj_vendor_ready_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # Not in batch mode: on SQLite that copies the table, which the tables referring to
    # organisation forbid; both databases drop a plain column in place.
    op.execute("ALTER TABLE organisation DROP COLUMN epj_vendor_ready_on")
    # An item still waiting for its event gets the day its participation registered (the old
    # rule counted from there), so the column can be required again.
    op.execute("UPDATE checklistitem SET due_on = (SELECT registered_on FROM participation "
               "WHERE participation.id = checklistitem.participation_id) WHERE due_on IS NULL")
    with op.batch_alter_table("checklistitem", schema=None) as batch_op:
        batch_op.alter_column("due_on", existing_type=sa.Date(), nullable=False)
    op.drop_table("reportmark")
    op.drop_table("followupnotice")
