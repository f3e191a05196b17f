"""How an NHN order leaves the outbox: by e-mail to NHN's customer centre, or by HTTP to a
configured endpoint; either way the order becomes `submitted` in the transaction that marks
its message sent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session, select

from agreements.config import reveal
from agreements.core import audit
from agreements.core.enums import OrderStatus
from agreements.core.lifecycle import ORDER
from agreements.core.models import Document, NhnOrder, OutboxMessage
from agreements.nhn import client
from agreements.outbox.delivery import Channel, send_email

if TYPE_CHECKING:
    from agreements.app import App

KEY_PREFIX = "nhn-order:"


def nhn_channels() -> dict[str, Channel]:
    return {"nhn_email": Channel(send_email, mark_submitted),
            "nhn_http": Channel(post_order, mark_submitted)}


def post_order(app: App, message: OutboxMessage, _docs: list[Document]) -> None:
    """POST the order, signed; without a secret nothing is sent (the row fails, naming it)."""
    client.submit_order(app.nhn_http(), message.recipient, message.body.encode(),
                        idempotency_key=message.key.removeprefix(KEY_PREFIX),
                        secret=reveal(app.settings.nhn_secret) or "")


def mark_submitted(app: App, session: Session, message: OutboxMessage) -> None:
    order = session.exec(select(NhnOrder).where(
        NhnOrder.idempotency_key == message.key.removeprefix(KEY_PREFIX))).first()
    if order is None or order.status != OrderStatus.PREPARED:
        return
    ORDER.advance(order, OrderStatus.SUBMITTED, what="NHN order")
    order.submitted_at = message.sent_at
    audit.record(session, actor=app.actor, action="nhn.order_submitted",
                 subject=f"participation:{order.participation_id}",
                 data={"key": order.idempotency_key, "channel": message.channel})
