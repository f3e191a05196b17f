"""A loopback Posten signering (portal flow) for tests: real HTTPS, two-way TLS, 127.0.0.1.

Behaviour, from Posten's documentation (see SPEC-NOTES.md):

- TLS 1.2 only ("supports only TLS 1.2 for two-way TLS"), client certificate required and checked
  against the test CA; its organisation number must match the URL, or the URL's must be one of
  `senders` its organisation is a broker for (else 403 BROKER_NOT_AUTHORIZED).
- POST create: strict checks in `checks`; 400 + `<error>` when something is wrong.
- Jobs: signers in `order`; test controls `sign`, `reject`, `expire`, `block`,
  `contact_information_missing`, `enqueue_unknown_job` (methods, not HTTP); the cancellation URL
  cancels. Every change snapshots a status-change XML onto the job's polling queue.
- Polling: oldest unconfirmed change of the queue; a delivered change stays hidden for
  `visibility_timeout` seconds (10 minutes, as in production) and then comes back unless
  confirmed; 204 when empty; every answer has `X-Next-permitted-poll-time` (immediate after a
  change, `poll_interval` after an empty queue); 429 before that time. `confirmation-url`
  (per job) confirms what was delivered. `advance(seconds)` moves the double's clock on:
  hidden changes come back and poll windows open without a test sleeping.
- PAdES: a new PDF (cover page + original + embedded XAdES) sealed with the test signer
  certificate, once per state of the job (Posten seals the signed document when the job
  completes and then hands out the stored file: calling `pades` seals it ahead of a download);
  `tamper_pades = True` serves it with one byte changed.
- `requests` records method, path, headers of each request; `tls_failures` each refused handshake.
"""

from __future__ import annotations

import itertools
import ssl
import threading
import time
from collections.abc import Iterable, Mapping

from .checks import Refusal, check_create, split_multipart
from .controls import Controls
from .http import TLSServer
from .jobs import FakeJob, FakeSigner, QueuedChange, Recorded, status_xml
from .pades import make_pades
from .pki import Pki


class PostenServer(Controls):
    """The double. Use as a context manager; `root_url` is what the client is configured with.

    `names` gives the name of each signer (by e-mail) whose certificate makes their XAdES;
    `wait_after_change` the seconds Posten asks to wait after an answer with a change."""

    def __init__(
        self,
        pki: Pki,
        *,
        poll_interval: float = 0.3,
        visibility_timeout: float = 600.0,
        legacy_identifier: bool = False,
        senders: Iterable[str] = (),
        names: Mapping[str, str] | None = None,
        wait_after_change: float = 0.0,
    ) -> None:
        self.pki = pki
        self.names = dict(names or {})
        self.wait_after_change = wait_after_change
        self.senders = set(senders)
        self.poll_interval, self.visibility_timeout = poll_interval, visibility_timeout
        self.legacy_identifier = legacy_identifier
        self.tamper_pades = False
        self.requests: list[Recorded] = []
        self.tls_failures: list[str] = []
        self.jobs: dict[int, FakeJob] = {}
        self.queues: dict[tuple[str, str], list[QueuedChange]] = {}
        self._next_poll: dict[tuple[str, str], float] = {}
        self._advanced = 0.0
        self._ids = itertools.count(1001)
        self._seq = itertools.count(1)
        self._sealed: dict[int, tuple[tuple[bytes, ...], bytes]] = {}
        self.lock = threading.RLock()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = context.maximum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(pki.server_chain_pem, pki.server_key_pem)
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(pki.ca_pem)
        self._httpd = TLSServer(self, context)
        self.root_url = f"https://127.0.0.1:{self._httpd.server_address[1]}/api"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> PostenServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def now(self) -> float:
        """The double's clock (seconds): monotonic, moved on by `advance`."""
        return time.monotonic() + self._advanced

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass for the service: hidden changes come back, poll windows open."""
        with self.lock:
            self._advanced += seconds

    def url(self, job: FakeJob, tail: str) -> str:
        return f"{self.root_url}/{job.orgnr}/portal/signature-jobs/{job.id}/{tail}"

    def status_xml(self, job: FakeJob) -> bytes:
        """The `portal-signature-job-status-change-response` for the job as it is now."""
        return status_xml(job, self.url, self.legacy_identifier)

    def pades(self, job: FakeJob) -> bytes:
        """The signed PDF of the job as it is now: sealed once for each set of signatures."""
        signed = [s for s in job.signers if s.status == "SIGNED"]
        state = tuple(s.email.encode() + b"\0" + (s.xades or b"") for s in signed)
        with self.lock:
            sealed = self._sealed.get(job.id)
        if sealed is None or sealed[0] != state:
            sealed = state, make_pades(
                job.pdf or b"",
                title=job.title,
                signed_by=[s.email for s in signed],
                xades=[s.xades or b"" for s in signed],
                seal=self.pki.signer,
                chain=[self.pki.ca.cert],
            )
            with self.lock:
                self._sealed[job.id] = sealed
        data = sealed[1]
        if self.tamper_pades:
            data = data.replace(b"Signert dokument", b"Signert dokumenT", 1)
        return data

    @staticmethod
    def xades(job: FakeJob, number: int) -> bytes:
        """The XAdES of the job's `number`-th signer (made when they signed)."""
        return job.signers[number - 1].xades or b""

    # --- HTTP -----------------------------------------------------------------------------------
    def poll(self, orgnr: str, queue: str) -> tuple[int, bytes, float]:
        """(status, body, seconds until the next permitted poll) for one poll."""
        key = (orgnr, queue)
        with self.lock:
            now = self.now()
            permitted = self._next_poll.get(key, 0.0)
            if now < permitted:
                return 429, b"", permitted - now
            pending = [
                c for c in self.queues.get(key, []) if not c.confirmed and c.visible_at <= now
            ]
            if not pending:
                self._next_poll[key] = now + self.poll_interval
                return 204, b"", self.poll_interval
            change = min(pending, key=lambda c: c.seq)
            change.deliveries += 1
            change.visible_at = now + self.visibility_timeout
            self._next_poll[key] = now + self.wait_after_change
            return 200, change.xml, self.wait_after_change

    def create(self, orgnr: str, client: str | None, content_type: str, body: bytes) -> FakeJob:
        parts = split_multipart(content_type, body)
        accepted = check_create(orgnr, parts, self.pki.ca_pem, broker=client)
        with self.lock:
            job = FakeJob(
                next(self._ids),
                orgnr,
                accepted.reference,
                accepted.polling_queue or "",
                accepted.title,
                [FakeSigner(e, o) for o, e in accepted.signers],
                accepted.pdf,
                pdf_name=accepted.pdf_name,
            )
            self.jobs[job.id] = job
            return job

    def job_for(self, orgnr: str, job_id: str) -> FakeJob:
        job = self.jobs.get(int(job_id)) if job_id.isdigit() else None
        if job is None or job.orgnr != orgnr:
            raise Refusal("SIGNATURE_JOB_NOT_FOUND", f"no job {job_id} for {orgnr}", 404)
        return job

    def cancel(self, job: FakeJob) -> None:
        with self.lock:
            if job.status != "IN_PROGRESS":
                raise Refusal("JOB_NOT_CANCELLABLE", f"the job is {job.status}", 409)
            for s in job.signers:
                if s.status == "WAITING":
                    self._set(s, "CANCELLED")
            job.status = "FAILED"
            self._enqueue(job)

    def confirm(self, job: FakeJob) -> None:
        with self.lock:
            for change in self.queues.get((job.orgnr, job.queue), []):
                if change.job_id == job.id and change.deliveries:
                    change.confirmed = True
