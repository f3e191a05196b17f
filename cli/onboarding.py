"""Onboarding from the command line with a Prefect server configured: the command runs here,
and the server records it as a run of its flow (`onboard-batch`, `onboard-organisation`),
over the REST API (`cli.server.recorded_run`) rather than through Prefect's engine, whose
import and run cost about a second of CPU a run, half of one kommune's onboarding.

The run shows what a run of the flow itself shows (`flows.onboarding`): the flow's
parameters (a CSV as the code it was staged under), the command's task run, the name the
run takes once its rows are read (`onboard-batch-kommuner-357`, `onboard-958935420-oslo`),
the outcome's line in its log, the per-row table and the audit log's head as artifacts,
Failed with the refusal's bokmål line (and its artifact) when the command is refused, or when
an organisation onboarded alone needs attention.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from agreements.commands import OnboardBatch, OnboardingOutcome, OnboardOrganisation, execute
from agreements.commands.naming import run_name
from agreements.core import audit
from agreements.documents.runfiles import Purpose, upload_of
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, Refused
from cli.server import Shown, recorded_run
from flows import names

if TYPE_CHECKING:
    from agreements.app import App


def batch(app: App, code: str, *, offline: bool, today: str | None,
          force: bool) -> OnboardingOutcome:
    """Onboard the CSV staged under `code`, recorded as a run of `onboard-batch`."""
    action = OnboardBatch.action
    parameters = {"csv_file": code, "csv_text": None, "offline": offline, "today": today,
                  "force": force}

    def run() -> OnboardingOutcome:
        staged = upload_of(app, code, Purpose.ORGANISATIONS)
        return _onboarded(execute(app, OnboardBatch(csv_file=staged, offline=offline)))

    def shown(outcome: Any) -> Shown:
        return _shown(app, outcome, f"{action}-outcome", name=f"{action}-" + names.batch_label(
            r.orgnr for r in outcome.rows))

    return _onboarded(recorded_run(action, parameters, run, shown, refused=_refused,
                                   label=names.batch_name(action, parameters), task=action))


def organisation(app: App, command: OnboardOrganisation, *, today: str | None,
                 force: bool) -> OnboardingOutcome:
    """Onboard one organisation, recorded as a run of `onboard-organisation`: Failed when it
    needs attention (registered, but its agreement or a message did not get through)."""
    action = OnboardOrganisation.action
    parameters = {"registration": command.model_dump(mode="json"), "today": today,
                  "force": force}

    def shown(outcome: Any) -> Shown:
        said = _shown(app, outcome, f"{action}-outcome", name=run_name(None, "onboard", {
            "orgnr": command.orgnr,
            "name": next((r.navn for r in outcome.rows), command.name)}))
        if outcome.attention:
            failed = _refused(Refused(Code.ONBOARDING_INCOMPLETE, orgnr=outcome.orgnr or "",
                                      outcome=outcome.rows[0].outcome))
            said.failed, said.artifacts = failed.failed, said.artifacts + failed.artifacts
        return said

    return _onboarded(recorded_run(
        action, parameters, lambda: execute(app, command), shown, refused=_refused,
        label=run_name(None, "onboard", command.model_dump()), task=action))


def _onboarded(outcome: Any) -> OnboardingOutcome:
    assert isinstance(outcome, OnboardingOutcome)
    return outcome


def _shown(app: App, outcome: OnboardingOutcome, key: str, *, name: str) -> Shown:
    """The run's name, its log line and its artifacts: the audit log's head (an anchor
    outside the database, as every flow run publishes it) and the per-row table."""
    with app.reading() as session:
        head = audit.head(session)
    artifacts = [] if head is None else [{
        "key": "audit-head", "type": "markdown", "description": "Head of the audit log",
        "data": f"Audit log head: `{head[0]}:{head[1]}`"}]
    artifacts.append({"key": key, "type": "table", "description": outcome.message,
                      "data": json.dumps([r.model_dump() for r in outcome.rows])})
    return Shown(name=name, logs=[outcome.message], artifacts=artifacts)


def _refused(error: AvtaleflytError) -> Shown:
    """A refusal as a flow run ends with it (`flows.errortexts.refused`)."""
    from flows.errortexts import refusal

    text, markdown = refusal(error)
    return Shown(failed=text, artifacts=[{"key": "refusal", "type": "markdown",
                                          "description": text[:500], "data": markdown}])
