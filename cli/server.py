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

import httpx

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
    `agreements.commands.naming`), run the action, and set its final state."""
    api = os.environ["PREFECT_API_URL"].rstrip("/")
    with httpx.Client(base_url=api, timeout=TIMEOUT) as client:
        flow_id = _call(client, "POST", "/flows/", {"name": name})["id"]
        flow_run = _call(client, "POST", "/flow_runs/", {
            "flow_id": flow_id, "name": label,
            "parameters": {"command": command.model_dump(mode="json")},
            "state": {"type": "RUNNING", "name": "Running"},
            "tags": ["avtaleflyt", "cli"],
        })
        try:
            outcome = run()
        except AvtaleflytError as exc:
            _finish(client, flow_run["id"], "FAILED", "Failed", str(exc))
            raise
        _finish(client, flow_run["id"], "COMPLETED", "Completed", outcome.message)
        _call(client, "POST", "/artifacts/", {
            "type": "markdown", "flow_run_id": flow_run["id"],
            "description": f"{name} from the command line",
            "data": f"**{name}**: {outcome.message}"
                    + (f"\n\ne-mail: {outcome.delivery}" if outcome.delivery else ""),
        })
        return outcome


def _finish(client: httpx.Client, run_id: str, kind: str, label: str, message: str) -> None:
    _call(client, "POST", f"/flow_runs/{run_id}/set_state",
          {"state": {"type": kind, "name": label, "message": message[:2000]}, "force": True})


def _call(client: httpx.Client, method: str, path: str, body: dict[str, Any]) -> Any:
    try:
        response = client.request(method, path, json=body)
    except httpx.HTTPError as exc:
        raise PrefectUnreachable(f"Prefect server at {client.base_url} is unreachable: {exc}",
                                 retryable=True) from None
    if response.status_code >= 400:
        raise PrefectUnreachable(f"Prefect server answered {response.status_code} to {method} "
                                 f"{path}: {response.text[:200]}")
    return response.json() if response.content else None
