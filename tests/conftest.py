"""Shared fixtures: an initialised database on SQLite or a real PostgreSQL, and app contexts."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from agreements.app import App, Clock, Transports, open_app
from agreements.config import Settings
from agreements.registry import bootstrap
from tests.posten.pki import Pki

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["tests.posten.fixtures"]  # the PKI, the loopback Posten signering, its client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a real PostgreSQL server: CI's (AVTALEFLYT_TEST_POSTGRES_URL) or one started here."""
    url = os.environ.get("AVTALEFLYT_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    workdir = tempfile.mkdtemp(prefix="avtaleflyt-pg-")
    script = str(ROOT / "scripts" / "pg-test-server")
    url = subprocess.run([script, "start", workdir, str(free_port())], check=True,
                         capture_output=True, text=True).stdout.strip()
    try:
        yield url
    finally:
        subprocess.run([script, "stop", workdir], check=False)
        shutil.rmtree(workdir, ignore_errors=True)


def fresh_postgres_database(server_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each database test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'avtaleflyt.db'}"
    return fresh_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def settings(tmp_path: Path, pki: Pki) -> Settings:
    """Offline, in a fresh data folder, accepting PDF signatures made under the test CA."""
    return Settings(data_dir=tmp_path / "var", offline=True, actor="test",
                    signing_trust_roots=pki.ca_pem)


def make_app(settings: Settings, day: date | None = None, *,
             transports: Transports | None = None) -> App:
    app = open_app(settings, clock=Clock(day), actor="test", transports=transports)
    bootstrap.init(app)
    return app


@pytest.fixture
def app(settings: Settings) -> App:
    """An initialised app on SQLite (the default store), offline, on 2026-11-25."""
    return make_app(settings, date(2026, 11, 25))


@pytest.fixture
def any_app(settings: Settings, db_url: str) -> App:
    """An initialised app on SQLite and, in a second run, PostgreSQL."""
    return make_app(settings.model_copy(update={"database_url": db_url}), date(2026, 11, 25))


def requires_soffice() -> None:
    """PDF tests need LibreOffice: CI installs it, so there a missing soffice is a failure."""
    if shutil.which("soffice"):
        return
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is missing in CI: scripts/system-deps should install it")
    pytest.skip("LibreOffice (soffice) is not installed; `make test` as root installs it")


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Prefect's test server, once per session, in a private PREFECT_HOME."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def env_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    from tests.posten.pki import shared_pki

    """Settings from the environment, as the CLI and the flows read them (no PDF: speed)."""
    for key, value in {"AVTALEFLYT_DATA_DIR": str(tmp_path / "var"), "AVTALEFLYT_OFFLINE": "1",
                       "AVTALEFLYT_PDF": "0", "AVTALEFLYT_ACTOR": "test",
                       "AVTALEFLYT_SIGNING_TRUST_ROOTS": str(shared_pki().ca_pem)}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    return Settings.from_env()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures of the fault suite and the bad-input table, one line each."""
    from tests.figures import FIGURES

    for _, line in sorted(FIGURES.items()):
        terminalreporter.write_line(line)
