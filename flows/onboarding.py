"""Onboarding flows: one organisation, or a CSV of many (all 357 kommuner in one run).

Tasks stay coarse (one per step for a chunk of up to 500 rows, not one per row), so a batch
of 357 is a handful of task runs; each step is idempotent, so a re-run continues where one
stopped. The CSV is streamed: a file unusable as a whole is refused before anything is
written, and a batch never reports success while one of its messages is undelivered.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO, Any

from prefect import flow, task
from prefect.artifacts import (
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.cache_policies import NO_CACHE

from agreements.app import App
from agreements.core import bounded
from agreements.errorcodes import Code
from agreements.errors import InvalidInput
from agreements.onboarding import batch, csvfile, steps
from agreements.registry.register import Registration
from flows.common import anchor_artifact, deliver, flow_app, parameter


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


def _steps(app: App, rows: list[csvfile.Row]) -> list[steps.Outcome]:
    outcomes = register_rows(app, rows)
    made = create_agreements(app, outcomes)
    send_agreements(app, outcomes, made)
    prepare_orders(app, outcomes)
    return outcomes


def _progress(artifact_id: Any, value: float) -> None:
    if artifact_id is not None:
        update_progress_artifact(artifact_id=artifact_id, progress=value)


def _source(csv_path: str | None, csv_text: str | None) -> IO[str]:
    if bool(csv_path) == bool(csv_text):
        raise InvalidInput("give exactly one of csv_path and csv_text")
    if csv_text and len(csv_text) > bounded.CSV_MAX_BYTES:  # lines and rows: as in a file
        raise InvalidInput(Code.FILE_TOO_LARGE, name="csv_text", size=len(csv_text),
                           limit=bounded.CSV_MAX_BYTES)
    return io.StringIO(csv_text) if csv_text else csvfile.open_text(Path(csv_path or ""))


def _finish(app: App, outcomes: list[steps.Outcome]) -> tuple[str, list[dict[str, Any]]]:
    """Deliver, then say of each row whether its messages have left."""
    said = deliver(app)
    batch.annotate(app, outcomes)
    anchor_artifact(app)
    return said, [o.as_dict() for o in outcomes]


@flow(name="onboard-batch", log_prints=True)
def onboard_batch(csv_path: str | None = None, csv_text: str | None = None,
                  offline: bool = False, today: str | None = None,
                  force: bool = False) -> dict[str, Any]:
    """Onboard every organisation in a CSV; bad rows are reported, good rows go on.

    Args:
        csv_path: Path of the CSV file on the machine that runs the flow.
        csv_text: The CSV itself (instead of csv_path), e.g. pasted into the form.
        offline: Never call Enhetsregisteret; kommuner come from the reference data.
        today: Run as if it were this date (YYYY-MM-DD); empty means today.
        force: Allow a `today` more than a year from the real date.
    """
    with _source(csv_path, csv_text) as source:
        scanned = csvfile.scan(source, offline=offline)
    progress = create_progress_artifact(progress=0.0, key="onboard-batch-progress",
                                        description="Onboarding progress")
    outcomes: list[steps.Outcome] = []
    rejected: list[csvfile.BadRow] = []
    with flow_app(today, force) as app, _source(csv_path, csv_text) as source:
        for rows, wrong in csvfile.chunks(source, offline=offline, repeated=scanned.repeated):
            outcomes += _steps(app, rows)
            rejected += wrong
            _progress(progress, 90 * (len(outcomes) + len(rejected)) / (scanned.good + scanned.bad))
        said, table = _finish(app, outcomes)
    _progress(progress, 100)
    table += [{"line": b.line, "orgnr": b.orgnr, "navn": "", "outcome": b.reason, "ok": False}
              for b in rejected]
    table.sort(key=lambda r: int(str(r["line"])))
    create_table_artifact(table=table, key="onboard-batch-outcome",
                          description=f"{scanned.good} valid rows, {scanned.bad} rejected")
    totals = batch.Totals()
    totals.add(table)
    print(f"{totals}; e-mail: {said}")
    return {"rows": table, "ok": totals.done, "failed": totals.attention,
            "waiting": totals.waiting, "delivery": said}


@flow(name="onboard-organisation", log_prints=True,
      flow_run_name=parameter("onboard", param="registration"))
def onboard_organisation(registration: Registration, today: str | None = None,
                         force: bool = False) -> dict[str, Any]:
    """Register, route, open the checklist; send a kilde's agreement, order for a konsument.

    Re-running for the same organisation continues where it stands and duplicates nothing.

    Args:
        registration: The organisation, its role and contacts.
        today: Run as if it were this date (YYYY-MM-DD); empty means today.
        force: Allow a `today` more than a year from the real date.
    """
    with flow_app(today, force) as app:
        outcomes = _steps(app, [csvfile.Row(1, registration)])
        _, (shown,) = _finish(app, outcomes)
    if outcomes[0].error:
        raise InvalidInput(outcomes[0].error)
    print(f"{shown['navn']} ({shown['orgnr']}): {shown['outcome']}")
    return shown
