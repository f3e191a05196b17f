"""Shared fixtures: an initialised database on SQLite or a real PostgreSQL, and app contexts.

`make test` runs the suite in parallel (pytest-xdist, `--dist loadgroup`, one worker per
core); `pytest` alone runs it in one process. Every test must pass both ways, beside
other engineers' runs on the same machine, so a new test keeps to these rules:

- **Nothing shared by name.** Files go under `tmp_path` (or `tmp_path_factory`), databases are
  made by `db_url`/`fresh_postgres_database` (a new name each time), servers listen on a port
  the kernel picks (bind to port 0) or on `free_port()`; never a fixed port, file or database
  name, and nothing written into the working tree. Environment variables through
  `monkeypatch`, so they go back when the test ends.
- **No wall-clock thresholds.** Never `assert elapsed < x` and never sleep to let time pass.
  Time that matters is a parameter: the app's `Clock`, a lease moved back in the database
  (see `tests/test_run_hygiene.py`), the Posten double's `advance()`. Waiting for something
  to happen is a wait on a condition (an `Event`, `wait_for`) with a generous timeout that
  only a hang reaches.
- **Costly shared fixtures keep their tests on one worker.** A test that uses a module- or
  package-scoped fixture runs on the same worker as the other tests of that fixture (and
  parameter), and every test that uses `prefect_harness` on one worker with one Prefect
  test server (tests/parallel.py); an `xdist_group` mark groups others. Session fixtures
  run once per worker: keep them cheap, or group the tests that use them. Mark a test that
  takes tens of seconds `slow`, so it is handed out first.
- **An initialised database is a copy.** `make_app` (and the `app`, `any_app` fixtures)
  copies this worker's template of what `avtaleflyt init` leaves — the data folder by file
  copy, a PostgreSQL database by `CREATE DATABASE … TEMPLATE` — wherever init would start
  from nothing; it runs init itself otherwise (tests/databases.py). A fixture that only needs
  an initialised folder calls `init_from_env()` rather than the CLI's `init`; the tests of
  init itself run the command. `build_world` (tests/world.py) keeps its first world per
  process and settings and copies it the same way.
- **A PDF only where it is the subject.** Each LibreOffice conversion costs about 1.5 s of a
  core (5–10 s of wall time under load). A test file that asserts nothing of a PDF overrides
  `settings` with `pdf=False` (tests/test_golive.py); the conversions stay tested where they
  are the point (test_templates_pdf, test_documents, test_manual_signing, the signing tests).
  The Posten path needs a PDF to sign: `esign_app` converts with a stand-in for LibreOffice
  (`pdf_stand_in`, tests/posten/fixtures.py), a valid PDF that pyHanko signs and checks.
- **Servers the tests start.** A Prefect server a test starts (the harness's; serve's and the
  end-to-end test's in `own_server`'s environment) starts on a copy of one migrated database;
  a server on a socket the test binds itself sets TCP_NODELAY, and a `BaseHTTPRequestHandler`
  sets `disable_nagle_algorithm` (tests/loopback.py), or each response waits ~40 ms for the
  client's delayed ACK. The tests' own HTTP clients are `tests.loopback`'s (`client`, `get`,
  `post`), on one TLS context: httpx builds one a client otherwise (~20 ms of a core).
- **One patch.** `prefect_test_harness` makes its database's folder itself; the harness
  (tests/prefect_harness.py) has it made with the migrated copy in it, for that start only,
  and checks that the server's database is that copy. Nothing else is patched.
- **Where the time goes.** `AVTALEFLYT_TEST_TIMES=FILE` records each test's wall and CPU
  time (children included) per process; `python -m tests.timing FILE` sums it up.
- **Draft templates are allowed, NHN has an address.** The shipped templates keep the
  lawyers' open brackets, so every test sends them as drafts (marked UTKAST), as the demo
  does; and no NHN address is built in, so the tests name one (`bestilling@nhn.example`). The
  `settings` fixture and the environment (`AVTALEFLYT_ALLOW_DRAFT_TEMPLATES=1`,
  `AVTALEFLYT_NHN_EMAIL`, set for each test) do both. A test of a refusal turns it off
  (tests/test_open_passages.py, tests/test_nhn.py).
- **Figures through the report.** A suite that prints a figure records it with
  `tests.figures.record`, so it reaches the summary from every worker.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from agreements.app import App, Transports
from agreements.config import Settings
from tests.databases import BY_FILES, discard_templates, initialised_app
from tests.posten.pki import Pki

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "AVTALEFLYT_TEST_POSTGRES_URL"
NHN_EMAIL = "bestilling@nhn.example"
pytest_plugins = [
    "tests.posten.fixtures",  # the PKI, the loopback Posten signering, its client
    "tests.parallel",  # units of work and their order on xdist's workers
    "tests.timing",  # each test's wall and CPU time, with AVTALEFLYT_TEST_TIMES=FILE
    "tests.prefect_database",  # a migrated Prefect database for the servers tests start
    "tests.prefect_harness",  # Prefect's test server for the tests that need it
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def started_postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server on a free loopback port, stopped and removed afterwards."""
    workdir = tempfile.mkdtemp(prefix="avtaleflyt-pg-")
    script = str(ROOT / "scripts" / "pg-test-server")
    try:
        url = subprocess.run([script, "start", workdir, str(free_port())], check=True,
                             capture_output=True, text=True).stdout.strip()
        yield url
    finally:
        subprocess.run([script, "stop", workdir], check=False, capture_output=True)
        # a thousand databases are several hundred thousand files: removed by a process of its
        # own (a minute and more under load), so that the run's result is not kept waiting
        subprocess.run(["sh", "-c", 'rm -rf -- "$1" >/dev/null 2>&1 &', "sh", workdir],
                       check=False, stdin=subprocess.DEVNULL, start_new_session=True)


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist, one PostgreSQL server for all workers (they inherit its URL), unless
    AVTALEFLYT_TEST_POSTGRES_URL names one already."""
    parallel = getattr(config.option, "dist", "no") != "no"
    if parallel and not hasattr(config, "workerinput") and not os.environ.get(PG_URL):
        stack = ExitStack()
        os.environ[PG_URL] = stack.enter_context(started_postgres())
        config.add_cleanup(stack.close)
        config.add_cleanup(lambda: os.environ.pop(PG_URL, None))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of a real PostgreSQL server: CI's (AVTALEFLYT_TEST_POSTGRES_URL) or one started here."""
    url = os.environ.get(PG_URL)
    if url:
        yield url
        return
    with started_postgres() as url:
        yield url


def fresh_postgres_database(server_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" {BY_FILES}')
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each database test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'avtaleflyt.db'}"
    return fresh_postgres_database(request.getfixturevalue("postgres_server"))


@pytest.fixture(autouse=True)
def draft_templates_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI, the flows and subprocesses send the shipped (unsettled) templates as drafts,
    and NHN orders to a test address."""
    monkeypatch.setenv("AVTALEFLYT_ALLOW_DRAFT_TEMPLATES", "1")
    monkeypatch.setenv("AVTALEFLYT_NHN_EMAIL", NHN_EMAIL)


@pytest.fixture
def settings(tmp_path: Path, pki: Pki) -> Settings:
    """Offline, in a fresh data folder, accepting PDF signatures made under the test CA, and
    sending the shipped templates as drafts."""
    return Settings(data_dir=tmp_path / "var", offline=True, actor="test",
                    signing_trust_roots=pki.ca_pem, allow_draft_templates=True,
                    nhn_email=NHN_EMAIL)


def make_app(settings: Settings, day: date | None = None, *,
             transports: Transports | None = None) -> App:
    """An app on an initialised database: a copy of this worker's template where init would
    start from nothing (tests/databases.py), else `bootstrap.init` itself."""
    return initialised_app(settings, day, transports=transports)


def init_from_env() -> None:
    """The data folder the environment names as `avtaleflyt init` leaves it (a fixture's
    set-up; the tests of init itself run the command)."""
    make_app(Settings.from_env()).close()


def pytest_sessionfinish(session: pytest.Session) -> None:
    discard_templates()


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


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    from tests.figures import collect

    collect(report)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures of the fault suite and the bad-input table, one line each."""
    from tests.figures import lines

    for line in lines():
        terminalreporter.write_line(line)
