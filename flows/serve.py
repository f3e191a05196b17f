"""`avtaleflyt serve`: a Prefect server (when none is configured) plus every deployment of
prefect.yaml served with its schedule from this process, so the daily follow-up really fires.
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


def serve_all(port: int = 4200) -> None:
    server, url = None, os.environ.get("PREFECT_API_URL")
    if not url:
        server, url = start_server(port)
        print(f"Prefect UI: {url.removesuffix('/api')}", flush=True)
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            serve(*deployments())
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
