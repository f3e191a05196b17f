"""`avtaleflyt serve`: a Prefect server (when none is configured), the portal, and every
deployment of prefect.yaml served with its schedule from this process, so the daily follow-up
really fires. The servers run in processes of their own and stop when this one does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import yaml
from prefect import serve
from prefect.flows import load_flow_from_entrypoint
from prefect.schedules import Cron
from prefect.settings import PREFECT_API_URL, temporary_settings

from agreements.config import PROJECT_ROOT

STARTUP_TIMEOUT = 120


def deployments(config_path: Path = PROJECT_ROOT / "prefect.yaml") -> list[Any]:
    """Runner deployments for every entry of prefect.yaml, with its schedules."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    found = []
    for d in config["deployments"]:
        script, func = d["entrypoint"].split(":")
        flow: Any = load_flow_from_entrypoint(f"{config_path.parent / script}:{func}")
        schedules = [Cron(s["cron"], timezone=s.get("timezone"))
                     for s in d.get("schedules") or []]
        found.append(flow.to_deployment(name=d["name"], description=d.get("description"),
                                        schedules=schedules or None))
    return found


def start_server(port: int) -> tuple[subprocess.Popen[bytes], str]:
    url = f"http://127.0.0.1:{port}/api"
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start",
                             "--host", "127.0.0.1", "--port", str(port)],
                            env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                                 "DO_NOT_TRACK": "1"})
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"prefect server did not answer on {url} within {STARTUP_TIMEOUT}s")


def start_portal(port: int) -> subprocess.Popen[bytes] | None:
    """`avtaleflyt portal` beside the Prefect server; None, saying why, when it may not run
    here (no AVTALEFLYT_SECRET_KEY outside the demo)."""
    from agreements.config import Settings
    from agreements.errors import InvalidInput
    from portal.app import secret_for

    try:
        secret_for(Settings.from_env(), "127.0.0.1")
    except InvalidInput as exc:
        print(f"portal not started: {exc}", flush=True)
        return None
    code = f"import sys; from cli import main; sys.exit(main(['portal', '--port', '{port}']))"
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    _stop(proc)
    raise RuntimeError(f"the portal did not answer on 127.0.0.1:{port}")


def _stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=30)


def serve_all(port: int = 4200, portal_port: int | None = 8000) -> None:
    server, portal, url = None, None, os.environ.get("PREFECT_API_URL")
    try:
        if not url:
            server, url = start_server(port)
            print(f"Prefect UI: {url.removesuffix('/api')}", flush=True)
        if portal_port:
            portal = start_portal(portal_port)
        with temporary_settings(updates={PREFECT_API_URL: url}):
            serve(*deployments())
    finally:
        _stop(portal)
        _stop(server)
