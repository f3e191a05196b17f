"""Running the portal: `avtaleflyt serve` starts it beside Prefect (and stops it), it refuses to
start without a secret key outside the demo, and the schema it needs is migrated exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreements.app import App
from tests import loopback
from tests.conftest import free_port


@pytest.fixture
def env(app: App, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The environment of a data folder that `avtaleflyt init` has set up."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(app.settings.data_dir))
    for name in ("AVTALEFLYT_SECRET_KEY", "AVTALEFLYT_DEMO", "AVTALEFLYT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return app.settings.data_dir


def test_serve_starts_the_portal_in_its_own_process_and_stops_it(
        env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In demo mode the portal answers on its port; stopping it ends the process."""
    from flows.serve import _stop, start_portal

    monkeypatch.setenv("AVTALEFLYT_DEMO", "1")
    port = free_port()
    proc = start_portal(port)
    assert proc is not None
    try:
        answer = loopback.get(f"http://127.0.0.1:{port}/")
        assert answer.status_code == 200 and "Logg inn" in answer.text
    finally:
        _stop(proc)
    assert proc.returncode is not None


def test_serve_goes_on_without_the_portal_when_it_has_no_key(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No secret key and no demo: the portal is not started, and serve says why."""
    from flows.serve import start_portal

    assert start_portal(free_port()) is None
    assert "portal not started: the portal needs AVTALEFLYT_SECRET_KEY" in capsys.readouterr().out


def test_the_portal_command_refuses_to_listen_widely_without_a_key(
        env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`avtaleflyt portal --host 0.0.0.0` without a key is one line and exit 1, demo or not."""
    from cli import main

    monkeypatch.setenv("AVTALEFLYT_DEMO", "1")
    assert main(["portal", "--host", "0.0.0.0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "AVTALEFLYT_SECRET_KEY" in err


def test_portal_link_prints_a_link_for_a_contact(env: Path, app: App,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`avtaleflyt portal link EMAIL` prints a working sign-in link for a registered contact."""
    from cli import main
    from tests.helpers import organisers_with_contacts

    organisers_with_contacts(app)
    assert main(["portal", "link", "Kari@KS.no"]) == 0
    link = capsys.readouterr().out.strip()
    assert link.startswith("http://127.0.0.1:8000/logg-inn/lenke?token=")
    assert main(["portal", "link", "nobody@example.no"]) == 1


def test_the_migrations_build_exactly_the_tables_of_the_models(any_app: App) -> None:
    """Alembic finds nothing to add or change after `init` (every migration, the portal's too)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    with any_app.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
