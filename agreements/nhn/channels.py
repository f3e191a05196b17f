"""How an NHN order leaves the outbox: by e-mail to NHN's customer centre, or by HTTP to a
configured endpoint; either way the order becomes `submitted` in the transaction that marks
its message sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from agreements.config import reveal
from agreements.core import audit
from agreements.core.enums import OrderStatus
from agreements.core.lifecycle import ORDER
from agreements.core.models import Document, NhnOrder, OutboxMessage
from agreements.nhn import client
from agreements.outbox.delivery import Channel

if TYPE_CHECKING:
    import httpx
    from pydantic import SecretStr

KEY_PREFIX = "nhn-order:"


def nhn_channels(email: Channel, http: Callable[[], httpx.Client],
                 secret: SecretStr | None) -> dict[str, Channel]:
    """NHN's channels: its customer centre by `email`, or its endpoint through `http` (the
    client built on first use), the order signed with `secret`."""

    def post(message: OutboxMessage, documents: list[Document]) -> None:
        post_order(http(), secret, message)

    return {"nhn_email": Channel(email.send, mark_submitted),
            "nhn_http": Channel(post, mark_submitted)}


def post_order(http: httpx.Client, secret: SecretStr | None, message: OutboxMessage) -> None:
    """POST the order, signed; without a secret nothing is sent (the row fails, naming it)."""
    client.submit_order(http, message.recipient, message.body.encode(),
                        idempotency_key=message.key.removeprefix(KEY_PREFIX),
                        secret=reveal(secret) or "")


def mark_submitted(session: Session, message: OutboxMessage, actor: str) -> None:
    order = session.exec(select(NhnOrder).where(
        NhnOrder.idempotency_key == message.key.removeprefix(KEY_PREFIX))).first()
    if order is None or order.status != OrderStatus.PREPARED:
        return
    ORDER.advance(order, OrderStatus.SUBMITTED)
    order.submitted_at = message.sent_at
    audit.record(session, actor=actor, action="nhn.order_submitted",
                 subject=f"participation:{order.participation_id}",
                 data={"key": order.idempotency_key, "channel": message.channel})
