"""Read models: the status of organisations and participations, each in a fixed number of
queries whatever the number of organisations.

`rows()` gives ORM objects (the checklist items as plain rows) for the report, the flows and
the portal. The command line's read paths (`status`, `org list`) select plain columns on
`tables` instead, so they neither build ORM objects by thousands nor import the models;
tests/test_read_models.py holds both to the same output. The JSON shapes returned here are
the stable output of `--format json` (README).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from agreements import reference
from agreements.core.enums import ItemStatus, Role
from agreements.core.lifecycle import counting, split
from agreements.core.orders import by_participation as by_order
from agreements.errorcodes import Code
from agreements.errors import NotFound
from agreements.readiness.gates import Snapshot, gates, phase, sections_of, unreviewed
from agreements.registry.routing import organiser_state
from agreements.reporting import lists
from agreements.reporting.tables import (
    AGREEMENT,
    AREA,
    CONTACT,
    ITEM,
    ORDER,
    ORGANISATION,
    annex_json,
    by_participation,
    chosen_types,
    participations,
    states_chosen,
)
from agreements.reporting.tables import PARTICIPATION as PART
from agreements.reporting.tables import covering as order_covering

if TYPE_CHECKING:
    from agreements.core.models import (
        Agreement,
        CollaborationArea,
        NhnOrder,
        Organisation,
        Participation,
    )


ItemRow = sa.Row[Any]  # a checklist item's columns, read-only: cheaper by thousands than ORM


@dataclass
class Row:
    participation: Participation
    organisation: Organisation
    area: CollaborationArea | None
    organiser: Organisation | None
    agreement: Agreement | None
    order: NhnOrder | None
    items: list[ItemRow]
    annex: Agreement | None = None  # Vedlegg 1 of `agreement` (lifecycle.annex_of)
    agreements: list[Agreement] = field(default_factory=list)  # all of them (`reporting.term`)

    @property
    def chosen_types(self) -> tuple[tuple[str, str], ...]:
        return chosen_types(self.items)

    @property
    def open_mandatory(self) -> tuple[str, ...]:
        mandatory = {p.key: p for p in reference.processes() if p.mandatory}
        return tuple(mandatory[i.process_key].title for i in self.items if i.status == "open"
                     and i.occurrence == "" and i.process_key in mandatory)

    @cached_property  # made once: a row is not changed once built
    def snapshot(self) -> Snapshot:
        return Snapshot(
            role=Role(self.participation.role),
            agreement=self.agreement.status if self.agreement else None,
            order=self.order.status if self.order else None,
            terms=self.order.terms_status if self.order else None,
            open_mandatory=self.open_mandatory,
            live_on=self.participation.live_on,
            agreement_open=sections_of(self.agreement.open_passages) if self.agreement else (),
            annex=self.annex.status if self.annex else None,
            annex_matches=states_chosen(self.annex, self.chosen_types),
            unreviewed=unreviewed(self.items, Role(self.participation.role)),
        )


def rows(session: Session, organisation_ids: list[int] | None = None) -> list[Row]:
    """Everything needed for status and reports in six queries: ORM objects, but the checklist
    items as plain rows."""
    from agreements.core import models as m
    from agreements.core import orders as core_orders

    q = select(m.Participation).order_by(col(m.Participation.id))
    of_parts = select(m.Participation.id)
    if organisation_ids is not None:
        q = q.where(col(m.Participation.organisation_id).in_(organisation_ids))
        of_parts = of_parts.where(col(m.Participation.organisation_id).in_(organisation_ids))
    parts = list(session.exec(q))
    areas = {a.id: a for a in session.exec(select(m.CollaborationArea))}
    orgs_q = select(m.Organisation)
    if organisation_ids is not None:  # these and the organisers, not every organisation
        wanted = {p.organisation_id for p in parts} | {a.organiser_id for a in areas.values()}
        orgs_q = orgs_q.where(col(m.Organisation.id).in_(wanted))
    orgs = {o.id: o for o in session.exec(orgs_q)}
    agreements: dict[int, list[m.Agreement]] = defaultdict(list)
    for a in session.exec(select(m.Agreement).where(
            col(m.Agreement.participation_id).in_(of_parts))):
        agreements[a.participation_id].append(a)
    orders = core_orders.by_participation(session.exec(select(m.NhnOrder).where(
        core_orders.covering(of_parts))))
    items: dict[int, list[ItemRow]] = defaultdict(list)
    table = SQLModel.metadata.tables["checklistitem"]
    for i in session.execute(sa.select(table).where(table.c.participation_id.in_(of_parts))
                             .order_by(table.c.id)):
        items[i.participation_id].append(i)
    result = []
    for p in parts:
        area = areas.get(p.area_id) if p.area_id else None
        agreement, annex = counting(agreements[p.id or 0])
        result.append(Row(
            participation=p, organisation=orgs[p.organisation_id], area=area,
            organiser=orgs.get(area.organiser_id) if area else None, agreement=agreement,
            order=orders.get(p.id or 0), items=items[p.id or 0], annex=annex,
            agreements=split(agreements[p.id or 0])[0],  # an annex has no term
        ))
    return result


def org_json(o: Any) -> dict[str, Any]:
    return {"orgnr": o.orgnr, "navn": o.navn, "kind": o.kind, "kommunenummer": o.kommunenummer,
            "fylke": fylke_of(o.kommunenummer)}


def fylke_of(kommunenummer: str | None) -> str | None:
    return reference.fylker().get(kommunenummer[:2]) if kommunenummer else None


def row_json(r: Row, today: date) -> dict[str, Any]:
    snap = r.snapshot
    overdue = [i for i in r.items if i.status == ItemStatus.OPEN and i.due_on is not None
               and i.due_on < today]
    a, o = r.agreement, r.order
    return {
        "role": r.participation.role,
        "area": {"key": r.area.key, "name": r.area.name,
                 "routed_by": r.participation.routed_by,
                 "organiser": organiser_state(r.organisation.kind, r.participation.area_id,
                                            r.participation.organiser_confirmed_at)}
        if r.area else None,
        "organiser": {"navn": r.organiser.navn, "orgnr": r.organiser.orgnr}
        if r.organiser else None,
        "phase": phase(snap).value,
        "gates": [str(g) for g in gates(snap)],
        "open_items": list(snap.open_mandatory),  # the checklist's gates, the last of them
        "registered_on": r.participation.registered_on.isoformat(),
        "live_on": r.participation.live_on.isoformat() if r.participation.live_on else None,
        "agreement": {"id": a.id, "status": a.status, "version": a.version,
                      "signing_deadline": a.signing_deadline.isoformat()
                      if a.signing_deadline else None,
                      "effective_on": a.effective_on.isoformat() if a.effective_on else None,
                      "expires_on": a.expires_on.isoformat() if a.expires_on else None,
                      "renews": a.supersedes_id}
        if a else None,
        "nhn_order": {"status": o.status, "reference": o.reference, "terms": o.terms_status,
                      "ordered_by": {"name": o.ordered_by_name, "email": o.ordered_by_email}
                      if o.ordered_by_email else None} if o else None,
        # what the done forhåndsvurdering chose: the types § 5 and Vedlegg 1 are about
        "document_types": [{"navn": n, "beskrivelse": b} for n, b in r.chosen_types],
        "annex": annex_json(r.annex, states_chosen(r.annex, r.chosen_types)) if r.annex else None,
        "checklist": {
            "open": sum(i.status == ItemStatus.OPEN for i in r.items),
            "done": sum(i.status == ItemStatus.DONE for i in r.items),
            "waived": sum(i.status == ItemStatus.WAIVED for i in r.items),
            "overdue": [i.process_key for i in overdue],
        },
    }


# The command line's read paths: plain columns, no ORM models ----------------------------

def status_of(session: Session, orgnr: str, today: date) -> dict[str, Any]:
    """`status ORGNR`: what `organisation_status` gives, looked up by organisation number."""
    from agreements.registry.orgnr import normalise

    number = normalise(orgnr)
    org = session.connection().execute(sa.select(ORGANISATION).where(
        ORGANISATION.c.orgnr == number)).first()
    if org is None:
        raise NotFound(Code.ORG_NOT_REGISTERED, orgnr=number)
    return organisation_status(session, org, today)


def organisation_status(session: Session, org: Organisation | Any, today: date
                        ) -> dict[str, Any]:
    read = session.connection().execute
    contacts = read(sa.select(CONTACT.c.name, CONTACT.c.email, CONTACT.c.role, CONTACT.c.title)
                    .where(CONTACT.c.organisation_id == org.id, CONTACT.c.removed_at.is_(None))
                    .order_by(CONTACT.c.id))
    parts = list(read(participations().where(PART.c.organisation_id == org.id)))
    of_parts = sa.select(PART.c.id).where(PART.c.organisation_id == org.id)
    agreements = by_participation(read(sa.select(AGREEMENT).where(
        AGREEMENT.c.participation_id.in_(of_parts))))
    orders = by_order(read(sa.select(ORDER).where(order_covering(of_parts))))
    items = by_participation(read(sa.select(ITEM).where(
        ITEM.c.participation_id.in_(of_parts)).order_by(ITEM.c.id)))
    return {**org_json(org),
            "contacts": [{"name": c.name, "email": c.email, "role": c.role, "title": c.title}
                         for c in contacts],
            "participations": [_row_json(p, org, agreements[p.id], orders.get(p.id),
                                         items[p.id], today) for p in parts]}


def _row_json(p: Any, org: Any, found: list[Any], order: Any, items: list[Any],
              today: date) -> dict[str, Any]:
    agreement, annex = counting(found)
    return row_json(Row(p, org, _area(p), _organiser(p), agreement, order, items, annex), today)


def area_exists(session: Session, key: str) -> bool:
    found = session.connection().execute(sa.select(AREA.c.id).where(AREA.c.key == key))
    return found.first() is not None


def organisation_rows(session: Session, today: date, *,
                      area: str | None = None) -> list[dict[str, Any]]:
    """One row per participation: who, role, area, organiser and phase (`org list`)."""
    return lists.organisation_rows(session, area)


def _area(p: Any) -> Any:
    return cast(Any, SimpleNamespace(key=p.area_key, name=p.area_name)) if p.area_key else None


def _organiser(p: Any) -> Any:
    return cast(Any, SimpleNamespace(navn=p.organiser_navn, orgnr=p.organiser_orgnr)) \
        if p.area_key else None
