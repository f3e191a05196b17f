"""Delivery claims a few rows a transaction (`outbox.claiming`): each row is sent once, in the
order it was queued, and marked; a row claimed with a channel found unreachable meanwhile is
put back untried (pending, no attempt counted); a claim that is not ours is not marked."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from agreements.app import App
from agreements.core.enums import OutboxStatus
from agreements.core.models import Document, OutboxMessage
from agreements.errorcodes import Code
from agreements.errors import ExternalServiceError
from agreements.outbox import claiming, delivery, queue
from agreements.outbox.delivery import Channel, deliver, real_now


def _queue(app: App, channels: list[str]) -> list[str]:
    keys = [f"claims-test:{i}" for i in range(len(channels))]
    with app.transaction() as session:
        for key, channel in zip(keys, channels, strict=True):
            queue.enqueue(app, session, queue.Mail(key, "kari@example.no", "Emne", "Tekst"),
                          channel=channel)
    return keys


def _rows(app: App) -> dict[str, OutboxMessage]:
    with app.transaction() as session:
        return {m.key: m for m in session.exec(select(OutboxMessage).where(
            col(OutboxMessage.key).startswith("claims-test:")))}


def test_every_row_of_several_claims_is_sent_once_in_order_and_marked(app: App) -> None:
    """25 rows (three claims): each sent once, in the order queued, all marked sent."""
    keys = _queue(app, ["email"] * 25)
    sent: list[str] = []
    report = deliver(app, keys=keys, channels={
        "email": Channel(lambda message, _docs: sent.append(message.key))})
    assert sent == keys == report.sent
    rows = _rows(app)
    assert {r.status for r in rows.values()} == {OutboxStatus.SENT.value}
    assert {r.attempts for r in rows.values()} == {1}
    assert all(r.lease_until is None and r.sent_at is not None for r in rows.values())


def test_a_row_claimed_with_a_channel_found_unreachable_is_put_back_untried(app: App) -> None:
    """The NHN server is down at its first message: the other NHN rows of that claim and the
    next wait, pending, with no attempt counted; the e-mails all leave."""
    keys = _queue(app, ["nhn", "email", "nhn", "email", "nhn"] + ["email"] * 10 + ["nhn"])
    tried: list[str] = []

    def down(message: OutboxMessage, _docs: list[Document]) -> None:
        tried.append(message.key)
        raise ExternalServiceError(Code.MAIL_UNREACHABLE, server="nhn.example", reason="down",
                                   retryable=True, unreachable=True)

    report = deliver(app, keys=keys, channels={
        "email": Channel(lambda message, _docs: None), "nhn": Channel(down)})
    assert tried == [keys[0]]
    assert sorted(report.waiting) == sorted([keys[2], keys[4], keys[15]])
    rows = _rows(app)
    for key in (keys[2], keys[4], keys[15]):
        assert rows[key].status == OutboxStatus.PENDING.value and rows[key].attempts == 0
        assert rows[key].lease_until is None
    assert rows[keys[0]].status == OutboxStatus.PENDING.value and rows[keys[0]].attempts == 1
    assert {rows[k].status for k in keys if k not in tried + report.waiting} == {
        OutboxStatus.SENT.value}


def test_a_claim_taken_over_after_its_lease_is_not_marked_by_its_first_holder(
        app: App) -> None:
    """Rows claimed, then claimed again by another deliverer after the lease ran out: the
    first holder's record of them changes nothing."""
    (key,) = _queue(app, ["email"])
    (first,) = claiming.claim(app, [_rows(app)[key].id or 0], [])
    with app.transaction() as session:
        session.execute(update(OutboxMessage).where(col(OutboxMessage.key) == key).values(
            lease_until=real_now() - timedelta(seconds=1)))
    (second,) = claiming.claim(app, [first.message.id or 0], [])
    with app.transaction() as session:
        claiming.finish(app, session, [claiming.Done(first.message.id or 0, first.token,
                                                     secret=False)])
    row = _rows(app)[key]
    assert row.status == OutboxStatus.SENDING.value and row.claim_token == second.token


def test_a_claim_holds_no_more_rows_than_can_leave_within_its_lease(app: App) -> None:
    """Each row of a claim may take the slowest channel's timeout: 10 at the most, 7 when
    NHN's 15 s must fit seven times into a lease of 120 s, one at a time when only one fits;
    a delivery claims them so, each claim marked before its lease could run out."""
    settings = app.settings
    assert claiming.at_once(settings.model_copy(update={"smtp_timeout": 10.0})) == 10
    assert claiming.at_once(settings.model_copy(update={
        "nhn_channel": "http", "nhn_timeout": 15.0, "outbox_lease_seconds": 120})) == 7
    short = settings.model_copy(update={"smtp_timeout": 10.0, "outbox_lease_seconds": 25})
    assert claiming.at_once(short) == 2
    assert claiming.at_once(short.model_copy(update={"outbox_lease_seconds": 11})) == 1
    app.settings = short
    keys = _queue(app, ["email"] * 5)
    leased: list[int] = []

    def send(message: OutboxMessage, _docs: list[Document]) -> None:
        with app.transaction() as session:  # rows sending under a lease right now
            leased.append(len(list(session.exec(select(OutboxMessage.id).where(
                col(OutboxMessage.key).in_(keys), col(OutboxMessage.status) == "sending")))))
    report = deliver(app, keys=keys, channels={"email": Channel(send)})
    assert report.sent == keys and leased == [2, 2, 2, 2, 1]


def test_a_row_is_not_sent_late_in_a_claim_whose_lease_is_running_out(
        app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow server may take longer than one timeout for a message: when the first row of a
    claim took 20 s of a 25 s lease, the second is put back rather than sent with too little
    lease left (another run could take it over meanwhile), and is claimed again and sent,
    once, no attempt lost."""
    app.settings = app.settings.model_copy(update={"smtp_timeout": 10.0,
                                                   "outbox_lease_seconds": 25})
    keys = _queue(app, ["email"] * 2)
    late = timedelta(0)
    monkeypatch.setattr(delivery, "real_now", lambda: real_now() + late)
    claims: list[int] = []

    def slow(message: OutboxMessage, _docs: list[Document]) -> None:
        nonlocal late
        with app.transaction() as session:
            claims.append(len(list(session.exec(select(OutboxMessage.id).where(
                col(OutboxMessage.key).in_(keys), col(OutboxMessage.status) == "sending")))))
        late = timedelta(seconds=20) if message.key == keys[0] else timedelta(0)
    report = deliver(app, keys=keys, channels={"email": Channel(slow)})
    assert report.sent == keys and claims == [2, 1]
    assert {r.attempts for r in _rows(app).values()} == {1}
