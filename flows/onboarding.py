"""Onboarding flows: one organisation, or a CSV of many (all 357 kommuner in one run).

Each runs its command of `agreements.commands` (one recipe for every front door: register,
agreements, NHN orders, delivery; a CSV unusable as a whole is refused before anything is
written, bad rows are reported and good rows go on) and shows what became of each row.
"""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_table_artifact

from agreements.commands import OnboardBatch, OnboardingOutcome, OnboardOrganisation, naming
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.registry.register import Registration
from flows import names
from flows.common import anchor_artifact, flow_app, run_command
from flows.errortexts import worded


class OnboardingIncomplete(Refused):
    """The organisation is registered, but a step after that did not get through."""


@flow(name=OnboardBatch.action, log_prints=True,
      flow_run_name=names.batch(OnboardBatch.action))
@worded
def onboard_batch(csv_path: str | None = None, csv_text: str | None = None,
                  offline: bool = False, today: str | None = None,
                  force: bool = False) -> OnboardingOutcome:
    """Onboard every organisation in a CSV; bad rows are reported, good rows go on.

    Args:
        csv_path: Path of the CSV file on the machine that runs the flow.
        csv_text: The CSV itself (instead of csv_path), e.g. pasted into the form.
        offline: Never call Enhetsregisteret; kommuner come from the reference data.
        today: Run as if it were this date (YYYY-MM-DD); empty means today.
        force: Allow a `today` more than a year from the real date.
    """
    command = OnboardBatch(csv_path=csv_path, csv_text=csv_text, offline=offline)
    with flow_app(today, force) as app:
        outcome = run_command(command)
        anchor_artifact(app)
    assert isinstance(outcome, OnboardingOutcome)
    names.rename(f"{OnboardBatch.action}-{names.batch_label(r.orgnr for r in outcome.rows)}")
    create_table_artifact(table=[r.model_dump() for r in outcome.rows],
                          key="onboard-batch-outcome", description=outcome.message)
    print(outcome.message)
    return outcome


@flow(name=OnboardOrganisation.action, log_prints=True,
      flow_run_name=names.action("onboard", param="registration"))
@worded
def onboard_organisation(registration: Registration, today: str | None = None,
                         force: bool = False) -> OnboardingOutcome:
    """Register, route, open the checklist; send a kilde's agreement, order for a konsument.

    Re-running for the same organisation continues where it stands and duplicates nothing.

    Args:
        registration: The organisation, its role and contacts.
        today: Run as if it were this date (YYYY-MM-DD); empty means today.
        force: Allow a `today` more than a year from the real date.
    """
    command = OnboardOrganisation.model_validate(registration.model_dump())
    with flow_app(today, force) as app:
        outcome = run_command(command)
        anchor_artifact(app)
    assert isinstance(outcome, OnboardingOutcome)
    names.rename(naming.run_name(None, "onboard", {"orgnr": command.orgnr, "name": next(
        (r.navn for r in outcome.rows), command.name)}))
    create_table_artifact(table=[r.model_dump() for r in outcome.rows],
                          key=f"{OnboardOrganisation.action}-outcome", description=outcome.message)
    print(outcome.message)
    if outcome.attention:  # registered, but its agreement or a message did not get through
        raise OnboardingIncomplete(Code.ONBOARDING_INCOMPLETE, orgnr=outcome.orgnr or "",
                                   outcome=outcome.rows[0].outcome)
    return outcome
