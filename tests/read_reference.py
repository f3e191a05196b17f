"""The read paths as they were before they were made fast (ORM objects, walked day by day),
kept as the reference the fast ones must agree with."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from agreements import reference
from agreements.core.calendar import OSLO
from agreements.core.enums import ItemStatus, OrderStatus, Role, SignatureStatus
from agreements.core.lifecycle import (
    IN_FORCE,
    IN_PLAY,
    OUT_FOR_SIGNING,
    annex_of,
    governing,
    split,
    values,
)
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    CollaborationArea,
    Contact,
    NhnOrder,
    Organisation,
    OutboxMessage,
    Participation,
    Signature,
)
from agreements.followup.plan import (
    InForce,
    OpenItem,
    PendingSignature,
    Recurring,
    State,
    SubmittedOrder,
)
from agreements.readiness.gates import phase
from agreements.registry.routing import organiser_state
from agreements.reporting.views import Row, org_json, row_json


def rows(session: Session, organisation_ids: list[int] | None = None) -> list[Row]:
    q = select(Participation).order_by(col(Participation.id))
    if organisation_ids is not None:
        q = q.where(col(Participation.organisation_id).in_(organisation_ids))
    parts = list(session.exec(q))
    ids = [p.id for p in parts]
    orgs = {o.id: o for o in session.exec(select(Organisation))}
    areas = {a.id: a for a in session.exec(select(CollaborationArea))}
    agreements: dict[int, list[Agreement]] = defaultdict(list)
    for a in session.exec(select(Agreement).where(col(Agreement.participation_id).in_(ids))):
        agreements[a.participation_id].append(a)
    orders = {o.participation_id: o for o in session.exec(
        select(NhnOrder).where(col(NhnOrder.participation_id).in_(ids)))}
    items: dict[int, list[ChecklistItem]] = defaultdict(list)
    for i in session.exec(select(ChecklistItem).where(
            col(ChecklistItem.participation_id).in_(ids)).order_by(col(ChecklistItem.id))):
        items[i.participation_id].append(i)
    result = []
    for p in parts:
        area = areas.get(p.area_id) if p.area_id else None
        signed, annexes = split(agreements[p.id or 0])
        result.append(Row(
            participation=p, organisation=orgs[p.organisation_id], area=area,
            organiser=orgs.get(area.organiser_id) if area else None,
            agreement=governing(signed), order=orders.get(p.id or 0),
            items=items[p.id or 0], annex=annex_of(governing(signed), annexes),
        ))
    return result


def organisation_status(session: Session, org: Organisation, today: date) -> dict[str, Any]:
    contacts = session.exec(select(Contact).where(Contact.organisation_id == org.id)
                            .order_by(col(Contact.id)))
    return {
        **org_json(org),
        "contacts": [{"name": c.name, "email": c.email, "role": c.role, "title": c.title}
                     for c in contacts],
        "participations": [row_json(r, today) for r in rows(session, [org.id or 0])],
    }


def organisation_rows(session: Session, today: date, *,
                      area: str | None = None) -> list[dict[str, Any]]:
    out = []
    for r in rows(session):
        if area and (r.area is None or r.area.key != area):
            continue
        out.append({"orgnr": r.organisation.orgnr, "navn": r.organisation.navn,
                    "kind": r.organisation.kind, "role": r.participation.role,
                    "area": r.area.key if r.area else None,
                    "organiser": r.organiser.navn if r.organiser else None,
                    "organiser_state": {"proposed": "foreslått", "confirmed": "bekreftet"}.get(
                        organiser_state(r.organisation.kind, r.participation.area_id,
                                        r.participation.organiser_confirmed_at) or "", ""),
                    "phase": phase(r.snapshot).value})
    return out


def load_state(session: Session) -> State:
    reminded: dict[int, list[date]] = defaultdict(list)
    for m in session.exec(select(OutboxMessage).where(
            col(OutboxMessage.key).startswith("followup:remind:signature:"))):
        reminded[int(m.key.split(":")[3])].append(m.created_at.astimezone(OSLO).date())
    signatures = tuple(
        PendingSignature(s.id or 0, a.id or 0, s.asked_at.astimezone(OSLO).date(),
                         a.signing_deadline, reminded=len(reminded[s.id or 0]),
                         last_reminded=max(reminded[s.id or 0], default=None))
        for s, a in session.exec(
            select(Signature, Agreement).join(Agreement)
            .where(Signature.status == SignatureStatus.PENDING,
                   col(Signature.asked_at).is_not(None),
                   col(Agreement.status).in_(values(OUT_FOR_SIGNING)))
            .order_by(col(Signature.id)))
        if s.asked_at and a.signing_deadline
    )
    items = tuple(OpenItem(i.id or 0, i.participation_id, i.due_on,
                           escalates=p.role == Role.KILDE and p.area_id is not None)
                  for i, p in session.exec(
        select(ChecklistItem, Participation).join(Participation)
        .where(ChecklistItem.status == ItemStatus.OPEN)
        .order_by(col(ChecklistItem.id))))
    orders = tuple(
        SubmittedOrder(o.id or 0, o.participation_id, o.submitted_at.astimezone(OSLO).date())
        for o in session.exec(select(NhnOrder).where(NhnOrder.status == OrderStatus.SUBMITTED)
                              .order_by(col(NhnOrder.id)))
        if o.submitted_at)
    successors = set(session.exec(select(Agreement.supersedes_id).where(
        col(Agreement.supersedes_id).is_not(None),
        col(Agreement.status).in_(values(IN_PLAY)))))
    in_force = tuple(
        InForce(a.id or 0, a.participation_id, a.status, a.effective_on, a.expires_on,
                a.id in successors)
        for a in session.exec(select(Agreement).where(
            col(Agreement.status).in_(values(IN_FORCE)), Agreement.kind == "agreement")
            .order_by(col(Agreement.id)))
        if a.effective_on and a.expires_on)
    return State(signatures, items, orders, in_force, _recurring(session))


def _recurring(session: Session) -> tuple[Recurring, ...]:
    live = list(session.exec(select(Participation).where(
        col(Participation.live_on).is_not(None)).order_by(col(Participation.id))))
    opened: dict[tuple[int, str], set[date]] = defaultdict(set)
    for pid, key, occ in session.exec(
            select(ChecklistItem.participation_id, ChecklistItem.process_key,
                   ChecklistItem.occurrence).where(
                col(ChecklistItem.participation_id).in_([p.id for p in live]),
                ChecklistItem.occurrence != "")):
        opened[(pid, key)].add(date.fromisoformat(occ))
    return tuple(
        Recurring(p.id or 0, proc.key, proc.recurrence, p.live_on,
                  frozenset(opened[(p.id or 0, proc.key)]))
        for p in live if p.live_on
        for proc in reference.processes()
        if proc.recurrence and proc.applies(Role(p.role))
    )


def agreement_rows(session: Session, status: str | None = None) -> list[dict[str, Any]]:
    q = (select(Agreement, Organisation)
         .join(Participation, col(Participation.id) == Agreement.participation_id)
         .join(Organisation, col(Organisation.id) == Participation.organisation_id)
         .order_by(col(Agreement.id)))
    if status:
        q = q.where(Agreement.status == status)
    return [{"id": a.id, "kind": a.kind, "orgnr": o.orgnr, "navn": o.navn, "version": a.version,
             "status": a.status, "signing_deadline": a.signing_deadline,
             "expires_on": a.expires_on} for a, o in session.exec(q)]
