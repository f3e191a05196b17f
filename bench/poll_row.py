"""The row of `bench.specialists` for its poll: one `avtaleflyt signing poll` taking every
change queued at the fake Posten, its CPU (its own process's and its workers') per change, what
the goal needs, and the poll's own account of each stage's wall and CPU time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from bench.common import Row, avtaleflyt, load, timed

if TYPE_CHECKING:
    from tests.posten.server import PostenServer

GOAL = 60.0  # seconds: applying the status changes


def poll_row(posten: PostenServer, env: dict[str, str], n: int) -> Row:
    """One `avtaleflyt signing poll` taking every change queued at the fake Posten."""
    from bench.esign import counts

    changes = sum(len(q) for q in posten.queues.values())
    own = Path(env["AVTALEFLYT_DATA_DIR"]).parent / "poll-cpu"  # its process's, its workers'
    said = own.with_name("poll-said")  # its summary: the stages' times among it
    polling, fake_polling = timed(avtaleflyt("signing", "poll", env=env, usage=own, out=said,
                                             profile=os.environ.get("BENCH_PROFILE")))
    mine, workers = (float(x) / max(changes, 1) * 1000 for x in own.read_text().split())
    found = counts(env)
    poll = Row(f"one poll applying {changes} status changes of {n} jobs", f"≤{GOAL} s")
    expected = {"signatures": 2 * n, "certificates": n, "verified": 3 * n}  # XAdES, PAdES
    for name, wanted in expected.items():
        poll.require(found.get(name) == wanted, f"{name}: {found.get(name)}, expected {wanted}")
    poll.require(changes == 2 * n, f"status changes queued: {changes}, expected {2 * n}")
    per, cores = polling.cpu[0] / max(changes, 1), os.cpu_count() or 1
    poll.notes += [f"{per * 1000:.1f} ms of avtaleflyt's CPU per change: {mine:.1f} ms in the "
                   f"poll's process, {workers:.1f} ms in its workers (checking, converting); the "
                   f"fake Posten's CPU {fake_polling:.1f} s", f"3,000 changes at this rate: "
                   f"{per * 3000:.0f} s of CPU; the goal needs ≤{GOAL * cores / 3000 * 1000:.0f} "
                   f"ms a change over the {cores} cores, the poll's process ≤"
                   f"{GOAL / 3000 * 1000:.0f} ms of it (its threads share one core: Python's GIL)",
                   f"{load()} after"]
    poll.notes += stages(said.read_text())
    poll.at_most(polling, GOAL)
    return poll


def stages(said: str) -> list[str]:
    """The poll's own account of where its time went (its summary's `time` lines)."""
    return [line.removeprefix("- ") for line in said.splitlines()
            if line.startswith(("- time", "  ")) and "s (CPU" in line]
