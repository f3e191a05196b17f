"""Finding 3 of issue 11: a stored document is never rewritten; storing under a taken name
picks a free one and leaves the old file alone. Issue 22: two follow-ups at once make a
reminder's letter once — the run that claimed it — and its row's SHA-256 matches its file."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from datetime import date

from sqlmodel import select

from agreements.app import App, Clock, Transports, open_app
from agreements.contracts import drafts, sending
from agreements.core.calendar import add_working_days
from agreements.core.models import Document
from agreements.documents import store
from agreements.followup import run as followup_run
from tests.helpers import oslo_kilde


class HoldingConverter:
    """Converts only once a run has ended: the run that converts holds its claims while the
    other runs its whole course (each PDF differs, as LibreOffice's carry their time)."""

    def __init__(self) -> None:
        self.a_run_ended = threading.Event()
        self.calls = 0

    def to_pdf(self, docx_files: Sequence[bytes]) -> list[bytes]:
        self.calls += 1
        self.a_run_ended.wait(60)  # without claims both runs wait here, then both convert
        return [b"%PDF-1.4\n% " + uuid.uuid4().hex.encode() + b"\n%%EOF\n" for _ in docx_files]


def test_two_follow_ups_at_once_make_a_reminders_letter_once(any_app: App) -> None:
    """While one run renders the letter it claimed, the other makes none and sends nothing;
    one letter is stored, its file matching its row."""
    (created,) = drafts.create_agreements(any_app, [oslo_kilde(any_app)])
    sending.send(any_app, created.agreement_id)
    day = Clock(add_working_days(date(2026, 11, 25), 5))
    converter = HoldingConverter()
    apps = [open_app(any_app.settings, clock=day, actor=f"run-{i}",
                     transports=Transports(converter=converter)) for i in range(2)]
    errors: list[BaseException] = []

    def run(app: App) -> None:
        try:
            followup_run.run(app, deliver=False)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            converter.a_run_ended.set()

    threads = [threading.Thread(target=run, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    with any_app.transaction() as s:
        letters = list(s.exec(select(Document).where(Document.kind == "reminder")))
    assert converter.calls == 1 and len(letters) == 1
    assert store.sha256(any_app.documents.path_of(letters[0]).read_bytes()) == letters[0].sha256


def test_storing_under_a_taken_name_never_replaces_the_file(app: App) -> None:
    """The second document gets a name of its own; the same bytes again share the file."""
    with app.transaction() as s:
        first = app.documents.put(s, kind="x", folder="test", name="brev.pdf", data=b"A")
        second = app.documents.put(s, kind="x", folder="test", name="brev.pdf", data=b"B")
        again = app.documents.put(s, kind="x", folder="test", name="brev.pdf", data=b"A")
    assert first.path.endswith("/brev.pdf") and second.path != first.path
    assert again.path == first.path
    assert app.documents.read(first) == b"A" and app.documents.read(second) == b"B"
    assert not list(app.settings.data_dir.rglob(".tmp-*"))
