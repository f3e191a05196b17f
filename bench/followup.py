"""The daily follow-up's plan (`follow-up --dry-run`) at 100, 1,000 and 10,000 organisations
in every phase, in fresh processes, against the code before issue 12 on the same database:
the time, the number of queries, and whether both plan exactly the same actions.

    .venv/bin/python -m bench.followup [SIZES]      e.g. 100,1000,10000
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench import baseline
from bench.common import PYTHON, Row, avtaleflyt, env_for, finish, interleaved, load, rounds
from bench.population import prepared

TODAY = "2026-11-25"
COUNT_QUERIES = f"""
import datetime
from sqlalchemy import event
from agreements.app import Clock, open_app
from agreements.followup import run
app = open_app(clock=Clock(datetime.date.fromisoformat({TODAY!r})))
queries = []
event.listen(app.engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
result = run.run(app, dry_run=True)
print(len(queries), len(result.actions))
"""


def planned(env: dict[str, str], code: Path | None) -> tuple[str, int, int]:
    """The printed plan, the number of queries and of actions (in one process each)."""
    full = {**env, **({"PYTHONPATH": str(code)} if code else {})}
    args = ["follow-up", "--dry-run", "--today", TODAY]
    script = f"import sys; sys.argv = {['avtaleflyt', *args]!r}; from cli import main; main()"
    out = subprocess.run([PYTHON, "-c", script], env=full, cwd=code, capture_output=True,
                         text=True, check=True).stdout
    counted = subprocess.run([PYTHON, "-c", COUNT_QUERIES], env=full, cwd=code,
                             capture_output=True, text=True, check=True).stdout.split()
    return out, int(counted[0]), int(counted[1])


def main() -> list[Row]:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "100,1000,10000").split(",")]
    old = baseline.checkout()
    print(f"follow-up --dry-run: {rounds(3)} rounds; {load()}")
    rows, counts = [], {}
    for n in sizes:
        env = env_for(prepared(n))
        mine, queries, actions = planned(env, None)
        counts[n] = queries
        line = f"    {n:>6,} organisations: {actions:,} actions, {queries} queries"
        runs = {"now": avtaleflyt("follow-up", "--dry-run", "--today", TODAY, env=env)}
        if old is not None:
            theirs, old_queries, old_actions = planned(env, old)
            # as sets: since issue 13 a renewal draft comes before its expiry warning
            same_actions = sorted(theirs.splitlines()) == sorted(mine.splitlines())
            same = "the same actions" if same_actions else "DIFFERENT ACTIONS"
            line += f" (before: {old_actions:,} actions, {old_queries} queries; {same})"
            runs["before"] = avtaleflyt("follow-up", "--dry-run", "--today", TODAY, env=env,
                                        code=old)
        found = interleaved(rounds(3), **runs)
        print(line + "".join(f"\n        {k}: min {min(t.wall):.2f} s, median "
                             f"{statistics.median(t.wall):.2f} s" for k, t in found.items()),
              flush=True)
        if n == max(sizes):
            row = Row(f"daily follow-up plan for {n:,} organisations (follow-up --dry-run)",
                      "≤1 s, queries constant, identical actions")
            if old is not None:
                row.require(same_actions, "the plans differ from the baseline's")
            row.require(len(set(counts.values())) == 1, f"queries by size: {counts}")
            row.at_most(found["now"], 1.0, baseline=found.get("before"))
            rows.append(row)
    return rows


if __name__ == "__main__":
    os.environ.setdefault("BENCH_ROUNDS", "3")
    finish(main())
