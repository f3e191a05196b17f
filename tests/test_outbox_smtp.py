"""Delivery to a real SMTP server on loopback: one message per signer per purpose, ever."""

from __future__ import annotations

import threading
from email.header import decode_header, make_header
from pathlib import Path

from agreements.app import App
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.contracts import signatures as signing
from agreements.outbox import delivery, queue
from tests.conftest import make_app
from tests.helpers import oslo_kilde, signed_copy
from tests.smtp_server import smtp_server


def smtp_app(settings: Settings, port: int) -> App:
    return make_app(settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port}))


def test_each_signer_gets_one_message_per_purpose_with_attachment(
        settings: Settings, tmp_path: Path) -> None:
    """Through the whole signing path, re-delivering never sends a message twice."""
    with smtp_server() as (inbox, port):
        app = smtp_app(settings, port)
        (created,) = drafts.create_agreements(app, [oslo_kilde(app)])
        sending.send(app, created.agreement_id)
        delivery.deliver(app)
        delivery.deliver(app)
        request = inbox.to("ola@oslo.kommune.no")
        assert len(request) == 1
        attachments = [p for p in request[0].walk() if p.get_filename()]
        assert [a.get_filename() for a in attachments] == ["PJD-KOMMUNER-958935420-1.pdf"] or \
            [a.get_filename() for a in attachments] == ["PJD-KOMMUNER-958935420-1.docx"]
        assert "Til signering" in str(make_header(decode_header(request[0]["Subject"])))
        signing.record_signature(app, created.agreement_id, "ola@oslo.kommune.no",
                                 signed_copy(app, created.agreement_id))
        signing.record_signature(app, created.agreement_id, "kim@ks.no",
                                 signed_copy(app, created.agreement_id))
        delivery.deliver(app)
        keys = inbox.keys()
        assert len(keys) == len(set(keys))
        assert len(inbox.to("kim@ks.no")) == 2  # asked to countersign, then the certificate
        assert len(inbox.to("ola@oslo.kommune.no")) == 2  # asked to sign, then the certificate


def test_a_failure_midway_is_retried_once_and_only_once(settings: Settings) -> None:
    """The server refuses one message with 451; the next run sends it, nothing twice."""
    with smtp_server() as (inbox, port):
        app = smtp_app(settings, port)
        oslo_kilde(app)
        with app.transaction() as s:
            for i, to in enumerate(["a@x.no", "b@x.no", "c@x.no"]):
                queue.enqueue(app, s, queue.Mail(f"test:{i}", to, "Emne", "Tekst"))
        inbox.fail_once.add("b@x.no")
        first = delivery.deliver(app)
        assert sorted(first.sent) == ["test:0", "test:2"] and list(first.failed) == ["test:1"]
        second = delivery.deliver(app)
        assert second.sent == ["test:1"]
        assert sorted(inbox.keys()) == ["test:0", "test:1", "test:2"]


def test_two_deliverers_at_once_send_each_message_once(settings: Settings) -> None:
    """Concurrent delivery claims each row before sending it."""
    with smtp_server() as (inbox, port):
        app = smtp_app(settings, port)
        with app.transaction() as s:
            for i in range(30):
                queue.enqueue(app, s, queue.Mail(f"bulk:{i}", f"p{i}@x.no", "Emne", "Tekst"))
        threads = [threading.Thread(target=delivery.deliver, args=(app,)) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(inbox.keys()) == sorted(f"bulk:{i}" for i in range(30))


def test_enqueue_same_key_twice_keeps_one(settings: Settings) -> None:
    """The business key is unique: the second enqueue is a no-op."""
    app = make_app(settings)
    with app.transaction() as s:
        assert queue.enqueue(app, s, queue.Mail("k", "a@x.no", "1", "1"))
        assert not queue.enqueue(app, s, queue.Mail("k", "a@x.no", "2", "2"))


def test_without_smtp_messages_become_eml_files(settings: Settings) -> None:
    """The embedded default writes .eml files under the data folder's outbox."""
    app = make_app(settings)
    with app.transaction() as s:
        queue.enqueue(app, s, queue.Mail("eml:1", "Kari <kari@x.no>", "Hei", "Tekst æøå"))
    assert delivery.deliver(app).sent == ["eml:1"]
    files = list((settings.data_dir / "outbox").glob("*.eml"))
    assert len(files) == 1 and b"kari@x.no" in files[0].read_bytes()
