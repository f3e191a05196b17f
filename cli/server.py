"""An action from the command line, shown in the Prefect UI as a run of its flow.

The action itself runs here, through the same command as every front door; this module only
tells the configured Prefect server about it over its REST API — a flow run of the action's
flow created as Running with the command as its parameters, then Completed or Failed with
the outcome — so the run list stays the record of who did what. Prefect's client and engine
are not imported (they cost a second per command); httpx speaks to `PREFECT_API_URL`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
import httpx

from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, ExternalServiceError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from agreements.commands import Outcome

TIMEOUT = 10.0


class PrefectUnreachable(ExternalServiceError):
    """The configured Prefect server did not answer."""


def as_flow_run(name: str, command: BaseModel, run: Callable[[], Outcome], *,
                label: str) -> Outcome:
    """Create a Running flow run of flow `name` called `label` (what it concerns: see
    `agreements.commands.naming`), run the action, and set its final state.

    The action matters more than its record: when the server cannot be reached, the action
    still runs and a warning says it is missing from the UI; once the action has run, a failure
    to record its end is a warning too, never an error that would make the operator repeat it.
    """
    api = os.environ["PREFECT_API_URL"].rstrip("/")
    with httpx.Client(base_url=api, timeout=TIMEOUT) as client:
        try:
            flow_id = _call(client, "POST", "/flows/", {"name": name})["id"]
            run_id = _call(client, "POST", "/flow_runs/", {
                "flow_id": flow_id, "name": label,
                "parameters": {"command": command.model_dump(mode="json")},
                "state": {"type": "RUNNING", "name": "Running"},
                "tags": ["avtaleflyt", "cli"],
            })["id"]
        except PrefectUnreachable as exc:
            _warn(f"{exc}; {name} runs here without a flow run in the Prefect UI")
            return run()
        try:
            outcome = run()
        except BaseException as exc:  # any end, an interrupt too, leaves the run Failed
            _record(client, run_id, "FAILED", "Failed", _said(exc))
            raise
        _record(client, run_id, "COMPLETED", "Completed", outcome.message, outcome, name)
        return outcome


def _said(exc: BaseException) -> str:
    """Why the run failed, as the Prefect UI says it (a domain error in its bokmål)."""
    if isinstance(exc, AvtaleflytError):
        from flows.errortexts import bokmal

        return bokmal(exc)
    return str(exc) or type(exc).__name__


def _record(client: httpx.Client, run_id: str, kind: str, label: str, message: str,
            outcome: Outcome | None = None, name: str = "") -> None:
    """Set the run's final state (and the outcome as an artifact), warning if it fails."""
    try:
        _finish(client, run_id, kind, label, message)
        if outcome is not None:
            _call(client, "POST", "/artifacts/", {
                "type": "markdown", "flow_run_id": run_id,
                "description": f"{name} from the command line",
                "data": f"**{name}**: {outcome.message}"
                        + (f"\n\ne-mail: {outcome.delivery}" if outcome.delivery else ""),
            })
    except PrefectUnreachable as exc:
        _warn(f"{exc}; the action is done, but its flow run could not be marked {label}")


def _warn(message: str) -> None:
    click.echo(f"warning: {' '.join(message.split())}", err=True)


def _finish(client: httpx.Client, run_id: str, kind: str, label: str, message: str) -> None:
    _call(client, "POST", f"/flow_runs/{run_id}/set_state",
          {"state": {"type": kind, "name": label, "message": message[:2000]}, "force": True})


def _call(client: httpx.Client, method: str, path: str, body: dict[str, Any]) -> Any:
    try:
        response = client.request(method, path, json=body)
    except httpx.HTTPError as exc:
        raise PrefectUnreachable(Code.PREFECT_UNREACHABLE, url=str(client.base_url),
                                 reason=str(exc), retryable=True) from None
    if response.status_code >= 400:
        raise PrefectUnreachable(Code.PREFECT_REFUSED, status=response.status_code,
                                 method=method, path=path, detail=response.text[:200])
    return response.json() if response.content else None
