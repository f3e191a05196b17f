"""A database of N organisations in every phase, built with the project's own tables, for the
benchmarks and for the tests that compare fast and slow read paths.

Kommuner, avtalespesialister and private virksomheter; kilder, konsumenter and both; drafts,
agreements sent long ago (some past their deadline), partly signed, signed, active (some near
expiry, some already renewed), ended; NHN orders prepared, submitted long ago, confirmed;
checklists done, waived and overdue; live organisations with their signed Vedlegg 1 and
recurring log controls; reminders and escalations in the outbox. Bulk inserts (seconds for
10,000 organisations); the same `n` and `seed` always give the same database.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import SQLModel

from agreements import reference
from agreements.app import App
from agreements.core import models as m
from agreements.core.calendar import OSLO, add_working_days, occurrence_dates
from agreements.core.enums import AgreementStatus as A
from agreements.core.enums import ItemStatus, OrderStatus, Role, SignatureStatus, TermsStatus
from agreements.readiness.checklist import initial_processes
from agreements.registry import bootstrap

PHASES = ("none", "draft", "sent", "sent", "partially_signed", "signed", "active", "active",
          "active", "renewing", "ended", "ready", "live", "live")
KINDS = (("kommune", "kommuner"), ("avtalespesialist", "helse-vest"),
         ("avtalespesialist", "helse-nord"), ("privat", "helse-sor-ost"))
TYPES = '[{"navn": "Epikriser", "beskrivelse": "Fra sykehjem"}]'  # a forhåndsvurdering's


def valid_orgnrs(rng: random.Random, taken: set[str]) -> Iterator[str]:
    """Fresh organisation numbers with a correct MOD11 check digit."""
    while True:
        digits = [rng.choice((8, 9))] + [rng.randrange(10) for _ in range(7)]
        rest = sum(d * w for d, w in zip(digits, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        check = 0 if rest == 0 else 11 - rest
        number = "".join(map(str, digits)) + str(check)
        if check < 10 and number not in taken:
            taken.add(number)
            yield number


TABLES: tuple[type[SQLModel], ...] = (m.Organisation, m.Contact, m.Participation, m.Agreement,
                                      m.Signature, m.ChecklistItem, m.NhnOrder, m.OutboxMessage)


class _Rows:
    """Rows per table with ids handed out here, inserted in dependency order at the end."""

    def __init__(self, app: App) -> None:
        self.app, self.rows, self.now = app, {}, datetime.now(UTC)
        with app.engine.connect() as c:
            self.next_id = {t: (c.scalar(select(func.max(t.__table__.c.id))) or 0) + 1
                            for t in TABLES}

    def add(self, model: type[SQLModel], **values: Any) -> int:
        values["id"], self.next_id[model] = self.next_id[model], self.next_id[model] + 1
        self.rows.setdefault(model, []).append(values)
        return int(values["id"])

    def insert(self) -> None:
        with self.app.engine.begin() as c:
            for model in TABLES:
                rows = self.rows.get(model, [])
                keys = {k for r in rows for k in r}  # executemany needs the same keys in each
                if rows:
                    c.execute(insert(model.__table__), [dict.fromkeys(keys) | r for r in rows])


def populate(app: App, n: int, today: date, seed: int = 12) -> list[str]:
    """Add `n` organisations as of `today`; their organisation numbers, in order."""
    bootstrap.init(app)
    rng, rows = random.Random(seed), _Rows(app)
    with app.transaction() as s:
        areas = {a.key: a for a in s.exec(select(m.CollaborationArea)).scalars()}
        taken = set(s.exec(select(m.Organisation.orgnr)).scalars())
        for area in areas.values():  # the organisers countersign
            rows.add(m.Contact, organisation_id=area.organiser_id, name=f"Leder {area.key}",
                     email=f"leder@{area.key}.example", role="signatory", title=None)
    numbers = valid_orgnrs(rng, taken)
    orgnrs = []
    for i in range(n):
        kind, area_key = KINDS[i % len(KINDS)] if i % 5 else KINDS[0]
        orgnr = next(numbers)
        orgnrs.append(orgnr)
        org = rows.add(m.Organisation, orgnr=orgnr, navn=f"Virksomhet {i} & Sønner", kind=kind,
                       kommunenummer=f"{rng.choice(list(reference.kommuner_by_number()))}",
                       source="manual", created_at=rows.now)
        signer = rows.add(m.Contact, organisation_id=org, name=f"Signatar {i}",
                          email=f"s{i}@v.example", role="signatory", title="Daglig leder")
        rows.add(m.Contact, organisation_id=org, name=f"Koordinator {i}",
                 email=f"k{i}@v.example", role="coordinator", title=None)
        roles = [Role.KILDE, Role.KONSUMENT] if i % 11 == 1 else [
            Role.KILDE if i % 7 else Role.KONSUMENT]
        for role in roles:
            registered = today - timedelta(days=rng.randrange(5, 1200))
            area = areas[area_key] if role is Role.KILDE else None
            phase = PHASES[rng.randrange(len(PHASES))]
            live_on = (registered + timedelta(days=rng.randrange(60, 300))
                       if phase == "live" else None)
            if live_on and live_on >= today:
                live_on = today - timedelta(days=1)
            pid = rows.add(m.Participation, organisation_id=org, role=role.value,
                           area_id=area.id if area else None, registered_on=registered,
                           live_on=live_on)
            if area is not None:
                _agreement(rows, rng, pid, area, org, signer, phase, registered, today)
            _order(rows, rng, pid, phase, registered, today)
            _checklist(rows, rng, pid, role, phase, registered, live_on, today)
    rows.insert()
    return orgnrs


def _agreement(rows: _Rows, rng: random.Random, pid: int, area: Any, org: int, signer: int,
               phase: str, registered: date, today: date) -> None:
    if phase == "none":
        return
    sent = min(registered + timedelta(days=rng.randrange(1, 200)), today)
    status = {"draft": A.DRAFT, "sent": A.SENT, "partially_signed": A.PARTIALLY_SIGNED,
              "signed": A.SIGNED, "ended": rng.choice((A.LAPSED, A.DECLINED, A.WITHDRAWN))
              }.get(phase, A.ACTIVE)
    effective = sent + timedelta(days=rng.randrange(10, 60))
    if phase in ("active", "renewing", "ready", "live") and rng.random() < 0.3:
        effective = today - timedelta(days=3 * 365 - rng.randrange(0, 120))  # near expiry
    if status is A.SIGNED:
        effective = today + timedelta(days=rng.randrange(-5, 20))
    in_force = status in (A.SIGNED, A.ACTIVE)
    expires = effective + timedelta(days=3 * 365 - 1)
    if status is A.ACTIVE and expires < today:
        expires = today + timedelta(days=rng.randrange(-3, 30))
    aid = rows.add(m.Agreement, participation_id=pid, area_id=area.id, version=1,
                   status=status.value, kind="agreement", created_at=_at(registered),
                   sent_at=_at(sent) if status is not A.DRAFT else None,
                   signing_deadline=add_working_days(sent, 30) if status is not A.DRAFT else None,
                   signed_at=_at(effective) if in_force else None,
                   effective_on=effective if in_force else None,
                   expires_on=expires if in_force else None)
    if phase in ("ready", "live"):  # Vedlegg 1 signed, stating the chosen types
        rows.add(m.Agreement, participation_id=pid, area_id=area.id, version=1, kind="annex",
                 annex_of_id=aid, number=f"PJD-{pid}-1-VEDLEGG1-1", document_types=TYPES,
                 status=A.ACTIVE.value, created_at=_at(effective), expires_on=expires)
    if phase == "renewing":
        rows.add(m.Agreement, participation_id=pid, area_id=area.id, version=2, kind="agreement",
                 status=A.DRAFT.value, created_at=_at(today), supersedes_id=aid)
    if status is A.DRAFT:
        return
    first = {A.SENT: SignatureStatus.PENDING, A.DECLINED: SignatureStatus.DECLINED,
             A.LAPSED: SignatureStatus.LAPSED}.get(status, SignatureStatus.SIGNED)
    second = SignatureStatus.SIGNED if in_force else (
        SignatureStatus.PENDING if status is A.PARTIALLY_SIGNED else first)
    asked_second = sent + timedelta(days=rng.randrange(1, 30))
    for position, state, who, asked in ((1, first, org, sent), (2, second, area.organiser_id,
                                                                asked_second)):
        sig = rows.add(m.Signature, agreement_id=aid, position=position, organisation_id=who,
                       contact_id=signer if position == 1 else 1, status=state.value,
                       asked_at=_at(min(asked, today))
                       if position == 1 or status is not A.SENT else None,
                       signed_at=_at(asked) if state is SignatureStatus.SIGNED else None)
        if state is SignatureStatus.PENDING and rng.random() < 0.5:
            rows.add(m.OutboxMessage, key=f"followup:remind:signature:{sig}:1",
                     channel="email", recipient="x@v.example", status="sent",
                     created_at=rows.now)


def _order(rows: _Rows, rng: random.Random, pid: int, phase: str, registered: date,
           today: date) -> None:
    done = phase in ("live", "ready")
    if not done and (phase not in ("active", "renewing", "signed") or rng.random() < 0.2):
        return
    status = OrderStatus.CONFIRMED if done else rng.choice(
        (OrderStatus.PREPARED, OrderStatus.SUBMITTED, OrderStatus.SUBMITTED,
         OrderStatus.CONFIRMED))
    submitted = min(registered + timedelta(days=rng.randrange(20, 400)), today)
    terms = TermsStatus.SIGNED if done else rng.choice(list(TermsStatus))
    rows.add(m.NhnOrder, participation_id=pid, status=status.value, idempotency_key=f"nhn:{pid}",
             payload="{}", channel="email", prepared_at=_at(registered),
             submitted_at=_at(submitted) if status is not OrderStatus.PREPARED else None,
             reference=f"NHN-{pid}" if status is OrderStatus.CONFIRMED else None,
             terms_status=terms.value)


def _checklist(rows: _Rows, rng: random.Random, pid: int, role: Role, phase: str,
               registered: date, live_on: date | None, today: date) -> None:
    overdue: list[int] = []
    for p in initial_processes(role):
        due = add_working_days(registered, p.due_working_days)
        done = live_on is not None or phase == "ready" or rng.random() < 0.55
        waived = not done and not p.mandatory and rng.random() < 0.3
        status = ItemStatus.DONE if done else ItemStatus.WAIVED if waived else ItemStatus.OPEN
        item = rows.add(m.ChecklistItem, participation_id=pid, process_key=p.key,
                        occurrence="", status=status.value, due_on=due,
                        done_at=_at(due) if done else None, done_by="x" if done else None,
                        **(dict(document_types=TYPES, review_status="accepted") if done else {}))
        if status is ItemStatus.OPEN and due < today:
            overdue.append(item)
    if overdue and rng.random() < 0.5:  # reminded once already; some escalated too
        ids = ",".join(map(str, overdue))
        for kind in ("reminder", "escalation")[:1 + (rng.random() < 0.3)]:
            rows.add(m.OutboxMessage, key=f"followup:checklist-{kind}:{pid}:{ids}",
                     channel="email", recipient="k@v.example", status="sent",
                     created_at=rows.now)
    for p in reference.processes():
        if live_on is None or not p.recurrence or not p.applies(role):
            continue
        days = [d for d in occurrence_dates(p.recurrence, live_on, today) if d > live_on]
        for day in days[:-1] if rng.random() < 0.4 else days:  # some not opened yet
            rows.add(m.ChecklistItem, participation_id=pid, process_key=p.key,
                     occurrence=day.isoformat(), status=rng.choice(("done", "open")),
                     due_on=add_working_days(day, p.occurrence_due_working_days))


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9, 30), OSLO).astimezone(UTC)


def prepared(n: int, today: date = date(2026, 11, 25)) -> Path:
    """A data folder holding `n` organisations, built once and reused while this builder and
    the models stay the same (under var/bench/)."""
    import hashlib
    import shutil

    from agreements.app import Clock, open_app
    from agreements.config import PROJECT_ROOT, Settings

    sources = [Path(__file__), PROJECT_ROOT / "agreements" / "core" / "models.py"]
    stamp = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]
    folder = PROJECT_ROOT / "var" / "bench" / f"population-{n}"
    if (folder / "stamp").is_file() and (folder / "stamp").read_text() == f"{stamp} {today}":
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    with open_app(Settings(data_dir=folder, offline=True, actor="bench", nhn_email="b@nhn.example",
                           allow_draft_templates=True), clock=Clock(today)) as app:
        orgnrs = populate(app, n, today)
        app.engine.dispose()
    (folder / "orgnrs.txt").write_text("\n".join(orgnrs))
    (folder / "stamp").write_text(f"{stamp} {today}")
    return folder


def orgnrs(folder: Path) -> list[str]:
    """The organisation numbers `prepared` added, in order."""
    return (folder / "orgnrs.txt").read_text().split()
