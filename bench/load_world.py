"""The world `bench.load` runs in: the 357 kommuner with their people and links, the portal
as a process of its own, the follow-up and onboarding beside it, and what was stored."""

from __future__ import annotations

import random
import re
import statistics
import subprocess
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from bench.common import PYTHON, ROOT, env_for
from bench.population import valid_orgnrs

SECRET = "bench-load-secret-key-0123456789-abcdefgh"
CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')


@dataclass
class Person:
    email: str
    link: str
    orgnr: str | None  # a kommune's PJD lead; None: KS's coordinator
    # open checklist items to hand in: (id, whether it asks for the chosen document types)
    items: list[tuple[int, bool]] = field(default_factory=list)


def world(data: Path, db_url: str | None, people: int) -> tuple[dict[str, str], list[Person]]:
    """The 357 kommuner registered, their people, and each person's sign-in link."""
    from sqlmodel import col, select

    from agreements import reference
    from agreements.access import tokens
    from agreements.config import Settings
    from agreements.core.enums import ItemStatus
    from agreements.core.models import ChecklistItem, Organisation, Participation
    from agreements.registry.register import Registration, register
    from tests.conftest import make_app
    from tests.helpers import organisers_with_contacts

    env = env_for(data, AVTALEFLYT_SECRET_KEY=SECRET, AVTALEFLYT_PDF="0",
                  AVTALEFLYT_SIGNIN_PER_ADDRESS="1000", AVTALEFLYT_SIGNIN_PER_CLIENT="100000",
                  **({"AVTALEFLYT_DATABASE_URL": db_url} if db_url else {}))
    app = make_app(Settings.from_env(env))
    organisers_with_contacts(app)
    kommuner = list(reference.kommuner())
    for i, orgnr in enumerate(kommuner):
        register(app, Registration(orgnr=orgnr, role="kilde", offline=True,
                                   coordinator=f"PJD {i} <pjd{i}@k{i}.no>"))
    with app.transaction() as s:
        open_items = defaultdict(list)
        for orgnr, item, key in s.exec(select(
                Organisation.orgnr, ChecklistItem.id, ChecklistItem.process_key).join(
                Participation, col(Participation.id) == ChecklistItem.participation_id).join(
                Organisation, col(Organisation.id) == Participation.organisation_id).where(
                ChecklistItem.status == ItemStatus.OPEN)):
            open_items[orgnr].append((item or 0, key == reference.DOCUMENT_TYPES_ITEM))
    found = []
    for n in range(people):
        i = n % len(kommuner)
        email, orgnr = ((f"pjd{i}@k{i}.no", kommuner[i]) if n % 10 else ("kari@ks.no", None))
        link = tokens.issue_link(app, email)
        found.append(Person(email, link.split("/logg-inn", 1)[1], orgnr,
                            list(open_items.get(orgnr or "", []))))
    app.close()
    return env, found


@contextmanager
def portal(env: dict[str, str], port: int, workers: int) -> Any:
    """`avtaleflyt portal --workers N` in a process of its own, once it answers."""
    script = (f"import sys; sys.argv = ['avtaleflyt', 'portal', '--port', '{port}', "
              f"'--workers', '{workers}']; from cli import main; sys.exit(main())")
    env = {**env, "AVTALEFLYT_PORTAL_URL": f"http://127.0.0.1:{port}"}
    proc = subprocess.Popen([PYTHON, "-c", script], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):  # until it answers (a minute's patience), or it died
            if proc.poll() is not None:
                raise RuntimeError(f"the portal stopped: {proc.stderr.read()[-800:]!r}")  # type: ignore[union-attr]
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(30)


class Background(threading.Thread):
    """Batch work beside the people for the whole run: a follow-up and an onboarding of 100
    new avtalespesialister at once, round after round until `until` (on a quiet machine one
    round takes seconds, so a single round would be over before most people's first click)."""

    def __init__(self, env: dict[str, str], data: Path, nice: int, until: float) -> None:
        super().__init__(name="background", daemon=True)
        self.env, self.data, self.nice, self.until = env, data, nice, until
        self.rounds, self.failures = 0, list[str]()
        self.ended: float | None = None
        self.numbers = valid_orgnrs(random.Random(20), set())

    def run(self) -> None:
        while time.monotonic() < self.until:
            rows = self.data / f"spesialister-{self.rounds}.csv"
            n = self.rounds
            rows.write_text(
                "orgnr,role,kind,name,kommunenummer,region,signatory_name,signatory_email\n"
                + "".join(f"{next(self.numbers)},kilde,avtalespesialist,Spesialist {n}-{i},"
                          f"0301,helse-sor-ost,Spes {n}-{i},spes{n}-{i}@example.no\n"
                          for i in range(100)), encoding="utf-8")
            for job in [self._cli("follow-up"), self._cli("onboard", "--csv", str(rows),
                                                          "--offline")]:
                _, err = job.communicate()
                if job.returncode:
                    self.failures.append(f"{job.args[-1][:60]}: {err[-300:]!r}")
            self.rounds += 1
        self.ended = time.monotonic()

    def _cli(self, *args: str) -> subprocess.Popen[bytes]:
        script = f"import sys; sys.argv = {['avtaleflyt', *args]!r}; from cli import main; main()"
        return subprocess.Popen(["nice", "-n", str(self.nice), PYTHON, "-c", script],
                                env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)


def evidence(env: dict[str, str]) -> int:
    """Evidence documents stored, each read back and checked against its SHA-256."""
    from sqlmodel import select

    from agreements.app import open_app
    from agreements.config import Settings
    from agreements.core.models import Document

    with open_app(Settings.from_env(env)) as app, app.transaction() as s:
        docs = list(s.exec(select(Document).where(Document.kind == "evidence")))
        return sum(len(app.documents.read(d)) > 0 for d in docs)


def one_mb(who: str, item: int) -> bytes:
    """1 MB of evidence of its own: an item's evidence is refused if it is another's file."""
    head = f"%PDF-1.4\n% {who} {item}\n".encode()
    return head + bytes(1024 * 1024 - 7 - len(head)) + b"\n%%EOF\n"


async def signin_timing(base: str, rounds: int) -> dict[str, list[float]]:
    """Asking for a link: a known and an unknown address, taking turns."""
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for n in range(rounds):
            for kind, address in (("known", f"pjd{n % 300}@k{n % 300}.no"),
                                  ("unknown", f"nobody{n}@example.no")):
                csrf = CSRF.search((await client.get("/")).text)
                start = time.perf_counter()
                await client.post("/logg-inn", data={"csrf_token": csrf.group(1) if csrf
                                                     else "", "email": address})
                times[kind].append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return max(values)
    return statistics.quantiles(values, n=20, method="inclusive")[-1]
