"""1,500 avtalespesialister across the four RHFs (issue 20, item 5), signing at the loopback
Posten signering (bench.esign's, without its pacing): `avtaleflyt onboard --csv` of all 1,500,
the follow-up, the rollout report, the portal's area page for Helse Sør-Øst (goal ≤ 0.3 s);
then, once the RHFs have confirmed they are the organisers, creating the 1,500 Posten jobs
(goal ≤ 60 s) and, once every signer has signed (first signers, then second), one
`avtaleflyt signing poll` applying the 3,000 status changes (goal ≤ 60 s): 3,000 signatures,
1,500 verified PAdES and certificates. Posten seals each job's signed PDF (PAdES) when the job
completes and hands out the stored file when it is downloaded; the fake does the same here
(each PAdES is sealed once every signer has signed, before the poll, untimed), so the poll's
time is avtaleflyt's and the round trips', not the fake's signing. The fake answers with
TCP_NODELAY, as a real server does (until 7 December each of its answers waited about 40 ms for
the client's delayed ACK: 2 minutes of a 3,000-change poll). Onboarding, follow-up and report
have no goal of their own in the issue: their figures are printed as measured.

PDFs (drafts, certificates) come from a stand-in for LibreOffice (bench/soffice_stand_in.py):
LibreOffice's own time is bench/pdf.py's subject. The figures are avtaleflyt's processes' CPU
(the fake Posten's, this process's, beside them) and, for the poll, the CPU a change may cost
for 60 s on this machine's cores, and the poll's own account of each stage's wall and CPU time
(its summary's `time` lines). `.venv/bin/python -m bench.specialists [N]`; BENCH_PROFILE=FILE
runs the poll under cProfile (CPU time: its main thread only) and writes its statistics there;
BENCH_POLL_AGAIN=FILE polls again on the same world each time FILE appears (`bench.poll_again`).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bench import poll_again
from bench.common import (
    PYTHON,
    ROOT,
    Row,
    Timing,
    _cpu,
    avtaleflyt,
    command,
    env_for,
    finish,
    interleaved,
    load,
    timed,
)
from bench.poll_row import poll_row

if TYPE_CHECKING:
    from agreements.app import App
    from tests.posten.server import PostenServer

# region: (share, kommunenummer), the RHFs' areas of the avtalespesialister
REGIONS = {"helse-sor-ost": (0.5, "0301"), "helse-vest": (0.2, "4601"),
           "helse-midt-norge": (0.13, "5001"), "helse-nord": (0.17, "5501")}
RHFS = {"helse-sor-ost": "991324968", "helse-vest": "983658725",
        "helse-midt-norge": "983658776", "helse-nord": "883658752"}
AREA_GOAL = 0.3
GOAL = 60.0  # seconds: creating the jobs; applying the status changes
BATCH = 50  # jobs created in one `create_many`


def rows_csv(path: Path, n: int) -> dict[str, int]:
    """`n` avtalespesialister, each RHF its share; how many in each."""
    from bench.population import valid_orgnrs

    numbers, counts, lines = valid_orgnrs(random.Random(1500), set()), {}, []
    for region, (share, kommune) in REGIONS.items():
        counts[region] = round(n * share) if region != "helse-nord" else n - sum(counts.values())
        lines += [f"{next(numbers)},kilde,avtalespesialist,{region},Spesialist {region} {i},"
                  f"{kommune},Spesialist {i},spes{i}@{region}.example\n"
                  for i in range(counts[region])]
    path.write_text("orgnr,role,kind,region,name,kommunenummer,signatory_name,signatory_email\n"
                    + "".join(lines), encoding="utf-8")
    return counts


def area_page(data: Path, repeats: int = 10) -> Timing:
    """The area overview for Helse Sør-Øst over HTTP, its coordinator signed in (the portal
    runs in a thread of this process, so the process's CPU time is the request's)."""
    from agreements.app import open_app
    from agreements.config import Settings
    from portal.serving import settle
    from tests.portal_helpers import portal_settings, serve, signed_in

    settings = portal_settings(Settings.from_env(env_for(data)))
    timing = Timing()
    with open_app(settings) as app, serve(settings) as base, \
            signed_in(app, base, "koord@helse-sor-ost.example") as client:
        settle()  # as `avtaleflyt portal` serves: start-up's objects out of the full GC passes
        for _ in range(repeats):
            cpu, start = _cpu(), time.perf_counter()
            answer = client.get("/omrade/helse-sor-ost")
            timing.wall.append(time.perf_counter() - start)
            timing.cpu.append(_cpu() - cpu)
            if answer.status_code != 200:
                raise RuntimeError(f"the area page answered {answer.status_code}")
    return timing


def names(counts: dict[str, int]) -> dict[str, str]:
    """Each signer's name (their BankID certificate's) by e-mail: specialists and RHF leaders."""
    return {**{f"spes{i}@{region}.example": f"Spesialist {i}"
               for region, n in counts.items() for i in range(n)},
            **{f"leder@{region}.example": f"leder {region}" for region in RHFS}}


def drafts_now(app: App) -> list[int]:
    from sqlmodel import select

    from agreements.core.enums import AgreementStatus
    from agreements.core.models import Agreement

    with app.transaction() as session:
        return [i or 0 for i in session.exec(select(Agreement.id).where(
            Agreement.status == AgreementStatus.DRAFT).order_by(Agreement.id))]


def prepare() -> None:
    """In a child process (the environment the parent set), untimed: each RHF confirms it is
    its avtalespesialister's organiser, and the drafts, which state that confirmation, are
    generated again in one batch (sending would otherwise make them one at a time)."""
    from sqlmodel import select

    from agreements.app import open_app
    from agreements.config import Settings
    from agreements.contracts import drafts, regenerate
    from agreements.core.enums import Kind
    from agreements.core.models import Organisation
    from agreements.registry.confirm import confirm

    with open_app(Settings.from_env(), actor="bench") as app:
        with app.transaction() as session:
            orgnrs = list(session.exec(select(Organisation.orgnr).where(
                Organisation.kind == Kind.AVTALESPESIALIST)))
        for orgnr in orgnrs:
            confirm(app, orgnr)
        stale = {pid: aid for aid in drafts_now(app)
                 for current, pid in [regenerate.is_current(app, aid)] if not current}
        drafts.create_agreements(app, list(stale), replacing=stale)


def send_drafts() -> None:
    """In a child process: create the drafts' signature jobs (`prepare` made them current), a
    batch at a time; fails on any job not created."""
    from agreements.app import open_app
    from agreements.config import Settings
    from agreements.contracts import creating

    with open_app(Settings.from_env(), actor="bench") as app:
        ids, provider = drafts_now(app), app.signing_provider()
        for at in range(0, len(ids), BATCH):
            failed = creating.create_many(app, ids[at:at + BATCH], provider)
            if failed:
                raise SystemExit(f"jobs not created: {failed}")


def in_child(function: str, env: dict[str, str]) -> Callable[[], None]:
    return command([PYTHON, "-c", f"from bench.specialists import {function}; {function}()"],
                   env)


def posten_rows(posten: PostenServer, env: dict[str, str], n: int) -> list[Row]:
    """Creating the jobs, then one poll applying every signer's status change."""
    from bench.esign import sign_all

    in_child("prepare", env)()
    creating, fake_creating = timed(in_child("send_drafts", env))
    jobs = len(posten.jobs)
    create = Row(f"creating {n} Posten jobs (the drafts, organisers confirmed)", f"≤{GOAL} s")
    create.require(jobs == n, f"jobs at Posten: {jobs}, expected {n}")
    create.notes += [f"{creating.cpu[0] / n * 1000:.1f} ms of avtaleflyt's CPU per job; "
                     f"the fake Posten's CPU {fake_creating:.1f} s", f"{load()} after"]
    create.at_most(creating, GOAL)
    sign_all(posten, signer_by_signer=True)
    sealing, start = time.process_time(), time.perf_counter()
    for job in posten.jobs.values():  # Posten seals each signed PDF as its job completes
        posten.pades(job)
    print(f"  the fake Posten sealed {len(posten.jobs)} signed PDFs (untimed: Posten's work "
          f"as each job completes) in {time.perf_counter() - start:.1f} s "
          f"(CPU {time.process_time() - sealing:.1f} s)", flush=True)
    with poll_again.kept(posten, Path(env["AVTALEFLYT_DATA_DIR"])) as again:
        rows = [create, poll_row(posten, env, n)]
        again(lambda: poll_row(posten, env, n))
    return rows


def main() -> list[Row]:
    from bench.esign import loopback_posten
    from bench.soffice_stand_in import stand_in

    sys.path.insert(0, str(ROOT))
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1500
    print(f"{n} avtalespesialister across the four RHFs (Posten loopback, stand-in PDFs); "
          f"{load()}")
    with tempfile.TemporaryDirectory(prefix="bench-spes-") as tmp:
        data, csv = Path(tmp) / "data", Path(tmp) / "spesialister.csv"
        counts = rows_csv(csv, n)
        with loopback_posten(data, names(counts),
                             AVTALEFLYT_SOFFICE=str(stand_in(Path(tmp)))) as (posten, env):
            avtaleflyt("init", env=env)()
            for region, orgnr in RHFS.items():
                for role, who in (("signatory", "leder"), ("coordinator", "koord")):
                    avtaleflyt("org", "contact", "add", orgnr, "--name", f"{who} {region}",
                               "--email", f"{who}@{region}.example", "--role", role, env=env)()
            phases = {name: interleaved(1, now=avtaleflyt(*args, env=env))["now"]
                      for name, args in (("onboarding", ("onboard", "--csv", str(csv),
                                                         "--offline")),
                                         ("the follow-up", ("follow-up",)),
                                         ("rollout report", ("report", "--out",
                                                             str(Path(tmp) / "report"))))}
            for name, timing in phases.items():
                print(f"  {name:<34} {timing.wall[0]:7.1f} s (CPU {timing.cpu[0]:.1f} s; "
                      f"{timing.cpu[0] / n * 1000:.1f} ms CPU each)   no goal in the issue: "
                      "measured")
            area = area_page(data)
            print(f"  per RHF: {counts}")
            row = Row(f"portal area page, Helse Sør-Øst ({counts['helse-sor-ost']} of {n})",
                      f"≤{AREA_GOAL} s")
            row.notes.append(f"median {statistics.median(area.wall) * 1000:.0f} ms over "
                             f"{len(area.wall)} requests")
            row.at_most(area, AREA_GOAL)
            return [row, *posten_rows(posten, env, n)]


if __name__ == "__main__":
    finish(main())
