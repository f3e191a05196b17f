"""The rows of `views.Row` read as plain tuples, for the portal's pages (an area's overview, an
organisation's status and checklist): the same queries as `views.rows`, on the tables'
columns with SQLAlchemy Core, each row copied once into a named tuple of its table.

An ORM object by thousands costs its identity map and instrumentation, and an attribute of
SQLAlchemy's own `Row` costs microseconds (a lookup by name each time): the overview reads
each checklist item's columns a dozen times. A named tuple's attribute is an index. The
tuples carry their table's columns under the columns' names (a checklist item only those the
read models use, `ITEM_COLUMNS`), so the read models (`overview`, `waiting`, `plain`) read
them as they read the models; tests/test_read_models.py
holds both to the same output.
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Iterable
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from agreements.core.lifecycle import counting, split
from agreements.core.orders import by_participation
from agreements.reporting.views import Row

# A checklist item's columns the read models use (there are thousands of items; the other
# tables' rows carry every column).
ITEM_COLUMNS = ("id", "participation_id", "process_key", "occurrence", "status", "due_on",
                "done_at", "review_status", "reviewed_at", "document_types")


@cache
def _shape(name: str) -> Any:
    """A table, the columns read of it, and a named tuple type of them (made once)."""
    table = SQLModel.metadata.tables[name]
    columns = [table.c[k] for k in ITEM_COLUMNS] if name == "checklistitem" else table.columns
    return table, columns, namedtuple(name, [c.key for c in columns])


def _read(session: Session, name: str, where: Any, order: bool = False) -> list[Any]:
    table, columns, shape = _shape(name)
    query = sa.select(*columns).where(where(table))
    made = shape._make
    return [made(r) for r in session.connection().execute(
        query.order_by(table.c.id) if order else query).all()]


def rows(session: Session, *, organisation_ids: Iterable[int] | None = None,
         area_id: int | None = None) -> list[Row]:
    """The participations of these organisations (or of this area), by id, as `views.rows`
    gives them: the agreement and annex that count, the order that covers each, its items."""
    from agreements.core import models  # noqa: F401  (the tables, for `_shape`)

    part = _shape("participation")[0]
    chosen = (part.c.area_id == area_id if area_id is not None
              else part.c.organisation_id.in_(list(organisation_ids or ())))
    of_parts = sa.select(part.c.id).where(chosen)
    parts = _read(session, "participation", lambda _: chosen, order=True)
    areas = {a.id: a for a in _read(session, "collaborationarea", lambda _: sa.true())}
    wanted = {p.organisation_id for p in parts} | {a.organiser_id for a in areas.values()}
    orgs = {o.id: o for o in _read(session, "organisation", lambda t: t.c.id.in_(wanted))}
    agreements: defaultdict[int, list[Any]] = defaultdict(list)
    for a in _read(session, "agreement", lambda t: t.c.participation_id.in_(of_parts)):
        agreements[a.participation_id].append(a)
    orders = by_participation(_read(session, "nhnorder", lambda t: sa.or_(
        t.c.participation_id.in_(of_parts), t.c.covers_participation_id.in_(of_parts))))
    items: defaultdict[int, list[Any]] = defaultdict(list)
    for i in _read(session, "checklistitem", lambda t: t.c.participation_id.in_(of_parts),
                   order=True):
        items[i.participation_id].append(i)
    found = []
    for p in parts:
        area = areas.get(p.area_id) if p.area_id else None
        agreement, annex = counting(agreements[p.id])
        found.append(Row(
            participation=p, organisation=orgs[p.organisation_id], area=area,
            organiser=orgs.get(area.organiser_id) if area else None, agreement=agreement,
            order=orders.get(p.id), items=items[p.id], annex=annex,
            agreements=split(agreements[p.id])[0]))
    return found
