"""Ordering from NHN: preconditions, the e-mail and HTTP channels, bruksvilkår."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest
from sqlmodel import select

from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.contracts import signatures as signing
from agreements.core.enums import OrderStatus, TermsStatus
from agreements.core.models import NhnOrder, OutboxMessage
from agreements.errorcodes import Code
from agreements.errors import IllegalTransition, InvalidInput, Refused
from agreements.nhn import order as nhn
from agreements.outbox import delivery, queue
from agreements.registry import details
from agreements.registry.register import Registration, register
from tests.conftest import make_app
from tests.helpers import SPECIALIST, oslo_kilde, refused_saying, signed_copy
from tests.nhn_server import order_desk


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the NHN orders are what these tests are about, not the
    documents (LibreOffice's conversions: test_templates_pdf, test_documents,
    test_manual_signing and the signing tests)."""
    return settings.model_copy(update={"pdf": False})


SECRET = "s3cret"
KAI, SIRI = "kai@klinikk.no", "siri@oslo.kommune.no"  # who places each order


def konsument(app: App, her_id: str | None = "81234") -> int:
    pid = register(app, Registration(orgnr=SPECIALIST, role="konsument", kind="privat",
                                     name="Klinikk Nord AS", kommunenummer="5501",
                                     coordinator="Kai <kai@klinikk.no>")).participation_ids[0]
    if her_id:
        details.update(app, SPECIALIST, {"her_id": her_id})
    return pid


def order_status(app: App, pid: int) -> str:
    with app.transaction() as s:
        found = nhn.order_of(s, pid)
        assert found is not None
        return found.status


def test_konsument_orders_at_once_by_email(app: App) -> None:
    """A konsument's order goes to NHN's address with package and JSON, and is submitted."""
    pid = konsument(app)
    order, key = nhn.place_order(app, pid, by=KAI)
    assert key and delivery.deliver(app, keys=[key]).sent == [key]
    assert order_status(app, pid) == OrderStatus.SUBMITTED
    eml = next((app.settings.data_dir / "outbox").glob("*.eml")).read_text(errors="replace")
    assert app.settings.nhn_email in eml and "application/json" in eml
    body = json.loads(order.payload)
    assert body["organisation"]["orgnr"] == SPECIALIST and body["role"] == "konsument"
    assert body["collaboration_area"] is None


def test_order_without_her_id_is_refused_saying_how_to_add_it(app: App) -> None:
    """No HER-id: refused, naming `org update … --her-id`; nothing is prepared or queued."""
    pid = konsument(app, her_id=None)
    with refused_saying(Refused, f"org update {SPECIALIST} --her-id"):
        nhn.place_order(app, pid, by=KAI)
    with app.transaction() as s:
        assert list(s.exec(select(NhnOrder))) == [] and list(s.exec(select(OutboxMessage))) == []


def test_order_explicitly_without_her_id_says_so_to_nhn(app: App) -> None:
    """Ordered explicitly without a HER-id, the order goes out with the HER-id "ikke oppgitt"."""
    pid = konsument(app, her_id=None)
    order, key = nhn.place_order(app, pid, by=KAI, without_her_id=True)
    assert key and json.loads(order.payload)["organisation"]["her_id"] is None


def test_kilde_orders_before_its_agreement_is_signed_by_default(app: App) -> None:
    """The seed requires the agreement only before go-live, so by default a kilde may order
    from NHN while its agreement is still unsigned."""
    pid = oslo_kilde(app)
    order, key = nhn.place_order(app, pid, by=SIRI, without_her_id=True)
    assert key and order.status == OrderStatus.PREPARED


def test_kilde_order_refused_until_agreement_signed(settings: Settings, tmp_path: Path) -> None:
    """With order_after_agreement on, a kilde is refused, naming the agreement, until both
    parties have signed."""
    app = make_app(settings.model_copy(update={"order_after_agreement": True}))
    pid = oslo_kilde(app)
    details.update(app, "958935420", {"her_id": "12345"})
    with pytest.raises(Refused, match="no agreement has been created"):
        nhn.place_order(app, pid, by=SIRI)
    (created,) = drafts.create_agreements(app, [pid])
    sending.send(app, created.agreement_id)
    with pytest.raises(Refused, match=f"agreement #{created.agreement_id} is sent"):
        nhn.place_order(app, pid, by=SIRI)
    signing.record_signature(app, created.agreement_id, "ola@oslo.kommune.no",
                             signed_copy(app, created.agreement_id))
    signing.record_signature(app, created.agreement_id, "kim@ks.no",
                             signed_copy(app, created.agreement_id))
    order, _ = nhn.place_order(app, pid, by=SIRI)
    area = json.loads(order.payload)["collaboration_area"]
    assert area["organiser"] == {"name": "KS – Kommunesektorens organisasjon",
                                 "orgnr": "971032146"}


def test_ordering_twice_prepares_one_order(app: App) -> None:
    """Re-running the order step neither creates a second order nor queues a second message."""
    pid = konsument(app)
    nhn.place_order(app, pid, by=KAI)
    nhn.place_order(app, pid, by=KAI)
    with app.transaction() as s:
        assert len(list(s.exec(select(NhnOrder)))) == 1
        assert len(list(s.exec(select(OutboxMessage)))) == 1


@pytest.mark.parametrize("first", ["503", "timeout"])
def test_http_channel_retries_without_a_second_order(settings: Settings, first: str) -> None:
    """A 503 or a timeout on the first attempt: retried, one order at NHN, signature valid."""
    with order_desk(first=first, delay=1.5) as (desk, url):
        app = make_app(settings.model_copy(update={
            "nhn_channel": "http", "nhn_url": url, "nhn_secret": SECRET, "nhn_timeout": 0.5}))
        pid = konsument(app)
        _, key = nhn.place_order(app, pid, by=KAI)
        assert key
        first_try = delivery.deliver(app, keys=[key])
        assert list(first_try.failed) == [key]
        assert order_status(app, pid) == OrderStatus.PREPARED
        assert delivery.deliver(app, keys=[key]).sent == [key]
        assert order_status(app, pid) == OrderStatus.SUBMITTED
    assert len(desk.orders) == 1 and len(desk.requests) == 2
    assert {r["key"] for r in desk.requests} == {key.removeprefix("nhn-order:")}
    for r in desk.requests:
        expected = hmac.new(SECRET.encode(), r["body"], hashlib.sha256).hexdigest()
        assert r["signature"] == f"sha256={expected}"


def test_confirm_reject_and_reorder(app: App) -> None:
    """Rejected orders can be placed again under a new key; confirmation records NHN's ref."""
    pid = konsument(app)
    _, key = nhn.place_order(app, pid, by=KAI)
    delivery.deliver(app)
    nhn.decide(app, pid, confirmed=False, text="Mangler HER-id")
    order, key2 = nhn.place_order(app, pid, by=KAI)
    assert key2 and key2 != key and order.status == OrderStatus.PREPARED
    delivery.deliver(app)
    nhn.decide(app, pid, confirmed=True, text="NHN-2026-0042")
    assert order_status(app, pid) == OrderStatus.CONFIRMED


def test_confirm_before_submission_is_refused(settings: Settings) -> None:
    """An order still waiting in the outbox cannot be confirmed."""
    app = make_app(settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": 9}))
    pid = konsument(app)
    nhn.place_order(app, pid, by=KAI)  # not delivered: the mail server is unreachable
    with pytest.raises(Refused, match="not reached NHN"):
        nhn.decide(app, pid, confirmed=True, text="X")


def test_no_order_without_a_configured_channel(settings: Settings) -> None:
    """No NHN address is built in: with none set, the order is refused naming the setting,
    and nothing is prepared or queued."""
    app = make_app(settings.model_copy(update={"nhn_email": None}))
    pid = konsument(app)
    with pytest.raises(InvalidInput) as refused:
        nhn.place_order(app, pid, by=KAI)
    assert refused.value.code is Code.NHN_EMAIL_MISSING
    assert "AVTALEFLYT_NHN_EMAIL" in str(refused.value)
    with app.transaction() as s:
        assert s.exec(select(NhnOrder)).first() is None
        assert not [m for m in s.exec(select(OutboxMessage)) if m.key.startswith("nhn-order:")]


def test_terms_follow_their_lifecycle(app: App) -> None:
    """Link received, then signed once the order is confirmed (not before); signing again is
    an illegal move."""
    pid = konsument(app)
    nhn.place_order(app, pid, by=KAI)
    nhn.terms(app, pid, TermsStatus.LINK_RECEIVED)
    delivery.deliver(app)
    with pytest.raises(Refused) as refused:
        nhn.terms(app, pid, TermsStatus.SIGNED)
    assert refused.value.code is Code.TERMS_BEFORE_CONFIRMED
    nhn.decide(app, pid, confirmed=True, text="NHN-7")
    nhn.terms(app, pid, TermsStatus.SIGNED)
    with pytest.raises(IllegalTransition):
        nhn.terms(app, pid, TermsStatus.SIGNED)


def test_refused_order_fails_and_can_be_retried_after_the_fix(settings: Settings) -> None:
    """A 4xx is final (no retry loop); once the cause is fixed, `outbox retry` sends it once."""
    from agreements.core.enums import OutboxStatus

    with order_desk() as (desk, url):
        app = make_app(settings.model_copy(update={
            "nhn_channel": "http", "nhn_url": url + "/wrong-path-404", "nhn_secret": SECRET}))
        pid = konsument(app)
        _, key = nhn.place_order(app, pid, by=KAI)
        report = delivery.deliver(app, keys=[key or ""])
        assert list(report.failed) == [key]
        with app.transaction() as s:
            message = s.exec(select(OutboxMessage).where(OutboxMessage.key == key)).one()
            assert message.status == OutboxStatus.FAILED
            message.recipient = url  # the organiser fixes the endpoint
            assert queue.requeue(app, s, [message.id or 0]) == [key]
        assert delivery.deliver(app, keys=[key or ""]).sent == [key]
        assert order_status(app, pid) == OrderStatus.SUBMITTED
    assert len(desk.orders) == 1
