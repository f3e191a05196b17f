"""A poll's e-mails delivered batch by batch, each batch's once its transaction has committed,
in a thread of its own while the next batches are applied (rather than all at the end): the
signatories get their copies sooner, and the delivery's work overlaps the poll's.

It is the outbox's own delivery (`outbox.delivery.deliver` of the batch's keys): each row
claimed with a conditional UPDATE before it is sent, so two deliverers never hold the same
row and delivery stays at least once whatever dies where (a message not yet sent waits for
the next run; one sent but not yet marked when a process dies leaves again, with its
Message-ID, once the claim's lease has run out). A channel
found unreachable for one batch is not tried again for the next ones: their messages wait.
When the poll fails, what is not yet being delivered is left queued for the next run. When
delivering itself fails (the database, say), the rest waits in the outbox too, and the poll
goes on: the failure is the poll's to report (`failure`), its recorded changes stand.
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Sequence
from types import TracebackType

from agreements.contracts import timing
from agreements.outbox import delivery

_END = None


class Deliverer:
    """`with Deliverer(work) as d: d.add(keys) …`; once the block ends, `report` says how the
    delivery of every key added went."""

    def __init__(self, work: delivery.Delivers) -> None:
        self.work = work
        self.report = delivery.DeliveryReport()
        self._box: queue.Queue[list[str] | None] = queue.Queue()
        self._stop = threading.Event()
        self._error: BaseException | None = None
        self.failure: str | None = None  # why delivering stopped, if it failed
        context = contextvars.copy_context()  # the poll's (what is being measured)
        self._thread = threading.Thread(target=context.run, args=(self._run,),
                                        name="delivering", daemon=True)

    def __enter__(self) -> Deliverer:
        self.work.channels()  # built here, once, not in two threads at a time
        self._thread.start()
        return self

    def add(self, keys: Sequence[str]) -> None:
        """Deliver these messages (their transaction has committed) as soon as may be."""
        if keys:
            self._box.put(list(keys))

    def _run(self) -> None:
        while (keys := self._box.get()) is not _END:
            if self._stop.is_set():
                continue  # the poll failed: left queued for the next run
            try:
                with timing.stage("deliver"):
                    sent = delivery.deliver(self.work, keys=keys,
                                            skip_channels=list(self.report.unreachable))
            except Exception as error:  # the rest waits in the outbox; the poll reports it
                self.failure = f"{type(error).__name__}: {error}"
                self._stop.set()
                continue
            except BaseException as error:  # raised to the poll when it ends
                self._error = error
                self._stop.set()
                continue
            self.report.absorb(sent)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if error is not None:
            self._stop.set()
        self._box.put(_END)
        self._thread.join()
        if error is None and self._error is not None:
            raise self._error
