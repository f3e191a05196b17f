"""Draining one queue of the signing provider: its changes polled, applied and confirmed a
batch at a time, in a pipeline whose stages work at once, each in a thread of its own:

1. polling the next batch (`_batches`);
2. preparing a batch (`changes.prepare`: which jobs, the downloads, the checks in the worker
   processes, the certificates in one converter run), with no transaction open for its I/O;
3. recording it in one transaction (`changes.record_batch`), then confirming its changes,
   here, in the calling thread;
4. delivering its e-mails once that transaction has committed (`delivering`).

Each stage holds at most one batch ahead of the next (`ahead`), so a batch is prepared while
the one before it is recorded. A batch is prepared only once every earlier batch with a
change of the same job is recorded, so it is prepared from what those recorded, exactly as
one batch after the other. A change is confirmed only once it is recorded; when anything
fails or dies, the batches polled but not recorded are not confirmed, and come back.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from agreements.contracts import ahead, changes, delivering, fetching, timing
from agreements.errors import AvtaleflytError
from agreements.signing import queues
from agreements.signing.provider import SigningProvider, StatusChange, TooEarly

if TYPE_CHECKING:
    from agreements.contracts.polling import PollReport
    from agreements.documents.pdf import Converts

BATCH = 50  # changes applied together: one transaction, one converter run, one verification round


@dataclass
class _Polled:
    """What polling one queue came to (written by the thread that polls, read once it ends)."""

    next_permitted: datetime
    outcome: str = "empty"


class _Unrecorded:
    """The jobs of the batches prepared and not yet recorded: a batch with a change of one of
    them waits for that record before it is prepared."""

    def __init__(self) -> None:
        self._jobs: Counter[int] = Counter()
        self._changed = threading.Condition()

    def handed(self, jobs: Iterable[int]) -> None:
        with self._changed:
            self._jobs.update(jobs)

    def recorded(self, jobs: Iterable[int]) -> None:
        with self._changed:
            self._jobs.subtract(jobs)
            self._jobs = +self._jobs
            self._changed.notify_all()

    def wait_for(self, jobs: set[int], stop: threading.Event) -> bool:
        """Wait until none of `jobs` is unrecorded; False when told to stop meanwhile."""
        with self._changed:
            while not stop.is_set() and jobs & self._jobs.keys():
                self._changed.wait(0.05)
            return not stop.is_set()


def drain(work: Converts, provider: SigningProvider, q: queues.Queue, report: PollReport,
          deliverer: delivering.Deliverer) -> None:
    """Poll one queue until it is empty (or the provider says wait), a batch at a time
    through the pipeline (module docstring)."""
    polled, seen, unrecorded = _Polled(queues.now()), 0, _Unrecorded()

    def prepared(batches: Iterator[list[StatusChange]],
                 stop: threading.Event) -> Iterator[changes.Prepared]:
        for batch in batches:
            if not unrecorded.wait_for({c.job_id for c in batch}, stop):
                return
            ready = changes.prepare(work, provider, q.sender_orgnr, batch)
            unrecorded.handed(ready.jobs)
            yield ready
            if stop.is_set():
                return
    try:
        with ahead.Ahead(lambda stop: _batches(provider, q, polled, stop)) as batches, \
                ahead.Ahead(lambda stop: prepared(batches, stop)) as ready:
            for batch in ready:
                urls: dict[str, StatusChange] = {}
                applied = changes.record_batch(work, batch)
                unrecorded.recorded(batch.jobs)
                for a in applied:
                    report.changes.append({"queue": q.polling_queue, **a.row()})
                    report.keys += a.keys
                    if a.confirm:
                        urls.setdefault(a.change.confirmation_url, a.change)
                deliverer.add([k for a in applied for k in a.keys])
                with timing.stage("confirm"):
                    _confirm(provider, list(urls.values()))
                seen += len(applied)
                with timing.stage("extend"):
                    queues.extend(work, q)
    except AvtaleflytError as exc:
        polled.outcome = f"failed: {exc}"
        report.failed.append(f"queue {q.polling_queue}: {exc}")
    finally:
        if polled.outcome == "empty" and seen:
            polled.outcome = f"{seen} change(s), then empty"
        queues.release(work, q, polled.next_permitted, polled.outcome)
        report.queues.append({"queue": q.polling_queue, "outcome": polled.outcome,
                              "next_poll": polled.next_permitted})


def _batches(provider: SigningProvider, q: queues.Queue, polled: _Polled,
             stop: threading.Event) -> Iterator[list[StatusChange]]:
    """The queue's changes, `BATCH` at a time, until it is empty, the provider says wait, or
    the run stops taking them (`stop`: nothing more is polled, so nothing more is hidden)."""
    while not stop.is_set():
        batch: list[StatusChange] = []
        empty = False
        while len(batch) < BATCH and not empty and not stop.is_set():
            try:
                with timing.stage("poll"):
                    result = provider.poll(q.sender_orgnr, q.polling_queue)
            except TooEarly as early:
                polled.next_permitted, polled.outcome = early.next_permitted, "too early (429)"
                empty = True
                break
            polled.next_permitted, empty = result.next_permitted, result.change is None
            if result.change is not None:
                batch.append(result.change)
            if not empty and polled.next_permitted > queues.now():
                # Posten names a later time on an answer with a change too: honour it
                # (the rest waits for the next run) rather than be refused with 429.
                polled.outcome, empty = "paused: the next poll is permitted later", True
        if batch:
            yield batch
        if empty:
            return


def _confirm(provider: SigningProvider, recorded: list[StatusChange]) -> None:
    """Confirm the recorded changes, several at once; the first failure is raised once all
    have been tried (an unconfirmed change comes back and finds itself recorded)."""
    def one(change: StatusChange) -> Callable[[], None]:
        return lambda: provider.confirm(change)
    for answer in fetching.in_flight([one(c) for c in recorded]):
        if isinstance(answer, AvtaleflytError):
            raise answer


