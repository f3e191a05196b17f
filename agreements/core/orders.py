"""Which NHN order a participation has: its own, or, for a kommune that is kilde and
konsument, the one order its other role placed naming both (`covers_participation_id`):
one order, one set of bruksvilkår. Every reader finds orders through here. The models are
imported where a query needs them: the read paths that select plain rows (`status`, `org
list`) use `by_participation` without loading them."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from sqlmodel import Session, col, or_, select

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

    from agreements.core.models import NhnOrder


class Covers(Protocol):
    """An order: the model, or a row selected with both participation columns."""

    @property
    def participation_id(self) -> int: ...

    @property
    def covers_participation_id(self) -> int | None: ...


OrderT = TypeVar("OrderT", bound=Covers)


def covering(ids: Collection[int] | Any) -> ColumnElement[bool]:
    """The orders that cover any of the participations `ids` (ids, or a subquery of them)."""
    from agreements.core.models import NhnOrder

    wanted = list(ids) if isinstance(ids, Collection) else ids
    return or_(col(NhnOrder.participation_id).in_(wanted),
               col(NhnOrder.covers_participation_id).in_(wanted))


def order_for(session: Session, participation_id: int) -> NhnOrder | None:
    """The order that covers the participation, or None."""
    from agreements.core.models import NhnOrder

    return session.exec(select(NhnOrder).where(covering([participation_id]))).first()


def by_participation(orders: Iterable[OrderT]) -> dict[int, OrderT]:
    """Each covered participation's order (an order for both roles under both ids)."""
    found: dict[int, OrderT] = {}
    for o in orders:
        found[o.participation_id] = o
        if o.covers_participation_id is not None:
            found[o.covers_participation_id] = o
    return found


def orders_for(session: Session, ids: Collection[int]) -> dict[int, NhnOrder]:
    """The orders covering the participations `ids`, by participation."""
    from agreements.core.models import NhnOrder

    return by_participation(session.exec(select(NhnOrder).where(covering(ids))))


def roles_of(order: NhnOrder, roles: dict[int, str]) -> list[str]:
    """The roles an order names, from the participations' roles (`roles`: id → role)."""
    ids = [order.participation_id, order.covers_participation_id]
    return sorted(roles[i] for i in ids if i is not None and i in roles)
