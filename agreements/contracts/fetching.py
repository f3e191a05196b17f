"""What a batch of status changes needs from the signing service, fetched with no transaction
open and checked before anything is recorded: each signer's XAdES (`evidence`), and the signed
PDF (PAdES) of each job that completed.

One transaction reads what every change of the batch needs. The downloads then run up to
`IN_FLIGHT` at once (the time per change is our own work, not the round trip's), and each
document is verified once, by itself: every XAdES against the PDF that was sent, every PAdES
against the trust roots and the agreement number. A download that fails, or a check that
cannot run, leaves that change unrecorded (it comes back); the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from agreements.contracts import checks, evidence
from agreements.contracts.record import Signed
from agreements.core.enums import SigningJobStatus as J
from agreements.core.lifecycle import SIGNABLE
from agreements.core.models import Agreement, Document, SigningJob
from agreements.errors import AvtaleflytError
from agreements.signing.provider import COMPLETED, IN_PROGRESS, SigningProvider, StatusChange

if TYPE_CHECKING:
    from sqlmodel import Session

    from agreements.core.ports import Stores

IN_FLIGHT = 4  # requests waiting for the provider's answer at once
T = TypeVar("T")


@dataclass(frozen=True)
class Job:
    """One change to fetch for: its job row, agreement and the change."""

    row_id: int
    agreement_id: int
    change: StatusChange


@dataclass
class Fetched:
    """What was fetched and checked for one change; `failure` says why it must come back."""

    evidence: dict[int, evidence.Evidence] = field(default_factory=dict)
    signed: Signed | None = None
    failure: str | None = None


@dataclass(frozen=True)
class _Plan:
    xades: evidence.Wanted | None
    pades: tuple[str, str | None] | None  # the job's reference and the sent PDF's SHA-256


def fetch_all(work: Stores, provider: SigningProvider, jobs: list[Job]) -> list[Fetched]:
    """Fetch and check what each change of `jobs` needs (module docstring), in order."""
    with work.transaction() as session:
        plans = [_plan(session, job) for job in jobs]
    sent: dict[int, bytes] = {}  # the PDFs that were sent, each read once
    calls: list[tuple[int, int | None, Callable[[], bytes]]] = []  # job, signature, call
    for index, (job, plan) in enumerate(zip(jobs, plans, strict=True)):
        for one in plan.xades.asked if plan.xades else ():
            calls.append((index, one.signature_id, _xades(provider, one)))
        if plan.pades is not None:
            calls.append((index, None, _pades(provider, job.change)))
    answers = in_flight([call for _, _, call in calls])
    got: list[dict[int | None, bytes | AvtaleflytError]] = [{} for _ in jobs]
    for (index, signature, _), answer in zip(calls, answers, strict=True):
        got[index][signature] = answer
    return [_check(work, plan, sent, answers) for plan, answers in zip(plans, got, strict=True)]


def _plan(session: Session, job: Job) -> _Plan:
    """What the change needs: signers' XAdES, and (completed, not recorded yet) the PAdES."""
    status = job.change.status
    xades = (evidence.wanted(session, job.agreement_id, job.change)
             if status in (IN_PROGRESS, COMPLETED) else None)
    if status != COMPLETED:
        return _Plan(xades, None)
    row = session.get(SigningJob, job.row_id)
    agreement = session.get(Agreement, job.agreement_id)
    assert row is not None and agreement is not None
    if row.status != J.ACTIVE or agreement.status not in SIGNABLE:
        return _Plan(xades, None)  # recorded already (or ended here): nothing to fetch
    sent = session.get(Document, agreement.pdf_id) if agreement.pdf_id else None
    return _Plan(xades, (row.reference or "", sent.sha256 if sent else None))


def _xades(provider: SigningProvider, one: evidence.Asked) -> Callable[[], bytes]:
    return lambda: provider.download_xades(one.status)


def _pades(provider: SigningProvider, change: StatusChange) -> Callable[[], bytes]:
    return lambda: provider.download(change)


def in_flight(calls: Sequence[Callable[[], T]]) -> list[T | AvtaleflytError]:
    """Each call's answer or its error, in order; up to `IN_FLIGHT` at once. Anything else it
    raises (a crash) is raised here, once those in flight have answered."""
    def one(call: Callable[[], T]) -> T | AvtaleflytError:
        try:
            return call()
        except AvtaleflytError as exc:
            return exc
    if len(calls) < 2:
        return [one(call) for call in calls]
    with ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="signing-fetch") as pool:
        return list(pool.map(one, calls))


def _check(work: Stores, plan: _Plan, sent: dict[int, bytes],
           answers: dict[int | None, bytes | AvtaleflytError]) -> Fetched:
    """Check what was fetched for one change: its signers' XAdES, then its PAdES."""
    out = Fetched()
    if plan.xades is not None:
        try:
            fetched = {}
            for signature, answer in answers.items():
                if isinstance(answer, AvtaleflytError) and signature is not None:
                    raise answer
                if isinstance(answer, bytes) and signature is not None:
                    fetched[signature] = answer
            doc = plan.xades.sent
            pdf = sent[doc.id or 0] if doc.id in sent else work.documents.read(doc)
            sent[doc.id or 0] = pdf
            out.evidence = evidence.check(work, plan.xades, pdf, fetched)
        except AvtaleflytError as exc:
            out.failure = f"a signer's XAdES not fetched: {exc}"
            return out
    if plan.pades is not None:
        reference, sent_sha256 = plan.pades
        data = answers[None]
        try:
            if isinstance(data, AvtaleflytError):
                raise data
            check, problems = checks.check_pades(work, data, number=reference,
                                                 sent_sha256=sent_sha256)
        except AvtaleflytError as exc:
            out.failure = f"signed document not fetched: {exc}"
            return out
        out.signed = Signed(data, check, problems)
    return out
