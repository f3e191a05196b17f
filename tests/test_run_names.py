"""Run names that say what they concern, and schedules that say their time zone."""

from __future__ import annotations

import pytest
import yaml

from agreements.app import App
from agreements.commands.naming import run_name, slug
from agreements.config import PROJECT_ROOT, Settings
from agreements.contracts import drafts
from tests.helpers import oslo_kilde


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: the names are the point, not the documents."""
    return settings.model_copy(update={"pdf": False})


def test_names_from_the_reference_data_need_no_database() -> None:
    """A kommune's run is named by its orgnr and its name from the reference data."""
    assert run_name(None, "onboard", {"orgnr": "958 935 420"}) == "onboard-958935420-oslo"
    assert slug("Kárášjohka - Karasjok kommune") == "karasjohka-karasjok"
    assert slug("Psykiater Ravna & Sønn") == "psykiater-ravna-sonn"


def test_agreement_runs_are_named_by_verb_and_agreement_number(app: App) -> None:
    """Recording a signature on agreement #1 is `sign-PJD-KOMMUNER-958935420-1`."""
    (made,) = drafts.create_agreements(app, [oslo_kilde(app)])
    values = {"agreement_id": made.agreement_id, "signer_email": "ola@oslo.kommune.no"}
    assert run_name(app, "record-signature", values) == "sign-PJD-KOMMUNER-958935420-1"
    assert run_name(None, "record-signature", values) == f"sign-{made.agreement_id}"
    assert run_name(None, "retry-outbox", {"all_failed": True}) == "retry-outbox-all-failed"


def test_scheduled_deployments_say_their_time_zone() -> None:
    """Each scheduled deployment's description names the time zone of its schedule."""
    spec = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    scheduled = [d for d in spec["deployments"] if d.get("schedules")]
    assert {d["name"] for d in scheduled} == {"follow-up", "rollout-report", "poll-signatures",
                                           "deliver-outbox"}
    for deployment in scheduled:
        for schedule in deployment["schedules"]:
            assert schedule["timezone"] in deployment["description"], deployment["name"]
