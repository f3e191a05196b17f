"""Slow outside work (Enhetsregisteret, LibreOffice) holds no database lock: another process
writes to the same SQLite database while it waits."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from agreements.app import App, Transports
from agreements.config import Settings
from agreements.contracts import drafts
from agreements.registry.register import Registration, register
from tests.brreg_fakes import enhet
from tests.conftest import ROOT, make_app
from tests.helpers import SPECIALIST, oslo_kilde
from tests.waiting import PATIENCE, Held


class SlowConverter(Held):
    """A converter that takes its time, as LibreOffice does on a big batch."""

    def to_pdf(self, docx_files: Sequence[bytes]) -> list[bytes]:
        self.wait()
        return [b"%PDF-1.4\n%%EOF\n" for _ in docx_files]


def slow_register(held: Held) -> httpx.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        held.wait()
        return httpx.Response(200, json=enhet(SPECIALIST, "TREG KLINIKK AS", form="AS"))

    return httpx.Client(transport=httpx.MockTransport(answer))


def other_process_writes(settings: Settings) -> None:
    """`avtaleflyt org contact add` in its own process, on the same database."""
    env = {"PATH": "/usr/bin:/bin", "AVTALEFLYT_DATA_DIR": str(settings.data_dir),
           "AVTALEFLYT_OFFLINE": "1"}
    code = "import sys; from cli import main; sys.exit(main(sys.argv[1:]))"
    subprocess.run([sys.executable, "-c", code, "org", "contact", "add", "971032146",
                    "--name", "Kim Leder", "--email", "kim@ks.no", "--role", "signatory"],
                   env=env, cwd=ROOT, check=True, capture_output=True, timeout=2 * PATIENCE)


def while_waiting(app: App, held: Held, slow: Callable[[], object]) -> None:
    worker = threading.Thread(target=slow)
    worker.start()
    try:
        assert held.started.wait(PATIENCE)  # the slow call is under way, and stays so
        other_process_writes(app.settings)  # until this write is done
    finally:
        held.go.set()
        worker.join(PATIENCE)
    assert not worker.is_alive()


def test_a_slow_register_lookup_does_not_block_writers(settings: Settings) -> None:
    """While Enhetsregisteret takes its time, another process registers a contact at once."""
    held = Held()
    app = make_app(settings.model_copy(update={"offline": False}),
                   transports=Transports(brreg=slow_register(held)))
    while_waiting(app, held, lambda: register(app, Registration(
        orgnr=SPECIALIST, role="konsument", kind="privat")))


def test_a_slow_converter_does_not_block_writers(settings: Settings, tmp_path: Path) -> None:
    """While LibreOffice converts, another process registers a contact at once."""
    converter = SlowConverter()
    app = make_app(settings, transports=Transports(converter=converter))
    pid = oslo_kilde(app)
    while_waiting(app, converter, lambda: drafts.create_agreements(app, [pid]))
