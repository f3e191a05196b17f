"""The tables. Statuses are the StrEnums of `agreements.core.enums`, stored as short strings."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from agreements.core.access_tables import PortalSession as PortalSession
from agreements.core.access_tables import SignInAttempt as SignInAttempt
from agreements.core.access_tables import SignInToken as SignInToken
from agreements.core.followup_tables import FollowUpNotice as FollowUpNotice
from agreements.core.followup_tables import ReportMark as ReportMark
from agreements.core.run_tables import RunFile as RunFile
from agreements.core.shared_tables import AuditAnchor as AuditAnchor
from agreements.core.shared_tables import DocumentBlob as DocumentBlob
from agreements.core.shared_tables import StagedUpload as StagedUpload
from agreements.core.signing_tables import SignatureCheck as SignatureCheck
from agreements.core.signing_tables import SigningJob as SigningJob
from agreements.core.signing_tables import SigningQueue as SigningQueue

S = sa.String(40)


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    orgnr: str = Field(sa_type=sa.String(9), unique=True, index=True)
    navn: str = Field(sa_type=sa.String(300))
    kind: str = Field(sa_type=S)
    organisasjonsform: str | None = Field(default=None, sa_type=S)
    kommunenummer: str | None = Field(default=None, sa_type=sa.String(4))
    her_id: str | None = Field(default=None, sa_type=S)
    epj_system: str | None = Field(default=None, sa_type=sa.String(200))
    epj_vendor: str | None = Field(default=None, sa_type=sa.String(200))
    epj_vendor_ready_on: date | None = Field(
        default=None, description="the day the EPJ vendor expects its integration ready to test")
    source: str = Field(sa_type=S, description="brreg | reference | manual")
    created_at: datetime


class Contact(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("organisation_id", "email", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(sa_type=sa.String(200))
    email: str = Field(sa_type=sa.String(254))
    title: str | None = Field(default=None, sa_type=sa.String(200))
    role: str = Field(sa_type=S)
    # Removed (left the organisation) after signing or being asked to sign an agreement: kept,
    # since the signature names it, but it reaches nothing and is asked for nothing.
    removed_at: datetime | None = None


class CollaborationArea(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_type=S, unique=True)
    name: str = Field(sa_type=sa.String(200))
    member_kind: str = Field(sa_type=S)
    organiser_id: int = Field(foreign_key="organisation.id")
    template: str = Field(sa_type=sa.String(200))
    fylker: str = Field(default="", sa_type=sa.String(200))


class Participation(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("organisation_id", "role"),)
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    role: str = Field(sa_type=S)
    area_id: int | None = Field(default=None, foreign_key="collaborationarea.id", index=True)
    registered_on: date
    live_on: date | None = None
    routed_by: str | None = Field(default=None, sa_type=S,
                                  description="kommune | address | region | rerouted")
    # An avtalespesialist's organiser is a proposal until the RHF's coordinator confirms it.
    organiser_confirmed_at: datetime | None = None
    organiser_confirmed_by: str | None = Field(default=None, sa_type=sa.String(254))


class Document(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(sa_type=S)
    path: str = Field(sa_type=sa.String(500), index=True,
                      description="its name: relative to the data folder, in the local folder")
    sha256: str = Field(sa_type=sa.String(64), index=True)
    size: int
    media_type: str = Field(sa_type=sa.String(100))
    template: str | None = Field(default=None, sa_type=sa.String(200))
    template_sha256: str | None = Field(default=None, sa_type=sa.String(64))
    created_at: datetime


class Agreement(SQLModel, table=True):
    """What the parties sign: the joining agreement (kind agreement), or its annex of document
    types (kind annex, Vedlegg 1), signed the same way; "the agreement" is always kind agreement."""
    id: int | None = Field(default=None, primary_key=True)
    participation_id: int = Field(foreign_key="participation.id", index=True)
    kind: str = Field(default="agreement", sa_type=S, index=True,
                      description="agreement | annex (core.enums.AgreementKind)")
    annex_of_id: int | None = Field(default=None, foreign_key="agreement.id",
                                    description="an annex: the agreement it belongs to")
    number: str | None = Field(default=None, sa_type=sa.String(80), description="an annex's")
    document_types: str | None = Field(default=None, sa_type=sa.Text,
                                       description="an annex: JSON list of the types it states")
    area_id: int = Field(foreign_key="collaborationarea.id")
    open_passages: str | None = Field(
        default=None, sa_type=sa.Text,
        description="JSON list: the sections with a passage its template leaves to be settled")
    version: int = 1
    status: str = Field(sa_type=S, index=True)
    status_reason: str | None = Field(default=None, sa_type=sa.Text)
    docx_id: int | None = Field(default=None, foreign_key="document.id")
    pdf_id: int | None = Field(default=None, foreign_key="document.id")
    certificate_id: int | None = Field(default=None, foreign_key="document.id")
    certificate_pdf_id: int | None = Field(default=None, foreign_key="document.id")
    supersedes_id: int | None = Field(default=None, foreign_key="agreement.id")
    inputs_sha256: str | None = Field(default=None, sa_type=sa.String(64),
                                      description="of what the draft was generated from")
    created_at: datetime
    sent_at: datetime | None = None
    signing_deadline: date | None = None
    signed_at: datetime | None = None
    effective_on: date | None = None
    expires_on: date | None = None


class Signature(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("agreement_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    agreement_id: int = Field(foreign_key="agreement.id", index=True)
    position: int
    organisation_id: int = Field(foreign_key="organisation.id")
    contact_id: int = Field(foreign_key="contact.id")
    status: str = Field(sa_type=S)
    asked_at: datetime | None = None
    signed_at: datetime | None = None
    reason: str | None = Field(default=None, sa_type=sa.Text)
    document_id: int | None = Field(default=None, foreign_key="document.id")


class ChecklistItem(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("participation_id", "process_key", "occurrence"),)
    id: int | None = Field(default=None, primary_key=True)
    participation_id: int = Field(foreign_key="participation.id", index=True)
    process_key: str = Field(sa_type=S)
    occurrence: str = Field(default="", sa_type=sa.String(10), description="'' or ISO date")
    status: str = Field(sa_type=S, index=True)
    due_on: date | None = Field(default=None, description="None: its event has not happened "
                                "yet, or it is information only (reference.deadlines)")
    evidence_url: str | None = Field(default=None, sa_type=sa.String(1000))
    evidence_id: int | None = Field(default=None, foreign_key="document.id")
    done_by: str | None = Field(default=None, sa_type=sa.String(200))
    done_at: datetime | None = None
    reason: str | None = Field(default=None, sa_type=sa.Text)
    review_status: str | None = Field(default=None, sa_type=S,
                                      description="None: not reviewed; accepted | sent_back")
    review_reason: str | None = Field(default=None, sa_type=sa.Text)
    reviewed_by: str | None = Field(default=None, sa_type=sa.String(200))
    reviewed_at: datetime | None = None
    document_types: str | None = Field(default=None, sa_type=sa.Text,
                                       description="JSON list of the chosen document types")
    shared_evidence: str | None = Field(default=None, sa_type=sa.Text, description="why the "
                                        "organiser accepted another item's file as its evidence")


class NhnOrder(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    participation_id: int = Field(foreign_key="participation.id", unique=True)
    status: str = Field(sa_type=S, index=True)
    idempotency_key: str = Field(sa_type=sa.String(80), unique=True)
    payload: str = Field(sa_type=sa.Text)
    package_id: int | None = Field(default=None, foreign_key="document.id")
    channel: str = Field(sa_type=S)
    reference: str | None = Field(default=None, sa_type=sa.String(200))
    reason: str | None = Field(default=None, sa_type=sa.Text)
    prepared_at: datetime
    submitted_at: datetime | None = None
    decided_at: datetime | None = None
    terms_status: str = Field(sa_type=S)
    terms_link_at: datetime | None = None
    terms_signed_at: datetime | None = None
    # The organisation's contact who placed it, in whose name it went out; the other role's
    # participation it also covers (a kommune that is kilde and konsument orders once).
    ordered_by_name: str | None = Field(default=None, sa_type=sa.String(200))
    ordered_by_email: str | None = Field(default=None, sa_type=sa.String(254))
    covers_participation_id: int | None = Field(default=None, foreign_key="participation.id",
                                                unique=True)


class OutboxMessage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_type=sa.String(500), unique=True)
    channel: str = Field(sa_type=S, description="email | nhn_http")
    recipient: str = Field(sa_type=sa.String(500))
    subject: str = Field(default="", sa_type=sa.String(300))
    body: str = Field(default="", sa_type=sa.Text)
    attachments: str = Field(default="[]", sa_type=sa.Text, description="JSON list of documents")
    status: str = Field(sa_type=S, index=True)
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_type=sa.Text)
    claim_token: str | None = Field(default=None, sa_type=sa.String(40))
    claimed_at: datetime | None = None
    lease_until: datetime | None = Field(default=None, description="the claim holds until then")
    created_at: datetime
    sent_at: datetime | None = None


class AuditEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(unique=True, description="1, 2, 3 … with no gap; covered by the MAC")
    at: str = Field(sa_type=sa.String(40), description="ISO 8601 UTC, as hashed")
    actor: str = Field(sa_type=sa.String(200))
    action: str = Field(sa_type=sa.String(80), index=True)
    subject: str = Field(sa_type=sa.String(200), index=True)
    data: str = Field(sa_type=sa.Text, description="canonical JSON, as hashed")
    prev_hash: str = Field(sa_type=sa.String(64), unique=True)
    hash: str = Field(sa_type=sa.String(64), unique=True)
    key_id: str | None = Field(default=None, sa_type=sa.String(16),
                               description="which key signed it; None: unkeyed, before 0005")
    simulated_day: str | None = Field(default=None, sa_type=sa.String(10),
                                      description="the --today the command ran as, if any")


class LetterClaim(SQLModel, table=True):
    """A follow-up run's claim on a reminder's letter, taken before the letter is rendered, so
    two runs at once render it once; removed when the reminder is queued with it. One whose
    lease has run out was left by a run that died: the next run takes it over (and its
    letter) while the reminder is due, or sweeps it (`followup.leftovers`)."""

    key: str = Field(primary_key=True, sa_type=sa.String(500), description="the reminder's")
    signature_id: int = Field(foreign_key="signature.id", index=True)
    holder: str = Field(sa_type=sa.String(64), description="the run that holds it")
    lease_until: datetime
    document_id: int | None = Field(default=None, foreign_key="document.id")
