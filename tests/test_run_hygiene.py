"""Issue 11's findings 8-10: a crash's claim is taken over once its lease has run out (a resend
keeps its Message-ID); converting letters holds no database lock; `onboard` starts no Prefect
server and, with the mail server down or hanging, ends after one timeout saying the e-mail is
queued. No test waits for time to pass: a lease runs out by moving its claim back in the
database; LibreOffice "taking its time" is a converter held until the test lets it go."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from agreements.app import App, Clock, Transports, open_app
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.core.calendar import add_working_days
from agreements.core.enums import ContactRole, OutboxStatus
from agreements.core.models import OutboxMessage
from agreements.followup import run as followup_run
from agreements.registry import contacts
from tests.conftest import ROOT, free_port
from tests.fault_world import KS_SIGNER, Place, Servers, new_place, ok, servers
from tests.helpers import oslo_kilde
from tests.invariants import app_of
from tests.waiting import PATIENCE, Held, wait_for

ROWS = ("orgnr,role,signatory_name,signatory_email\n958935420,kilde,Ola,ola@oslo.kommune.no\n"
        "964338531,kilde,Berit,berit@bergen.kommune.no\n")
LEASE = 600  # seconds: no run outlives it by accident, however loaded the machine


def world(tmp_path: Path, s: Servers, **env: str) -> Place:
    place = new_place(tmp_path / "world", None, s)
    place.env.update({"AVTALEFLYT_OUTBOX_LEASE_SECONDS": str(LEASE), **env})
    ok(place.cli("init"))
    ok(place.cli("org", "contact", "add", "971032146", "--name", "Kim", "--email", KS_SIGNER,
                 "--role", "signatory"))
    (tmp_path / "rows.csv").write_text(ROWS, encoding="utf-8")
    return place


def let_the_leases_run_out(place: Place) -> list[timedelta]:
    """Every claim of a message being sent made a lease ago; how long each lease was."""
    with app_of(place) as app, app.transaction() as session:
        leases = []
        for m in session.exec(select(OutboxMessage).where(
                OutboxMessage.status == OutboxStatus.SENDING.value)):
            assert m.claimed_at and m.lease_until
            leases.append(m.lease_until - m.claimed_at)
            m.claimed_at, m.lease_until = (m.claimed_at - timedelta(seconds=LEASE + 1),
                                           m.lease_until - timedelta(seconds=LEASE + 1))
        return leases


def test_a_crashed_claim_is_named_then_taken_over_after_its_lease(tmp_path: Path) -> None:
    """A crashed claim (its two rows) is named (being sent, then stale), sent once it expires."""
    with servers() as s:
        place = world(tmp_path, s)
        crashed = place.cli("onboard", "--csv", str(tmp_path / "rows.csv"), "--offline",
                            crash_at="send.before@1")
        assert crashed.crashed and s.inbox.messages == []
        assert "being sent" in place.cli("outbox", "list").out
        assert let_the_leases_run_out(place) == [timedelta(seconds=LEASE)] * 2
        assert "stale" in place.cli("outbox", "list").out
        assert "stale" in place.cli("status", "958935420").out
        assert "stale" in place.cli("report", "--out", str(tmp_path / "report")).out
        delivered = place.cli("outbox", "send")
        assert delivered.code == 0 and delivered.out.startswith("2 sent"), delivered
        assert sorted(s.inbox.keys()) == ["agreement:1:signature:1:request",
                                          "agreement:2:signature:3:request"]


def test_a_message_accepted_before_the_crash_is_resent_with_its_message_id(
        tmp_path: Path) -> None:
    """Accepted, not marked, then a crash: one resend (same Message-ID); its claim's other once."""
    with servers() as s:
        place = world(tmp_path, s)
        crashed = place.cli("onboard", "--csv", str(tmp_path / "rows.csv"), "--offline",
                            crash_at="send.after@1")
        assert crashed.crashed and len(s.inbox.messages) == 1
        assert let_the_leases_run_out(place) == [timedelta(seconds=LEASE)] * 2
        assert place.cli("outbox", "send").code == 0
        assert s.inbox.keys().count("agreement:2:signature:3:request") == 1
        first = [m for m in s.inbox.messages
                 if m["X-Avtaleflyt-Key"] == "agreement:1:signature:1:request"]
        assert len(first) == 2 and first[0]["Message-ID"] == first[1]["Message-ID"]


class HeldConverter(Held):
    """LibreOffice taking its time: it converts only once the test lets it go."""

    def to_pdf(self, docx_files: Sequence[bytes]) -> list[bytes]:
        self.wait()
        return [b"%PDF-1.4\n% slow\n%%EOF\n" for _ in docx_files]


def test_converting_reminder_letters_holds_no_database_lock(any_app: App) -> None:
    """While two follow-ups wait for LibreOffice, another command writes (and is done)."""
    (created,) = drafts.create_agreements(any_app, [oslo_kilde(any_app)])
    sending.send(any_app, created.agreement_id)
    day = Clock(add_working_days(date(2026, 11, 25), 5))
    converters = [HeldConverter(), HeldConverter()]
    results: list[object] = []
    threads = [threading.Thread(target=lambda c=c: results.append(followup_run.run(
        open_app(any_app.settings, clock=day, transports=Transports(converter=c)),
        deliver=False))) for c in converters]
    for t in threads:
        t.start()
    saved = threading.Event()
    try:
        wait_for(lambda: any(c.started.is_set() for c in converters),
                 "a follow-up to convert its letters")  # one of them makes each letter
        writer = threading.Thread(target=lambda: (contacts.save(
            any_app, "971032146", contacts.ContactSpec("Per", "per@ks.no", ContactRole.IT)),
            saved.set()))
        writer.start()
        writer.join(PATIENCE)  # a write waiting for the follow-ups' lock would still be here
        written_while_converting = saved.is_set() and not any(c.go.is_set() for c in converters)
    finally:
        for c in converters:
            c.go.set()
        for t in threads:
            t.join(PATIENCE)
    assert written_while_converting
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
    wait_for(lambda: proc.poll() is not None or len(marked(marker)) > 1,  # it started
             "onboard to start something or to end")                    # something
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(PATIENCE)
    wait_for(lambda: marked(marker) == [], "every process onboard started to end")


def hanging_server() -> tuple[socket.socket, int]:
    """A port that accepts connections and never says a word."""
    sock = socket.create_server(("127.0.0.1", 0), backlog=16)
    return sock, int(sock.getsockname()[1])


def connections(sock: socket.socket) -> int:
    """How many connections were made to a hanging server (each waited out its timeout)."""
    sock.setblocking(False)
    made = 0
    with contextlib.suppress(BlockingIOError):
        while True:
            sock.accept()[0].close()
            made += 1
    return made


def attempts(place: Place) -> list[int]:
    with app_of(place) as app, app.transaction() as s:
        return list(s.exec(select(OutboxMessage.attempts).order_by(col(OutboxMessage.id))))


@pytest.mark.parametrize("server", ["down", "hanging"])
def test_onboard_with_the_mail_server_away_finishes_at_once(tmp_path: Path, server: str) -> None:
    """Mail server down or hanging: onboard tries one message (one timeout at most), says in
    one line that the e-mail is queued, exit 3."""
    with servers() as s:
        place = world(tmp_path, s, AVTALEFLYT_SMTP_TIMEOUT="2")
        sock, port = hanging_server() if server == "hanging" else (None, free_port())
        try:
            place.env["AVTALEFLYT_SMTP_PORT"] = str(port)
            run = place.cli("onboard", "--csv", str(tmp_path / "rows.csv"), "--offline")
            if sock:
                assert connections(sock) == 1
        finally:
            if sock:
                sock.close()
    assert run.code == 3 and "Traceback" not in run.err, run
    assert run.err.count("\n") == 1 and "queued, delivery will be retried" in run.err
    assert attempts(place) == [1, 0]
    assert "2 onboarded" not in run.out and "2 waiting for e-mail delivery" in run.out


def test_the_follow_up_summary_names_a_failed_message(app: App) -> None:
    """A message that failed for good is named in the day's summary, whoever left it."""
    from agreements.outbox import queue

    with app.transaction() as s:
        queue.enqueue(app, s, queue.Mail("old", "Kari <kari@ks.no>", "Emne", "Tekst"))
        row = s.exec(select(OutboxMessage)).one()
        row.status, row.last_error = "failed", "550 no such user"
    summary = followup_run.summary(followup_run.run(app))
    assert "OUTBOX #1 to Kari <kari@ks.no>: failed: 550 no such user" in summary


def test_an_unreachable_mail_server_costs_one_timeout_per_run(settings: Settings) -> None:
    """A server that never answers costs one timeout; the rest of its queue waits untried."""
    from agreements.outbox import delivery, queue
    from tests.conftest import make_app

    sock, port = hanging_server()
    try:
        app = make_app(settings.model_copy(update={
            "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_timeout": 1.0}))
        with app.transaction() as s:
            for i in range(5):
                queue.enqueue(app, s, queue.Mail(f"m:{i}", f"p{i}@ks.no", "Emne", "Tekst"))
        report = delivery.deliver(app)
        assert connections(sock) == 1
    finally:
        sock.close()
    assert list(report.failed) == ["m:0"] and report.waiting == [f"m:{i}" for i in range(1, 5)]
    assert "queued, delivery will be retried" in str(report)
    with app.transaction() as s:
        tried = [m.attempts for m in s.exec(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert tried == [1, 0, 0, 0, 0]
