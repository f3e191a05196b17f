"""Recording the status changes of a batch of jobs, in one transaction under their agreements'
locks (`record_all`), each change with its audit events.

The job's status decides, as portal.xsd asks ("use the portal-signature-job-status element for
the status of the entire job"):
- IN_PROGRESS: signers now SIGNED are recorded as signed, each with their verified XAdES
  (`evidence`); COMPLETED_SUCCESSFULLY: the same, then the verified signed PDF is stored with
  its check and the agreement completed with the certificate rendered beforehand;
- FAILED: why, from the signers: REJECTED → declined; EXPIRED → lapsed, recorded as expired in
  Posten signering; CANCELLED → withdrawn; BLOCKED, CONTACT_INFORMATION_MISSING or a status
  nobody knows → the agreement needs the organiser's coordinator (`SigningJob.attention`,
  audited, e-mailed), who withdraws it;
- a job status nobody knows: the same attention.
Every status not understood is in the audit log (`signing.not_understood`). A signed document
or XAdES that fails its check is not recorded: the coordinator is told, the job needs
attention, and the change comes back unconfirmed. What is recorded already is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlmodel import Session

from agreements.contracts import checks, completion, ending, held, identities
from agreements.contracts.attention import attention, refused
from agreements.contracts.drafts import number_of
from agreements.contracts.evidence import Evidence, refusals
from agreements.contracts.parties import Parties, parties_of, remembering
from agreements.core import audit
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import SignatureStatus as S
from agreements.core.enums import SigningJobStatus as J
from agreements.core.lifecycle import AGREEMENT, SIGNABLE, SIGNATURE
from agreements.core.models import Agreement, Contact, Signature, SigningJob
from agreements.documents import store
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError
from agreements.reference import deadlines
from agreements.signing import provider as pv

if TYPE_CHECKING:
    from agreements.core.ports import Work
    from agreements.documents.pdf import Converts

Done = tuple[list[str], str, bool]  # mail keys, what was done, confirm the change


@dataclass
class Signed:
    """The provider's signed PDF, its check, and the certificate rendered for it."""

    data: bytes
    check: checks.Checked
    problems: list[str]
    certificate: completion.Certificate | None = None

    @property
    def sha256(self) -> str:
        return store.sha256(self.data)


# one job's change to record: its row id, agreement id, the change, the signed PDF, the XAdES
Item = tuple[int, int, pv.StatusChange, Signed | None, dict[int, Evidence] | None]


def record_all(work: Converts, items: Sequence[Item]) -> list[Done]:
    """Record each job's change in one transaction: every agreement locked first, in one
    order (no deadlock between two runs), each change's statuses with their audit events.
    What each came to, in order; a change that cannot be recorded is rolled back alone (its
    savepoint) and comes back unconfirmed, the others are recorded."""
    with work.transaction() as session, remembering(session):
        people = held.batch(session, [item[0] for item in items], [item[1] for item in items],
                            for_update=True)
        done = [_record_alone(work, session, item, people[item[1]]) for item in items]
        signed = [a.participation_id for a in (session.get(Agreement, i[1]) for i in items)
                  if a is not None and a.status in (A.SIGNED, A.ACTIVE)]
        if signed:
            deadlines.refresh(session, signed)  # items due after signing, once for the batch
        return done


def _record_alone(work: Converts, session: Session, item: Item, people: held.People) -> Done:
    try:
        with audit.savepoint(session):
            return _record(work, session, *item, people)
    except AvtaleflytError as exc:
        return [], f"not recorded: {exc}", False


def _record(work: Converts, session: Session, row_id: int, agreement_id: int,
            change: pv.StatusChange, signed: Signed | None,
            evidence: dict[int, Evidence] | None, people: held.People) -> Done:
    """Record `change` of the job `row_id`: (mail keys, what was done, confirm it);
    `people`: the agreement's signatures in signing order, with whom each asks."""
    row = session.get(SigningJob, row_id)
    agreement = session.get(Agreement, agreement_id)
    assert row is not None and agreement is not None and row.agreement_id == agreement_id
    row.remote_status, row.updated_at = change.status, work.clock.now()
    _not_understood(work, session, row, change)
    if agreement.status not in SIGNABLE:
        return [], f"agreement #{agreement.id} is {agreement.status}: nothing to record", True
    p = parties_of(session, agreement.participation_id)
    found = remembered_now(session, evidence or {}, people)
    if refusals(found):
        sha = next(iter(found.values())).sha256
        keys = refused(work, session, row, p, agreement, sha, refusals(found))
        return keys, "signer's XAdES refused: " + "; ".join(refusals(found)), False
    states = {sig.id: change.signer(c.email) for sig, c in people if c is not None}
    newly = _signed(work, session, change, [sig for sig, _ in people], states, found, p,
                    agreement)
    if newly and agreement.status == A.SENT:
        AGREEMENT.advance(agreement, A.PARTIALLY_SIGNED, agreement=agreement.id)
    later = [s for s, _ in people if s.status == S.PENDING]
    if newly and later and later[0].asked_at is None:
        later[0].asked_at = max(s.signed_at for s in newly if s.signed_at)
    if change.status == pv.COMPLETED:
        return _complete(work, session, row, p, agreement, signed, [s for s, _ in people])
    if change.status == pv.FAILED:
        return _failed(work, session, row, p, agreement, people, states)
    if not change.known:
        return attention(work, session, row, p, agreement,
                         f"NOT_UNDERSTOOD: job status {change.status}"), \
            f"job status {change.status} not understood: coordinator told", True
    return [], f"signed by {len(newly)} more" if newly else "nothing new", True


def remembered_now(session: Session, found: dict[int, Evidence], people: held.People
                   ) -> dict[int, Evidence]:
    """Each accepted XAdES judged again against the certificate its contact signed with last
    as recorded now: the batch was judged while the ones before it were still being recorded
    (`draining`), so a certificate first used in those was not yet remembered then."""
    contacts = {sig.id: c for sig, c in people if c is not None}
    again = dict(found)
    for sig_id, e in found.items():
        contact = contacts.get(sig_id)
        last = identities.last_check(session, contact) if e.check and contact else None
        key = identities.certificate_key
        if e.check and last and key(last) != key(e.check):
            again[sig_id] = replace(e, check=None, problems=[
                Code.SIGNATURE_OTHER_CERTIFICATE.name])
    return again


def _not_understood(work: Work, session: Session, row: SigningJob,
                    change: pv.StatusChange) -> None:
    """Every status nobody here knows goes into the audit log, for later review."""
    unknown = [(s.signer, s.status) for s in change.signers if not s.known]
    if unknown or not change.known:
        audit.record(session, actor=work.actor, action="signing.not_understood",
                     subject=f"agreement:{row.agreement_id}",
                     data={"job": change.job_id, "job_status": change.status,
                           "signers": [f"{who}: {status}" for who, status in unknown]})


def _failed(work: Work, session: Session, row: SigningJob, p: Parties, agreement: Agreement,
            people: list[tuple[Signature, Contact | None]],
            states: dict[int | None, pv.SignerStatus | None]) -> Done:
    """Why the job failed, from its signers; what nobody knows needs the coordinator."""
    reported = [(sig, c, states.get(sig.id)) for sig, c in people if c is not None]
    for sig, contact, found in reported:
        if found is not None and found.status == pv.REJECTED:
            row.status = J.FAILED
            return (ending.end(work, session, agreement, A.DECLINED,
                               "avslått i Posten signering", sig),
                    f"declined by {contact.email}", True)
    for _, _, found in reported:
        if found is not None and found.status == pv.EXPIRED:
            row.status = J.FAILED
            return (ending.lapsed(work, session, agreement, found.since or work.clock.now()),
                    "expired in Posten signering: lapsed", True)
    for _, _, found in reported:
        if found is not None and found.status == pv.CANCELLED:
            row.status = J.CANCELLED
            reason = row.cancel_reason or "avbrutt i Posten signering"
            return (ending.end(work, session, agreement, A.WITHDRAWN, reason),
                    "cancelled: withdrawn", True)
    problem = next(((c, s) for _, c, s in reported if s is not None and s.status in pv.PROBLEMS),
                   None)
    if problem is not None:
        contact, found = problem
        keys = attention(work, session, row, p, agreement, f"{found.status}: {contact.name}")
        return keys, f"{found.status} for {contact.email}: coordinator told", True
    statuses = ", ".join(f"{c.name} {s.status}" for _, c, s in reported if s is not None)
    keys = attention(work, session, row, p, agreement, f"NOT_UNDERSTOOD: FAILED ({statuses})")
    return keys, "failed for a reason not understood: coordinator told", True


def _signed(work: Converts, session: Session, change: pv.StatusChange, sigs: list[Signature],
            states: dict[int | None, pv.SignerStatus | None], evidence: dict[int, Evidence],
            p: Parties, agreement: Agreement) -> list[Signature]:
    newly = []
    for sig in sigs:
        found = states.get(sig.id)
        if found is None or found.status != pv.SIGNED or sig.status != S.PENDING:
            continue
        SIGNATURE.advance(sig, S.SIGNED)
        sig.signed_at = found.since or work.clock.now()
        newly.append(sig)
        proof = evidence.get(sig.id or 0)
        if proof is not None and proof.check is not None:
            doc = work.documents.put(
                session, kind="xades", folder="signed", data=proof.data,
                name=f"{number_of(p, agreement)}-xades-{sig.position}.xml")
            session.add(proof.check.row(work, doc.id or 0, sig.agreement_id, sig.id))
        audit.record(session, actor=work.actor, action="agreement.signed_by",
                     subject=f"agreement:{sig.agreement_id}",
                     data={"signer": found.signer, "position": sig.position,
                           "at": sig.signed_at.isoformat(), "job": change.job_id,
                           "xades_sha256": proof.sha256 if proof else None,
                           "certificate": proof.check.signer_name
                           if proof and proof.check else None})
    return newly


def _complete(work: Converts, session: Session, row: SigningJob, p: Parties,
              agreement: Agreement, signed: Signed | None, sigs: list[Signature]) -> Done:
    if signed is not None and not signed.check.valid:
        keys = refused(work, session, row, p, agreement, signed.sha256, signed.problems)
        return keys, "signed document refused: " + "; ".join(signed.problems), False
    if signed is None or signed.certificate is None:
        return [], "completed, but the signed document is not fetched yet", False
    number = number_of(p, agreement)
    doc = work.documents.put(session, kind="signed_copy", folder="signed",
                             name=f"{number}-signert.pdf", data=signed.data)
    session.add(signed.check.row(work, doc.id or 0, agreement.id or 0))
    for sig in sigs:
        sig.document_id = doc.id
    audit.record(session, actor=work.actor, action="agreement.signed_document",
                 subject=f"agreement:{agreement.id}",
                 data={"sha256": doc.sha256, "job": row.job_id,
                       "check": checks.summary(signed.check)})
    moment = max(s.signed_at for s in sigs if s.signed_at)
    row.status, row.attention = J.COMPLETED, None
    keys = completion.complete(work, session, agreement, p, moment, signed.certificate,
                               deadlines=False)
    return keys, "signed by all: signed PDF verified, certificate issued", True
