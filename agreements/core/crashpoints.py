"""A test hook: named crash points for the fault-injection suite (tests/faults/).

`reached("commit.after")` does nothing unless the environment variable AVTALEFLYT_CRASH_AT
names that point. `AVTALEFLYT_CRASH_AT=commit.after@3` ends the process at the third passage
of the point with `os._exit(CRASH_EXIT)`: no `finally`, no atexit, no flush, no rollback —
as a kill -9 or a power cut would. `AVTALEFLYT_CRASH_AT=count:<file>` appends the name of every
point passed to <file> instead, so the suite learns how many passages a command has.

The points sit at the edges where a crash can leave work half done: before and after each
commit (`commit.before`, `commit.after`) and before and after each hand-off to the outside
world (`send.before`, `send.after`: the mail server or NHN has accepted, the row is not yet
marked). The environment is read once per process; when unset a call costs one dict lookup.
Never set it in production: it exists for the tests.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import lru_cache

VARIABLE = "AVTALEFLYT_CRASH_AT"
CRASH_EXIT = 137  # what a shell reports for a process killed by SIGKILL

_passed: Counter[str] = Counter()


@lru_cache(maxsize=1)
def _plan() -> tuple[str, str, int] | None:
    """(mode, point or file, passage) from the environment, or None when unset."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return None
    if value.startswith("count:"):
        return "count", value.removeprefix("count:"), 0
    point, _, nth = value.partition("@")
    return "crash", point, int(nth or "1")


def reached(point: str) -> None:
    """Mark a passage of `point`; crash here when the environment asks for it."""
    plan = _plan()
    if plan is None:
        return
    mode, target, nth = plan
    if mode == "count":
        with open(target, "a", encoding="utf-8") as log:
            log.write(point + "\n")
        return
    if point != target:
        return
    _passed[point] += 1
    if _passed[point] == nth:
        os._exit(CRASH_EXIT)


def reset() -> None:
    """Forget the environment read and the passages counted (a forked test child calls it)."""
    _plan.cache_clear()
    _passed.clear()
