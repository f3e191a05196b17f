"""The signing provider: the small interface between avtaleflyt and whoever collects signatures.

    SigningProvider        create a job, poll one status change, confirm it, download the
    ├── ManualProvider     signed document, cancel. `remote` tells whether the provider asks
    └── PostenProvider     and reminds the signers itself (Posten signering) or avtaleflyt
                           does it by e-mail and a person records the copies (manual).

The values are plain and typed; statuses are the provider's own words (Posten's), kept as
strings because the service may add new ones ("should be logged for later review and ignored
at runtime", portal.xsd): the job's status decides, and a status nobody knows is recorded in
the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from agreements.documents.pdf import Converts
from agreements.errorcodes import Code, ErrorCode
from agreements.errors import ExternalServiceError, Refused

# Job statuses
IN_PROGRESS, COMPLETED, FAILED = "IN_PROGRESS", "COMPLETED_SUCCESSFULLY", "FAILED"
# Signer statuses that mean something to avtaleflyt; anything else is logged and ignored.
SIGNED, REJECTED, EXPIRED, CANCELLED = "SIGNED", "REJECTED", "EXPIRED", "CANCELLED"
BLOCKED, CONTACT_MISSING = "BLOCKED", "CONTACT_INFORMATION_MISSING"
PROBLEMS = frozenset({BLOCKED, CONTACT_MISSING})
QUIET = frozenset({"WAITING", "RESERVED", "NOT_APPLICABLE", "SIGNERS_NAME_NOT_AVAILABLE"})
KNOWN_SIGNER_STATUSES = frozenset({SIGNED, REJECTED, EXPIRED, CANCELLED, *PROBLEMS, *QUIET})
JOB_STATUSES = frozenset({IN_PROGRESS, COMPLETED, FAILED})


class SigningError(ExternalServiceError):
    """The signing service failed. `maybe_done`: the request may have taken effect anyway
    (a timeout after sending, an unreadable answer), so repeating it may do it twice."""

    def __init__(self, code: ErrorCode, /, *, retryable: bool = False,
                 maybe_done: bool = False, **params: Any) -> None:
        super().__init__(code, retryable=retryable, **params)
        self.maybe_done = maybe_done


class Conflict(SigningError):
    """The job can no longer change that way (it has ended): Posten's HTTP 409, or 404 to a
    cancellation (the job is gone)."""


class TooEarly(SigningError):
    """The queue was polled before the time the service permits; try at `next_permitted`."""

    def __init__(self, code: ErrorCode, /, *, next_permitted: datetime,
                 **params: Any) -> None:
        super().__init__(code, retryable=True, **params)
        self.next_permitted = next_permitted


@dataclass(frozen=True)
class JobRequest:
    """One document for signers in order: what a provider needs to create a signature job."""

    reference: str  # the agreement number: shown in e-mails, so no personal data
    title: str
    description: str
    sender_orgnr: str
    polling_queue: str
    signers: tuple[str, ...]  # e-mail addresses, in signing order
    deadline: date
    pdf: bytes
    pdf_name: str


@dataclass(frozen=True)
class CreatedJob:
    job_id: int
    cancellation_url: str | None


@dataclass(frozen=True)
class SignerStatus:
    signer: str  # e-mail address (or what the service identifies the signer by)
    status: str
    since: datetime | None
    xades_url: str | None = None  # the signer's own signature (XAdES), once signed

    @property
    def known(self) -> bool:
        """False for a status this code does not know: log it, do not fail."""
        return self.status in KNOWN_SIGNER_STATUSES


@dataclass(frozen=True)
class StatusChange:
    """One status change of a job, as the service delivers it (the whole job's state)."""

    job_id: int
    reference: str | None
    status: str
    confirmation_url: str
    cancellation_url: str | None
    document_url: str | None  # the signed document (PAdES), once somebody has signed
    signers: tuple[SignerStatus, ...]

    @property
    def known(self) -> bool:
        return self.status in JOB_STATUSES

    def signer(self, email: str) -> SignerStatus | None:
        wanted = email.casefold()
        return next((s for s in self.signers if s.signer.casefold() == wanted), None)


@dataclass(frozen=True)
class Poll:
    """One poll: a change (None when the queue is empty) and when the next poll is permitted."""

    change: StatusChange | None
    next_permitted: datetime


class SigningProvider(Protocol):
    name: str
    remote: bool  # the provider asks, reminds and collects by itself; avtaleflyt polls it

    def create_job(self, job: JobRequest) -> CreatedJob: ...

    def poll(self, sender_orgnr: str, polling_queue: str) -> Poll: ...

    def confirm(self, change: StatusChange) -> None: ...

    def download(self, change: StatusChange) -> bytes: ...

    def download_xades(self, signer: SignerStatus) -> bytes: ...

    def cancel(self, cancellation_url: str) -> None: ...


class Signs(Converts, Protocol):
    """A unit of work that has agreements signed: the signing providers (the configured one
    by default), and the document store and converter for what signing completes."""

    def signing_provider(self, name: str | None = None) -> SigningProvider: ...


class ManualProvider:
    """Signers get the PDF by e-mail and a person records each signed copy: no remote jobs."""

    name = "manual"
    remote = False

    def _none(self) -> Refused:
        return Refused(Code.MANUAL_HAS_NO_JOBS)

    def create_job(self, job: JobRequest) -> CreatedJob:
        raise self._none()

    def poll(self, sender_orgnr: str, polling_queue: str) -> Poll:
        raise self._none()

    def confirm(self, change: StatusChange) -> None:
        raise self._none()

    def download(self, change: StatusChange) -> bytes:
        raise self._none()

    def download_xades(self, signer: SignerStatus) -> bytes:
        raise self._none()

    def cancel(self, cancellation_url: str) -> None:
        raise self._none()
