"""Waiting in tests: on a condition, never for a duration. The timeout is generous (a
minute): a loaded machine only makes the wait longer, and only a hang reaches it. Slow outside
work (LibreOffice, a register, a signing service) is `Held` until the test lets it go."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
PATIENCE = 60.0  # seconds


def wait_for(condition: Callable[[], T], what: str, timeout: float = PATIENCE) -> T:
    """`condition()`'s value as soon as it is truthy; AssertionError naming `what` if it is
    still falsy after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.01)
    return value


class Held:
    """Slow outside work: `wait()` says it has started, then returns once the test sets `go`."""

    def __init__(self) -> None:
        self.started, self.go = threading.Event(), threading.Event()

    def wait(self) -> None:
        self.started.set()
        assert self.go.wait(PATIENCE), "the test never let the slow call go"
