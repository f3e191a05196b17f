"""Prefect's test server for the tests that use the `prefect_harness` fixture: one per
process, started when a test first needs it and stopped when the next test does not."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

import pytest

from tests.prefect_database import copy_migrated

# Prefect server services that the tests' servers run without: each loops (every few
# seconds) over tables that no assertion reads, and a server's idle services cost CPU for as
# long as it runs. `avtaleflyt serve` and a coordinator's server keep them all: the scheduler
# makes the scheduled runs, late runs and the foreman watch runs and workers, and so on.
# The harness's ephemeral server runs only the event services: it keeps the task run recorder
# (tests/test_followup_tasks.py reads task runs) and the distributors.
EVENT_SERVICES = ("EVENT_PERSISTER", "TRIGGERS")  # events stored for the UI; automations
LOOP_SERVICES = ("SCHEDULER", "LATE_RUNS", "FOREMAN", "CANCELLATION_CLEANUP",
                 "PAUSE_EXPIRATIONS", "REPOSSESSOR", "CLEANUP_RECONCILER", "TASK_RUN_RECORDER")


def services_off(*names: str) -> dict[str, str]:
    """The environment that turns Prefect server services `names` off."""
    return {f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false" for name in names}


def one_certificate() -> dict[str, str]:
    """The environment in which Prefect's clients trust one certificate: each client loads the
    bundle it verifies the API's TLS with (certifi's: ~19 ms of a core; one certificate: 0.3
    ms), `prefect deploy` three for each deployment. The tests' servers speak plain HTTP on
    loopback, so no certificate is ever checked."""
    from tests.posten.pki import shared_pki

    return {"PREFECT_API_SSL_CERT_FILE": str(shared_pki().ca_pem)}


def quiet_server() -> dict[str, str]:
    """For a `prefect server start` of a test (serve's, the end-to-end one): deployments, runs,
    states, logs and artifacts are served, and nothing that no test asks for."""
    return services_off(*EVENT_SERVICES, *LOOP_SERVICES)


def own_server(home: Path) -> dict[str, str]:
    """The environment of a test's own `prefect server start` and its clients (serve's, the
    end-to-end one's) in the private PREFECT_HOME `home`, its default database a copy of the
    migrated one (the suite's one run of the migrations: about 7 s of a core less)."""
    copy_migrated(home / "prefect.db")
    return {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            **quiet_server(), **one_certificate()}


class PrefectHarness:
    """Prefect's test server in a private PREFECT_HOME, started when a test first needs it
    and stopped when the next test of the process does not: the tests that use it run one
    after another on one worker (tests/parallel.py), and an idle server's services would
    otherwise use a core for about a second a minute until the session ends. A later test
    that needs it starts it again."""

    def __init__(self) -> None:
        self.stack: ExitStack | None = None
        self.used = False

    def open(self, home: Path) -> None:
        if self.stack is not None:
            return
        os.environ["PREFECT_HOME"] = str(home)
        os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
        from prefect.testing.utilities import prefect_test_harness

        from flows.common import fast_local_runs

        with ExitStack() as stack, pytest.MonkeyPatch.context() as env, mock.patch(
                "prefect.testing.utilities.mkdtemp", _migrated_folder):
            for name, value in services_off(*EVENT_SERVICES).items():
                env.setenv(name, value)  # for the server's process only: it inherits them
            stack.enter_context(prefect_test_harness(server_startup_timeout=120))
            from prefect.settings import (
                PREFECT_API_SSL_CERT_FILE,
                PREFECT_SERVER_DATABASE_CONNECTION_URL,
                temporary_settings,
            )

            stack.enter_context(temporary_settings(  # this process's clients
                {PREFECT_API_SSL_CERT_FILE: one_certificate()["PREFECT_API_SSL_CERT_FILE"]}))

            url = str(PREFECT_SERVER_DATABASE_CONNECTION_URL.value())
            assert Path(url).parent.name.startswith(COPIED), url  # the migrated copy
            stack.enter_context(fast_local_runs())  # flow runs without the heartbeat
            # thread's ~1 s join, as the CLI runs them
            self.stack, self.used = stack.pop_all(), True

    def close(self) -> None:
        if self.stack is not None:
            self.stack.close()
            self.stack = None


COPIED = "prefect-harness-"  # the folders made for the harness's database


def _migrated_folder() -> str:
    """The harness's folder for its database (prefect-test.db), the migrated one in it."""
    folder = tempfile.mkdtemp(prefix=COPIED)
    copy_migrated(Path(folder) / "prefect-test.db")
    return folder


_harness = PrefectHarness()
HARNESS = "prefect_harness"


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Prefect's test server (`PrefectHarness`), set up before the test's other fixtures."""
    _harness.open(tmp_path_factory.mktemp("prefect-home"))
    yield
    _harness.close()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """The harness again for a test that needs it after it was stopped."""
    if _harness.used and HARNESS in item.fixturenames:
        _harness.open(Path(os.environ["PREFECT_HOME"]))


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """The harness stopped once the next test does not need it."""
    if HARNESS in item.fixturenames and (nextitem is None or HARNESS not in nextitem.fixturenames):
        _harness.close()


@pytest.fixture
def served(prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line on a fresh offline data folder (no PDFs), initialised, with
    PREFECT_API_URL naming the test server: what it runs is recorded there."""
    from prefect.settings import PREFECT_API_URL

    from cli import main

    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.setenv("AVTALEFLYT_PDF", "0")
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    assert main(["init"]) == 0
    monkeypatch.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))
