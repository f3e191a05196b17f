"""`make bench`: every row of issue 12's table, one script a row (or a few), then a summary.

    .venv/bin/python -m bench [--quick]

--quick: fewer rounds and sizes (1,000 organisations at most, onboarding without PDFs, no
e-signing of all 357 kommuner).
Exits 1 when a goal is missed by more than the noise (see bench.common). Each row is also
appended to var/bench/results.jsonl.
"""

from __future__ import annotations

import os
import sys
import time

from bench.common import Row, finish, load


def main() -> None:
    quick = "--quick" in sys.argv
    if quick:
        os.environ.setdefault("BENCH_ROUNDS", "2")
    sizes = "100,1000" if quick else "100,1000,10000"
    started = time.monotonic()
    print(f"make bench: {load()}; rounds {os.environ.get('BENCH_ROUNDS', 'default')}\n")
    from bench import action, cli, esign, followup, onboarding, pdf, render, specialists

    rows: list[Row] = []
    sys.argv = [sys.argv[0]]
    rows.append(render.main())
    rows += [r for r in [pdf.main()] if r]
    sys.argv = [sys.argv[0], sizes]
    rows += cli.main()
    rows += followup.main()
    sys.argv = [sys.argv[0], *(["--no-pdf"] if quick else [])]
    rows += onboarding.main()
    rows += action.main()
    if not quick:
        rows += esign.main()
    sys.argv = [sys.argv[0], *(["300"] if quick else [])]
    rows += specialists.main()
    print(f"\nsummary ({(time.monotonic() - started) / 60:.0f} min):")
    for row in rows:
        print(f"  {row.verdict:<13.13} {row.name}: {row.goal}")
    finish(rows)


if __name__ == "__main__":
    main()
