"""`avtaleflyt onboard` with a Prefect server configured runs in the command's process and is
recorded over the REST API as a run of its flow: the run shows what a run of the flow itself
shows (name, parameters, its task run, the outcome's log line, the per-row table and the
audit head as artifacts; a refusal's state and artifact), without Prefect's engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli import main

TWO_KOMMUNER = "orgnr;role\n958935420;kilde\n964338531;kilde\n"


def _shown(run_id: Any) -> dict[str, Any]:
    """What the Prefect UI shows of a run: its flow, name, parameters, state, task runs,
    log lines and artifacts (by key)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowRunFilter,
        FlowRunFilterId,
        LogFilter,
        LogFilterFlowRunId,
    )
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=30)
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(run_id)
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(
            id=FlowRunFilterId(any_=[run_id])))
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[run_id])))
        flow = client.read_flow(run.flow_id).name
    return {"flow": flow, "name": run.name, "parameters": run.parameters,
            "state": run.state_type.value if run.state_type else None,
            "message": run.state.message if run.state else None,
            "tasks": sorted((t.name, t.state_type.value if t.state_type else None)
                            for t in tasks),
            "logs": [log.message for log in logs],
            "artifacts": {a.key: a.data for a in artifacts}}


def _latest(flow: str) -> Any:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        (run,) = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[flow])),
                                       sort=FlowRunSort.EXPECTED_START_TIME_DESC, limit=1)
    return run.id


def test_a_csv_onboarded_from_the_cli_shows_as_the_flow_shows_it(
        served: None, tmp_path: Path) -> None:
    """The CLI's run and the flow's own run of the same staged CSV show the same name,
    parameters, task run, artifacts and table; each logs its outcome's line."""
    from flows.onboarding import onboard_batch

    csv = tmp_path / "to-kommuner.csv"
    csv.write_text(TWO_KOMMUNER, encoding="utf-8")
    assert main(["onboard", "--csv", str(csv), "--offline", "--today", "2026-11-25"]) == 0
    cli_run = _shown(_latest("onboard-batch"))
    state = onboard_batch(csv_file=cli_run["parameters"]["csv_file"], offline=True,
                          today="2026-11-25", return_state=True)
    flow_run = _shown(state.state_details.flow_run_id)
    assert cli_run["name"] == flow_run["name"] == "onboard-batch-kommuner-2"
    assert cli_run["parameters"] == flow_run["parameters"]
    assert cli_run["state"] == flow_run["state"] == "COMPLETED"
    assert cli_run["tasks"] == flow_run["tasks"] == [("onboard-batch", "COMPLETED")]
    assert cli_run["artifacts"].keys() == flow_run["artifacts"].keys() == {
        "audit-head", "onboard-batch-outcome"}
    rows = json.loads(cli_run["artifacts"]["onboard-batch-outcome"])
    assert [r["navn"] for r in rows] == ["Oslo kommune", "Bergen kommune"]
    assert all(r["outcome"].startswith("registered; agreement #") for r in rows)
    assert [r["navn"] for r in json.loads(flow_run["artifacts"]["onboard-batch-outcome"])] == [
        "Oslo kommune", "Bergen kommune"]
    assert "2 onboarded, 0 need attention; e-mail: 0 sent" in cli_run["logs"]
    assert any(line.startswith("2 onboarded") for line in flow_run["logs"])


def test_a_refused_csv_fails_its_run_as_the_flow_does(
        served: None, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """A CSV unusable as a whole: one line on stderr and exit 1; the run is Failed with the
    same bokmål line and refusal artifact as the flow's own run of that file."""
    from flows.errortexts import Refusal
    from flows.onboarding import onboard_batch

    csv = tmp_path / "feil.csv"
    csv.write_text("navn;rolle\nOslo;kilde\n", encoding="utf-8")
    capfd.readouterr()
    assert main(["onboard", "--csv", str(csv), "--offline"]) == 1
    assert capfd.readouterr().err.count("\n") == 1
    cli_run = _shown(_latest("onboard-batch"))
    state = onboard_batch(csv_file=cli_run["parameters"]["csv_file"], offline=True,
                          return_state=True)
    with pytest.raises(Refusal):
        state.result()
    flow_run = _shown(state.state_details.flow_run_id)
    assert cli_run["state"] == flow_run["state"] == "FAILED"
    assert cli_run["message"] == flow_run["message"] and cli_run["message"]
    assert cli_run["artifacts"]["refusal"] == flow_run["artifacts"]["refusal"]
    assert cli_run["tasks"] == [("onboard-batch", "FAILED")]


def test_one_organisation_onboarded_from_the_cli_is_its_flows_run(served: None) -> None:
    """`onboard ORGNR` is a run of `onboard-organisation` named after the organisation, with
    its row in the table artifact and the audit head beside it."""
    assert main(["onboard", "958935420", "--role", "kilde", "--offline"]) == 0
    run = _shown(_latest("onboard-organisation"))
    assert run["name"] == "onboard-958935420-oslo" and run["state"] == "COMPLETED"
    assert run["parameters"]["registration"]["orgnr"] == "958935420"
    assert run["tasks"] == [("onboard-organisation", "COMPLETED")]
    (row,) = json.loads(run["artifacts"]["onboard-organisation-outcome"])
    assert row["navn"] == "Oslo kommune" and "audit-head" in run["artifacts"]


def test_one_organisation_that_needs_attention_fails_its_run(
        served: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Registered, but its agreement could not be made (no templates): exit 1, and the run
    is Failed with the bokmål line, its refusal artifact and the row's table, as the flow's."""
    (tmp_path / "no-templates").mkdir()
    monkeypatch.setenv("AVTALEFLYT_TEMPLATES_DIR", str(tmp_path / "no-templates"))
    assert main(["onboard", "958935420", "--role", "kilde", "--offline"]) == 1
    run = _shown(_latest("onboard-organisation"))
    assert run["state"] == "FAILED" and "er registrert, men ikke alt gikk gjennom" in (
        run["message"] or "")
    assert run["artifacts"]["refusal"].startswith("**Avvist:** ")
    assert run["tasks"] == [("onboard-organisation", "COMPLETED")]  # the command returned
    (row,) = json.loads(run["artifacts"]["onboard-organisation-outcome"])
    assert "agreement was not created" in row["outcome"]
