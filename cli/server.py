"""An action from the command line, shown in the Prefect UI as a run of its flow.

The action itself runs here, through the same command as every front door; this module only
tells the configured Prefect server about it over its REST API — a flow run of the action's
flow created as Running with its parameters, then Completed or Failed with the outcome — so
the run list stays the record of who did what. Prefect's client and engine are not imported
(they cost a second per command); httpx speaks to `PREFECT_API_URL`.

A person's action is recorded with the command as its parameters and the outcome as a
markdown artifact (`as_flow_run`); onboarding from the command line as its flow's run would
show (`recorded_run`: the flow's parameters, its one task run, the outcome's log line, its
artifacts, the name it gives itself once it has read its rows).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

import click
import httpx

from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, ExternalServiceError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from agreements.commands import Outcome

TIMEOUT = 10.0
BUSY = (429, 502, 503)  # answers a busy server gives (the codes Prefect's own client retries)
BACKOFF = (0.1, 0.5, 2.0)  # seconds before each try again


class PrefectUnreachable(ExternalServiceError):
    """The configured Prefect server did not answer."""


@dataclass
class Shown:
    """What a finished run shows besides its state: the name it ends with, its log lines,
    its artifacts (the API's bodies, without the run's id), and `failed`, the message of a
    run that ends Failed although the action ran (it is then not Completed)."""

    name: str | None = None
    logs: list[str] = field(default_factory=list)
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    failed: str | None = None


def as_flow_run(name: str, command: BaseModel, run: Callable[[], Outcome], *,
                label: str) -> Outcome:
    """Create a Running flow run of flow `name` called `label` (what it concerns: see
    `agreements.commands.naming`), run the action, and set its final state."""

    def shown(outcome: Outcome) -> Shown:
        return Shown(artifacts=[{
            "type": "markdown", "description": f"{name} from the command line",
            "data": f"**{name}**: {outcome.message}"
                    + (f"\n\ne-mail: {outcome.delivery}" if outcome.delivery else "")}])

    return recorded_run(name, {"command": command.model_dump(mode="json")}, run, shown,
                        label=label, tags=["avtaleflyt", "cli"])


def recorded_run(name: str, parameters: dict[str, Any], run: Callable[[], Outcome],
                 shown: Callable[[Outcome], Shown], *, label: str,
                 tags: list[str] | None = None, task: str | None = None,
                 refused: Callable[[AvtaleflytError], Shown] | None = None) -> Outcome:
    """Run the action as a run of flow `name` called `label` with `parameters` (and, with
    `task`, one task run of that name, as a flow that runs its command as a task shows),
    then end it as `shown` (or, for a refusal, `refused`) says.

    The action matters more than its record: when the server cannot be reached, the action
    still runs and a warning says it is missing from the UI; once the action has run, a failure
    to record its end is a warning too, never an error that would make the operator repeat it.
    """
    api = os.environ["PREFECT_API_URL"].rstrip("/")
    with httpx.Client(base_url=api, timeout=TIMEOUT) as client:
        try:
            ids = _start(client, name, label, parameters, tags or [], task)
        except PrefectUnreachable as exc:
            _warn(f"{exc}; {name} runs here without a flow run in the Prefect UI")
            return run()
        try:
            outcome = run()
        except AvtaleflytError as exc:
            _record(client, ids, partial(refused or _failed, exc), None)
            raise
        except BaseException as exc:  # any end, an interrupt too, leaves the run Failed
            _record(client, ids, partial(_failed, exc), None)
            raise
        _record(client, ids, partial(shown, outcome), outcome.message)
        return outcome


def _start(client: httpx.Client, name: str, label: str, parameters: dict[str, Any],
           tags: list[str], task: str | None) -> tuple[str, str | None]:
    """The Running flow run (and its Running task run): their ids."""
    running = {"type": "RUNNING", "name": "Running"}
    flow_id = _call(client, "POST", "/flows/", {"name": name})["id"]
    run_id = _call(client, "POST", "/flow_runs/", {
        "flow_id": flow_id, "name": label, "parameters": parameters, "state": running,
        "tags": tags})["id"]
    try:
        task_id = None if task is None else _call(client, "POST", "/task_runs/", {
            "flow_run_id": run_id, "name": task, "task_key": f"{name}-{task}",
            "dynamic_key": "0", "state": running})["id"]
    except PrefectUnreachable as exc:  # the flow run exists: it ends as the action does
        _warn(f"{exc}; {name}'s flow run is recorded without its task run")
        task_id = None
    return run_id, task_id


def _failed(exc: BaseException) -> Shown:
    return Shown(failed=_said(exc))


def _said(exc: BaseException) -> str:
    """Why the run failed, as the Prefect UI says it (a domain error in its bokmål)."""
    if isinstance(exc, AvtaleflytError):
        from flows.errortexts import bokmal

        return " ".join(bokmal(exc).split())
    return str(exc) or type(exc).__name__


def _record(client: httpx.Client, ids: tuple[str, str | None], showing: Callable[[], Shown],
            message: str | None) -> None:
    """Set the runs' name, logs, artifacts and final states, warning if any of it fails; the
    task run ends Completed with `message` when the command returned one, Failed when it
    raised; the flow run ends, whatever else could not be recorded, as `showing` says (or, if
    that fails, as the task run)."""
    run_id, task_id = ids
    shown = Shown(failed=None if message is not None else "")
    try:
        try:
            shown = showing()
            if task_id is not None:
                _set_state(client, f"/task_runs/{task_id}", *(
                    ("COMPLETED", "Completed", message) if message is not None
                    else ("FAILED", "Failed", shown.failed or "")))
            if shown.name:
                _call(client, "PATCH", f"/flow_runs/{run_id}", {"name": shown.name})
            if shown.logs:
                now = datetime.now(UTC).isoformat()
                _call(client, "POST", "/logs/", [
                    {"name": "prefect.flow_runs", "level": 20, "message": line,
                     "timestamp": now, "flow_run_id": run_id} for line in shown.logs])
            for artifact in shown.artifacts:
                _call(client, "POST", "/artifacts/", {**artifact, "flow_run_id": run_id})
        finally:  # never left Running
            kind, label = ("FAILED", "Failed") if shown.failed is not None else (
                "COMPLETED", "Completed")
            _set_state(client, f"/flow_runs/{run_id}", kind, label,
                       shown.failed or message or "")
    except Exception as exc:  # the action is done: its record is second to it
        _warn(f"{exc}; the action is done, but its flow run's record is incomplete")


def _warn(message: str) -> None:
    click.echo(f"warning: {' '.join(message.split())}", err=True)


def _set_state(client: httpx.Client, path: str, kind: str, label: str, message: str) -> None:
    _call(client, "POST", f"{path}/set_state",
          {"state": {"type": kind, "name": label, "message": message[:2000]}, "force": True})


def _call(client: httpx.Client, method: str, path: str, body: Any, *,
          pause: Callable[[float], None] = time.sleep) -> Any:
    """One request to the API; a busy server's answer (BUSY: a 503 when its database is
    locked under load) is tried again after each of BACKOFF's pauses, as Prefect's own
    client does: the server wrote nothing when it answered so."""
    for wait in (*BACKOFF, None):
        try:
            response = client.request(method, path, json=body)
        except httpx.HTTPError as exc:
            raise PrefectUnreachable(Code.PREFECT_UNREACHABLE, url=str(client.base_url),
                                     reason=str(exc), retryable=True) from None
        if response.status_code not in BUSY or wait is None:
            break
        pause(wait)
    if response.status_code >= 400:
        raise PrefectUnreachable(Code.PREFECT_REFUSED, status=response.status_code,
                                 method=method, path=path, detail=response.text[:200])
    return response.json() if response.content else None
