"""Where a poll's time goes: the wall time and the CPU time of each stage (polling, fetching,
checking, rendering, recording, confirming, delivering), summed over its batches, for the
poll's summary. Stages may overlap (they run in threads of their own), so their wall times
add up to more than the poll's; a stage's CPU is its own thread's (`time.thread_time`), and
the checking in worker processes is counted by the workers' CPU at the end.
"""

from __future__ import annotations

import resource
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

_NOW: ContextVar[Timings | None] = ContextVar("poll_timings", default=None)


@dataclass
class Timings:
    """Per stage: wall seconds, CPU seconds of its thread, and how many times it ran."""

    spent: dict[str, list[float]] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, wall: float, cpu: float) -> None:
        with self.lock:
            found = self.spent.setdefault(name, [0.0, 0.0, 0])
            found[0], found[1], found[2] = found[0] + wall, found[1] + cpu, found[2] + 1

    def lines(self) -> list[str]:
        """One line for each stage, then the whole poll's wall and CPU (its own, its
        workers')."""
        own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                             resource.RUSAGE_CHILDREN))
        out = [f"  {name:<10} {wall:7.1f} s (CPU {cpu:.1f} s) in {int(times)} run(s)"
               for name, (wall, cpu, times) in self.spent.items()]
        out.append(f"  the poll {time.perf_counter() - self.started:7.1f} s (CPU "
                   f"{own.ru_utime + own.ru_stime:.1f} s; its worker processes' "
                   f"{children.ru_utime + children.ru_stime:.1f} s)")
        return out


@contextmanager
def measuring() -> Iterator[Timings]:
    """Stages within this block (in this context, and in threads given it) are measured."""
    timings = Timings()
    token = _NOW.set(timings)
    try:
        yield timings
    finally:
        _NOW.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Measure the block as the stage `name` (nothing outside `measuring`)."""
    timings = _NOW.get()
    if timings is None:
        yield
        return
    wall, cpu = time.perf_counter(), time.thread_time()
    try:
        yield
    finally:
        timings.add(name, time.perf_counter() - wall, time.thread_time() - cpu)
