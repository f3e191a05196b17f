"""The fault-injection suite: crash the real CLI at every commit and every hand-off to the mail
server or NHN (before and after), re-run, and check that nothing was lost or doubled beyond one
resend with the same Message-ID, no claim outlives its lease, every document matches its
hash, no temporary file is left and the audit log verifies. Runs alone with `-m faults`.

A crash point is `AVTALEFLYT_CRASH_AT=<point>@<n>` (see agreements/core/crashpoints.py): the
n-th passage of the point in the command. A clean run counts the passages first, so every
boundary the command really crosses is crashed at, and a new boundary is covered by itself.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from agreements.core.enums import OutboxStatus
from agreements.core.models import OutboxMessage
from tests.fault_world import (
    SCENARIOS,
    Place,
    Scenario,
    build_base,
    drop,
    in_process,
    new_place,
    restore,
    servers,
)
from tests.figures import record
from tests.invariants import Tally, app_of, check, sent_keys

pytestmark = pytest.mark.faults
EVERY_NTH_ON_POSTGRES = 3  # PostgreSQL takes every third point: the same boundaries, sampled


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request: pytest.FixtureRequest) -> str | None:
    return None if request.param == "sqlite" else request.getfixturevalue("postgres_server")


def points_of(slot: Place, base: Place, scenario: Scenario, files: Path,
              server_url: str | None) -> list[str]:
    """Every passage of every crash point in a clean run of the scenario, run in the process
    that forks the runs (tests/zygote.py), so that their templates and compiled statements
    are warm."""
    restore(slot, base, server_url)
    log = slot.root / "count.log"
    assert in_process(slot, scenario.argv(files), f"count:{log}") in (0, 3)
    passes = Counter(log.read_text(encoding="utf-8").split())
    return [f"{point}@{n}" for point, total in sorted(passes.items())
            for n in range(1, total + 1)]


def expire_leases(place: Place) -> int:
    """Let the claims of the crashed run expire (as the lease's time passing would)."""
    app = app_of(place)
    try:
        with app.transaction() as session:
            result = session.execute(
                update(OutboxMessage).where(OutboxMessage.status == OutboxStatus.SENDING.value)
                .values(lease_until=datetime.now(UTC) - timedelta(seconds=1)))
            return int(result.rowcount)  # type: ignore[attr-defined]
    finally:
        app.close()


def crash_and_recover(place: Place, scenario: Scenario, files: Path, point: str) -> list[str]:
    """Crash at `point`, show what is stuck, re-run, deliver; what went wrong (if anything)."""
    argv = scenario.argv(files)
    crashed = place.cli(*argv, crash_at=point)
    if not crashed.crashed:
        return [f"did not crash (exit {crashed.code}): {crashed.err.strip()}"]
    problems = []
    if expire_leases(place):
        listed = place.cli("outbox", "list")
        if "stale" not in listed.out:
            problems.append(f"`outbox list` does not name the stale claim: {listed.out}")
    again = place.cli(*argv)
    if not scenario.rerun_ok(again) or "Traceback" in again.err:
        problems.append(f"re-run exit {again.code}: {again.err.strip()[-300:]}")
    final = place.cli("outbox", "send")
    if final.code != 0 or "Traceback" in final.err:
        problems.append(f"outbox send exit {final.code}: {final.err.strip()}")
    return problems


FIGURE = ("{points} crash points, {duplicates} duplicate hand-offs (same Message-ID / "
          "Idempotency-Key), {losses} losses, {broken} broken invariants")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.name)
def test_every_crash_point_recovers(server_url: str | None, scenario: Scenario, tmp_path: Path,
                                    request: pytest.FixtureRequest) -> None:
    """A crash at any commit or hand-off, then a re-run: nothing lost, at most one resend."""
    tally = Tally()
    with servers() as s:
        base = build_base(tmp_path, server_url, s, scenario.name)
        files = tmp_path / "files"
        slot = new_place(tmp_path / "run", server_url, s)
        points = points_of(slot, base, scenario, files, server_url)
        assert {p.split("@")[0] for p in points} >= {"commit.before", "commit.after",
                                                       "send.before", "send.after"}
        for point in points[::EVERY_NTH_ON_POSTGRES if server_url else 1]:
            restore(slot, base, server_url)
            before = sent_keys(slot)
            s.clear()
            label = f"{scenario.name} {point}"
            tally.broken += [f"{label}: {p}" for p in
                             crash_and_recover(slot, scenario, files, point)]
            check(slot, s, tally, label, already_sent=before)
            tally.points += 1
        drop(slot, server_url)
    record(request, f"fault suite on {'PostgreSQL' if server_url else 'SQLite'}", FIGURE,
           points=tally.points, duplicates=tally.duplicates, losses=tally.losses,
           broken=len(tally.broken))
    assert tally.broken == []
    assert tally.losses == 0
