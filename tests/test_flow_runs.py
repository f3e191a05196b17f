"""Runs that say what they did, under Prefect's test harness: names that say what and whom,
artifacts that name organisations (never internal ids), and a refusal that ends its run as
Failed with one line in bokmål and an artifact, without a traceback in the log."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from agreements.commands import GoLive, SendAgreement
from agreements.config import Settings
from agreements.errors import GateClosed
from agreements.registry.register import Registration
from flows.deployments import DEPLOYMENTS
from flows.errortexts import Refusal
from tests.conftest import make_app

TWO_KOMMUNER = "orgnr;role\n958935420;kilde\n964338531;kilde\n"


@pytest.fixture
def flow_env(prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The flows read their settings from the environment, as on a worker."""
    monkeypatch.setenv("AVTALEFLYT_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("AVTALEFLYT_OFFLINE", "1")
    monkeypatch.setenv("AVTALEFLYT_PDF", "0")
    monkeypatch.delenv("AVTALEFLYT_DATABASE_URL", raising=False)
    settings = Settings.from_env()
    make_app(settings)
    return settings


def _run_of(state: Any) -> Any:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_flow_run(state.state_details.flow_run_id)


def _artifacts(run_id: UUID) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))
    return [str(a.data) for a in found]


def _logs(run_id: UUID) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=30)
    with get_client(sync_client=True) as client:
        return [log.message for log in client.read_logs(
            LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))]


def test_every_deployment_names_its_runs() -> None:
    """Each deployment's flow has a run name of its own (none is left to Prefect's random
    `iota6-surata`)."""
    from flows.serve import entrypoint_flows

    found = entrypoint_flows()
    assert set(found) == {spec.name for spec in DEPLOYMENTS}
    for name, flow in found.items():
        assert callable(flow.flow_run_name), name


def test_runs_are_named_after_what_and_whom(flow_env: Settings) -> None:
    """The runs list reads `onboard-958935420-oslo`, `onboard-batch-kommuner-2`,
    `follow-up-2027-01-04-dry-run`, `rollout-report-2027-01-04`,
    `send-PJD-KOMMUNER-958935420-1` and `poll-signatures-<day>-<time>`."""
    from flows.actions import send_agreement
    from flows.followup import follow_up, rollout_report
    from flows.onboarding import onboard_batch, onboard_organisation
    from flows.signing import poll_signatures

    states = {
        "onboard": onboard_organisation(Registration(orgnr="958935420", role="kilde"),
                                        today="2026-11-25", return_state=True),
        "batch": onboard_batch(csv_text=TWO_KOMMUNER, offline=True, today="2026-11-25",
                               return_state=True),
        "follow-up": follow_up(today="2027-01-04", dry_run=True, return_state=True),
        "report": rollout_report(today="2027-01-04", return_state=True),
        "send": send_agreement(SendAgreement(agreement_id=1), return_state=True),
        "poll": poll_signatures(return_state=True),
    }
    names = {what: _run_of(state).name for what, state in states.items()}
    assert names == names | {
        "onboard": "onboard-958935420-oslo", "batch": "onboard-batch-kommuner-2",
        "follow-up": "follow-up-2027-01-04-dry-run", "report": "rollout-report-2027-01-04",
        "send": "send-PJD-KOMMUNER-958935420-1"}
    assert re.fullmatch(r"poll-signatures-\d{4}-\d\d-\d\d-\d{4}", names["poll"]), names


def test_onboarding_artifacts_name_organisations_not_ids(flow_env: Settings) -> None:
    """Onboarding one organisation shows its per-row table, naming the organisation; no
    artifact of onboarding or an action carries a `signature:`/`participation:` id."""
    from flows.actions import go_live, send_agreement
    from flows.onboarding import onboard_batch, onboard_organisation

    runs = [onboard_organisation(Registration(orgnr="958935420", role="kilde"),
                                 today="2026-11-25", return_state=True),
            onboard_batch(csv_text=TWO_KOMMUNER, offline=True, today="2026-11-25",
                          return_state=True),
            send_agreement(SendAgreement(agreement_id=1), return_state=True),
            go_live(GoLive(orgnr="958935420"), return_state=True)]
    shown = [_artifacts(state.state_details.flow_run_id) for state in runs]
    assert any("Oslo kommune" in a and "958935420" in a for a in shown[0]), shown[0]
    assert any("Bergen kommune" in a for a in shown[1]), shown[1]
    for artifacts in shown:
        for text in artifacts:
            assert not re.search(r"\b(signature|participation):\d", text), text


def test_a_refused_go_live_fails_with_one_line_and_no_traceback(flow_env: Settings) -> None:
    """A go-live with open gates: the run is Failed with the refusal's one bokmål line, a
    markdown artifact lists each open gate, and the log holds no traceback."""
    from flows.actions import go_live
    from flows.onboarding import onboard_organisation

    onboard_organisation(Registration(orgnr="958935420", role="kilde"), today="2026-11-25")
    state = go_live(GoLive(orgnr="958935420", live_on=date(2026, 12, 1)), return_state=True)
    assert state.is_failed()
    message = state.message or ""
    assert "\n" not in message and "samarbeidsavtalen signert av begge parter" in message
    assert message.startswith("Oslo kommune")
    with pytest.raises(Refusal) as refused:
        state.result()
    assert isinstance(refused.value.error, GateClosed)
    run_id = state.state_details.flow_run_id
    (artifact,) = [a for a in _artifacts(run_id) if a.startswith("**Avvist:**")]
    gates = [line for line in artifact.splitlines() if line.startswith("- ")]
    assert len(gates) >= 2 and any("samarbeidsavtalen" in g for g in gates)
    logs = _logs(run_id)
    assert any("Finished in state Failed" in line for line in logs), logs
    assert not any("Traceback" in line or "Encountered exception" in line for line in logs)


def test_deliver_outbox_sends_what_was_left_queued(flow_env: Settings,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A message queued while the mail server was down leaves with the next scheduled
    deliver-outbox run, named after when it ran."""
    from agreements.outbox import queue
    from flows.outbox import deliver_outbox
    from tests.smtp_server import smtp_server

    with smtp_server() as (inbox, port):
        monkeypatch.setenv("AVTALEFLYT_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("AVTALEFLYT_SMTP_PORT", str(port))
        app = make_app(Settings.from_env())
        with app.transaction() as s:
            queue.enqueue(app, s, queue.Mail("t:9", "kari@example.no", "Emne", "Tekst"))
        state = deliver_outbox(return_state=True)
        assert state.is_completed() and state.result().sent == ["t:9"]
        assert [m["To"] for m in inbox.messages] == ["kari@example.no"]
    assert re.fullmatch(r"deliver-outbox-\d{4}-\d\d-\d\d-\d{4}", _run_of(state).name)


def test_follow_up_artifacts_name_organisations_and_people_not_ids(flow_env: Settings) -> None:
    """The follow-up's table and summary say whom each reminder concerns (Oslo kommune, its
    signatory by name), in bokmål; no artifact carries a `signature:`/`participation:` id."""
    from flows.followup import follow_up
    from tests.world import build_world

    build_world(flow_env)  # Oslo's agreement sent to Ola, its signatory
    state = follow_up(today="2027-01-04", dry_run=True, return_state=True)
    shown = _artifacts(state.state_details.flow_run_id)
    table = json.loads(next(a for a in shown if "Gjelder" in a))
    assert {"Hva": "påminnelse om signering", "Nr.": 1,
            "Gjelder": "Oslo kommune (kilde): signatur fra Ola Ordfører"
            } in [{k: r[k] for k in ("Hva", "Nr.", "Gjelder")} for r in table], table
    assert any(a.startswith("**Oppfølging 04.01.2027**") for a in shown), shown
    for text in shown:
        assert not re.search(r"\b(signature|participation|item|agreement|order):\d", text), text


def test_subjects_in_words_name_the_organisation_and_person(flow_env: Settings) -> None:
    """Every kind of subject a follow-up or a signing change concerns has its words; one
    that is gone says so."""
    from sqlmodel import select

    from agreements.core.models import ChecklistItem, Signature
    from agreements.reporting.subjects import describe
    from tests.world import build_world

    app = build_world(flow_env).app  # Oslo's agreement (the first) sent to its signatory
    with app.transaction() as s:
        signature = s.exec(select(Signature)).first()
        item = s.exec(select(ChecklistItem)).first()
        assert signature is not None and item is not None
        words = describe(s, [f"signature:{signature.id}", "agreement:1", f"item:{item.id}",
                             "participation:1", "agreement:999", "-"])
    assert words["agreement:1"] == "avtalen for Oslo kommune (kilde)"
    assert words["participation:1"] == "Oslo kommune (kilde)"
    assert words[f"item:{item.id}"].startswith("Oslo kommune (kilde): ")
    assert words[f"signature:{signature.id}"].startswith("Oslo kommune (kilde): signatur fra ")
    assert (words["agreement:999"], words["-"]) == ("(slettet)", "–")
