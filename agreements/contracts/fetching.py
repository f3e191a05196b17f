"""What a batch of status changes needs from the signing service, fetched with no transaction
open and checked before anything is recorded: each signer's XAdES (`evidence`), and the signed
PDF (PAdES) of each job that completed.

One transaction reads what every change of the batch needs. The downloads then run up to
`IN_FLIGHT` at once (the time per change is our own work, not the round trip's), and each
document is verified once, whole: every XAdES over the PDF that was sent, every PAdES against
the trust roots and the agreement number, all of the batch's at once (in worker processes
during a poll: `signing.parallel`). A download that fails, or a check that
cannot run, leaves that change unrecorded (it comes back); the others go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from agreements.contracts import checks, evidence, held
from agreements.contracts.record import Signed
from agreements.contracts.timing import stage
from agreements.core.db import preload
from agreements.core.enums import SigningJobStatus as J
from agreements.core.lifecycle import SIGNABLE
from agreements.core.models import Agreement, Document, SignatureCheck, SigningJob
from agreements.errors import AvtaleflytError
from agreements.signing import parallel
from agreements.signing.provider import COMPLETED, IN_PROGRESS, SigningProvider, StatusChange

if TYPE_CHECKING:
    from sqlmodel import Session

    from agreements.core.ports import Stores

IN_FLIGHT = 4  # requests waiting for the provider's answer at once
T = TypeVar("T")
Task = parallel.Pades | parallel.Xades


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
    return fetch_started(work, provider, jobs)()


def fetch_started(work: Stores, provider: SigningProvider,
                  jobs: list[Job]) -> Callable[[], list[Fetched]]:
    """Fetch what `jobs` need and start checking it (in the worker processes, meanwhile);
    what is returned waits for the checks and judges them (`fetch_all`'s answer)."""
    with stage("read"), work.reading() as session:
        people = held.batch(session, [j.row_id for j in jobs], [j.agreement_id for j in jobs])
        preload(session, Document, [a.pdf_id for a in (session.get(Agreement, j.agreement_id)
                                                         for j in jobs) if a and a.pdf_id])
        lasts: dict[int, SignatureCheck | None] = {}  # each contact's, read once a batch
        plans = [_plan(session, job, people[job.agreement_id], lasts) for job in jobs]
    calls: list[tuple[int, int | None, Callable[[], bytes]]] = []  # job, signature, call
    for index, (job, plan) in enumerate(zip(jobs, plans, strict=True)):
        for one in plan.xades.asked if plan.xades else ():
            calls.append((index, one.signature_id, _xades(provider, one)))
        if plan.pades is not None:
            calls.append((index, None, _pades(provider, job.change)))
    with stage("download"):
        answers = in_flight([call for _, _, call in calls])
    got: list[dict[int | None, bytes | AvtaleflytError]] = [{} for _ in jobs]
    for (index, signature, _), answer in zip(calls, answers, strict=True):
        got[index][signature] = answer
    return _checking(work, plans, got)


def _plan(session: Session, job: Job, people: held.People,
          lasts: dict[int, SignatureCheck | None]) -> _Plan:
    """What the change needs: signers' XAdES, and (completed, not recorded yet) the PAdES."""
    status = job.change.status
    xades = (evidence.wanted(session, job.agreement_id, job.change, people, lasts)
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
    raises (a crash) is raised here: the calls not yet started are cancelled, those in flight
    answer first."""
    def one(call: Callable[[], T]) -> T | AvtaleflytError:
        try:
            return call()
        except AvtaleflytError as exc:
            return exc
    if len(calls) < 2:
        return [one(call) for call in calls]
    pool = ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="signing-fetch")
    try:
        return list(pool.map(one, calls))
    finally:
        pool.shutdown(cancel_futures=True)


class _Failed(Exception):
    def __init__(self, outcome: str) -> None:
        self.outcome = outcome


Verified = dict[int | None, tuple[bytes, Any]]  # by signature id (None: the PAdES)


def _checking(work: Stores, plans: list[_Plan],
              got: list[dict[int | None, bytes | AvtaleflytError]]) -> Callable[[], list[Fetched]]:
    """Start verifying every document fetched for the batch at once (`signing.parallel`);
    what is returned then judges each change's: its signers' XAdES, then its PAdES."""
    out = [Fetched() for _ in plans]
    tasks: list[tuple[int, int | None, bytes, Task]] = []
    sent: dict[int, bytes] = {}  # the PDFs that were sent, each read once
    for index, (plan, answers) in enumerate(zip(plans, got, strict=True)):
        try:
            tasks += [(index, *task) for task in _tasks(work, plan, answers, sent)]
        except _Failed as failed:
            out[index].failure = failed.outcome
    checking = parallel.started([task for *_, task in tasks])
    return lambda: _judged(plans, out, tasks, checking)


def _judged(plans: list[_Plan], out: list[Fetched],
            tasks: list[tuple[int, int | None, bytes, Task]],
            checking: Callable[[], list[Any]]) -> list[Fetched]:
    """Each change's outcome once its documents are checked (`_checking`)."""
    verified: list[Verified] = [{} for _ in plans]
    with stage("check"):
        outcomes = checking()
    for (index, signature, data, _), outcome in zip(tasks, outcomes, strict=True):
        verified[index][signature] = (data, outcome)
    for plan, found, result in zip(plans, verified, out, strict=True):
        if result.failure is not None:
            continue
        if plan.xades is not None:
            result.evidence = evidence.judged(plan.xades, {
                s: v for s, v in found.items() if s is not None})
        if plan.pades is not None:
            data, outcome = found[None]
            result.signed = Signed(data, *checks.pades_outcome(outcome, plan.pades[1]))
    return out


def _tasks(work: Stores, plan: _Plan, answers: dict[int | None, bytes | AvtaleflytError],
           sent: dict[int, bytes]) -> list[tuple[int | None, bytes, Task]]:
    """What to verify for one change; `_Failed` (why it must come back) when something could
    not be fetched or read."""
    tasks: list[tuple[int | None, bytes, Task]] = []
    if plan.xades is not None:
        try:
            roots, doc = checks.trust_roots(work), plan.xades.sent
            if doc.id not in sent:
                sent[doc.id or 0] = work.documents.read(doc)
            for one in plan.xades.asked:
                data = answers[one.signature_id]
                if isinstance(data, AvtaleflytError):
                    raise data
                tasks.append((one.signature_id, data,
                              parallel.Xades(data, roots, sent[doc.id or 0])))
        except AvtaleflytError as exc:
            raise _Failed(f"a signer's XAdES not fetched: {exc}") from exc
    if plan.pades is not None:
        try:
            data = answers[None]
            if isinstance(data, AvtaleflytError):
                raise data
            tasks.append((None, data,
                          parallel.Pades(data, checks.trust_roots(work), plan.pades[0])))
        except AvtaleflytError as exc:
            raise _Failed(f"signed document not fetched: {exc}") from exc
    return tasks
