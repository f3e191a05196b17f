"""Read models: the status of organisations and participations, built with few queries.

The JSON shapes returned here are the stable output of `--format json` (see README).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from agreements import reference
from agreements.contracts.drafts import governing
from agreements.core.enums import ItemStatus, Role
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    CollaborationArea,
    Contact,
    NhnOrder,
    Organisation,
    Participation,
)
from agreements.readiness.gates import Snapshot, gates, phase


@dataclass
class Row:
    participation: Participation
    organisation: Organisation
    area: CollaborationArea | None
    organiser: Organisation | None
    agreement: Agreement | None
    order: NhnOrder | None
    items: list[ChecklistItem]

    @property
    def open_mandatory(self) -> tuple[str, ...]:
        mandatory = {p.key: p for p in reference.processes() if p.mandatory}
        return tuple(
            mandatory[i.process_key].title for i in self.items
            if i.status == ItemStatus.OPEN and i.occurrence == "" and i.process_key in mandatory
        )

    @property
    def snapshot(self) -> Snapshot:
        return Snapshot(
            role=Role(self.participation.role),
            agreement=self.agreement.status if self.agreement else None,
            order=self.order.status if self.order else None,
            terms=self.order.terms_status if self.order else None,
            open_mandatory=self.open_mandatory,
            live_on=self.participation.live_on,
        )


def rows(session: Session, organisation_ids: list[int] | None = None) -> list[Row]:
    """Everything needed for status and reports, in a fixed number of queries."""
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
        result.append(Row(
            participation=p, organisation=orgs[p.organisation_id], area=area,
            organiser=orgs.get(area.organiser_id) if area else None,
            agreement=governing(agreements[p.id or 0]), order=orders.get(p.id or 0),
            items=items[p.id or 0],
        ))
    return result


def org_json(o: Organisation) -> dict[str, Any]:
    return {"orgnr": o.orgnr, "navn": o.navn, "kind": o.kind, "kommunenummer": o.kommunenummer,
            "fylke": fylke_of(o.kommunenummer)}


def fylke_of(kommunenummer: str | None) -> str | None:
    return reference.fylker().get(kommunenummer[:2]) if kommunenummer else None


def row_json(r: Row, today: date) -> dict[str, Any]:
    snap = r.snapshot
    overdue = [i for i in r.items if i.status == ItemStatus.OPEN and i.due_on < today]
    a, o = r.agreement, r.order
    return {
        "role": r.participation.role,
        "area": {"key": r.area.key, "name": r.area.name,
                 "routed_by": r.participation.routed_by} if r.area else None,
        "organiser": {"navn": r.organiser.navn, "orgnr": r.organiser.orgnr}
        if r.organiser else None,
        "phase": phase(snap).value,
        "gates": gates(snap),
        "registered_on": r.participation.registered_on.isoformat(),
        "live_on": r.participation.live_on.isoformat() if r.participation.live_on else None,
        "agreement": {"id": a.id, "status": a.status, "version": a.version,
                      "signing_deadline": a.signing_deadline.isoformat()
                      if a.signing_deadline else None,
                      "expires_on": a.expires_on.isoformat() if a.expires_on else None}
        if a else None,
        "nhn_order": {"status": o.status, "reference": o.reference, "terms": o.terms_status}
        if o else None,
        "checklist": {
            "open": sum(i.status == ItemStatus.OPEN for i in r.items),
            "done": sum(i.status == ItemStatus.DONE for i in r.items),
            "waived": sum(i.status == ItemStatus.WAIVED for i in r.items),
            "overdue": [i.process_key for i in overdue],
        },
    }


def organisation_status(session: Session, org: Organisation, today: date) -> dict[str, Any]:
    contacts = session.exec(select(Contact).where(Contact.organisation_id == org.id)
                            .order_by(col(Contact.id)))
    return {
        **org_json(org),
        "contacts": [{"name": c.name, "email": c.email, "role": c.role, "title": c.title}
                     for c in contacts],
        "participations": [row_json(r, today) for r in rows(session, [org.id or 0])],
    }


def area_exists(session: Session, key: str) -> bool:
    found = session.exec(select(CollaborationArea.id).where(CollaborationArea.key == key))
    return found.first() is not None


def organisation_rows(session: Session, today: date, *,
                      area: str | None = None) -> list[dict[str, Any]]:
    """One row per participation: who, role, area, organiser and phase (`org list`)."""
    out = []
    for r in rows(session):
        if area and (r.area is None or r.area.key != area):
            continue
        out.append({"orgnr": r.organisation.orgnr, "navn": r.organisation.navn,
                    "kind": r.organisation.kind, "role": r.participation.role,
                    "area": r.area.key if r.area else None,
                    "organiser": r.organiser.navn if r.organiser else None,
                    "phase": phase(r.snapshot).value})
    return out
