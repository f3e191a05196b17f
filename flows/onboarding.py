"""Onboarding flows: one organisation, or a CSV of many (all 357 kommuner in one run).

Each runs its command of `agreements.commands` (one recipe for every front door: register,
agreements, NHN orders, delivery; a CSV unusable as a whole is refused before anything is
written, bad rows are reported and good rows go on) and shows what became of each row.
`avtaleflyt onboard` records its runs of these flows without Prefect's engine
(`cli.onboarding`), showing what these show: change one, change the other
(tests/test_cli_onboarding_runs.py compares them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from prefect import flow
from prefect.artifacts import create_table_artifact

from agreements.commands import OnboardBatch, OnboardingOutcome, OnboardOrganisation, naming
from agreements.documents.runfiles import Purpose
from agreements.errorcodes import Code
from agreements.errors import Refused
from agreements.registry.register import Registration
from flows import names, runfiles
from flows.common import anchor_artifact, flow_app, run_command
from flows.errortexts import worded
from flows.forms import CsvFile, CsvText, Day, Force, Offline, form_of, shown

if TYPE_CHECKING:
    RegistrationForm = Registration
else:  # the run form in bokmål
    RegistrationForm = form_of(Registration)
Organisation = Annotated[RegistrationForm, shown(
    "Virksomheten", "Virksomheten som skal registreres, rollen den har og kontaktene.")]


class OnboardingIncomplete(Refused):
    """The organisation is registered, but a step after that did not get through."""


@flow(name=OnboardBatch.action, log_prints=True,
      flow_run_name=names.batch(OnboardBatch.action))
@worded
def onboard_batch(csv_file: CsvFile = None, csv_text: CsvText = None,
                  offline: Offline = False, today: Day = None,
                  force: Force = False) -> OnboardingOutcome:
    """Onboard every organisation in a CSV; bad rows are reported, good rows go on.
    """
    with flow_app(today, force) as app:
        command = OnboardBatch(csv_text=csv_text, offline=offline, csv_file=runfiles.upload(
            app, csv_file, Purpose.ORGANISATIONS))
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
def onboard_organisation(registration: Organisation, today: Day = None,
                         force: Force = False) -> OnboardingOutcome:
    """Register, route, open the checklist; send a kilde's agreement, order for a konsument.

    Re-running for the same organisation continues where it stands and duplicates nothing.
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
