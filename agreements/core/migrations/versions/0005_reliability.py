"""reliability: a keyed, numbered audit chain; outbox leases; longer outbox keys

The audit log gets a sequence number (covered by the HMAC of new events), the id of the key
that signed each event (events from before this revision keep no key: they are the chain's
unkeyed prefix) and the simulated day a command ran as. The outbox gets the end of each
claim's lease, and keys long enough for any e-mail address.

Revision ID: 0005_reliability
Revises: 0004_signing
Create Date: 2026-11-25 23:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005_reliability"
down_revision: str | None = "0004_signing"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("auditevent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("key_id", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("simulated_day", sa.String(length=10), nullable=True))
    op.execute("UPDATE auditevent SET seq = id")
    with op.batch_alter_table("auditevent", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint("uq_auditevent_seq", ["seq"])

    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lease_until", sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))
        batch_op.alter_column("key", existing_type=sa.String(length=200),
                              type_=sa.String(length=500), existing_nullable=False)
    # A claim from before leases existed belonged to a process that is gone by now.
    op.execute("UPDATE outboxmessage SET lease_until = claimed_at WHERE status = 'sending'")


def downgrade() -> None:
    with op.batch_alter_table("outboxmessage", schema=None) as batch_op:
        batch_op.alter_column("key", existing_type=sa.String(length=500),
                              type_=sa.String(length=200), existing_nullable=False)
        batch_op.drop_column("lease_until")
    with op.batch_alter_table("auditevent", schema=None) as batch_op:
        batch_op.drop_constraint("uq_auditevent_seq", type_="unique")
        batch_op.drop_column("simulated_day")
        batch_op.drop_column("key_id")
        batch_op.drop_column("seq")
