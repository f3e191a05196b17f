"""The double's test controls: what signers do in Posten signering, and the job state machine
(each change snapshots a status-change XML onto the job's polling queue)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .jobs import FakeJob, FakeSigner, QueuedChange
from .people import issue
from .pki import Issued
from .xades_double import signer_xades

if TYPE_CHECKING:
    from .pki import Pki


class Controls:
    """Mixed into `PostenServer`."""

    pki: Pki
    names: dict[str, str]
    jobs: dict[int, FakeJob]
    queues: dict[tuple[str, str], list[QueuedChange]]
    lock: threading.RLock
    _ids: itertools.count[int]
    _seq: itertools.count[int]
    _next_poll: dict[tuple[str, str], float]
    _people: dict[str, Issued]
    status_xml: Callable[[FakeJob], bytes]

    def sign(self, job_id: int, email: str, *, as_name: str | None = None,
             certificate: Issued | None = None) -> None:
        """`email` signs with BankID, their XAdES made with `certificate` (by default a
        certificate from the test CA naming `as_name`, their name in `names`, or the
        address); the job completes when everybody has."""
        with self.lock:
            job, signer = self._active_signer(job_id, email)
            issued = certificate or self.person(as_name or self.names.get(email) or email)
            signer.xades = signer_xades(job.pdf or b"", job.pdf_name, issued, [self.pki.ca.cert])
            self._set(signer, "SIGNED")
            if all(s.status == "SIGNED" for s in job.signers):
                job.status = "COMPLETED_SUCCESSFULLY"
            self._enqueue(job)

    def reject(self, job_id: int, email: str) -> None:
        """`email` rejects: the job fails, the remaining signers become NOT_APPLICABLE."""
        self._fail_by(job_id, email, "REJECTED")

    def block(self, job_id: int, email: str) -> None:
        """`email` entered a wrong security code too many times (BLOCKED); the job fails."""
        self._fail_by(job_id, email, "BLOCKED")

    def contact_information_missing(self, job_id: int, email: str) -> None:
        """No contact information for `email` (CONTACT_INFORMATION_MISSING); the job fails."""
        self._fail_by(job_id, email, "CONTACT_INFORMATION_MISSING")

    def fail_unknown(self, job_id: int, email: str, status: str = "SIGNATURE_WITHDRAWN") -> None:
        """`email` gets a status avtaleflyt does not know and the job fails (portal.xsd warns
        that new signer statuses will come)."""
        self._fail_by(job_id, email, status)

    def report(self, job_id: int, email: str, status: str) -> None:
        """`email` gets `status` while the job goes on (a status nobody knew before)."""
        with self.lock:
            job = self._in_progress(job_id)
            self._set(next(s for s in job.signers if s.email == email), status)
            self._enqueue(job)

    def person(self, name: str) -> Issued:
        """A personal certificate naming `name`, from this double's CA (one per name)."""
        with self.lock:
            if not hasattr(self, "_people"):
                self._people = {}
            if name not in self._people:
                self._people[name] = issue(name, ca=self.pki.ca)
            return self._people[name]

    def expire(self, job_id: int) -> None:
        """The signing window ran out: waiting signers EXPIRED, the job fails."""
        with self.lock:
            job = self._in_progress(job_id)
            for s in job.signers:
                if s.status == "WAITING":
                    self._set(s, "EXPIRED")
            job.status = "FAILED"
            self._enqueue(job)

    def enqueue_unknown_job(
        self, orgnr: str, queue: str | None, signer_status: str = "SIGNED"
    ) -> int:
        """A status change for a job nobody created through this API (e.g. in the web portal)."""
        with self.lock:
            job = FakeJob(
                next(self._ids),
                orgnr,
                "made-elsewhere",
                queue or "",
                "Elsewhere",
                [FakeSigner("someone@example.org", 1)],
                None,
            )
            self._set(job.signers[0], signer_status)
            self.jobs[job.id] = job
            self._enqueue(job)
            return job.id

    def allow_poll_now(self) -> None:
        """Forget every next-permitted poll time (so a test need not sleep)."""
        with self.lock:
            self._next_poll.clear()

    def _in_progress(self, job_id: int) -> FakeJob:
        job = self.jobs[job_id]
        if job.status != "IN_PROGRESS":
            raise AssertionError(f"job {job_id} is {job.status}")
        return job

    def _active_signer(self, job_id: int, email: str) -> tuple[FakeJob, FakeSigner]:
        job = self._in_progress(job_id)
        signer = next(s for s in job.signers if s.email == email)
        first_open = min(s.order for s in job.signers if s.status != "SIGNED")
        if signer.status != "WAITING" or signer.order != first_open:
            raise AssertionError(f"{email} cannot act now ({signer.status}, order {signer.order})")
        return job, signer

    def _fail_by(self, job_id: int, email: str, status: str) -> None:
        with self.lock:
            job, signer = self._active_signer(job_id, email)
            self._set(signer, status)
            for s in job.signers:
                if s.status == "WAITING":
                    self._set(s, "NOT_APPLICABLE")
            job.status = "FAILED"
            self._enqueue(job)

    @staticmethod
    def _set(signer: FakeSigner, status: str) -> None:
        signer.status, signer.since = status, datetime.now(UTC)

    def _enqueue(self, job: FakeJob) -> None:
        change = QueuedChange(next(self._seq), job.id, self.status_xml(job))
        self.queues.setdefault((job.orgnr, job.queue), []).append(change)
