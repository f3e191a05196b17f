"""Items made in a thread of their own, one ahead of the one who takes them: the poll's next
batch is fetched from the signing service while the batch before it is applied.

The maker is told to stop (`stop` is set) as soon as the taker leaves, whether it took every
item or not, and the taker waits for it to finish: nothing is left running, and a maker that
checks `stop` before each request makes no request after that. What the maker raises (a crash
included) is raised to the taker in its place.
"""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")


class _Raised:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_END = object()


class Ahead(Generic[T]):
    """`with Ahead(make) as items: for item in items: …` where `make(stop)` yields the items."""

    def __init__(self, make: Callable[[threading.Event], Iterator[T]]) -> None:
        self._make = make
        self._stop = threading.Event()
        self._box: queue.Queue[object] = queue.Queue(maxsize=1)
        context = contextvars.copy_context()  # the taker's (e.g. what is being measured)
        self._thread = threading.Thread(target=context.run, args=(self._run,), name="ahead",
                                        daemon=True)

    def _run(self) -> None:
        try:
            for item in self._make(self._stop):
                self._box.put(item)
                self._box.join()  # the next made only once this one is taken: one ahead
                if self._stop.is_set():
                    return
            self._box.put(_END)
        except BaseException as error:  # handed to the taker, who raises it
            self._box.put(_Raised(error))

    def __enter__(self) -> Iterator[T]:
        self._thread.start()
        return self._items()

    def _items(self) -> Iterator[T]:
        while True:
            got = self._box.get()
            self._box.task_done()
            if got is _END:
                return
            if isinstance(got, _Raised):
                raise got.error
            yield got  # type: ignore[misc]

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        while self._thread.is_alive():  # make room for an item it is handing over
            try:
                self._box.get(timeout=0.05)
            except queue.Empty:
                continue
            self._box.task_done()
        self._thread.join()
