"""the annex of document types: an agreement row of kind annex, belonging to its agreement;
a checklist item's evidence shared with another item only with the organiser's reason

Vedlegg 1 «Dokumenttyper som gjøres tilgjengelige» is signed by the same parties, in the same
order, through the same provider as the agreement, so it is an `agreement` row of kind
`annex` (reusing signatures, signing jobs, verification and the signeringsbekreftelse), with
the agreement it belongs to, its own number and the document types it states. Every existing
row is the joining agreement itself. Each mandatory checklist item needs its own evidence: a
file that is already another item's is taken only with the organiser's coordinator's reason,
kept on the item (`shared_evidence`).

Revision ID: i17annex
Revises: i17order_orderer
Create Date: 2026-12-06 21:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i17annex"
down_revision: str | None = "i17order_orderer"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE (no batch copy on SQLite: see downgrade).
    op.add_column("agreement", sa.Column("kind", sa.String(40), nullable=False,
                                         server_default="agreement"))
    if op.get_bind().dialect.name == "sqlite":  # SQLite takes a reference only inline
        op.execute("ALTER TABLE agreement ADD COLUMN annex_of_id INTEGER "
                   "REFERENCES agreement (id)")
    else:
        op.add_column("agreement", sa.Column("annex_of_id", sa.Integer(), nullable=True))
        op.create_foreign_key(None, "agreement", "agreement", ["annex_of_id"], ["id"])
    op.add_column("agreement", sa.Column("number", sa.String(80), nullable=True))
    op.add_column("agreement", sa.Column("document_types", sa.Text(), nullable=True))
    op.create_index("ix_agreement_kind", "agreement", ["kind"])
    op.add_column("checklistitem", sa.Column("shared_evidence", sa.Text(), nullable=True))


def downgrade() -> None:
    # In place, as i17_open_passages: a batch copy of `agreement` on SQLite would drop the
    # table that signatures, jobs and certificates refer to.
    op.execute("ALTER TABLE checklistitem DROP COLUMN shared_evidence")
    op.drop_index("ix_agreement_kind", table_name="agreement")
    for column in ("document_types", "number", "annex_of_id", "kind"):
        op.execute(f"ALTER TABLE agreement DROP COLUMN {column}")
