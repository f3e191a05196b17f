"""Applying the status changes a signing provider reports, a batch at a time.

A change carries the whole job's state, so applying it twice records nothing twice:
1. which job each change is about (one short transaction each): ours by job id; one whose
   creation answer was lost, adopted by its reference (`creating`); a second job for one of our
   agreements, or a job of an agreement that ended here (cancelled at the provider); or unknown;
2. with no transaction open: fetch and check the XAdES of each signer who signed (`evidence`),
   download and verify the signed PDF of each job that completed, and render the certificates
   of those that verified, in one converter run;
3. one transaction per job, under the agreement's lock, that records what changed (`record`);
4. the caller confirms a change only after that, so a crash anywhere means it comes back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from agreements.contracts import checks, completion, creating, evidence, record
from agreements.contracts.parties import parties_of
from agreements.contracts.starting import signatures
from agreements.core.enums import SigningJobStatus as J
from agreements.core.lifecycle import SIGNABLE
from agreements.core.models import Agreement, Contact, Document, SignatureCheck, SigningJob
from agreements.errors import AvtaleflytError
from agreements.signing.provider import (
    COMPLETED,
    IN_PROGRESS,
    CreatedJob,
    SigningError,
    SigningProvider,
    StatusChange,
)

if TYPE_CHECKING:
    from agreements.core.ports import Stores, Work
    from agreements.documents.pdf import Converts

log = logging.getLogger(__name__)


@dataclass
class Applied:
    """What became of one change; `confirm` is False when it must come back (not recorded)."""

    change: StatusChange
    outcome: str = ""
    confirm: bool = True
    keys: list[str] = field(default_factory=list)
    row_id: int | None = None
    agreement_id: int | None = None
    signed: record.Signed | None = None
    evidence: dict[int, evidence.Evidence] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return {"job": self.change.job_id, "reference": self.change.reference,
                "status": self.change.status, "agreement": self.agreement_id,
                "outcome": self.outcome}


def apply(work: Converts, provider: SigningProvider, sender_orgnr: str,
          changes: list[StatusChange]) -> list[Applied]:
    """Record a batch of changes of one queue; returns them in order, saying what was done."""
    applied = [Applied(c) for c in changes]
    newest = {a.change.job_id: a for a in applied}  # the latest state of each job counts
    for a in applied:
        if newest[a.change.job_id] is not a:
            a.outcome = "superseded by a later change of the same job"
            continue
        _identify(work, provider, sender_orgnr, a)
    mine = [a for a in newest.values() if a.row_id is not None and not a.outcome]
    for a in mine:
        if a.change.status in (IN_PROGRESS, COMPLETED):
            _gather(work, provider, a)
        if a.change.status == COMPLETED and a.confirm:
            _fetch(work, provider, a)
    _certificates(work, [a for a in mine if a.signed and a.signed.check.valid])
    for a in mine:
        if a.confirm:
            a.keys, a.outcome, a.confirm = record.record(work, a.row_id or 0, a.change, a.signed,
                                                         a.evidence)
    for a in applied:  # Posten confirms per job: an earlier change only with the latest
        a.confirm = newest[a.change.job_id].confirm
    return applied


def _identify(work: Work, provider: SigningProvider, sender_orgnr: str, a: Applied) -> None:
    change = a.change
    with work.transaction() as session:
        row = session.exec(select(SigningJob).where(SigningJob.provider == provider.name,
                                                    SigningJob.job_id == change.job_id)).first()
        if row is None:
            row = _ours_by_reference(session, provider.name, sender_orgnr, change.reference)
            if row is not None and row.status == J.CREATING and row.job_id is None:
                creating.record_created(work, session, row, CreatedJob(change.job_id,
                                                                      change.cancellation_url))
                log.warning("adopted job %s of agreement #%s from its status change",
                            change.job_id, row.agreement_id)
            elif row is not None:
                a.agreement_id = row.agreement_id
                _orphan(provider, a)
                return
        if row is None:
            # Not ours: made in Posten's web portal, or by another system on this queue. It is
            # confirmed anyway: unconfirmed it would come back every ten minutes for ever and
            # avtaleflyt would do nothing else with it; the log keeps it for review.
            log.warning("status change for unknown job %s (reference %r, %s) confirmed and "
                        "ignored", change.job_id, change.reference, change.status)
            a.outcome = "unknown job: confirmed and ignored"
            return
        a.row_id, a.agreement_id = row.id, row.agreement_id


def _ours_by_reference(session: Session, provider: str, sender_orgnr: str,
                       reference: str | None) -> SigningJob | None:
    if not reference:
        return None
    return session.exec(select(SigningJob).where(
        SigningJob.provider == provider, SigningJob.sender_orgnr == sender_orgnr,
        SigningJob.reference == reference).order_by(col(SigningJob.id).desc())).first()


def _orphan(provider: SigningProvider, a: Applied) -> None:
    """A job for one of our agreements that is not the one we keep: cancel it if it runs."""
    change = a.change
    if change.status == IN_PROGRESS and change.cancellation_url:
        try:
            provider.cancel(change.cancellation_url)
        except SigningError as exc:
            a.outcome, a.confirm = f"second job for agreement #{a.agreement_id}: {exc}", False
            return
    log.warning("job %s is a second job for agreement #%s: cancelled", change.job_id,
                a.agreement_id)
    a.outcome = f"second job for agreement #{a.agreement_id}: cancelled"


def _gather(work: Stores, provider: SigningProvider, a: Applied) -> None:
    """Fetch and check the XAdES of each signer who signed and is not recorded yet."""
    try:
        a.evidence = evidence.gather(work, provider, a.agreement_id or 0, a.change)
    except AvtaleflytError as exc:
        a.outcome, a.confirm = f"a signer's XAdES not fetched: {exc}", False


def _fetch(work: Work, provider: SigningProvider, a: Applied) -> None:
    """Download and verify the signed PDF of a job that completed (unless already recorded)."""
    with work.transaction() as session:
        row = session.get(SigningJob, a.row_id)
        agreement = session.get(Agreement, a.agreement_id)
        assert row is not None and agreement is not None
        if row.status != J.ACTIVE or agreement.status not in SIGNABLE:
            return  # recorded already (or ended here): nothing to fetch
        sent = session.get(Document, agreement.pdf_id) if agreement.pdf_id else None
    try:
        data = provider.download(a.change)
        check, problems = checks.check_pades(work, data, number=row.reference,
                                             sent_sha256=sent.sha256 if sent else None)
    except AvtaleflytError as exc:
        a.outcome, a.confirm = f"signed document not fetched: {exc}", False
        return
    a.signed = record.Signed(data, check, problems)


def _certificates(work: Converts, done: list[Applied]) -> None:
    """Plan and render the certificates of the jobs that completed and verified; each
    signature shows its signer's XAdES check (with the XAdES's SHA-256) where there is one."""
    contexts = []
    with work.transaction() as session:
        for a in done:
            assert a.signed is not None
            agreement = session.get(Agreement, a.agreement_id)
            assert agreement is not None
            now = {}
            for sig in signatures(session, agreement.id or 0):
                contact = session.get(Contact, sig.contact_id)
                found = a.change.signer(contact.email) if contact else None
                moment = sig.signed_at or (found.since if found else None)
                if moment is None or sig.document_id is not None:
                    continue
                proof = a.evidence.get(sig.id or 0)
                check, sha = (proof.check, proof.sha256) if proof and proof.check else \
                    _recorded_xades(session, sig.id or 0)
                now[sig.id or 0] = completion.NewSignature(
                    moment, a.signed.sha256, check or a.signed.check, evidence=sha)
            contexts.append(completion.plan(work, session, agreement,
                                            parties_of(session, agreement.participation_id),
                                            now))
    for a, certificate in zip(done, completion.render_all(work, contexts), strict=True):
        assert a.signed is not None
        a.signed.certificate = certificate


def _recorded_xades(session: Session, signature_id: int
                    ) -> tuple[checks.Checked | None, str | None]:
    """The XAdES check recorded with a signature earlier, and the XAdES's SHA-256."""
    found = session.exec(select(SignatureCheck, Document).join(
        Document, col(Document.id) == SignatureCheck.document_id).where(
        SignatureCheck.signature_id == signature_id, SignatureCheck.method == "xades")).first()
    if found is None:
        return None, None
    check, doc = found
    return checks.from_row(check), doc.sha256
