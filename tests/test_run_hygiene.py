"""Findings 8, 9 and 10 of issue 11: a crash's claim is named and taken over once its short
lease has run out, a resend keeps its Message-ID; converting letters holds no database lock;
`onboard` starts no Prefect server (nothing orphaned by kill -9) and, with the mail server
down or hanging, finishes at once saying the e-mail is queued."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from agreements.app import App, Clock, Transports, open_app
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.core.calendar import add_working_days
from agreements.core.enums import ContactRole
from agreements.followup import run as followup_run
from agreements.registry import contacts
from tests.conftest import ROOT, free_port
from tests.fault_world import KS_SIGNER, new_place, ok, servers
from tests.helpers import oslo_kilde

ROWS = ("orgnr,role,signatory_name,signatory_email\n958935420,kilde,Ola,ola@oslo.kommune.no\n"
        "964338531,kilde,Berit,berit@bergen.kommune.no\n")


def world(tmp_path: Path, s: object, **env: str) -> object:
    place = new_place(tmp_path / "world", None, s)  # type: ignore[arg-type]
    place.env.update({"AVTALEFLYT_NHN_TIMEOUT": "2", **env})
    ok(place.cli("init"))
    ok(place.cli("org", "contact", "add", "971032146", "--name", "Kim", "--email", KS_SIGNER,
                 "--role", "signatory"))
    (tmp_path / "rows.csv").write_text(ROWS, encoding="utf-8")
    return place


def test_a_crashed_claim_is_named_then_taken_over_after_its_lease(tmp_path: Path) -> None:
    """A crashed claim is named (being sent, then stale) and sent once its lease has run out."""
    with servers() as s:
        place = world(tmp_path, s, AVTALEFLYT_OUTBOX_LEASE_SECONDS="3",
                      AVTALEFLYT_SMTP_TIMEOUT="2")
        crashed = place.cli("onboard", "--csv", str(tmp_path / "rows.csv"), "--offline",
                            crash_at="send.before@1")
        assert crashed.crashed and s.inbox.messages == []
        assert "being sent" in place.cli("outbox", "list").out
        time.sleep(3.2)
        assert "stale" in place.cli("outbox", "list").out
        assert "stale" in place.cli("status", "958935420").out
        assert "stale" in place.cli("report", "--out", str(tmp_path / "report")).out
        delivered = place.cli("outbox", "send")
        assert delivered.code == 0 and delivered.out.startswith("2 sent"), delivered
        assert sorted(s.inbox.keys()) == ["agreement:1:signature:1:request",
                                          "agreement:2:signature:3:request"]


def test_a_message_accepted_before_the_crash_is_resent_with_its_message_id(
        tmp_path: Path) -> None:
    """Accepted but not marked before a crash: one resend, with the same Message-ID."""
    with servers() as s:
        place = world(tmp_path, s, AVTALEFLYT_OUTBOX_LEASE_SECONDS="3",
                      AVTALEFLYT_SMTP_TIMEOUT="2")
        crashed = place.cli("onboard", "--csv", str(tmp_path / "rows.csv"), "--offline",
                            crash_at="send.after@1")
        assert crashed.crashed and len(s.inbox.messages) == 1
        time.sleep(3.2)
        assert place.cli("outbox", "send").code == 0
        first = [m for m in s.inbox.messages
                 if m["X-Avtaleflyt-Key"] == "agreement:1:signature:1:request"]
        assert len(first) == 2 and first[0]["Message-ID"] == first[1]["Message-ID"]


class SlowConverter:
    """LibreOffice taking its time: the test's clock for 'is anything locked meanwhile?'."""

    def __init__(self, started: threading.Event | None = None) -> None:
        self.started = started or threading.Event()

    def to_pdf(self, docx_files: Sequence[bytes]) -> list[bytes]:
        self.started.set()
        time.sleep(3)
        return [b"%PDF-1.4\n% slow\n%%EOF\n" for _ in docx_files]


def test_converting_reminder_letters_holds_no_database_lock(any_app: App) -> None:
    """While two follow-ups wait for LibreOffice, another command writes at once."""
    (created,) = drafts.create_agreements(any_app, [oslo_kilde(any_app)])
    sending.send(any_app, created.agreement_id)
    day = Clock(add_working_days(date(2026, 11, 25), 5))
    started = threading.Event()  # each letter is rendered once: whichever run claimed it
    converters = [SlowConverter(started), SlowConverter(started)]
    results: list[object] = []
    threads = [threading.Thread(target=lambda c=c: results.append(followup_run.run(
        open_app(any_app.settings, clock=day, transports=Transports(converter=c)),
        deliver=False))) for c in converters]
    for t in threads:
        t.start()
    assert started.wait(30)
    begun = time.monotonic()
    contacts.save(any_app, "971032146", contacts.ContactSpec("Per", "per@ks.no",
                                                             ContactRole.IT))
    waited = time.monotonic() - begun
    for t in threads:
        t.join(60)
    assert waited < 1.5
    assert len(results) == 2 and all(not r.failed for r in results)  # type: ignore[attr-defined]


def marked(marker: str) -> list[int]:
    """Processes carrying `marker` in their environment (the CLI and anything it started)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as fh:
                    if marker.encode() in fh.read():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def test_kill_9_of_onboard_leaves_no_process_behind(tmp_path: Path) -> None:
    """kill -9 of a running `onboard` leaves no process it started behind."""
    marker = f"AVTALEFLYT_TEST_MARKER={uuid.uuid4().hex}"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith(("AVTALEFLYT_",
                                                                        "PREFECT_API"))},
           "AVTALEFLYT_DATA_DIR": str(tmp_path / "var"), "AVTALEFLYT_OFFLINE": "1",
           "AVTALEFLYT_PDF": "0", "PREFECT_HOME": str(tmp_path / "prefect"),
           marker.split("=")[0]: marker.split("=")[1]}
    cli = [sys.executable, "-c", "import sys; from cli import main; sys.exit(main(sys.argv[1:]))"]
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True, cwd=ROOT)
    (tmp_path / "rows.csv").write_text(ROWS, encoding="utf-8")
    proc = subprocess.Popen([*cli, "onboard", "--csv", str(tmp_path / "rows.csv"),
                             "--offline"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while proc.poll() is None and time.monotonic() < deadline:
        if len(marked(marker)) > 1:  # it started something
            break
        time.sleep(0.1)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    time.sleep(0.5)
    assert marked(marker) == []


def hanging_server() -> tuple[socket.socket, int]:
    """A port that accepts connections and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    return sock, int(sock.getsockname()[1])


@pytest.mark.parametrize("server", ["down", "hanging"])
def test_onboard_with_the_mail_server_away_finishes_at_once(tmp_path: Path,
                                                           server: str) -> None:
    """Mail server down or hanging: onboard ends at once, one line, e-mail queued, exit 3."""
    with servers() as s:
        place = world(tmp_path, s, AVTALEFLYT_SMTP_TIMEOUT="2",
                      AVTALEFLYT_OUTBOX_LEASE_SECONDS="5")
        sock, port = hanging_server() if server == "hanging" else (None, free_port())
        try:
            place.env["AVTALEFLYT_SMTP_PORT"] = str(port)
            begun = time.monotonic()
            run = place.cli("onboard", "--csv", str(tmp_path / "rows.csv"), "--offline")
            took = time.monotonic() - begun
        finally:
            if sock:
                sock.close()
    assert run.code == 3 and "Traceback" not in run.err, run
    assert run.err.count("\n") == 1 and "queued, delivery will be retried" in run.err
    assert took < 10
    assert "2 onboarded" not in run.out and "2 waiting for e-mail delivery" in run.out


def test_the_follow_up_summary_names_a_failed_message(app: App) -> None:
    """A message that failed for good is named in the day's summary, whoever left it."""
    from sqlmodel import select

    from agreements.core.models import OutboxMessage
    from agreements.outbox import queue

    with app.transaction() as s:
        queue.enqueue(app, s, queue.Mail("old", "Kari <kari@ks.no>", "Emne", "Tekst"))
        row = s.exec(select(OutboxMessage)).one()
        row.status, row.last_error = "failed", "550 no such user"
    summary = followup_run.summary(followup_run.run(app))
    assert "OUTBOX #1 to Kari <kari@ks.no>: failed: 550 no such user" in summary


def test_an_unreachable_mail_server_costs_one_timeout_per_run(settings: Settings) -> None:
    """A server that never answers costs one timeout; the rest of its queue waits untried."""
    from sqlmodel import select

    from agreements.core.models import OutboxMessage
    from agreements.outbox import delivery, queue
    from tests.conftest import make_app

    sock, port = hanging_server()
    try:
        app = make_app(settings.model_copy(update={
            "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_timeout": 1.0}))
        with app.transaction() as s:
            for i in range(5):
                queue.enqueue(app, s, queue.Mail(f"m:{i}", f"p{i}@ks.no", "Emne", "Tekst"))
        begun = time.monotonic()
        report = delivery.deliver(app)
        took = time.monotonic() - begun
    finally:
        sock.close()
    assert list(report.failed) == ["m:0"] and report.waiting == [f"m:{i}" for i in range(1, 5)]
    assert took < 3 and "queued, delivery will be retried" in str(report)
    with app.transaction() as s:
        attempts = [m.attempts for m in s.exec(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert attempts == [1, 0, 0, 0, 0]
