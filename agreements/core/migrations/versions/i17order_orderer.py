"""the order placed by the organisation, and the organiser confirmed by the RHF

An NHN order records who placed it (the organisation's contact, in whose name it goes out)
and, for a kommune that is kilde and konsument, the second participation the one order also
covers (one order naming both roles, one set of bruksvilkår). An order placed outside
avtaleflyt is recorded with channel `outside`. An avtalespesialist's organiser, derived from
its address, is a proposal until the RHF's coordinator confirms it: the participation
records when and by whom.

Revision ID: i17order_orderer
Revises: i19files_run_files
Create Date: 2026-12-06 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "i17order_orderer"
down_revision: str | None = "i19files_run_files"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("nhnorder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ordered_by_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("ordered_by_email", sa.String(length=254),
                                      nullable=True))
        batch_op.add_column(sa.Column("covers_participation_id", sa.Integer(), nullable=True))
        batch_op.create_unique_constraint("uq_nhnorder_covers_participation_id",
                                          ["covers_participation_id"])
        batch_op.create_foreign_key("fk_nhnorder_covers_participation", "participation",
                                    ["covers_participation_id"], ["id"])
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organiser_confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column("organiser_confirmed_by", sa.String(length=254),
                                      nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+, PostgreSQL): a batch copy of `participation` on SQLite would
    # break the keys that refer to it.
    for column in ("organiser_confirmed_at", "organiser_confirmed_by"):
        op.execute(f"ALTER TABLE participation DROP COLUMN {column}")
    with op.batch_alter_table("nhnorder", schema=None) as batch_op:
        batch_op.drop_constraint("fk_nhnorder_covers_participation", type_="foreignkey")
        batch_op.drop_constraint("uq_nhnorder_covers_participation_id", type_="unique")
        batch_op.drop_column("covers_participation_id")
        batch_op.drop_column("ordered_by_email")
        batch_op.drop_column("ordered_by_name")
