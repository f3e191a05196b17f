"""Status and kind values. Stored as plain strings so the schema needs no database enums."""

from enum import StrEnum


class Role(StrEnum):
    KILDE = "kilde"
    KONSUMENT = "konsument"


class Kind(StrEnum):
    KOMMUNE = "kommune"
    AVTALESPESIALIST = "avtalespesialist"
    HELSEFORETAK = "helseforetak"
    PRIVAT = "privat"
    ORGANISATOR = "organisator"
    TJENESTELEVERANDOR = "tjenesteleverandør"


class ContactRole(StrEnum):
    SIGNATORY = "signatory"
    COORDINATOR = "coordinator"
    PRIVACY = "privacy"
    IT = "it"


class AgreementKind(StrEnum):
    AGREEMENT = "agreement"  # the joining agreement
    ANNEX = "annex"  # Vedlegg 1: the document types, signed after the forhåndsvurdering


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    PARTIALLY_SIGNED = "partially_signed"
    SIGNED = "signed"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"
    SUPERSEDED = "superseded"


class SignatureStatus(StrEnum):
    PENDING = "pending"
    SIGNED = "signed"
    DECLINED = "declined"
    LAPSED = "lapsed"


class OrderStatus(StrEnum):
    PREPARED = "prepared"
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class TermsStatus(StrEnum):
    AWAITING_LINK = "awaiting_link"
    LINK_RECEIVED = "link_received"
    SIGNED = "signed"


class ItemStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    WAIVED = "waived"


class ReviewStatus(StrEnum):
    ACCEPTED = "accepted"
    SENT_BACK = "sent_back"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class Phase(StrEnum):
    PREPARING = "preparing"
    AWAITING_SIGNATURES = "awaiting signatures"
    AWAITING_NHN = "awaiting NHN"
    READY = "ready"
    LIVE = "live"
    EXPIRED = "agreement expired"  # was live; its agreement expired and none is in force
    TERMINATED = "agreement terminated"  # was live; its agreement was terminated


class SigningJobStatus(StrEnum):
    CREATING = "creating"  # the row exists; the provider may or may not have the job yet
    ACTIVE = "active"
    COMPLETED = "completed"
    FAILED = "failed"  # rejected, expired, blocked
    CANCELLED = "cancelled"
