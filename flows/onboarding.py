"""Onboarding flows: one organisation, or a CSV of many (all 357 kommuner in one run).

Tasks stay coarse (one per step for the whole batch, not one per row), so a batch of 357 is
a handful of task runs; each step is idempotent, so a re-run continues where one stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import (
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE

from agreements.app import App
from agreements.errors import InvalidInput
from agreements.onboarding import csvfile, steps
from agreements.registry.register import Registration
from flows.common import deliver, flow_app, parameter


@task(name="validate-rows", cache_policy=NO_CACHE)
def validate_rows(csv_text: str, offline: bool) -> tuple[list[csvfile.Row],
                                                          list[csvfile.BadRow]]:
    return csvfile.parse(csv_text, offline=offline)


@task(name="register", cache_policy=NO_CACHE)
def register_rows(app: App, rows: list[csvfile.Row]) -> list[steps.Outcome]:
    return steps.register_rows(app, rows)


@task(name="create-agreements", cache_policy=NO_CACHE)
def create_agreements(app: App, outcomes: list[steps.Outcome]) -> dict[int, int]:
    return steps.create_agreements(app, outcomes)


@task(name="send-agreements", cache_policy=NO_CACHE)
def send_agreements(app: App, outcomes: list[steps.Outcome], made: dict[int, int]) -> None:
    steps.send_drafts(app, outcomes, made)


@task(name="prepare-nhn-orders", cache_policy=NO_CACHE)
def prepare_orders(app: App, outcomes: list[steps.Outcome]) -> None:
    steps.prepare_orders(app, outcomes)


def _steps(app: App, rows: list[csvfile.Row], progress: Any = None) -> list[steps.Outcome]:
    outcomes = register_rows(app, rows)
    _progress(progress, 30)
    made = create_agreements(app, outcomes)
    _progress(progress, 70)
    send_agreements(app, outcomes, made)
    prepare_orders(app, outcomes)
    _progress(progress, 90)
    deliver(app)
    _progress(progress, 100)
    return outcomes


def _progress(artifact_id: Any, value: float) -> None:
    if artifact_id is not None:
        update_progress_artifact(artifact_id=artifact_id, progress=value)


@flow(name="onboard-batch", log_prints=True)
def onboard_batch(csv_path: str | None = None, csv_text: str | None = None,
                  offline: bool = False, today: str | None = None) -> dict[str, Any]:
    """Onboard every organisation in a CSV; bad rows are reported, good rows go on.

    Args:
        csv_path: Path of the CSV file on the machine that runs the flow.
        csv_text: The CSV itself (instead of csv_path), e.g. pasted into the form.
        offline: Never call Enhetsregisteret; kommuner come from the reference data.
        today: Run as if it were this date (YYYY-MM-DD); empty means today.
    """
    if bool(csv_path) == bool(csv_text):
        raise InvalidInput("give exactly one of csv_path and csv_text")
    text = csv_text or csvfile.read(Path(csv_path or ""))
    progress = create_progress_artifact(progress=0.0, key="onboard-batch-progress",
                                        description="Onboarding progress")
    rows, bad = validate_rows(text, offline)
    _progress(progress, 10)
    with flow_app(today) as app:
        outcomes = _steps(app, rows, progress)
    table = [o.as_dict() for o in outcomes] + [
        {"line": b.line, "orgnr": b.orgnr, "navn": "", "outcome": b.reason, "ok": False}
        for b in bad]
    table.sort(key=lambda r: int(str(r["line"])))
    create_table_artifact(table=table, key="onboard-batch-outcome",
                          description=f"{len(rows)} valid rows, {len(bad)} rejected")
    failed = [r for r in table if not r["ok"]]
    print(f"onboarded {len(table) - len(failed)} of {len(table)} rows; "
          f"{len(failed)} need attention")
    return {"rows": table, "ok": len(table) - len(failed), "failed": len(failed)}


@flow(name="onboard-organisation", log_prints=True,
      flow_run_name=parameter("onboard", param="registration"))
def onboard_organisation(registration: Registration, today: str | None = None
                         ) -> dict[str, Any]:
    """Register, route, open the checklist; send a kilde's agreement, order for a konsument.

    Re-running for the same organisation continues where it stands and duplicates nothing.

    Args:
        registration: The organisation, its role and contacts.
        today: Run as if it were this date (YYYY-MM-DD); empty means today.
    """
    with flow_app(today) as app:
        (outcome,) = _steps(app, [csvfile.Row(1, registration)])
    if outcome.error:
        raise InvalidInput(outcome.error)
    print(f"{outcome.navn} ({outcome.orgnr}): " + "; ".join(outcome.steps))
    return outcome.as_dict()
