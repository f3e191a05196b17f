"""When a signing job stops without ending its agreement, or a signed document or XAdES from
the provider fails its check: the job needs the organiser's coordinator (`SigningJob.attention`,
audited), who is e-mailed once per reason (or once per refused document)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements import links, messages
from agreements.contracts.drafts import number_of
from agreements.contracts.parties import Parties, coordinators
from agreements.core import audit
from agreements.core.enums import SigningJobStatus as J
from agreements.core.models import Agreement, Contact, SigningJob
from agreements.outbox import queue
from agreements.signing import provider as pv
from agreements.signing import wording

if TYPE_CHECKING:
    from agreements.core.ports import Work


def _tell(work: Work, session: Session, key: str, p: Parties,
          text: Callable[[Contact], tuple[str, str]]) -> list[str]:
    """E-mail the organiser's coordinators, once per key."""
    keys = []
    for to in coordinators(session, p.organiser):
        if queue.mail_to(work, session, f"{key}:{to.email}", to, text(to)):
            keys.append(f"{key}:{to.email}")
    return keys


def _flag(work: Work, session: Session, row: SigningJob, agreement: Agreement, why: str) -> bool:
    """Mark the job as needing the coordinator (audited); False when it already did."""
    if row.attention == why:
        return False
    row.attention = why
    audit.record(session, actor=work.actor, action="signing.attention",
                 subject=f"agreement:{agreement.id}", data={"job": row.job_id, "why": why})
    return True


def attention(work: Work, session: Session, row: SigningJob, p: Parties, agreement: Agreement,
               why: str) -> list[str]:
    """The job stopped without ending the agreement: the organiser's coordinator must act
    (withdraw it, and send a new one). Audited, and e-mailed once per reason."""
    row.status = J.FAILED
    if not _flag(work, session, row, agreement, why):
        return []
    kind, _, detail = why.partition(":")
    known = kind in pv.PROBLEMS
    return _tell(work, session, f"signing:job:{row.id}:{kind.lower()}", p,
                 lambda to: messages.signing_problem(
                     navn=to.name, nummer=number_of(p, agreement),
                     signatar=detail.strip() if known else "en signatar",
                     status=kind if known else wording.attention(why),
                     lenke=links.agreement(work.settings, agreement.id or 0)))


def refused(work: Work, session: Session, row: SigningJob, p: Parties, agreement: Agreement,
             sha256: str, problems: list[str]) -> list[str]:
    """A signed document or XAdES failed its check: not recorded; the coordinator is told
    once per document, and the job needs attention until the agreement is withdrawn."""
    _flag(work, session, row, agreement, f"REFUSED: {', '.join(problems)}")
    keys = _tell(work, session, f"signing:job:{row.id}:refused:{sha256[:16]}", p,
                 lambda to: messages.signed_document_refused(
                     navn=to.name, nummer=number_of(p, agreement),
                     problemer=wording.refused(problems)))
    if keys:  # once per refused document, not at every re-delivery
        audit.record(session, actor=work.actor, action="signing.document_refused",
                     subject=f"agreement:{agreement.id}",
                     data={"sha256": sha256, "problems": problems})
    return keys
