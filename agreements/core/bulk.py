"""Reading many rows at once without the cyclic garbage collector walking them again and again.

A bulk read builds tens of thousands of tuples and small records that refer to no cycle; each
allocation counts towards the collector's thresholds, and every full collection walks all of
them (and all the objects the imports made) again: a third of reading 10,000 organisations'
follow-up state. The collector is paused for such a read, and resumed after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (reference counting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
