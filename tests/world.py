"""A world where every action can be taken: a sent and a draft agreement, kilder without
agreements, a konsument with an order at NHN (placed by its PJD lead Klara) and one without,
a done checklist item and a failed message. Built afresh for each test of tests/test_actions.py.

Building it costs about 0.3 s of a core, a hundred times a run; so the first world a process
builds for a kind of database and the same settings (but the data folder and database) is
kept, and later ones are copies of it (tests/databases.py: the data folder by file copy, a
PostgreSQL database by `CREATE DATABASE … TEMPLATE`), as `make_app` copies an initialised
database: the same rows, ids, documents and audit log, made minutes earlier the same day."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import SecretStr
from sqlmodel import select

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.core.calendar import OSLO
from agreements.core.enums import ContactRole
from agreements.core.models import ChecklistItem, OutboxMessage
from agreements.nhn import order
from agreements.outbox import delivery, queue
from agreements.registry.lookup import participation_of
from agreements.registry.register import Registration, register
from tests import databases
from tests.conftest import make_app
from tests.helpers import KS, add_contact, oslo_kilde

KLINIKK, KLINIKK2 = "123456785", "987654325"  # made-up numbers with a valid check digit
KLARA = "klara@klinikk.example"  # the klinikker's PJD lead, who places their NHN orders
SPESIALIST = "912345629"  # made up, valid check digit: an avtalespesialist in Tromsø


def kommune(navn: str) -> str:
    """A kommune's orgnr, from the reference data."""
    from agreements import reference

    return next(o for o, k in reference.kommuner().items() if k.navn == navn)


BERGEN, STAVANGER, HALDEN = kommune("Bergen"), kommune("Stavanger"), kommune("Halden")


@dataclass
class World:
    app: App
    sent: int  # Oslo's agreement, sent to Ola
    draft: int  # Bergen's agreement, not sent
    failed: int  # an outbox message that failed for good


_ids: dict[str, tuple[int, int, int]] = {}  # a kept world's (sent, draft, failed)


def _key(settings: Settings) -> str:
    """What a world depends on: the kind of database (a world kept on SQLite is no template
    for PostgreSQL), every setting but where it is kept, and the day."""
    values = {name: value.get_secret_value() if isinstance(value, SecretStr) else value
              for name, value in settings if name not in ("data_dir", "database_url")}
    return json.dumps([databases.kind(settings), datetime.now(OSLO).date(), values],
                      default=str, sort_keys=True)


def build_world(settings: Settings) -> World:
    """The world in the settings' data folder and database: a copy of this process's first
    one where that can be made (module docstring), else built."""
    key = _key(settings)
    if key in _ids and databases.copy_kept(settings, key):
        return World(open_app(settings, clock=Clock(None), actor="test"), *_ids[key])
    fresh = key not in _ids and databases.fresh(settings)
    world = _build(settings)
    if fresh:
        world.app.engine.dispose()  # SQLite folds its WAL in; PostgreSQL: no session left
        databases.keep(settings, key)
        _ids[key] = (world.sent, world.draft, world.failed)
    return world


def _build(settings: Settings) -> World:
    app = make_app(settings)
    oslo = oslo_kilde(app)
    (sent,) = drafts.create_agreements(app, [oslo])
    sending.send(app, sent.agreement_id)
    bergen = register(app, Registration(orgnr=BERGEN, role="kilde",
                                        signatory="Berit <berit@bergen.kommune.no>"))
    (draft,) = drafts.create_agreements(app, bergen.participation_ids)
    register(app, Registration(orgnr=STAVANGER, role="kilde"))
    for orgnr in (KLINIKK, KLINIKK2):
        register(app, Registration(orgnr=orgnr, role="konsument", kind="privat",
                                   name=f"Klinikk {orgnr}", kommunenummer="0301"))
        add_contact(app, orgnr, "Klara Klinikk", KLARA, ContactRole.COORDINATOR)
    order.place_order(app, pid(app, KLINIKK), by=KLARA, without_her_id=True)
    register(app, Registration(orgnr=SPESIALIST, role="kilde", kind="avtalespesialist",
                               name="Psykiater Ravna", kommunenummer="5501"))
    delivery.deliver(app)
    with app.transaction() as s:
        queue.enqueue(app, s, queue.Mail("test:failed", "x@example.no", "Emne", "Tekst"))
        message = s.exec(select(OutboxMessage).where(OutboxMessage.key == "test:failed")).one()
        message.status, message.last_error = "failed", "550 no such user"
        done = s.exec(select(ChecklistItem).where(
            ChecklistItem.participation_id == oslo,
            ChecklistItem.process_key == "helsenett_medlemskap")).one()
        done.status, done.done_by = "done", "Siri"
    add_contact(app, KS, "Kim Leder", "kim@ks.no", ContactRole.SIGNATORY)
    return World(app, sent.agreement_id, draft.agreement_id, message.id or 0)


def pid(app: App, orgnr: str) -> int:
    return participation_of(app, orgnr, None)


def one(app: App, model: type, *where: Any) -> Any:
    with app.transaction() as s:
        return s.exec(select(model).where(*where)).one()
