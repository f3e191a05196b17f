"""signer identity: who each signature's certificate names, and jobs that need attention

A check of one person's signature keeps the certificate's name, issuer, serialNumber and
SHA-256, whether the signing revision changed nothing else, and the reason a coordinator
accepted a certificate naming someone else; a signing job keeps why the organiser's
coordinator must act on it.

Revision ID: i16_signer_identity
Revises: i22_letter_claims
Create Date: 2026-12-06 15:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i16_signer_identity"
down_revision: str | None = "i22_letter_claims"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHECK = [
    sa.Column("unchanged", sa.Boolean(), nullable=True),
    sa.Column("signer_name", sa.String(500), nullable=True),
    sa.Column("certificate_issuer", sa.String(500), nullable=True),
    sa.Column("certificate_serial", sa.String(200), nullable=True),
    sa.Column("certificate_sha256", sa.String(64), nullable=True),
    sa.Column("accepted_reason", sa.Text(), nullable=True),
]


def upgrade() -> None:
    with op.batch_alter_table("signaturecheck", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signature_id", sa.Integer(), nullable=True))
        for column in _CHECK:
            batch_op.add_column(column)
        batch_op.create_index("ix_signaturecheck_signature_id", ["signature_id"])
        batch_op.create_foreign_key("fk_signaturecheck_signature_id", "signature",
                                    ["signature_id"], ["id"])
    with op.batch_alter_table("signingjob", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attention", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("signingjob", schema=None) as batch_op:
        batch_op.drop_column("attention")
    with op.batch_alter_table("signaturecheck", schema=None) as batch_op:
        batch_op.drop_constraint("fk_signaturecheck_signature_id", type_="foreignkey")
        batch_op.drop_index("ix_signaturecheck_signature_id")
        for column in reversed(_CHECK):
            batch_op.drop_column(column.name)
        batch_op.drop_column("signature_id")
