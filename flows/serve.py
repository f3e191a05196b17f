"""`avtaleflyt serve`: a Prefect server (when none is configured), the portal, and every
deployment of `flows.deployments` (which prefect.yaml is written from) served from this
process with its schedule, tags, parameters and concurrency limit, so the daily follow-up
really fires. The servers run in processes of their own and stop when this one does.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import httpx
from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.flows import load_flow_from_entrypoint
from prefect.schedules import Cron
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.types.entrypoint import EntrypointType

from flows import runfiles
from flows.deployments import DEPLOYMENTS, Deployment

STARTUP_TIMEOUT = 120


def entrypoint_flows(specs: Sequence[Deployment] = DEPLOYMENTS) -> dict[str, Any]:
    """Each deployment's flow by its name, loaded from its entrypoint (`module.function`) as
    `prefect deploy` and a worker load it: each module imported once, however many flows it
    holds (flows/actions.py has 24); MissingFlowError where an entrypoint names no flow."""
    return {spec.name: load_flow_from_entrypoint(spec.entrypoint, use_placeholder_flow=False)
            for spec in specs}


def runner_deployment(spec: Deployment, flow: Any = None) -> Any:
    """The runner deployment of one entry of `flows.deployments`, every field it declares
    (its flow imported from its entrypoint unless given)."""
    if flow is None:
        flow = entrypoint_flows([spec])[spec.name]
    limit = spec.concurrency and ConcurrencyLimitConfig(
        limit=spec.concurrency.limit,
        collision_strategy=ConcurrencyLimitStrategy(spec.concurrency.collision_strategy))
    return flow.to_deployment(
        name=spec.name, entrypoint_type=EntrypointType.MODULE_PATH,
        description=spec.description, tags=list(spec.tags),
        parameters=dict(spec.parameters) or None, concurrency_limit=limit or None,
        schedules=[Cron(s.cron, timezone=s.timezone, parameters=dict(s.parameters) or None)
                   for s in spec.schedules] or None)


def deployments(labels: Mapping[str, list[str]] | None = None) -> list[Any]:
    """Runner deployments for every deployment of avtaleflyt (the list prefect.yaml is
    written from), their file fields offering `labels` (each purpose's files uploaded in the
    last day: `runfiles.choices`) as drop-downs."""
    flows = entrypoint_flows()
    found = [runner_deployment(spec, flows[spec.name]) for spec in DEPLOYMENTS]
    for deployment in found:
        schema = deployment._parameter_openapi_schema  # what `serve` registers
        runfiles.offer({"properties": schema.properties,
                        "definitions": schema.definitions}, labels or {})
    return found


@contextmanager
def _work() -> Iterator[Any]:
    """An app to read the uploaded files with (the operator's settings)."""
    from agreements.app import open_app
    from agreements.config import Settings

    with open_app(Settings.from_env(), need_schema=True) as app:
        yield app


def watch_files(found: list[Any], stop: threading.Event, url: str) -> threading.Thread:
    """Keep the run forms' file drop-downs current while `serve` runs (`flows.runfiles`)."""
    schemas = {f"{d.flow_name}/{d.name}": d._parameter_openapi_schema.model_dump(
        exclude_unset=True) for d in found}
    schemas = {name: s for name, s in schemas.items() if runfiles.has_files(s)}
    thread = threading.Thread(target=runfiles.watch, name="avtaleflyt-run-files", daemon=True,
                              args=(_work, schemas, stop, url))
    thread.start()
    return thread


def start_server(port: int) -> tuple[subprocess.Popen[bytes], str]:
    """`prefect server start` on 127.0.0.1:`port`, its UI told to talk to that same port
    (by default the UI's API address is built from the configured port, not `--port`)."""
    url = f"http://127.0.0.1:{port}/api"
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start",
                             "--host", "127.0.0.1", "--port", str(port)],
                            env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                                 "DO_NOT_TRACK": "1", "PREFECT_SERVER_API_HOST": "127.0.0.1",
                                 "PREFECT_SERVER_API_PORT": str(port),
                                 "PREFECT_SERVER_UI_API_URL": url},
                            start_new_session=True)  # Ctrl-C stops serve, which stops it
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
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
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
    """Stop a process started in a session of its own; killed with its helpers (uvicorn)
    when it does not stop within 30 s of SIGTERM, as a loaded machine was seen to do:
    a server left behind keeps its port and a core's share for good."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def _exit_on_sigterm(*_: Any) -> None:
    """Until Prefect's runner takes SIGTERM over (it stops gracefully), SIGTERM unwinds:
    Python's default would end the process at once, leaving the server and the portal it
    started (each in a session of its own) running for good."""
    sys.exit(0)


def serve_all(port: int = 4200, portal_port: int | None = 8000) -> None:
    server, portal, url = None, None, os.environ.get("PREFECT_API_URL")
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        if not url:
            server, url = start_server(port)
            print(f"Prefect UI: {url.removesuffix('/api')}", flush=True)
        if portal_port:
            portal = start_portal(portal_port)
        with temporary_settings(updates={PREFECT_API_URL: url}):
            with _work() as work:
                labels = runfiles.choices(work)
            found = deployments(labels)
            watch_files(found, stop, url)
            serve(*found)
    finally:
        stop.set()
        _stop(portal)
        _stop(server)
