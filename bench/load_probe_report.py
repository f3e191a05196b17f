"""What `bench.load --probe` found (bench/load_probe.py wrote it): where the sign-ins' time
went in the portal's workers, and how long the batch's transactions held the writer's lock."""

from __future__ import annotations

import glob
import json
import os
from collections import defaultdict
from typing import Any

PARTS = ("wall", "pool_wait", "thread_wall", "thread_cpu", "db_begin", "db_lock", "db_commit",
         "db_other")


def summary(folder: str, method: str, path: str, first: float | None = None) -> str:
    """Median and p95 of each part of the requests `method path` (those that began within
    `first` seconds of the first one, when given), in ms."""
    rows = []
    for name in glob.glob(os.path.join(folder, "probe.[0-9]*")):
        with open(name, encoding="utf-8") as f:
            rows += [r for line in f if (r := json.loads(line))["method"] == method
                     and r["path"] == path]
    if not rows:
        return f"  {method} {path}: no requests"
    if first is not None:
        start = min(r["at"] for r in rows)
        rows = [r for r in rows if r["at"] - start <= first]

    def q(values: list[float], p: float) -> float:
        values = sorted(values)
        return values[min(len(values) - 1, int(p * len(values)))] * 1000

    worst = sorted(rows, key=lambda r: -r["wall"])[: max(1, len(rows) // 20)]
    lines = [f"  {method} {path}: n={len(rows)}   " + "  ".join(
        f"{part} {q([r[part] for r in rows], 0.5):.0f}/{q([r[part] for r in rows], 0.95):.0f}"
        for part in PARTS) + "   (median/p95 ms)"]
    lines += ["    slowest: " + "  ".join(f"{part} {r[part] * 1000:.0f}" for part in PARTS)
              for r in worst]
    return "\n".join(lines)


def batch_summary(folder: str) -> str:
    """The batch's transactions that held the writer's lock, by site: count, held and CPU."""
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    spent: dict[str, float] = defaultdict(float)
    for name in glob.glob(os.path.join(folder, "probe.batch.*")):
        with open(name, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if "site" in r:
                    by[r["site"]].append(r)
                else:
                    spent["process"] += r["process_cpu"]
                    spent["backends"] += r["backend_cpu"]
    lines = []
    for where, rows in sorted(by.items(), key=lambda kv: -sum(r["held"] for r in kv[1])):
        held = sorted(r["held"] for r in rows)
        lines.append(f"  {where}: n={len(rows)} held median {held[len(held) // 2] * 1000:.0f} "
                     f"max {held[-1] * 1000:.0f} total {sum(held):.1f} s; cpu meanwhile "
                     f"{sum(r['cpu'] for r in rows):.1f} s")
    return "\n".join([*lines[:12], f"  CPU of the batch's processes {spent['process']:.1f} s (at "
                       f"their niceness), of their PostgreSQL backends {spent['backends']:.1f} s "
                       "(not niced)"])
