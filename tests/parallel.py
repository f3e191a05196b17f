"""The suite on pytest-xdist's workers (`make test`: `--dist loadgroup`, a worker per core).

Tests that share a costly fixture run on one worker, in one unit of work: those that use a
module- or package-scoped fixture (per parameter of it), all that use Prefect's test server
(`prefect_harness`, one per worker that needs it), and those with an explicit
`xdist_group` mark. pytest-xdist 3.8 marks a group by renaming the test's node id, which
pytest 9.2 no longer allows (pytest-dev/pytest-xdist#1386: the groups are silently lost), so
each worker writes the groups it collected to a file and the controller's scheduler reads
them. The slow tests and groups are handed out first, so that no worker is left with a long
one at the end while the other is idle.

A worker whose session has ended leaves without tearing its interpreter down: its exit
handlers run, then it ends (`_leave_at_once`). Freeing a full run's heap object by object took
about 3 s, while the controller waited for it before it could report.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

FOLDER = "avtaleflyt_groups"  # where the workers write their groups (in workerinput)
_folder = pytest.StashKey[str]()  # the same, on the controller


def group_of(item: pytest.Item) -> str | None:
    """The unit of work `item` belongs to, or None (a unit of its own)."""
    mark = item.get_closest_marker("xdist_group")
    if mark:
        return str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
    if "prefect_harness" in item.fixturenames:
        return "prefect"
    info = getattr(item, "_fixtureinfo", None)
    params = getattr(getattr(item, "callspec", None), "params", {})
    for name in item.fixturenames:
        defs = info.name2fixturedefs.get(name) if info else None
        if defs and defs[-1].scope in ("module", "package"):
            where = item.nodeid.split("::")[0]
            if defs[-1].scope == "package":
                where = where.rsplit("/", 1)[0]
            return f"{where}:{name}={params.get(name, '')}"
    return None


def _first(item: pytest.Item) -> bool:
    return bool(item.get_closest_marker("slow") or item.get_closest_marker("faults")
                or group_of(item) == "prefect")


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "dist", "no") == "loadgroup" and not hasattr(config, "workerinput"):
        folder = tempfile.mkdtemp(prefix="avtaleflyt-groups-")
        config.stash[_folder] = folder
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    folder = node.config.stash.get(_folder, None)
    if folder:
        node.workerinput[FOLDER] = folder


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On a worker: the slow tests and groups first (the same order on every worker)."""
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: not _first(item))


@pytest.hookimpl(tryfirst=True)  # before the worker sends its collection to the controller
def pytest_collection_finish(session: pytest.Session) -> None:
    workerinput = getattr(session.config, "workerinput", {})
    if FOLDER in workerinput:
        groups = {item.nodeid: g for item in session.items if (g := group_of(item))}
        path = Path(workerinput[FOLDER]) / f"{workerinput['workerid']}.json"
        path.with_suffix(".tmp").write_text(json.dumps(groups), encoding="utf-8")
        os.replace(path.with_suffix(".tmp"), path)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    folder = config.stash.get(_folder, None)
    if folder is None:
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):  # type: ignore[misc]
        """xdist's loadscope with the workers' groups as scopes, in collection order."""

        groups: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.groups is None:  # every worker has written its file by now
                self.groups = {}
                for found in sorted(Path(folder).glob("*.json")):
                    self.groups.update(json.loads(found.read_text(encoding="utf-8")))
            return self.groups.get(nodeid, nodeid)

    config.option.loadscopereorder = False  # keep the order: slow tests and groups first
    return SharedFixtureScheduling(config, log)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # a worker, its session over and reported
        atexit.register(_leave_at_once)  # the last registered: the first to run at exit


def _leave_at_once() -> None:
    """Run the other exit handlers (Prefect's, multiprocessing's, logging's), then end the
    process without the interpreter's teardown; the threads were joined before exit handlers
    run, and the operating system closes what is still open. Exit status 0 whatever the
    tests did: the worker's outcome reached the controller with `workerfinished`."""
    atexit.unregister(_leave_at_once)
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
