"""Where the suite's time goes: with AVTALEFLYT_TEST_TIMES=FILE, each process (the controller
and every xdist worker) appends a JSON line per test to FILE.<worker> — its worker, when each
phase (setup, call, teardown) started, its wall time, the process's CPU (all its threads) and
the CPU of the children it reaped meanwhile (forked CLI runs, the zygote's included, servers,
LibreOffice) — and one line for the session (the whole process's CPU and its children's at
the end). A module's or the session's fixtures are set up in the setup of their first test
and torn down in the teardown of their last, so their cost shows there.
`python -m tests.timing FILE` sums it up.

CPU, not wall time, is what to compare on a shared machine: the wall time of a test is its
CPU plus what it waited for, other processes' turns on the cores included.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

VARIABLE = "AVTALEFLYT_TEST_TIMES"
_phases = pytest.StashKey[dict[str, list[float]]]()


def _children() -> float:
    """The CPU of the children reaped so far: this process's, and the zygote's CLI runs
    (tests/zygote.py: they are its children, reaped as they end) where it is in use."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    zygote = sys.modules.get("tests.zygote")
    return usage.ru_utime + usage.ru_stime + (zygote.ZYGOTE.reaped if zygote else 0.0)


def _file(config: pytest.Config) -> Path | None:
    path = os.environ.get(VARIABLE)
    if not path:
        return None
    worker = getattr(config, "workerinput", {}).get("workerid", "main")
    return Path(f"{path}.{worker}")


def _write(config: pytest.Config, line: dict[str, Any]) -> None:
    file = _file(config)
    if file is not None:
        with file.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")


@pytest.hookimpl(hookwrapper=True)
def _measured(item: pytest.Item, phase: str) -> Generator[None, None, None]:
    started, cpu, children = time.time(), time.process_time(), _children()
    yield
    item.stash.setdefault(_phases, {})[phase] = [
        started, time.time() - started, time.process_time() - cpu, _children() - children]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    yield from _measured(item, "setup")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    yield from _measured(item, "call")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    yield from _measured(item, "teardown")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    yield
    if os.environ.get(VARIABLE):
        _write(item.config, {"test": item.nodeid, "pid": os.getpid(),
                             **item.stash.get(_phases, {})})


def pytest_sessionstart(session: pytest.Session) -> None:
    _write(session.config, {"session": "start", "time": time.time(),
                            "cpu": time.process_time(), "children": _children()})


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    _write(config, {"session": "end", "time": time.time(), "cpu": time.process_time(),
                    "children": _children()})


def summary(prefix: str, top: int = 40) -> None:
    """Per test and per file: wall and CPU (own + children); per worker: busy and idle."""
    tests: list[dict[str, Any]] = []
    sessions: dict[str, dict[str, Any]] = defaultdict(dict)
    for file in sorted(Path(prefix).parent.glob(Path(prefix).name + ".*")):
        worker = file.suffix[1:]
        for raw in file.read_text(encoding="utf-8").splitlines():
            line = json.loads(raw)
            if "session" in line:
                sessions[worker][line["session"]] = line
            else:
                line["worker"] = worker
                tests.append(line)

    def cost(line: dict[str, Any]) -> tuple[float, float]:
        phases = [line[p] for p in ("setup", "call", "teardown") if p in line]
        return sum(p[1] for p in phases), sum(p[2] + p[3] for p in phases)

    wall = sum(cost(t)[0] for t in tests)
    cpu = sum(cost(t)[1] for t in tests)
    print(f"{len(tests)} tests: {wall:.0f} s of wall on workers, {cpu:.0f} s of CPU")
    for worker, ends in sorted(sessions.items()):
        if "start" in ends and "end" in ends:
            s, e = ends["start"], ends["end"]
            print(f"  {worker}: {e['time'] - s['time']:.0f} s, CPU {e['cpu']:.0f} s "
                  f"+ children {e['children']:.0f} s (process totals)")
    print(f"\nThe {top} dearest tests (CPU incl. children; wall; setup/call/teardown CPU):")
    for t in sorted(tests, key=lambda t: -cost(t)[1])[:top]:
        w, c = cost(t)
        parts = "/".join(f"{t[p][2] + t[p][3]:.1f}" if p in t else "-"
                         for p in ("setup", "call", "teardown"))
        print(f"  {c:6.1f} {w:6.1f}  {parts:16} {t['worker']:5} {t['test']}")
    files: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for t in tests:
        w, c = cost(t)
        entry = files[t["test"].split("::")[0]]
        entry[0] += w
        entry[1] += c
        entry[2] += 1
    print(f"\nThe {top} dearest files (CPU, wall, tests):")
    for name, (w, c, n) in sorted(files.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"  {c:6.1f} {w:6.1f} {int(n):4} {name}")
    print("\nEach worker's last tests (start → end, s from the first start):")
    first = min((t["setup"][0] for t in tests if "setup" in t), default=0.0)
    by_worker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in tests:
        by_worker[t["worker"]].append(t)
    for worker, mine in sorted(by_worker.items()):
        mine.sort(key=lambda t: t["setup"][0])
        last = mine[-1]
        end = max(last[p][0] + last[p][1] for p in ("setup", "call", "teardown") if p in last)
        busy = sum(cost(t)[0] for t in mine)
        print(f"  {worker}: {len(mine)} tests, busy {busy:.0f} s, ends at {end - first:.0f} s")
        for t in mine[-3:]:
            print(f"     {t['setup'][0] - first:6.0f} {cost(t)[0]:6.1f} {t['test']}")


if __name__ == "__main__":
    summary(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40)
