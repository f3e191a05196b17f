"""The list commands' read models on plain columns (`org list`, `agreement list`): a fixed
number of queries on `tables`, no ORM objects, no models imported (see `views`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from agreements import reference
from agreements.core.bulk import collector_paused
from agreements.core.enums import ItemStatus, Role
from agreements.core.lifecycle import annex_of, governing, split
from agreements.core.orders import by_participation as by_order
from agreements.readiness.gates import Snapshot, phase, sections_of, unreviewed
from agreements.registry.routing import organiser_state
from agreements.reporting import labels
from agreements.reporting.tables import (
    AGREEMENT,
    AREA,
    ITEM,
    ORDER,
    ORGANISATION,
    by_participation,
    covering,
    participations,
    states_chosen,
    types_of,
)
from agreements.reporting.tables import PARTICIPATION as PART


def organisation_rows(session: Session, area: str | None = None) -> list[dict[str, Any]]:
    """One row per participation: who, role, area, organiser and phase (`org list`), in five
    queries of plain columns (only the mandatory items and the forhåndsvurdering's types
    are read, for the phase)."""
    with collector_paused():
        return _organisation_rows(session, area)


def _organisation_rows(session: Session, area: str | None) -> list[dict[str, Any]]:
    read = session.connection().execute
    query, of_parts = participations(), sa.select(PART.c.id)
    if area:
        query = query.where(AREA.c.key == area)
        of_parts = of_parts.join(AREA, AREA.c.id == PART.c.area_id).where(AREA.c.key == area)
    parts = list(read(query))
    agreements = by_participation(read(sa.select(
        AGREEMENT.c.participation_id, AGREEMENT.c.id, AGREEMENT.c.status,
        AGREEMENT.c.open_passages, AGREEMENT.c.supersedes_id, AGREEMENT.c.kind,
        AGREEMENT.c.annex_of_id, AGREEMENT.c.document_types)
        .where(AGREEMENT.c.participation_id.in_(of_parts))))
    chosen = {pid: types_of(types) for pid, types in read(sa.select(
        ITEM.c.participation_id, ITEM.c.document_types).where(
        ITEM.c.participation_id.in_(of_parts), ITEM.c.occurrence == "",
        ITEM.c.process_key == reference.DOCUMENT_TYPES_ITEM,
        ITEM.c.status == ItemStatus.DONE))}
    orders = by_order(read(sa.select(
        ORDER.c.participation_id, ORDER.c.covers_participation_id, ORDER.c.status,
        ORDER.c.terms_status).where(covering(of_parts))))
    mandatory = {p.key: p.title for p in reference.processes() if p.mandatory}
    open_mandatory: dict[int, list[str]] = defaultdict(list)
    mandatory_items = by_participation(read(sa.select(
        ITEM.c.participation_id, ITEM.c.process_key, ITEM.c.status, ITEM.c.occurrence,
        ITEM.c.review_status).where(
            ITEM.c.participation_id.in_(of_parts), ITEM.c.status != ItemStatus.WAIVED,
            ITEM.c.occurrence == "", ITEM.c.process_key.in_(sorted(mandatory)))
        .order_by(ITEM.c.id)))
    for pid, found in mandatory_items.items():
        open_mandatory[pid] = [mandatory[i.process_key] for i in found
                               if i.status == ItemStatus.OPEN]
    out = []
    for p in parts:
        signed, annexes = split(agreements[p.id])
        a, o = governing(signed), orders.get(p.id)
        annex = annex_of(a, annexes)
        snap = Snapshot(role=Role(p.role), agreement=a.status if a else None,
                        order=o.status if o else None, terms=o.terms_status if o else None,
                        open_mandatory=tuple(open_mandatory[p.id]), live_on=p.live_on,
                        agreement_open=sections_of(a.open_passages) if a else (),
                        annex=annex.status if annex else None,
                        annex_matches=states_chosen(annex, chosen.get(p.id, ())),
                        unreviewed=unreviewed(mandatory_items[p.id], Role(p.role)))
        confirmed = organiser_state(p.kind, p.area_id, p.organiser_confirmed_at)
        out.append({"orgnr": p.orgnr, "navn": p.navn, "kind": p.kind, "role": p.role,
                    "area": p.area_key, "organiser": p.organiser_navn,
                    "organiser_state": labels.ORGANISER.get(confirmed or "", ""),
                    "phase": phase(snap).value})
    return out


def agreement_rows(session: Session, status: str | None = None) -> list[dict[str, Any]]:
    """Every agreement (or those in one state), oldest first (`agreement list`)."""
    query = (sa.select(AGREEMENT.c.id, AGREEMENT.c.kind, ORGANISATION.c.orgnr,
                       ORGANISATION.c.navn, AGREEMENT.c.version, AGREEMENT.c.status,
                       AGREEMENT.c.signing_deadline, AGREEMENT.c.expires_on)
             .select_from(AGREEMENT.join(PART, PART.c.id == AGREEMENT.c.participation_id)
                          .join(ORGANISATION, ORGANISATION.c.id == PART.c.organisation_id))
             .order_by(AGREEMENT.c.id))
    if status:
        query = query.where(AGREEMENT.c.status == status)
    with collector_paused():
        return [dict(row._mapping) for row in session.connection().execute(query)]
