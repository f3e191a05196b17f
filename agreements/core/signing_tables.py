"""The tables of e-signing: a signature job at the signing provider, its polling queues, and
how each signed document was verified. Part of `core.models`, which re-exports them."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

S = sa.String(40)


class SigningJob(SQLModel, table=True):
    """An agreement's signature job at a remote signing provider (Posten signering).

    The row is written before the provider is called (unique per agreement), so a crash or a
    second run never creates a second job: `requested_at` without `job_id` means the request
    may have reached the provider, and the job is then adopted from its first status change.
    """

    __table_args__ = (sa.UniqueConstraint("provider", "job_id"),)
    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", unique=True)
    provider: str = Field(sa_type=S)
    sender_orgnr: str = Field(sa_type=sa.String(9))
    polling_queue: str = Field(sa_type=sa.String(100))
    reference: str = Field(sa_type=sa.String(50), index=True)
    status: str = Field(sa_type=S, index=True, description="SigningJobStatus")
    job_id: int | None = Field(default=None, sa_type=sa.BigInteger)
    cancellation_url: str | None = Field(default=None, sa_type=sa.Text)
    remote_status: str | None = Field(default=None, sa_type=S)
    deadline: date | None = None
    signer_contacts: str = Field(default="[]", sa_type=sa.Text,
                                 description="JSON list of the signers' contact ids, in order")
    claim_token: str | None = Field(default=None, sa_type=sa.String(40))
    claimed_at: datetime | None = None
    requested_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_type=sa.Text)
    retry_ok: bool = Field(default=True, description="the last failure may heal by itself")
    cancel_reason: str | None = Field(default=None, sa_type=sa.Text)
    attention: str | None = Field(
        default=None, sa_type=sa.Text, description="why the organiser's coordinator must act: "
        "the job stopped at the provider without ending the agreement, or what it delivered "
        "was refused")
    created_at: datetime
    updated_at: datetime | None = None


class SigningQueue(SQLModel, table=True):
    """A provider's polling queue (one per organiser) and when it may next be polled."""

    __table_args__ = (sa.UniqueConstraint("provider", "sender_orgnr", "polling_queue"),)
    id: int | None = Field(default=None, primary_key=True)
    provider: str = Field(sa_type=S)
    sender_orgnr: str = Field(sa_type=sa.String(9))
    polling_queue: str = Field(sa_type=sa.String(100))
    next_poll_at: datetime | None = Field(
        default=None, description="not before this: the provider's permitted time, or a "
                                  "running poll's lease")
    polled_at: datetime | None = None
    outcome: str | None = Field(default=None, sa_type=sa.Text)


class SignatureCheck(SQLModel, table=True):
    """How a signed document was verified (or that it is a paper signature, and why).

    A check of one person's signature (a copy handed in, or Posten's XAdES of one signer) names
    its `signature_id` and the certificate: the name in it, and the issuer and serialNumber
    that identify the person, so the next signature by the same contact is expected from the
    same person and no certificate counts for two signers of one agreement."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", unique=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    signature_id: int | None = Field(default=None, foreign_key="signature.id", index=True)
    method: str = Field(sa_type=S, description="pades | incremental | text | paper | xades")
    valid: bool = False
    intact: bool | None = None
    trusted: bool | None = None
    covers_whole_file: bool | None = None
    matches_sent: bool | None = None
    signer_subject: str | None = Field(default=None, sa_type=sa.String(500))
    signing_time: datetime | None = None
    sent_sha256: str | None = Field(default=None, sa_type=sa.String(64))
    unverified_reason: str | None = Field(default=None, sa_type=sa.Text)
    unchanged: bool | None = Field(default=None, description="the revision that added the "
                                   "signature changed nothing else")
    signer_name: str | None = Field(default=None, sa_type=sa.String(500))
    certificate_issuer: str | None = Field(default=None, sa_type=sa.String(500))
    certificate_serial: str | None = Field(default=None, sa_type=sa.String(200))
    certificate_sha256: str | None = Field(default=None, sa_type=sa.String(64))
    accepted_reason: str | None = Field(default=None, sa_type=sa.Text, description="why a "
                                        "coordinator accepted a certificate naming someone else")
    checked_at: datetime
