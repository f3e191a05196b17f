"""A Prefect database with every migration applied, made once per run of the suite and copied
wherever a test starts a Prefect server of its own (the harness's, serve's, the end-to-end
test's): a server migrates an empty database as it starts, about 7 s of a core of its 10, and
a migrated one in a fraction of that. The migrations themselves run here, by `prefect server
database upgrade`, as a coordinator's first `prefect server start` runs them.

The controller (or the only process, without xdist) names a folder for the run in the
environment, which its workers inherit; the first process that needs the database makes it
there while the others wait on a lock. Under xdist the controller starts making it at once,
in a process of its own, while the workers start and collect: otherwise the first tests of
the two workers (the harness's, serve's) would both wait for it, the cores half idle.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

FOLDER = "AVTALEFLYT_TEST_PREFECT_DATABASE_DIR"
ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput") or os.environ.get(FOLDER):
        return
    folder = tempfile.mkdtemp(prefix="avtaleflyt-prefect-db-")
    os.environ[FOLDER] = folder
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    config.add_cleanup(lambda: os.environ.pop(FOLDER, None))
    if getattr(config.option, "dist", "no") != "no":
        maker = subprocess.Popen([sys.executable, "-m", "tests.prefect_database"], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)  # stopped with its prefect child
        config.add_cleanup(lambda: _stopped(maker))  # before the folder is removed


def copy_migrated(to: Path) -> Path:
    """A copy of the migrated database at `to` (its folders made): Prefect's SQLite file."""
    to.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_migrated(), to)
    return to


def _migrated() -> Path:
    folder = Path(os.environ[FOLDER])
    made = folder / "prefect.db"
    with (folder / "making.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            _make(made)
    return made


def _make(made: Path) -> None:
    """`prefect server database upgrade` on an empty database, then one file of it (VACUUM
    INTO: no write-ahead log beside it) in place at once."""
    work = Path(tempfile.mkdtemp(prefix="making-", dir=made.parent))
    env = {**os.environ, "PREFECT_HOME": str(work), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{work / 'prefect.db'}"}
    done = subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade",
                           "-y"], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    whole = work / "whole.db"
    with contextlib.closing(sqlite3.connect(work / "prefect.db")) as db:
        db.execute("VACUUM INTO ?", (str(whole),))
    os.replace(whole, made)
    shutil.rmtree(work, ignore_errors=True)


def _stopped(maker: subprocess.Popen[bytes]) -> None:
    """The maker and the `prefect` it runs stopped (a short run ends before it is done)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(maker.pid, signal.SIGKILL)
    maker.wait()


if __name__ == "__main__":  # the controller's maker: the same as a worker's first need
    _migrated()
