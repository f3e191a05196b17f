"""When each checklist item is due: the process catalogue's rule (`after`, `due_working_days`)
applied to the events the participation has seen, not to its registration alone.

An item whose event has not happened yet has no due date (`due_on` is None) and says what it
waits for (`waits_for`); an information item (`after = "none"`, e.g. Helseteknologiordningen)
never has one, so it is never overdue and never reminded. `due_on` is pure; `refresh` writes
the dates of open items where an event happened (an agreement signed, an item done, an order
confirmed, the EPJ vendor's date recorded), in the transaction that recorded the event, so
every reader keeps reading the stored date. Recurring occurrences keep the date they opened
with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from agreements.core.calendar import OSLO, add_working_days
from agreements.core.enums import AgreementKind, ItemStatus, OrderStatus, Role
from agreements.core.models import Agreement, ChecklistItem, NhnOrder, Organisation, Participation
from agreements.core.orders import covering

ITEM = "item:"
WAITS_FOR = {  # the event, in bokmål, as "frist: N virkedager etter …"
    "registered": "registreringen",
    "agreement_signed": "at samarbeidsavtalen er signert",
    "order_confirmed": "at Norsk helsenett har bekreftet bestillingen",
    "vendor_ready": "datoen EPJ-leverandøren har oppgitt",
}


@dataclass(frozen=True)
class Events:
    """What has happened to one participation, as days (None: not yet)."""

    registered: date
    agreement_signed: date | None = None
    order_confirmed: date | None = None
    vendor_ready: date | None = None
    done: Mapping[str, date] = field(default_factory=dict)  # item key → day done or waived
    on_checklist: frozenset[str] = frozenset()


def event_day(after: str, events: Events) -> date | None:
    """The day the event `after` happened (None: not yet, or an information item)."""
    if after == "none":
        return None
    if after.startswith(ITEM):
        key = after.removeprefix(ITEM)
        return events.done.get(key) if key in events.on_checklist else events.registered
    return {"registered": events.registered, "agreement_signed": events.agreement_signed,
            "order_confirmed": events.order_confirmed,
            "vendor_ready": events.vendor_ready}.get(after, events.registered)


def due_on(after: str, working_days: int, events: Events) -> date | None:
    day = event_day(after, events)
    return add_working_days(day, working_days) if day else None


def waits_for(after: str) -> str | None:
    """What an item without a due date waits for, in bokmål (None: information only)."""
    if after == "none":
        return None
    if after.startswith(ITEM):
        from agreements import reference

        return f"at «{reference.process(after.removeprefix(ITEM)).title}» er utført"
    return WAITS_FOR.get(after, "registreringen")


def overdue(due: date | None, today: date) -> bool:
    """Past its due date (an item without one never is)."""
    return due is not None and due < today


def when(key: str) -> str:
    """An item without a due date, in bokmål: when it will have one, or that it has none."""
    from agreements import reference

    rule = reference.process(key)
    event = waits_for(rule.after)
    if event is None:
        return "ingen frist (til informasjon)"
    return f"{rule.due_working_days} virkedager etter {event}"


def _day(moment: datetime | date | None) -> date | None:
    if isinstance(moment, datetime):
        return moment.astimezone(OSLO).date()
    return moment


def _events(session: Session, ids: Collection[int] | None) -> dict[int, Events]:
    """Each participation's events, in a fixed number of queries."""
    read = session.connection().execute
    parts = sa.select(col(Participation.id), col(Participation.role),
                      col(Participation.registered_on), col(Organisation.epj_vendor_ready_on)
                      ).join(Organisation, col(Organisation.id) == Participation.organisation_id)
    signed = sa.select(col(Agreement.participation_id), sa.func.min(col(Agreement.signed_at))
                       ).where(col(Agreement.signed_at).is_not(None),
                               col(Agreement.kind) == AgreementKind.AGREEMENT).group_by(
        col(Agreement.participation_id))
    orders = sa.select(col(NhnOrder.participation_id), col(NhnOrder.covers_participation_id),
                       col(NhnOrder.decided_at)).where(
        col(NhnOrder.status) == OrderStatus.CONFIRMED)
    items = sa.select(col(ChecklistItem.participation_id), col(ChecklistItem.process_key),
                      col(ChecklistItem.status), col(ChecklistItem.done_at)).where(
        col(ChecklistItem.occurrence) == "")
    if ids is not None:
        parts = parts.where(col(Participation.id).in_(list(ids)))
        signed = signed.where(col(Agreement.participation_id).in_(list(ids)))
        orders = orders.where(covering(ids))
        items = items.where(col(ChecklistItem.participation_id).in_(list(ids)))
    signed_on = {pid: _day(at) for pid, at in read(signed)}
    confirmed = {pid: _day(at) for owner, covers, at in read(orders)
                 for pid in (owner, covers) if pid is not None}  # one order for both roles
    done: dict[int, dict[str, date]] = defaultdict(dict)
    keys: dict[int, set[str]] = defaultdict(set)
    for pid, key, status, at in read(items):
        keys[pid].add(key)
        day = _day(at)
        if status != ItemStatus.OPEN and day:
            done[pid][key] = day
    return {pid: Events(registered, registered if role != Role.KILDE else signed_on.get(pid),
                        confirmed.get(pid), ready, done[pid], frozenset(keys[pid]))
            for pid, role, registered, ready in read(parts) if pid is not None}


def refresh(session: Session, participation_ids: Collection[int] | None = None) -> int:
    """Set the due date of every open (non-recurring) item of these participations (all:
    None) from the events they follow; returns how many changed."""
    from agreements import reference

    session.flush()
    events = _events(session, participation_ids)
    q = sa.select(col(ChecklistItem.id), col(ChecklistItem.participation_id),
                  col(ChecklistItem.process_key), col(ChecklistItem.due_on)).where(
        col(ChecklistItem.status) == ItemStatus.OPEN, col(ChecklistItem.occurrence) == "")
    if participation_ids is not None:
        q = q.where(col(ChecklistItem.participation_id).in_(list(participation_ids)))
    rules = {p.key: p for p in reference.processes()}
    changed: list[dict[str, Any]] = []
    for iid, pid, key, before in session.connection().execute(q):
        rule = rules.get(key)
        if rule is None or pid not in events:
            continue
        after = due_on(rule.after, rule.due_working_days, events[pid])
        if after != before:
            changed.append({"item": iid, "due": after})
    apart: list[dict[str, Any]] = []  # rows the session holds no copy of: one UPDATE for all
    for change in changed:  # the ORM's copy, where the session holds one, stays true too
        held = session.identity_map.get(sa.inspect(ChecklistItem).identity_key_from_primary_key(
            (change["item"],)))
        if held is not None:
            held.due_on = change["due"]
        else:
            apart.append(change)
    if apart:
        table = ChecklistItem.__table__  # type: ignore[attr-defined]
        session.connection().execute(
            sa.update(table).where(table.c.id == sa.bindparam("item"))
            .values(due_on=sa.bindparam("due")), apart)
    session.flush()
    return len(changed)
