"""`make bench-load`: the portal under load (issue 20, item 4). An async httpx driver, not
locust: httpx is already a dependency, and one event loop of clients in this process is what
locust's gevent users are, without monkeypatching.

All 357 kommuner are registered, each with its PJD lead; the portal runs as a process of its
own (`avtaleflyt portal`); PEOPLE people sign in by their link (nine in ten a kommune's PJD
lead, one in ten KS's coordinator) and for SECONDS read their status page and checklist, the
coordinators the area overview of 357, and the PJD leads hand in 1 MB of evidence — while a
follow-up and an onboarding of 100 avtalespesialister run beside them, round after round for
the whole run (`load_world.Background`: one round takes seconds on a quiet machine). On
SQLite, and on PostgreSQL (`BENCH_POSTGRES_URL`, else a throwaway server). Each figure is
printed with its goal; exit 1 on a miss.

How people click (the model, THINK seconds): between two clicks a person reads the page that
came back, every person alike (coordinators too: they read the overview before the next
click): a pause drawn uniformly from 3 to 15 s, mean 9 s. That is on the quick side of what
reading these pages takes — a status page of gates and next steps, a checklist of a dozen
items with their texts, an overview of 357 lines are tens of seconds of reading at 200–250
words a minute — so the load is if anything heavier than the first morning's: 100 people ask
for about 11 pages a second. Nobody clicks at the same instant as everybody else: each
person's first click comes after one such pause (they open the e-mail at different moments).

How it is served (the README's advice to an operator of one machine): the portal with a worker
process per core (`--workers`), and the follow-up and onboarding at niceness 10 (`--nice`), as
a Prefect worker on the portal's machine should run: batch work gives way to people waiting.

It prints how late its own event loop woke (a delay in every figure that is not the portal's);
`--probe` adds where the sign-ins' time went in the portal (bench/load_probe.py).

    .venv/bin/python -m bench.load [--seconds 300] [--people 100] [--workers N] [--sqlite-only]
        [--postgres-only] [--probe]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench import load_probe, load_probe_report
from bench.common import ROOT, load
from bench.load_world import (
    CSRF,
    Background,
    Person,
    evidence,
    one_mb,
    p95,
    portal,
    signin_timing,
    world,
)

PAGE_GOAL, UPLOAD_GOAL = 0.300, 1.0  # p95, seconds
THINK = (3.0, 15.0)  # seconds a person reads a page before the next click (the docstring)


_TOKEN = re.compile(r'name="token" value="([^"]*)"')


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    began: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    uploaded: int = 0
    lag: list[float] = field(default_factory=list)  # the driver's event loop, late by


async def timed(tally: Tally, name: str, request: Any) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        answer: httpx.Response = await request
    except httpx.HTTPError as exc:
        tally.errors.append(f"{name}: {type(exc).__name__} {exc}")
        return None
    tally.times[name].append(time.perf_counter() - start)
    tally.began[name].append(time.monotonic())
    if answer.status_code >= 500 or "database is locked" in answer.text:
        tally.errors.append(f"{name}: {answer.status_code}")
    return answer


async def person(base: str, who: Person, until: float, tally: Tally, rng: random.Random) -> None:
    await asyncio.sleep(rng.uniform(*THINK))  # people open their e-mail at different moments
    async with httpx.AsyncClient(base_url=base, follow_redirects=True, timeout=60) as client:
        page = await client.get("/logg-inn" + who.link)
        token, csrf = _TOKEN.search(page.text), CSRF.search(page.text)
        if not (token and csrf):
            tally.errors.append(f"sign-in page for {who.email}: {page.status_code}")
            return
        signed = await timed(tally, "sign-in (link)", client.post("/logg-inn/lenke", data={
            "csrf_token": csrf.group(1), "token": token.group(1)}))
        csrf = CSRF.search(signed.text) if signed else None  # the session's own token
        while time.monotonic() < until:
            choice = rng.random()
            if who.orgnr is None:  # KS's coordinator
                await timed(tally, "area overview (357)", client.get("/omrade/kommuner"))
            elif choice < 0.4:
                await timed(tally, "status page", client.get(f"/virksomhet/{who.orgnr}"))
            elif choice < 0.8 or not who.items:
                checklist = await timed(tally, "checklist page",
                                        client.get(f"/virksomhet/{who.orgnr}/sjekkliste"))
                csrf = (CSRF.search(checklist.text) if checklist else None) or csrf
            else:
                item, types = who.items.pop()
                answer = await timed(tally, "evidence upload (1 MB)", client.post(
                    f"/virksomhet/{who.orgnr}/sjekkliste/{item}",
                    data={"csrf_token": csrf.group(1) if csrf else "",
                          **({"dokumenttyper": "Epikriser\nSykepleiedokumentasjon"}
                             if types else {})},
                    files={"fil": ("dokumentasjon.pdf", one_mb(who.email, item),
                                   "application/pdf")}))
                if answer is not None and answer.status_code < 500 and "levert" not in str(
                        answer.url):
                    tally.errors.append(f"evidence upload refused: {answer.status_code}")
                tally.uploaded += bool(answer and "levert" in str(answer.url))
            await asyncio.sleep(rng.uniform(*THINK))  # a person reads before the next click


async def lagging(tally: Tally, until: float) -> None:
    """How late this driver's own event loop wakes (a 10 ms sleep's overshoot): a time every
    figure above includes, that is the driver's and not the portal's."""
    while time.monotonic() < until:
        start = time.perf_counter()
        await asyncio.sleep(0.01)
        tally.lag.append(time.perf_counter() - start - 0.01)


def run(label: str, db_url: str | None, seconds: float, people: int, workers: int,
        nice: int, probe: bool = False) -> list[str]:
    """One run; the goals it missed."""
    missed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        env, found = world(Path(tmp), db_url, people)
        port = 20000 + os.getpid() % 20000
        probed = load_probe.environment(tmp, str(ROOT)) if probe else {}
        with portal({**env, **probed}, port, workers) as base:
            tally, rng = Tally(), random.Random(4)
            began = time.monotonic()
            until = began + seconds
            batch = Background({**env, **probed, **(
                {"AVTALEFLYT_BENCH_PROBE_BATCH": "1"} if probe else {})}, Path(tmp), nice, until)
            batch.start()
            start_load = load()

            async def everyone() -> None:
                await asyncio.gather(lagging(tally, until), *(
                    person(base, p, until, tally, rng) for p in found))
            asyncio.run(everyone())
            batch.join(600)  # its last round ends before the sign-in timing starts
            signin = asyncio.run(signin_timing(base, 20))
            missed += [f"{label}: background {f}" for f in batch.failures[:3]]
        print(f"\nportal under load, {label}: {people} people for {seconds:.0f} s beside "
              f"{batch.rounds} rounds of a follow-up and an onboarding of 100 (niceness {nice}, "
              f"one after another until {(batch.ended or time.monotonic()) - began:.0f} s), "
              f"the portal in {workers} worker process(es); {start_load} at the start, "
              f"{load()} at the end")
        for name, times in sorted(tally.times.items()):
            goal = UPLOAD_GOAL if "upload" in name else PAGE_GOAL
            ok = p95(times) <= goal
            missed += [] if ok else [f"{label}: {name} p95"]
            print(f"  {name:<24} n={len(times):<5} median {statistics.median(times) * 1000:6.0f} "
                  f"ms  p95 {p95(times) * 1000:6.0f} ms  max {max(times) * 1000:6.0f} ms   "
                  f"goal p95 ≤ {goal * 1000:.0f} ms: {'met' if ok else 'MISSED'}")
            cut = batch.ended or float("inf")
            during = [t for t, at in zip(times, tally.began[name], strict=True) if at <= cut]
            after = [t for t, at in zip(times, tally.began[name], strict=True) if at > cut]
            if during and after:
                print(f"  {'':<24} while the follow-up and onboarding ran: n={len(during)} "
                      f"p95 {p95(during) * 1000:.0f} ms; after: p95 {p95(after) * 1000:.0f} ms")
        print(f"  (the driver's own event loop woke late by: median "
              f"{statistics.median(tally.lag) * 1000:.0f} ms, p95 {p95(tally.lag) * 1000:.0f} ms, "
              f"max {max(tally.lag) * 1000:.0f} ms; included in the figures above)")
        print(f"  errors (5xx, database is locked, transport): {len(tally.errors)}   goal 0: "
              f"{'met' if not tally.errors else 'MISSED'}"
              + "".join(f"\n    {e}" for e in tally.errors[:5]))
        missed += [f"{label}: {len(tally.errors)} error(s)"] if tally.errors else []
        stored = evidence(env)
        print(f"  evidence handed in {tally.uploaded}, stored and readable {stored}   goal "
              f"nothing lost: {'met' if stored >= tally.uploaded else 'MISSED'}")
        missed += [] if stored >= tally.uploaded else [f"{label}: evidence lost"]
        known, unknown = (statistics.median(signin[k]) for k in ("known", "unknown"))
        same = abs(known - unknown) <= max(0.02, 0.25 * min(known, unknown))
        print(f"  asking for a link: known {known * 1000:.0f} ms, unknown {unknown * 1000:.0f} "
              f"ms (medians)   goal the same time: {'met' if same else 'MISSED'}")
        missed += [] if same else [f"{label}: sign-in timing differs"]
        if probe:
            print("  probe (the portal's workers; first 20 s):")
            for method, path in (("POST", "/logg-inn/lenke"), ("GET", "/")):
                print(load_probe_report.summary(tmp, method, path, first=20))
            print("  probe (the batch's transactions holding the writer's lock):")
            print(load_probe_report.batch_summary(tmp))
    return missed


def main() -> None:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=float(os.environ.get(
        "BENCH_LOAD_SECONDS", 300)))
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="the portal's worker processes (default: one per core)")
    parser.add_argument("--nice", type=int, default=10,
                        help="niceness of the follow-up and the onboarding (README: a Prefect "
                             "worker on the portal's machine runs at nice 10)")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgres-only", action="store_true")
    parser.add_argument("--probe", action="store_true",
                        help="also print where the sign-ins' time went in the portal's workers "
                             "(bench/load_probe.py)")
    args = parser.parse_args()
    missed = [] if args.postgres_only else run(
        "SQLite", None, args.seconds, args.people, args.workers, args.nice, args.probe)
    if not args.sqlite_only:
        with ExitStack() as stack:
            server = os.environ.get("BENCH_POSTGRES_URL") or stack.enter_context(
                _postgres())
            from tests.conftest import fresh_postgres_database

            missed += run("PostgreSQL", fresh_postgres_database(server), args.seconds,
                          args.people, args.workers, args.nice, args.probe)
    print(f"\n{load()} at the end" + (f"; missed: {'; '.join(missed)}" if missed else ""))
    sys.exit(1 if missed else 0)


@contextmanager
def _postgres() -> Any:
    from tests.conftest import started_postgres

    with started_postgres() as url:
        yield url


if __name__ == "__main__":
    main()
