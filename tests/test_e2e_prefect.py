"""End to end: a real `prefect server`, the work pool, `prefect deploy --all`, a process worker
running the follow-up deployment to completion. The server starts on a copy of the suite's
migrated database (tests/prefect_database.py), made by `prefect server database upgrade`: the
same migrations its first start would run."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests import loopback
from tests.conftest import ROOT, free_port
from tests.prefect_harness import own_server

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


@pytest.fixture
def server(tmp_path: Path) -> Iterator[dict[str, str]]:
    port = free_port()
    env = {**os.environ, **own_server(tmp_path / "prefect-home"),
           "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
           "AVTALEFLYT_DATA_DIR": str(tmp_path / "var"), "AVTALEFLYT_OFFLINE": "1",
           "AVTALEFLYT_ALLOW_DRAFT_TEMPLATES": "1",
           "AVTALEFLYT_NHN_EMAIL": "bestilling@nhn.example"}
    env.pop("AVTALEFLYT_DATABASE_URL", None)
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if loopback.get(f"{env['PREFECT_API_URL']}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, (tmp_path / "server.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "prefect server did not start in 120 s"
            time.sleep(0.5)
        yield env
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def avtaleflyt(args: list[str], env: dict[str, str]) -> str:
    """`avtaleflyt ARGS` with `env`, in a child forked from this process (tests/forked.py):
    the same CLI, without a second of a core to start a fresh interpreter."""
    from tests.forked import run_cli

    result = run_cli(args, env)
    assert result.code == 0, result.out[-2000:] + result.err[-2000:]
    return result.out


def run(args: list[str], env: dict[str, str], timeout: int = 180) -> str:
    result = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def test_follow_up_deployment_runs_on_a_process_worker(server: dict[str, str]) -> None:
    """deploy --all registers every deployment with its fields; the follow-up run completes
    on a worker."""
    env = server
    avtaleflyt(["init"], env)
    avtaleflyt(["onboard", "958935420", "--role", "kilde", "--signatory",
                "Ola <ola@oslo.kommune.no>", "--today", "2026-11-25"], env)
    run([str(BIN / "prefect"), "work-pool", "create", "avtaleflyt", "--type", "process"], env)
    run([str(BIN / "prefect"), "--no-prompt", "deploy", "--all"], env)
    api = env["PREFECT_API_URL"]
    deployments = loopback.post(f"{api}/deployments/filter", json={}).json()
    names = {d["name"] for d in deployments}
    assert {"onboard-organisation", "onboard-batch", "record-signature", "record-decline",
            "complete-checklist-item", "record-nhn-confirmation", "record-terms",
            "go-live", "follow-up", "rollout-report", "poll-signatures"} <= names
    follow = next(d for d in deployments if d["name"] == "follow-up")
    assert follow["schedules"][0]["schedule"]["cron"] == "0 7 * * 1-5"
    assert follow["schedules"][0]["schedule"]["timezone"] == "Europe/Oslo"
    assert follow["tags"] == ["avtaleflyt", "scheduled"]  # every field of prefect.yaml
    poll = next(d for d in deployments if d["name"] == "poll-signatures")
    assert poll["global_concurrency_limit"]["limit"] == 1
    out = run([str(BIN / "prefect"), "deployment", "run", "follow-up/follow-up",
               "--param", "today=2027-01-04"], env)
    run_id = re.search(r"UUID: ([0-9a-f-]{36})", out)
    assert run_id, out
    run([str(BIN / "prefect"), "worker", "start", "--pool", "avtaleflyt", "--run-once"], env,
        timeout=300)
    state = loopback.get(f"{api}/flow_runs/{run_id.group(1)}").json()
    assert state["state_type"] == "COMPLETED", state["state"]
    eml = list((Path(env["AVTALEFLYT_DATA_DIR"]) / "outbox").glob("*notice*.eml"))
    assert eml, "the follow-up run on the worker queued and wrote the checklist reminder"
