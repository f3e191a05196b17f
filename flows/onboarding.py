"""Onboarding flows: one organisation, or a CSV of many (all 357 kommuner in one run)."""

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

from agreements import batch, onboarding
from agreements.errors import InvalidInput
from agreements.registry import Registration
from flows.common import app_for, deliver


@task(name="validate-rows", cache_policy=NO_CACHE)
def validate_rows(csv_text: str, offline: bool) -> tuple[list[batch.Row], list[batch.BadRow]]:
    return batch.parse(csv_text, offline=offline)


@task(name="register", cache_policy=NO_CACHE)
def register_rows(rows: list[batch.Row], today: str | None) -> list[onboarding.Outcome]:
    return onboarding.register_rows(app_for(today), rows)


@task(name="create-agreements", cache_policy=NO_CACHE)
def create_agreements(outcomes: list[onboarding.Outcome],
                      today: str | None) -> tuple[list[onboarding.Outcome], dict[int, int]]:
    made = onboarding.create_agreements(app_for(today), outcomes)
    return outcomes, made


@task(name="send-agreements", cache_policy=NO_CACHE)
def send_agreements(outcomes: list[onboarding.Outcome], made: dict[int, int],
                    today: str | None) -> list[onboarding.Outcome]:
    onboarding.send_drafts(app_for(today), outcomes, made)
    return outcomes


@task(name="prepare-nhn-orders", cache_policy=NO_CACHE)
def prepare_orders(outcomes: list[onboarding.Outcome],
                   today: str | None) -> list[onboarding.Outcome]:
    onboarding.prepare_orders(app_for(today), outcomes)
    return outcomes


def _steps(rows: list[batch.Row], today: str | None,
           progress: Any = None) -> list[onboarding.Outcome]:
    outcomes = register_rows(rows, today)
    _progress(progress, 30)
    outcomes, made = create_agreements(outcomes, today)
    _progress(progress, 70)
    outcomes = send_agreements(outcomes, made, today)
    outcomes = prepare_orders(outcomes, today)
    _progress(progress, 90)
    deliver(today)
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
    text = csv_text or batch.read(Path(csv_path or ""))
    progress = create_progress_artifact(progress=0.0, key="onboard-batch-progress",
                                        description="Onboarding progress")
    rows, bad = validate_rows(text, offline)
    _progress(progress, 10)
    outcomes = _steps(rows, today, progress)
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


@flow(name="onboard-organisation", log_prints=True)
def onboard_organisation(
    orgnr: str, role: str, kind: str | None = None, region: str | None = None,
    name: str | None = None, kommunenummer: str | None = None, signatory: str | None = None,
    coordinator: str | None = None, offline: bool = False, today: str | None = None,
) -> dict[str, Any]:
    """Register, route, open the checklist; send a kilde's agreement, order for a konsument.

    Re-running for the same organisation continues where it stands and duplicates nothing.

    Args:
        orgnr: Organisasjonsnummer (9 digits; spaces allowed).
        role: kilde, konsument or begge.
        kind: avtalespesialist, helseforetak or privat (kommuner are recognised).
        region: The RHF area of an avtalespesialist, e.g. helse-nord.
        name: Name, when registering by hand (offline, not a kommune).
        kommunenummer: 4-digit kommunenummer, when registering by hand.
        signatory: "Name <email>" of who signs for the organisation.
        coordinator: "Name <email>" of the organisation's PJD lead.
        offline: Never call Enhetsregisteret.
        today: Run as if it were this date (YYYY-MM-DD); empty means today.
    """
    reg = Registration(orgnr=orgnr, role=role, kind=kind, region=region, name=name,
                       kommunenummer=kommunenummer, signatory=signatory,
                       coordinator=coordinator, offline=offline)
    (outcome,) = _steps([batch.Row(1, reg)], today)
    if outcome.error:
        raise InvalidInput(outcome.error)
    print(f"{outcome.navn} ({outcome.orgnr}): " + "; ".join(outcome.steps))
    return outcome.as_dict()
