"""Small worlds for the fault-injection suite, built once through the real CLI and cloned for
every crash point: a data folder (documents, audit key and anchor, SQLite file) and, on
PostgreSQL, a database cloned from a template. The mail server and NHN's ordering endpoint
are real servers on loopback, shared by every run and cleared between them."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from agreements.core.calendar import OSLO, add_working_days
from agreements.core.db import get_engine
from tests.databases import BY_FILES
from tests.forked import Run
from tests.nhn_server import OrderDesk, order_desk
from tests.posten.pki import shared_pki
from tests.smtp_server import Inbox, smtp_server
from tests.world import BERGEN
from tests.zygote import ZYGOTE

OSLO_SIGNER, BERGEN_SIGNER, KS_SIGNER = ("ola@oslo.kommune.no", "berit@bergen.kommune.no",
                                         "kim@ks.no")
KLINIKK_SIGNER = "kai@klinikk.no"  # places the konsument's NHN order, in his name
CSV = ("orgnr,role,kind,name,kommunenummer,signatory_name,signatory_email\n"
       f"958935420,kilde,,,,Ola Ordfører,{OSLO_SIGNER}\n"
       f"{BERGEN},kilde,,,,\"Bergen, Berit\",{BERGEN_SIGNER}\n"
       f"123456785,konsument,privat,Klinikk Nord,5501,Kai Klinikk,{KLINIKK_SIGNER}\n")
SIGNED_PDF = b"%PDF-1.4\n% signert kopi\n%%EOF\n"  # replaced by a signed copy once sent


@dataclass
class Servers:
    inbox: Inbox
    smtp_port: int
    desk: OrderDesk
    nhn_url: str

    def clear(self) -> None:
        self.inbox.clear()
        with self.desk.lock:
            self.desk.requests.clear()
            self.desk.orders.clear()


@contextmanager
def servers() -> Iterator[Servers]:
    with smtp_server() as (inbox, port), order_desk() as (desk, url):
        yield Servers(inbox, port, desk, url)


@dataclass
class Place:
    """Where one run's world lives: its data folder and database."""

    root: Path
    db_url: str | None  # None: SQLite in the data folder
    env: dict[str, str] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.root / "var"

    @property
    def url(self) -> str:
        return self.db_url or f"sqlite:///{(self.data_dir / 'avtaleflyt.db').resolve()}"

    def cli(self, *argv: str, crash_at: str | None = None) -> Run:
        return ZYGOTE.run(argv, self.env, db_url=self.url, crash_at=crash_at)


def environment(place: Place, s: Servers) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AVTALEFLYT_", "PREFECT_API_URL"))}
    env.update({
        "AVTALEFLYT_DATA_DIR": str(place.data_dir), "AVTALEFLYT_OFFLINE": "1",
        "AVTALEFLYT_ALLOW_DRAFT_TEMPLATES": "1",
        "AVTALEFLYT_NHN_EMAIL": "bestilling@nhn.example",
        "AVTALEFLYT_PDF": "0", "AVTALEFLYT_ACTOR": "fault-suite",
        "AVTALEFLYT_SMTP_HOST": "127.0.0.1", "AVTALEFLYT_SMTP_PORT": str(s.smtp_port),
        # generous: the loopback servers answer at once, unless the machine is very busy
        "AVTALEFLYT_SMTP_TIMEOUT": "30", "AVTALEFLYT_OUTBOX_LEASE_SECONDS": "120",
        "AVTALEFLYT_NHN_CHANNEL": "http", "AVTALEFLYT_NHN_URL": s.nhn_url,
        "AVTALEFLYT_NHN_SECRET": "fault-suite-secret", "AVTALEFLYT_NHN_TIMEOUT": "30",
        "AVTALEFLYT_SIGNING_TRUST_ROOTS": str(shared_pki().ca_pem),
    })
    if place.db_url:
        env["AVTALEFLYT_DATABASE_URL"] = place.db_url
    return env


def new_place(root: Path, server_url: str | None, s: Servers) -> Place:
    place = Place(root, _new_database(server_url) if server_url else None)
    place.env = environment(place, s)
    return place


def clone(base: Place, root: Path, server_url: str | None, s: Servers) -> Place:
    """A copy of `base` at `root`: data folder copied, database cloned."""
    get_engine(base.url).dispose()
    place = Place(root, _new_database(server_url, template=base.db_url) if server_url else None)
    shutil.copytree(base.data_dir, place.data_dir)
    place.env = environment(place, s)
    return place


def _new_database(server_url: str, template: str | None = None) -> str:
    name = f"f_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        like = f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"{like} {BY_FILES}')
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def restore(place: Place, base: Place, server_url: str | None) -> None:
    """Put `base`'s world back at `place` (same folder, same database name), so the engine
    the zygote keeps for it stays warm: its compiled statements are inherited by every
    forked run (tests/zygote.py)."""
    get_engine(base.url).dispose()
    get_engine(place.url).dispose()
    if place.db_url and server_url:
        name, template = place.db_url.rsplit("/", 1)[1], base.db_url.rsplit("/", 1)[1]
        admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}" {BY_FILES}')
        admin.dispose()
    shutil.rmtree(place.data_dir, ignore_errors=True)
    shutil.copytree(base.data_dir, place.data_dir)


def in_process(place: Place, argv: Sequence[str], crash_at: str) -> int:
    """Run the CLI in the process that forks the runs (tests/zygote.py), to count crash
    points and warm every cache that the forked runs then inherit."""
    from agreements.core import crashpoints

    return ZYGOTE.warm(argv, {**place.env, crashpoints.VARIABLE: crash_at}, place.url)


def drop(place: Place, server_url: str | None) -> None:
    """Remove a run's world (its database on PostgreSQL; the folder goes with tmp_path)."""
    if not (place.db_url and server_url):
        return
    get_engine(place.url).dispose()
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{place.db_url.rsplit("/", 1)[1]}" '
                             "WITH (FORCE)")
    admin.dispose()


def ok(run: Run) -> Run:
    assert run.code in (0, 3) and "Traceback" not in run.err, run
    return run


@dataclass(frozen=True)
class Scenario:
    """A command to crash (built from the folder of shared files), and how a re-run of it
    may answer."""

    name: str
    argv: Callable[[Path], Sequence[str]]
    rerun_ok: Callable[[Run], bool] = lambda r: r.code in (0, 3)


def follow_up_day() -> str:
    """A day the first reminders are due (the agreements were sent today, Norwegian time)."""
    return add_working_days(datetime.now(OSLO).date(), 6).isoformat()


def build_base(root: Path, server_url: str | None, s: Servers, scenario: str) -> Place:
    """The starting world of a scenario: registered organisers (onboard), then agreements
    sent and the konsument registered (follow-up, the NHN order placed by its signatory),
    then the organisation's signature recorded (the countersignature)."""
    files = shared_files(root)
    place = new_place(root / "base", server_url, s)
    ok(place.cli("init"))
    for args in (("--name", "Kim Leder", "--email", KS_SIGNER, "--role", "signatory"),
                 ("--name", "Kari Koordinator", "--email", "kari@ks.no", "--role",
                  "coordinator")):
        ok(place.cli("org", "contact", "add", "971032146", *args))
    if scenario != "onboard":
        ok(place.cli(*SCENARIOS[0].argv(files)))
        (files / "signed.pdf").write_bytes(signed_agreement(place, 1))
    if scenario == "countersign":
        ok(place.cli("agreement", "sign", "1", "--signer", OSLO_SIGNER, "--file",
                     str(files / "signed.pdf")))
        (files / "countersigned.pdf").write_bytes(signed_agreement(place, 1))  # KS's own
    s.clear()
    return place


def signed_agreement(place: Place, agreement_id: int) -> bytes:
    """What its next signer sends back: a PDF holding the agreement's number (only the DOCX
    was sent), signed with their certificate from the test CA that
    AVTALEFLYT_SIGNING_TRUST_ROOTS trusts."""
    from agreements.app import open_app
    from agreements.config import Settings
    from tests.helpers import signed_copy

    with open_app(Settings.from_env(place.env)) as app:
        data = signed_copy(app, agreement_id)
    get_engine(place.url).dispose()
    return data


def shared_files(root: Path) -> Path:
    files = root / "files"
    files.mkdir(parents=True, exist_ok=True)
    (files / "rows.csv").write_text(CSV, encoding="utf-8")
    (files / "signed.pdf").write_bytes(SIGNED_PDF)
    return files


SCENARIOS = (
    Scenario("onboard", lambda f: ["onboard", "--csv", str(f / "rows.csv"), "--offline"]),
    Scenario("follow-up", lambda f: ["follow-up", "--today", follow_up_day()]),
    Scenario("nhn-order", lambda f: ["nhn", "order", "123456785", "--by", KLINIKK_SIGNER,
                                     "--without-her-id"]),
    Scenario("countersign",
             lambda f: ["agreement", "sign", "1", "--signer", KS_SIGNER, "--file",
                        str(f / "countersigned.pdf")],
             rerun_ok=lambda r: r.code == 0 or (r.code == 1 and (
                 "already signed" in r.err or "is active; it cannot be signed" in r.err))),
)
