"""Draining one queue of the signing provider: its changes polled, applied and confirmed a
batch at a time, in a pipeline whose stages work at once, each in a thread of its own:

1. polling the next batch (`_batches`);
2. starting a batch (`changes.start`: which jobs, the downloads, its checks handed to the
   worker processes), with no transaction open for its I/O;
3. finishing it (`changes.finish`: the checks judged, the certificates in one converter run),
   while the workers check the next one;
4. recording it in one transaction (`changes.record_batch`), then confirming its changes,
   here, in the calling thread;
5. delivering its e-mails once that transaction has committed (`delivering`).

Each stage holds at most one batch ahead of the next (`ahead`), so a batch is prepared while
the one before it is recorded. A batch is prepared only once every earlier batch with a
change of the same job is recorded, so it is prepared from what those recorded of its jobs,
as one batch after the other. A signer's last certificate (`identities.known`) is read as
the batch is prepared, before the batches still being recorded have remembered theirs, so
each is judged again as its batch records (`record.remembered_now`). A change is confirmed
only once it is recorded, and a job only once no later change of it is polled and unrecorded
(Posten confirms per job); when anything fails or dies, the changes polled but not recorded
are not confirmed, and come back; a batch that fails to record ends the poll.
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from agreements.contracts import ahead, changes, delivering, fetching, timing
from agreements.errors import AvtaleflytError
from agreements.signing import queues
from agreements.signing.provider import SigningProvider, StatusChange, TooEarly

if TYPE_CHECKING:
    from agreements.documents.pdf import Converts

BATCH = 50  # changes applied together: one transaction, one converter run, one verification round


@dataclass
class _Polled:
    """What polling one queue came to (written by the thread that polls, read once it ends)."""

    next_permitted: datetime
    outcome: str = "empty"


class Report(Protocol):
    """What a drained queue adds to the poll's report (`polling.PollReport`)."""

    queues: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    failed: list[str]
    keys: list[str]


class _Outstanding:
    """Each job's changes polled and not yet recorded, by the number of their batch.

    A batch is prepared only once no earlier batch holds a change of its jobs (`first`). Posten
    confirms per job, so confirming a job's change confirms any later change of it already
    handed out: a job is confirmed only once no later change of it is outstanding (`recorded`),
    and polling and confirming take turns (`turn`), so none is handed out meanwhile."""

    def __init__(self) -> None:
        self._batches: dict[int, list[int]] = defaultdict(list)
        self._changed = threading.Condition()
        self._halted = False  # the taker left: no batch will be recorded any more
        self.turn = threading.Lock()

    def polled(self, number: int, job: int) -> None:
        with self._changed:
            self._batches[job].append(number)

    def first(self, number: int, jobs: set[int], stop: threading.Event) -> bool:
        """Wait until no earlier batch holds a change of `jobs`; False if told to stop."""
        with self._changed:
            while not (stop.is_set() or self._halted) and any(
                    self._batches[j][0] != number for j in jobs):
                self._changed.wait(0.05)
            return not (stop.is_set() or self._halted)

    def halt(self) -> None:
        """No batch will be recorded any more (the taker left, a record failed): a stage
        waiting for one stops waiting."""
        with self._changed:
            self._halted = True
            self._changed.notify_all()

    def recorded(self, number: int, jobs: set[int]) -> set[int]:
        """The batch `number` is recorded: of its jobs, those with nothing outstanding."""
        with self._changed:
            for job in jobs:
                self._batches[job] = [n for n in self._batches[job] if n != number]
            self._changed.notify_all()
            return {job for job in jobs if not self._batches[job]}


def drain(work: Converts, provider: SigningProvider, q: queues.Queue, report: Report,
          deliverer: delivering.Deliverer, batch: int = BATCH) -> None:
    """Poll one queue until it is empty (or the provider says wait), `batch` changes at a
    time through the pipeline (module docstring)."""
    polled, seen, outstanding = _Polled(queues.now()), 0, _Outstanding()

    def started(batches: Iterator[tuple[int, list[StatusChange]]],
                stop: threading.Event) -> Iterator[tuple[int, changes.Started]]:
        for number, polled_changes in batches:
            if not outstanding.first(number, {c.job_id for c in polled_changes}, stop):
                return
            yield number, changes.start(work, provider, q.sender_orgnr, polled_changes)
            if stop.is_set():
                return

    def prepared(starts: Iterator[tuple[int, changes.Started]],
                 stop: threading.Event) -> Iterator[tuple[int, changes.Prepared]]:
        for number, begun in starts:
            yield number, changes.finish(work, begun)
            if stop.is_set():
                return
    try:
        with ahead.Ahead(lambda stop: _batches(provider, q, polled, stop, batch,
                                               outstanding)) as batches, \
                ahead.Ahead(lambda stop: started(batches, stop)) as starts, \
                ahead.Ahead(lambda stop: prepared(starts, stop)) as ready:
            try:
                for number, prepared_batch in ready:
                    urls: dict[str, StatusChange] = {}
                    applied = changes.record_batch(work, prepared_batch)
                    for a in applied:
                        report.changes.append({"queue": q.polling_queue, **a.row()})
                        report.keys += a.keys
                    deliverer.add([k for a in applied for k in a.keys])
                    with outstanding.turn, timing.stage("confirm"):
                        free = outstanding.recorded(number, prepared_batch.jobs)
                        for a in applied:
                            if a.confirm and a.change.job_id in free:
                                urls.setdefault(a.change.confirmation_url, a.change)
                        _confirm(provider, list(urls.values()))
                    seen += len(applied)
                    with timing.stage("extend"):
                        queues.extend(work, q)
            finally:  # a batch waiting for one that failed to record would wait for ever
                outstanding.halt()
    except AvtaleflytError as exc:
        polled.outcome = f"failed: {exc}"
        report.failed.append(f"queue {q.polling_queue}: {exc}")
    except BaseException as exc:  # not "then empty": the poll stopped, and says why
        polled.outcome = f"stopped after {seen} change(s): {type(exc).__name__}"
        raise
    finally:
        if polled.outcome == "empty" and seen:
            polled.outcome = f"{seen} change(s), then empty"
        queues.release(work, q, polled.next_permitted, polled.outcome)
        report.queues.append({"queue": q.polling_queue, "outcome": polled.outcome,
                              "next_poll": polled.next_permitted})


def _batches(provider: SigningProvider, q: queues.Queue, polled: _Polled,
             stop: threading.Event, size: int, outstanding: _Outstanding
             ) -> Iterator[tuple[int, list[StatusChange]]]:
    """The queue's changes, `size` at a time and numbered, until it is empty, the provider
    says wait, or the run stops taking them (`stop`: nothing more is polled, so nothing more
    is hidden); each change is outstanding from the moment it is handed out."""
    for number in itertools.count():
        if stop.is_set():
            return
        batch: list[StatusChange] = []
        empty = False
        while len(batch) < size and not empty and not stop.is_set():
            try:
                with outstanding.turn, timing.stage("poll"):
                    result = provider.poll(q.sender_orgnr, q.polling_queue)
                    if result.change is not None:
                        outstanding.polled(number, result.change.job_id)
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
            yield number, batch
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


