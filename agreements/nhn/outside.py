"""An NHN order placed outside avtaleflyt (NHN's form, a letter), recorded with NHN's
reference so avtaleflyt tracks it like its own: confirmed, the bruksvilkår next."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from agreements.contracts.parties import locked_participation
from agreements.core import audit
from agreements.core.calendar import OSLO
from agreements.core.enums import OrderStatus, TermsStatus
from agreements.core.lifecycle import ORDER
from agreements.core.models import NhnOrder, Participation
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.nhn.cover import covered
from agreements.nhn.order import covered_ids, order_of
from agreements.reference import deadlines

if TYPE_CHECKING:
    from agreements.core.ports import Work

OUTSIDE = "outside"  # the order's channel: placed outside avtaleflyt


def record_outside(work: Work, participation_id: int, *, reference: str,
                   by: str | None = None, placed_on: date | None = None) -> NhnOrder:
    """Record an order NHN has confirmed under `reference`, placed outside avtaleflyt (by
    `by`, on `placed_on`); refused while an order of avtaleflyt's is in play."""
    with work.transaction() as session:
        _participation, org = locked_participation(session, participation_id)
        existing = order_of(session, participation_id)
        if existing is not None and existing.status != OrderStatus.REJECTED:
            raise Refused(Code.ORDER_IN_PLAY, organisation=org.navn, status=existing.status)
        owner, covers = covered(session, participation_id)
        now = work.clock.now()
        placed = (datetime.combine(placed_on, time(12), tzinfo=OSLO) if placed_on else now)
        attempt = 1 + (int(existing.idempotency_key.rsplit("-", 1)[1]) if existing else 0)
        roles = [p.role for p in (session.get(Participation, i) for i in (owner, covers) if i) if p]
        order = existing or NhnOrder(participation_id=owner, status=OrderStatus.SUBMITTED,
                                     idempotency_key="", payload="", channel=OUTSIDE,
                                     terms_status=TermsStatus.AWAITING_LINK, prepared_at=now)
        if existing is not None:
            ORDER.advance(order, OrderStatus.PREPARED)
            ORDER.advance(order, OrderStatus.SUBMITTED)
        ORDER.advance(order, OrderStatus.CONFIRMED)
        order.idempotency_key = f"pjd-{org.orgnr}-{'-'.join(roles)}-{attempt}"
        order.payload, order.channel, order.package_id = "{}", OUTSIDE, None
        order.covers_participation_id, order.reason = covers, None
        order.reference, order.ordered_by_email, order.ordered_by_name = reference, by, None
        order.prepared_at = order.submitted_at = placed
        order.decided_at = now
        session.add(order)
        session.flush()
        deadlines.refresh(session, covered_ids(order))
        audit.record(session, actor=work.actor, action="nhn.order_confirmed",
                     subject=f"participation:{order.participation_id}",
                     data={"reference": reference, "outside": True, "roles": roles,
                           "ordered_by": by, "placed_on": placed.date().isoformat()})
        return order
