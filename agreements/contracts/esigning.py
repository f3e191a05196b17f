"""An agreement's signature job at a remote provider (Posten signering) once it exists: which
job an agreement has, whether it is in the service, cancelling and closing it. Creating it
is part of starting signing (`sending`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session, select

from agreements.core.enums import SigningJobStatus
from agreements.core.models import SigningJob
from agreements.signing.provider import Conflict

if TYPE_CHECKING:
    from agreements.signing.provider import Signs


def queue_name(sender_orgnr: str) -> str:
    """One polling queue per organiser (the sender of its agreements' jobs)."""
    return f"avtaleflyt-{sender_orgnr}"


def job_of(session: Session, agreement_id: int) -> SigningJob | None:
    return session.exec(select(SigningJob).where(SigningJob.agreement_id == agreement_id)).first()


def in_service(session: Session, agreement_id: int) -> bool:
    """The agreement is out for signing in a signing service (a job not cancelled): its
    signatures then come from the service, never by hand or from an upload."""
    job = job_of(session, agreement_id)
    return job is not None and job.status != SigningJobStatus.CANCELLED


def cancel(work: Signs, agreement_id: int, reason: str) -> None:
    """Cancel the agreement's job at its provider (before it is withdrawn or lapses here).

    The reason is stored first: after a crash, the CANCELLED status change that Posten then
    delivers ends the agreement with it. A job the provider says is over already (404, 409:
    it failed, expired or completed there) cannot be cancelled and needs not be: it is marked
    over, and the agreement ends here all the same (a change it reports later finds the
    agreement ended and is confirmed)."""
    with work.transaction() as session:
        row = job_of(session, agreement_id)
        if row is None or row.status != SigningJobStatus.ACTIVE or not row.cancellation_url:
            return
        row.cancel_reason, url, name = reason, row.cancellation_url, row.provider
    try:
        work.signing_provider(name).cancel(url)
    except Conflict as exc:  # 404 or 409: the job is over there; the agreement ends here
        with work.transaction() as session:
            row = job_of(session, agreement_id)
            if row is not None and row.status == SigningJobStatus.ACTIVE:
                row.status, row.last_error = SigningJobStatus.FAILED, str(exc)


def close(session: Session, agreement_id: int, status: SigningJobStatus) -> None:
    """The agreement ended here: its job (if any) is over too."""
    row = job_of(session, agreement_id)
    if row is not None and row.status in (SigningJobStatus.CREATING, SigningJobStatus.ACTIVE):
        row.status = status
