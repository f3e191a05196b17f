"""How fast the read commands answer, in fresh processes: `--help` against importing click,
`status` against importing SQLModel (the goal: no more than 0.05 s over it), and `status`,
`org list`, `agreement list` against the code before issue 12, at 100, 1,000 and 10,000
organisations in every phase.

    .venv/bin/python -m bench.cli [SIZES]      e.g. 100,1000,10000
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from bench import baseline
from bench.common import (
    PYTHON,
    Row,
    avtaleflyt,
    command,
    env_for,
    finish,
    interleaved,
    load,
    rounds,
)
from bench.population import orgnrs, prepared

LIST_COMMANDS = {"org list": ["org", "list"], "agreement list": ["agreement", "list"]}


def help_rows(env: dict[str, str]) -> list[Row]:
    click = command([PYTHON, "-c", "import click"], env)
    found = interleaved(rounds(), click=click, help=avtaleflyt("--help", env=env),
                        command_help=avtaleflyt("agreement", "sign", "--help", env=env))
    rows = []
    for key, name in (("help", "avtaleflyt --help"),
                      ("command_help", "avtaleflyt agreement sign --help")):
        row = Row(f"{name} (baseline: python -c 'import click')", "≤0.15 s")
        row.at_most(found[key], 0.15, baseline=found["click"])
        rows.append(row)
    return rows


def status_row(data: Path, env: dict[str, str], n: int) -> Row:
    orgnr = orgnrs(data)[n // 2]
    found = interleaved(rounds(), sqlmodel=command([PYTHON, "-c", "import sqlmodel"], env),
                        status=avtaleflyt("status", orgnr, env=env))
    row = Row(f"avtaleflyt status ORGNR, {n:,} organisations (baseline: import sqlmodel)",
              "≤ importing SQLModel + 0.05 s")
    row.within(found["status"], found["sqlmodel"], 0.05)
    return row


def growth(sizes: list[int], old: Path | None) -> None:
    """status and the list commands at each size: now, and before issue 12."""
    print(f"\nread commands by size (fresh processes, min/median of {rounds()}, seconds):")
    for n in sizes:
        data = prepared(n)
        env = env_for(data)
        commands = {"status": ["status", orgnrs(data)[n // 2]], **LIST_COMMANDS}
        for name, args in commands.items():
            runs = {"now": avtaleflyt(*args, env=env)}
            if old is not None:
                runs["before"] = avtaleflyt(*args, env=env, code=old)
            found = interleaved(rounds(), **runs)
            text = "  ".join(f"{k} {min(v.wall):.3f}/{statistics.median(v.wall):.3f}"
                             for k, v in found.items())
            print(f"    {n:>6,} organisations  {name:<15} {text}", flush=True)


def main() -> list[Row]:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "100,1000,10000").split(",")]
    print(f"read commands: {rounds()} rounds; {load()}")
    largest = prepared(max(sizes))
    env = env_for(largest)
    rows = [*help_rows(env), status_row(largest, env, max(sizes))]
    growth(sizes, baseline.checkout())
    return rows


if __name__ == "__main__":
    finish(main())
